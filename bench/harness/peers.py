"""The engines under comparison, started and stopped by the harness.

===  ==========================================================  ===========
key  engine                                                      how
===  ==========================================================  ===========
a    mea-graph's HTTP endpoint (``mea-graph serve --store DIR``)  subprocess
b    pyoxigraph in-process, in memory: the floor                  this process
c    Oxigraph server (``oxigraph serve-read-only``, PyPI)         subprocess
d    rdflib-endpoint (PyPI) on an rdflib ``Dataset``              subprocess
e    mea-graph with ``--endpoint`` pointed at (c)                 subprocess
===  ==========================================================  ===========

Every server listens on 127.0.0.1 on a free port. A :class:`Peer` answers a SPARQL
query (:meth:`Peer.sparql`) or a synergy API route (:meth:`Peer.api`) and returns the
number of result rows or lines, or a :class:`Received` body that counts them when asked
(so that a client's parsing is not timed as the server's work); a request over its time
limit raises :class:`QueryTimeout`. Servers are stopped by their own process id only.

>>> Peer.label("b")
'(b) pyoxigraph in-process'
>>> sorted(NAMES) == ["a", "b", "c", "d", "e"]
True
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

from mea_graph.backends import EmbeddedBackend, GraphBackend
from mea_graph.namespaces import PREFIXES

from .errors import HarnessError

__all__ = [
    "NAMES",
    "HttpPeer",
    "InProcessPeer",
    "Peer",
    "QueryFailed",
    "QueryTimeout",
    "Received",
    "load_oxigraph",
    "rows",
    "start_meagraph",
    "start_oxigraph",
    "start_rdflib_endpoint",
    "with_prefixes",
]

NAMES = {
    "a": "mea-graph /sparql",
    "b": "pyoxigraph in-process",
    "c": "Oxigraph server",
    "d": "rdflib-endpoint",
    "e": "mea-graph → Oxigraph",
}
SELECT_TYPE = "application/sparql-results+json"
GRAPH_TYPE = "application/n-triples"
BIN = Path(sys.executable).parent
PROJECT = Path(__file__).resolve().parents[2]  # where `bench` is importable from


class QueryTimeout(HarnessError):
    """A request ran over its time limit."""


class QueryFailed(HarnessError):
    """A request answered with an error status (or could not be sent)."""


def with_prefixes(sparql: str) -> str:
    """The query with the project's prefixes declared, for engines that do not predeclare
    them.

    >>> with_prefixes("ASK {}").splitlines()[-1]
    'ASK {}'
    >>> "PREFIX mea: <https://w3id.org/mea-graph/ontology#>" in with_prefixes("ASK {}")
    True
    """
    head = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in sorted(PREFIXES.items()))
    return head + sparql


def _items(document: Any) -> int:
    """The items of an API answer: a list, or the page of an object, its last list.

    >>> _items([1, 2]), _items({"conventions": ["a"], "brokers": [1, 2, 3]})
    (2, 3)
    """
    if isinstance(document, list):
        return len(document)
    lists = [v for v in document.values() if isinstance(v, list)]
    return len(lists[-1]) if lists else 1


class Received:
    """A response body, received in full; :meth:`count` parses it (outside the timing).

    >>> Received(b'{"results": {"bindings": [{}, {}]}}', construct=False).count()
    2
    >>> Received(b"<s> <p> <o> .\\n<s> <p> <q> .\\n", construct=True).count()
    2
    """

    def __init__(self, body: bytes, *, construct: bool):
        self.body, self.construct = body, construct

    def count(self) -> int:
        if self.construct:
            return sum(1 for line in self.body.splitlines() if line.strip())
        return len(json.loads(self.body)["results"]["bindings"])


def rows(answer: int | Received) -> int:
    """The number of rows of what :meth:`Peer.sparql` or :meth:`Peer.api` returned."""
    return answer.count() if isinstance(answer, Received) else answer


class Peer:
    """One engine. Subclasses answer :meth:`sparql` and, where they can, :meth:`api`."""

    key: str = "?"
    has_api = False
    pids: tuple[int, ...] = ()

    @staticmethod
    def label(key: str) -> str:
        return f"({key}) {NAMES[key]}"

    def sparql(self, query: str, *, construct: bool = False, timeout: float) -> int | Received:
        raise NotImplementedError

    def api(self, path: str, params: Mapping[str, str], *, timeout: float) -> int:
        raise QueryFailed(f"{self.label(self.key)} has no synergy API")

    def stop(self) -> None:  # noqa: B027 - optional hook
        """Release the engine."""


class InProcessPeer(Peer):
    """(b): a pyoxigraph ``Store`` in this process, in memory, loaded from the dump.

    A query's results are fully iterated (that is the work any endpoint must do); the
    synergy routes call the library functions on an :class:`EmbeddedBackend`.
    """

    key = "b"
    has_api = True

    def __init__(self, store: ox.Store, routes: Mapping[str, Callable[..., Any]]):
        self.store = store
        self.backend: GraphBackend = EmbeddedBackend(store)
        self.routes = routes

    @classmethod
    def load(cls, dump: Path, routes: Mapping[str, Callable[..., Any]]) -> tuple[Peer, float]:
        """Load ``dump`` (N-Quads) into memory; returns the peer and the load time."""
        started = time.perf_counter()
        store = ox.Store()
        store.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
        return cls(store, routes), time.perf_counter() - started

    def sparql(self, query: str, *, construct: bool = False, timeout: float) -> int:
        results = self.store.query(with_prefixes(query), use_default_graph_as_union=True)
        return sum(1 for _ in results)

    def api(self, path: str, params: Mapping[str, str], *, timeout: float) -> int:
        answer = self.routes[path](self.backend, params)
        return len(answer)


class HttpPeer(Peer):
    """A server in a subprocess that this harness started and will stop."""

    def __init__(
        self,
        key: str,
        process: subprocess.Popen,
        base: str,
        *,
        sparql_path: str,
        health_path: str | None,
        started: float,
    ):
        self.key, self.process, self.base = key, process, base
        self.sparql_url = base + sparql_path
        self.health_url = base + health_path if health_path else None
        self.has_api = health_path is not None  # only mea-graph has /health and /api
        self.started = started
        self.client = httpx.Client(timeout=30.0)
        self.pids = (process.pid,)

    def sparql(self, query: str, *, construct: bool = False, timeout: float) -> Received:
        accept = GRAPH_TYPE if construct else SELECT_TYPE
        response = self._send(
            "POST",
            self.sparql_url,
            timeout=timeout,
            data={"query": with_prefixes(query)},
            headers={"Accept": accept},
        )
        return Received(response.content, construct=construct)

    def api(self, path: str, params: Mapping[str, str], *, timeout: float) -> int:
        if not self.has_api:
            return super().api(path, params, timeout=timeout)
        response = self._send("GET", self.base + path, timeout=timeout, params=dict(params))
        return _items(response.json())

    def probe(self) -> bool:
        """True once the server answers: ``/health`` if it has one, else ``ASK {}``."""
        try:
            if self.health_url:
                return self.client.get(self.health_url, timeout=1.0).status_code == 200
            answer = self.client.post(
                self.sparql_url,
                data={"query": "ASK {}"},
                headers={"Accept": SELECT_TYPE},
                timeout=1.0,
            )
            return answer.status_code == 200
        except httpx.HTTPError:
            return False

    def wait_ready(self, *, limit: float) -> float:
        """Seconds from the process start to the first good answer."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HarnessError(
                    f"{self.label(self.key)} exited with status {self.process.returncode} "
                    "before answering"
                )
            if self.probe():
                return time.perf_counter() - self.started
            time.sleep(0.02)
        self.stop()
        raise HarnessError(f"{self.label(self.key)} did not answer within {limit:.0f} s")

    def _send(self, method: str, url: str, *, timeout: float, **kwargs: Any) -> httpx.Response:
        try:
            response = self.client.request(method, url, timeout=timeout, **kwargs)
        except httpx.TimeoutException:
            raise QueryTimeout(f"{self.label(self.key)}: over {timeout} s") from None
        except httpx.HTTPError as error:
            raise QueryFailed(f"{self.label(self.key)}: {error}") from None
        if response.status_code == 503 and b"time limit" in response.content:
            raise QueryTimeout(f"{self.label(self.key)}: stopped by its own time limit")
        if response.status_code != 200:
            raise QueryFailed(
                f"{self.label(self.key)}: HTTP {response.status_code} {response.text[:200]}"
            )
        return response

    def stop(self) -> None:
        self.client.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _executable(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found is None:
        raise HarnessError(f"the `{name}` executable is missing: install the bench extra")
    return found


def _spawn(command: list[str], *, cwd: Path | None = None, log: Path | None = None):
    output = log.open("wb") if log else subprocess.DEVNULL
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT)
    return process, started


