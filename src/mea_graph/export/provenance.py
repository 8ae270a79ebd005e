"""What every export records: the dataset version, the date, and the hash of the query
that made it.

>>> info = ExportInfo.now("0.1.0+abc", "f" * 64, source="partners")
>>> info.as_comment().splitlines()[1]
'# dataset_version: 0.1.0+abc'
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import MeaGraphError
from ..store import StoreFolder

__all__ = ["ExportInfo", "dataset_version"]


@dataclass(frozen=True)
class ExportInfo:
    """Provenance of one export."""

    dataset_version: str
    created: str  # ISO 8601, UTC
    query_sha256: str
    source: str  # the network kind, or "rdf"

    @classmethod
    def now(cls, dataset_version: str, query_sha256: str, *, source: str) -> ExportInfo:
        created = datetime.now(UTC).replace(microsecond=0).isoformat()
        return cls(dataset_version, created, query_sha256, source)

    def as_dict(self) -> dict[str, str]:
        return {"generator": "mea-graph", **asdict(self)}

    def as_comment(self) -> str:
        """``#`` comment lines (for Turtle, TriG and N-Triples)."""
        return "".join(f"# {key}: {value}\n" for key, value in self.as_dict().items())

    def as_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2) + "\n"

    def headers(self) -> dict[str, str]:
        """HTTP headers carrying the same facts."""
        return {
            "X-Dataset-Version": self.dataset_version,
            "X-Export-Created": self.created,
            "X-Query-SHA256": self.query_sha256,
        }


def dataset_version(store_path: Path) -> str:
    """The version of the store built in ``store_path`` (its manifest), or ``"unknown"``."""
    try:
        manifest = StoreFolder(store_path).manifest()
    except (OSError, ValueError, MeaGraphError):
        return "unknown"
    return manifest.dataset_version if manifest else "unknown"
