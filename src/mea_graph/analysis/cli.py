"""Commands added to the ``mea-graph`` CLI: ``analyze …``, ``export`` and ``plot``.

Heavy imports (networkx algorithms, matplotlib, exporters) stay inside the commands, so
that ``mea-graph --help`` stays fast. Bad input (unknown convention, network, format or
measure, an empty projection, an unwritable output path) prints one line and exits
non-zero: 2 for a bad option value, 1 otherwise.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

__all__ = ["register"]

console = Console()
errors = Console(stderr=True)

StoreOption = Annotated[
    Path | None, typer.Option("--store", help="Store folder (default: var/store in the project).")
]
EndpointOption = Annotated[
    str | None, typer.Option("--endpoint", help="Query a remote SPARQL endpoint instead.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
NetworkOption = Annotated[
    str, typer.Option("--network", "-n", help="partners | convention-partner | mandates | lineage")
]
LangOption = Annotated[str, typer.Option("--lang", help="Label language: en | fr.")]
TopOption = Annotated[int, typer.Option("--top", help="Rows to show (0: all).")]

analyze = typer.Typer(
    help="Synergy analyses: centrality, brokers, communities, overlaps, "
    "mandates, instruments in force.",
    no_args_is_help=True,
)


class _Fail(Exception):
    def __init__(self, message: str, code: int = 1):
        self.message, self.code = message, code


def _run(body):
    """Run ``body``; turn expected errors into one line on stderr and an exit code."""
    from ..errors import MeaGraphError, UnknownChoice

    try:
        return body()
    except UnknownChoice as error:
        code, message = 2, str(error)
    except _Fail as error:
        code, message = error.code, error.message
    except MeaGraphError as error:
        code, message = 1, str(error)
    except OSError as error:
        code, message = 1, f"cannot write {error.filename or ''}: {error.strerror or error}"
    errors.print(f"[bold red]error:[/bold red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _backend(store: Path | None, endpoint: str | None):
    from ..backends import open_backend

    return open_backend(store, endpoint)


def _version(store: Path | None, endpoint: str | None) -> str:
    from ..export import dataset_version
    from ..layout import Layout

    return "unknown" if endpoint else dataset_version(store or Layout.discover().store_dir)


def _lang(lang: str) -> str:
    if lang not in ("en", "fr"):
        from ..errors import UnknownChoice

        raise UnknownChoice("language", lang, ("en", "fr"))
    return lang


def _project(backend, network: str, *, fold: bool = False):
    from ..network import project

    options = {"fold_secretariats": True} if fold and network == "partners" else {}
    return project(backend, network, **options)


def _short(iri: str) -> str:
    from ..report import compact

    return compact(iri)


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=list))


@analyze.command("centrality")
def centrality_command(
    network: NetworkOption = "partners",
    measure: Annotated[
        str, typer.Option(help="Rank by degree | betweenness | eigenvector | pagerank.")
    ] = "betweenness",
    fold: Annotated[bool, typer.Option(help="Fold secretariats onto their conventions.")] = False,
    top: TopOption = 20,
    lang: LangOption = "en",
    as_json: JsonOption = False,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Degree, weighted betweenness, eigenvector and PageRank of a projection's nodes."""

    def body():
        from .centrality import centrality

        language = _lang(lang)
        result = centrality(_project(_backend(store, endpoint), network, fold=fold))
        ranked = result.ranked(measure)[: top or None]
        if as_json:
            return _print_json(
                {
                    "note": result.note,
                    "sampled": result.sampled,
                    "k": result.k,
                    "nodes": [asdict(s) for s in ranked],
                }
            )
        table = Table(
            "node",
            "label",
            "degree",
            "betweenness",
            "eigenvector",
            "pagerank",
            title=f"Centrality in the {network} network, by {measure}",
            caption=result.note,
        )
        for s in ranked:
            table.add_row(
                _short(s.iri),
                getattr(s, f"label_{language}"),
                str(s.degree),
                f"{s.betweenness:.3f}",
                f"{s.eigenvector:.3f}",
                f"{s.pagerank:.3f}",
            )
        console.print(table)

    _run(body)


