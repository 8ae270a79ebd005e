"""Where ``/sparql`` operations run: the worker pool over the store in service (in memory
by default, see :mod:`.workers`), a store in this process, or a remote endpoint. Every
engine screens the text first (see :mod:`.safety`), clamps the timeout and caps the rows;
only the embedded engine accepts updates, which it applies to a staging copy of the
store folder and publishes only if valid.

>>> import pyoxigraph as ox
>>> from .settings import Settings
>>> engine = InlineEngine(EmbeddedBackend(ox.Store()))
>>> engine.answer(Operation("query", "ASK {}"), accept=None, base_iri=None,
...               settings=Settings()).body
b'{"head": {}, "boolean": true}'
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import replace
from datetime import UTC, datetime
from typing import TypedDict

import httpx
import pyoxigraph as ox

from ..analysis.answers import warm_up
from ..backends import EmbeddedBackend, GraphBackend, RemoteBackend
from ..errors import MeaGraphError, QueryTimeout, ValidationFailed
from ..layout import Layout
from ..namespaces import sparql_prolog
from ..store import OXIGRAPH_SUBDIR, StoreFolder, ensure_snapshot
from ..synergy.cache import track_version
from . import jobs
from .problems import HttpProblem
from .protocol import Operation
from .results import Answer, Rendered, render
from .safety import screen
from .settings import Settings
from .workers import StoreMode, StoreSource, WorkerPool

__all__ = [
    "EmbeddedEngine",
    "Engine",
    "EngineStatus",
    "InlineEngine",
    "RemoteEngine",
    "make_engine",
]

_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


class EngineStatus(TypedDict, total=False):
    """What an engine tells ``/health`` (the fields of :class:`.app.Health` it fills)."""

    workers: int
    dataset_version: str | None
    endpoint: str
    store_mode: str


class Engine(ABC):
    """Runs protocol operations; every method blocks (call it from a thread)."""

    name = "engine"
    backend: GraphBackend

    def start(self) -> None:  # noqa: B027 - optional hook
        """Start background resources (worker processes)."""

    def close(self) -> None:
        self.backend.close()

    def known_graphs(self) -> list[str]:
        """The IRIs of the store's named graphs."""
        return [row[0] for row in self.backend.query(_GRAPHS).rows if row[0]]

    def status(self) -> EngineStatus:
        return {}

    def answer(
        self, operation: Operation, *, accept: str | None, base_iri: str | None, settings: Settings
    ) -> Rendered | jobs.UpdateOutcome:
        """Screen, then run ``operation`` within the clamped timeout."""
        timeout = min(operation.timeout or settings.query_timeout, settings.query_timeout)
        update = operation.kind == "update"
        screened = screen(operation.text, update=update, known_graphs=self.known_graphs)
        if not update:
            job = jobs.QueryJob(
                operation.text,
                accept,
                settings.max_rows,
                operation.default_graphs,
                operation.named_graphs,
                base_iri,
            )
            return self.query(job, timeout=timeout)
        if operation.sets_dataset and screened.sets_dataset:
            raise HttpProblem(
                400,
                "using-graph-uri/using-named-graph-uri cannot be combined with USING or WITH "
                "in the update",
            )
        return self.update(
            operation,
            union=not (operation.sets_dataset or screened.sets_dataset),
            base_iri=base_iri,
            timeout=timeout,
        )

    @abstractmethod
    def query(self, job: jobs.QueryJob, *, timeout: float) -> Rendered: ...

    def update(
        self, operation: Operation, *, union: bool, base_iri: str | None, timeout: float
    ) -> jobs.UpdateOutcome:
        raise HttpProblem(
            403, f"this server is read-only: updates need the embedded on-disk store ({self.name})"
        )


