"""``/api/``: the graph and synergy API (JSON), a thin layer over :mod:`mea_graph.synergy`
and, for ``/api/brokers`` and ``/api/in-force``, :mod:`mea_graph.analysis.answers`.

Each handler parses its parameters, resolves ids (full IRIs, compact ids such as
``orgn:unep``, or an unambiguous label), calls one library function and returns its typed
model. Handlers are plain ``def`` so FastAPI runs them in its thread pool, never on the
event loop. Errors go through :mod:`mea_graph.server.problems`: an unknown id is a 404
that names it, a parameter naming the wrong kind of thing (or an ambiguous label) a 400.

Lists are paged (``limit``, ``offset``; ``X-Total-Count``, ``X-Mea-Truncated``). Mandates
and overlaps are counted without being listed whole, and only the page is described;
the tables behind them are cached per dataset version (:mod:`mea_graph.synergy.cache`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Query, Request, Response
from fastapi.routing import APIRoute

from ..analysis.answers import BrokersAnswer, InForceAnswer, brokers_answer, in_force_answer
from ..analysis.in_force import Standing
from ..errors import MeaGraphError
from ..synergy import (
    describe_entity,
    find_partners,
    neighbors,
    resolve,
    search,
    shortest_paths,
)
from ..synergy.entities import Entity
from ..synergy.mandates import Mandate, mandates_page
from ..synergy.neighbors import MAX_DEPTH, Neighborhood
from ..synergy.network import NodeLinkNetwork, network_json
from ..synergy.overlaps import Overlap, overlaps_page
from ..synergy.partners import Partner, convention_of
from ..synergy.paths import MAX_HOPS, PathResult
from ..synergy.search import SearchHit
from .deps import BackendDep
from .problems import error_response

__all__ = ["ProblemRoute", "counted", "page", "router"]

T = TypeVar("T")


class ProblemRoute(APIRoute):
    """Answers the package's exceptions with the statuses of :mod:`.problems`.

    Works whether or not the application installed the problem handlers.
    """

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except MeaGraphError as error:
                return error_response(error)

        return route


router = APIRouter(prefix="/api", tags=["synergy"], route_class=ProblemRoute)

Id = Annotated[str, Query(min_length=1, max_length=2000, description="IRI, compact id or label")]
Optional = Annotated[
    str | None, Query(min_length=1, max_length=2000, description="IRI, compact id or label")
]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "an id names nothing in the graph"}
}


DEFAULT_LIMIT = 200
Limit = Annotated[int, Query(ge=1, le=5000, description="most items returned")]
Offset = Annotated[int, Query(ge=0, description="items skipped (for paging)")]


def page(items: Sequence[T], response: Response, *, limit: int, offset: int) -> list[T]:
    """One page of ``items``. The total goes in ``X-Total-Count``, and a cut list says so
    in ``X-Mea-Truncated: true`` (never silent)."""
    return counted(
        list(items[offset : offset + limit]), len(items), response, limit=limit, offset=offset
    )


def counted(chosen: list[T], total: int, response: Response, *, limit: int, offset: int) -> list[T]:
    """``chosen``, the page from ``offset`` of a list of ``total`` items that was never
    listed whole, with the headers of :func:`page`."""
    response.headers["X-Total-Count"] = str(total)
    response.headers["X-Mea-Truncated"] = "true" if offset + limit < total else "false"
    return chosen


def _maybe(backend, text: str | None, what: str) -> str | None:
    return None if text is None else resolve(backend, text, what=what)


@router.get("/search", summary="Look entities up by label or acronym (en, fr; accents ignored)")
def search_route(
    backend: BackendDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="text to look up")],
    type: Optional = None,  # noqa: A002 - the public parameter name
    lang: Annotated[Literal["en", "fr"] | None, Query(description="match labels in it")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[SearchHit]:
    kind = _maybe(backend, type, "type")
    return search(backend, q, type=kind, lang=lang, limit=limit)


@router.get(
    "/entities/{id:path}",
    summary="Types, labels, identifiers and every relation of an entity, with evidence",
    responses=NOT_FOUND,
)
def entity_route(backend: BackendDep, id: str) -> Entity:  # noqa: A002
    return describe_entity(backend, resolve(backend, id))


@router.get(
    "/neighbors",
    summary="Entities within a few hops of one entity, each link with evidence",
    responses=NOT_FOUND,
)
def neighbors_route(
    backend: BackendDep,
    id: Id,  # noqa: A002
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 1,
    predicate: Optional = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> Neighborhood:
    return neighbors(
        backend,
        resolve(backend, id),
        depth=depth,
        predicate=None
        if predicate is None
        else resolve(backend, predicate, what="predicate", as_predicate=True),
        limit=limit,
    )


@router.get(
    "/paths",
    summary="Shortest paths between two entities, each hop with predicate and evidence",
    responses=NOT_FOUND,
)
def paths_route(
    backend: BackendDep,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=2000)],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=2000)],
    max: Annotated[int, Query(ge=1, le=MAX_HOPS, description="most hops")] = 4,  # noqa: A002
    limit: Annotated[int, Query(ge=1, le=200, description="most paths")] = 20,
    evidenced_only: Annotated[bool, Query(description="follow only cited triples")] = True,
) -> PathResult:
    return shortest_paths(
        backend,
        resolve(backend, source, what="'from' entity"),
        resolve(backend, target, what="'to' entity"),
        max_hops=max,
        limit=limit,
        evidenced_only=evidenced_only,
    )


@router.get(
    "/mandates",
    summary="Mandates filtered by convention, theme, addressee, verb and status",
    responses=NOT_FOUND,
)
def mandates_route(
    backend: BackendDep,
    response: Response,
    convention: Optional = None,
    theme: Optional = None,
    addressee: Optional = None,
    verb: Optional = None,
    status: Optional = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> list[Mandate]:
    total, found = mandates_page(
        backend,
        convention=_convention(backend, convention),
        theme=_maybe(backend, theme, "theme"),
        addressee=_maybe(backend, addressee, "addressee"),
        verb=_maybe(backend, verb, "verb"),
        status=_maybe(backend, status, "status"),
        offset=offset,
        limit=limit,
    )
    return counted(found, total, response, limit=limit, offset=offset)


@router.get(
    "/overlaps",
    summary="Pairs of mandates asking the same (kind of) actor to work on the same theme",
    responses=NOT_FOUND,
)
def overlaps_route(
    backend: BackendDep,
    response: Response,
    theme: Optional = None,
    convention: Optional = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> list[Overlap]:
    total, found = overlaps_page(
        backend,
        theme=_maybe(backend, theme, "theme"),
        convention=_convention(backend, convention),
        offset=offset,
        limit=limit,
    )
    return counted(found, total, response, limit=limit, offset=offset)


@router.get(
    "/partners",
    summary="Partners of a convention ranked by collaborations and mandates, with evidence",
    responses=NOT_FOUND,
)
def partners_route(
    backend: BackendDep,
    response: Response,
    convention: Id,
    theme: Optional = None,
    taxon: Optional = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> list[Partner]:
    found = find_partners(
        backend,
        resolve(backend, convention, what="convention"),
        theme=_maybe(backend, theme, "theme"),
        taxon=_maybe(backend, taxon, "taxon"),
    )
    return page(found, response, limit=limit, offset=offset)


def _convention(backend, text: str | None) -> str | None:
    return (
        None if text is None else convention_of(backend, resolve(backend, text, what="convention"))
    )


@router.get("/network", summary="A network projection (partners or mandates) as JSON node-link")
def network_route(
    backend: BackendDep,
    kind: Annotated[Literal["partners", "mandates"], Query(description="which projection")],
) -> NodeLinkNetwork:
    return network_json(backend, kind)


@router.get(
    "/brokers",
    summary="Who bridges conventions that share no direct collaboration, with evidence",
    responses=NOT_FOUND,
)
def brokers_route(
    backend: BackendDep,
    response: Response,
    exclude: Annotated[
        list[str] | None,
        Query(description="leave these nodes out first (agr:cms, orgn:unep…)"),
    ] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> BrokersAnswer:
    """Brokers in the partnership network, secretariats folded onto their conventions (as
    ``mea-graph analyze brokers``). The paging headers count the brokers."""
    left_out = [resolve(backend, text, what="node to exclude") for text in exclude or []]
    total, answer = brokers_answer(backend, exclude=left_out, offset=offset, limit=limit)
    counted(answer.brokers, total, response, limit=limit, offset=offset)
    return answer


@router.get(
    "/in-force",
    summary="Resolutions and decisions in force at a date or meeting, with reasons",
    responses=NOT_FOUND,
)
def in_force_route(
    backend: BackendDep,
    response: Response,
    at: Annotated[
        str,
        Query(
            min_length=1,
            max_length=2000,
            description="a date (2024-03-01, 2024-03, 2024) or a meeting (mtg:cms-cop14, label)",
        ),
    ],
    apply_recommendations: Annotated[
        bool,
        Query(
            description="treat the recommended actions addressed to meetings held by then "
            "as decided"
        ),
    ] = False,
    standing: Annotated[
        list[Standing] | None, Query(description="only instruments with these standings")
    ] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> InForceAnswer:
    """Every resolution and decision with its standing (as ``mea-graph analyze in-force``).
    The paging headers count the instruments listed."""
    total, answer = in_force_answer(
        backend,
        at,
        apply_recommendations=apply_recommendations,
        standings=standing or (),
        offset=offset,
        limit=limit,
    )
    counted(answer.instruments, total, response, limit=limit, offset=offset)
    return answer
