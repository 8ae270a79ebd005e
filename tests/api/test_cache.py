"""The synergy cache: answers are kept per dataset version, and a new version (a SPARQL
update through the server) gives new answers."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pyoxigraph
import pytest
from fastapi.testclient import TestClient

from mea_graph.analysis import Standing, in_force
from mea_graph.backends import EmbeddedBackend
from mea_graph.build import build_store
from mea_graph.layout import Layout
from mea_graph.namespaces import PREFIXES
from mea_graph.network import cached_project
from mea_graph.network._sample import backend_from_turtle
from mea_graph.server.app import create_app
from mea_graph.server.settings import Settings
from mea_graph.synergy import find_mandates
from mea_graph.synergy.cache import (
    VersionedCache,
    cache_of,
    cached,
    dataset_version,
    invalidate,
    track_version,
)

TOKEN = "test-write-token"


def full(compact: str) -> str:
    prefix, _, local = compact.partition(":")
    return PREFIXES[prefix] + local


ONE_MANDATE = """
mandate:a a mea:Mandate ; mea:sourceParagraph d181:para-1 ; mea:addressee sec:a ;
    dcterms:subject theme:t1 .
mtg:m1 a mea:Meeting ; mea:startDate "2020-01-10"^^xsd:date .
dec:old a mea:Decision ; mea:adoptedAt mtg:m1 .
"""
MORE = """
mandate:b a mea:Mandate ; mea:sourceParagraph d181:para-2 ; mea:addressee sec:a ;
    dcterms:subject theme:t1 .
dec:new a mea:Decision ; mea:adoptedAt mtg:m1 ; eli:repeals dec:old .
"""


def _add(backend: EmbeddedBackend, turtle: str) -> None:
    more = backend_from_turtle(turtle, with_ontology=False)
    for quad in more.store:
        backend.store.add(quad)


def test_answers_are_kept_until_the_version_changes():
    backend, version = backend_from_turtle(ONE_MANDATE), ["v1"]
    track_version(backend, lambda: version[0])
    theme = full("theme:t1")
    assert [m.mandate.id for m in find_mandates(backend, theme=theme)] == ["mandate:a"]
    assert in_force(backend, "2021").get(full("dec:old")).in_force
    _add(backend, MORE)  # the store changes in place, the version does not: cached answers
    assert [m.mandate.id for m in find_mandates(backend, theme=theme)] == ["mandate:a"]
    with pytest.raises(Exception, match="not a resolution or decision"):
        in_force(backend, "2021").get(full("dec:new"))
    version[0] = "v2"  # a new dataset version: new answers
    assert dataset_version(backend) == "v2"
    found = [m.mandate.id for m in find_mandates(backend, theme=theme)]
    assert found == ["mandate:a", "mandate:b"]
    assert in_force(backend, "2021").get(full("dec:old")).standing is Standing.REPEALED


def test_invalidate_drops_everything():
    backend = backend_from_turtle(ONE_MANDATE)
    assert dataset_version(backend) == "unversioned"
    assert len(find_mandates(backend)) == 1
    _add(backend, MORE)
    assert len(find_mandates(backend)) == 1
    invalidate(backend)
    assert len(find_mandates(backend)) == 2


def test_projections_are_frozen_and_shared():
    backend = backend_from_turtle(
        "collab:c a mea:Partnership ; org:hasMember orgn:x, orgn:y ;"
        " prov:wasDerivedFrom d181:para-1 ."
    )
    graph = cached_project(backend, "partners")
    assert graph is cached_project(backend, "partners")
    assert graph is not cached_project(backend, "partners", types=["collaboration"])
    with pytest.raises(Exception, match="Frozen"):
        graph.add_edge("a", "b")


def test_the_cache_is_bounded_and_least_recently_used_goes_first():
    cache = VersionedCache(lambda: "v", max_entries=3)
    for key in "abcd":
        cache.get(key, lambda k=key: k.upper())
    assert cache.keys() == ["b", "c", "d"]
    cache.get("b", lambda: "not built again")
    cache.get("e", lambda: "E")
    assert cache.keys() == ["d", "b", "e"]
    assert cache.get("b", lambda: "?") == "B"


def test_a_value_is_built_once_by_concurrent_callers():
    cache, builds = VersionedCache(lambda: "v"), []

    def slow() -> int:
        builds.append(1)
        time.sleep(0.2)
        return 42

    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get("k", slow))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [42] * 8 and len(builds) == 1


def test_a_failed_build_is_not_kept():
    cache = VersionedCache(lambda: "v")

    def fail() -> int:
        raise ValueError("no")

    with pytest.raises(ValueError):
        cache.get("k", fail)
    assert cache.get("k", lambda: 1) == 1


def test_tables_survive_many_answers():
    backend = EmbeddedBackend(pyoxigraph.Store())
    table = cache_of(backend).tables.get("table", lambda: object())
    for i in range(200):
        cached(backend, "answer", i, build=lambda i=i: i)
    assert cache_of(backend).tables.get("table", lambda: None) is table


@pytest.fixture(scope="module")
def writable(layout: Layout, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A server over a store folder of its own, that accepts updates."""
    folder = tmp_path_factory.mktemp("api-writable")
    build_store(layout, store_path=folder)
    settings = Settings(store_path=folder, write_token=TOKEN, workers=1, query_timeout=60)
    with TestClient(create_app(settings)) as client:
        yield client


REPLACE_13_9 = """
INSERT DATA { GRAPH <https://w3id.org/mea-graph/graph/data/instruments> {
  dec:cms-14.aa dcterms:replaces dec:cms-13.9 .
  statement:test-14aa-replaces-13-9 a rdf:Statement ;
    skos:prefLabel "Decision 14.AA replaces Decision 13.9"@en,
                   "La décision 14.AA remplace la décision 13.9"@fr ;
    rdf:subject dec:cms-14.aa ; rdf:predicate dcterms:replaces ; rdf:object dec:cms-13.9 ;
    prov:wasDerivedFrom d181:para-52-c .
} }
"""


def test_an_update_through_the_server_gives_new_answers(writable):
    params = {"at": "mtg:cms-cop14", "apply_recommendations": "true", "standing": "deleted"}
    version = writable.get("/health").json()["dataset_version"]
    old_backend = writable.app.state.backend

    def deleted() -> set[str]:
        response = writable.get("/api/in-force", params=params)
        assert response.status_code == 200, response.text
        return {s["instrument"]["id"] for s in response.json()["instruments"]}

    assert deleted() == {"dec:cms-13.9", "dec:cms-13.10"}
    hits = cache_of(old_backend).tables.stats.hits
    assert deleted() == {"dec:cms-13.9", "dec:cms-13.10"}
    assert cache_of(old_backend).tables.stats.hits > hits  # from the cache
    assert dataset_version(old_backend) == version
    response = writable.post(
        "/sparql",
        content=REPLACE_13_9.encode(),
        headers={
            "Content-Type": "application/sparql-update",
            "Authorization": f"Bearer {TOKEN}",
        },
    )
    assert response.status_code == 200, response.text
    new_version = writable.get("/health").json()["dataset_version"]
    assert new_version != version
    # Decision 13.9 is now replaced by 14.AA (adopted at COP14 as recommended), not deleted.
    assert deleted() == {"dec:cms-13.10"}
    replaced = writable.get(
        "/api/in-force", params={**params, "standing": "replaced", "limit": 5000}
    ).json()["instruments"]
    assert "dec:cms-13.9" in {s["instrument"]["id"] for s in replaced}
    assert dataset_version(writable.app.state.backend) == new_version
