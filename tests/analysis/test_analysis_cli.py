"""The ``mea-graph analyze``, ``export`` and ``plot`` commands on the shipped store."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from mea_graph.cli import app


@pytest.fixture(scope="module")
def run(built):
    store = str(built.build.parent.parent)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, [*args, "--store", store])

    return invoke


def test_brokers_json_is_ranked_with_evidence(run):
    result = run("analyze", "brokers", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["brokers"][0]["iri"].endswith("/agreement/cms")
    assert data["brokers"][0]["evidence"]


def test_in_force_table_and_json(run):
    table = run("analyze", "in-force", "--at", "mtg:cms-cop14", "--apply-recommendations")
    assert table.exit_code == 0 and "deleted" in table.stdout
    data = json.loads(
        run("analyze", "in-force", "--at", "cms-cop14", "--apply-recommendations", "--json").stdout
    )
    standing = {i["iri"].rsplit("/", 1)[1]: i["standing"] for i in data["instruments"]}
    assert standing["cms-13.9"] == "deleted" and standing["cms-14.aa"] == "in-force"


@pytest.mark.parametrize(
    "args",
    [
        ("analyze", "centrality", "--network", "partners", "--top", "5"),
        ("analyze", "communities", "--lang", "fr"),
        ("analyze", "overlap", "CMS", "CITES"),
        ("analyze", "mandates", "--theme", "ngo-accreditation"),
    ],
)
def test_tables(run, args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "─" in result.stdout or "━" in result.stdout  # a rich table


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("analyze", "overlap", "CMS", "Convention of Nowhere"), 1, "'Convention of Nowhere'"),
        (("analyze", "centrality", "--network", "friends"), 2, "unknown network 'friends'"),
        (("analyze", "centrality", "--measure", "fame"), 2, "'fame'"),
        (("analyze", "in-force", "--at", "mtg:cop99"), 1, "'mtg:cop99'"),
        (("export", "--network", "partners", "--format", "xls", "-o", "/tmp/x.xls"), 2, "'xls'"),
        (("export", "--rdf", "rdfxml", "-o", "/tmp/x.rdf"), 2, "'rdfxml'"),
        (
            ("export", "--network", "partners", "--format", "gexf", "-o", "/nonexistent/x.gexf"),
            1,
            "does not exist",
        ),
        (("plot", "-o", "/tmp/p.png", "--lang", "de"), 2, "unknown language 'de'"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(run, args, code, message):
    result = run(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args", [("--rdf", "turtle"), ("--network", "lineage", "--format", "gexf")]
)
def test_unwritable_output_path(run, tmp_path, args):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run("export", *args, "-o", str(blocker / "x.out"))
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert blocker.read_text() == "not a folder"  # nothing lost


def test_plot_writes_a_png(run, tmp_path):
    target = tmp_path / "partners.png"
    result = run("plot", "--network", "partners", "-o", str(target), "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
