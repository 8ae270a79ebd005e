"""The embedded pyoxigraph store on disk, built in staging and swapped in atomically.

A store folder holds every build in ``builds/`` and a ``current`` symbolic link to the
one in service. A build is written into a fresh folder; only when it has loaded and
validated is ``current`` switched to it, with an atomic rename. A failed build is
deleted and the store in service is never touched.

>>> import tempfile
>>> folder = StoreFolder(Path(tempfile.mkdtemp()))
>>> folder.current() is None
True
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from .errors import StoreNotFound

OXIGRAPH_SUBDIR = "oxigraph"
MANIFEST_NAME = "manifest.json"
SNAPSHOT_NAME = "snapshot.nq"
"""A build's N-Quads copy: the server loads it into memory faster than it can read the
on-disk store back (see :mod:`mea_graph.server.workers`)."""


def write_snapshot(build: Path, quads) -> Path:
    """Write ``quads`` (pyoxigraph quads) as the N-Quads snapshot of ``build``, atomically.

    >>> import tempfile
    >>> q = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"),
    ...             ox.NamedNode("http://e/g"))
    >>> write_snapshot(Path(tempfile.mkdtemp()), [q]).read_text()
    '<http://e/s> <http://e/p> "o" <http://e/g> .\\n'
    """
    target = build / SNAPSHOT_NAME
    partial = build / f".{SNAPSHOT_NAME}.partial"
    ox.serialize(quads, output=str(partial), format=ox.RdfFormat.N_QUADS)
    os.replace(partial, target)
    return target


def ensure_snapshot(build: Path) -> Path:
    """The snapshot of ``build``, written first from its on-disk store if it is missing
    (builds made before snapshots existed, or by other tools).

    >>> import tempfile
    >>> build = Path(tempfile.mkdtemp())
    >>> ox.Store(str(build / OXIGRAPH_SUBDIR)).add(ox.Quad(ox.NamedNode("http://e/s"),
    ...     ox.NamedNode("http://e/p"), ox.Literal("o"), ox.NamedNode("http://e/g")))
    >>> ensure_snapshot(build).name
    'snapshot.nq'
    """
    target = build / SNAPSHOT_NAME
    if not target.is_file():
        store = ox.Store.read_only(str(build / OXIGRAPH_SUBDIR))
        partial = build / f".{SNAPSHOT_NAME}.partial"
        store.dump(output=str(partial), format=ox.RdfFormat.N_QUADS)
        os.replace(partial, target)
    return target


@dataclass(frozen=True)
class Manifest:
    """What a build contains: its inputs (with hashes), its size and when it was made."""

    dataset_version: str
    built_at: str
    triples: int
    graphs: dict[str, str] = field(default_factory=dict)  # graph IRI -> source path
    sources: dict[str, str] = field(default_factory=dict)  # source path -> sha256

    def write(self, folder: Path) -> None:
        (folder / MANIFEST_NAME).write_text(json.dumps(asdict(self), indent=2, sort_keys=True))

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        return cls(**json.loads((folder / MANIFEST_NAME).read_text()))


class StoreFolder:
    """A folder of store builds with one ``current`` build in service."""

    def __init__(self, path: Path):
        self.path = path
        self.builds = path / "builds"
        self.link = path / "current"

    def current(self) -> Path | None:
        """The build in service, or ``None`` if nothing was ever published."""
        return self.link.resolve() if self.link.is_symlink() else None

    def manifest(self) -> Manifest | None:
        current = self.current()
        return Manifest.read(current) if current else None

    def new_build(self) -> Path:
        """A new, empty build folder (not yet in service)."""
        self.builds.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        build = self.builds / f"{stamp}-{os.getpid()}"
        build.mkdir()
        return build

    def publish(self, build: Path) -> None:
        """Put ``build`` in service atomically, then delete older builds.

        The build that was in service until now is kept, so that a process still reading
        it is not disturbed; anything older is deleted.
        """
        previous = self.current()
        temporary = self.path / f".current-{os.getpid()}"
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(build.relative_to(self.path))
        os.replace(temporary, self.link)
        for other in self.builds.iterdir():
            if other not in (build, previous):
                shutil.rmtree(other, ignore_errors=True)

    @staticmethod
    def discard(build: Path) -> None:
        shutil.rmtree(build, ignore_errors=True)

    def open(self, *, read_only: bool = True) -> ox.Store:
        """Open the build in service."""
        current = self.current()
        if current is None:
            raise StoreNotFound(f"no store built in {self.path}: run `mea-graph build` first")
        path = str(current / OXIGRAPH_SUBDIR)
        return ox.Store.read_only(path) if read_only else ox.Store(path)
