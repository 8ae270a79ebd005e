"""Draw a projection with matplotlib: node size by betweenness (plus degree, so that every
node shows), colour by Louvain community, short labels (acronyms where the data has them)
in English or French. Labels are drawn for the most central nodes only, so that the
picture stays readable; the legend names each community by its most central member.

matplotlib is imported inside :func:`plot_network` (it is in the ``analysis`` extra).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import networkx as nx

from ..errors import EmptyNetwork
from .centrality import centrality
from .communities import communities

__all__ = ["plot_network"]


def plot_network(
    graph: nx.Graph,
    path: Path,
    *,
    lang: str = "en",
    labels: int = 40,
    seed: int = 7,
    title: str | None = None,
) -> Path:
    """Write a picture of ``graph`` to ``path`` (format from its suffix) and return it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if graph.number_of_edges() == 0:
        raise EmptyNetwork("nothing to draw: the network has no edge")
    undirected = graph.to_undirected() if graph.is_directed() else graph
    scores = centrality(undirected).scores
    groups = communities(undirected, seed=42)
    position = _layout(undirected, groups.membership, seed)
    palette = plt.get_cmap("tab10")
    nodes = list(undirected)
    sizes = [60 + 1400 * scores[n].betweenness ** 0.5 + 18 * scores[n].degree for n in nodes]
    colours = [palette(groups.membership[n] % 10) for n in nodes]
    figure, axes = plt.subplots(figsize=(16, 12), dpi=110)
    nx.draw_networkx_edges(
        undirected,
        position,
        ax=axes,
        alpha=0.25,
        edge_color="#555555",
        width=[0.6 + 0.35 * d.get("weight", 1.0) for *_, d in undirected.edges(data=True)],
    )
    nx.draw_networkx_nodes(
        undirected,
        position,
        ax=axes,
        nodelist=nodes,
        node_size=sizes,
        node_color=colours,
        edgecolors="white",
        linewidths=0.8,
    )
    ranked = sorted(nodes, key=lambda n: (-scores[n].degree, -scores[n].betweenness, n))
    for node in ranked[:labels]:
        text = undirected.nodes[node].get(f"short_{lang}", node.rsplit("/", 1)[-1])
        x, y = position[node]
        axes.annotate(
            textwrap.shorten(text, 30, placeholder="…"),
            (x, y),
            fontsize=9,
            ha="center",
            va="bottom",
            xytext=(0, 7),
            textcoords="offset points",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
        )
    handles = []
    for i, group in enumerate(groups.communities[:10]):
        leader = max(group, key=lambda n: (scores[n].degree, n))
        name = undirected.nodes[leader].get(f"short_{lang}", leader)
        word = "membres" if lang == "fr" else "members"
        handles.append(
            plt.Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                color=palette(i % 10),
                markersize=10,
                label=f"{textwrap.shorten(name, 30, placeholder='…')} (+{len(group) - 1} {word})",
            )
        )
    axes.legend(
        handles=handles,
        loc="lower left",
        fontsize=9,
        frameon=True,
        title="Communautés" if lang == "fr" else "Communities",
    )
    kind = graph.graph.get("network", "")
    default = {
        "en": f"mea-graph: the {kind} network (size: betweenness, colour: community)",
        "fr": f"mea-graph : le réseau {kind} (taille : intermédiarité, couleur : communauté)",
    }
    axes.set_title(title or default.get(lang, default["en"]), fontsize=14)
    axes.set_axis_off()
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return Path(path)


def _layout(graph: nx.Graph, membership: dict[str, int], seed: int) -> dict:
    """Lay communities out apart from each other: the communities are placed by a
    force-directed layout of the graph of communities (the largest in the middle), and
    each community's members by their own layout, in a disc sized by the community."""
    count = max(membership.values()) + 1
    members: dict[int, list[str]] = {i: [] for i in range(count)}
    for node in sorted(graph):
        members[membership[node]].append(node)
    quotient = nx.Graph()
    quotient.add_nodes_from(range(count))
    for a, b in graph.edges:
        if membership[a] != membership[b]:
            quotient.add_edge(membership[a], membership[b])
    fixed = {0: (0.0, 0.0)}  # the largest community
    anchors = nx.spring_layout(
        quotient,
        pos={**fixed, **{i: (1.0, i / count) for i in range(1, count)}},
        fixed=[0] if count > 1 else None,
        seed=seed,
        k=1.6,
    )
    position = {}
    for i, nodes in members.items():
        radius = 0.33 * len(nodes) ** 0.5
        sub = graph.subgraph(nodes)
        local = (
            nx.circular_layout(sub)
            if nx.density(sub) > 0.5 and len(nodes) > 3
            else nx.spring_layout(sub, seed=seed, k=1.5 / max(len(nodes), 1) ** 0.5)
        )
        ax, ay = anchors[i]
        for node, (x, y) in local.items():
            position[node] = (ax * 2.6 + radius * x, ay * 2.6 + radius * y)
    return position
