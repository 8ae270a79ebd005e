"""Extraction of one document: segments, verbs, addressees, mentions and themes, with a
confidence for each paragraph. Pure: nothing is written (see :mod:`.rdf`, :mod:`.review`
and :mod:`.publish` for that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..backends import GraphBackend
from ..errors import IngestError
from .addressees import Addressee, AddresseeFinder
from .knowledge import Knowledge
from .mentions import Gazetteer, Mention
from .rules import Rules
from .segment import Segment, segment
from .themes import ThemeFinder
from .verbs import VerbHit, VerbLexicon

__all__ = ["Extractor", "Extraction", "ExtractedParagraph", "ExtractedVerb", "LANGUAGES"]

LANGUAGES = ("fr", "en")
LOW_CONFIDENCE = 0.7
_SIDE_BY_SIDE = re.compile(r"\b(\d{4}-\d{4})\s+(\d{4}-\d{4})\b")
_LEADING = re.compile(r"^[\s,]*(?:de\s+|d['’]\s*|à\s+|to\s+|that\s+|que\s+|qu['’]\s*)", re.I)


@dataclass(frozen=True)
class ExtractedVerb:
    code: str
    verb_iri: str
    form: str
    start: int
    end: int
    position: str
    declaratory: bool
    addressees: tuple[Addressee, ...]
    action_text: str


@dataclass(frozen=True)
class ExtractedParagraph:
    segment: Segment
    kind: str  # "operative", "preambular" or "narrative"
    verbs: tuple[ExtractedVerb, ...]
    mentions: tuple[Mention, ...]
    themes: tuple[str, ...]
    confidence: float
    issues: tuple[str, ...] = ()
    inherited: bool = False  # an item whose verbs are its chapeau's

    @property
    def section(self) -> str:
        return self.segment.section

    @property
    def number(self) -> str:
        return self.segment.label

    @property
    def verb_codes(self) -> list[str]:
        return list(dict.fromkeys(v.code for v in self.verbs))

    @property
    def addressees(self) -> list[Addressee]:
        unique: dict[str, Addressee] = {}
        for verb in self.verbs:
            for addressee in verb.addressees:
                unique.setdefault(addressee.iri or addressee.label, addressee)
        return list(unique.values())


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    convention: str
    meeting: str
    language: str
    symbol: str | None
    paragraphs: tuple[ExtractedParagraph, ...]
    started: str
    ended: str
    source: str | None = None
    sha256: str | None = None
    rules: dict[str, str] = field(default_factory=dict)
    title: str | None = None

    def paragraph(self, section: str, number: str) -> ExtractedParagraph | None:
        return next(
            (p for p in self.paragraphs if p.section == section and p.number == number), None
        )

    @property
    def low_confidence(self) -> list[ExtractedParagraph]:
        return [p for p in self.paragraphs if p.confidence < LOW_CONFIDENCE]


class Extractor:
    """Lexicon, gazetteer and rules for one convention and meeting, ready to extract."""

    def __init__(self, knowledge: Knowledge, rules: Rules):
        self.knowledge, self.rules = knowledge, rules
        self.lexicon = VerbLexicon.from_knowledge(knowledge, rules)
        self.gazetteer = Gazetteer(knowledge, rules)
        self.addressees = AddresseeFinder(knowledge, rules, self.gazetteer)
        self.themes = ThemeFinder(knowledge, rules)

    @classmethod
    def load(
        cls, backend: GraphBackend, *, convention: str, meeting: str, rules: Rules | None = None
    ) -> Extractor:
        rules = rules or Rules.load()
        knowledge = Knowledge.load(backend, rules, convention=convention, meeting=meeting)
        return cls(knowledge, rules)

    def extract(
        self,
        text: str,
        *,
        language: str,
        symbol: str | None = None,
        source: str | None = None,
        sha256: str | None = None,
    ) -> Extraction:
        if language not in LANGUAGES:
            raise IngestError(
                f"unknown language {language!r}: choose one of {', '.join(LANGUAGES)}"
            )
        started = _now()
        document = segment(text, openers=self.lexicon.openers(), symbol=symbol)
        paragraphs: list[ExtractedParagraph] = []
        parents: dict[tuple[str, str], ExtractedParagraph] = {}
        for seg in document.segments:
            parent = parents.get((seg.section, seg.parent)) if seg.parent else None
            paragraph = self._paragraph(seg, parent)
            if seg.role == "numbered":
                parents[(seg.section, seg.number)] = paragraph
            paragraphs.append(paragraph)
        return Extraction(
            convention=self.knowledge.convention,
            meeting=self.knowledge.meeting,
            language=language,
            symbol=symbol or document.symbol,
            paragraphs=tuple(paragraphs),
            started=started,
            ended=_now(),
            source=source,
            sha256=sha256,
            rules=dict(self.rules.digests),
            title=document.title,
        )

    # -- one paragraph ------------------------------------------------------------------
    def _paragraph(self, seg: Segment, parent: ExtractedParagraph | None) -> ExtractedParagraph:
        text = seg.text
        issues: list[str] = []
        confidence = 1.0
        if seg.role == "preamble":
            hit = self.lexicon.at_start(text)
            hits = [hit] if hit else []
            kind = "preambular"
        elif seg.section == "body" and seg.role == "numbered":
            hits = self.lexicon.find(text, passive=False) if self.lexicon.at_start(text) else []
            kind = "operative" if hits else "narrative"
        else:
            hits = self.lexicon.find(text)
            if seg.role == "item" and hits and hits[0].position != "start":
                hits = []  # an item's verbs open it; otherwise it carries its chapeau's
            kind = "operative" if hits else "narrative"
            if seg.role == "item" and parent is not None and parent.kind == "operative":
                kind = "operative"
            if not hits and seg.role == "numbered":
                issues.append("numbered paragraph of an annex with no operative verb")
                confidence = 0.5
        verbs = []
        for hit in hits:
            declaratory = hit.code in self.lexicon.declaratory or kind == "preambular"
            found = [] if declaratory else self.addressees.find(text, hit, hits)
            if not declaratory and not any(a.iri for a in found):
                issues.append(f"no addressee found for '{hit.form}'")
                confidence = min(confidence, 0.4)
            verbs.append(
                ExtractedVerb(
                    hit.code,
                    self.knowledge.verbs[hit.code].iri,
                    hit.form,
                    hit.start,
                    hit.end,
                    hit.position,
                    declaratory,
                    tuple(found),
                    self._action(text, hit, hits, found),
                )
            )
        if any(v.position == "clause" for v in verbs):
            confidence = min(confidence, 0.9)
        if _SIDE_BY_SIDE.search(text):
            issues.append("old and new wording side by side (amendment marks lost)")
            confidence = min(confidence, 0.8)
        mentions = tuple(self.gazetteer.find(text))
        unresolved = [m.label for m in mentions if m.iri is None]
        if unresolved:
            issues.append("not in the graph: " + ", ".join(dict.fromkeys(unresolved)))
        return ExtractedParagraph(
            seg,
            kind,
            tuple(verbs),
            mentions,
            tuple(self.themes.find(text)),
            round(confidence, 2),
            tuple(issues),
            inherited=seg.role == "item" and not verbs and kind == "operative",
        )

    def _action(
        self, text: str, hit: VerbHit, hits: list[VerbHit], addressees: list[Addressee]
    ) -> str:
        """What the verb asks: from the end of its addressees to the next verb."""
        following = [h.start for h in hits if h.start > hit.start]
        end = min(following) if following else len(text)
        start = max([hit.end] + [a.end for a in addressees if a.end <= end])
        if hit.position == "passive":
            start = hit.end
        action = _LEADING.sub("", text[start:end]).strip(" ,;:.")
        return re.sub(r"\s+(?:et|and)$", "", action).strip(" ,;")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
