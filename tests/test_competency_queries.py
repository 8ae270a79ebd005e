"""Every competency question in queries/ answers what the source document says.

Each ``.rq`` file states its expected answer in its header, taken from the document:
``# expect-columns:`` names the columns compared, ``# expect:`` lines give one row each
(compact IRIs or quoted literals), and ``# expect-mode:`` is ``exact`` (the rows are
exactly these) or ``includes`` (these rows are among the answers).
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

from mea_graph.query import run_query
from mea_graph.report import compact

QUERIES = sorted((Path(__file__).resolve().parents[1] / "queries").glob("*.rq"))


@dataclass(frozen=True)
class Expectation:
    columns: tuple[str, ...]
    mode: str
    rows: frozenset[tuple[str, ...]]


def read_expectation(path: Path) -> Expectation:
    columns, mode, rows = (), None, set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            continue
        key, _, value = line[1:].strip().partition(":")
        if key == "expect-columns":
            columns = tuple(value.split())
        elif key == "expect-mode":
            mode = value.strip()
        elif key == "expect":
            rows.add(tuple(shlex.split(value)))
    assert columns and mode in {"exact", "includes"} and rows, f"{path.name}: incomplete header"
    assert all(len(r) == len(columns) for r in rows), f"{path.name}: row width != columns"
    return Expectation(columns, mode, frozenset(rows))


def test_there_are_at_least_twenty_questions():
    assert len(QUERIES) >= 20


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_competency_question(path: Path, store):
    expected = read_expectation(path)
    result = run_query(store, path.read_text(encoding="utf-8"))
    indexes = [result.variables.index(c) for c in expected.columns]
    got = {tuple(compact(row[i]) for i in indexes) for row in result.rows}
    if expected.mode == "exact":
        assert got == expected.rows
    else:
        assert expected.rows <= got, f"missing: {sorted(expected.rows - got)}"
