"""Debris inside Chinese running text: what machine translation, extraction or typing left behind.

Stray English words between Chinese characters (``科技企业 and 创业者``), a digit inside a word
(``完2成``), a question mark where a character was lost (``东方财经？浦东频道``), half-width
punctuation in Chinese sentences (``需求, 有计划``). Each finding quotes the place and gives its
character position in the paragraph. Acronyms (APJIE, IBI, WiFi) and counts (``3家``) are fine.
"""
from __future__ import annotations

import re

from .base import Context, Finding, rule
from .cells import grid

# No Chinese character class in these patterns: compiling one costs milliseconds per process
# (the regex compiler walks all 27,000 code points); the neighbours are tested by ``_han``.
WORDS = re.compile(r"[A-Za-z]+(?:\s+[A-Za-z]+)*")
# English words that are never an acronym or a name: a sentence's glue left untranslated.
GLUE = frozenset("a an and are as at be by for from in is it of on or that the this to was were with".split())
# Lower-case words Chinese writing uses as its own (开发app, 设计logo).
LOANS = frozenset("app apps logo wifi ppt pdf ok vip email excel word".split())
DIGITS = re.compile(r"(?<![0-9０-９.])[0-9０-９]{1,2}(?![0-9０-９.])")
# What may follow a number: measure words, units, 万/亿, ordinal and range words (3家, 5期, 6大类, 20多).
COUNTED = frozenset("个家项年月日号人次场批件位届名期篇条所类种份天周岁万亿千百元角分秒倍余多平米亩吨克台套部本册户"
                    "例起轮组支只张页点层栋座块间门楼区省市县级度强佳后大小版代步方型星封票单笔宗餐课讲")
QUESTION = re.compile(r"[?？]")
ASKING = ("吗", "呢", "什么", "怎么", "怎样", "如何", "为何", "为什么", "是否", "哪", "谁", "几", "多少", "难道", "何")
SENTENCE_END = re.compile(r"[。！!；;\n]")
HALF_PUNCT = re.compile(r"[,;:!]")
CONTEXT = 8  # characters quoted on each side


def _han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def _before(text: str, at: int) -> str:
    """Return the character before ``at``, white space skipped ("" at the start)."""
    left = text[max(0, at - 8):at].rstrip() or text[:at].rstrip()
    return left[-1] if left else ""


def _after(text: str, at: int) -> str:
    """Return the character from ``at`` on, white space skipped ("" at the end)."""
    right = text[at:at + 8].lstrip() or text[at:].lstrip()
    return right[0] if right else ""


def _stray(word: str) -> bool:
    """Return True for an English word rather than an acronym or a list mark (APJIE, WiFi, A、)."""
    if word.lower() in LOANS:
        return False
    return (word.islower() and len(word) > 1) or (word.lower() in GLUE and not word.isupper())


def _quote(text: str, start: int, end: int) -> str:
    left, right = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def _finding(code: str, path: tuple, text: str, start: int, end: int, **params) -> Finding:
    return Finding(code, path, {"quote": _quote(text, start, end), "at": start + 1, **params})


@rule("stray_words", codes={"RG804": "warning"}, always=True)
def stray_words(ctx: Context):
    form = ctx.form
    for text in grid(form).texts:
        for match in WORDS.finditer(text.text):
            words = match.group().split()
            if (any(_stray(word) for word in words)
                    and _han(_before(text.text, match.start())) and _han(_after(text.text, match.end()))):
                yield _finding("RG804", text.path, text.text, match.start(), match.end(), word=match.group())


@rule("digits_in_words", codes={"RG805": "warning"}, always=True)
def digits_in_words(ctx: Context):
    form = ctx.form
    texts = grid(form).texts
    whole = "\n".join(t.text for t in texts)
    for text in texts:
        for match in DIGITS.finditer(text.text):
            start, end = match.span()
            left, right = text.text[start - 1:start], text.text[end:end + 1]
            if not (_han(left) and _han(right)) or right in COUNTED or left == "第" or left + right not in whole:
                continue  # a count (3家), an ordinal, or no word of the form the digits would split
            yield _finding("RG805", text.path, text.text, start - 1, end + 1, word=left + right, digits=match.group())


@rule("lone_question_marks", codes={"RG806": "warning"}, always=True)
def lone_question_marks(ctx: Context):
    form = ctx.form
    for text in grid(form).texts:
        for match in QUESTION.finditer(text.text):
            at = match.start()
            if not (_han(text.text[at - 1:at]) or _han(text.text[at + 1:at + 2])):
                continue  # not in Chinese text (a web address, an English question)
            starts = [m.end() for m in SENTENCE_END.finditer(text.text, 0, at)]
            sentence = text.text[starts[-1] if starts else 0:at]
            if not any(word in sentence for word in ASKING):
                yield _finding("RG806", text.path, text.text, at, at + 1)


@rule("half_width_punctuation", codes={"RG807": "warning"}, always=True)
def half_width_punctuation(ctx: Context):
    form = ctx.form
    for text in grid(form).texts:
        found = [m for m in HALF_PUNCT.finditer(text.text) if _in_chinese(text.text, m)]
        if found:
            first = found[0]
            yield _finding("RG807", text.path, text.text, first.start(), first.end(), mark=first.group(),
                           count=len(found))


def _in_chinese(text: str, mark: re.Match) -> bool:
    """Return True for a mark after a Chinese character and before one (or at the end)."""
    after = _after(text, mark.end())
    return _han(_before(text, mark.start())) and (_han(after) or not after)
