"""One benchmark run at one size: prepare the data, start every peer, measure, stop.

The result is a plain dict (what :mod:`.report` writes as JSON). Every server is started
here and stopped in a ``finally``, by its own process id.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.generate import SYNTHETIC_BASE
from mea_graph.layout import Layout

from .data import prepare, size_label
from .errors import HarnessError
from .load import run_load
from .measure import RssSampler, measure_latency, shacl_seconds, tree_memory
from .peers import (
    HttpPeer,
    InProcessPeer,
    Peer,
    load_oxigraph,
    start_meagraph,
    start_oxigraph,
    start_rdflib_endpoint,
)
from .queries import LOAD_QUERIES, QUERIES, ROUTES, by_name, pick_parameters
from .report import machine

__all__ = ["Options", "run"]


@dataclass(frozen=True)
class Options:
    peers: tuple[str, ...] = ("a", "b", "c", "d", "e")
    repeats: int = 5
    timeout: float = 10.0
    load_seconds: float = 2.0
    load_max_requests: int = 20_000
    clients: tuple[int, ...] = (8, 32)
    throughput: bool = True
    shacl: bool = True
    start_limit: float = 120.0


def run(layout: Layout, workdir: Path, *, triples: int, options: Options) -> dict[str, Any]:
    """Measure every peer in ``options.peers`` on a graph of ``triples`` triples."""
    unknown = set(options.peers) - set("abcde")
    if unknown or "b" not in options.peers:
        raise HarnessError(f"peers must be among a-e and include b (got {options.peers})")
    data = prepare(layout, workdir, triples=triples)
    logs = workdir / "logs"
    logs.mkdir(exist_ok=True)
    result: dict[str, Any] = {
        "size": size_label(triples),
        "triples": data.triples,
        "synthetic_triples": data.synthetic_triples,
        "machine": machine(),
        "options": asdict(options),
        "peers": list(options.peers),
        "load_seconds": {},
        "startup_seconds": {},
        "peak_rss_mb": {},
        "notes": [],
    }
    sampler = RssSampler().start()
    peers: dict[str, Peer] = {}
    try:
        floor, result["load_seconds"]["b"] = InProcessPeer.load(data.dump, ROUTES)
        peers["b"] = floor
        values = pick_parameters(floor.backend, base=SYNTHETIC_BASE)
        result["parameters"] = asdict(values)
        if "a" in options.peers:
            result["load_seconds"]["a"] = data.build_seconds
            peers["a"] = _start(
                start_meagraph(
                    key="a",
                    root=layout.root,
                    store_dir=data.store_dir,
                    timeout=options.timeout,
                    log=logs / "a.log",
                ),
                options,
                result,
                sampler,
            )
        if {"c", "e"} & set(options.peers):
            location = workdir / f"oxigraph-{size_label(triples)}"
            result["load_seconds"]["c"] = load_oxigraph(data.dump, location)
            peers["c"] = _start(
                start_oxigraph(location, log=logs / "c.log"), options, result, sampler
            )
        if "e" in options.peers:
            endpoint = peers["c"].sparql_url  # type: ignore[attr-defined]
            peers["e"] = _start(
                start_meagraph(
                    key="e",
                    root=layout.root,
                    endpoint=endpoint,
                    timeout=options.timeout,
                    log=logs / "e.log",
                ),
                options,
                result,
                sampler,
            )
        if "d" in options.peers:
            peers["d"] = _start_rdflib(data.dump, options, result, sampler, logs)

        result["latency"] = {}
        for query in QUERIES:
            row: dict[str, Any] = {"kind": query.kind}
            for key in options.peers:
                latency = measure_latency(
                    peers[key],
                    query,
                    values,
                    repeats=options.repeats,
                    timeout=options.timeout,
                    on_timeout=lambda p: _restart(p, peers, data, options, result, sampler, logs),
                )
                row[key] = asdict(latency)
            result["latency"][query.name] = row

        if options.throughput:
            result["throughput"] = {}
            for name in LOAD_QUERIES:
                text = by_name(name).text(values)
                for clients in options.clients:
                    row = {}
                    for key in options.peers:
                        done = run_load(
                            peers[key],
                            name,
                            text,
                            clients=clients,
                            seconds=options.load_seconds,
                            max_requests=options.load_max_requests,
                            timeout=options.timeout,
                        )
                        row[key] = {**asdict(done), "rps": done.requests_per_second}
                        if key == "d" and (done.timeouts or done.errors):
                            _restart(peers["d"], peers, data, options, result, sampler, logs)
                    result["throughput"][f"{name}@{clients}"] = row
        sampler.sample()
        sampler.watch("b", _own_pid())
    finally:
        peak = sampler.stop()
        for key in ("e", "a", "d", "c"):
            if key in peers:
                peers[key].stop()
    result["peak_rss_mb"] = {k: v / 2**20 for k, v in peak.items()}
    result["peak_pss_mb"] = {k: v / 2**20 for k, v in sampler.peak_pss.items()}
    own_rss, own_pss = tree_memory(_own_pid())
    result["peak_rss_mb"]["b"], result["peak_pss_mb"]["b"] = own_rss / 2**20, own_pss / 2**20
    result["notes"].append(
        "(b)'s RSS is the harness process itself after the queries (store in memory, "
        "pyoxigraph and the synergy library), not a server."
    )
    result["startup_seconds"]["b"] = _floor_startup(data.store_dir)
    if options.shacl:
        seconds, violations, warnings = shacl_seconds(data.synthetic)
        result["shacl"] = {"seconds": seconds, "violations": violations, "warnings": warnings}
    return result


def _own_pid() -> int:
    import os

    return os.getpid()


def _start(peer: HttpPeer, options: Options, result, sampler: RssSampler) -> HttpPeer:
    result["startup_seconds"][peer.key] = peer.wait_ready(limit=options.start_limit)
    sampler.watch(peer.key, peer.process.pid)
    return peer


def _start_rdflib(dump: Path, options: Options, result, sampler, logs: Path) -> HttpPeer:
    import json

    peer, report = start_rdflib_endpoint(dump, log=logs / "d.log")
    result["startup_seconds"]["d"] = peer.wait_ready(limit=options.start_limit * 5)
    result["load_seconds"]["d"] = json.loads(report.read_text())["load_seconds"]
    report.unlink(missing_ok=True)
    sampler.watch("d", peer.process.pid)
    return peer


def _restart(peer: Peer, peers, data, options, result, sampler, logs) -> None:
    """rdflib-endpoint evaluates queries on its event loop and keeps working on a request
    its client gave up on; restart it so the next query is not queued behind that one."""
    if peer.key != "d":
        return
    sampler.sample()
    peer.stop()
    startup, load = result["startup_seconds"]["d"], result["load_seconds"]["d"]
    peers["d"] = _start_rdflib(data.dump, options, result, sampler, logs)
    result["startup_seconds"]["d"], result["load_seconds"]["d"] = startup, load
    result["notes"].append("(d) was restarted after a timeout (its queries cannot be cancelled).")


def _floor_startup(store_dir: Path) -> float:
    """(b) on a persisted store: open the build read-only and answer ``ASK {}``."""
    from mea_graph.store import StoreFolder

    started = time.perf_counter()
    store = StoreFolder(store_dir).open()
    store.query("ASK { ?s ?p ?o }")
    seconds = time.perf_counter() - started
    del store
    return seconds
