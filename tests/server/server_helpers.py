"""Helpers of the server tests: a live uvicorn server on loopback, store folders."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
import uvicorn
from fastapi import FastAPI

from mea_graph.build import build_store
from mea_graph.layout import Layout
from mea_graph.store import OXIGRAPH_SUBDIR, Manifest, StoreFolder

TOKEN = "test-write-token"


@dataclass
class Live:
    url: str  # e.g. http://127.0.0.1:41234
    app: FastAPI

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"


@contextmanager
def live(app: FastAPI) -> Iterator[Live]:
    """Serve ``app`` with uvicorn on 127.0.0.1 (a free port) until the block ends."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield Live(f"http://127.0.0.1:{port}", app)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


def writable_copy(layout: Layout, folder: Path) -> Path:
    """A store folder of its own, built from the shipped data."""
    build_store(layout, store_path=folder)
    return folder


def empty_store(folder: Path) -> Path:
    """A published, empty store folder."""
    store_folder = StoreFolder(folder)
    build = store_folder.new_build()
    store = ox.Store(str(build / OXIGRAPH_SUBDIR))
    store.flush()
    del store
    Manifest("empty", datetime.now(UTC).isoformat(), 0).write(build)
    store_folder.publish(build)
    return folder


def content(folder: Path) -> set[str]:
    """Every quad of the store in service, as N-Quads lines (compared as a set)."""
    store = StoreFolder(folder).open()
    return {str(q) for q in store}
