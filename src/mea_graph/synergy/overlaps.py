"""Overlapping mandates: two instruments asking the same (kind of) actor to work on a theme.

A pair of mandates overlaps when they come from different instruments (or different
conventions), share a theme, and address the same actor or actors of the same kind
(``mea:actorKind``). Mandates whose verb only states the meeting's own view ("notes",
"welcomes", "recognizes"…) ask nobody to work and are left out unless
``exclude_verbs`` says otherwise. Each pair carries both mandates with their paragraphs.

Pairs come in the order of the mandates (:func:`~.mandates.find_mandates`): by first
mandate, then second. A popular theme has millions of pairs at scale, so they are never
all listed to serve a page: an :class:`OverlapTable` (cached per dataset version) holds,
for every mandate, bit sets of the mandates it shares an actor, a kind or a theme with;
it counts each mandate's later partners with a population count and lists only the pairs
of the page asked for (:func:`overlaps_page`). Only the mandates of that page are described.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Iterable
from itertools import accumulate

from ..backends import GraphBackend
from ..errors import MeaGraphError
from ..namespaces import PREFIXES
from .cache import cached
from .mandate_index import MandateIndex, mandate_index
from .mandates import Mandate, describe_mandates
from .models import Frozen, Ref

__all__ = [
    "DECLARATIVE_VERBS",
    "Overlap",
    "OverlapTable",
    "find_overlaps",
    "overlap_table",
    "overlaps_page",
]

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
    convention (at least one side of the pair is related to it). Every pair: use
    :func:`overlaps_page` for a page of them."""
    _, found = overlaps_page(
        backend, theme=theme, convention=convention, exclude_verbs=exclude_verbs
    )
    return found


