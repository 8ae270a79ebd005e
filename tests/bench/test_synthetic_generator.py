"""The synthetic MEA graph generator (bench/generate.py): determinism, size, shape, SHACL."""

from __future__ import annotations

import doctest
import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # bench/ is a top-level folder, not part of the installed package
    sys.path.insert(0, str(ROOT))

from bench import generate as gen  # noqa: E402
from mea_graph.errors import MeaGraphError  # noqa: E402
from mea_graph.layout import Layout  # noqa: E402
from mea_graph.namespaces import ID_BASE, sparql_prolog  # noqa: E402

SYN = "https://w3id.org/mea-graph/id/synthetic/"


@pytest.fixture(scope="module")
def vocabularies() -> gen.Vocabularies:
    return gen.Vocabularies.load(Layout(ROOT))


def text_of(triples: int, seed: int, vocabularies, *, quads: bool = False) -> str:
    out = io.StringIO()
    gen.generate(out, triples=triples, seed=seed, quads=quads, vocabularies=vocabularies)
    return out.getvalue()


def store_of(text: str, fmt=ox.RdfFormat.N_TRIPLES) -> ox.Store:
    store = ox.Store()
    store.load(text.encode("utf-8"), format=fmt)
    return store


def ask(store: ox.Store, query: str) -> list:
    return list(store.query(sparql_prolog() + "PREFIX syn: <" + SYN + ">\n" + query))


def one(store: ox.Store, query: str) -> int:
    (row,) = ask(store, query)
    return int(row[0].value)


@pytest.fixture(scope="module")
def small(vocabularies) -> str:
    return text_of(20_000, 1, vocabularies)


@pytest.fixture(scope="module")
def small_store(small: str) -> ox.Store:
    return store_of(small)


@pytest.fixture(scope="module")
def full(vocabularies) -> tuple[str, gen.GenerationSummary]:
    """100k triples: the size from which the shape is the full one (40 agreements, 500
    organisations). Generating it takes well under a second; validating it is the slow part."""
    out = io.StringIO()
    summary = gen.generate(out, triples=100_000, seed=1, vocabularies=vocabularies)
    return out.getvalue(), summary


# --- determinism ---------------------------------------------------------------------------


def test_same_seed_and_size_give_the_same_bytes(vocabularies):
    assert text_of(5000, 3, vocabularies) == text_of(5000, 3, vocabularies)


def test_another_seed_gives_another_graph(vocabularies):
    a, b = text_of(5000, 3, vocabularies), text_of(5000, 4, vocabularies)
    assert a != b
    # not merely reordered: the sets of triples differ
    assert set(a.splitlines()) != set(b.splitlines())


def test_output_does_not_depend_on_python_hash_seed(tmp_path):
    """Iterating a set of strings would change with PYTHONHASHSEED; two processes with
    different hash seeds must write the same file."""
    digests = []
    for hash_seed in ("0", "4242"):
        out = tmp_path / f"h{hash_seed}.nt"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.generate",
                "--triples",
                "4000",
                "--seed",
                "9",
                "-o",
                str(out),
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
    assert digests[0] == digests[1]


# --- size ------------------------------------------------------------------------------------

SIZES = [(3000, 1), (5000, 2), (20_000, 3), (60_000, 4)]


@pytest.mark.parametrize(("triples", "seed"), SIZES)
def test_size_is_close_to_the_request_and_has_no_duplicates(triples, seed, vocabularies):
    text = text_of(triples, seed, vocabularies)
    lines = text.count("\n")
    assert abs(lines - triples) <= 0.02 * triples
    # every line is one distinct triple: the store holds as many as there are lines
    assert len(store_of(text)) == lines


def test_summary_counts_what_was_written(full):
    text, summary = full
    assert summary.triples == text.count("\n")
    assert summary.requested == 100_000
    store = store_of(text)
    expected = one(store, "SELECT (COUNT(*) AS ?n) WHERE { ?m a mea:Mandate }")
    assert summary.classes["mea:Mandate"] == expected


def test_output_is_streamed_in_pieces(vocabularies):
    """5M triples must not be held in memory: the writer hands text over as it goes."""

    class Recorder(io.StringIO):
        calls = 0

        def write(self, text):
            Recorder.calls += 1
            return super().write(text)

    gen.generate(Recorder(), triples=60_000, seed=1, vocabularies=vocabularies)
    # one write per 8192 lines at most, so 60k triples take at least 7 writes
    assert Recorder.calls >= 60_000 // 8192