def start_meagraph(
    *,
    key: str,
    root: Path,
    store_dir: Path | None = None,
    endpoint: str | None = None,
    timeout: float,
    workers: int = 2,
    log: Path | None = None,
) -> HttpPeer:
    """(a) with ``store_dir`` or (e) with ``endpoint``: ``mea-graph serve`` on a free
    port, rows uncapped so that every engine returns the whole answer."""
    port = _free_port()
    command = [_executable("mea-graph"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--store", str(store_dir)] if store_dir else ["--endpoint", str(endpoint)]
    command += ["--timeout", str(timeout), "--workers", str(workers), "--max-rows", "100000000"]
    process, started = _spawn(command, cwd=root, log=log)
    return HttpPeer(
        key,
        process,
        f"http://127.0.0.1:{port}",
        sparql_path="/sparql",
        health_path="/health",
        started=started,
    )


def load_oxigraph(dump: Path, location: Path) -> float:
    """``oxigraph load`` of ``dump`` into a new store at ``location``; returns seconds."""
    shutil.rmtree(location, ignore_errors=True)
    started = time.perf_counter()
    done = subprocess.run(
        [_executable("oxigraph"), "load", "--location", str(location), "--file", str(dump)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise HarnessError(f"oxigraph load of {dump} failed: {done.stderr.strip()[-300:]}")
    return time.perf_counter() - started


def start_oxigraph(location: Path, *, log: Path | None = None) -> HttpPeer:
    """(c): ``oxigraph serve-read-only --union-default-graph`` on a persisted store."""
    port = _free_port()
    command = [_executable("oxigraph"), "serve-read-only", "--location", str(location)]
    command += ["--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    process, started = _spawn(command, log=log)
    return HttpPeer(
        "c",
        process,
        f"http://127.0.0.1:{port}",
        sparql_path="/query",
        health_path=None,
        started=started,
    )


def start_rdflib_endpoint(dump: Path, *, log: Path | None = None) -> tuple[HttpPeer, Path]:
    """(d): rdflib-endpoint in a subprocess; also returns where it writes its load time."""
    port = _free_port()
    report = Path(tempfile.mkstemp(prefix="rdflib-load-", suffix=".json")[1])
    report.write_text("")
    command = [sys.executable, "-m", "bench.harness._rdflib_server", str(dump), str(port)]
    process, started = _spawn([*command, str(report)], cwd=PROJECT, log=log)
    peer = HttpPeer(
        "d",
        process,
        f"http://127.0.0.1:{port}",
        sparql_path="/sparql",
        health_path=None,
        started=started,
    )
    return peer, report
