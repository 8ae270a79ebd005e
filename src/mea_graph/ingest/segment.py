"""Plain text pulled from a PDF -> sections and numbered paragraphs.

Page furniture (page numbers, the document's symbol, link targets on their own lines) is
dropped; a paragraph number split from its first line, bulleted sub-items, lettered
sub-paragraphs ``a)``, numbers such as ``8bis`` and ``14.AA``, headings between
paragraphs, annexes and the unnumbered preamble of a resolution are recognised.

>>> text = '''Background
...
... 1. The Secretariat reports.
...
... 2.
... It continues
... https://example.org/x
... on a new page.
... Discussion
... 3. It is recommended that the Conference:
... a) adopt the annex;
... b) delete Decision 13.9.
... ANNEX
... Recalling Resolution 12.25,
... The Conference of the Parties
... 1. Requests the Secretariat to act;
... 1bis. Encourages Parties to act.'''
>>> document = segment(text, openers=("recalling",))
>>> [(s.section, s.label, s.role) for s in document.segments]  # doctest: +NORMALIZE_WHITESPACE
[('body', '1', 'numbered'), ('body', '2', 'numbered'), ('body', '3', 'numbered'),
 ('body', '3 a)', 'item'), ('body', '3 b)', 'item'), ('annex', 'PP1', 'preamble'),
 ('annex', '1', 'numbered'), ('annex', '1bis', 'numbered')]
>>> document.segments[1].text
'It continues on a new page.'
>>> document.segments[2].heading, document.segments[6].heading
('Discussion', 'The Conference of the Parties')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import IngestError, MeaGraphError
from ._text import fold

__all__ = ["Segment", "SegmentedDocument", "segment", "detect_symbol"]

_URL = re.compile(r"^\s*(?:https?://|www\.)\S*\s*$")
_PAGE = re.compile(r"^\s*(?:page\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?\s*$", re.IGNORECASE)
_SYMBOL = re.compile(r"^\s*([A-Z][A-Za-z]*(?:/[A-Za-z0-9.()\-]+){2,})\s*$")
_ANNEX = re.compile(r"^\s*(?:ANNEXE?|Annexe?)(?:\s+([0-9]+|[IVX]+))?\s*:?\s*$")
_NUMBERED = re.compile(r"^\s*(\d{1,3}(?:bis|ter|quater)?)\.(?:\s+(.*))?$")
_DECISION = re.compile(r"^\s*(\d{1,2}\.[A-Z]{2}|\d{1,2}\.\d{1,3})\.?(?:\s+(.*))?$")
_ITEM = re.compile(r"^\s*\(?([a-z])\)\s+(.*)$")
_BULLET = re.compile(r"^\s*[−–—•▪●*\-]\s")
_TERMINAL = (".", ":", ";", "!", "?", "»", ")")
_SENTENCE_END = (".", ":", ";", "!", "?")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}


@dataclass(frozen=True)
class Segment:
    """One paragraph: a numbered paragraph, a lettered item of one, or a preambular
    paragraph (numbered ``PP1``, ``PP2``… in reading order)."""

    section: str  # "body", "annex 1", "annex 2", or "annex" for a single unnumbered annex
    number: str  # "12", "8bis", "14.AA", "PP3", or the letter of an item
    role: str  # "numbered", "item" or "preamble"
    text: str
    order: int
    line: int  # 1-based line of the source where it starts
    heading: str | None = None
    parent: str | None = None  # the number of the paragraph an item belongs to

    @property
    def label(self) -> str:
        """How a person cites it: "12", "8bis", "52 a)", "PP3"."""
        return f"{self.parent} {self.number})" if self.parent else self.number


@dataclass(frozen=True)
class SegmentedDocument:
    symbol: str | None
    segments: tuple[Segment, ...]
    sections: tuple[str, ...] = field(default=())
    title: str | None = None  # the first line in capitals before the first paragraph


@dataclass
class _Open:
    section: str
    number: str
    role: str
    line: int
    lines: list[str]
    heading: str | None = None
    parent: str | None = None

    @property
    def text(self) -> str:
        return " ".join(part.strip() for part in self.lines if part.strip())


def detect_symbol(lines: Iterable[str]) -> str | None:
    """The document's symbol, from the first line that holds only a symbol.

    >>> detect_symbol(["x", "  UNEP/CMS/COP14/Doc.18.1 ", "9"])
    'UNEP/CMS/COP14/Doc.18.1'
    """
    for line in lines:
        match = _SYMBOL.match(line)
        if match:
            return match.group(1)
    return None


def segment(
    text: str, *, openers: Iterable[str] = (), symbol: str | None = None
) -> SegmentedDocument:
    """Split ``text`` into paragraphs. ``openers`` are the (folded) words that open a
    preambular paragraph ("recalling", "rappelant"…), usually the verb lexicon's forms.

    Raises :class:`IngestError` if the text has no numbered paragraph.
    """
    raw = text.replace("\f", "\n").splitlines()
    symbol = symbol or detect_symbol(raw)
    splitter = _Splitter(tuple(sorted({fold(o) for o in openers if o}, key=len, reverse=True)))
    for index, line in enumerate(raw, start=1):
        stripped = line.strip()
        if not stripped:
            splitter.blank()
        elif _URL.match(line) or _PAGE.match(line) or (symbol and stripped == symbol):
            continue
        else:
            splitter.line(stripped, index)
    segments = splitter.finish()
    if not any(s.role == "numbered" for s in segments):
        raise IngestError(
            "no numbered paragraphs found (a paragraph starts with a number such as '1.', "
            "'8bis.' or '14.AA' at the beginning of a line)"
        )
    title = next((line for line in splitter.front if _is_title(line)), None)
    return SegmentedDocument(
        symbol, tuple(segments), tuple(dict.fromkeys(splitter.sections)), title
    )


def _is_title(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return (
        len(line.split()) >= 2
        and len(letters) > 5
        and all(c.isupper() for c in letters)
        and not line.endswith((".", ":", ";"))
    )


class _Splitter:
    """A line-by-line state machine; see :func:`segment`."""

    def __init__(self, openers: tuple[str, ...]):
        self.openers = openers
        self.section = "body"
        self.sections = ["body"]
        self.current: _Open | None = None
        self.parent: _Open | None = None  # last numbered paragraph (items attach to it)
        self.pending: list[tuple[str, int]] = []  # lines that may be a heading
        self.done: list[_Open] = []
        self.numbers: list[str] = []  # numbered paragraphs of the current section
        self.preamble_count = 0
        self.after_blank = True
        self.front: list[str] = []  # lines before the first paragraph

    # -- events -----------------------------------------------------------------------
    def blank(self) -> None:
        self.after_blank = True

    def line(self, line: str, index: int) -> None:
        blank_before, self.after_blank = self.after_blank, False
        annex = _ANNEX.match(line)
        if annex:
            self._close()
            self.pending = []
            number = annex.group(1)
            if number and number in _ROMAN:
                number = str(_ROMAN[number])
            self.section = f"annex {number}" if number else "annex"
            self.sections.append(self.section)
            self.numbers, self.preamble_count, self.parent = [], 0, None
            return
        start = self._numbered(line, blank_before)
        if start:
            number, rest = start
            self._close()
            self.numbers.append(number)
            self.current = _Open(self.section, number, "numbered", index, [rest], self._heading())
            self.parent = self.current
            return
        item = _ITEM.match(line)
        if item and self._item_allowed():
            if self.parent is None:  # _item_allowed() requires a parent paragraph
                raise MeaGraphError(f"line {index}: a lettered item with no paragraph to attach to")
            self._flush_pending()
            self._close()
            self.current = _Open(
                self.section,
                item.group(1),
                "item",
                index,
                [item.group(2)],
                parent=self.parent.number,
            )
            return
        if self._in_preamble():
            self._preamble_line(line, index, blank_before)
            return
        if self.current is None:
            self.pending.append((line, index))  # front matter or a heading
            if not self.done:
                self.front.append(line)
            return
        if _BULLET.match(line) or not self.current.text.endswith(_TERMINAL):
            if self.pending:
                self._flush_pending()
            self.current.lines.append(line)
            return
        if self.pending or _heading_like(line):
            if line.endswith(_SENTENCE_END) and not _heading_like(line):
                self._flush_pending()
                self.current.lines.append(line)
            else:
                self.pending.append((line, index))
            return
        self.current.lines.append(line)

    def finish(self) -> list[Segment]:
        self._close()
        return [
            Segment(o.section, o.number, o.role, o.text, order, o.line, o.heading, o.parent)
            for order, o in enumerate(self.done, start=1)
            if o.text
        ]

    # -- helpers ----------------------------------------------------------------------
    def _numbered(self, line: str, blank_before: bool) -> tuple[str, str] | None:
        match = _NUMBERED.match(line)
        if match:
            number = match.group(1)
            if self._plausible(number):
                return number, match.group(2) or ""
            return None
        match = _DECISION.match(line)
        if not match:
            return None
        number, rest = match.group(1), match.group(2) or ""
        letters = re.fullmatch(r"\d+\.[A-Z]{2}", number)
        if letters and (not rest or rest[:1].isupper()):
            return number, rest
        # 13.9 style: only in a section of decisions, never in one of plain numbers
        previous = self.current.text if self.current else ""
        if (
            self.section != "body"
            and not any(n[:1].isdigit() and "." not in n for n in self.numbers)
            and not self._in_preamble()
            and rest[:1].isupper()
            and (blank_before or previous.endswith(_TERMINAL))
        ):
            return number, rest
        return None

    def _plausible(self, number: str) -> bool:
        """A plain number must continue the section's sequence (1, 2, 2bis, 3…)."""
        value = _leading_number(number)
        plain = [n for n in self.numbers if "." not in n]
        if not plain:
            return value <= 2
        last = _leading_number(plain[-1])
        if number != str(value):  # 8bis follows 8
            return value == last
        return value == last + 1

    def _item_allowed(self) -> bool:
        if self.parent is None or self.current is None:
            return False
        if self.current.role == "item":
            return self.current.text.endswith((";", ":", ".", ",")) or True
        return self.current.text.rstrip().endswith((":", ";"))

    def _in_preamble(self) -> bool:
        return self.section != "body" and not self.numbers

    def _opens_preamble(self, line: str) -> bool:
        folded = fold(line)
        return any(
            folded.startswith(o) and (len(folded) == len(o) or not folded[len(o)].isalnum())
            for o in self.openers
        )

    def _preamble_line(self, line: str, index: int, blank_before: bool) -> None:
        current = self.current if self.current and self.current.role == "preamble" else None
        ended = current is None or current.text.endswith((",", ";", "."))
        if self._opens_preamble(line) and (ended or blank_before):
            if current is not None:  # lines held back were the previous paragraph's end
                self._flush_pending()
            self.pending = []
            self._close()
            self.preamble_count += 1
            self.current = _Open(
                self.section, f"PP{self.preamble_count}", "preamble", index, [line]
            )
            return
        if current is not None and not ended:
            current.lines.append(line)
        else:
            self.pending.append((line, index))  # title, note or the chapeau

    def _heading(self) -> str | None:
        """The pending lines just before a paragraph, from the last one that ends like a
        sentence (front matter such as a summary is not a heading)."""
        lines = [line for line, _ in self.pending]
        self.pending = []
        while lines and lines[0] and not all(_heading_like(x) for x in lines):
            lines.pop(0)
        return " ".join(lines) or None

    def _flush_pending(self) -> None:
        if self.current is not None:
            self.current.lines.extend(line for line, _ in self.pending)
        self.pending = []

    def _close(self) -> None:
        if self.current is not None:
            self.done.append(self.current)
        self.current = None


def _heading_like(line: str) -> bool:
    """Short, capitalised, and not ending like a sentence."""
    return (
        len(line) < 160
        and (line[:1].isupper() or line[:1].isdigit())
        and not line.endswith((".", ";", ",", ":"))
    )


def _leading_number(number: str) -> int:
    """The integer a plain paragraph number starts with ("8bis" -> 8)."""
    digits = re.match(r"\d+", number)
    if digits is None:
        raise MeaGraphError(f"paragraph number {number!r} does not start with a digit")
    return int(digits.group())
