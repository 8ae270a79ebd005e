"""Latency percentiles with a per-query timeout, peak RSS of a process tree, and the
SHACL validation time.

>>> percentile([5.0, 1.0, 3.0, 2.0, 4.0], 50)
3.0
>>> percentile([1.0, 2.0], 95)
2.0
>>> percentile([], 50) is None
True
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from .peers import Peer, QueryFailed, QueryTimeout, rows
from .queries import BenchQuery, Parameters

__all__ = ["Latency", "RssSampler", "measure_latency", "percentile", "shacl_seconds"]


def percentile(values: list[float], q: float) -> float | None:
    """The nearest-rank percentile ``q`` (0-100) of ``values``; ``None`` if empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Latency:
    """One query on one peer: percentiles in milliseconds over the good runs."""

    peer: str
    query: str
    runs: int
    p50_ms: float | None
    p95_ms: float | None
    results: int | None  # rows (or triples) of the last good run
    timeouts: int
    errors: int
    error: str | None = None  # the first error message, if any
    skipped: str | None = None  # why the query was not run on this peer


def measure_latency(
    peer: Peer,
    query: BenchQuery,
    values: Parameters,
    *,
    repeats: int,
    warmup: int = 1,
    timeout: float,
    on_timeout=None,
) -> Latency:
    """Run ``query`` ``warmup + repeats`` times; stop at the first timeout or error
    (recorded as such), call ``on_timeout(peer)`` after a timeout so a peer that keeps
    working on a lost request can be restarted."""
    if query.kind == "api" and not peer.has_api:
        return Latency(peer.key, query.name, 0, None, None, None, 0, 0, skipped="no API")
    times: list[float] = []
    results = None
    for attempt in range(warmup + repeats):
        started = time.perf_counter()
        try:
            if query.kind == "api":
                results = peer.api(query.route, query.query_params(values), timeout=timeout)
            else:
                results = peer.sparql(
                    query.text(values), construct=query.construct, timeout=timeout
                )
        except QueryTimeout as error:
            if on_timeout:
                on_timeout(peer)
            return _stopped(peer, query, times, results, timeouts=1, message=str(error))
        except QueryFailed as error:
            return _stopped(peer, query, times, results, errors=1, message=str(error))
        elapsed = time.perf_counter() - started
        results = rows(results)  # a client's parsing, after the clock
        if elapsed > timeout:  # an in-process query cannot be interrupted: record it anyway
            return _stopped(peer, query, times, results, timeouts=1, message=f"{elapsed:.1f} s")
        if attempt >= warmup:
            times.append(elapsed * 1000)
    return _stopped(peer, query, times, results)


def _stopped(peer, query, times, results, *, timeouts=0, errors=0, message=None) -> Latency:
    """The latency of the runs in ``times``, with how the measurement ended."""
    return Latency(
        peer.key,
        query.name,
        len(times),
        percentile(times, 50),
        percentile(times, 95),
        results,
        timeouts,
        errors,
        error=message,
    )


class RssSampler:
    """Samples the memory of process trees every ``interval`` seconds in a background
    thread and keeps the peak per key (bytes): :attr:`peak` sums the resident set sizes
    (RSS), :attr:`peak_pss` the proportional set sizes (PSS), which count a page shared
    by n processes as 1/n in each, so that forked workers sharing a store are not counted
    once per process."""

    def __init__(self, *, interval: float = 0.1):
        self.interval = interval
        self.pids: dict[str, int] = {}
        self.peak: dict[str, int] = {}
        self.peak_pss: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def watch(self, key: str, pid: int) -> None:
        self.pids[key] = pid

    def start(self) -> RssSampler:
        self._thread.start()
        return self

    def stop(self) -> dict[str, int]:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        return dict(self.peak)

    def sample(self) -> None:
        for key, pid in list(self.pids.items()):
            rss, pss = tree_memory(pid)
            if rss:
                self.peak[key] = max(self.peak.get(key, 0), rss)
            if pss:
                self.peak_pss[key] = max(self.peak_pss.get(key, 0), pss)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()


def tree_memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes of ``pid`` and all its descendants; (0, 0) if it is gone. PSS
    is 0 where the kernel does not report it (not Linux)."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    rss = pss = 0
    for process in processes:
        try:
            rss += process.memory_info().rss
        except psutil.Error:
            continue
        pss += _pss(process.pid)
    return rss, pss


def _pss(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def shacl_seconds(synthetic: Path) -> tuple[float, int, int]:
    """Full validation of the synthetic file with the project's shapes, in the context
    ``bench.generate.validate_file`` gives it (``ontology/*.ttl``,
    ``data/vocabularies.ttl``, ``data/themes.ttl``), parsing and loading included:
    seconds, violations, warnings.

    It runs mea-graph's store-only validation (:func:`mea_graph.validation.validate_files`,
    what ``mea-graph build`` uses), which gives pyshacl's findings without building an
    rdflib graph of the data (``tests/test_validation_scale.py`` compares them).
    """
    from mea_graph.layout import Layout
    from mea_graph.validation import load_shapes, validate_files

    layout = Layout.discover()
    context = [
        *sorted(layout.ontology_dir.glob("*.ttl")),
        layout.data_dir / "vocabularies.ttl",
        layout.data_dir / "themes.ttl",
    ]
    started = time.perf_counter()
    report = validate_files([*context, synthetic], load_shapes(layout.shape_paths()))
    return time.perf_counter() - started, len(report.violations), len(report.warnings)