def test_too_small_a_size_is_refused_with_a_clear_message(vocabularies):
    with pytest.raises(MeaGraphError, match="at least 3000"):
        gen.generate(io.StringIO(), triples=100, seed=1, vocabularies=vocabularies)


# --- shape -----------------------------------------------------------------------------------


def test_full_scale_has_40_agreements_and_500_organisations(full):
    store = store_of(full[0])
    agreements = one(
        store,
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a/rdfs:subClassOf* ?c . "
        "VALUES ?c { mea:Convention mea:Protocol mea:SpeciesAgreement "
        "mea:MemorandumOfUnderstanding } }",
    )
    assert agreements == 40
    orgs = one(
        store,
        f'SELECT (COUNT(?o) AS ?n) WHERE {{ ?o a ?c . FILTER(STRSTARTS(STR(?o), "{SYN}org/")) }}',
    )
    assert orgs == 500
    # every agreement has a secretariat, a governing body and dated meetings
    for pattern in (
        "?s mea:secretariatOf ?a",
        "?b mea:governingBodyOf ?a . ?m mea:meetingOf ?b ; mea:startDate ?d",
    ):
        missing = one(
            store,
            f"SELECT (COUNT(?a) AS ?n) WHERE {{ ?a mea:administeredBy ?u . "
            f"FILTER NOT EXISTS {{ {pattern} }} FILTER(STRSTARTS(STR(?a), '{SYN}agreement/')) }}",
        )
        assert missing == 0, pattern


def test_every_instrument_has_ten_paragraphs_with_french_text(small_store):
    rows = ask(
        small_store,
        "SELECT ?i (COUNT(?p) AS ?n) WHERE { VALUES ?c { mea:Resolution mea:Decision } ?i a ?c . "
        "?p eli:is_part_of ?i ; a mea:Paragraph ; mea:text ?t . FILTER(LANG(?t) = 'fr') } "
        "GROUP BY ?i",
    )
    instruments = one(
        small_store,
        "SELECT (COUNT(?i) AS ?n) WHERE { VALUES ?c { mea:Resolution mea:Decision } ?i a ?c }",
    )
    assert len(rows) == instruments > 20
    assert {int(r[1].value) for r in rows} == {10}


def test_mandates_have_a_vocabulary_verb_addressees_and_themes(small_store, vocabularies):
    verbs = {v.iri for v in vocabularies.verbs}
    themes = {t.iri for t in vocabularies.themes}
    used_verbs = {
        r[0].value for r in ask(small_store, "SELECT DISTINCT ?v WHERE { ?m mea:operativeVerb ?v }")
    }
    used_themes = {
        r[0].value
        for r in ask(
            small_store, "SELECT DISTINCT ?t WHERE { ?m a mea:Mandate ; dcterms:subject ?t }"
        )
    }
    assert used_verbs <= verbs and len(used_verbs) >= 5
    assert used_themes <= themes and len(used_themes) >= 10
    several = {
        what: "SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?m WHERE { ?m a mea:Mandate ; "
        f"{predicate} ?x }} GROUP BY ?m HAVING (COUNT(?x) > 1) }} }}"
        for what, predicate in (("addressees", "mea:addressee"), ("themes", "dcterms:subject"))
    }
    mandates = one(small_store, "SELECT (COUNT(?m) AS ?n) WHERE { ?m a mea:Mandate }")
    for what, query in several.items():
        share = one(small_store, query) / mandates
        assert 0.2 < share < 0.8, what


