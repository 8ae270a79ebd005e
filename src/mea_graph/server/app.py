"""The application factory.

>>> from mea_graph.backends import EmbeddedBackend
>>> import pyoxigraph
>>> app = create_app(Settings(), backend=EmbeddedBackend(pyoxigraph.Store()))
>>> app.title
'mea-graph'
"""

from __future__ import annotations

from fastapi import FastAPI

from .. import __version__
from ..backends import GraphBackend
from . import api_routes, export_routes, ld_routes, sparql_routes
from .settings import Settings


def create_app(settings: Settings | None = None, *, backend: GraphBackend | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="mea-graph",
        version=__version__,
        summary="A SPARQL 1.1 endpoint and synergy API over a knowledge graph of MEAs.",
    )
    app.state.settings = settings
    app.state.backend = backend
    app.include_router(sparql_routes.router)
    app.include_router(api_routes.router)
    app.include_router(export_routes.router)
    app.include_router(ld_routes.router)
    return app