@analyze.command("brokers")
def brokers_command(
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", help="Leave a node out first (agr:cms, orgn:unep…)."),
    ] = None,
    top: TopOption = 20,
    lang: LangOption = "en",
    as_json: JsonOption = False,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Who bridges conventions that share no direct collaboration (secretariats folded)."""

    def body():
        from ..synergy.ids import expand
        from .brokerage import brokers

        language = _lang(lang)
        left_out = [expand(name) or name for name in exclude or []]
        graph = _project(_backend(store, endpoint), "partners", fold=True)
        result = brokers(graph, exclude=left_out)
        ranked = result.brokers[: top or None]
        if as_json:
            return _print_json(
                {
                    "conventions": result.conventions,
                    "unlinked_pairs": result.unlinked_pairs,
                    "brokers": [asdict(b) for b in ranked],
                }
            )
        table = Table(
            "rank",
            "broker",
            "label",
            "score",
            "pairs bridged",
            "evidence",
            title="Brokers between conventions with no direct collaboration",
            caption=f"{result.unlinked_pairs} unlinked pair(s) among "
            f"{len(result.conventions)} conventions",
            show_lines=True,
        )
        for rank, b in enumerate(ranked, 1):
            table.add_row(
                str(rank),
                _short(b.iri),
                getattr(b, f"label_{language}"),
                f"{b.score:.2f}",
                str(len(b.pairs)),
                " ".join(_short(e) for e in b.evidence[:6]) + (" …" if len(b.evidence) > 6 else ""),
            )
        console.print(table)

    _run(body)


@analyze.command("communities")
def communities_command(
    network: NetworkOption = "partners",
    method: Annotated[str, typer.Option(help="louvain | greedy")] = "louvain",
    seed: Annotated[int, typer.Option(help="Random seed (results are reproducible).")] = 42,
    lang: LangOption = "en",
    as_json: JsonOption = False,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Communities of a projection (Louvain or greedy modularity, fixed seed)."""

    def body():
        from .communities import communities

        language = _lang(lang)
        graph = _project(_backend(store, endpoint), network)
        result = communities(graph, method=method, seed=seed)
        if as_json:
            return _print_json(
                {
                    "method": result.method,
                    "seed": result.seed,
                    "modularity": result.modularity,
                    "communities": [sorted(c) for c in result.communities],
                }
            )
        table = Table(
            "#",
            "size",
            "members",
            show_lines=True,
            title=f"Communities of the {network} network ({method}, seed {seed})",
            caption=f"modularity {result.modularity:.3f}",
        )
        for i, group in enumerate(result.communities):
            names = sorted(graph.nodes[n].get(f"short_{language}", n) for n in group)
            table.add_row(str(i), str(len(group)), ", ".join(names))
        console.print(table)

    _run(body)


