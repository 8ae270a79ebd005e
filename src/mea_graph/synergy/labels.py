"""Labels of many entities in one query: ``skos:prefLabel``, else ``rdfs:label``, en and fr.

>>> import pyoxigraph
>>> from mea_graph.backends import EmbeddedBackend
>>> store = pyoxigraph.Store()
>>> store.load('<http://e/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "A"@en, "Â"@fr .',
...     format=pyoxigraph.RdfFormat.TURTLE)
>>> refs = fetch_refs(EmbeddedBackend(store), ["http://e/a", "http://e/b"])
>>> refs["http://e/a"].label_fr, refs["http://e/b"].label
('Â', 'http://e/b')
"""

from __future__ import annotations

from collections.abc import Iterable

from ..backends import GraphBackend
from ..query import tagged
from ._sparql import chunks, is_iri, values
from .models import Ref

__all__ = ["fetch_refs"]

_RANK = {"http://www.w3.org/2004/02/skos/core#prefLabel": 0}


def fetch_refs(backend: GraphBackend, iris: Iterable[str]) -> dict[str, Ref]:
    """A :class:`Ref` for each IRI (labels are ``None`` where the graph has none)."""
    wanted = sorted({i for i in iris if i})
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for chunk in chunks([i for i in wanted if is_iri(i)]):
        result = backend.query(
            "SELECT ?s ?p ?l WHERE { "
            + values("s", chunk)
            # FILTER, not a second VALUES block: pyoxigraph joins two VALUES blocks
            # before reading the store, and scans every triple (3 s at 1M triples).
            + " ?s ?p ?l . FILTER(?p IN (skos:prefLabel, rdfs:label) "
            '&& LANG(?l) IN ("en", "fr")) }'
        )
        for s, p, label in result.bound_raw_rows():
            text, lang = tagged(label)
            rank = (_RANK.get(p.value, 1), text)
            key = (s.value, lang)
            if key not in best or rank < best[key]:
                best[key] = rank
    return {
        i: Ref.of(
            i,
            en=best[(i, "en")][1] if (i, "en") in best else None,
            fr=best[(i, "fr")][1] if (i, "fr") in best else None,
        )
        for i in wanted
    }
