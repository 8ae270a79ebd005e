"""The ``mea-graph serve`` command (registered on the main CLI by ``register``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["register"]


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    store: Annotated[
        Path | None, typer.Option(help="Embedded store folder (default: var/store).")
    ] = None,
    endpoint: Annotated[
        str | None, typer.Option(help="Serve a remote SPARQL 1.1 endpoint instead.")
    ] = None,
    write_token: Annotated[
        str | None,
        typer.Option(
            envvar="MEA_GRAPH_WRITE_TOKEN",
            help="Allow SPARQL Update with Authorization: Bearer <token>.",
        ),
    ] = None,
    timeout: Annotated[
        float, typer.Option(help="Query time limit in seconds (default and maximum).")
    ] = 30.0,
    max_rows: Annotated[int, typer.Option(help="Rows returned before truncation.")] = 10_000,
    workers: Annotated[int, typer.Option(help="Queries answered at once.")] = 2,
    queue_wait: Annotated[
        float, typer.Option(help="Seconds a query waits for a free slot before a 503.")
    ] = 5.0,
    store_mode: Annotated[
        str,
        typer.Option(
            help="memory: load the store into memory at start (fastest queries); "
            "disk: query the on-disk store (least memory)."
        ),
    ] = "memory",
    cors_origin: Annotated[
        list[str] | None, typer.Option(help="Allow this origin (CORS); repeatable.")
    ] = None,
) -> None:
    """Serve the SPARQL endpoint and the API with uvicorn (building the store first if it
    is missing or older than the data)."""
    import uvicorn
    from rich.console import Console

    from ..build import build_store, is_stale
    from ..errors import DataFileError, ValidationFailed
    from ..layout import Layout
    from .app import create_app
    from .settings import Settings

    console = Console(stderr=True)
    if store and endpoint:
        console.print("[bold red]error:[/bold red] give --store or --endpoint, not both")
        raise typer.Exit(2)
    if not (timeout > 0 and max_rows > 0 and workers > 0 and queue_wait > 0):
        console.print(
            "[bold red]error:[/bold red] --timeout, --max-rows, --workers and --queue-wait "
            "must be > 0"
        )
        raise typer.Exit(2)
    if store_mode not in ("memory", "disk"):
        console.print(f"[bold red]error:[/bold red] --store-mode {store_mode}: memory or disk")
        raise typer.Exit(2)
    if not endpoint:
        layout = Layout.discover()
        if is_stale(layout, store):
            console.print("The store is missing or older than the data: building it…")
            try:
                build_store(layout, store_path=store)
            except (DataFileError, ValidationFailed) as error:
                console.print(f"[bold red]error:[/bold red] {error}; not serving")
                raise typer.Exit(1) from None
        store = store or layout.store_dir
    settings = Settings(
        store_path=store,
        endpoint=endpoint,
        write_token=write_token,
        query_timeout=timeout,
        max_rows=max_rows,
        workers=workers,
        queue_wait=queue_wait,
        store_mode="disk" if store_mode == "disk" else "memory",
        cors_origins=tuple(cors_origin or ()),
    )
    uvicorn.run(create_app(settings), host=host, port=port)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI (heavy imports stay inside the commands)."""
    app.command()(serve)