@analyze.command("overlap")
def overlap_command(
    first: Annotated[str, typer.Argument(help="A convention: agr:cms, CMS, a label…")],
    second: Annotated[str, typer.Argument(help="Another convention.")],
    as_json: JsonOption = False,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Shared partners, themes and addressees of two conventions, with Jaccard indices."""

    def body():
        from .overlap import convention_overlap

        result = convention_overlap(_backend(store, endpoint), first, second)
        if as_json:
            return _print_json(asdict(result))
        table = Table(
            "facet",
            "shared",
            f"only {_short(result.a)}",
            f"only {_short(result.b)}",
            "Jaccard",
            "shared items",
            show_lines=True,
            title=f"Overlap of {_short(result.a)} and {_short(result.b)}",
        )
        for f in result.facets:
            table.add_row(
                f.name,
                str(len(f.shared)),
                str(len(f.only_a)),
                str(len(f.only_b)),
                f"{f.jaccard:.3f}",
                " ".join(_short(i) for i in f.shared),
            )
        console.print(table)

    _run(body)


@analyze.command("mandates")
def mandates_command(
    theme: Annotated[str | None, typer.Option(help="Only this theme (theme:synergies…).")] = None,
    top: TopOption = 20,
    as_json: JsonOption = False,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Overlapping mandates: same theme, same actor or kind of actor, different sources."""

    def body():
        from ..namespaces import PREFIXES
        from .mandate_overlap import mandate_overlap

        chosen = theme
        if theme and not theme.startswith("http"):
            chosen = PREFIXES["theme"] + theme.removeprefix("theme:")
        pairs = mandate_overlap(_backend(store, endpoint), theme=chosen, limit=top or None)
        if as_json:
            return _print_json([asdict(p) for p in pairs])
        table = Table(
            "score",
            "match",
            "first paragraph",
            "second paragraph",
            "themes",
            "addressees / kinds",
            show_lines=True,
            title="Overlapping mandates",
            caption=f"{len(pairs)} pair(s)",
        )
        for p in pairs:
            table.add_row(
                str(p.score),
                p.match,
                _short(p.first_paragraph),
                _short(p.second_paragraph),
                " ".join(map(_short, p.shared_themes)),
                " ".join(map(_short, p.shared_addressees + p.shared_kinds)),
            )
        console.print(table)

    _run(body)


@analyze.command("in-force")
def in_force_command(
    at: Annotated[
        str, typer.Option("--at", help="A date (2024-03-01) or a meeting (mtg:cms-cop14).")
    ],
    apply_recommendations: Annotated[
        bool,
        typer.Option(
            "--apply-recommendations",
            help="Treat recommended actions addressed to meetings held by then as decided.",
        ),
    ] = False,
    show_all: Annotated[bool, typer.Option("--all", help="Also list what is not in force.")] = True,
    lang: LangOption = "en",
    as_json: JsonOption = False,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Resolutions and decisions in force at a date or meeting, with reasons."""

    def body():
        from .in_force import in_force

        language = _lang(lang)
        result = in_force(
            _backend(store, endpoint), at, apply_recommendations=apply_recommendations
        )
        if as_json:
            return _print_json(asdict(result))
        rows = result.instruments if show_all else result.in_force
        table = Table(
            "instrument",
            "label",
            "standing",
            "reason",
            "evidence",
            show_lines=True,
            title=f"In force on {result.date}"
            + (" with the recommendations applied" if apply_recommendations else ""),
            caption=f"{len(result.in_force)} in force, {len(result.excluded)} not",
        )
        for s in rows:
            style = "green" if s.in_force else "red"
            table.add_row(
                _short(s.iri),
                getattr(s, f"label_{language}"),
                f"[{style}]{s.standing.value}[/]",
                s.reason,
                " ".join(map(_short, s.evidence)),
            )
        console.print(table)

    _run(body)


def export_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    network: Annotated[
        str | None,
        typer.Option("--network", help="partners | convention-partner | mandates | lineage"),
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="graphml | gexf | csv | json (with --network)")
    ] = None,
    rdf: Annotated[
        str | None,
        typer.Option("--rdf", help="turtle | ntriples | jsonld | trig: dump the whole dataset"),
    ] = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Export a network (GraphML, GEXF, CSV, JSON) or the RDF dataset, with provenance."""

    def body():
        from ..export import write_network, write_rdf

        if (network is None) == (rdf is None):
            raise _Fail("give either --network (with --format) or --rdf", 2)
        if network is not None and fmt is None:
            raise _Fail("--network needs --format graphml|gexf|csv|json", 2)
        if not output.parent.exists():
            raise _Fail(f"cannot write {output}: folder {output.parent} does not exist")
        backend, version = _backend(store, endpoint), _version(store, endpoint)
        if rdf is not None:
            files = write_rdf(backend, output, rdf, dataset_version=version)
        else:
            from ..errors import UnknownChoice
            from ..export import NETWORK_FORMATS

            if fmt not in NETWORK_FORMATS:  # before the projection is built
                raise UnknownChoice("network format", fmt, NETWORK_FORMATS)
            files = write_network(_project(backend, network), output, fmt, dataset_version=version)
        for path in files:
            console.print(f"[green]wrote[/green] {path}")

    _run(body)


def plot_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="PNG (or SVG, PDF) to write.")],
    network: NetworkOption = "partners",
    lang: LangOption = "en",
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Draw a network: node size by centrality, colour by community, labels in --lang."""

    def body():
        from .plot import plot_network

        language = _lang(lang)
        if not output.parent.exists():
            raise _Fail(f"cannot write {output}: folder {output.parent} does not exist")
        graph = _project(_backend(store, endpoint), network)
        plot_network(graph, output, lang=language)
        console.print(f"[green]wrote[/green] {output}")

    _run(body)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI (heavy imports stay inside the commands)."""
    app.add_typer(analyze, name="analyze")
    app.command("export")(export_command)
    app.command("plot")(plot_command)
