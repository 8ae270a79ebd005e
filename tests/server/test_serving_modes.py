"""The store in service: held in memory by a zygote (the default) or read from disk, with
the row cap put into the query's LIMIT so that pyoxigraph can write answers in Rust.

Every answer is compared with the reference path: the uncapped query walked and written
in Python."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from mea_graph.errors import QuerySyntaxError, ServiceBusy
from mea_graph.namespaces import PREFIXES
from mea_graph.server.engines import EmbeddedEngine
from mea_graph.server.jobs import QueryJob, run_query
from mea_graph.server.results import render
from mea_graph.server.workers import StoreSource, WorkerPool
from mea_graph.store import (
    OXIGRAPH_SUBDIR,
    SNAPSHOT_NAME,
    Manifest,
    StoreFolder,
    ensure_snapshot,
    write_snapshot,
)

ORDERED = [
    "SELECT ?s ?label WHERE { ?s skos:prefLabel ?label } ORDER BY ?s ?label",
    "SELECT ?s ?label WHERE { ?s skos:prefLabel ?label } ORDER BY ?s ?label LIMIT 40 OFFSET 3",
    "SELECT ?s ?label WHERE { ?s skos:prefLabel ?label } ORDER BY ?s ?label OFFSET 3 LIMIT 400",
    'SELECT ?s ?l WHERE { ?s skos:prefLabel ?l } ORDER BY ?l VALUES ?l { "UNEP"@en "PNUE"@fr }',
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p",
    "SELECT ?m ?text WHERE { ?m a mea:Mandate ; mea:actionText ?text } ORDER BY ?m # LIMIT 2",
]
FORMATS = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/tab-separated-values",
    "text/csv",
]


@pytest.fixture(scope="module")
def memory_store(built) -> ox.Store:
    store = ox.Store()
    shipped = StoreFolder(built.build.parent.parent).open()
    store.bulk_extend(shipped.quads_for_pattern(None, None, None, None))
    return store


def _reference(store: ox.Store, text: str, accept: str, max_rows: int) -> bytes:
    answer = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
    return render(answer, accept, max_rows=max_rows).body


def _solutions(body: bytes, accept: str) -> list[dict[str, str]]:
    if accept == "text/csv":
        return [{"line": line} for line in body.decode().splitlines()]
    name = {
        "application/sparql-results+json": "json",
        "application/sparql-results+xml": "xml",
        "text/tab-separated-values": "tsv",
    }[accept]
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.from_extension(name))
    return [{v.value: str(s[v]) for v in parsed.variables if s[v] is not None} for s in parsed]


@pytest.mark.parametrize("accept", FORMATS)
@pytest.mark.parametrize("max_rows", [1, 7, 50, 10_000])
@pytest.mark.parametrize("text", ORDERED)
def test_capped_answers_equal_the_python_reference(memory_store, text, accept, max_rows) -> None:
    served = run_query(memory_store, QueryJob(text, accept, max_rows))
    reference = _reference(memory_store, text, accept, max_rows)
    assert _solutions(served.body, accept) == _solutions(reference, accept)
    rows = len(list(memory_store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)))
    assert served.truncated == (rows > max_rows)


def test_a_cut_json_answer_says_so(memory_store) -> None:
    served = run_query(memory_store, QueryJob(ORDERED[0], None, 5))
    document = json.loads(served.body)
    assert served.truncated and document["truncated"] is True and document["rowLimit"] == 5
    assert len(document["results"]["bindings"]) == 5


def test_a_syntax_error_keeps_the_position_in_the_text_sent(memory_store) -> None:
    text = "SELECT * WHERE { ?s ?p ?o }\nORDER BY ?s\nVALUES ?s { <http://e/a> ) }"
    with pytest.raises(QuerySyntaxError) as caught:
        run_query(memory_store, QueryJob(text, None, 10))
    with pytest.raises(SyntaxError) as original:
        memory_store.query(text)
    assert str(original.value).startswith(f"error at {caught.value.line}:{caught.value.column}")


# --- the worker pool -----------------------------------------------------------------


def _source(folder: Path, mode: str = "memory") -> StoreSource:
    current = StoreFolder(folder).current()
    assert current is not None
    snapshot = str(ensure_snapshot(current))
    return StoreSource(str(current / OXIGRAPH_SUBDIR), snapshot, mode)  # type: ignore[arg-type]


@pytest.fixture
def own_folder(shipped_folder: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    shutil.copytree(shipped_folder, folder, symlinks=True)
    return folder


@pytest.fixture
def pool() -> Iterator[WorkerPool]:
    pool = WorkerPool(2)
    yield pool
    pool.close()


def _count(store, job) -> int:
    return len(list(store.quads_for_pattern(None, None, None, None)))


def test_memory_mode_needs_the_snapshot_and_names_the_store(pool, own_folder) -> None:
    source = _source(own_folder)
    Path(source.snapshot or "").unlink(missing_ok=True)
    with pytest.raises(Exception, match="no snapshot to load into memory for .*oxigraph"):
        pool.start(source)


def test_both_modes_serve_the_same_store(own_folder, built) -> None:
    engines = {
        mode: EmbeddedEngine(StoreFolder(own_folder), workers=1, store_mode=mode)
        for mode in ("memory", "disk")
    }
    try:
        answers = {}
        for mode, engine in engines.items():
            engine.start()
            assert engine.status()["store_mode"] == mode
            job = QueryJob("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", None, 10)
            answers[mode] = json.loads(engine.query(job, timeout=20).body)
        assert answers["memory"] == answers["disk"]
        n = answers["memory"]["results"]["bindings"][0]["n"]["value"]
        assert int(n) == built.manifest.triples
    finally:
        for engine in engines.values():
            engine.close()


def test_a_newly_published_build_is_served_by_a_new_query_process(pool, own_folder) -> None:
    folder = StoreFolder(own_folder)
    assert pool.run(_source(own_folder), _count, None, timeout=20) > 1000
    before = set(pool.pids())
    build = folder.new_build()
    quad = ox.Quad(
        ox.NamedNode("http://e/s"),
        ox.NamedNode("http://e/p"),
        ox.Literal("o"),
        ox.NamedNode("http://e/g"),
    )
    ox.Store(str(build / OXIGRAPH_SUBDIR)).add(quad)
    write_snapshot(build, [quad])
    Manifest("test", "now", 1).write(build)
    folder.publish(build)
    assert pool.run(_source(own_folder), _count, None, timeout=20) == 1
    assert set(pool.pids()).isdisjoint(before)


def _crash(store, job) -> int:
    os._exit(3)


def test_a_crashed_query_process_fails_its_queries_with_503_and_is_replaced(
    pool, own_folder
) -> None:
    source = _source(own_folder)
    pool.start(source)
    (first,) = pool.pids()
    with pytest.raises(ServiceBusy, match="restarted"):
        pool.run(source, _crash, None, timeout=20)
    for _ in range(300):
        if pool.pids() and pool.pids() != [first]:
            break
        time.sleep(0.02)
    assert pool.pids() and first not in pool.pids()
    assert pool.run(source, _count, None, timeout=20) > 1000


def test_build_writes_the_snapshot_with_exactly_the_stores_quads(built) -> None:
    snapshot = built.build / SNAPSHOT_NAME
    from_snapshot = ox.Store()
    from_snapshot.bulk_load(path=str(snapshot), format=ox.RdfFormat.N_QUADS)
    on_disk = ox.Store.read_only(str(built.build / OXIGRAPH_SUBDIR))
    assert set(from_snapshot) == set(on_disk) and len(from_snapshot) > 1000
