"""Render validation reports and statistics for people, with rich."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .namespaces import PREFIXES
from .stats import GraphStats
from .validation import Severity, ValidationReport

_STYLE = {Severity.VIOLATION: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def compact(iri: str | None) -> str:
    """Shorten an IRI with the project's prefixes.

    >>> compact("https://w3id.org/mea-graph/id/org/unep")
    'orgn:unep'
    """
    if iri is None:
        return ""
    best = max(
        ((name, base) for name, base in PREFIXES.items() if iri.startswith(base)),
        key=lambda item: len(item[1]),
        default=None,
    )
    return f"{best[0]}:{iri[len(best[1]) :]}" if best else iri


def print_validation(console: Console, report: ValidationReport) -> None:
    if not report.results:
        console.print("[green]SHACL: the data conforms (no violation, no warning).[/green]")
        return
    table = Table(title="SHACL validation report", show_lines=True)
    for column in ("severity", "focus node", "path", "message", "source file"):
        table.add_column(column, overflow="fold")
    for result in report.results:
        focus = compact(result.focus_node)
        if result.focus_label:
            focus += f"\n({result.focus_label})"
        table.add_row(
            f"[{_STYLE[result.severity]}]{result.severity.value}[/]",
            focus,
            compact(result.path),
            result.message + (f"\nvalue: {compact(result.value)}" if result.value else ""),
            ", ".join(result.source_files),
        )
    console.print(table)
    console.print(
        f"{len(report.violations)} violation(s), {len(report.warnings)} warning(s), "
        f"{len(report.results) - len(report.violations) - len(report.warnings)} info(s)."
    )


def print_stats(console: Console, stats: GraphStats) -> None:
    console.print(
        f"[bold]{stats.triples}[/bold] triples, [bold]{stats.entities}[/bold] "
        "typed resources in the id/ namespace."
    )
    classes = Table(title="Instances by class")
    classes.add_column("class")
    classes.add_column("instances", justify="right")
    for name, count in stats.class_counts.items():
        classes.add_row(compact(name), str(count))
    console.print(classes)
    labels = Table(title="Label coverage (skos:prefLabel)")
    for column in ("language", "labelled", "of", "coverage"):
        labels.add_column(column, justify="right" if column != "language" else "left")
    for language, coverage in (
        ("English (@en)", stats.english_labels),
        ("French (@fr)", stats.french_labels),
        ("both", stats.bilingual_labels),
    ):
        labels.add_row(
            language, str(coverage.covered), str(coverage.total), f"{coverage.ratio:.0%}"
        )
    console.print(labels)
    evidence = Table(title="Provenance: statements that cite a source paragraph")
    for column in ("kind", "citing a paragraph", "of", "coverage"):
        evidence.add_column(column, justify="right" if column != "kind" else "left")
    for kind, coverage in stats.evidence.items():
        evidence.add_row(kind, str(coverage.covered), str(coverage.total), f"{coverage.ratio:.0%}")
    console.print(evidence)
