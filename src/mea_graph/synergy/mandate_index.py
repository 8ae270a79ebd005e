"""The mandate index: every mandate's paragraph, verbs, themes, addressees and conventions,
and where its paragraph sits, read in a few passes over the graph and cached per dataset
version (:mod:`.cache`).

:func:`~.mandates.find_mandates` selects and orders mandates with it, and
:mod:`.overlaps` groups them with it, so both agree on what a mandate says and on the
order of mandates: by instrument (compact id), paragraph order, then IRI.

What the filters mean (as the SPARQL patterns they replace):

- a theme matches its own mandates and those of every narrower theme
  (``dcterms:subject/skos:broader*``);
- an actor kind matches the mandates addressed to an actor of that kind
  (``mea:addressee/mea:actorKind``);
- a status matches the mandates whose paragraph is part of something with that status
  (``eli:is_part_of+/mea:status``).

>>> from mea_graph.network._sample import backend_from_turtle
>>> index = build_index(backend_from_turtle('''
...   theme:t1 skos:broader theme:top .
...   dec:d a mea:Decision ; mea:status status:in-force .
...   d181:para-1 eli:is_part_of dec:d ; mea:order 2 .
...   d181:para-2 eli:is_part_of dec:d ; mea:order 1 .
...   mandate:a a mea:Mandate ; mea:sourceParagraph d181:para-1 ; dcterms:subject theme:t1 ;
...       mea:addressee sec:a ; mea:operativeVerb verb:requests .
...   mandate:b a mea:RecommendedAction ; mea:sourceParagraph d181:para-2 ;
...       mea:addressee orgn:x .
...   sec:a mea:actorKind kind:secretariat .'''))
>>> [m.rsplit("/", 1)[1] for m in index.select()]  # paragraph 2 comes first (order 1)
['b', 'a']
>>> [m.rsplit("/", 1)[1] for m in index.select(theme=PREFIXES["theme"] + "top")]
['a']
>>> [m.rsplit("/", 1)[1] for m in index.select(addressee=PREFIXES["kind"] + "secretariat",
...                                            addressee_is_kind=True)]
['a']
>>> index.placement(PREFIXES["mandate"] + "a").instrument == PREFIXES["dec"] + "d"
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..backends import GraphBackend
from ..namespaces import PREFIXES
from ..report import compact
from ._sparql import rows
from .cache import cached_table

__all__ = [
    "INSTRUMENT_CLASSES",
    "MandateIndex",
    "MandateLinks",
    "Placement",
    "build_index",
    "mandate_index",
]

MEA, DCT = PREFIXES["mea"], PREFIXES["dcterms"]
# Where a paragraph belongs, most specific first.
INSTRUMENT_CLASSES = (
    MEA + "Resolution",
    MEA + "Decision",
    MEA + "MeetingDocument",
    MEA + "Document",
)

_MANDATES = """SELECT DISTINCT ?m ?para WHERE {
  ?m rdf:type/rdfs:subClassOf* mea:Mandate ; mea:sourceParagraph ?para }"""
# One query per predicate: each reads one index of the store (a FILTER over ?p, or a
# VALUES block, would scan every triple).
_LINKS = {
    "addressees": MEA + "addressee",
    "themes": DCT + "subject",
    "conventions": MEA + "relatedAgreement",
    "verbs": MEA + "operativeVerb",
}
_PAIRS = "SELECT ?s ?o WHERE {{ ?s <{}> ?o }}"
_RANK = {cls: i for i, cls in enumerate(INSTRUMENT_CLASSES)}
_CLASSES = (
    "SELECT ?x ?cls WHERE { VALUES ?cls { "
    + " ".join(f"<{c}>" for c in INSTRUMENT_CLASSES)
    + " } ?x a ?cls }"
)


@dataclass(frozen=True)
class MandateLinks:
    """What one mandate links to (IRIs, or literal values where the data has literals)."""

    paragraph: str
    verbs: tuple[str, ...]  # sorted
    themes: frozenset[str]
    addressees: frozenset[str]
    conventions: frozenset[str]

    @property
    def verb(self) -> str | None:
        """The verb a :class:`~.mandates.Mandate` shows: the first one, sorted."""
        return self.verbs[0] if self.verbs else None


@dataclass(frozen=True)
class Placement:
    """Where a paragraph belongs: its instrument (a resolution or decision before a
    document), that instrument's statuses and the paragraph's order in it."""

    instrument: str | None
    statuses: tuple[str, ...]
    order: int


_NOWHERE = Placement(None, (), 0)


class MandateIndex:
    """Mandates and their links, with the filters of :func:`~.mandates.find_mandates`."""

    def __init__(
        self,
        mandates: dict[str, MandateLinks],
        kinds: dict[str, frozenset[str]],
        narrower: dict[str, set[str]],
        parents: dict[str, set[str]],
        classes: dict[str, set[str]],
        statuses: dict[str, set[str]],
        orders: dict[str, int],
    ):
        self.mandates = mandates
        self.kinds = kinds
        self._narrower = narrower
        self._statuses = statuses
        self._ancestors = {
            para: _ancestors(para, parents) for para in {m.paragraph for m in mandates.values()}
        }
        self._placements = {
            para: _place(para, ancestors, classes, statuses, orders)
            for para, ancestors in self._ancestors.items()
        }
        ids: dict[str | None, str] = {None: ""}
        self._keys: dict[str, tuple[str, int, str]] = {}
        for m, links in mandates.items():
            place = self._placements[links.paragraph]
            if place.instrument not in ids:
                ids[place.instrument] = compact(place.instrument)
            self._keys[m] = (ids[place.instrument], place.order, m)

    def __len__(self) -> int:
        return len(self.mandates)

    def placement(self, mandate: str) -> Placement:
        """Where the paragraph of ``mandate`` belongs."""
        return self._placements[self.mandates[mandate].paragraph]

    def ordered(self, mandates: Iterable[str]) -> list[str]:
        """``mandates`` by instrument (compact id), paragraph order, then IRI."""
        return sorted(mandates, key=self._keys.__getitem__)

    def actor_kinds(self, mandate: str) -> frozenset[str]:
        """The kinds of the actors ``mandate`` is addressed to."""
        found: set[str] = set()
        for addressee in self.mandates[mandate].addressees:
            found |= self.kinds.get(addressee, frozenset())
        return frozenset(found)

    def narrower(self, theme: str) -> set[str]:
        """``theme`` and every theme below it (``skos:broader*``)."""
        found, todo = {theme}, [theme]
        while todo:
            for child in self._narrower.get(todo.pop(), ()):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def select(
        self,
        *,
        convention: str | None = None,
        theme: str | None = None,
        addressee: str | None = None,
        addressee_is_kind: bool = False,
        verb: str | None = None,
        status: str | None = None,
    ) -> list[str]:
        """The mandates that match every filter given, in order (see the module)."""
        themes = self.narrower(theme) if theme else None
        chosen = []
        for m, links in self.mandates.items():
            if convention and convention not in links.conventions:
                continue
            if themes is not None and themes.isdisjoint(links.themes):
                continue
            if addressee and addressee not in (
                self.actor_kinds(m) if addressee_is_kind else links.addressees
            ):
                continue
            if verb and verb not in links.verbs:
                continue
            if status and not any(
                status in self._statuses.get(a, ()) for a in self._ancestors[links.paragraph]
            ):
                continue
            chosen.append(m)
        return self.ordered(chosen)


def mandate_index(backend: GraphBackend) -> MandateIndex:
    """The index of ``backend``'s mandates, built once per dataset version."""
    return cached_table(backend, "mandate-index", build=lambda: build_index(backend))


