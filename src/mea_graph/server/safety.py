"""The safety screen: refuse, before any evaluation, what would leave the store.

pyoxigraph federates ``SERVICE`` by itself and ``LOAD`` fetches a URL, so both are
refused outright; ``FROM``/``FROM NAMED``/``USING``/``USING NAMED`` may only name graphs
that the store holds. The text is first scanned for the words that could start such a
clause anywhere (even in a string or comment); only if one occurs is it parsed with
rdflib's SPARQL parser and the parse tree inspected. If rdflib cannot parse it, a lexer
that skips strings, IRIs and comments decides, and any such keyword is refused.

>>> screen("SELECT * WHERE { ?s ?p ?o }", known_graphs=set).graphs
frozenset()
>>> screen("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", known_graphs=set)
Traceback (most recent call last):
...
mea_graph.errors.QueryRefused: SERVICE is refused: this endpoint never fetches other endpoints
>>> screen("ASK FROM <file:///etc/passwd> { ?s ?p ?o }", known_graphs=set)
Traceback (most recent call last):
...
mea_graph.errors.QueryRefused: FROM <file:///etc/passwd> is refused: it is not a graph of this store
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

from pyparsing import ParseResults  # rdflib's parse trees are made of them
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import URIRef

from ..errors import QueryRefused
from ..namespaces import PREFIXES
from ._tokens import keywords

__all__ = ["Screened", "screen"]

_RISKY = re.compile(r"(?i)(?<![\w:])(SERVICE|LOAD|FROM|USING|WITH)(?![\w:])")


@dataclass(frozen=True)
class Screened:
    """What the screen learned: the graphs named in the text, and whether the text sets
    its own dataset (FROM, USING or WITH), which the protocol's parameters may not
    contradict."""

    graphs: frozenset[str] = frozenset()
    sets_dataset: bool = False


def screen(
    text: str, *, update: bool = False, known_graphs: Callable[[], Iterable[str]]
) -> Screened:
    """Raise :class:`~mea_graph.errors.QueryRefused` if ``text`` could fetch a URL, read
    a file or name a graph outside ``known_graphs()`` (called only when needed)."""
    if not _RISKY.search(text):
        return Screened()
    try:
        tree = parseUpdate(text) if update else parseQuery(text)
    except Exception:  # rdflib cannot parse it: fall back on the lexer, conservatively
        return _screen_tokens(text)
    found = _Findings()
    found.walk(tree)
    if found.service:
        raise QueryRefused("SERVICE is refused: this endpoint never fetches other endpoints")
    if found.load:
        raise QueryRefused("LOAD is refused: this endpoint never fetches URLs or reads files")
    if found.clauses:
        allowed = set(known_graphs())
        for keyword, iri in found.clauses:
            resolved = found.resolve(iri)
            if resolved not in allowed:
                raise QueryRefused(
                    f"{keyword} <{resolved}> is refused: it is not a graph of this store"
                )
    return Screened(
        frozenset(found.resolve(i) for _, i in found.clauses), bool(found.clauses or found.with_)
    )


def _screen_tokens(text: str) -> Screened:
    used = keywords(text)
    if used & {"SERVICE", "LOAD", "FROM", "USING"}:
        raise QueryRefused(
            "refused: the text uses SERVICE, LOAD, FROM or USING and could not be checked "
            "by the safety screen (it does not parse)"
        )
    return Screened(sets_dataset="WITH" in used)


class _Findings:
    """Collects SERVICE, LOAD, FROM/USING clauses and prefixes from an rdflib parse tree."""

    def __init__(self) -> None:
        self.service = self.load = self.with_ = False
        self.clauses: list[tuple[str, object]] = []
        self.prefixes = dict(PREFIXES)
        self.base = ""

    def walk(self, node: object) -> None:
        for item in _nodes(node):
            name = item.name
            if name == "ServiceGraphPattern":
                self.service = True
            elif name == "Load":
                self.load = True
            elif name == "PrefixDecl":
                self.prefixes[dict.get(item, "prefix") or ""] = str(item["iri"])
            elif name == "Base":
                self.base = str(item["iri"])
            elif name in ("DatasetClause", "UsingClause"):
                keyword = "FROM" if name == "DatasetClause" else "USING"
                if "named" in item:
                    self.clauses.append((f"{keyword} NAMED", item["named"]))
                else:
                    self.clauses.append((keyword, item["default"]))
            if name == "Modify" and "withClause" in item:
                self.with_ = True

    def resolve(self, iri: object) -> str:
        if isinstance(iri, CompValue):  # a prefixed name
            prefix = dict.get(iri, "prefix") or ""
            if prefix not in self.prefixes:
                raise QueryRefused(f"undeclared prefix {prefix}: in a FROM or USING clause")
            return self.prefixes[prefix] + (dict.get(iri, "localname") or "")
        return urljoin(self.base, str(iri)) if self.base else str(iri)


def _nodes(node: object) -> Iterator[CompValue]:
    """Every CompValue in the tree, parents before children."""
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list | tuple | ParseResults):
        for value in node:
            yield from _nodes(value)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, URIRef):
        return
