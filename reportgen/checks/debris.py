"""Debris inside Chinese running text: what machine translation, extraction or typing left behind.

Stray English words between Chinese characters (``科技企业 and 创业者``), a digit inside a word
(``完2成``), a question mark where a character was lost (``东方财经？浦东频道``), half-width
punctuation in Chinese sentences (``需求, 有计划``). Each finding quotes the place and gives its
character position in the paragraph. Acronyms (APJIE, IBI, WiFi) and counts (``3家``) are fine.
"""
from __future__ import annotations

import re

from ..messages import NOTHING, Text, msg
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
CONTEXT = 8    # characters quoted on each side
POSITIONS = 3  # further places of one slip named by position
HABIT = 3      # paragraphs of one form with half-width marks: the form's habit, reported once


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


def _finding(code: str, path: tuple, text: str, spans: list[tuple[int, int]], **params) -> Finding:
    """Return one finding for every place of ``code`` in one text: the first quoted, the count and
    the first few positions given (a text with the same slip five times is one thing to fix)."""
    start, end = spans[0]
    more = msg("debris.more", elsewhere=_elsewhere(spans)) if len(spans) > 1 else NOTHING
    return Finding(code, path, {"quote": _quote(text, start, end), "at": start + 1, "more": more, **params})


def _elsewhere(spans: list[tuple[int, int]]) -> Text:
    """Return how many places a paragraph has and where the next ones are, after the first."""
    at = [start + 1 for start, _ in spans[1:1 + POSITIONS]]
    etc = msg("debris.etc") if len(spans) > 1 + POSITIONS else NOTHING
    return msg("debris.elsewhere", count=len(spans), at=at, etc=etc)


@rule("stray_words", codes=("RG804",), always=True)
def stray_words(ctx: Context):
    for text in grid(ctx.form).texts:
        found = [m for m in WORDS.finditer(text.text) if any(_stray(word) for word in m.group().split())
                 and _han(_before(text.text, m.start())) and _han(_after(text.text, m.end()))]
        if found:
            yield _finding("RG804", text.path, text.text, [m.span() for m in found], word=found[0].group())


@rule("digits_in_words", codes=("RG805",), always=True)
def digits_in_words(ctx: Context):
    texts = grid(ctx.form).texts
    whole = "\n".join(t.text for t in texts)
    for text in texts:
        found = [(m.start() - 1, m.end() + 1, m.group()) for m in DIGITS.finditer(text.text)
                 if _splits_a_word(text.text, m, whole)]
        if found:
            start, end, digits = found[0]
            yield _finding("RG805", text.path, text.text, [(a, b) for a, b, _ in found],
                           word=text.text[start] + text.text[end - 1], digits=digits)


def _splits_a_word(text: str, match: re.Match, whole: str) -> bool:
    """Return True unless the digits are a count (3家), an ordinal, or split no word of the form."""
    start, end = match.span()
    left, right = text[start - 1:start], text[end:end + 1]
    return _han(left) and _han(right) and right not in COUNTED and left != "第" and left + right in whole


@rule("lone_question_marks", codes=("RG806",), always=True)
def lone_question_marks(ctx: Context):
    for text in grid(ctx.form).texts:
        found = [(m.start(), m.end()) for m in QUESTION.finditer(text.text) if _lost(text.text, m.start())]
        if found:
            yield _finding("RG806", text.path, text.text, found)


def _lost(text: str, at: int) -> bool:
    """Return True for a question mark in Chinese text outside a question (a lost character)."""
    if not (_han(text[at - 1:at]) or _han(text[at + 1:at + 2])):
        return False  # not in Chinese text (a web address, an English question)
    starts = [m.end() for m in SENTENCE_END.finditer(text, 0, at)]
    sentence = text[starts[-1] if starts else 0:at]
    return not any(word in sentence for word in ASKING)


@rule("half_width_punctuation", codes=("RG807",), always=True)
def half_width_punctuation(ctx: Context):
    """Half-width marks in Chinese sentences: once per paragraph, or once per form when the habit
    runs through ``HABIT`` paragraphs or more."""
    marked = []
    for text in grid(ctx.form).texts:
        found = [m for m in HALF_PUNCT.finditer(text.text) if _in_chinese(text.text, m)]
        if found:
            marked.append((text, found))
    if len(marked) >= HABIT:
        text, found = marked[0]
        count = sum(len(f) for _, f in marked)
        yield Finding("RG807", text.path, {
            "quote": _quote(text.text, found[0].start(), found[0].end()), "at": found[0].start() + 1,
            "mark": found[0].group(), "where": msg("debris.habit", paragraphs=len(marked), count=count)})
        return
    for text, found in marked:
        spans = [m.span() for m in found]
        where = _elsewhere(spans) if len(spans) > 1 else msg("debris.once")
        yield Finding("RG807", text.path, {
            "quote": _quote(text.text, *spans[0]), "at": spans[0][0] + 1, "mark": found[0].group(), "where": where})


def _in_chinese(text: str, mark: re.Match) -> bool:
    """Return True for a mark after a Chinese character and before one (or at the end)."""
    after = _after(text, mark.end())
    return _han(_before(text, mark.start())) and (_han(after) or not after)
