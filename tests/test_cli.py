"""The command line on a private copy of the project: build, validate, query, stats, and
what each does with bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import pytest
from typer.testing import CliRunner

from mea_graph.cli import app
from mea_graph.store import StoreFolder

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

MANDATE_WITHOUT_ADDRESSEE = """
@prefix mea: <https://w3id.org/mea-graph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/mea-graph/id/mandate/test-orphan> a mea:Mandate ;
    skos:prefLabel "Orphan mandate"@en, "Mandat orphelin"@fr ;
    mea:operativeVerb <https://w3id.org/mea-graph/id/verb/requests> ;
    mea:sourceParagraph <https://w3id.org/mea-graph/id/doc/unep-cms-cop14-doc.18.1/para-33> .
"""

WARNING_ONLY = """
@prefix mea: <https://w3id.org/mea-graph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/mea-graph/id/meeting/test-undated> a mea:Meeting ;
    skos:prefLabel "An undated meeting"@en, "Une réunion sans date"@fr .
"""


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's RDF files, used as MEA_GRAPH_HOME."""
    for folder in ("ontology", "data", "shapes"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.setenv("MEA_GRAPH_HOME", str(tmp_path))
    return tmp_path


def invoke(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


def store_content(project: Path) -> set[str]:
    store = StoreFolder(project / "var" / "store").open()
    return {str(q) for q in store.quads_for_pattern(None, None, None, None)}


@pytest.fixture()
def built_project(project: Path) -> Path:
    result = invoke("build")
    assert result.exit_code == 0, result.output
    return project


def test_build_loads_one_named_graph_per_file(built_project: Path):
    store = StoreFolder(built_project / "var" / "store").open()
    graphs = {g.value for g in store.named_graphs()}
    files = [*built_project.glob("ontology/*.ttl"), *built_project.glob("data/*.ttl")]
    assert len(graphs) == len(files)
    assert "https://w3id.org/mea-graph/graph/data/organisations" in graphs


def test_build_is_idempotent(built_project: Path):
    before = store_content(built_project)
    assert invoke("build").exit_code == 0
    assert store_content(built_project) == before


def test_malformed_turtle_names_file_and_line_and_keeps_the_store(built_project: Path):
    before = store_content(built_project)
    (built_project / "data" / "broken.ttl").write_text(
        "@prefix ex: <http://example.org/> .\n\nex:a ex:b ex:c ;\n    ex:d .\n"
    )
    result = invoke("build")
    assert result.exit_code == 1
    assert "broken.ttl:4:" in result.output
    assert "store was not changed" in result.output
    assert store_content(built_project) == before


def test_shacl_violation_prints_report_and_keeps_the_store(built_project: Path):
    before = store_content(built_project)
    (built_project / "data" / "orphan.ttl").write_text(MANDATE_WITHOUT_ADDRESSEE)
    result = invoke("build")
    assert result.exit_code == 1
    assert "at least one addressee" in result.output
    assert "data/orphan.ttl" in result.output
    assert store_content(built_project) == before


def test_validate_exit_codes(project: Path):
    assert invoke("validate").exit_code == 0
    warning = project / "undated.ttl"
    warning.write_text(WARNING_ONLY)
    result = invoke("validate", str(warning))
    assert result.exit_code == 0, result.output
    assert "should have a start date" in result.output
    violation = project / "orphan.ttl"
    violation.write_text(MANDATE_WITHOUT_ADDRESSEE)
    result = invoke("validate", str(violation))
    assert result.exit_code == 1
    assert "Orphan mandate" in result.output  # the focus node's label


def test_query_formats(built_project: Path):
    sparql = "SELECT ?label WHERE { orgn:unep skos:prefLabel ?label } ORDER BY ?label"
    table = invoke("query", sparql)
    assert table.exit_code == 0 and "Programme des Nations Unies" in table.output
    as_csv = invoke("query", sparql, "--format", "csv")
    assert as_csv.output.splitlines()[0] == "label"
    as_json = invoke("query", sparql, "--format", "json")
    assert '"xml:lang": "fr"' in as_json.output


def test_query_from_file(built_project: Path, tmp_path: Path):
    query_file = tmp_path / "q.rq"
    query_file.write_text("ASK { agr:aewa mea:concludedUnder agr:cms }")
    result = invoke("query", "--file", str(query_file))
    assert result.exit_code == 0 and result.output.strip() == "true"


def test_query_syntax_error_gives_position_and_exit_2(built_project: Path):
    result = invoke("query", "SELECT * WHERE {\n  ?s ?p\n}")
    assert result.exit_code == 2
    assert "line 3, column" in result.output


def test_query_without_store_is_a_clear_error(project: Path):
    result = invoke("query", "ASK {}")
    assert result.exit_code == 1
    assert "run `mea-graph build` first" in result.output


def test_stats(built_project: Path):
    result = invoke("stats")
    assert result.exit_code == 0
    assert "Label coverage" in result.output and "Provenance" in result.output


def test_store_open_is_read_only(built_project: Path):
    store = StoreFolder(built_project / "var" / "store").open()
    with pytest.raises((OSError, RuntimeError)):
        store.add(
            pyoxigraph.Quad(
                pyoxigraph.NamedNode("http://e/a"),
                pyoxigraph.NamedNode("http://e/b"),
                pyoxigraph.Literal("c"),
            )
        )


def test_shipped_files_are_canonical():
    result = invoke("fmt", "--check")
    assert result.exit_code == 0, result.output


def test_fmt_sorts_blocks_and_keeps_the_graph(project: Path):
    path = project / "data" / "unsorted.ttl"
    path.write_text("@prefix ex: <http://example.org/> .\n\nex:b ex:p 1 .\n\nex:a ex:p 2 .\n")
    assert invoke("fmt", "--check", str(path)).exit_code == 1
    assert invoke("fmt", str(path)).exit_code == 0
    assert path.read_text().index("ex:a") < path.read_text().index("ex:b")
    assert invoke("fmt", "--check", str(path)).exit_code == 0
