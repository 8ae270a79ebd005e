"""Throughput: ``clients`` concurrent clients send one query again and again, bounded in
count (``max_requests``) and in time (``seconds``), with an httpx async driver; a
separate *process* polls ``/health`` every 50 ms meanwhile and its p99 is recorded (in
the driver's own event loop, a probe would wait behind the 32 clients' callbacks, and
the driver's delay would be counted as the server's).

For (b), the same loop runs in ``clients`` threads calling the in-process store.

>>> r = Throughput("a", "lookup", 8, 100, 98, 2, 0, 1.0, 12.0, 40)
>>> r.requests_per_second
98.0
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import threading
import time
from dataclasses import dataclass

import httpx

from .measure import percentile
from .peers import SELECT_TYPE, HttpPeer, Peer, with_prefixes

__all__ = ["Throughput", "run_load"]


@dataclass(frozen=True)
class Throughput:
    peer: str
    query: str
    clients: int
    sent: int
    ok: int
    errors: int
    timeouts: int
    seconds: float
    health_p99_ms: float | None  # None where the peer has no /health
    health_probes: int

    @property
    def requests_per_second(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0


def run_load(
    peer: Peer,
    name: str,
    sparql: str,
    *,
    clients: int,
    seconds: float,
    max_requests: int,
    timeout: float,
) -> Throughput:
    """Load ``peer`` with ``sparql`` from ``clients`` clients."""
    if isinstance(peer, HttpPeer):
        return asyncio.run(_http_load(peer, name, sparql, clients, seconds, max_requests, timeout))
    return _thread_load(peer, name, sparql, clients, seconds, max_requests, timeout)


class _HealthProbe:
    """Polls ``url`` every 50 ms from a separate process until the block ends; then
    :attr:`latencies` holds the round trips in ms (a failed probe counts as ``timeout``)."""

    def __init__(self, url: str | None, timeout: float):
        self.url, self.timeout = url, timeout
        self.latencies: list[float] = []

    def __enter__(self) -> _HealthProbe:
        if self.url:
            context = multiprocessing.get_context("spawn")
            self._stop = context.Event()
            self._conn, child = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_probe_health, args=(self.url, self.timeout, self._stop, child)
            )
            self._process.start()
            child.close()
        return self

    def __exit__(self, *exc) -> None:
        if self.url:
            self._stop.set()
            self.latencies = self._conn.recv()
            self._process.join()


def _probe_health(url: str, timeout: float, stop, conn) -> None:
    latencies: list[float] = []
    with httpx.Client(timeout=timeout) as client:
        while not stop.is_set():
            started = time.perf_counter()
            try:
                client.get(url)
                latencies.append((time.perf_counter() - started) * 1000)
            except httpx.HTTPError:
                latencies.append(timeout * 1000)
            stop.wait(0.05)
    conn.send(latencies)


class _Budget:
    """Hands out at most ``limit`` request slots until ``deadline``."""

    def __init__(self, limit: int, seconds: float):
        self.left = limit
        self.deadline = time.monotonic() + seconds
        self.lock = threading.Lock()

    def take(self) -> bool:
        with self.lock:
            if self.left <= 0 or time.monotonic() >= self.deadline:
                return False
            self.left -= 1
            return True


async def _http_load(peer, name, sparql, clients, seconds, max_requests, timeout) -> Throughput:
    budget = _Budget(max_requests, seconds)
    counts = {"sent": 0, "ok": 0, "errors": 0, "timeouts": 0}
    body = {"query": with_prefixes(sparql)}
    limits = httpx.Limits(max_connections=clients + 2, max_keepalive_connections=clients + 2)

    async with httpx.AsyncClient(timeout=timeout, limits=limits) as client:

        async def worker() -> None:
            while budget.take():
                counts["sent"] += 1
                try:
                    response = await client.post(
                        peer.sparql_url, data=body, headers={"Accept": SELECT_TYPE}
                    )
                    await response.aread()
                    counts["ok" if response.status_code == 200 else "errors"] += 1
                except httpx.TimeoutException:
                    counts["timeouts"] += 1
                except httpx.HTTPError:
                    counts["errors"] += 1

        started = time.perf_counter()
        with _HealthProbe(peer.health_url, timeout) as probe:
            # requests still in flight at the hard limit are counted as timeouts below
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    asyncio.gather(*(worker() for _ in range(clients))), timeout=seconds + timeout
                )
            elapsed = time.perf_counter() - started
        health = probe.latencies
    lost = counts["sent"] - counts["ok"] - counts["errors"] - counts["timeouts"]
    return Throughput(
        peer.key,
        name,
        clients,
        counts["sent"],
        counts["ok"],
        counts["errors"],
        counts["timeouts"] + lost,
        elapsed,
        percentile(health, 99) if health else None,
        len(health),
    )


def _thread_load(peer, name, sparql, clients, seconds, max_requests, timeout) -> Throughput:
    budget = _Budget(max_requests, seconds)
    counts = {"sent": 0, "ok": 0, "errors": 0}
    lock = threading.Lock()

    def worker() -> None:
        while budget.take():
            try:
                peer.sparql(sparql, timeout=timeout)
                outcome = "ok"
            except Exception:  # noqa: BLE001 - every failure is counted, none is lost
                outcome = "errors"
            with lock:
                counts["sent"] += 1
                counts[outcome] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + timeout)
    elapsed = time.perf_counter() - started
    return Throughput(
        peer.key,
        name,
        clients,
        counts["sent"],
        counts["ok"],
        counts["errors"],
        0,
        elapsed,
        None,
        0,
    )