def build_index(backend: GraphBackend) -> MandateIndex:
    """Read the mandates and what they link to (a few SELECTs over the whole graph)."""
    paragraphs: dict[str, str] = {}
    for m, para in rows(backend, _MANDATES):
        paragraphs[m] = min(para, paragraphs.get(m, para))  # several: the first, sorted
    links: dict[str, dict[str, set[str]]] = {name: defaultdict(set) for name in _LINKS}
    for name, predicate in _LINKS.items():
        for s, o in rows(backend, _PAIRS.format(predicate)):
            if s in paragraphs:
                links[name][s].add(o)
    mandates = {
        m: MandateLinks(
            paragraph=para,
            verbs=tuple(sorted(links["verbs"].get(m, ()))),
            themes=frozenset(links["themes"].get(m, ())),
            addressees=frozenset(links["addressees"].get(m, ())),
            conventions=frozenset(links["conventions"].get(m, ())),
        )
        for m, para in paragraphs.items()
    }
    kinds = _grouped(rows(backend, _PAIRS.format(MEA + "actorKind")))
    narrower = _grouped(
        (u, t) for t, u in rows(backend, _PAIRS.format(PREFIXES["skos"] + "broader"))
    )
    orders: dict[str, int] = {}
    for para, order in rows(backend, _PAIRS.format(MEA + "order")):
        orders[para] = min(_integer(order), orders.get(para, _integer(order)))
    return MandateIndex(
        mandates,
        {a: frozenset(k) for a, k in kinds.items()},
        narrower,
        _grouped(rows(backend, _PAIRS.format(PREFIXES["eli"] + "is_part_of"))),
        _grouped(rows(backend, _CLASSES)),
        _grouped(rows(backend, _PAIRS.format(MEA + "status"))),
        orders,
    )


def _grouped(pairs: Iterable[tuple[str, ...]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for key, value in pairs:
        found[key].add(value)
    return dict(found)


def _integer(text: str) -> int:
    """``mea:order`` as a number (0 if it is not one, as for a paragraph without it).

    >>> _integer("12"), _integer("12bis")
    (12, 0)
    """
    try:
        return int(text)
    except ValueError:
        return 0


def _ancestors(node: str, parents: dict[str, set[str]]) -> frozenset[str]:
    """Everything ``node`` is part of, directly or not (``eli:is_part_of+``)."""
    found: set[str] = set()
    todo = list(parents.get(node, ()))
    while todo:
        parent = todo.pop()
        if parent not in found:
            found.add(parent)
            todo.extend(parents.get(parent, ()))
    return frozenset(found)


def _place(
    paragraph: str,
    ancestors: frozenset[str],
    classes: dict[str, set[str]],
    statuses: dict[str, set[str]],
    orders: dict[str, int],
) -> Placement:
    """The most specific instrument ``paragraph`` is part of (then the first IRI)."""
    candidates = [(min(_RANK[c] for c in classes[a]), a) for a in ancestors if a in classes]
    if not candidates:
        return _NOWHERE
    _, instrument = min(candidates)
    return Placement(
        instrument, tuple(sorted(statuses.get(instrument, ()))), orders.get(paragraph, 0)
    )
