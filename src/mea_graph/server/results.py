"""Serialise a query's answer in the negotiated format, with the row cap said explicitly.

SELECT and ASK answer in SPARQL Results JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE in
Turtle, N-Triples, JSON-LD (through rdflib) or RDF/XML. At most ``max_rows`` solutions
or triples are written; past that, :attr:`Rendered.truncated` is set and the body says
so too (``"truncated": true`` in JSON, a ``<link>`` in XML).

When the query already carries the cap as its own ``LIMIT max_rows + 1`` (``capped``,
see :mod:`.row_cap`), pyoxigraph writes JSON, XML or TSV solutions in Rust, which is
several times faster than walking them here; only an answer that really has the extra
row is parsed back and cut in Python.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> for i in range(3):
...     store.add(ox.Quad(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://e/p"), ox.Literal(i)))
>>> answer = store.query("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s")
>>> rendered = render(answer, "text/csv", max_rows=2)
>>> rendered.body.decode().split(), rendered.truncated
(['s', 'http://e/0', 'http://e/1'], True)
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from itertools import islice
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from .._rdf import to_rdflib
from ..namespaces import PREFIXES
from .negotiation import GRAPH_FORMATS, RESULT_FORMATS, Format, NotAcceptable, negotiate

__all__ = ["TRUNCATED_LINK", "Answer", "Rendered", "render"]

TRUNCATED_LINK = "urn:mea-graph:truncated"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# What a query answers: a store's answer, or one parsed from a remote endpoint's response.
Answer = ox.QueryBoolean | bool | ox.QuerySolutions | ox.QueryTriples | ox.QuadParser


@dataclass(frozen=True)
class Rendered:
    """A serialised answer, ready to send."""

    body: bytes
    media_type: str
    truncated: bool = False


def render(answer: Answer, accept: str | None, *, max_rows: int, capped: bool = False) -> Rendered:
    """Serialise pyoxigraph's ``answer`` (boolean, solutions or triples) for ``accept``;
    ``capped``: the query's own ``LIMIT`` keeps it within ``max_rows + 1`` rows."""
    if isinstance(answer, ox.QueryBoolean | bool):
        fmt = _choose(accept, RESULT_FORMATS, "ASK")
        return Rendered(_boolean(bool(answer), fmt.name).encode(), fmt.media_type)
    if isinstance(answer, ox.QuerySolutions):
        fmt = _choose(accept, RESULT_FORMATS, "SELECT")
        if capped and fmt.name in _NATIVE:
            native, count_rows = _NATIVE[fmt.name]
            body = answer.serialize(format=native) or b""
            if count_rows(body, max_rows) <= max_rows:
                return Rendered(body, fmt.media_type)
            answer = ox.parse_query_results(body, format=native)  # one row too many: cut it
        return _solutions(answer, fmt, max_rows)  # type: ignore[arg-type]
    fmt = _choose(accept, GRAPH_FORMATS, "CONSTRUCT and DESCRIBE")
    triples = [ox.Triple(t.subject, t.predicate, t.object) for t in islice(answer, max_rows + 1)]
    truncated = len(triples) > max_rows
    triples = triples[:max_rows]
    return Rendered(_graph(triples, fmt.name), fmt.media_type, truncated)


def _solutions(answer: ox.QuerySolutions, fmt: Format, max_rows: int) -> Rendered:
    """Walk at most ``max_rows + 1`` solutions and write ``max_rows`` of them in Python."""
    variables = [v.value for v in answer.variables]
    rows = [[s[v] for v in variables] for s in islice(answer, max_rows + 1)]
    truncated = len(rows) > max_rows
    rows = rows[:max_rows]
    body = _SOLUTIONS[fmt.name](variables, rows, truncated, max_rows)
    return Rendered(body.encode(), fmt.media_type, truncated)


def _json_rows(body: bytes, max_rows: int) -> int:
    """Solutions in a JSON results body, parsed only when it is long enough to hold
    more than ``max_rows`` (every solution takes at least 3 bytes: ``{},``)."""
    if len(body) < 3 * (max_rows + 1):
        return 0
    return len(json.loads(body)["results"]["bindings"])


def _xml_rows(body: bytes, _max_rows: int) -> int:
    return body.count(b"<result>")  # a "<" in a value is always written as &lt;


def _tsv_rows(body: bytes, _max_rows: int) -> int:
    return body.count(b"\n") - 1  # TSV terms escape their newlines; the header is a line


# The formats pyoxigraph writes itself, with how to count the solutions written.
_NATIVE = {
    "json": (ox.QueryResultsFormat.JSON, _json_rows),
    "xml": (ox.QueryResultsFormat.XML, _xml_rows),
    "tsv": (ox.QueryResultsFormat.TSV, _tsv_rows),
}


def _choose(accept: str | None, offered: tuple[Format, ...], form: str) -> Format:
    fmt = negotiate(accept, offered)
    if fmt is None:
        types = ", ".join(f.media_type for f in offered)
        raise NotAcceptable(f"Accept: {accept} cannot be satisfied; {form} answers in {types}")
    return fmt


def _boolean(value: bool, name: str) -> str:
    word = "true" if value else "false"
    if name == "json":
        return json.dumps({"head": {}, "boolean": value})
    if name == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{word}</boolean></sparql>\n"
        )
    return f"_askResult\r\n{word}\r\n" if name == "csv" else f"?_askResult\n{word}\n"


def _json_term(term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}  # RDF-star triple terms, as text


def _json(variables, rows, truncated, limit) -> str:
    head: dict = {"vars": variables}
    document: dict = {"head": head}
    if truncated:
        head["link"] = [TRUNCATED_LINK]
        document.update(truncated=True, rowLimit=limit)
    bindings = [
        {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
        for row in rows
    ]
    document["results"] = {"bindings": bindings}
    return json.dumps(document, ensure_ascii=False)


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != _XSD_STRING:
            datatype = quoteattr(term.datatype.value)
            return f"<literal datatype={datatype}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _xml(variables, rows, truncated, _limit) -> str:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables))
    if truncated:
        out.append(f"<link href={quoteattr(TRUNCATED_LINK)}/>")
    out.append("</head><results>")
    for row in rows:
        bindings = "".join(
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(variables, row, strict=True)
            if t is not None
        )
        out.append(f"<result>{bindings}</result>")
    out.append("</results></sparql>\n")
    return "\n".join(out)


def _csv(variables, rows, _truncated, _limit) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: CRLF line ends
    writer.writerow(variables)
    writer.writerows([["" if t is None else t.value for t in row] for row in rows])
    return buffer.getvalue()


def _tsv(variables, rows, _truncated, _limit) -> str:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return "\n".join(lines) + "\n"


_SOLUTIONS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}
_RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def _graph(triples: list[ox.Triple], name: str) -> bytes:
    if name == "jsonld":
        return to_rdflib(triples).serialize(format="json-ld", encoding="utf-8")
    prefixes = PREFIXES if name == "turtle" else None
    return ox.serialize(triples, format=_RDF_FORMATS[name], prefixes=prefixes) or b""
