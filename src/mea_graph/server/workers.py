"""The query process: one killable process that holds the store and answers queries on
a few threads.

Why one process with the store **in memory**: pyoxigraph answers analytic queries
several times faster from memory than from disk (measured in ``docs/performance.md``),
and a store held in memory should be held once: a second copy (a second worker, or a
forked one, whose reads dirty the shared pages) doubles the memory of the server.
pyoxigraph releases the GIL while its own serialiser writes an answer, which is when a
lazy answer is evaluated (see :mod:`.results`), so the threads of one process run such
queries on several cores at once; answers walked in Python (CSV, CONSTRUCT) hold it.

Why a process at all: pyoxigraph cannot cancel a query, and a thread cannot be stopped,
so a runaway query would keep burning a core after its client got the error. A query
that runs over its time limit therefore gets its process killed (SIGKILL), which really
frees the CPU, and a new process loads the store again in the background. Queries that
were running in the killed process at the time get a 503 with ``Retry-After``, and so
do new ones until the store is loaded (the time to load it is in
``docs/performance.md``).

How it works:

* :meth:`WorkerPool.start` spawns the process (``spawn`` method: no fork of a threaded
  server) for a :class:`StoreSource` and waits until it has loaded the store: from the
  build's N-Quads snapshot in ``memory`` mode, or opened read-only in ``disk`` mode.
* :meth:`WorkerPool.run` is blocking and must be called from a thread, never from the
  event loop. It takes one of ``size`` slots (raising
  :class:`~mea_graph.errors.ServiceBusy` if none frees up within ``wait`` seconds: the
  excess is refused, not queued forever), sends ``(function, job)`` and waits at most
  ``timeout`` seconds for ``function(store, job)``'s result or a :class:`Failure`.
* When a new build is published, the next :meth:`run` with its source loads a new
  process and stops the old one.
* :meth:`WorkerPool.close` stops the process.

>>> pool = WorkerPool(1)
>>> pool.alive()
0
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Literal

from ..errors import MeaGraphError, QuerySyntaxError, QueryTimeout, ServiceBusy

__all__ = ["Failure", "StoreMode", "StoreSource", "WorkerPool", "load_store"]

_SPAWN = multiprocessing.get_context("spawn")
StoreMode = Literal["memory", "disk"]


@dataclass(frozen=True)
class StoreSource:
    """Where the query process's store comes from.

    ``path`` is the on-disk pyoxigraph store of a build, ``snapshot`` its N-Quads copy
    (:func:`mea_graph.store.ensure_snapshot`), which ``memory`` mode loads.
    """

    path: str
    snapshot: str | None = None
    mode: StoreMode = "memory"


def load_store(source: StoreSource):
    """The store to query: in memory, loaded from the snapshot, or the on-disk store
    opened read-only (``disk`` mode).

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
        return ox.Store.read_only(source.path)
    if not (source.snapshot and Path(source.snapshot).is_file()):
        raise MeaGraphError(f"no snapshot to load into memory for {source.path}")
    store = ox.Store()
    store.bulk_load(path=source.snapshot, format=ox.RdfFormat.N_QUADS)
    return store


@dataclass(frozen=True)
class Failure:
    """An exception raised in the query process, in a form that survives pickling."""

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


