"""Typed FastAPI dependencies shared by the routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ..backends import GraphBackend
from .settings import Settings


def get_backend(request: Request) -> GraphBackend:
    """The backend that library functions query (embedded store or remote endpoint).

    The embedded engine keys the backend's cache (:mod:`mea_graph.synergy.cache`) on the
    ``dataset_version`` of the build it reads; a SPARQL update publishes a new build,
    which the server serves from a new backend, with a cache of its own.
    """
    return request.app.state.backend


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


BackendDep = Annotated[GraphBackend, Depends(get_backend)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
