"""A pool of killable query worker processes, forked from a zygote that holds the store.

Why processes: pyoxigraph cannot cancel a query, and a thread cannot be stopped, so a
runaway query would keep burning a core after its client got the error. Each query runs
instead in a worker process; a worker whose query runs over its time limit is killed
(SIGKILL), which really frees its CPU, and a fresh worker takes its place.

Why a zygote: the store is served **from memory** by default, because pyoxigraph
answers analytic queries several times faster in memory than on disk (measured in
``docs/performance.md``). Loading a million triples takes seconds, far too long to
replace a killed worker, so one *zygote* process loads the store once and every worker is
``fork``-ed from it: a replacement is ready in milliseconds and starts with the whole
store, its pages shared with the zygote until written.

How it works:

* :meth:`WorkerPool.start` spawns the zygote (``spawn`` method: no fork of a threaded
  server). The zygote loads the store described by a :class:`StoreSource` (in memory
  from the build's N-Quads snapshot, or nothing in ``disk`` mode, where each worker opens
  the on-disk store read-only), says it is ready, then forks one worker per request. A
  worker connects back to the pool over a private Unix socket and loops: receive
  ``(function, job)``, run ``function(store, job)``, send back the result or a
  :class:`Failure` describing the exception.
* :meth:`WorkerPool.run` is blocking and must be called from a thread, never from the
  event loop. It takes a free worker (raising :class:`~mea_graph.errors.ServiceBusy` if
  none frees up within ``wait`` seconds: the excess is refused, not queued forever),
  sends the job and waits for at most ``timeout`` seconds.
* On timeout the worker is killed and is gone when
  :class:`~mea_graph.errors.QueryTimeout` is raised; a replacement is forked in the
  background. A worker that dies by itself (crash, out of memory) is replaced the same
  way.
* **Memory stays bounded.** Reading pyoxigraph's in-memory store writes to the pages it
  touches (reference counts), so a worker's private memory grows towards a copy of the
  store. A worker whose private memory passes ``memory_budget_mb`` after a job retires
  and is replaced by a fresh fork (Linux; elsewhere workers are never retired).
* When a new build is published, the next :meth:`run` with its source loads a new zygote
  and retires every worker of the old one.
* :meth:`WorkerPool.close` stops the workers and the zygote.

>>> pool = WorkerPool(1)
>>> pool.alive()
0
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import secrets
import shutil
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Literal

from ..errors import MeaGraphError, QuerySyntaxError, QueryTimeout, ServiceBusy

__all__ = ["Failure", "StoreSource", "WorkerPool", "load_store", "private_memory_mb"]

_SPAWN = multiprocessing.get_context("spawn")
StoreMode = Literal["memory", "disk"]


@dataclass(frozen=True)
class StoreSource:
    """Where the workers' store comes from.

    ``path`` is the on-disk pyoxigraph store of a build, ``snapshot`` its N-Quads copy
    (:func:`mea_graph.store.ensure_snapshot`), which ``memory`` mode loads.
    """

    path: str
    snapshot: str | None = None
    mode: StoreMode = "memory"


def load_store(source: StoreSource):
    """The store the workers query: in memory, loaded from the snapshot, or ``None`` in
    ``disk`` mode (each worker opens the on-disk store read-only).

    The zygote never opens the on-disk store itself: RocksDB keeps process-wide
    background threads, which a forked worker would lack (its next on-disk write, the
    staging copy of an update, would wait for them forever).

    >>> import pyoxigraph as ox, tempfile
    >>> snapshot = Path(tempfile.mkdtemp()) / "snapshot.nq"
    >>> _ = snapshot.write_text('<http://e/s> <http://e/p> "o" <http://e/g> .\\n')
    >>> len(load_store(StoreSource("unused", str(snapshot))))
    1
    >>> load_store(StoreSource("unused", None))
    Traceback (most recent call last):
    ...
    mea_graph.errors.MeaGraphError: no snapshot to load into memory for unused
    """
    import pyoxigraph as ox

    if source.mode == "disk":
        return None
    if not (source.snapshot and Path(source.snapshot).is_file()):
        raise MeaGraphError(f"no snapshot to load into memory for {source.path}")
    store = ox.Store()
    store.bulk_load(path=source.snapshot, format=ox.RdfFormat.N_QUADS)
    return store


def private_memory_mb() -> float | None:
    """This process's private memory (MB) from ``/proc/self/smaps_rollup``; ``None``
    where the kernel does not say (not Linux).

    >>> private_memory_mb() is None or private_memory_mb() > 0
    True
    """
    try:
        text = Path("/proc/self/smaps_rollup").read_text()
    except OSError:
        return None
    kilobytes = sum(
        int(line.split()[1]) for line in text.splitlines() if line.startswith("Private_")
    )
    return kilobytes / 1024


@dataclass(frozen=True)
class Failure:
    """An exception raised in a worker, in a form that survives pickling."""

    kind: str  # the exception's class name
    module: str
    message: str
    line: int | None = None
    column: int | None = None
    report: Any = None

    @classmethod
    def of(cls, error: BaseException) -> Failure:
        return cls(
            type(error).__name__,
            type(error).__module__,
            error.message if isinstance(error, QuerySyntaxError) else str(error),
            getattr(error, "line", None),
            getattr(error, "column", None),
            getattr(error, "report", None),
        )

    def exception(self) -> MeaGraphError:
        """The exception to raise in the parent (a MeaGraphError in every case)."""
        import importlib

        if self.kind == "QuerySyntaxError":
            return QuerySyntaxError(self.message, line=self.line, column=self.column)
        if self.report is not None:
            from ..errors import ValidationFailed

            return ValidationFailed(self.report)
        try:
            kind = getattr(importlib.import_module(self.module), self.kind)
            if isinstance(kind, type) and issubclass(kind, MeaGraphError):
                return kind(self.message)
        except (ImportError, AttributeError, TypeError):
            pass
        return MeaGraphError(f"{self.kind}: {self.message}")


# --- in the zygote and the workers ---------------------------------------------------


def _zygote(
    control: Connection, source: StoreSource, address: str, key: bytes, budget: float | None
) -> None:  # pragma: no cover - runs in the zygote process
    """Load the store, then fork a worker for each request on ``control``."""
    import gc

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's business
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps dead workers at once
    try:
        store = load_store(source)
    except Exception as error:
        control.send(("error", Failure.of(error)))
        return
    gc.collect()
    gc.freeze()  # keep the Python objects' pages shared with the workers
    control.send(("ready", None))
    while True:
        try:
            message = control.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        pid = os.fork()
        if pid == 0:
            control.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            try:
                _serve(_connect(address, key), store, source, budget)
            finally:
                os._exit(0)
        control.send(pid)


def _connect(address: str, key: bytes) -> Connection:  # pragma: no cover - in a worker
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(address)
    conn = Connection(sock.detach())
    conn.send_bytes(key)
    conn.send(os.getpid())
    return conn


def _serve(
    conn: Connection, store: Any, source: StoreSource, budget: float | None
) -> None:  # pragma: no cover - runs in the worker process
    """The worker's loop (see the module docstring)."""
    import pyoxigraph as ox

    if store is None:
        store = ox.Store.read_only(source.path)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        function, job = message
        started = time.monotonic()
        try:
            status, payload = "ok", function(store, job)
        except Exception as error:  # every failure goes back to the caller
            status, payload = "error", Failure.of(error)
        retire = False
        if budget is not None and time.monotonic() - started > 0.005:  # cheap jobs touch little
            used = private_memory_mb()
            retire = used is not None and used > budget
        conn.send((status, payload, retire))
        if retire:
            return