def _serve(conn: Connection, source: StoreSource, threads: int) -> None:  # pragma: no cover
    """The query process: load the store, then run each ``(id, function, job)`` on a
    thread and send back ``(id, status, payload)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's business
    try:
        store = load_store(source)
    except Exception as error:
        conn.send(("error", Failure.of(error)))
        return
    conn.send(("ready", None))
    sending = threading.Lock()

    def answer(ident: int, function: Callable[[Any, Any], Any], job: Any) -> None:
        try:
            reply = (ident, "ok", function(store, job))
        except Exception as error:  # every failure goes back to the caller
            reply = (ident, "error", Failure.of(error))
        with sending, contextlib.suppress(OSError):
            conn.send(reply)

    with ThreadPoolExecutor(threads, thread_name_prefix="query") as executor:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                return
            if message is None:
                return
            executor.submit(answer, *message)


class _QueryProcess:
    """One query process and the replies it owes (see the module docstring)."""

    def __init__(
        self,
        source: StoreSource,
        threads: int,
        on_exit: Callable[[_QueryProcess], None] | None = None,
    ):
        self.source, self.on_exit = source, on_exit
        self.conn, child = _SPAWN.Pipe()
        self.process = _SPAWN.Process(target=_serve, args=(child, source, threads), daemon=True)
        self.process.start()
        child.close()
        try:
            status, failure = self.conn.recv()
        except EOFError:
            self.process.join()
            raise MeaGraphError(
                f"the query process died while loading {source.path} "
                f"(exit code {self.process.exitcode})"
            ) from None
        if status == "error":
            self.process.join()
            raise failure.exception()
        self._pending: dict[int, Future] = {}
        self._ids = itertools.count()
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True, name="query-replies").start()

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process.is_alive() else None

    def submit(self, function: Callable[[Any, Any], Any], job: Any) -> Future:
        future: Future = Future()
        with self._lock:
            ident = next(self._ids)
            self._pending[ident] = future
            try:
                self.conn.send((ident, function, job))
            except (OSError, ValueError):
                del self._pending[ident]
                raise ServiceBusy("the query process is restarting; retry in a moment") from None
        return future

    def forget(self, future: Future) -> None:
        with self._lock:
            for ident, pending in list(self._pending.items()):
                if pending is future:
                    del self._pending[ident]

    def _read(self) -> None:
        while True:
            try:
                ident, status, payload = self.conn.recv()
            except (EOFError, OSError):
                break
            with self._lock:
                future = self._pending.pop(ident, None)
            if future is None:
                continue
            if status == "ok":
                future.set_result(payload)
            else:
                future.set_exception(payload.exception())
        self._fail_pending()
        if self.on_exit is not None:
            self.on_exit(self)  # a crash: the pool loads a new process (a no-op if closed)

    def _fail_pending(self) -> None:
        with self._lock:
            pending, self._pending = list(self._pending.values()), {}
        for future in pending:
            if not future.done():
                future.set_exception(
                    ServiceBusy(
                        "the query process was restarted (to stop a query that ran over its "
                        "time limit, or after a crash) while this query ran; retry"
                    )
                )

    def kill(self) -> None:
        """SIGKILL, and wait until the process is gone."""
        self.process.kill()
        self.process.join()
        self.conn.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.kill()
        else:
            self.conn.close()


class WorkerPool:
    """``size`` queries at once in one query process; see the module docstring."""

    def __init__(self, size: int, *, wait: float = 0.5):
        self.size, self.wait = size, wait
        self.source: StoreSource | None = None
        self._slots = threading.BoundedSemaphore(size)
        self._process: _QueryProcess | None = None
        self._ready = threading.Event()  # set while a process is serving
        self._switching = threading.Lock()  # one (re)load at a time
        self._closed = False

    def start(self, source: StoreSource) -> None:
        """Load ``source`` in a new query process and stop the old one (nothing to do if
        it already serves ``source``)."""
        with self._switching:
            if self._closed:
                raise MeaGraphError("the query process pool is closed")
            if source == self.source and self._process is not None:
                return
            self._ready.clear()
            old, self._process = self._process, None
            if old is not None:
                old.close()
            self._process = _QueryProcess(source, self.size, on_exit=self._restart)
            self.source = source
            self._ready.set()

    def _restart(self, process: _QueryProcess) -> None:
        """Kill ``process`` now; load a new one in the background."""
        with self._switching:
            if self._process is not process:
                return  # already replaced
            self._ready.clear()
            self._process = None
        process.kill()
        process._fail_pending()
        source = self.source
        if source is not None and not self._closed:
            threading.Thread(
                target=self._reload, args=(source,), daemon=True, name="reload-store"
            ).start()

    def _reload(self, source: StoreSource) -> None:
        with contextlib.suppress(MeaGraphError):
            self.start(source)

    def pids(self) -> list[int]:
        """The process id of the query process, if one is serving."""
        process = self._process
        pid = process.pid if process is not None else None
        return [pid] if pid is not None else []

    def alive(self) -> int:
        return len(self.pids())

    def run(
        self,
        source: StoreSource,
        function: Callable[[Any, Any], Any],
        job: Any,
        *,
        timeout: float,
    ) -> Any:
        """Run ``function(store, job)`` in the query process; blocking (call it from a
        thread)."""
        if source != self.source:
            self.start(source)
        if not self._slots.acquire(timeout=self.wait):
            raise ServiceBusy(f"all {self.size} query slots are busy; retry in a moment")
        try:
            if not self._ready.wait(self.wait):
                raise ServiceBusy("the store is being loaded; retry in a moment")
            process = self._process
            if process is None:
                raise ServiceBusy("the store is being loaded; retry in a moment")
            future = process.submit(function, job)
            try:
                return future.result(timeout=timeout)
            except FutureTimeout:
                process.forget(future)
                self._restart(process)
                raise QueryTimeout(
                    f"the query ran over its time limit of {timeout:g} s and was stopped"
                ) from None
        finally:
            self._slots.release()

    def close(self) -> None:
        """Stop the query process."""
        with self._switching:
            self._closed = True
            process, self._process = self._process, None
            self._ready.clear()
        if process is not None:
            process.close()
