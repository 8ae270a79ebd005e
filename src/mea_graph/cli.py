"""The ``mea-graph`` command line."""

from __future__ import annotations

import importlib
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .backends import open_backend
from .build import build_store, validate_dataset
from .dataset import Dataset
from .errors import DataFileError, MeaGraphError, QuerySyntaxError, ValidationFailed
from .layout import Layout
from .query import to_csv, to_json
from .report import compact, print_stats, print_validation
from .stats import graph_stats

app = typer.Typer(
    help="mea-graph: a knowledge graph of multilateral environmental agreements.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True)

StoreOption = Annotated[
    Path | None, typer.Option("--store", help="Store folder (default: var/store in the project).")
]


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _fail(message: str, code: int = 1) -> typer.Exit:
    errors.print(f"[bold red]error:[/bold red] {message}", highlight=False)
    return typer.Exit(code)


@app.command()
def build(store: StoreOption = None) -> None:
    """Load ontology/ and data/ into the embedded store (one named graph per file), then
    validate. The store in service is replaced only if everything loads and validates."""
    layout = Layout.discover()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("build", total=None)
        try:
            result = build_store(
                layout,
                store_path=store,
                on_step=lambda message: progress.update(task, description=message),
            )
        except DataFileError as error:
            raise _fail(f"malformed RDF in {error}; the store was not changed") from None
        except ValidationFailed as error:
            progress.stop()
            print_validation(console, error.report)
            raise _fail(f"{error}; the store was not changed") from None
    print_validation(console, result.report)
    console.print(
        f"[green]Built[/green] {result.manifest.triples} triples from "
        f"{len(result.manifest.sources)} files into {result.build} "
        f"(dataset {result.manifest.dataset_version})."
    )


@app.command()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files to check, in the context of the shipped ontology and data. "
            "Default: every shipped file."
        ),
    ] = None,
) -> None:
    """Run SHACL and print a readable report. Exit code 1 on violations, 0 on warnings only."""
    layout = Layout.discover()
    chosen = [p.resolve() for p in files or []]
    missing = [str(p) for p in chosen if not p.is_file()]
    if missing:
        raise _fail(f"no such file: {', '.join(missing)}", 2)
    paths = list(dict.fromkeys([*layout.source_paths(), *chosen]))
    try:
        dataset = Dataset.read(layout, paths) if chosen else Dataset.read(layout)
    except DataFileError as error:
        raise _fail(f"malformed RDF in {error}") from None
    except ValueError as error:  # a file outside the project
        raise _fail(str(error), 2) from None
    report = validate_dataset(dataset, layout)
    if chosen:
        names = {p.relative_to(layout.root).as_posix() for p in chosen}
        report.results = [r for r in report.results if names & set(r.source_files)]
    print_validation(console, report)
    raise typer.Exit(0 if report.conforms else 1)


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="The SPARQL query text.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the query from a file.")
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.")
    ] = OutputFormat.table,
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query on the store. Exit code 2 on a syntax error."""
    if file is not None and sparql is None:
        text = file.read_text(encoding="utf-8")
    elif sparql is not None and file is None:
        text = sparql
    else:
        raise _fail("give either a query or --file", 2)
    try:
        result = open_backend(store).query(text)
    except QuerySyntaxError as error:
        raise _fail(str(error), 2) from None
    except MeaGraphError as error:
        raise _fail(str(error)) from None
    if output is OutputFormat.json:
        console.print_json(to_json(result)) if result.kind != "graph" else print(to_json(result))
    elif output is OutputFormat.csv:
        print(to_csv(result), end="")
    elif result.kind == "ask":
        console.print("true" if result.boolean else "false")
    elif result.kind == "graph":
        print(to_json(result), end="")
    else:
        table = Table(*result.variables, caption=f"{len(result.rows)} row(s)")
        for row in result.rows:
            table.add_row(*(compact(v) if v else "" for v in row))
        console.print(table)


@app.command()
def stats(store: StoreOption = None) -> None:
    """Counts by class, language coverage of labels, and provenance coverage."""
    try:
        print_stats(console, graph_stats(open_backend(store)))
    except MeaGraphError as error:
        raise _fail(str(error)) from None


@app.command()
def fmt(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Turtle files (default: ontology/ and data/).")
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Only report; exit 1 if a file is not canonical.")
    ] = False,
) -> None:
    """Put curated Turtle files in canonical order (sorted prefixes, sorted subject blocks
    within each commented section) without rewriting any block."""
    from .canonical import is_canonical, write_canonical

    paths = files or Layout.discover().source_paths()
    if check:
        off = [str(p) for p in paths if not is_canonical(p)]
        for name in off:
            console.print(f"not canonical: {name}")
        raise typer.Exit(1 if off else 0)
    try:
        changed = [str(p) for p in paths if write_canonical(p)]
    except DataFileError as error:
        raise _fail(str(error)) from None
    console.print(f"rewrote {len(changed)} of {len(paths)} file(s): {', '.join(changed) or '-'}")


# Commands defined elsewhere register themselves here, so each area owns its commands.
for _module in ("mea_graph.server.cli", "mea_graph.analysis.cli", "mea_graph.ingest.cli"):
    importlib.import_module(_module).register(app)


def main() -> None:
    try:
        app()
    except MeaGraphError as error:  # anything not handled by a command
        errors.print(f"[bold red]error:[/bold red] {error}", highlight=False)
        raise SystemExit(1) from None
