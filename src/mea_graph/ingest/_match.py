"""Private phrase matcher: every longest phrase match at every word, insensitive to case
and accents, with acronyms matched case-sensitively.

>>> matcher = PhraseMatcher([("PNUE", "unep"), ("Bureau régional du PNUE", "office"),
...     ("AU", "african-union")])
>>> [(m.text, m.payloads) for m in matcher.find("le bureau régional du PNUE, au Kenya")]
[('bureau régional du PNUE', ('office',)), ('PNUE', ('unep',))]
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ._text import Folded, fold, is_acronym

__all__ = ["PhraseMatcher", "Match", "tokens"]

_TOKEN = re.compile(r"\w+|[^\w\s]")


def tokens(folded: str) -> list[tuple[str, int, int]]:
    """Word and punctuation tokens of folded text, with their folded offsets."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def case_sensitive(phrase: str) -> bool:
    """Acronyms and short or mixed-case single words ("ScC", "UN") match exactly."""
    stripped = phrase.strip()
    if " " in stripped or not any(c.isupper() for c in stripped):
        return False
    return is_acronym(stripped) or len(stripped) <= 3 or any(c.isupper() for c in stripped[1:])


@dataclass(frozen=True)
class Match:
    start: int  # offsets in the original text
    end: int
    text: str  # the original text matched
    phrase: str  # the phrase as written in the rules or the graph
    payloads: tuple[Any, ...]


class PhraseMatcher:
    """Finds phrases on word boundaries; at each word, the longest phrase that starts
    there (so nested names are found too: "Secrétariat de la CMS" and "CMS")."""

    def __init__(self, entries: Iterable[tuple[str, Any]]):
        self._phrases: dict[tuple[str, ...], list[tuple[str, Any]]] = defaultdict(list)
        self._longest = 0
        for phrase, payload in entries:
            key = tuple(t for t, _, _ in tokens(fold(phrase)))
            if not key:
                continue
            if (phrase, payload) not in self._phrases[key]:
                self._phrases[key].append((phrase, payload))
            self._longest = max(self._longest, len(key))

    def find(
        self, text: str, *, folded: Folded | None = None, every_length: bool = False
    ) -> list[Match]:
        """Matches in reading order: at each word the longest phrase, or with
        ``every_length`` every phrase that starts there (longest first)."""
        folded = folded or Folded.of(text)
        words = tokens(folded.text)
        found = []
        for i in range(len(words)):
            if not words[i][0][0].isalnum():
                continue
            for size in range(min(self._longest, len(words) - i), 0, -1):
                key = tuple(w for w, _, _ in words[i : i + size])
                candidates = self._phrases.get(key)
                if not candidates:
                    continue
                start, end = folded.span(words[i][1], words[i + size - 1][2])
                original = text[start:end]
                kept = [
                    (phrase, payload)
                    for phrase, payload in candidates
                    if not case_sensitive(phrase)
                    or _strip_accents(original) == _strip_accents(phrase)
                ]
                if kept:
                    found.append(Match(start, end, original, kept[0][0], tuple(p for _, p in kept)))
                    if not every_length:
                        break
        return found
