"""Private text helpers: fold text for accent- and case-insensitive matching, keeping a
map back to the original offsets.

>>> folded = Folded.of("Secrétariat du PNUE’s")
>>> folded.text
"secretariat du pnue's"
>>> folded.span(15, 19)
(15, 19)
>>> fold("Conférence  des Parties – COP")
'conference des parties - cop'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-", "‐": "-", "‑": "-"})
_SPACES = re.compile(r"\s+")


def _fold_char(char: str) -> str:
    char = char.translate(_APOSTROPHES).translate(_DASHES)
    if char == "œ":
        return "oe"
    if char == "Œ":
        return "oe"
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@dataclass(frozen=True)
class Folded:
    """Folded text (lower case, no accents, one space, plain apostrophes and dashes) and,
    for each folded character, the offset of the original character it came from."""

    text: str
    origin: tuple[int, ...]
    length: int  # length of the original text

    @classmethod
    def of(cls, original: str) -> Folded:
        out: list[str] = []
        origin: list[int] = []
        previous_space = True
        for index, char in enumerate(original):
            if char.isspace():
                if not previous_space:
                    out.append(" ")
                    origin.append(index)
                previous_space = True
                continue
            previous_space = False
            for piece in _fold_char(char):
                out.append(piece)
                origin.append(index)
        return cls("".join(out), tuple(origin), len(original))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the folded [start, end)."""
        first = self.origin[start] if start < len(self.origin) else self.length
        last = self.origin[end - 1] + 1 if end > 0 else 0
        return first, last


def fold(text: str) -> str:
    """Fold a label or phrase the way :class:`Folded` folds a text (without offsets)."""
    folded = "".join(_fold_char(c) if not c.isspace() else " " for c in text)
    return _SPACES.sub(" ", folded).strip()


def is_acronym(label: str) -> bool:
    """A label written in capitals (with digits, dots, hyphens): matched case-sensitively.

    >>> is_acronym("CMS"), is_acronym("UNEP-WCMC"), is_acronym("ScC"), is_acronym("Lion")
    (True, True, False, False)
    """
    letters = [c for c in label if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and " " not in label.strip()


def words_before(text: str, position: int, count: int = 2) -> list[str]:
    """The last ``count`` words before ``position`` (folded).

    >>> words_before("assignés par les Parties", 17)
    ['par', 'les']
    """
    return re.findall(r"[\w']+", fold(text[:position]))[-count:]
