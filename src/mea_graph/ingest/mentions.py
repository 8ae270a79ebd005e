"""Entity mentions: a gazetteer built from the graph's labels, alternative labels,
notations and symbols in every language (insensitive to accents and case, acronyms
case-sensitive), plus pattern rules for document symbols, resolution and decision
references, meetings ("COP14"), the author secretariat and secretariats of agreements.

French inflection needs no special case: matching is on word boundaries, so "du PNUE",
"de la CMS" and "l'AEWA" contain the labels "PNUE", "CMS" and "AEWA"; plural heads
("les Secrétariats de la CDB et de Ramsar") are handled by the secretariat rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..namespaces import ID_BASE
from ._match import Match, PhraseMatcher
from ._text import Folded, fold
from .knowledge import Knowledge
from .rules import Rules, expand_curie

__all__ = ["Mention", "Gazetteer"]

_SYMBOL = re.compile(r"\b[A-Z]{2,}(?:/[\w.()\-]+){2,}")
_ANNEX_NUMBER = re.compile(r" \d{1,2}\b")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_INSTRUMENT = re.compile(
    r"\b(?P<kind>R[ée]solutions?|Resolutions?|Res\.|R[ée]s\.|D[ée]cisions?|Decisions?)"
    r"\s+(?P<numbers>\d{1,2}\.(?:\d{1,3}|[A-Z]{2})(?:\s*(?:,|et|and)\s*\d{1,2}\.(?:\d{1,3}|[A-Z]{2}))*)"
    r"(?:\s*\(\s*Rev\.?\s*(?P<rev>COP\s*\d+)\s*\))?"
)
_COP = re.compile(r"\bCOP\s?(\d{1,2})\b(?!\s+(?:de\s+la|de\s+l'|du|des|of)\b)")
_SECRETARIAT_BEFORE = re.compile(r"secretariats?\s+(?:de\s+la|de\s+l'|de|du|des|of\s+the|of)\s*$")
_CHAIN_BEFORE = re.compile(r"^\s*(?:,|et|and)\s+(?:de\s+la|de\s+l'|de|du|des|of\s+the|of)?\s*$")
_SECRETARIAT_AFTER = re.compile(r"^\s*secretariats?\b")
_CHAIN_AFTER = re.compile(r"^\s*(?:,|and|et)\s*$")


@dataclass(frozen=True)
class Mention:
    """An entity named in a paragraph."""

    label: str  # the text as written
    iri: str | None  # None when the graph has no such entity yet
    kind: str  # organisation, agreement, document, resolution, meeting, taxon…
    start: int
    end: int
    rule: str  # label, unit-name, secretariat-of, own-secretariat, symbol, instrument, meeting
    confidence: float


class Gazetteer:
    """Finds mentions in text. Built once per run from :class:`Knowledge`."""

    def __init__(self, knowledge: Knowledge, rules: Rules):
        self.knowledge = knowledge
        entries = [(label.text, (label.iri, label.kind, "label")) for label in knowledge.labels]
        entries += list(self._unit_names(knowledge))
        self._labels = PhraseMatcher(entries)
        self._organisation_kinds = set(rules.mentions["organisation_kinds"])
        self._not_nested = {expand_curie(c) for c in rules.mentions.get("not_nested", ())}
        self._own = PhraseMatcher(
            (phrase, Rules.expand(entry["iri"], convention=knowledge.convention))
            for entry in rules.mentions["own"]
            for phrase in entry["phrases"]
        )
        self._own_blocked = {
            Rules.expand(entry["iri"], convention=knowledge.convention): tuple(
                entry.get("not_followed_by", ())
            )
            for entry in rules.mentions["own"]
        }
        self._symbols = {
            fold(label.text): label.iri for label in knowledge.labels if "/" in label.text
        }

    @staticmethod
    def _unit_names(knowledge: Knowledge):
        """Names of units without their parent ("Bureau régional du PNUE pour l'Europe"
        is also "le bureau régional pour l'Europe" when the context is UNEP)."""
        for label in knowledge.labels:
            for parent in knowledge.units.get(label.iri, ()):
                pattern = re.compile(
                    r"\s+(?:du|de\s+la|de\s+l'|de|of\s+the|of)\s+"
                    + re.escape(parent)
                    + r"\b"
                    + r"|^"
                    + re.escape(parent)
                    + r"\s+"
                )
                short = pattern.sub(" ", label.text.replace("’", "'")).strip()
                if short != label.text and len(short.split()) >= 3:
                    yield short, (label.iri, label.kind, "unit-name")

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text``, in reading order (nested names included)."""
        folded = Folded.of(text)
        mentions: list[Mention] = []
        masked: list[tuple[int, int]] = [m.span() for m in _URL.finditer(text)]
        mentions += self._instruments(text, masked)
        masked += [(m.start, m.end) for m in mentions]
        for match in _SYMBOL.finditer(text):
            if _overlaps(match.span(), masked):
                continue
            symbol = _trim_symbol(match.group())
            annex = _ANNEX_NUMBER.match(text, match.start() + len(symbol))
            if annex and re.search(r"/Annexe?$", symbol):
                symbol += annex.group()
            iri = self._symbols.get(fold(symbol))
            mentions.append(
                Mention(
                    symbol,
                    iri,
                    "document",
                    match.start(),
                    match.start() + len(symbol),
                    "symbol",
                    1.0 if iri else 0.6,
                )
            )
            masked.append((match.start(), match.end()))
        mentions += self._labelled(text, folded, masked)
        mentions += self._secretariats(text, folded, [m for m in mentions if m.kind == "agreement"])
        mentions += self._own_mentions(text, folded, mentions, masked)
        mentions += self._meetings(text, mentions, masked)
        return sorted(mentions, key=lambda m: (m.start, -m.end, m.iri or ""))

    # -- rules ----------------------------------------------------------------------------
    def _labelled(self, text: str, folded: Folded, masked) -> list[Mention]:
        """Gazetteer matches: the longest name at each word, and a shorter organisation's
        name that opens a longer name of something else ("ANUE-6" names UNEA, "CMS Code
        of Conduct" names CMS). Entities listed in ``not_nested`` count only on their own
        ("United Nations" inside "Food and Agriculture Organization of the United Nations")."""
        found: list[Mention] = []
        matches = [
            m
            for m in self._labels.find(text, folded=folded, every_length=True)
            if not _overlaps((m.start, m.end), masked)
        ]
        longest: dict[int, Match] = {}
        for match in matches:
            longest.setdefault(match.start, match)
        spans = [(m.start, m.end) for m in longest.values()]
        for match in matches:
            head = longest[match.start]
            if match is not head:
                head_kinds = {kind for _, kind, _ in head.payloads}
                own_kinds = {kind for _, kind, _ in match.payloads}
                if (
                    head_kinds & self._organisation_kinds
                    or not own_kinds & self._organisation_kinds
                ):
                    continue
            confidence = 0.95 if len(match.payloads) == 1 else 0.5
            for iri, kind, rule in match.payloads:
                if iri in self._not_nested and any(
                    s <= match.start and match.end <= e and (s, e) != (match.start, match.end)
                    for s, e in spans
                ):
                    continue
                if match is not head and kind not in self._organisation_kinds:
                    continue
                found.append(
                    Mention(
                        match.text,
                        iri,
                        kind,
                        match.start,
                        match.end,
                        rule,
                        0.8 if rule == "unit-name" else confidence,
                    )
                )
        return found

    def _instruments(self, text: str, masked) -> list[Mention]:
        found = []
        convention = self.knowledge.convention
        for match in _INSTRUMENT.finditer(text):
            if _inside(match.span(), masked):
                continue
            kind = "decision" if fold(match.group("kind")).startswith("dec") else "resolution"
            rev = match.group("rev")
            for number in re.findall(r"\d{1,2}\.(?:\d{1,3}|[A-Z]{2})", match.group("numbers")):
                base = "decision" if kind == "decision" else "resolution"
                slug = f"{convention}-{number.lower()}"
                candidates = [f"{ID_BASE}{base}/{slug}"]
                if rev:
                    candidates.insert(0, f"{ID_BASE}{base}/{slug}-rev-{fold(rev).replace(' ', '')}")
                iri = next((c for c in candidates if self.knowledge.has(c)), None)
                found.append(
                    Mention(
                        match.group(),
                        iri,
                        kind,
                        match.start(),
                        match.end(),
                        "instrument",
                        0.95 if iri else 0.6,
                    )
                )
        return found

    def _secretariats(self, text: str, folded: Folded, agreements: list[Mention]):
        """ "Secrétariat(s) de la X", "les Secrétariats de A et de B", "the A and B
        Secretariats": the secretariat of each agreement named."""
        found, chained = [], False
        previous_end = None
        ordered = sorted(agreements, key=lambda m: m.start)
        for index, mention in enumerate(ordered):
            secretariat = self.knowledge.secretariat_of.get(mention.iri or "")
            if not secretariat:
                previous_end, chained = mention.end, False
                continue
            before = fold(text[max(0, mention.start - 40) : mention.start])
            between = fold(text[previous_end : mention.start]) if previous_end else None
            after = fold(text[mention.end : mention.end + 20])
            head = _SECRETARIAT_BEFORE.search(before)
            hit = bool(head) or (chained and between is not None and _CHAIN_BEFORE.match(between))
            if not hit and _SECRETARIAT_AFTER.match(after):
                hit = True
            if not hit and index + 1 < len(ordered):  # "the CMS and CITES Secretariats"
                following = ordered[index + 1]
                gap = fold(text[mention.end : following.start])
                rest = fold(text[following.end : following.end + 20])
                hit = bool(_CHAIN_AFTER.match(gap)) and rest.lstrip().startswith("secretariats")
            if hit:
                start = mention.start - (len(before) - head.start()) if head else mention.start
                found.append(
                    Mention(
                        text[max(start, 0) : mention.end],
                        secretariat,
                        "organisation",
                        max(start, 0),
                        mention.end,
                        "secretariat-of",
                        0.85,
                    )
                )
                plural = head is not None and head.group().startswith("secretariats")
                chained = plural or chained
            else:
                chained = False
            previous_end = mention.end
        return found

    def _own_mentions(self, text, folded, mentions, masked) -> list[Mention]:
        """ "le Secrétariat", "the Standing Committee": the convention's own bodies (the
        secretariat only when not followed by another body's name)."""
        found = []
        starts = {(m.start, m.iri) for m in mentions}
        own_agreement = self.knowledge.agreement_iri
        for match in self._own.find(text, folded=folded):
            iri = match.payloads[0]
            if _overlaps((match.start, match.end), masked) or not self.knowledge.has(iri):
                continue
            after = fold(text[match.end : match.end + 40])
            blocked = self._own_blocked.get(iri, ())
            word = re.match(r"[\w]+", after)
            if blocked and word and word.group() in blocked:
                names_own = any(
                    m.iri == own_agreement and match.end < m.start <= match.end + 12
                    for m in mentions
                )
                if not names_own:
                    continue
            if (match.start, iri) in starts:
                continue
            found.append(
                Mention(match.text, iri, "organisation", match.start, match.end, "own-body", 0.85)
            )
        return found

    def _meetings(self, text, mentions, masked) -> list[Mention]:
        """A bare "COP14" is the convention's own meeting."""
        found = []
        taken = [(m.start, m.end) for m in mentions if m.kind == "meeting"] + masked
        for match in _COP.finditer(text):
            if _inside(match.span(), taken):
                continue
            iri = f"{ID_BASE}meeting/{self.knowledge.convention}-cop{match.group(1)}"
            if self.knowledge.has(iri):
                found.append(
                    Mention(
                        match.group(), iri, "meeting", match.start(), match.end(), "meeting", 0.8
                    )
                )
        return found


def _overlaps(span: tuple[int, int], spans) -> bool:
    return any(start < span[1] and span[0] < end for start, end in spans)


def _trim_symbol(symbol: str) -> str:
    """Drop the sentence's full stop and an unbalanced closing parenthesis."""
    symbol = symbol.rstrip(".,;:")
    while symbol.endswith(")") and symbol.count(")") > symbol.count("("):
        symbol = symbol[:-1].rstrip(".")
    return symbol


def _inside(span: tuple[int, int], spans) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)