class EmbeddedEngine(Engine):
    """Queries in a killable query process over the build in service, held in memory or
    read from disk (``store_mode``; see :mod:`.workers`)."""

    name = "embedded"
    backend: EmbeddedBackend

    def __init__(
        self,
        folder: StoreFolder,
        *,
        workers: int,
        layout: Layout | None = None,
        store_mode: StoreMode = "memory",
        queue_wait: float = 0.5,
    ):
        self.folder, self.layout, self.store_mode = folder, layout, store_mode
        self.pool = WorkerPool(workers, wait=queue_wait)
        self.backend = self._open_backend()
        self._write = threading.Lock()

    def start(self) -> None:
        """Load the build in service into the query process (blocks until it answers),
        and start filling the synergy API's cache in the background."""
        self.pool.start(self._source())
        self._warm_up()

    def _open_backend(self) -> EmbeddedBackend:
        """The backend of the synergy API over the build in service, its cache keyed on
        the build's dataset version (see :mod:`mea_graph.synergy.cache`)."""
        backend = EmbeddedBackend(self.folder.open())
        manifest = self.folder.manifest()
        if manifest is not None:
            track_version(backend, manifest.dataset_version)
        return backend

    def _warm_up(self) -> None:
        """Build the synergy API's shared tables on a background thread, so that the first
        requests after a start or an update are as fast as the next ones."""
        backend = self.backend
        threading.Thread(
            target=warm_up, args=(backend,), daemon=True, name="warm-up-synergy-cache"
        ).start()

    def close(self) -> None:
        self.pool.close()

    def known_graphs(self) -> list[str]:
        return [g.value for g in self.backend.store.named_graphs() if isinstance(g, ox.NamedNode)]

    def status(self) -> EngineStatus:
        manifest = self.folder.manifest()
        return {
            "workers": self.pool.size if self.pool.alive() else 0,  # query slots serving
            "dataset_version": manifest.dataset_version if manifest else None,
            "store_mode": self.store_mode,
        }

    def _source(self) -> StoreSource:
        current = self.folder.current()
        if current is None:
            raise MeaGraphError(f"no store in service in {self.folder.path}")
        snapshot = ensure_snapshot(current) if self.store_mode == "memory" else None
        where = str(snapshot) if snapshot else None
        return StoreSource(str(current / OXIGRAPH_SUBDIR), where, self.store_mode)

    def query(self, job: jobs.QueryJob, *, timeout: float) -> Rendered:
        return self.pool.run(self._source(), jobs.run_query, job, timeout=timeout)

    def update(
        self, operation: Operation, *, union: bool, base_iri: str | None, timeout: float
    ) -> jobs.UpdateOutcome:
        """Apply to a staging copy, validate, publish only if it conforms."""
        layout = self.layout or Layout.discover()
        with self._write:
            manifest = self.folder.manifest()
            if manifest is None:
                raise MeaGraphError(f"no store in service in {self.folder.path}")
            source = self._source()
            build = self.folder.new_build()
            try:
                job = jobs.UpdateJob(
                    operation.text,
                    str(build / OXIGRAPH_SUBDIR),
                    tuple(str(p) for p in layout.shape_paths()),
                    dict(manifest.graphs),
                    operation.default_graphs,
                    operation.named_graphs,
                    union,
                    base_iri,
                )
                outcome = self.pool.run(source, jobs.apply_update, job, timeout=timeout)
                if not outcome.report.conforms:
                    raise ValidationFailed(outcome.report)
                stamp = datetime.now(UTC).isoformat(timespec="seconds")
                version = manifest.dataset_version.split("+updated")[0] + f"+updated-{stamp}"
                replace(
                    manifest, dataset_version=version, built_at=stamp, triples=outcome.triples
                ).write(build)
            except BaseException:
                self.folder.discard(build)
                raise
            self.folder.publish(build)
            self.backend = self._open_backend()
        self._warm_up()
        return outcome


class InlineEngine(Engine):
    """A store in this process (tests, in-memory stores). Queries run on a thread; past
    the timeout the client gets its 503 but the thread runs on: use the embedded engine
    to have the CPU reclaimed."""

    name = "in-process store"
    backend: EmbeddedBackend

    def __init__(self, backend: EmbeddedBackend):
        self.backend = backend
        self._threads = ThreadPoolExecutor(max_workers=2, thread_name_prefix="inline-query")

    def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)

    def query(self, job: jobs.QueryJob, *, timeout: float) -> Rendered:
        future = self._threads.submit(jobs.run_query, self.backend.store, job)
        try:
            return future.result(timeout=timeout)
        except FutureTimeout:
            raise QueryTimeout(f"the query ran over its time limit of {timeout:g} s") from None


class RemoteEngine(Engine):
    """Forwards queries to a remote SPARQL 1.1 endpoint and re-serialises the answers."""

    name = "remote endpoint"
    backend: RemoteBackend

    def __init__(self, backend: RemoteBackend):
        self.backend = backend

    def status(self) -> EngineStatus:
        return {"endpoint": self.backend.endpoint}

    def query(self, job: jobs.QueryJob, *, timeout: float) -> Rendered:
        params = tuple(  # not a list: httpx types lists of pairs invariantly (str | int | ...)
            [("default-graph-uri", g) for g in job.default_graphs]
            + [("named-graph-uri", g) for g in job.named_graphs]
        )
        try:
            response = self.backend.client.post(
                self.backend.endpoint,
                params=params,
                content=(sparql_prolog() + job.text).encode(),
                headers={
                    "Content-Type": "application/sparql-query",
                    "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
                },
                timeout=timeout,
            )
        except httpx.TimeoutException:
            raise QueryTimeout(f"the remote endpoint did not answer within {timeout:g} s") from None
        except httpx.HTTPError as error:
            where = self.backend.endpoint
            raise MeaGraphError(f"remote SPARQL endpoint {where}: {error}") from None
        if response.status_code == 400:
            raise HttpProblem(400, f"the remote endpoint refused the query: {response.text[:500]}")
        if response.status_code != 200:
            raise MeaGraphError(
                f"remote SPARQL endpoint {self.backend.endpoint} answered "
                f"{response.status_code}: {response.text[:500]}"
            )
        media = response.headers.get("content-type", "").split(";")[0].strip()
        answer: Answer
        if media == "application/sparql-results+json":
            answer = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        else:
            answer = ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)
        return render(answer, job.accept, max_rows=job.max_rows)


def make_engine(settings: Settings, backend: GraphBackend | None = None) -> Engine:
    """The engine for ``backend`` if given, else for the settings (endpoint or store)."""
    if isinstance(backend, RemoteBackend):
        return RemoteEngine(backend)
    if isinstance(backend, EmbeddedBackend):
        return InlineEngine(backend)
    if backend is not None:
        raise MeaGraphError(f"no /sparql engine for a {type(backend).__name__}")
    if settings.endpoint:
        return RemoteEngine(RemoteBackend(settings.endpoint, timeout=settings.query_timeout))
    if settings.store_path:
        layout, folder = None, StoreFolder(settings.store_path)
    else:
        layout = Layout.discover()
        folder = StoreFolder(layout.store_dir)
    return EmbeddedEngine(
        folder,
        workers=settings.workers,
        layout=layout,
        store_mode=settings.store_mode,
        queue_wait=settings.queue_wait,
    )
