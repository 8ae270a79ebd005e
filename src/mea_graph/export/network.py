"""Network exports: GraphML, GEXF (for Gephi), CSV (a nodes file and an edges file) and
JSON node-link.

Tuples of IRIs (``evidence``, ``via``) become space-separated text, so that every format
and reader sees the same attributes. Provenance (:class:`ExportInfo`) is a graph attribute
in GraphML and JSON, the ``<meta>`` description in GEXF, and a ``.meta.json`` sidecar
for CSV.

>>> import io, networkx as nx
>>> graph = nx.Graph([("a", "b")], network="demo", query_sha256="0" * 64)
>>> files = network_files(graph, "json", dataset_version="v1")
>>> sorted(files), b'"dataset_version": "v1"' in files["network.json"]
(['network.json'], True)
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.sax.saxutils import escape

import networkx as nx

from ..errors import EmptyNetwork, UnknownChoice
from .provenance import ExportInfo

__all__ = ["MEDIA_TYPES", "NETWORK_FORMATS", "flatten", "network_files", "write_network"]

NETWORK_FORMATS = ("graphml", "gexf", "csv", "json")
MEDIA_TYPES = {
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def flatten(graph: nx.Graph, info: ExportInfo) -> nx.Graph:
    """A copy with tuple attributes joined by spaces and the provenance as graph data."""
    copy = graph.copy()
    for data in [d for _, d in copy.nodes(data=True)] + [d for *_, d in copy.edges(data=True)]:
        for key, value in list(data.items()):
            if isinstance(value, tuple | list | set | frozenset):
                data[key] = " ".join(sorted(map(str, value)))
            elif value is None:
                data[key] = ""
    copy.graph = {k: str(v) for k, v in copy.graph.items()}
    copy.graph.update(info.as_dict())
    return copy


def _csv(rows: list[dict], columns: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _columns(dicts) -> list[str]:
    return sorted({key for data in dicts for key in data})


def network_files(
    graph: nx.Graph, fmt: str, *, dataset_version: str, stem: str = "network"
) -> dict[str, bytes]:
    """The files of an export, by name (one file, or nodes, edges and sidecar for CSV)."""
    if fmt not in NETWORK_FORMATS:
        raise UnknownChoice("network format", fmt, NETWORK_FORMATS)
    if graph.number_of_nodes() == 0:
        raise EmptyNetwork(
            f"nothing to export: the {graph.graph.get('network', '')} network is empty"
        )
    info = ExportInfo.now(
        dataset_version, graph.graph.get("query_sha256", ""), source=graph.graph.get("network", "")
    )
    flat = flatten(graph, info)
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml(flat, buffer, encoding="utf-8")
        return {f"{stem}.graphml": buffer.getvalue()}
    if fmt == "gexf":
        text = "\n".join(nx.generate_gexf(flat))
        summary = "; ".join(f"{k}={v}" for k, v in info.as_dict().items())
        text = text.replace(
            "</creator>", f"</creator><description>{escape(summary)}</description>", 1
        )
        return {f"{stem}.gexf": text.encode("utf-8")}
    if fmt == "json":
        data = nx.node_link_data(flat, edges="edges")
        return {f"{stem}.json": json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")}
    nodes = [{"id": node, **data} for node, data in flat.nodes(data=True)]
    edges = [{"source": s, "target": t, **data} for s, t, data in flat.edges(data=True)]
    node_columns = ["id", *[c for c in _columns(nodes) if c != "id"]]
    edge_columns = [
        "source",
        "target",
        *[c for c in _columns(edges) if c not in ("source", "target")],
    ]
    return {
        f"{stem}-nodes.csv": _csv(nodes, node_columns),
        f"{stem}-edges.csv": _csv(edges, edge_columns),
        f"{stem}.meta.json": info.as_json().encode("utf-8"),
    }


def write_network(graph: nx.Graph, path: Path, fmt: str, *, dataset_version: str) -> list[Path]:
    """Write the export next to ``path`` (whose suffix is replaced); return the files.

    CSV writes ``STEM-nodes.csv``, ``STEM-edges.csv`` and ``STEM.meta.json``. A folder or an
    unwritable place raises ``OSError`` before anything is written.
    """
    path = Path(path)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    files = network_files(graph, fmt, dataset_version=dataset_version, stem=stem)
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder: give a file name")
    written = []
    for name, content in files.items():
        target = path.parent / name
        target.write_bytes(content)
        written.append(target)
    return written
