"""Where queries run: the embedded pyoxigraph store, or any SPARQL 1.1 endpoint.

Library code (analyses, the synergy API, exports) talks to a :class:`GraphBackend` and
never to pyoxigraph directly, so the same code runs on the embedded store and on a
remote store. Queries see the union of all named graphs as their default graph, and the
project's prefixes are predeclared.

>>> import pyoxigraph
>>> backend = EmbeddedBackend(pyoxigraph.Store())
>>> backend.query("ASK { ?s ?p ?o }").boolean
False
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

import httpx
import pyoxigraph

from .errors import MeaGraphError
from .namespaces import PREFIXES, sparql_prolog
from .query import QueryResult, parse_error, result_from_answer, run_query


def open_backend(store_path: Path | None = None, endpoint: str | None = None) -> GraphBackend:
    """The remote ``endpoint`` if given, else the built store in ``store_path`` (default:
    the project's ``var/store``), opened read-only."""
    from .layout import Layout
    from .store import StoreFolder

    if endpoint:
        return RemoteBackend(endpoint)
    return EmbeddedBackend(StoreFolder(store_path or Layout.discover().store_dir).open())


class GraphBackend(ABC):
    """A read-only SPARQL 1.1 query service over the mea-graph dataset."""

    @abstractmethod
    def query(self, sparql: str) -> QueryResult:
        """Evaluate a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release resources (connections, file handles)."""


class EmbeddedBackend(GraphBackend):
    """The pyoxigraph store in this process."""

    def __init__(self, store: pyoxigraph.Store):
        self.store = store

    def query(self, sparql: str) -> QueryResult:
        return run_query(self.store, sparql)


class RemoteBackend(GraphBackend):
    """A remote SPARQL 1.1 endpoint reached over the SPARQL Protocol.

    The endpoint must expose the union of its named graphs as its default graph (for
    Oxigraph server: ``oxigraph serve --union-default-graph``).
    """

    def __init__(self, endpoint: str, *, timeout: float = 30.0):
        self.endpoint = endpoint
        self.client = httpx.Client(timeout=timeout)

    def query(self, sparql: str) -> QueryResult:
        text = sparql_prolog() + sparql
        try:
            response = self.client.post(
                self.endpoint,
                content=text.encode(),
                headers={
                    "Content-Type": "application/sparql-query",
                    "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
                },
            )
        except httpx.HTTPError as error:
            raise MeaGraphError(f"remote SPARQL endpoint {self.endpoint}: {error}") from None
        if response.status_code == 400:
            # Re-parse locally to report the position against the caller's text.
            try:
                pyoxigraph.Store().query(sparql, prefixes=PREFIXES)
            except SyntaxError as error:
                raise parse_error(error) from None
        if response.status_code != 200:
            raise MeaGraphError(
                f"remote SPARQL endpoint {self.endpoint} answered {response.status_code}: "
                f"{response.text[:500]}"
            )
        media = response.headers.get("content-type", "").split(";")[0].strip()
        if media == "application/sparql-results+json":
            return result_from_answer(
                pyoxigraph.parse_query_results(
                    response.content, format=pyoxigraph.QueryResultsFormat.JSON
                )
            )
        triples = pyoxigraph.parse(response.content, format=pyoxigraph.RdfFormat.N_TRIPLES)
        return result_from_answer(triples)

    def close(self) -> None:
        self.client.close()
