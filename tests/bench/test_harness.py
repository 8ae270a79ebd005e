"""The benchmark harness's pieces on a tiny generated graph (3k synthetic triples), with
(b) pyoxigraph in-process and (c) a real Oxigraph server. No timing asserts: only that
each piece measures what it says and records timeouts and errors as such."""

from __future__ import annotations

import doctest
import json

import pyoxigraph as ox
import pytest

from bench.generate import SYNTHETIC_BASE
from bench.harness import data, load, measure, peers, queries, report
from bench.harness.errors import HarnessError
from bench.harness.measure import measure_latency, percentile
from bench.harness.peers import InProcessPeer, QueryTimeout
from bench.harness.queries import QUERIES, ROUTES, by_name, pick_parameters
from mea_graph.layout import Layout


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    return data.prepare(Layout.discover(), tmp_path_factory.mktemp("bench"), triples=3000)


@pytest.fixture(scope="module")
def floor(prepared):
    peer, _ = InProcessPeer.load(prepared.dump, ROUTES)
    return peer


@pytest.fixture(scope="module")
def values(floor):
    return pick_parameters(floor.backend, base=SYNTHETIC_BASE)


@pytest.fixture(scope="module")
def oxigraph(prepared, tmp_path_factory):
    location = tmp_path_factory.mktemp("oxigraph") / "db"
    peers.load_oxigraph(prepared.dump, location)
    server = peers.start_oxigraph(location)
    server.wait_ready(limit=30)
    yield server
    server.stop()


@pytest.mark.parametrize("module", [data, load, measure, peers, queries, report])
def test_doctests(module):
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert attempted > 0 and failed == 0


def test_the_store_holds_the_synthetic_file_plus_the_project_sources(prepared):
    synthetic_lines = prepared.synthetic.read_text().count("\n")
    assert prepared.synthetic_triples == synthetic_lines >= 3000
    # the project's own sources come on top of the synthetic triples
    assert prepared.triples > prepared.synthetic_triples
    dump_lines = prepared.dump.read_text().count("\n")
    assert dump_lines == prepared.triples
    in_graph = sum(1 for line in prepared.dump.open() if f"<{data.GRAPH}> ." in line)
    assert in_graph == prepared.synthetic_triples


def test_the_built_store_is_not_stale_so_serve_will_not_rebuild_it(prepared):
    from mea_graph.build import is_stale

    assert not is_stale(Layout.discover(), prepared.store_dir)


def test_parameters_are_the_convention_with_most_mandates(floor, values):
    mea = "https://w3id.org/mea-graph/ontology#"
    counts = floor.store.query(
        f"SELECT ?c (COUNT(?m) AS ?n) WHERE {{ ?c a <{mea}Convention> . "
        f"?m <{mea}relatedAgreement> ?c FILTER(STRSTARTS(STR(?c), '{SYNTHETIC_BASE}')) }} "
        "GROUP BY ?c ORDER BY DESC(?n) ?c",
        use_default_graph_as_union=True,
    )
    top = next(iter(counts))
    assert values.convention == top["c"].value
    assert values.secretariat.endswith("/secretariat/" + values.convention.rsplit("/", 1)[1])
    assert values.acronym == values.acronym.upper()


def test_there_are_at_least_ten_queries_of_every_required_kind():
    names = {q.name for q in QUERIES}
    assert len(QUERIES) >= 10
    for required in (
        "lookup",
        "mandates-by-theme",
        "overlaps",
        "partners-ranked",
        "lineage-path",
        "text-search",
        "construct-export",
        "api-partners",
        "api-overlaps",
        "api-mandates",
    ):
        assert required in names
    with pytest.raises(HarnessError, match="unknown query 'nope'"):
        by_name("nope")


def test_every_query_answers_on_the_floor_and_the_same_on_oxigraph(floor, oxigraph, values):
    for query in QUERIES:
        if query.kind == "api":
            assert floor.api(query.route, query.query_params(values), timeout=30) >= 0
            continue
        text = query.text(values)
        expected = floor.sparql(text, construct=query.construct, timeout=30)
        assert (
            peers.rows(oxigraph.sparql(text, construct=query.construct, timeout=30)) == expected
        ), query.name


def test_latency_records_percentiles_and_skips_api_on_a_plain_sparql_server(
    floor, oxigraph, values
):
    result = measure_latency(floor, by_name("lookup"), values, repeats=3, timeout=30)
    assert result.runs == 3 and result.timeouts == 0 and result.p50_ms <= result.p95_ms
    skipped = measure_latency(oxigraph, by_name("api-partners"), values, repeats=3, timeout=30)
    assert skipped.skipped == "no API" and skipped.runs == 0


class _SlowPeer(peers.Peer):
    key = "d"

    def __init__(self):
        self.calls = 0

    def sparql(self, query, *, construct=False, timeout):
        self.calls += 1
        raise QueryTimeout("(d) rdflib-endpoint: over 0.1 s")


