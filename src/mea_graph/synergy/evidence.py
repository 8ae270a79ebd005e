"""The evidence of a statement: the source document, the paragraph, its number and text.

The data model (docs/modelling.md, "Evidence") says where evidence lives:

- a direct relation between instruments is described by an ``rdf:Statement``
  (``rdf:subject``, ``rdf:predicate``, ``rdf:object``) that cites its paragraphs: those
  are the evidence of that triple;
- otherwise, an n-ary node (collaboration, membership, mandate…) cites its paragraphs
  with ``prov:wasDerivedFrom`` or ``mea:sourceParagraph``, and every triple whose subject
  is that node has that evidence.

A triple with neither is a background fact (CMS is administered by UNEP): its evidence
is empty, never invented.

>>> from mea_graph.namespaces import entity_iri
>>> e = Evidence(paragraph=entity_iri("doc/unep-cms-cop14-doc.18.1/para-33"),
...     paragraph_id="d181:para-33", number="33", text="…",
...     document_symbol="UNEP/CMS/COP14/Doc.18.1")
>>> e.citation
'UNEP/CMS/COP14/Doc.18.1, para. 33'
"""

from __future__ import annotations

from collections.abc import Iterable

from ..backends import GraphBackend
from ..query import literal, named
from ..report import compact
from ._sparql import chunks, iri, values
from .models import Frozen

__all__ = ["Edge", "Evidence", "evidence_for_edges", "evidence_for_nodes", "fetch_evidence"]

Edge = tuple[str, str, str]  # subject, predicate, object IRIs


class Evidence(Frozen):
    """One paragraph (or annex, or document) that states a fact."""

    paragraph: str
    paragraph_id: str
    number: str | None = None
    text: str | None = None
    text_lang: str | None = None
    document: str | None = None
    document_symbol: str | None = None

    @property
    def citation(self) -> str:
        """How a person cites it: ``UNEP/CMS/COP14/Doc.18.1, para. 33``."""
        where = self.document_symbol or (compact(self.document) if self.document else "")
        if self.number and self.paragraph != self.document:
            return f"{where}, para. {self.number}" if where else f"para. {self.number}"
        return where or self.paragraph_id


def fetch_evidence(backend: GraphBackend, sources: Iterable[str]) -> dict[str, Evidence]:
    """Number, text and document of each cited paragraph (or annex, or document)."""
    wanted = sorted(set(sources))
    found: dict[str, Evidence] = {}
    for chunk in chunks(wanted):
        result = backend.query(
            "SELECT ?x ?number ?text ?doc ?symbol WHERE { "
            + values("x", chunk)
            + " OPTIONAL { ?x eli:number ?number }"
            " OPTIONAL { ?x mea:text ?text }"
            " OPTIONAL { ?x (mea:inDocument|eli:is_part_of|eli:is_annex_of)* ?doc ."
            " ?doc mea:symbol ?symbol } }"
        )
        for node, number, text, doc, symbol in result.raw_rows:
            x = named(node)
            if x.value in found and found[x.value].document_symbol:
                continue
            found[x.value] = Evidence(
                paragraph=x.value,
                paragraph_id=compact(x.value),
                number=number.value if number else None,
                text=text.value if text else None,
                text_lang=(literal(text).language or None) if text else None,
                document=doc.value if doc else None,
                document_symbol=symbol.value if symbol else None,
            )
    return found


def evidence_for_nodes(
    backend: GraphBackend, nodes: Iterable[str]
) -> dict[str, tuple[Evidence, ...]]:
    """The paragraphs each node cites itself (``prov:wasDerivedFrom``, ``mea:sourceParagraph``)."""
    cited = evidence_sources(backend, nodes)
    return _materialise(backend, cited)


def evidence_for_edges(
    backend: GraphBackend, edges: Iterable[Edge]
) -> dict[Edge, tuple[Evidence, ...]]:
    """The evidence of each triple.

    The paragraphs cited by an ``rdf:Statement`` that reifies the triple if there is one
    (they state that very triple), else the paragraphs its subject cites. Every edge asked
    for is in the answer; a background fact maps to ``()``.
    """
    wanted = sorted(set(edges))
    stated: dict[Edge, set[str]] = {}
    for chunk in chunks(wanted):
        rows = " ".join(f"({iri(s)} {iri(p)} {iri(o)})" for s, p, o in chunk)
        result = backend.query(
            "SELECT ?s ?p ?o ?src WHERE { VALUES (?s ?p ?o) { " + rows + " } "
            "?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?src . "
            "FILTER(isIRI(?src)) }"
        )
        for s, p, o, source in result.bound_rows():
            stated.setdefault((s, p, o), set()).add(source)
    by_subject = evidence_sources(backend, {s for s, _, _ in wanted})
    cited = {edge: stated.get(edge) or by_subject.get(edge[0], set()) for edge in wanted}
    return _materialise(backend, cited)


def evidence_sources(backend: GraphBackend, nodes: Iterable[str]) -> dict[str, set[str]]:
    """The IRIs each node cites (without fetching their text). A paragraph is its own
    evidence: what it says is in its text."""
    cited: dict[str, set[str]] = {}
    for chunk in chunks(sorted(set(nodes))):
        result = backend.query(
            "SELECT ?n ?src WHERE { "
            + values("n", chunk)
            + " { ?n prov:wasDerivedFrom|mea:sourceParagraph ?src . FILTER(isIRI(?src)) }"
            + " UNION { ?n a mea:Paragraph . BIND(?n AS ?src) } }"
        )
        for node, source in result.bound_rows():
            cited.setdefault(node, set()).add(source)
    return cited


def _materialise(backend: GraphBackend, cited: dict) -> dict:
    texts = fetch_evidence(backend, {s for sources in cited.values() for s in sources})
    return {
        key: tuple(sorted((texts[s] for s in sources), key=_order))
        for key, sources in cited.items()
    }


def _order(evidence: Evidence) -> tuple:
    number = evidence.number or ""
    digits = "".join(ch for ch in number if ch.isdigit())
    return (evidence.document or "", int(digits) if digits else 10**6, number, evidence.paragraph)
