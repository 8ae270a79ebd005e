"""The review loop: align extracted paragraphs and mandates with the curated ones in
``data/``. Curated data wins: an extracted fact about a curated paragraph or mandate is
not written, and where the two disagree the difference is reported as a conflict.

Re-ingesting a document replaces its extraction graph (see :mod:`.publish`), so running
the same document twice gives the same graph, never a duplicate.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field

from ..backends import GraphBackend
from ..errors import MeaGraphError
from ..namespaces import GRAPH_BASE, ID_BASE
from ..query import bound
from ..report import compact
from ._text import fold
from .knowledge import Knowledge
from .pipeline import ExtractedParagraph, ExtractedVerb, Extraction
from .segment import Segment

__all__ = ["Curated", "Conflict", "PlannedMandate", "Review", "review", "document_slug"]

_SIMILAR = 0.6
# Earlier extractions are in graphs of their own; they are never taken for curated data.
CURATED_ONLY = f'FILTER(!STRSTARTS(STR(?g), "{GRAPH_BASE}extracted/"))'


def document_slug(symbol: str) -> str:
    """``UNEP/CMS/COP14/Doc.18.1`` -> ``unep-cms-cop14-doc.18.1``.

    >>> document_slug("UNEP/CMS/COP14/Doc.29.3/Rev.2")
    'unep-cms-cop14-doc.29.3-rev.2'
    """
    return "-".join(part for part in fold(symbol).replace(" ", "-").split("/") if part)


@dataclass(frozen=True)
class CuratedParagraph:
    iri: str
    number: str
    container: str
    annex: str | None
    kind: str
    text: str


@dataclass(frozen=True)
class CuratedMandate:
    iri: str
    source: str
    verb: str
    addressees: frozenset[str]


@dataclass(frozen=True)
class Curated:
    """What ``data/`` says about one document."""

    document: str | None
    annexes: dict[str, str]  # section ("annex 1") -> annex IRI
    paragraphs: tuple[CuratedParagraph, ...]
    mandates: tuple[CuratedMandate, ...]

    @classmethod
    def load(cls, backend: GraphBackend, symbol: str | None) -> Curated:
        document = None
        if symbol:
            rows = backend.query(
                f'SELECT ?d WHERE {{ ?d mea:symbol "{_escape(symbol)}" }} LIMIT 1'
            ).rows
            document = rows[0][0] if rows else None
        if document is None:
            return cls(None, {}, (), ())
        annexes = {
            f"annex {number}": iri
            for iri, number in backend.query(
                f"SELECT ?a ?n WHERE {{ ?a eli:is_annex_of <{document}> ; eli:number ?n }}"
            ).bound_rows()
        }
        by_iri: dict[str, CuratedParagraph] = {}
        for p, n, part, kind, text, annex in backend.query(
            f"""SELECT ?p ?n ?part ?kind ?text ?annex WHERE {{
                    GRAPH ?g {{ ?p a mea:Paragraph }} {CURATED_ONLY}
                    ?p mea:inDocument <{document}> ; eli:number ?n ;
                       eli:is_part_of ?part ; mea:paragraphKind ?kind .
                    OPTIONAL {{ ?p mea:text ?text }}
                    OPTIONAL {{ ?p (eli:is_part_of|prov:wasDerivedFrom)+ ?annex .
                                ?annex a mea:Annex }}
                }}"""
        ).rows:
            # ?text and ?annex are OPTIONAL; the other variables are bound in every solution
            p, n, part, kind = bound(p), bound(n), bound(part), bound(kind)
            if p not in by_iri or (annex and not by_iri[p].annex):
                by_iri[p] = CuratedParagraph(p, n, part, annex, kind.rsplit("/", 1)[-1], text or "")
        paragraphs = tuple(by_iri[p] for p in sorted(by_iri))
        found: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for m, source, verb, addressee in backend.query(
            f"""SELECT ?m ?src ?verb ?a WHERE {{
                VALUES ?type {{ mea:Mandate mea:RecommendedAction }}
                GRAPH ?g {{ ?m a ?type }} {CURATED_ONLY}
                ?m mea:sourceParagraph ?src ; mea:operativeVerb ?verb .
                ?src mea:inDocument <{document}> .
                OPTIONAL {{ ?m mea:addressee ?a }}
            }}"""
        ).rows:
            m, source, verb = bound(m), bound(source), bound(verb)  # ?a is optional
            found[(m, source, verb.rsplit("/", 1)[-1])].update([addressee] if addressee else [])
        mandates = tuple(
            CuratedMandate(m, s, v, frozenset(a)) for (m, s, v), a in sorted(found.items())
        )
        return cls(document, annexes, paragraphs, mandates)


@dataclass(frozen=True)
class Conflict:
    """A disagreement between the extraction and the curated data (curated wins)."""

    section: str
    number: str
    what: str  # "paragraph kind", "addressees", "only curated", "only extracted", "text"
    extracted: tuple[str, ...]
    curated: tuple[str, ...]
    iri: str | None = None


@dataclass(frozen=True)
class PlannedMandate:
    """A mandate the extraction found: written unless a curated one covers it."""

    source: str  # paragraph IRI
    paragraph: ExtractedParagraph  # the paragraph (or item) it is derived from
    verb: ExtractedVerb
    addressees: tuple[str, ...]
    themes: tuple[str, ...]
    curated: tuple[str, ...] = ()  # IRIs of curated mandates with the same source and verb


@dataclass(frozen=True)
class Review:
    document: str
    document_is_curated: bool
    annexes: dict[str, str]
    paragraph_iris: dict[tuple[str, str], str]
    curated_paragraphs: frozenset[tuple[str, str]]
    mandates: tuple[PlannedMandate, ...]
    conflicts: tuple[Conflict, ...]
    agreements: int = 0  # mandates on which extraction and curation agree
    notes: tuple[str, ...] = field(default=())

    @property
    def new_mandates(self) -> list[PlannedMandate]:
        return [m for m in self.mandates if not m.curated]


def review(extraction: Extraction, curated: Curated, knowledge: Knowledge) -> Review:
    """Align ``extraction`` with ``curated`` and plan what to write."""
    symbol = extraction.symbol or "unknown"
    document = curated.document or f"{ID_BASE}doc/{document_slug(symbol)}"
    annexes = {
        section: curated.annexes.get(section, f"{document}/{section.replace(' ', '-')}")
        for section in dict.fromkeys(p.section for p in extraction.paragraphs)
        if section != "body"
    }
    iris, aligned, conflicts = _align(extraction, curated, document, annexes)
    planned = _plan_mandates(extraction, iris, knowledge)
    mandates, agreements = [], 0
    by_key: dict[tuple[str, str], list[CuratedMandate]] = defaultdict(list)
    for mandate in curated.mandates:
        by_key[(mandate.source, mandate.verb)].append(mandate)
    seen: set[tuple[str, str]] = set()
    extracted_union: dict[tuple[str, str], set[str]] = defaultdict(set)
    first_of: dict[tuple[str, str], PlannedMandate] = {}
    for plan in planned:
        key = (plan.source, plan.verb.code)
        extracted_union[key].update(plan.addressees)
        first_of.setdefault(key, plan)
        matches = by_key.get(key, [])
        mandates.append(
            PlannedMandate(**{**plan.__dict__, "curated": tuple(m.iri for m in matches)})
        )
    for key, plan in first_of.items():
        section, number = plan.paragraph.section, plan.paragraph.number
        matches = by_key.get(key, [])
        if matches:
            seen.add(key)
            curated_set = set().union(*(m.addressees for m in matches))
            if curated_set == extracted_union[key]:
                agreements += 1
            else:
                conflicts.append(
                    Conflict(
                        section,
                        number,
                        f"addressees of '{plan.verb.code}'",
                        tuple(sorted(extracted_union[key])),
                        tuple(sorted(curated_set)),
                        key[0],
                    )
                )
        elif (section, number) in aligned:
            conflicts.append(
                Conflict(
                    section,
                    number,
                    f"only extracted: '{plan.verb.code}'",
                    tuple(sorted(extracted_union[key])),
                    (),
                    key[0],
                )
            )
    number_of = {iri: key for key, iri in iris.items()}
    for key, matches in by_key.items():
        if key in seen:
            continue
        section, number = number_of.get(key[0], ("not segmented", compact(key[0])))
        conflicts.append(
            Conflict(
                section,
                number,
                f"only curated: '{key[1]}'",
                (),
                tuple(sorted(set().union(*(m.addressees for m in matches)))),
                key[0],
            )
        )
    return Review(
        document=document,
        document_is_curated=curated.document is not None,
        annexes=annexes,
        paragraph_iris=iris,
        curated_paragraphs=frozenset(aligned),
        mandates=tuple(mandates),
        conflicts=tuple(conflicts),
        agreements=agreements,
    )


def _align(
    extraction: Extraction, curated: Curated, document: str, annexes: dict[str, str]
) -> tuple[dict[tuple[str, str], str], set[tuple[str, str]], list[Conflict]]:
    """Match extracted paragraphs to curated ones by container and number, checking that
    the texts are alike; a minted IRI never reuses a curated one."""
    top: dict[tuple[str | None, str], list[CuratedParagraph]] = defaultdict(list)
    children: dict[tuple[str, str], list[CuratedParagraph]] = defaultdict(list)
    paragraph_iris = {p.iri for p in curated.paragraphs}
    for known in curated.paragraphs:
        if known.container in paragraph_iris:
            children[(known.container, known.number)].append(known)
        elif known.annex is not None:
            top[(known.annex, known.number)].append(known)
        elif known.container == document:
            top[(None, known.number)].append(known)
    iris: dict[tuple[str, str], str] = {}
    aligned: set[tuple[str, str]] = set()
    used: set[str] = set()
    conflicts: list[Conflict] = []
    for paragraph in extraction.paragraphs:
        seg = paragraph.segment
        key = (seg.section, seg.label)
        annex = annexes.get(seg.section)
        if seg.role == "item":
            parent = iris.get((seg.section, _parent_of(seg)))
            candidates = children.get((parent, seg.number), []) if parent else []
            minted = f"{parent}-{seg.number}" if parent else f"{document}/para-{seg.order}"
        else:
            candidates = top.get((annex, seg.number), [])
            container = annex or document
            local = (
                f"preamble-{seg.number[2:]}"
                if seg.role == "preamble"
                else f"para-{seg.number.lower()}"
            )
            minted = f"{container}/{local}"
        scored = sorted(
            ((_similarity(c.text, seg.text), c) for c in candidates if c.iri not in used),
            key=lambda pair: -pair[0],
        )
        if scored and scored[0][0] >= _SIMILAR:
            match = scored[0][1]
            iris[key] = match.iri
            used.add(match.iri)
            aligned.add(key)
            if match.kind != paragraph.kind:
                conflicts.append(
                    Conflict(
                        seg.section,
                        seg.label,
                        "paragraph kind",
                        (paragraph.kind,),
                        (match.kind,),
                        match.iri,
                    )
                )
            continue
        if scored:
            match = scored[0][1]
            conflicts.append(
                Conflict(
                    seg.section, seg.label, "text", (seg.text[:80],), (match.text[:80],), match.iri
                )
            )
        while minted in paragraph_iris or minted in used:
            minted += "-extracted"
        iris[key] = minted
        used.add(minted)
    return iris, aligned, conflicts


def _similarity(curated: str, extracted: str) -> float:
    if not curated:
        return 1.0
    a, b = fold(curated)[:300], fold(extracted)[:300]
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _plan_mandates(
    extraction: Extraction, iris: dict[tuple[str, str], str], knowledge: Knowledge
) -> list[PlannedMandate]:
    planned: list[PlannedMandate] = []
    items: dict[tuple[str, str], list[ExtractedParagraph]] = defaultdict(list)
    for paragraph in extraction.paragraphs:
        if paragraph.segment.role == "item" and paragraph.inherited:
            items[(paragraph.section, _parent_of(paragraph.segment))].append(paragraph)
    for paragraph in extraction.paragraphs:
        if paragraph.kind != "operative" or not paragraph.verbs:
            continue
        targets = items.get((paragraph.section, paragraph.number)) or [paragraph]
        for verb in paragraph.verbs:
            addressees = tuple(a.iri for a in verb.addressees if a.iri)
            if verb.declaratory:
                addressees = (knowledge.speaker_iri,)
            if not addressees:
                continue
            for target in targets:
                themes = tuple(dict.fromkeys(target.themes + paragraph.themes))
                planned.append(
                    PlannedMandate(
                        iris[(target.section, target.number)], target, verb, addressees, themes
                    )
                )
    return planned


def _parent_of(item: Segment) -> str:
    """The number of the paragraph that ``item`` (a lettered item) belongs to."""
    if item.parent is None:
        raise MeaGraphError(f"item {item.label!r} of {item.section} has no parent paragraph")
    return item.parent


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
