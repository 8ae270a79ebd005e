"""Throughput: ``clients`` concurrent clients send one query again and again, bounded in
count (``max_requests``) and in time (``seconds``), with an httpx async driver; a
separate task polls ``/health`` every 50 ms meanwhile and its p99 is recorded.

For (b), the same loop runs in ``clients`` threads calling the in-process store.

>>> r = Throughput("a", "lookup", 8, 100, 98, 2, 0, 1.0, 12.0, 40)
>>> r.requests_per_second
98.0
"""

from __future__ import annotations

import asyncio
import contextlib
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
    health: list[float] = []
    done = asyncio.Event()

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

        async def prober() -> None:
            while not done.is_set() and peer.health_url:
                started = time.perf_counter()
                try:
                    await client.get(peer.health_url, timeout=timeout)
                    health.append((time.perf_counter() - started) * 1000)
                except httpx.HTTPError:
                    health.append(timeout * 1000)
                await asyncio.sleep(0.05)

        started = time.perf_counter()
        probe = asyncio.create_task(prober())
        # requests still in flight at the hard limit are counted as timeouts below
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(
                asyncio.gather(*(worker() for _ in range(clients))), timeout=seconds + timeout
            )
        elapsed = time.perf_counter() - started
        done.set()
        await probe
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
