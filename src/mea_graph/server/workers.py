"""A pool of killable query worker processes over the on-disk store.

Why processes: pyoxigraph cannot cancel a query, and a thread cannot be stopped, so a
runaway query would keep burning a core after its client got the error. Each query runs
instead in a worker process that has the store open read-only (opening is fast and
every worker shares the same files); a worker whose query runs over its time limit is
killed (SIGKILL), which really frees its CPU, and a fresh worker is spawned to take its
place.

How it works:

* ``size`` workers are started with the ``spawn`` method (no fork of a threaded server).
  Each one loops: receive ``(store_path, function, job)`` on its pipe, open the store at
  ``store_path`` read-only if it is not the one it has open (so a newly published build
  is picked up by the next job), run ``function(store, job)`` and send back the result,
  or a :class:`Failure` describing the exception.
* :meth:`WorkerPool.run` is blocking and must be called from a thread, never from the
  event loop. It takes a free worker (raising :class:`~mea_graph.errors.ServiceBusy` if
  none frees up within ``wait`` seconds: the excess is refused, not queued forever),
  sends the job and waits on the pipe for at most ``timeout`` seconds.
* On timeout the worker is killed and reaped at once (its pid no longer exists when
  :class:`~mea_graph.errors.QueryTimeout` is raised) and a replacement is spawned in the
  background; a worker that dies by itself (crash, out of memory) is replaced the same
  way.
* :meth:`WorkerPool.close` stops every worker.

>>> pool = WorkerPool(1)
>>> pool.alive()
0
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from ..errors import MeaGraphError, QuerySyntaxError, QueryTimeout, ServiceBusy

__all__ = ["Failure", "WorkerPool"]

_CONTEXT = multiprocessing.get_context("spawn")


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


def _serve(conn: Connection) -> None:  # pragma: no cover - runs in the worker process
    """The worker's loop (see the module docstring)."""
    import pyoxigraph as ox

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    opened: tuple[str | None, Any] = (None, None)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        store_path, function, job = message
        try:
            if opened[0] != store_path:
                opened = (None, None)
                opened = (store_path, ox.Store.read_only(store_path))
            reply = ("ok", function(opened[1], job))
        except Exception as error:  # every failure goes back to the caller
            reply = ("error", Failure.of(error))
        conn.send(reply)


class _Worker:
    def __init__(self) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_serve, args=(child,), daemon=True)
        self.process.start()
        child.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


class WorkerPool:
    """``size`` worker processes; see the module docstring."""

    def __init__(self, size: int, *, wait: float = 0.5):
        self.size, self.wait = size, wait
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._started = self._closed = False

    def start(self) -> None:
        """Spawn the workers (idempotent)."""
        with self._lock:
            if self._started:
                return
            self._started = True
        for _ in range(self.size):
            self._add()

    def _add(self) -> None:
        worker = _Worker()
        with self._lock:
            if self._closed:
                worker.kill()
                return
            self._workers.add(worker)
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
        worker.kill()
        threading.Thread(target=self._add, daemon=True, name="spawn-query-worker").start()

    def pids(self) -> list[int]:
        """The process ids of the live workers."""
        with self._lock:
            return sorted(
                w.process.pid
                for w in self._workers
                if w.process.is_alive() and w.process.pid is not None  # alive: started, pid set
            )

    def alive(self) -> int:
        return len(self.pids())

    def run(
        self, store_path: str, function: Callable[[Any, Any], Any], job: Any, *, timeout: float
    ) -> Any:
        """Run ``function(store, job)`` in a worker; blocking (call it from a thread)."""
        self.start()
        worker: _Worker | None  # None once killed and replaced (not to go back to the pool)
        try:
            worker = self._idle.get(timeout=self.wait)
        except queue.Empty:
            raise ServiceBusy(
                f"all {self.size} query workers are busy; retry in a moment"
            ) from None
        try:
            worker.conn.send((store_path, function, job))
            if not worker.conn.poll(timeout):
                self._replace(worker)
                worker = None
                raise QueryTimeout(
                    f"the query ran over its time limit of {timeout:g} s and was stopped"
                )
            status, payload = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            if worker is not None:
                self._replace(worker)
                worker = None
            raise MeaGraphError("the query worker died while running this query") from None
        finally:
            if worker is not None:
                self._idle.put(worker)
        if status == "error":
            raise payload.exception()
        return payload

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers, self._workers = list(self._workers), set()
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
            worker.process.join(timeout=1)
            if worker.process.is_alive():
                worker.kill()