# --- in the server --------------------------------------------------------------------


class _Worker:
    def __init__(self, conn: Connection, pid: int, generation: int):
        self.conn, self.pid, self.generation = conn, pid, generation

    def alive(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # pragma: no cover - the pid was reused by another user
            return False
        return True

    def kill(self) -> None:
        """SIGKILL, then wait (at most 5 s) until the process is gone."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.005)
        self.conn.close()


class _Zygote:
    """The process that holds the store and forks the workers (see the module docstring)."""

    def __init__(
        self,
        source: StoreSource,
        listener: socket.socket,
        address: str,
        key: bytes,
        budget: float | None,
    ):
        self.source, self.listener, self.key = source, listener, key
        self.control, child = _SPAWN.Pipe()
        self.process = _SPAWN.Process(
            target=_zygote, args=(child, source, address, key, budget), daemon=True
        )
        self.process.start()
        child.close()
        try:
            status, failure = self.control.recv()
        except EOFError:
            self.process.join()
            raise MeaGraphError(
                f"the store loader died while loading {source.path} "
                f"(exit code {self.process.exitcode})"
            ) from None
        if status == "error":
            self.close()
            raise failure.exception()

    def fork(self, generation: int) -> _Worker:
        """A new worker, connected."""
        self.control.send("fork")
        pid = self.control.recv()
        sock, _ = self.listener.accept()
        conn = Connection(sock.detach())
        if not secrets.compare_digest(conn.recv_bytes(), self.key) or conn.recv() != pid:
            conn.close()
            raise MeaGraphError("a process that is not our worker connected to the pool")
        return _Worker(conn, pid, generation)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.control.send(None)
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.control.close()


class WorkerPool:
    """``size`` worker processes; see the module docstring."""

    def __init__(self, size: int, *, wait: float = 0.5, memory_budget_mb: float | None = 128.0):
        self.size, self.wait, self.budget = size, wait, memory_budget_mb
        self.source: StoreSource | None = None
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()  # guards _workers, _zygote, _generation
        self._forking = threading.Lock()  # one fork at a time through the zygote
        self._switching = threading.Lock()  # one store switch at a time
        self._zygote: _Zygote | None = None
        self._generation = 0
        self._closed = False
        self._tmp = tempfile.mkdtemp(prefix="mea-graph-pool-")  # private (mode 0700)
        self._address = os.path.join(self._tmp, "workers.sock")
        self._listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._listener.bind(self._address)
        self._listener.listen(16)
        self._listener.settimeout(30)
        self._key = secrets.token_bytes(32)

    def start(self, source: StoreSource) -> None:
        """Load ``source`` in a new zygote and fork the workers; a pool already serving
        another source retires its workers (idempotent for the same source)."""
        with self._switching:
            if self._closed:
                raise MeaGraphError("the query worker pool is closed")
            if source == self.source:
                return
            zygote = _Zygote(source, self._listener, self._address, self._key, self.budget)
            with self._lock:
                old, self._zygote = self._zygote, zygote
                self._generation += 1
                self.source = source
                stale, self._workers = list(self._workers), set()
            for _ in range(self.size):
                self._add()
            self._drain_stale()
            for worker in stale:
                worker.kill()
            if old is not None:
                old.close()

    def _drain_stale(self) -> None:
        """Drop the idle workers of an earlier generation from the queue."""
        kept = []
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            if worker.generation == self._generation:
                kept.append(worker)
        for worker in kept:
            self._idle.put(worker)

    def _add(self) -> None:
        with self._forking:
            with self._lock:
                zygote, generation = self._zygote, self._generation
            if zygote is None or self._closed:
                return
            try:
                worker = zygote.fork(generation)
            except (OSError, EOFError, MeaGraphError):
                return  # the zygote is being replaced or closed
        with self._lock:
            if self._closed or generation != self._generation:
                worker.kill()
                return
            self._workers.add(worker)
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
        worker.kill()
        threading.Thread(target=self._add, daemon=True, name="fork-query-worker").start()

    def _give_back(self, worker: _Worker) -> None:
        if worker.generation == self._generation:
            self._idle.put(worker)
        else:
            with self._lock:
                self._workers.discard(worker)
            worker.kill()

    def pids(self) -> list[int]:
        """The process ids of the live workers."""
        with self._lock:
            workers = list(self._workers)
        return sorted(w.pid for w in workers if w.alive())

    def alive(self) -> int:
        return len(self.pids())

    def zygote_pid(self) -> int | None:
        """The process id of the process that holds the store (for memory accounting)."""
        with self._lock:
            return self._zygote.process.pid if self._zygote else None

    def run(
        self, source: StoreSource, function: Callable[[Any, Any], Any], job: Any, *, timeout: float
    ) -> Any:
        """Run ``function(store, job)`` in a worker; blocking (call it from a thread)."""
        if source != self.source:
            self.start(source)
        worker: _Worker | None  # None once killed and replaced (not to go back to the pool)
        try:
            worker = self._take()
        except queue.Empty:
            raise ServiceBusy(
                f"all {self.size} query workers are busy; retry in a moment"
            ) from None
        retire = False
        try:
            worker.conn.send((function, job))
            if not worker.conn.poll(timeout):
                self._replace(worker)
                worker = None
                raise QueryTimeout(
                    f"the query ran over its time limit of {timeout:g} s and was stopped"
                )
            status, payload, retire = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            if worker is not None:
                self._replace(worker)
                worker = None
            raise MeaGraphError("the query worker died while running this query") from None
        finally:
            if worker is not None:
                if retire:
                    self._replace(worker)
                else:
                    self._give_back(worker)
        if status == "error":
            raise payload.exception()
        return payload

    def _take(self) -> _Worker:
        deadline = time.monotonic() + self.wait
        while True:
            worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            if worker.generation == self._generation:
                return worker
            self._give_back(worker)  # a worker of an older build: retire it

    def close(self) -> None:
        """Stop every worker and the zygote."""
        with self._lock:
            self._closed = True
            workers, self._workers = list(self._workers), set()
            zygote, self._zygote = self._zygote, None
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in workers:
            worker.kill()
        if zygote is not None:
            zygote.close()
        self._listener.close()
        shutil.rmtree(self._tmp, ignore_errors=True)
