"""Run SPARQL on a store and render the results as a table, JSON or CSV.

The standard prefixes of :mod:`mea_graph.namespaces` are predeclared, and the default
graph is the union of all named graphs.

>>> store = pyoxigraph.Store()
>>> store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("http://e/a"),
...     pyoxigraph.NamedNode("http://e/p"), pyoxigraph.Literal("x"), pyoxigraph.NamedNode("http://e/g")))
>>> result = run_query(store, "SELECT ?o WHERE { ?s ?p ?o }")
>>> result.variables, result.rows
(['o'], [['x']])
>>> run_query(store, "SELECT * WHERE { ?s ?p }")
Traceback (most recent call last):
...
mea_graph.errors.QuerySyntaxError: SPARQL syntax error at line 1, column 25: ...
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import TypeVar

import pyoxigraph

from .errors import MeaGraphError, QuerySyntaxError
from .namespaces import PREFIXES

_POSITION = re.compile(r"error at (\d+):(\d+): ")

# What a variable of a SELECT solution can be bound to (RDF-star triple terms excepted:
# ``result_from_answer`` takes the ``.value`` of every term, which they do not have).
Term = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal
_T = TypeVar("_T")


@dataclass
class QueryResult:
    """A query's answer: ``kind`` is "select", "ask" or "graph"."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[list[str | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[pyoxigraph.Triple] = field(default_factory=list)
    raw_rows: list[list[Term | None]] = field(default_factory=list)

    def bound_rows(self) -> list[list[str]]:
        """:attr:`rows`, for a query whose variables are bound in every solution (no
        ``OPTIONAL``): an unbound one is a bug, raised as :class:`MeaGraphError`."""
        return [[bound(value) for value in row] for row in self.rows]

    def bound_raw_rows(self) -> list[list[Term]]:
        """:attr:`raw_rows`, with the same check as :meth:`bound_rows`."""
        checked = [[term for term in row if term is not None] for row in self.raw_rows]
        if any(len(terms) != len(row) for terms, row in zip(checked, self.raw_rows, strict=True)):
            raise MeaGraphError(_UNBOUND)
        return checked


_UNBOUND = "a query left unbound a variable that it binds in every solution"


def bound(value: _T | None) -> _T:
    """``value``, which the query binds in every solution (else :class:`MeaGraphError`)."""
    if value is None:
        raise MeaGraphError(_UNBOUND)
    return value


def named(term: Term | None) -> pyoxigraph.NamedNode:
    """``term``, which the query binds to an IRI only (else :class:`MeaGraphError`)."""
    if not isinstance(term, pyoxigraph.NamedNode):
        raise MeaGraphError(f"a query bound {term!r} to a variable that holds IRIs only")
    return term


def literal(term: Term | None) -> pyoxigraph.Literal:
    """``term``, which the query binds to a literal only (else :class:`MeaGraphError`)."""
    if not isinstance(term, pyoxigraph.Literal):
        raise MeaGraphError(f"a query bound {term!r} to a variable that holds literals only")
    return term


def tagged(term: Term | None) -> tuple[str, str]:
    """Text and language tag of ``term``, which the query binds to a language-tagged
    literal only (else :class:`MeaGraphError`)."""
    text = literal(term)
    if not text.language:
        raise MeaGraphError(f"a query bound {text!r} to a variable that holds tagged literals")
    return text.value, text.language


def parse_error(error: SyntaxError) -> QuerySyntaxError:
    """Turn pyoxigraph's SPARQL ``SyntaxError`` into one with line and column."""
    message = str(error)
    match = _POSITION.search(message)
    if not match:
        return QuerySyntaxError(message)
    line, column = int(match.group(1)), int(match.group(2))
    return QuerySyntaxError(message[match.end() :], line=line, column=column)


def run_query(store: pyoxigraph.Store, sparql: str) -> QueryResult:
    """Evaluate ``sparql`` on ``store`` (read-only queries only)."""
    try:
        answer = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as error:
        raise parse_error(error) from None
    return result_from_answer(answer)


def result_from_answer(answer) -> QueryResult:
    """Wrap pyoxigraph's answer (boolean, solutions or triples) as a QueryResult."""
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, pyoxigraph.QuerySolutions):
        variables = [v.value for v in answer.variables]
        raw = [[solution[v] for v in variables] for solution in answer]
        rows = [[None if term is None else term.value for term in row] for row in raw]
        return QueryResult("select", variables, rows, raw_rows=raw)
    return QueryResult("graph", triples=list(answer))


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (or N-Triples lines for graph results)."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean})
    if result.kind == "graph":
        data = pyoxigraph.serialize(result.triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
        return (data or b"").decode()
    bindings = [
        {v: _term_json(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.raw_rows
    ]
    return json.dumps(
        {"head": {"vars": result.variables}, "results": {"bindings": bindings}},
        ensure_ascii=False,
        indent=2,
    )


def _term_json(term) -> dict[str, str]:
    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def to_csv(result: QueryResult) -> str:
    """CSV with a header row (``true``/``false`` for ASK, N-Triples for graphs)."""
    if result.kind == "ask":
        return "boolean\r\n" + ("true" if result.boolean else "false") + "\r\n"
    if result.kind == "graph":
        return to_json(result)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(result.variables)
    writer.writerows([["" if v is None else v for v in row] for row in result.rows])
    return buffer.getvalue()