def test_lineage_is_stated_with_evidence_and_statuses_follow(full):
    store = store_of(full[0])
    for predicate in ("eli:repeals", "eli:amends", "dcterms:replaces"):
        assert one(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a {predicate} ?b }}") > 10, predicate
    # every lineage triple has an rdf:Statement citing a paragraph of the newer instrument
    unstated = one(
        store,
        "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?p { eli:repeals eli:amends dcterms:replaces } "
        "?a ?p ?b FILTER NOT EXISTS { ?s a rdf:Statement ; rdf:subject ?a ; rdf:predicate ?p ; "
        "rdf:object ?b ; prov:wasDerivedFrom ?para . ?para eli:is_part_of ?a } }",
    )
    assert unstated == 0
    # an adopted (not proposed) repeal makes the old text repealed; a revision supersedes it
    for predicate, status in (
        ("eli:repeals", "status:repealed"),
        ("eli:amends", "status:superseded"),
    ):
        wrong = one(
            store,
            f"SELECT (COUNT(*) AS ?n) WHERE {{ ?new {predicate} ?old ; mea:status ?s . "
            f"FILTER(?s != status:proposed) FILTER NOT EXISTS {{ ?old mea:status {status} }} }}",
        )
        assert wrong == 0, predicate
    # chains: some revisions are themselves revised (Rev.COPn amended by Rev.COPm)
    chains = one(store, "SELECT (COUNT(*) AS ?n) WHERE { ?c eli:amends ?b . ?b eli:amends ?a }")
    assert chains > 0
    revisions = ask(store, "SELECT ?r WHERE { ?i mea:revision ?r }")
    assert revisions and all(r[0].value.startswith(("Rev.COP", "Rev.MOP")) for r in revisions)


def test_collaborations_come_in_several_kinds_with_members_and_evidence(full):
    store = store_of(full[0])
    store.load(path=str(ROOT / "ontology" / "mea.ttl"), format=ox.RdfFormat.TURTLE)
    kinds = ask(
        store,
        "SELECT ?c (COUNT(?x) AS ?n) WHERE { ?x a ?c . ?c rdfs:subClassOf+ mea:Collaboration } "
        "GROUP BY ?c",
    )
    assert len(kinds) >= 8
    collaborations = sum(int(r[1].value) for r in kinds)
    assert collaborations > 100
    # each has at least two members and cites a paragraph
    missing = one(
        store,
        "SELECT (COUNT(?x) AS ?n) WHERE { ?x a/rdfs:subClassOf+ mea:Collaboration "
        "FILTER NOT EXISTS { ?x org:hasMember ?m1 , ?m2 . FILTER(?m1 != ?m2) } "
        "FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?p . ?p a mea:Paragraph } }",
    )
    assert missing == 0
    assert one(store, "SELECT (COUNT(?m) AS ?n) WHERE { ?m a org:Membership }") > 50


def test_partner_degrees_are_skewed(full):
    """A power law: most actors have few partners, a few have very many."""
    degrees = full[1].partner_degrees
    assert degrees.actors == 540  # 500 organisations and 40 secretariats
    assert degrees.maximum >= 10 * max(1.0, degrees.median)
    assert degrees.top1pct_share_of_ties > 0.05  # the top 1% of actors hold over 5% of ties
    store = store_of(full[0])
    # recompute the top degree from the graph itself: distinct co-members of the busiest actor
    rows = ask(
        store,
        "SELECT ?a (COUNT(DISTINCT ?b) AS ?n) WHERE { ?c org:hasMember ?a , ?b . "
        "FILTER(?a != ?b) } GROUP BY ?a ORDER BY DESC(?n) LIMIT 1",
    )
    assert int(rows[0][1].value) == degrees.maximum


def test_every_subject_is_synthetic_and_labelled_in_english_and_french(small_store):
    outside = one(
        small_store,
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o . "
        f'FILTER(!STRSTARTS(STR(?s), "{SYN}")) }}',
    )
    assert outside == 0  # in particular, no vocabulary concept is redefined
    for lang in ("en", "fr"):
        unlabelled = one(
            small_store,
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c . "
            f"FILTER NOT EXISTS {{ ?s skos:prefLabel ?l . FILTER(LANG(?l) = '{lang}') }} }}",
        )
        assert unlabelled == 0, lang
    # the only curated IRIs used are concepts of the project's vocabularies
    used = {
        r[0].value.removeprefix(ID_BASE).split("/")[0]
        for r in ask(
            small_store,
            "SELECT DISTINCT ?o WHERE { ?s ?p ?o . FILTER(isIRI(?o) "
            f'&& STRSTARTS(STR(?o), "{ID_BASE}") && !STRSTARTS(STR(?o), "{SYN}")) }}',
        )
    }
    assert used == {"theme", "verb", "status", "actor-kind", "paragraph-kind", "change"}


