"""`mea-graph ingest`: bad input fails cleanly and writes nothing; a good run validates,
writes a named graph of its own, replaces it on re-ingest, and reports."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from mea_graph.cli import app
from mea_graph.errors import ValidationFailed
from mea_graph.ingest import service
from mea_graph.ingest.rdf import graph_iri
from mea_graph.query import run_query

from .conftest import ENGLISH, SEED

runner = CliRunner()
SEED_GRAPH = graph_iri("UNEP/CMS/COP14/Doc.18.1")
ENGLISH_GRAPH = graph_iri("UNEP/CMS/COP99/Doc.1")


def _ingest(store, path, *extra, convention="cms", meeting="cop14", lang="fr"):
    return runner.invoke(
        app,
        [
            "ingest",
            str(path),
            "--convention",
            convention,
            "--meeting",
            meeting,
            "--lang",
            lang,
            "--store",
            str(store.path),
            *extra,
        ],
    )


def _output(result) -> str:
    return " ".join(result.output.split())


def _state(store):
    extracted = store.path / "extracted"
    return store.current(), sorted(extracted.iterdir()) if extracted.exists() else []


def _count(store, graph):
    sparql = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    return int(run_query(store.open(), sparql).rows[0][0])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        ("1. Décide de créer un groupe.".encode("latin-1"), "unknown encoding"),
        ("Résumé\n\nLe Secrétariat rend compte.\n".encode(), "no numbered paragraphs"),
    ],
    ids=["empty", "blank", "binary", "latin-1", "no-paragraphs"],
)
def test_bad_files(writable_store, tmp_path, content, message):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    before = _state(writable_store)
    result = _ingest(writable_store, path, "--report", str(tmp_path / "r.json"))
    assert result.exit_code != 0
    assert message in _output(result) and "nothing was written" in _output(result)
    assert "Traceback" not in result.output
    assert _state(writable_store) == before
    assert not (tmp_path / "r.json").exists()


@pytest.mark.parametrize(
    ("convention", "meeting", "message"),
    [("xyz", "cop14", "unknown convention 'xyz'"), ("cms", "cop99", "unknown meeting 'cop99'")],
)
def test_unknown_convention_or_meeting(writable_store, convention, meeting, message):
    before = _state(writable_store)
    result = _ingest(writable_store, SEED, convention=convention, meeting=meeting)
    assert result.exit_code != 0 and message in _output(result)
    assert _state(writable_store) == before


def test_missing_file(writable_store, tmp_path):
    result = _ingest(writable_store, tmp_path / "nope.txt")
    assert result.exit_code != 0 and "no such file" in _output(result)


def test_invalid_extraction_writes_nothing(writable_store, monkeypatch, layout):
    real = service.to_graph

    def broken(*args):
        graph = real(*args)
        for s, p, o in list(graph):
            if str(p).endswith("#text"):
                graph.remove((s, p, o))  # paragraphs without their text violate the shapes
        return graph

    monkeypatch.setattr(service, "to_graph", broken)
    before = _state(writable_store)
    with pytest.raises(ValidationFailed):
        service.ingest_file(
            ENGLISH,
            convention="cms",
            meeting="cop14",
            language="en",
            layout=layout,
            store=writable_store,
        )
    assert _state(writable_store) == before


def test_dry_run_reports_and_leaves_the_store(writable_store, tmp_path):
    before = _state(writable_store)
    report = tmp_path / "r.json"
    result = _ingest(writable_store, SEED, "--dry-run", "--report", str(report))
    assert result.exit_code == 0, result.output
    assert "Dry run" in _output(result) and "Operative paragraphs" in _output(result)
    assert _state(writable_store) == before
    data = json.loads(report.read_text())
    assert list(data)[:3] == ["document", "paragraphs", "low_confidence"]
    first = data["paragraphs"][0]
    assert set(first) == {
        "section",
        "number",
        "kind",
        "verbs",
        "addressees",
        "mentions",
        "themes",
        "confidence",
    }
    para15 = next(
        p for p in data["paragraphs"] if p["section"] == "annex 1" and p["number"] == "15"
    )
    assert para15["verbs"] == ["requests", "invites"]
    assert [a["iri"] for a in para15["addressees"]] == [
        "https://w3id.org/mea-graph/id/secretariat/cms",
        "https://w3id.org/mea-graph/id/secretariat/cbd",
        "https://w3id.org/mea-graph/id/group/other-mea-secretariats",
    ]
    para3 = next(p for p in data["paragraphs"] if p["section"] == "annex 1" and p["number"] == "3")
    assert para3["addressees"] == [
        {"label": "Secretariat", "iri": "https://w3id.org/mea-graph/id/secretariat/cms"}
    ]
    text_start, text_end = para15["mentions"][0]["span"]
    assert 0 <= text_start < text_end


def test_ingest_seed_then_again(writable_store, tmp_path):
    report = tmp_path / "r.json"
    result = _ingest(writable_store, SEED, "--report", str(report))
    assert result.exit_code == 0, result.output
    first = _count(writable_store, SEED_GRAPH)
    assert first > 0
    assert (writable_store.path / "extracted" / "unep-cms-cop14-doc.18.1.ttl").is_file()
    result = _ingest(writable_store, SEED)
    assert result.exit_code == 0, result.output
    assert _count(writable_store, SEED_GRAPH) == first  # replaced, not duplicated
    store = writable_store.open()
    runs = run_query(store, f"SELECT ?r WHERE {{ GRAPH <{SEED_GRAPH}> {{ ?r a prov:Activity }} }}")
    assert len(runs.rows) == 1
    # curated data wins: the seed's mandates are all curated, none is restated
    mandates = run_query(store, f"ASK {{ GRAPH <{SEED_GRAPH}> {{ ?m a mea:Mandate }} }}")
    assert mandates.boolean is False
    review = json.loads(report.read_text())["review"]
    # Decision 13.9 is quoted inside report paragraph 2, so its curated mandates (items
    # a-c, "instructs") are not extracted: they must be listed as disagreements
    only_curated = [c for c in review["conflicts"] if c["what"] == "only curated: 'instructs'"]
    assert len(only_curated) == 3
    assert review["mandates_agreeing"] >= 40


def test_ingest_new_document(writable_store):
    result = _ingest(writable_store, ENGLISH, lang="en")
    assert result.exit_code == 0, result.output
    store = writable_store.open()
    # one mandate per (paragraph, verb) in the fixture's gold (24), but paragraph 16's
    # "urges" applies to its two items a) and b): 25 mandates
    rows = run_query(store, f"SELECT ?m WHERE {{ GRAPH <{ENGLISH_GRAPH}> {{ ?m a mea:Mandate }} }}")
    assert len(rows.rows) == 25
    provenance = run_query(
        store,
        f"""
        SELECT ?m WHERE {{ GRAPH <{ENGLISH_GRAPH}> {{
            ?m a mea:Mandate ; prov:wasGeneratedBy ?run ;
               <http://www.w3.org/2005/11/its/rdf#taConfidence> ?c ; mea:sourceParagraph ?p .
            ?run a prov:Activity ; prov:qualifiedAssociation/prov:hadPlan ?plan .
            ?p mea:text ?text }} }}""",
    )
    assert len(provenance.rows) == 25
    para1 = run_query(
        store,
        """SELECT ?a WHERE { ?m mea:sourceParagraph ?p ;
        mea:operativeVerb verb:requests ; mea:addressee ?a .
        ?p mea:inDocument/mea:symbol "UNEP/CMS/COP99/Doc.1" ; eli:number "1" }""",
    )
    assert para1.rows == [["https://w3id.org/mea-graph/id/secretariat/cms"]]
    annotations = run_query(
        store,
        f"""PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?body WHERE {{ GRAPH <{ENGLISH_GRAPH}> {{
            ?a a oa:Annotation ; oa:hasBody ?body }} }}""",
    )
    assert ["https://w3id.org/mea-graph/id/org/fao"] in annotations.rows
    assert _count(writable_store, SEED_GRAPH) >= 0  # other graphs untouched by this ingest


def test_report_path_error(writable_store, tmp_path):
    result = _ingest(writable_store, SEED, "--dry-run", "--report", str(tmp_path / "no" / "r.json"))
    assert result.exit_code != 0 and "cannot write the report" in _output(result)
