"""Server settings: every limit that keeps the endpoint safe has a default here.

>>> Settings().write_token is None  # read-only unless a token is configured
True
>>> Settings(query_timeout=5).query_timeout
5
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

__all__ = ["Settings"]


@dataclass(frozen=True)
class Settings:
    """Configuration of one server instance. Safe by default: read-only, bounded."""

    store_path: Path | None = None  # embedded store folder (default: the project's)
    endpoint: str | None = None  # a remote SPARQL 1.1 endpoint instead of the embedded store
    write_token: str | None = None  # SPARQL Update is refused (403) unless this is set
    query_timeout: float = 30.0  # seconds: the default, and the maximum a request may ask
    max_rows: int = 10_000  # result rows (or triples) returned before truncation, said
    max_body_bytes: int = 1_000_000  # largest accepted request body (else 413)
    workers: int = 2  # queries at once (threads of the query process)
    queue_wait: float = 5.0  # seconds a query waits for a free slot before its 503
    store_mode: Literal["memory", "disk"] = "memory"  # where the query process reads the store
    cors_origins: tuple[str, ...] = ()  # CORS is off unless origins are listed
    public_base: str = "https://w3id.org/mea-graph/"  # the IRI namespace served under /id/
    extra: dict[str, str] = field(default_factory=dict)
