"""``/sparql``: the SPARQL 1.1 Protocol (query, update, service description, YASGUI).

The handler only reads the request, checks the write token, and hands the operation to
the engine on a worker thread (queries never run on the event loop); errors are mapped
to statuses in :mod:`.problems`.
"""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from .deps import SettingsDep
from .engines import Engine
from .jobs import UpdateOutcome
from .negotiation import GRAPH_FORMATS, negotiate, quality
from .problems import ErrorBody, HttpProblem
from .protocol import operation_from
from .service_description import describe, serialize
from .settings import Settings
from .yasgui import assets_dir, load_examples, render_page

__all__ = ["UpdateSummary", "router"]

router = APIRouter(tags=["sparql"])


class UpdateSummary(BaseModel):
    """The answer to an accepted update."""

    applied: bool
    triples: int  # triples in the store after the update
    warnings: int  # SHACL warnings (violations reject the update)


_ERRORS = {
    400: "syntax error (with line and column), bad parameters, or a refused SERVICE/LOAD/FROM",
    401: "update without a valid bearer token",
    403: "update on a read-only server",
    405: "method other than GET or POST",
    406: "no acceptable format for this answer",
    413: "request body too large",
    415: "wrong Content-Type or charset",
    422: "update rejected: the data would violate the SHACL shapes (report included)",
    503: "query over its time limit, or every worker busy (Retry-After)",
}
_RESPONSES: dict = {
    200: {
        "description": "Results (JSON, XML, CSV, TSV) or a graph (Turtle, N-Triples, JSON-LD, "
        "RDF/XML); X-Mea-Truncated says whether rows were cut at the row limit",
        "model": UpdateSummary,
    },
    **{status: {"model": ErrorBody, "description": text} for status, text in _ERRORS.items()},
}


_SUMMARY = "SPARQL 1.1 Protocol endpoint: queries, updates and the service description"


@router.get(
    "/sparql",
    summary=_SUMMARY,
    response_class=Response,
    responses=_RESPONSES,
    operation_id="sparql_get",
)
@router.post(
    "/sparql",
    summary=_SUMMARY,
    response_class=Response,
    responses=_RESPONSES,
    operation_id="sparql_post",
)
async def sparql(request: Request, settings: SettingsDep) -> Response:
    """Query by GET ``?query=``, POST form or POST ``application/sparql-query``; update by
    POST form ``update=`` or ``application/sparql-update`` (with a bearer token). With no
    query, a GET returns the service description, or YASGUI for a browser."""
    operation = operation_from(
        request.method,
        request.headers.get("content-type"),
        list(request.query_params.multi_items()),
        await request.body() if request.method == "POST" else b"",
    )
    engine: Engine = request.app.state.engine
    endpoint = str(request.url.replace(query="", fragment=""))
    accept = request.headers.get("accept")
    if operation is None:
        return await _describe(request, engine, settings, endpoint, accept)
    if operation.kind == "update":
        _authorize(request, settings)
    result = await run_in_threadpool(
        engine.answer, operation, accept=accept, base_iri=endpoint, settings=settings
    )
    if isinstance(result, UpdateOutcome):  # operation.kind == "update"
        request.app.state.backend = engine.backend  # the other routers see the new build
        summary = UpdateSummary(
            applied=True, triples=result.triples, warnings=len(result.report.warnings)
        )
        return Response(summary.model_dump_json(), media_type="application/json")
    headers = {
        "Vary": "Accept",
        "X-Mea-Truncated": "true" if result.truncated else "false",
        "X-Mea-Row-Limit": str(settings.max_rows),
    }
    return Response(result.body, media_type=result.media_type, headers=headers)


def _authorize(request: Request, settings: Settings) -> None:
    if not settings.write_token:
        raise HttpProblem(
            403, "this server is read-only: start it with a write token to allow updates"
        )
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), settings.write_token.encode()
    ):
        raise HttpProblem(401, "updates need the header Authorization: Bearer <write token>")


async def _describe(
    request: Request, engine: Engine, settings: Settings, endpoint: str, accept: str | None
) -> Response:
    fmt = negotiate(accept, GRAPH_FORMATS)
    wants_html = quality(accept, "text/html", wildcards=False) if accept else 0.0
    rdf_types = [m for f in GRAPH_FORMATS for m in f.media_types]
    best_rdf = max(quality(accept, m, wildcards=False) for m in rdf_types)
    assets = assets_dir()
    if assets and wants_html > 0 and wants_html >= best_rdf:
        examples = load_examples(request.app.state.queries_dir)
        page = render_page(
            assets / "templates", endpoint=endpoint, static="/static", examples=examples
        )
        return HTMLResponse(page, headers={"Vary": "Accept"})
    if fmt is None:
        raise HttpProblem(
            406,
            f"Accept: {accept} cannot be satisfied; the service description "
            f"is in {', '.join(f.media_type for f in GRAPH_FORMATS)} or text/html",
        )
    update = bool(settings.write_token) and engine.name == "embedded"
    graphs = await run_in_threadpool(engine.known_graphs)
    body = serialize(describe(endpoint, graphs=graphs, update=update), fmt)
    return Response(body, media_type=fmt.media_type, headers={"Vary": "Accept"})
