"""A per-dataset-version cache for the synergy analyses: projections and intermediate tables.

**What is cached.** Each backend has two tables of values, which go away with it:

- *tables* of the whole graph, which no request parameter changes and which cost a pass
  over the graph: the mandate index (:mod:`.mandate_index`), the label index
  (:mod:`.search`), network projections (:func:`mea_graph.network.cached_project`), the
  rows :func:`mea_graph.analysis.in_force` works on. At most :data:`MAX_TABLES`.
- *answers* for some parameters, cheap to keep and dear to recompute: the overlap table of
  a theme (:mod:`.overlaps`), the brokers without some nodes, the partners of a
  convention. At most :data:`MAX_ANSWERS`, the least recently used dropped first, so that
  many different requests never push the tables out.

An entry is found by a key: a name and the parameters (``("overlap-table", theme, ...)``).

**When it is invalidated.** Every entry belongs to the dataset version that was current
when it was built. Before each lookup the cache reads the backend's version; when it has
changed, every entry is dropped. The version of a backend is, in this order:

1. the one given to :func:`track_version` (a string, or a function that reads it): the
   server gives the ``dataset_version`` of the store folder's manifest;
2. ``backend.dataset_version()``, if the backend's class has that method;
3. for a :class:`~mea_graph.backends.RemoteBackend`, which has no manifest, the current
   window of :data:`REMOTE_TTL` seconds: entries live at most that long;
4. otherwise ``"unversioned"``: a store in this process is taken as unchanging. Read-only
   stores are; after a SPARQL update the server opens the new build in a new backend,
   whose cache starts empty. After changing a store in place, call :func:`invalidate`.

**Threads.** Lookups are thread-safe, and a value is built once even when several threads
ask for it at the same time: the others wait for it.

>>> import pyoxigraph
>>> from mea_graph.backends import EmbeddedBackend
>>> backend, version = EmbeddedBackend(pyoxigraph.Store()), ["v1"]
>>> track_version(backend, lambda: version[0])
>>> builds = []
>>> def build():
...     builds.append(version[0])
...     return len(builds)
>>> cached(backend, "answer", build=build), cached(backend, "answer", build=build)
(1, 1)
>>> version[0] = "v2"  # a new dataset version: the entry is built again
>>> cached(backend, "answer", build=build), builds
(2, ['v1', 'v2'])
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..backends import GraphBackend, RemoteBackend

__all__ = [
    "MAX_ANSWERS",
    "MAX_TABLES",
    "REMOTE_TTL",
    "BackendCache",
    "CacheStats",
    "VersionedCache",
    "cache_of",
    "cached",
    "cached_table",
    "dataset_version",
    "invalidate",
    "track_version",
]

T = TypeVar("T")

MAX_TABLES = 16
"""Whole-graph tables kept per backend (the largest, the mandate index, is tens of MB at
1M triples)."""
MAX_ANSWERS = 64
"""Answers kept per backend (an overlap table is a few MB at 1M triples)."""
REMOTE_TTL = 300.0
"""Seconds a value computed from a remote endpoint is reused (it has no dataset version)."""
UNVERSIONED = "unversioned"


@dataclass
class CacheStats:
    """What a cache did since it was made: lookups answered, values built, clears."""

    hits: int = 0
    builds: int = 0
    invalidations: int = 0


@dataclass
class _Pending:
    """A value being built by one thread, that others wait for."""

    done: threading.Event = field(default_factory=threading.Event)
    value: Any = None
    failed: bool = False


class VersionedCache:
    """A bounded, thread-safe table of values that all belong to one dataset version.

    >>> cache = VersionedCache(lambda: "v1", max_entries=2)
    >>> [cache.get(key, lambda k=key: k * 10) for key in (1, 2, 1, 3)]
    [10, 20, 10, 30]
    >>> sorted(cache.keys())  # 2 was the least recently used
    [1, 3]
    """

    def __init__(self, version: Callable[[], str], *, max_entries: int = MAX_ANSWERS):
        if max_entries < 1:
            raise ValueError("a cache holds at least one entry")
        self.version_source = version
        self.max_entries = max_entries
        self.stats = CacheStats()
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._pending: dict[tuple[str, Hashable], _Pending] = {}
        self._version: str | None = None

    @property
    def version(self) -> str | None:
        """The dataset version the entries belong to (``None`` before the first lookup)."""
        return self._version

    def keys(self) -> list[Hashable]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        """Drop every entry (values being built are not kept either)."""
        with self._lock:
            self._drop_all()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        """The value of ``key`` for the current dataset version, built by ``build()`` if
        the cache does not hold it yet."""
        version = self.version_source()
        while True:
            with self._lock:
                if version != self._version:
                    self._drop_all()
                    self._version = version
                if key in self._entries:
                    self._entries.move_to_end(key)
                    self.stats.hits += 1
                    return self._entries[key]
                pending = self._pending.get((version, key))
                owner = pending is None
                if pending is None:
                    pending = self._pending[(version, key)] = _Pending()
            if owner:
                return self._build(version, key, build, pending)
            pending.done.wait()
            if not pending.failed:
                return pending.value
            # The builder failed: try again (and most likely fail the same way, here).

    def _build(self, version: str, key: Hashable, build: Callable[[], T], pending: _Pending) -> T:
        try:
            value = build()
        except BaseException:
            pending.failed = True
            with self._lock:
                self._pending.pop((version, key), None)
            pending.done.set()
            raise
        with self._lock:
            self._pending.pop((version, key), None)
            self.stats.builds += 1
            if version == self._version:  # not replaced by a newer version meanwhile
                self._entries[key] = value
                while len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)
        pending.value = value
        pending.done.set()
        return value

    def _drop_all(self) -> None:
        if self._entries:
            self.stats.invalidations += 1
        self._entries.clear()


class BackendCache:
    """The two caches of one backend (*tables* and *answers*, see the module), keyed on
    one dataset version."""

    def __init__(self, version: Callable[[], str]):
        self.tables = VersionedCache(version, max_entries=MAX_TABLES)
        self.answers = VersionedCache(version, max_entries=MAX_ANSWERS)

    @property
    def version_source(self) -> Callable[[], str]:
        return self.tables.version_source

    @version_source.setter
    def version_source(self, source: Callable[[], str]) -> None:
        self.tables.version_source = self.answers.version_source = source

    def clear(self) -> None:
        self.tables.clear()
        self.answers.clear()


_caches: weakref.WeakKeyDictionary[GraphBackend, BackendCache] = weakref.WeakKeyDictionary()
_caches_lock = threading.Lock()


def cache_of(backend: GraphBackend) -> BackendCache:
    """The cache of ``backend`` (made on first use; it goes away with the backend)."""
    with _caches_lock:
        cache = _caches.get(backend)
        if cache is None:
            cache = _caches[backend] = BackendCache(lambda: _default_version(backend))
        return cache


def track_version(backend: GraphBackend, version: str | Callable[[], str]) -> None:
    """Key ``backend``'s cache on ``version``: a fixed string, or a function called before
    each lookup (entries are dropped when what it returns changes)."""
    cache_of(backend).version_source = version if callable(version) else (lambda: version)


def dataset_version(backend: GraphBackend) -> str:
    """The version the cache of ``backend`` keys its entries on (see the module)."""
    return cache_of(backend).version_source()


def cached_table(backend: GraphBackend, name: str, *, build: Callable[[], T]) -> T:
    """``build()``, a table of the whole graph, computed once per dataset version."""
    return cache_of(backend).tables.get(name, build)


def cached(backend: GraphBackend, *key: Hashable, build: Callable[[], T]) -> T:
    """``build()``, an answer for the parameters in ``key``, computed once per dataset
    version while it is among the :data:`MAX_ANSWERS` most recently used."""
    return cache_of(backend).answers.get(key, build)


def invalidate(backend: GraphBackend) -> None:
    """Drop everything cached for ``backend`` (after changing its store in place)."""
    cache_of(backend).clear()


def _default_version(backend: GraphBackend) -> str:
    own = getattr(backend, "dataset_version", None)
    if callable(own):
        return str(own())
    if isinstance(backend, RemoteBackend):
        return f"remote, {REMOTE_TTL:g} s window {int(time.monotonic() // REMOTE_TTL)}"
    return UNVERSIONED