def overlaps_page(
    backend: GraphBackend,
    *,
    theme: str | None = None,
    convention: str | None = None,
    exclude_verbs: frozenset[str] = DECLARATIVE_VERBS,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[int, list[Overlap]]:
    """How many pairs :func:`find_overlaps` finds, and the ``limit`` of them from
    ``offset`` on (the same as slicing its list)."""
    table = overlap_table(backend, theme=theme, convention=convention, exclude_verbs=exclude_verbs)
    pairs = table.pairs(offset, limit)
    involved = sorted({m for pair in pairs for m in pair})
    described = dict(zip(involved, describe_mandates(backend, involved), strict=True))
    return table.total, [_overlap(described[a], described[b], theme) for a, b in pairs]


def overlap_table(
    backend: GraphBackend,
    *,
    theme: str | None = None,
    convention: str | None = None,
    exclude_verbs: frozenset[str] = DECLARATIVE_VERBS,
) -> OverlapTable:
    """The table of overlapping pairs for these filters, built once per dataset version."""
    key: tuple[Hashable, ...] = ("overlap-table", theme, convention, frozenset(exclude_verbs))

    def build() -> OverlapTable:
        index = mandate_index(backend)
        mandates = [
            m for m in index.select(theme=theme) if index.mandates[m].verb not in exclude_verbs
        ]
        return OverlapTable(index, mandates, by_theme=theme is None, convention=convention)

    return cached(backend, *key, build=build)


class OverlapTable:
    """The overlapping pairs among ``mandates`` (in order), counted without listing them.

    Mandate ``i`` overlaps a later mandate ``j`` when they address a common actor or a
    common kind of actor, share a theme (``by_theme``; with one theme asked for, every
    mandate has it), do not come from the same instrument with the same conventions, and,
    with ``convention``, one of them is related to it. Each condition is a bit set over
    the mandates; mandates of one instrument are next to each other in the order, so the
    "same instrument" sets are short and stored from their first member on.

    >>> from mea_graph.network._sample import backend_from_turtle
    >>> index = mandate_index(backend_from_turtle('''
    ...   mandate:a a mea:Mandate ; mea:sourceParagraph d181:para-1 ; mea:addressee sec:a .
    ...   mandate:b a mea:Mandate ; mea:sourceParagraph d181:para-2 ; mea:addressee sec:a .
    ...   mandate:c a mea:Mandate ; mea:sourceParagraph d181:para-3 ; mea:addressee sec:a .
    ...   d181:para-1 eli:is_part_of dec:one . d181:para-2 eli:is_part_of dec:one .
    ...   d181:para-3 eli:is_part_of dec:two .
    ...   dec:one a mea:Decision . dec:two a mea:Decision .'''))
    >>> table = OverlapTable(index, index.select(), by_theme=False)
    >>> table.total, [(a[-1], b[-1]) for a, b in table.pairs(0, None)]  # not a-b: one decision
    (2, [('a', 'c'), ('b', 'c')])
    >>> [(a[-1], b[-1]) for a, b in table.pairs(1, 5)]
    [('b', 'c')]
    """

    def __init__(
        self,
        index: MandateIndex,
        mandates: list[str],
        *,
        by_theme: bool,
        convention: str | None = None,
    ):
        self.mandates = mandates
        size = len(mandates)
        links = [index.mandates[m] for m in mandates]
        actors = [
            [("actor", a) for a in sorted(x.addressees)]
            + [("kind", k) for k in sorted(index.actor_kinds(m))]
            for m, x in zip(mandates, links, strict=True)
        ]
        themes = [sorted(x.themes) for x in links] if by_theme else None
        self._actors = _masks(actors, size)
        self._actor_keys = actors
        self._themes = _masks(themes, size) if themes is not None else None
        self._theme_keys = themes
        related = [i for i, x in enumerate(links) if convention in x.conventions]
        self._convention = _mask([related], size) if convention else None
        self._related = set(related)
        self._siblings = _sibling_sets(
            [
                (index.placement(m).instrument, x.conventions)
                for m, x in zip(mandates, links, strict=True)
            ]
        )
        self._before = [0, *accumulate(self._later(i).bit_count() for i in range(size))]

    @property
    def total(self) -> int:
        """How many overlapping pairs there are."""
        return self._before[-1]

    def pairs(self, offset: int, limit: int | None) -> list[tuple[str, str]]:
        """The pairs (first IRI, second IRI) from ``offset`` on, at most ``limit`` of them."""
        wanted = self.total - offset if limit is None else min(limit, self.total - offset)
        found: list[tuple[str, str]] = []
        i = bisect_right(self._before, offset) - 1
        skip = offset - self._before[i] if wanted > 0 else 0
        while len(found) < wanted:
            if self._before[i + 1] > self._before[i]:  # mandate i has later partners
                later = _positions(self._later(i))[skip : skip + wanted - len(found)]
                found.extend((self.mandates[i], self.mandates[i + 1 + k]) for k in later)
            i, skip = i + 1, 0
        return found

    def _later(self, i: int) -> int:
        """The later mandates that overlap mandate ``i``: bit ``k`` stands for ``i + 1 + k``."""
        shared = 0
        for key in self._actor_keys[i]:
            shared |= self._actors[key]
        if self._themes is not None and self._theme_keys is not None:
            on_theme = 0
            for theme in self._theme_keys[i]:
                on_theme |= self._themes[theme]
            shared &= on_theme
        if self._convention is not None and i not in self._related:
            shared &= self._convention
        start, siblings = self._siblings[i]
        return (shared >> (i + 1)) & ~(siblings >> (i + 1 - start))


def _overlap(first: Mandate, second: Mandate, theme: str | None) -> Overlap:
    """The overlap of two mandates that the table paired (what they share)."""
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
    if not (addressees or kinds):
        raise MeaGraphError(
            f"{first.mandate.id} and {second.mandate.id} were paired but share no addressee"
        )
    return Overlap(
        first=first, second=second, themes=themes, same_addressees=addressees, same_kinds=kinds
    )


def _mask(groups: Iterable[Iterable[int]], size: int) -> int:
    """One bit set (an int) with the bits of every index in ``groups``.

    >>> bin(_mask([[0, 2], [3]], 4))
    '0b1101'
    """
    bits = bytearray((size + 7) // 8)
    for group in groups:
        for i in group:
            bits[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(bits, "little")


def _masks(keys: list[list], size: int) -> dict:
    """For each key, the bit set of the positions whose list holds it."""
    members: dict = {}
    for i, held in enumerate(keys):
        for key in held:
            members.setdefault(key, []).append(i)
    return {key: _mask([indices], size) for key, indices in members.items()}


def _sibling_sets(sources: list[tuple[str | None, frozenset[str]]]) -> list[tuple[int, int]]:
    """For each position: the first position with the same source (instrument and
    conventions) and the bit set of that source's positions, counted from there.

    >>> [(start, bin(bits)) for start, bits in _sibling_sets(
    ...     [("d1", frozenset()), ("d1", frozenset()), ("d2", frozenset())])]
    [(0, '0b11'), (0, '0b11'), (2, '0b1')]
    """
    members: dict[tuple[str | None, frozenset[str]], list[int]] = {}
    for i, source in enumerate(sources):
        members.setdefault(source, []).append(i)
    sets = {
        source: (
            indices[0],
            _mask([[i - indices[0] for i in indices]], indices[-1] - indices[0] + 1),
        )
        for source, indices in members.items()
    }
    return [sets[source] for source in sources]


def _positions(bits: int) -> list[int]:
    """The positions of the bits set in ``bits``, lowest first.

    >>> _positions(0b10110)
    [1, 2, 4]
    """
    text = bin(bits)[:1:-1]
    return [k for k, bit in enumerate(text) if bit == "1"]


def _common(left: list[Ref], right: list[Ref]) -> list[Ref]:
    shared = {r.iri for r in left} & {r.iri for r in right}
    return sorted({r.iri: r for r in left if r.iri in shared}.values(), key=lambda r: r.id)
