"""Commands added to the ``mea-graph`` CLI (being written)."""

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI (heavy imports stay inside the commands)."""
