"""Linked data: every entity IRI dereferences, and so does the ontology.

The server maps the base namespace (``Settings.public_base``, by default
``https://w3id.org/mea-graph/``) onto its own paths: ``…/id/org/unep`` is served at
``/id/org/unep`` and ``…/ontology#Term`` at ``/ontology``. Content negotiation (``Accept``,
or ``?format=`` for a browser link):

- ``text/html``: a page with both languages' labels, types, relations linking to other
  ``/id/`` pages and the evidence paragraphs with their text;
- ``text/turtle``, ``application/ld+json``, ``application/n-triples``,
  ``application/rdf+xml``: the entity's Concise Bounded Description
  (:mod:`mea_graph.synergy.cbd`, which says what it includes and why); for the ontology,
  ``ontology/mea.ttl`` itself.

``*/*`` gets Turtle. An unknown IRI is a 404 naming it; an Accept no format satisfies
is a 406 listing the formats offered.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Literal

import pyoxigraph
from fastapi import APIRouter, Query, Request, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..errors import UnknownEntity
from ..layout import Layout
from ..namespaces import BASE, PREFIXES
from ..synergy.cbd import concise_bounded_description
from ..synergy.entities import describe_entity
from ..synergy.ids import exists
from .api_routes import ProblemRoute
from .deps import BackendDep, SettingsDep
from .negotiation import Format, NotAcceptable, negotiate

__all__ = ["FORMATS", "router"]

FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", ("application/x-turtle",)),
    Format("html", "text/html", ("application/xhtml+xml",)),
    Format("jsonld", "application/ld+json", ("application/json",)),
    Format("ntriples", "application/n-triples"),
    Format("rdfxml", "application/rdf+xml"),
)
_BY_NAME = {f.name: f for f in FORMATS}
_RDF = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
    "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
}
FormatName = Literal["turtle", "html", "jsonld", "ntriples", "rdfxml"]
FormatParam = Annotated[FormatName | None, Query(description="overrides the Accept header")]

router = APIRouter(tags=["linked data"], route_class=ProblemRoute)


def choose(accept: str | None, override: str | None) -> Format:
    """The format asked for (``?format=`` wins over ``Accept``), or :class:`NotAcceptable`."""
    chosen = _BY_NAME[override] if override else negotiate(accept, FORMATS)
    if chosen is None:
        offered = ", ".join(f.media_type for f in FORMATS)
        raise NotAcceptable(f"cannot answer in any type of Accept: {accept!r}; offered: {offered}")
    return chosen


def serialize(triples, fmt: Format) -> bytes:
    prefixes = PREFIXES if fmt.name in ("turtle", "rdfxml") else None
    # Without an output file, serialize returns the bytes (never None).
    return pyoxigraph.serialize(triples, format=_RDF[fmt.name], prefixes=prefixes) or b""


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """Templates live in the project's ``api/templates`` (next to ``api/static``)."""
    templates = Layout.discover().root / "api" / "templates"
    return Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape())


def local_href(iri: str, public_base: str) -> str:
    """Where the page of ``iri`` is: on this server for the base namespace, else itself.

    >>> local_href("https://w3id.org/mea-graph/id/org/unep", "https://w3id.org/mea-graph/")
    '/id/org/unep'
    >>> local_href("https://w3id.org/mea-graph/ontology#Mandate", "https://w3id.org/mea-graph/")
    '/ontology#Mandate'
    >>> local_href("http://www.w3.org/ns/org#hasMember", "https://w3id.org/mea-graph/")
    'http://www.w3.org/ns/org#hasMember'
    """
    return "/" + iri[len(public_base) :] if iri.startswith(public_base) else iri


def _answer(body: bytes | str, fmt: Format, status: int = 200) -> Response:
    media = fmt.media_type + ("; charset=utf-8" if fmt.name in ("html", "turtle") else "")
    return Response(body, status_code=status, media_type=media, headers={"Vary": "Accept"})


@router.get(
    "/id/{path:path}",
    summary="Dereference an entity IRI: HTML page or its Concise Bounded Description",
    responses={
        200: {"content": {f.media_type: {} for f in FORMATS}},
        404: {"description": "no such entity"},
        406: {"description": "no acceptable format"},
    },
)
def entity_page(
    request: Request,
    path: str,
    backend: BackendDep,
    settings: SettingsDep,
    format: FormatParam = None,  # noqa: A002
) -> Response:
    entity = settings.public_base + "id/" + path
    fmt = choose(request.headers.get("accept"), format)
    if not path or not exists(backend, entity):
        raise UnknownEntity(f"unknown entity <{entity}>")
    if fmt.name != "html":
        return _answer(serialize(concise_bounded_description(backend, entity), fmt), fmt)
    described = describe_entity(backend, entity)
    page = (
        _environment()
        .get_template("entity.html")
        .render(
            e=described,
            href=lambda iri: local_href(iri, settings.public_base),
            alternates=[f for f in FORMATS if f.name != "html"],
        )
    )
    return _answer(page, fmt)


@router.get(
    "/ontology",
    summary="The mea: ontology (ontology/mea.ttl), in HTML or RDF",
    responses={200: {"content": {f.media_type: {} for f in FORMATS}}, 406: {}},
)
def ontology(request: Request, format: FormatParam = None) -> Response:  # noqa: A002
    fmt = choose(request.headers.get("accept"), format)
    path = Layout.discover().ontology_dir / "mea.ttl"
    if fmt.name == "turtle":
        return _answer(path.read_bytes(), fmt)
    triples = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    if fmt.name != "html":
        return _answer(serialize(triples, fmt), fmt)
    page = (
        _environment()
        .get_template("ontology.html")
        .render(terms=_terms(triples), alternates=[f for f in FORMATS if f.name != "html"])
    )
    return _answer(page, fmt)


def _terms(triples) -> list[dict]:
    """The ``mea:`` terms with their kind, labels and definitions, for the HTML page."""
    namespace = BASE + "ontology#"
    rdfs, skos, rdf = PREFIXES["rdfs"], PREFIXES["skos"], PREFIXES["rdf"]
    keys = {
        rdfs + "label": "label",
        skos + "definition": "definition",
        rdfs + "comment": "definition",
    }
    terms: dict[str, dict] = {}
    for t in triples:
        subject = t.subject.value
        if not isinstance(t.subject, pyoxigraph.NamedNode) or not subject.startswith(namespace):
            continue
        term = terms.setdefault(
            subject, {"id": subject[len(namespace) :], "iri": subject, "types": []}
        )
        if t.predicate.value == rdf + "type":
            term["types"].append(t.object.value.rsplit("#", 1)[-1])
        elif t.predicate.value in keys and isinstance(t.object, pyoxigraph.Literal):
            term.setdefault(f"{keys[t.predicate.value]}_{t.object.language}", t.object.value)
        elif (
            t.predicate.value == rdfs + "subClassOf" or t.predicate.value == rdfs + "subPropertyOf"
        ):
            term.setdefault("parents", []).append(t.object.value)
    return sorted(terms.values(), key=lambda term: (term["id"][0].islower(), term["id"]))
