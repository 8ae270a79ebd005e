"""The application factory.

``create_app(settings)`` opens the back end named by the settings (the embedded store,
or ``settings.endpoint``); ``create_app(settings, backend=...)`` uses the one given.
``app.state.backend`` is what the routers query (see :mod:`.deps`);
``app.state.engine`` runs ``/sparql`` (see :mod:`.engines`). Worker processes start with
the application's lifespan and stop with it.

>>> from mea_graph.backends import EmbeddedBackend
>>> import pyoxigraph
>>> app = create_app(Settings(), backend=EmbeddedBackend(pyoxigraph.Store()))
>>> app.title
'mea-graph'
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from .. import __version__
from ..backends import GraphBackend
from ..layout import Layout
from . import api_routes, export_routes, ld_routes, sparql_routes
from .engines import make_engine
from .limits import BodySizeLimit
from .problems import install_handlers
from .settings import Settings
from .yasgui import assets_dir

__all__ = ["Health", "create_app"]


class Health(BaseModel):
    """Liveness and what the server serves."""

    status: str
    backend: str
    workers: int | None = None
    dataset_version: str | None = None
    endpoint: str | None = None
    store_mode: str | None = None


def create_app(settings: Settings | None = None, *, backend: GraphBackend | None = None) -> FastAPI:
    settings = settings or Settings()
    engine = make_engine(settings, backend)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        await run_in_threadpool(engine.start)
        try:
            yield
        finally:
            await run_in_threadpool(engine.close)

    app = FastAPI(
        title="mea-graph",
        version=__version__,
        summary="A SPARQL 1.1 endpoint and synergy API over a knowledge graph of MEAs.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.backend = engine.backend
    assets = assets_dir()
    app.state.queries_dir = (assets.parent / "queries") if assets else Layout.discover().queries_dir
    install_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_credentials=False,
            allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Authorization", "Content-Type"],
            expose_headers=["X-Mea-Truncated", "X-Mea-Row-Limit", "Retry-After"],
        )
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    if assets:
        app.mount("/static", StaticFiles(directory=assets / "static"), name="static")

    @app.get(
        "/health",
        summary="Liveness: answers at once, even while queries run",
        response_model=Health,
        tags=["server"],
    )
    async def health() -> Health:
        return Health(status="ok", backend=engine.name, **engine.status())

    app.include_router(sparql_routes.router)
    app.include_router(api_routes.router)
    app.include_router(export_routes.router)
    app.include_router(ld_routes.router)
    return app
