"""The ``mea-graph ingest`` command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI (heavy imports stay inside the commands)."""
    app.command("ingest")(ingest)


def ingest(
    file: Annotated[Path, typer.Argument(help="Plain text of the document (UTF-8).")],
    convention: Annotated[str, typer.Option(help="Convention slug, e.g. cms (agr:<slug>).")],
    meeting: Annotated[str, typer.Option(help="Meeting, e.g. cop14 (mtg:<convention>-<meeting>).")],
    lang: Annotated[str, typer.Option("--lang", help="Language of the text: fr or en.")],
    symbol: Annotated[
        str | None, typer.Option(help="Document symbol, if the text does not show it.")
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write the JSON report to this file.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Extract and report; leave the store untouched.")
    ] = False,
    store: Annotated[
        Path | None, typer.Option("--store", help="Store folder (default: var/store).")
    ] = None,
) -> None:
    """Segment a COP document, extract mandates (verbs, addressees, themes) and mentions,
    compare them with data/, validate, and load them into the store as a named graph of
    their own (replacing an earlier ingest of the same document)."""
    from rich.console import Console

    from ..errors import MeaGraphError, ValidationFailed
    from ..layout import Layout
    from ..report import print_validation
    from ..store import StoreFolder
    from .report import print_summary, report_dict, write_report
    from .service import ingest_file

    console, errors = Console(), Console(stderr=True)

    def fail(message: str, code: int) -> typer.Exit:
        errors.print(f"[bold red]error:[/bold red] {message}", highlight=False, soft_wrap=True)
        return typer.Exit(code)

    try:
        layout = Layout.discover()
        folder = StoreFolder(store or layout.store_dir)
        outcome = ingest_file(
            file,
            convention=convention,
            meeting=meeting,
            language=lang,
            layout=layout,
            store=folder,
            symbol=symbol,
            dry_run=dry_run,
        )
    except ValidationFailed as error:
        print_validation(console, error.report)
        raise fail(f"{error}; nothing was written", 1) from None
    except MeaGraphError as error:
        raise fail(f"{error}; nothing was written", 2) from None
    print_summary(console, outcome.extraction, outcome.review)
    if report is not None:
        data = report_dict(
            outcome.extraction,
            outcome.review,
            graph=outcome.graph_iri,
            source=str(file),
            written=outcome.turtle is not None,
        )
        try:
            write_report(data, report)
        except OSError as error:
            raise fail(f"cannot write the report {report}: {error.strerror}", 2) from None
        console.print(f"Report written to {report}.")
    if outcome.turtle is None:
        console.print("[yellow]Dry run:[/yellow] the store was not changed.")
    else:
        console.print(
            f"[green]Loaded[/green] {len(outcome.graph)} triples into <{outcome.graph_iri}> "
            f"(a new store build); Turtle copy: {outcome.turtle}"
        )
