"""Overlapping mandates: two instruments asking the same (kind of) actor to work on a theme.

A pair of mandates overlaps when they come from different instruments (or different
conventions), share a theme, and address the same actor or actors of the same kind
(``mea:actorKind``). Mandates whose verb only states the meeting's own view ("notes",
"welcomes", "recognizes"…) ask nobody to work and are left out unless
``exclude_verbs`` says otherwise. Each pair carries both mandates with their paragraphs.
"""

from __future__ import annotations

from itertools import combinations

from ..backends import GraphBackend
from ..namespaces import PREFIXES
from .mandates import Mandate, find_mandates
from .models import Frozen, Ref

__all__ = ["DECLARATIVE_VERBS", "Overlap", "find_overlaps"]

_VERB = PREFIXES["verb"]
DECLARATIVE_VERBS = frozenset(
    _VERB + v
    for v in (
        "emphasizes",
        "expresses-gratitude",
        "is-aware",
        "is-convinced",
        "notes",
        "recalls",
        "recognizes",
        "welcomes",
    )
)


class Overlap(Frozen):
    """Two mandates asking the same actor, or the same kind of actor, on the same theme."""

    first: Mandate
    second: Mandate
    themes: list[Ref]
    same_addressees: list[Ref]
    same_kinds: list[Ref]


def find_overlaps(
    backend: GraphBackend,
    *,
    theme: str | None = None,
    convention: str | None = None,
    exclude_verbs: frozenset[str] = DECLARATIVE_VERBS,
) -> list[Overlap]:
    """Overlapping pairs, optionally on one theme (or a narrower one) and involving one
    convention (at least one side of the pair is related to it)."""
    mandates = [
        m
        for m in find_mandates(backend, theme=theme)
        if not (m.verb and m.verb.iri in exclude_verbs)
    ]
    overlaps = []
    for i, j in _candidate_pairs(mandates, by_theme=theme is None):
        first, second = mandates[i], mandates[j]
        if convention and not any(
            c.iri == convention for m in (first, second) for c in m.conventions
        ):
            continue
        if first.instrument == second.instrument and _ids(first.conventions) == _ids(
            second.conventions
        ):
            continue
        themes = _common(first.themes, second.themes)
        if theme and not themes:
            themes = [t for t in first.themes if t.iri == theme] or themes
        addressees = _common(
            [a.entity for a in first.addressees], [a.entity for a in second.addressees]
        )
        kinds = _common(
            [k for a in first.addressees for k in a.kinds],
            [k for a in second.addressees for k in a.kinds],
        )
        if (themes or theme) and (addressees or kinds):
            overlaps.append(
                Overlap(
                    first=first,
                    second=second,
                    themes=themes,
                    same_addressees=addressees,
                    same_kinds=kinds,
                )
            )
    return overlaps


def _candidate_pairs(mandates: list[Mandate], *, by_theme: bool) -> list[tuple[int, int]]:
    """The index pairs (i < j, in order) of mandates that share an addressee or a kind of
    addressee (and, unless one theme was asked for, a theme): the only pairs that can
    overlap. Grouping first avoids comparing every pair of mandates."""
    buckets: dict[tuple[str, str], list[int]] = {}
    for index, mandate in enumerate(mandates):
        actors = {a.entity.iri for a in mandate.addressees}
        actors |= {k.iri for a in mandate.addressees for k in a.kinds}
        themes = {t.iri for t in mandate.themes} if by_theme else {""}
        for key in {(t, actor) for t in themes for actor in actors}:
            buckets.setdefault(key, []).append(index)
    pairs = {pair for members in buckets.values() for pair in combinations(members, 2)}
    return sorted(pairs)


def _ids(refs: list[Ref]) -> set[str]:
    return {r.iri for r in refs}


def _common(left: list[Ref], right: list[Ref]) -> list[Ref]:
    shared = _ids(left) & _ids(right)
    return sorted({r.iri: r for r in left if r.iri in shared}.values(), key=lambda r: r.id)