def test_n_quads_put_each_part_in_its_own_named_graph(vocabularies):
    nt = text_of(5000, 5, vocabularies)
    nq = text_of(5000, 5, vocabularies, quads=True)
    store = store_of(nq, ox.RdfFormat.N_QUADS)
    graphs = {g.value for g in store.named_graphs()}
    base = "https://w3id.org/mea-graph/graph/synthetic/"
    assert {
        base + p for p in ("agreements", "organisations", "meetings", "instruments", "mandates")
    } <= graphs
    # same triples as the N-Triples output
    assert len(store) == nt.count("\n")
    assert {(q.subject, q.predicate, q.object) for q in store} == {
        (t.subject, t.predicate, t.object) for t in store_of(nt)
    }


# --- SHACL ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def file_5k(tmp_path_factory, vocabularies) -> Path:
    path = tmp_path_factory.mktemp("synthetic") / "s5k.nt"
    gen.write_file(path, triples=5000, seed=1, vocabularies=vocabularies)
    return path


def test_5k_conforms_to_the_shapes_without_warnings(file_5k):
    report = gen.validate_file(file_5k, layout=Layout(ROOT))
    assert report.conforms, report.violations[:5]
    assert report.warnings == []


def test_validation_catches_a_broken_synthetic_graph(file_5k, tmp_path):
    """Guard against a vacuous check: drop the French labels of one secretariat and the
    type of one meeting, and both are reported."""
    secretariat = f"<{SYN}secretariat/"
    lines = file_5k.read_text(encoding="utf-8").splitlines(keepends=True)
    victim = next(line.split(" ", 1)[0] for line in lines if line.startswith(secretariat))
    meeting = next(line.split(" ", 1)[0] for line in lines if line.startswith(f"<{SYN}meeting/"))
    kept = [
        line
        for line in lines
        if not (line.startswith(victim + " ") and line.rstrip().endswith("@fr ."))
        and not (line.startswith(meeting + " ") and "22-rdf-syntax-ns#type>" in line)
    ]
    assert len(kept) < len(lines)
    broken = tmp_path / "broken.nt"
    broken.write_text("".join(kept), encoding="utf-8")
    report = gen.validate_file(broken, layout=Layout(ROOT))
    focus = {(r.focus_node, r.message) for r in report.violations}
    assert (victim[1:-1], "needs a skos:prefLabel in French (@fr)") in focus
    assert any(meeting[1:-1] in message for _, message in focus)  # now dangling


@pytest.mark.slow
def test_100k_conforms_to_the_shapes(tmp_path, vocabularies):
    """The issue asks for conformance at 100k (about 25 s on this machine)."""
    path = tmp_path / "s100k.nt"
    gen.write_file(path, triples=100_000, seed=1, vocabularies=vocabularies)
    report = gen.validate_file(path, layout=Layout(ROOT))
    assert report.conforms, report.violations[:5]
    assert report.warnings == []


# --- command line and files ------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bench.generate", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_cli_writes_the_file_and_its_statistics(tmp_path):
    out, stats = tmp_path / "g.nt", tmp_path / "g.json"
    result = run_cli("--triples", "4000", "--seed", "2", "-o", str(out), "--stats", str(stats))
    assert result.returncode == 0, result.stderr
    assert "wrote 4000 triples" in result.stderr
    assert out.read_text(encoding="utf-8").count("\n") == 4000
    assert '"requested": 4000' in stats.read_text(encoding="utf-8")


def test_cli_rejects_a_bad_size_without_traceback_and_keeps_the_old_file(tmp_path):
    out = tmp_path / "g.nt"
    out.write_text("old content\n", encoding="utf-8")
    result = run_cli("--triples", "10", "-o", str(out))
    assert result.returncode == 2
    assert "triples must be an integer of at least 3000" in result.stderr
    assert "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["g.nt"]  # no partial file left behind


def test_cli_names_an_unwritable_output(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = run_cli("--triples", "4000", "-o", str(blocker / "g.nt"))
    assert result.returncode == 2
    assert str(blocker / "g.nt") in result.stderr and "Traceback" not in result.stderr


def test_validate_file_names_a_missing_file(tmp_path):
    with pytest.raises(MeaGraphError, match="no such file"):
        gen.validate_file(tmp_path / "nothing.nt", layout=Layout(ROOT))


def test_docstring_examples_run():
    """bench/ is outside src/, so pytest's --doctest-modules does not reach it."""
    result = doctest.testmod(gen, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 6
    assert result.failed == 0
