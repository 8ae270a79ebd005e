"""Network exports read back by independent readers: networkx, python-igraph (GraphML;
GEXF parsed with the standard library's XML parser into an igraph graph, because igraph
has no GEXF reader) and pandas (CSV)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import igraph
import networkx as nx
import pandas
import pytest

from mea_graph.errors import EmptyNetwork, UnknownChoice
from mea_graph.export import network_files, write_network
from mea_graph.network import partners, project

CMS, CITES = (
    "https://w3id.org/mea-graph/id/secretariat/cms",
    "https://w3id.org/mea-graph/id/secretariat/cites",
)


@pytest.fixture(scope="module")
def graph(shipped):
    return partners(shipped)


def written(graph, tmp_path, fmt):
    return write_network(graph, tmp_path / f"partners.{fmt}", fmt, dataset_version="0.1.0+test")


def test_graphml_round_trip_networkx_and_igraph(graph, tmp_path):
    (path,) = written(graph, tmp_path, "graphml")
    back = nx.read_graphml(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        graph.number_of_nodes(),
        graph.number_of_edges(),
    )
    assert back.nodes[CMS]["label_fr"] == graph.nodes[CMS]["label_fr"]
    assert back.edges[CMS, CITES]["weight"] == graph.edges[CMS, CITES]["weight"]
    assert back.graph["dataset_version"] == "0.1.0+test"
    assert back.graph["query_sha256"] == graph.graph["query_sha256"]
    other = igraph.Graph.Read_GraphML(str(path))
    assert (other.vcount(), other.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    vertex = other.vs.find(id=CMS)
    assert vertex["label_en"] == graph.nodes[CMS]["label_en"]
    edge = other.es[other.get_eid(vertex.index, other.vs.find(id=CITES).index)]
    assert edge["weight"] == graph.edges[CMS, CITES]["weight"]
    assert edge["evidence"] == " ".join(graph.edges[CMS, CITES]["evidence"])
    assert other["dataset_version"] == "0.1.0+test"


def test_gexf_round_trip_networkx_and_igraph(graph, tmp_path):
    (path,) = written(graph, tmp_path, "gexf")
    back = nx.read_gexf(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        graph.number_of_nodes(),
        graph.number_of_edges(),
    )
    assert back.nodes[CITES]["label_fr"] == graph.nodes[CITES]["label_fr"]
    assert back.edges[CMS, CITES]["weight"] == graph.edges[CMS, CITES]["weight"]
    # Independent reading: the XML itself, into igraph.
    root = ET.parse(path).getroot()
    ns = {"g": root.tag.split("}")[0].strip("{")}
    titles = {a.get("id"): a.get("title") for a in root.iterfind(".//g:attributes/g:attribute", ns)}
    ids = [n.get("id") for n in root.iterfind(".//g:nodes/g:node", ns)]
    labels_fr = {}
    for node in root.iterfind(".//g:nodes/g:node", ns):
        for value in node.iterfind(".//g:attvalue", ns):
            if titles.get(value.get("for")) == "label_fr":
                labels_fr[node.get("id")] = value.get("value")
    position = {node: i for i, node in enumerate(ids)}
    edges = [
        (position[e.get("source")], position[e.get("target")])
        for e in root.iterfind(".//g:edges/g:edge", ns)
    ]
    other = igraph.Graph(n=len(ids), edges=edges, vertex_attrs={"name": ids})
    assert (other.vcount(), other.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert other.degree(position[CMS]) == graph.degree(CMS)
    assert labels_fr[CITES] == graph.nodes[CITES]["label_fr"]
    description = root.find(".//g:meta/g:description", ns).text
    assert "dataset_version=0.1.0+test" in description
    assert f"query_sha256={graph.graph['query_sha256']}" in description


def test_csv_read_by_pandas(graph, tmp_path):
    paths = written(graph, tmp_path, "csv")
    assert sorted(p.name for p in paths) == [
        "partners-edges.csv",
        "partners-nodes.csv",
        "partners.meta.json",
    ]
    nodes = pandas.read_csv(tmp_path / "partners-nodes.csv", encoding="utf-8")
    edges = pandas.read_csv(tmp_path / "partners-edges.csv", encoding="utf-8")
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    assert {"id", "label_en", "label_fr"} <= set(nodes.columns)
    assert list(edges.columns[:2]) == ["source", "target"]
    row = nodes.set_index("id").loc[CMS]
    assert row["label_fr"] == graph.nodes[CMS]["label_fr"]  # accents survive (UTF-8)
    meta = json.loads((tmp_path / "partners.meta.json").read_text())
    assert meta["dataset_version"] == "0.1.0+test" and meta["source"] == "partners"


def test_json_node_link(graph):
    (content,) = network_files(graph, "json", dataset_version="v").values()
    data = json.loads(content)
    back = nx.node_link_graph(data, edges="edges")
    assert back.number_of_edges() == graph.number_of_edges()
    assert data["graph"]["network"] == "partners" and data["graph"]["created"]


def test_lineage_is_directed_in_graphml(shipped, tmp_path):
    (path,) = written(project(shipped, "lineage"), tmp_path, "graphml")
    assert igraph.Graph.Read_GraphML(str(path)).is_directed()


def test_bad_export_input(graph, tmp_path):
    with pytest.raises(UnknownChoice, match="'xlsx'"):
        network_files(graph, "xlsx", dataset_version="v")
    with pytest.raises(EmptyNetwork):
        network_files(nx.Graph(), "json", dataset_version="v")
    with pytest.raises(IsADirectoryError):
        write_network(graph, tmp_path, "json", dataset_version="v")
