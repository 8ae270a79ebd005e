"""Server settings: every limit that keeps the endpoint safe has a default here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """Configuration of one server instance. Safe by default: read-only, bounded."""

    store_path: Path | None = None  # embedded store folder (default: the project's)
    endpoint: str | None = None  # a remote SPARQL 1.1 endpoint instead of the embedded store
    write_token: str | None = None  # SPARQL Update is refused (403) unless this is set
    query_timeout: float = 30.0  # seconds; the server-wide maximum
    max_rows: int = 10_000  # result rows returned before truncation (said explicitly)
    max_body_bytes: int = 1_000_000  # largest accepted request body
    max_concurrent_queries: int = 2  # queries running at once; the excess gets 503
    workers: int = 2  # query worker processes (killed and replaced on timeout)
    cors_origins: tuple[str, ...] = ()  # CORS is off unless origins are listed
    public_base: str = "https://w3id.org/mea-graph/"  # the IRI namespace served under /id/
    extra: dict[str, str] = field(default_factory=dict)
