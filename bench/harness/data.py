"""The benchmark data: a synthetic graph plus the project's own sources, in every form
the engines load.

:func:`prepare` generates the synthetic N-Triples file (``bench/generate.py``), builds a
mea-graph store folder from it (the project's sources in their named graphs, the synthetic
file in ``GRAPH``, bulk loaded with pyoxigraph and published with
:class:`mea_graph.store.StoreFolder`) and dumps that store as N-Quads, which Oxigraph
server, rdflib-endpoint and the in-process floor then load. Every engine therefore holds
exactly the same quads. The manifest lists the project's sources with their hashes, so
``mea-graph serve --store DIR`` serves the build as it is instead of rebuilding it.

>>> parse_size("100k"), parse_size("1M"), parse_size("5m"), parse_size("3000")
(100000, 1000000, 5000000, 3000)
>>> size_label(1_000_000), size_label(100_000), size_label(3_000)
('1M', '100k', '3k')
"""

from __future__ import annotations

import hashlib
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from bench.generate import MIN_TRIPLES, write_file
from mea_graph.dataset import Dataset
from mea_graph.layout import Layout
from mea_graph.namespaces import GRAPH_BASE
from mea_graph.store import OXIGRAPH_SUBDIR, SNAPSHOT_NAME, Manifest, StoreFolder

from .errors import HarnessError

__all__ = ["GRAPH", "Prepared", "parse_size", "prepare", "size_label"]

GRAPH = GRAPH_BASE + "synthetic"
"""The named graph that holds the synthetic triples in every engine."""

_UNITS = {"k": 1_000, "m": 1_000_000}


def parse_size(text: str) -> int:
    """``"100k"`` -> 100000; raises :class:`HarnessError` naming a bad size."""
    cleaned = text.strip().lower()
    factor = _UNITS.get(cleaned[-1:], 1)
    digits = cleaned[:-1] if cleaned[-1:] in _UNITS else cleaned
    try:
        value = int(float(digits) * factor)
    except ValueError:
        raise HarnessError(f"bad size {text!r}: write 100k, 1M, 5M or a number") from None
    if value < MIN_TRIPLES:
        raise HarnessError(f"bad size {text!r}: the generator needs at least {MIN_TRIPLES}")
    return value


def size_label(triples: int) -> str:
    """A short label: 1M, 100k."""
    if triples % 1_000_000 == 0:
        return f"{triples // 1_000_000}M"
    if triples % 1_000 == 0:
        return f"{triples // 1_000}k"
    return str(triples)


@dataclass(frozen=True)
class Prepared:
    """Where each form of the data is, and what it cost to make."""

    synthetic: Path  # the generated N-Triples
    store_dir: Path  # a StoreFolder with the build in service
    dump: Path  # N-Quads of exactly what the store holds (also the build's snapshot)
    triples: int  # quads in the store (synthetic plus the project's sources)
    synthetic_triples: int
    generate_seconds: float
    build_seconds: float  # mea-graph: parse the sources, bulk load, flush, publish


def prepare(
    layout: Layout, workdir: Path, *, triples: int, seed: int = 1, reuse: bool = True
) -> Prepared:
    """Generate (or reuse) the synthetic file and build the store and the dump."""
    workdir.mkdir(parents=True, exist_ok=True)
    synthetic = workdir / f"synthetic-{size_label(triples)}-seed{seed}.nt"
    started = time.perf_counter()
    if not (reuse and synthetic.exists()):
        write_file(synthetic, triples=triples, seed=seed)
    generated = time.perf_counter() - started
    synthetic_triples = _count_lines(synthetic)

    store_dir = workdir / f"store-{size_label(triples)}"
    started = time.perf_counter()
    count = _build_store(layout, synthetic, store_dir)
    built = time.perf_counter() - started

    dump = workdir / f"dump-{size_label(triples)}.nq"
    folder = StoreFolder(store_dir)
    store = folder.open()
    store.dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
    del store
    current = folder.current()
    assert current is not None  # published by _build_store
    shutil.copyfile(dump, current / SNAPSHOT_NAME)  # what `serve` loads into memory
    return Prepared(synthetic, store_dir, dump, count, synthetic_triples, generated, built)


def _count_lines(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(1 for _ in stream)


def _build_store(layout: Layout, synthetic: Path, store_dir: Path) -> int:
    dataset = Dataset.read(layout)
    folder = StoreFolder(store_dir)
    build = folder.new_build()
    try:
        store = ox.Store(str(build / OXIGRAPH_SUBDIR))
        store.bulk_extend(dataset.all_quads())
        store.bulk_load(
            path=str(synthetic), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(GRAPH)
        )
        store.flush()
        count = len(store)
        del store
        relative = {s: s.path.relative_to(layout.root).as_posix() for s in dataset.sources}
        digest = hashlib.sha256(synthetic.read_bytes()).hexdigest()[:12]
        Manifest(
            dataset_version=f"{dataset.version}+synthetic-{digest}",
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            triples=count,
            graphs={**{s.graph: name for s, name in relative.items()}, GRAPH: str(synthetic)},
            sources={name: s.sha256() for s, name in relative.items()},
        ).write(build)
    except (OSError, SyntaxError, ValueError) as error:
        folder.discard(build)
        message = f"cannot build the store in {store_dir} from {synthetic}: {error}"
        raise HarnessError(message) from None
    except BaseException:
        folder.discard(build)
        raise
    folder.publish(build)
    return count
