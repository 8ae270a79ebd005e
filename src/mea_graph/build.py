"""Build the embedded store: parse, validate, load into a staging build, publish.

The store in service is replaced only when the new build has loaded and validated, so a
malformed file or a SHACL violation leaves it exactly as it was.

Each file is parsed once, by pyoxigraph; validation loads those triples into an
in-memory store and never builds an rdflib graph of them
(:func:`mea_graph.validation.validate_triples`), which is what lets a build of a million
triples finish in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from .dataset import Dataset, Step
from .layout import Layout
from .sources import SourceFile
from .store import OXIGRAPH_SUBDIR, Manifest, StoreFolder, write_snapshot
from .validation import ValidationReport, load_shapes, validate_triples, with_sources


@dataclass(frozen=True)
class BuildResult:
    build: Path
    manifest: Manifest
    report: ValidationReport


def validate_dataset(dataset: Dataset, layout: Layout) -> ValidationReport:
    """Validate every source of ``dataset`` against the project's shapes; each finding
    names the files that describe its focus node."""
    shapes = load_shapes(layout.shape_paths())
    report = validate_triples(dataset.all_triples, shapes)
    return with_sources(report, dataset.files_describing)


def build_store(
    layout: Layout, *, store_path: Path | None = None, on_step: Step | None = None
) -> BuildResult:
    """Build the store from the project's sources and put it in service.

    Raises ``DataFileError`` for a malformed file and ``ValidationFailed`` for a SHACL
    violation; in both cases the store in service is left untouched.
    """
    step = on_step or (lambda _message: None)
    dataset = Dataset.read(layout, on_file=lambda name: step(f"parse {name}"))
    step("validate with SHACL")
    report = validate_dataset(dataset, layout)
    report.raise_for_violations()

    folder = StoreFolder(store_path or layout.store_dir)
    build = folder.new_build()
    try:
        step("load into the store")
        store = ox.Store(str(build / OXIGRAPH_SUBDIR))
        store.bulk_extend(dataset.iter_quads())
        store.flush()
        del store
        step("write the snapshot the server loads into memory")
        write_snapshot(build, dataset.iter_quads())
        relative = {s: s.path.relative_to(layout.root).as_posix() for s in dataset.sources}
        manifest = Manifest(
            dataset_version=dataset.version,
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            triples=dataset.triple_count(),
            graphs={s.graph: name for s, name in relative.items()},
            sources={name: s.sha256() for s, name in relative.items()},
        )
        manifest.write(build)
    except BaseException:
        folder.discard(build)
        raise
    step("publish")
    folder.publish(build)
    return BuildResult(build, manifest, report)


def is_stale(layout: Layout, store_path: Path | None = None) -> bool:
    """True if no store is built or a source file changed since the last build."""
    manifest = StoreFolder(store_path or layout.store_dir).manifest()
    if manifest is None:
        return True
    current = {p.relative_to(layout.root).as_posix(): p for p in layout.source_paths()}
    if set(current) != set(manifest.sources):
        return True
    return any(
        SourceFile(path, "").sha256() != manifest.sources[name] for name, path in current.items()
    )
