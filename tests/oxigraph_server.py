"""A real Oxigraph server (the PyPI package ``oxigraph``) on loopback, for the tests that
run mea-graph against a remote SPARQL 1.1 store."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
    "oxigraph"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def oxigraph_server(dump: Path, workdir: Path) -> Iterator[str]:
    """Load ``dump`` (N-Quads or TriG) into a new Oxigraph store under ``workdir``, serve
    it read-only on a free loopback port with the union default graph, yield the query URL,
    and stop the server afterwards."""
    if OXIGRAPH is None:
        pytest.fail("the oxigraph server is missing: it comes with the test extra (oxigraph)")
    location = workdir / "oxigraph-db"
    subprocess.run(
        [OXIGRAPH, "load", "--location", str(location), "--file", str(dump)],
        check=True,
        capture_output=True,
    )
    port = _free_port()
    process = subprocess.Popen(
        [
            OXIGRAPH,
            "serve-read-only",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(200):  # at most about 10 s for the server to answer
            try:
                if httpx.get(url, params={"query": "ASK {}"}, timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.05)
        else:
            pytest.fail(f"the oxigraph server did not answer on {url}")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
