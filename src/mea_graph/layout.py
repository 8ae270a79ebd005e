"""Where the project's files live: ontology, data, shapes, queries and the store.

The root is, in order: the ``MEA_GRAPH_HOME`` environment variable, the nearest folder
above the working directory that holds ``ontology/`` and ``data/``, or the checkout this
package was installed from (an editable install).

>>> layout = Layout.discover()
>>> layout.ontology_dir.name, layout.data_dir.name
('ontology', 'data')
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import MeaGraphError

HOME_VARIABLE = "MEA_GRAPH_HOME"


def _is_root(path: Path) -> bool:
    return (path / "ontology").is_dir() and (path / "data").is_dir()


@dataclass(frozen=True)
class Layout:
    """The folders of one mea-graph project."""

    root: Path

    @classmethod
    def discover(cls, start: Path | None = None) -> Layout:
        """Find the project root (see the module docstring)."""
        if env := os.environ.get(HOME_VARIABLE):
            return cls(Path(env).resolve())
        here = (start or Path.cwd()).resolve()
        for candidate in (here, *here.parents):
            if _is_root(candidate):
                return cls(candidate)
        installed = Path(__file__).resolve().parents[2]
        if _is_root(installed):
            return cls(installed)
        raise MeaGraphError(
            f"no mea-graph project found from {here}: set {HOME_VARIABLE} to a folder "
            "that holds ontology/ and data/"
        )

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def store_dir(self) -> Path:
        return self.root / "var" / "store"

    def source_paths(self) -> list[Path]:
        """Every Turtle file loaded into the store: the ontology, then the data."""
        return sorted(self.ontology_dir.glob("*.ttl")) + sorted(self.data_dir.glob("*.ttl"))

    def shape_paths(self) -> list[Path]:
        return sorted(self.shapes_dir.glob("*.ttl"))
