"""Mandates that overlap: pairs from different conventions or different instruments, on
the same theme, addressed to the same actor or to the same kind of actor.

A mandate's instrument is the resolution or decision its source paragraph belongs to
(else the document that publishes the paragraph). A pair's ``score`` is
``2 × shared addressees + shared actor kinds + shared themes``; pairs are ranked by score,
then by IRIs. ``match`` says whether they share an actor (``same-actor``) or only a kind
of actor (``same-kind``). Both source paragraphs are given.

>>> from mea_graph.network._sample import backend_from_turtle
>>> backend = backend_from_turtle('''
...   sec:s mea:actorKind kind:secretariat .
...   mandate:m1 a mea:Mandate ; mea:addressee sec:s ; dcterms:subject theme:t ;
...       mea:relatedAgreement agr:a ; mea:sourceParagraph d181:para-1 .
...   mandate:m2 a mea:Mandate ; mea:addressee sec:s ; dcterms:subject theme:t ;
...       mea:relatedAgreement agr:b ; mea:sourceParagraph d181:para-2 .''')
>>> [(p.score, p.match) for p in mandate_overlap(backend)]
[(4, 'same-actor')]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..backends import GraphBackend
from ..network._common import select

__all__ = ["MANDATE_QUERY", "MandatePair", "mandate_overlap"]

MANDATE_QUERY = """SELECT ?m ?paragraph ?instrument ?document ?agreement ?theme ?addressee ?kind
WHERE {
  ?m a/rdfs:subClassOf* mea:Mandate ; mea:sourceParagraph ?paragraph ; dcterms:subject ?theme .
  OPTIONAL { ?m mea:relatedAgreement ?agreement }
  OPTIONAL { ?paragraph eli:is_part_of+ ?instrument .
             ?instrument a/rdfs:subClassOf* eli:LegalResource }
  OPTIONAL { ?paragraph mea:inDocument ?document }
  OPTIONAL { ?m mea:addressee ?addressee OPTIONAL { ?addressee mea:actorKind ?kind } }
}"""


@dataclass
class _Mandate:
    iri: str
    paragraph: str = ""
    instrument: str = ""
    agreements: set[str] = field(default_factory=set)
    themes: set[str] = field(default_factory=set)
    addressees: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class MandatePair:
    """Two overlapping mandates with their paragraphs and what they share."""

    first: str
    second: str
    first_paragraph: str
    second_paragraph: str
    first_instrument: str
    second_instrument: str
    shared_themes: tuple[str, ...]
    shared_addressees: tuple[str, ...]
    shared_kinds: tuple[str, ...]
    score: int
    match: str


def _mandates(backend: GraphBackend, theme: str | None) -> dict[str, _Mandate]:
    found: dict[str, _Mandate] = {}
    for row in select(backend, MANDATE_QUERY):
        item = found.setdefault(row["m"], _Mandate(row["m"], row["paragraph"]))
        item.instrument = row.get("instrument") or item.instrument or row.get("document", "")
        item.themes.add(row["theme"])
        for key, target in (
            ("agreement", item.agreements),
            ("addressee", item.addressees),
            ("kind", item.kinds),
        ):
            if key in row:
                target.add(row[key])
    if theme:
        found = {iri: m for iri, m in found.items() if theme in m.themes}
    return found


def mandate_overlap(
    backend: GraphBackend, *, theme: str | None = None, limit: int | None = None
) -> tuple[MandatePair, ...]:
    """Ranked pairs of overlapping mandates (only those on ``theme`` if given)."""
    mandates = _mandates(backend, theme)
    by_theme: dict[str, set[str]] = defaultdict(set)
    for iri, mandate in mandates.items():
        for subject in mandate.themes:
            by_theme[subject].add(iri)
    candidates = {(a, b) for group in by_theme.values() for a in group for b in group if a < b}
    pairs = []
    for a, b in sorted(candidates):
        first, second = mandates[a], mandates[b]
        different = first.instrument != second.instrument or (
            first.agreements and second.agreements and first.agreements != second.agreements
        )
        themes = first.themes & second.themes
        if theme:
            themes &= {theme}
        addressees = first.addressees & second.addressees
        kinds = first.kinds & second.kinds
        if not (different and themes and (addressees or kinds)):
            continue
        pairs.append(
            MandatePair(
                a,
                b,
                first.paragraph,
                second.paragraph,
                first.instrument,
                second.instrument,
                tuple(sorted(themes)),
                tuple(sorted(addressees)),
                tuple(sorted(kinds)),
                2 * len(addressees) + len(kinds) + len(themes),
                "same-actor" if addressees else "same-kind",
            )
        )
    pairs.sort(key=lambda p: (-p.score, p.first, p.second))
    return tuple(pairs[:limit] if limit else pairs)