def test_a_timeout_is_recorded_as_such_and_stops_the_repeats(values):
    slow, restarted = _SlowPeer(), []
    result = measure_latency(
        slow, by_name("overlaps"), values, repeats=5, timeout=0.1, on_timeout=restarted.append
    )
    assert (result.timeouts, result.runs, result.p50_ms) == (1, 0, None)
    assert slow.calls == 1 and restarted == [slow]


def test_a_failed_query_is_an_error_not_a_timeout(oxigraph, values):
    bad = queries.BenchQuery("bad", "analytic", "syntax error", "SELECT WHERE {{")
    result = measure_latency(oxigraph, bad, values, repeats=2, timeout=10)
    assert (result.errors, result.timeouts) == (1, 0)
    assert "HTTP 400" in result.error


def test_load_is_bounded_in_count_and_counts_every_request(floor, oxigraph, values):
    text = by_name("lookup").text(values)
    for peer in (floor, oxigraph):
        done = load.run_load(
            peer, "lookup", text, clients=4, seconds=5, max_requests=40, timeout=10
        )
        assert done.sent == 40 == done.ok + done.errors + done.timeouts
        assert done.errors == 0 and done.requests_per_second > 0


def test_rss_of_a_running_server_is_sampled(oxigraph):
    sampler = measure.RssSampler(interval=0.05)
    sampler.watch("c", oxigraph.process.pid)
    sampler.sample()
    assert sampler.stop()["c"] > 1_000_000  # more than a megabyte for any real process
    assert measure.tree_memory(2**22 + 12345) == (0, 0)  # a process that does not exist


def test_percentile_by_hand():
    values = [float(v) for v in range(1, 101)]  # 1..100
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    assert percentile(values, 99) == 99.0


def test_bad_sizes_are_named():
    with pytest.raises(HarnessError, match="bad size '12q'"):
        data.parse_size("12q")
    with pytest.raises(HarnessError, match="at least 3000"):
        data.parse_size("1k")


def test_report_gives_ratios_to_the_floor_and_the_best_peer(tmp_path):
    latency = {
        "kind": "analytic",
        "a": {"p50_ms": 12.0, "p95_ms": 13.0, "timeouts": 0, "errors": 0},
        "b": {"p50_ms": 10.0, "p95_ms": 11.0, "timeouts": 0, "errors": 0},
        "c": {"p50_ms": 8.0, "p95_ms": 9.0, "timeouts": 0, "errors": 0},
        "d": {"p50_ms": None, "p95_ms": None, "timeouts": 1, "errors": 0},
    }
    result = {
        "size": "3k",
        "triples": 1000,
        "peers": ["a", "b", "c", "d"],
        "machine": report.machine(),
        "options": {"timeout": 5, "repeats": 3},
        "load_seconds": {"a": 2.0, "b": 1.0, "c": 4.0, "d": 10.0},
        "startup_seconds": {},
        "peak_rss_mb": {},
        "latency": {"q": latency},
    }
    path = report.write_json(result, tmp_path / "results")
    assert json.loads(path.read_text())["size"] == "3k" and path.name.endswith("-3k.json")
    text = report.write_markdown(tmp_path / "results", tmp_path / "perf.md").read_text()
    # (a) 12 ms: 12/10 = 1.2x the floor, 12/8 = 1.5x the best peer (c; d timed out)
    assert "12.0 (13.0); 1.2x b; 1.5x best" in text
    assert "| q | analytic |" in text and "timeout" in text
    # load: (a) 2 s = 2.0x (b)'s 1 s and 0.50x the best peer (c, 4 s)
    assert "2.00 s (2.0x b; 0.50x best)" in text


def test_lookup_counts_the_conventions_properties(floor, values):
    # every quad with the convention as subject, counted straight from the store
    expected = sum(
        1 for _ in floor.store.quads_for_pattern(ox.NamedNode(values.convention), None, None)
    )
    assert floor.sparql(by_name("lookup").text(values), timeout=5) == expected > 0


NAIVE_OVERLAPS = """SELECT ?g1 ?g2 (COUNT(*) AS ?pairs) WHERE {{
  ?m1 dcterms:subject <{theme}> ; mea:addressee ?who ; mea:relatedAgreement ?g1 .
  ?m2 dcterms:subject <{theme}> ; mea:addressee ?who ; mea:relatedAgreement ?g2 .
  FILTER(STR(?g1) < STR(?g2))
}} GROUP BY ?g1 ?g2"""


def test_the_overlaps_query_counts_exactly_the_pairs_of_the_quadratic_join(floor, values):
    def pairs(text):
        answer = floor.store.query(peers.with_prefixes(text), use_default_graph_as_union=True)
        return sorted((s["g1"].value, s["g2"].value, int(s["pairs"].value)) for s in answer)

    expected = pairs(NAIVE_OVERLAPS.format(theme=values.theme))
    assert expected and pairs(by_name("overlaps").text(values)) == expected


def test_the_build_has_the_snapshot_that_serve_loads_into_memory(prepared):
    from mea_graph.store import SNAPSHOT_NAME, StoreFolder

    current = StoreFolder(prepared.store_dir).current()
    assert (current / SNAPSHOT_NAME).read_bytes() == prepared.dump.read_bytes()
