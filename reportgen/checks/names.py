"""Finding many names in many texts at once (Aho–Corasick): one pass over a text finds them all.

A form's reader rules look for every indicator's name in every running text; testing each name
against each text costs rows × texts, so a form of 2,000 indicators took minutes. The automaton
is built once per form and reads each text once, whatever the number of names.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator


class Names:
    """An automaton over ``names``; ``find`` yields (start, end, name) of every occurrence in a text."""

    def __init__(self, names: Iterable[str]):
        self.goto: list[dict[str, int]] = [{}]
        self.ends: list[str | None] = [None]  # the name a state completes
        for name in dict.fromkeys(names):
            self._add(name)
        self.fail = [0] * len(self.goto)
        self.link = [0] * len(self.goto)  # the nearest state by failure links that completes a name
        self._links()

    def _add(self, name: str) -> None:
        state = 0
        for char in name:
            following = self.goto[state].get(char)
            if following is None:
                following = len(self.goto)
                self.goto[state][char] = following
                self.goto.append({})
                self.ends.append(None)
            state = following
        self.ends[state] = name

    def _links(self) -> None:
        queue = deque(self.goto[0].values())
        while queue:
            state = queue.popleft()
            for char, following in self.goto[state].items():
                queue.append(following)
                back = self.fail[state]
                while back and char not in self.goto[back]:
                    back = self.fail[back]
                self.fail[following] = self.goto[back].get(char, 0)  # ``state`` is never the root here
                target = self.fail[following]
                self.link[following] = target if self.ends[target] is not None else self.link[target]

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Yield (start, end, name) for every occurrence of every name in ``text``, overlapping ones too."""
        goto, fail, ends, link = self.goto, self.fail, self.ends, self.link
        state = 0
        for at, char in enumerate(text):
            while state and char not in goto[state]:
                state = fail[state]
            state = goto[state].get(char, 0)
            found = state if ends[state] is not None else link[state]
            while found:
                name = ends[found]
                yield at + 1 - len(name), at + 1, name
                found = link[found]

    def containing(self) -> dict[str, set[str]]:
        """Return each name → the other names that contain it (``数量`` in ``服务企业数量``)."""
        out: dict[str, set[str]] = {name: set() for name in self.ends if name is not None}
        for name in out:
            for _, _, inner in self.find(name):
                if inner != name:
                    out[inner].add(name)
        return out
