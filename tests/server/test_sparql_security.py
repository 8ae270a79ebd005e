"""Safe by default: no outbound fetches or file reads, read-only without a token,
validated updates that leave the store untouched when rejected, timeouts that kill the
worker, and /health answering while a heavy query runs."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from mea_graph.layout import Layout
from mea_graph.server.app import create_app
from mea_graph.server.settings import Settings

from .server_helpers import (
    TOKEN,
    Live,
    content,
    live,
    writable_copy,
)

# A cross join of the whole store with itself three times: billions of rows.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
        "ASK FROM <file:///etc/passwd> { ?s ?p ?o }",
        "ASK FROM <http://example.org/data.ttl> { ?s ?p ?o }",
        "ASK FROM NAMED <http://example.org/data.ttl> { GRAPH ?g { ?s ?p ?o } }",
        "PREFIX e: <file:///etc/> SELECT * FROM e:passwd { ?s ?p ?o }",
    ],
)
def test_outbound_and_file_reads_are_refused_before_evaluation(server: Live, query: str) -> None:
    response = httpx.get(server.sparql, params={"query": query}, timeout=30)
    assert response.status_code == 400
    assert "refused" in response.json()["detail"]


def test_from_a_graph_of_the_store_is_allowed(server: Live) -> None:
    query = "ASK FROM <https://w3id.org/mea-graph/graph/data/organisations> { orgn:unep ?p ?o }"
    response = httpx.get(server.sparql, params={"query": query}, timeout=30)
    assert response.status_code == 200 and response.json()["boolean"] is True


def test_update_without_a_write_token_is_403(server: Live) -> None:
    for send in (
        lambda: httpx.post(server.sparql, data={"update": "CLEAR ALL"}),
        lambda: httpx.post(
            server.sparql,
            content=b"CLEAR ALL",
            headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer x"},
        ),
    ):
        assert send().status_code == 403
    assert httpx.get(server.sparql, params={"query": "ASK { orgn:unep ?p ?o }"}).json()["boolean"]


@pytest.fixture(scope="module")
def writable(
    tmp_path_factory: pytest.TempPathFactory, layout: Layout
) -> Iterator[tuple[Live, Path]]:
    folder = writable_copy(layout, tmp_path_factory.mktemp("writable"))
    settings = Settings(store_path=folder, write_token=TOKEN, query_timeout=20)
    with live(create_app(settings)) as running:
        yield running, folder


def _update(server: Live, text: str, token: str | None = TOKEN) -> httpx.Response:
    headers = {"Content-Type": "application/sparql-update"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.post(server.sparql, content=text.encode(), headers=headers, timeout=60)


def test_update_with_a_wrong_or_missing_token_is_401(writable) -> None:
    server, _ = writable
    assert _update(server, "CLEAR ALL", token=None).status_code == 401
    assert _update(server, "CLEAR ALL", token="wrong").status_code == 401


def test_invalid_update_is_422_and_leaves_the_store_unchanged(writable) -> None:
    server, folder = writable
    before = content(folder)
    # UNEP's English label removed: the shapes require one prefLabel in English.
    response = _update(
        server,
        "DELETE { GRAPH ?g { orgn:unep skos:prefLabel ?l } } "
        'WHERE { GRAPH ?g { orgn:unep skos:prefLabel ?l } FILTER(LANG(?l) = "en") }',
    )
    assert response.status_code == 422
    report = response.json()["report"]
    assert any(r["focus_node"].endswith("/org/unep") for r in report)
    assert content(folder) == before


def test_refused_load_leaves_the_store_unchanged(writable) -> None:
    server, folder = writable
    before = content(folder)
    response = _update(server, "LOAD <file:///etc/passwd> INTO GRAPH <http://example.org/g>")
    assert response.status_code == 400 and "LOAD" in response.json()["detail"]
    assert content(folder) == before


def test_valid_update_is_published(writable) -> None:
    server, folder = writable
    text = (
        "INSERT DATA { GRAPH <https://w3id.org/mea-graph/graph/data/organisations> "
        '{ orgn:unep skos:altLabel "ONU Environnement"@fr } }'
    )
    response = _update(server, text)
    assert response.status_code == 200 and response.json()["applied"] is True
    ask = 'ASK { orgn:unep skos:altLabel "ONU Environnement"@fr }'
    assert httpx.get(server.sparql, params={"query": ask}).json()["boolean"] is True
    assert any("ONU Environnement" in line for line in content(folder))


@pytest.fixture
def slow_server(shipped_folder: Path) -> Iterator[Live]:
    settings = Settings(store_path=shipped_folder, query_timeout=2, workers=1, queue_wait=0.5)
    with live(create_app(settings)) as running:
        yield running


def test_runaway_query_times_out_and_its_worker_is_killed(slow_server: Live) -> None:
    pool = slow_server.app.state.engine.pool
    before = set(pool.pids())
    assert len(before) == 1
    response = httpx.get(slow_server.sparql, params={"query": RUNAWAY, "timeout": "1"}, timeout=60)
    assert response.status_code == 503
    assert "time limit of 1 s" in response.json()["detail"]
    assert response.headers["retry-after"]
    (old,) = before
    with pytest.raises(ProcessLookupError):
        os.kill(old, 0)  # the worker that ran it is gone: its CPU is reclaimed
    for _ in range(200):  # a replacement is spawned in the background
        if pool.pids():
            break
        time.sleep(0.05)
    assert pool.pids() and old not in pool.pids()
    ok = httpx.get(slow_server.sparql, params={"query": "ASK { orgn:unep ?p ?o }"}, timeout=30)
    assert ok.json()["boolean"] is True


def test_timeout_parameter_is_clamped_to_the_server_maximum(slow_server: Live) -> None:
    response = httpx.get(
        slow_server.sparql, params={"query": RUNAWAY, "timeout": "500"}, timeout=60
    )
    assert response.status_code == 503
    assert "time limit of 2 s" in response.json()["detail"]


def test_health_answers_while_a_heavy_query_runs_and_excess_gets_503(slow_server: Live) -> None:
    results: dict[str, httpx.Response] = {}
    heavy = threading.Thread(
        target=lambda: results.update(
            heavy=httpx.get(slow_server.sparql, params={"query": RUNAWAY}, timeout=60)
        )
    )
    heavy.start()
    time.sleep(0.5)  # the single worker is now busy with the heavy query
    health = httpx.get(slow_server.url + "/health", timeout=5)
    still_running = heavy.is_alive()
    busy = httpx.get(slow_server.sparql, params={"query": "ASK {}"}, timeout=30)
    heavy.join()
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert still_running  # /health answered before the heavy query ended
    assert busy.status_code == 503 and busy.headers["retry-after"] == "1"
    assert results["heavy"].status_code == 503
