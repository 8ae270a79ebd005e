"""The analyst queries, the same for every engine, with parameters picked from the data.

A :class:`BenchQuery` is either SPARQL (``sparql``, a template with ``{convention}``,
``{theme}``, ``{acronym}`` and ``{secretariat}``) or a synergy API route (``route`` and
``params``). :func:`pick_parameters` chooses the values from the graph itself (the
convention with the most mandates, its secretariat and acronym, the theme with the most
mandates), so the queries do real work at every size.

>>> len(QUERIES) >= 10, len({q.name for q in QUERIES}) == len(QUERIES)
(True, True)
>>> sorted({q.kind for q in QUERIES})
['analytic', 'api', 'construct', 'lookup']
>>> p = Parameters("https://x/c", "CC", "https://x/t", "https://x/s")
>>> by_name("lookup").text(p).splitlines()[0]
'SELECT ?p ?o WHERE { <https://x/c> ?p ?o }'
>>> by_name("api-partners").query_params(p)
{'convention': 'https://x/c'}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mea_graph.analysis.answers import brokers_answer, in_force_answer
from mea_graph.backends import GraphBackend
from mea_graph.synergy import find_partners, resolve
from mea_graph.synergy.mandates import mandates_page
from mea_graph.synergy.overlaps import overlaps_page
from mea_graph.synergy.partners import convention_of

from .errors import HarnessError

__all__ = [
    "LOAD_QUERIES",
    "QUERIES",
    "ROUTES",
    "BenchQuery",
    "Parameters",
    "by_name",
    "pick_parameters",
]


@dataclass(frozen=True)
class Parameters:
    """The values the templates are filled with (full IRIs and one acronym)."""

    convention: str
    acronym: str
    theme: str
    secretariat: str


@dataclass(frozen=True)
class BenchQuery:
    """One analyst question; ``kind`` is lookup, analytic, construct or api."""

    name: str
    kind: str
    description: str
    sparql: str = ""
    route: str = ""
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def construct(self) -> bool:
        return self.kind == "construct"

    def text(self, values: Parameters) -> str:
        return self.sparql.format(**vars(values))

    def query_params(self, values: Parameters) -> dict[str, str]:
        return {key: template.format(**vars(values)) for key, template in self.params.items()}


IN_FORCE_DATE = "2026-01-01"
"""The date of the in-force route: after every meeting the generator holds."""

QUERIES: tuple[BenchQuery, ...] = (
    BenchQuery(
        "lookup",
        "lookup",
        "every property of one convention (by IRI)",
        "SELECT ?p ?o WHERE {{ <{convention}> ?p ?o }}",
    ),
    BenchQuery(
        "lookup-acronym",
        "lookup",
        "an entity by its acronym, with its English and French labels",
        'SELECT ?x ?label WHERE {{ ?x skos:altLabel "{acronym}"@en ; skos:prefLabel ?label }}',
    ),
    BenchQuery(
        "mandates-by-theme",
        "analytic",
        "mandates on one theme: verb, addressee, agreement and action",
        """SELECT ?mandate ?verb ?addressee ?agreement ?action WHERE {{
  ?mandate a mea:Mandate ; dcterms:subject <{theme}> ; mea:operativeVerb ?verb ;
           mea:addressee ?addressee ; mea:relatedAgreement ?agreement ;
           mea:actionText ?action }}""",
    ),
    BenchQuery(
        "overlaps",
        "analytic",
        "pairs of mandates of two agreements to the same addressee on one theme, by pair",
        # Counted per addressee first, then multiplied: the same counts as joining every
        # mandate with every other (COUNT(*) over ?m1 ?m2), which is quadratic in the
        # mandates of one addressee (20 s at 1M on pyoxigraph in memory).
        """SELECT ?g1 ?g2 (SUM(?n1 * ?n2) AS ?pairs) WHERE {{
  {{ SELECT ?who ?g1 (COUNT(*) AS ?n1) WHERE {{
      ?m1 dcterms:subject <{theme}> ; mea:addressee ?who ; mea:relatedAgreement ?g1 }}
    GROUP BY ?who ?g1 }}
  {{ SELECT ?who ?g2 (COUNT(*) AS ?n2) WHERE {{
      ?m2 dcterms:subject <{theme}> ; mea:addressee ?who ; mea:relatedAgreement ?g2 }}
    GROUP BY ?who ?g2 }}
  FILTER(STR(?g1) < STR(?g2))
}} GROUP BY ?g1 ?g2 ORDER BY DESC(?pairs) ?g1 ?g2""",
    ),
    BenchQuery(
        "partners-ranked",
        "analytic",
        "co-members of one secretariat's collaborations, ranked by shared collaborations",
        """SELECT ?partner (COUNT(DISTINCT ?c) AS ?shared) (SAMPLE(?name) AS ?label) WHERE {{
  ?c org:hasMember <{secretariat}> , ?partner .
  FILTER(?partner != <{secretariat}>)
  OPTIONAL {{ ?partner skos:prefLabel ?name FILTER(LANG(?name) = "en") }}
}} GROUP BY ?partner ORDER BY DESC(?shared) ?partner""",
    ),
    BenchQuery(
        "lineage-path",
        "analytic",
        "every ancestor of every instrument (amends, replaces, repeals paths)",
        """SELECT ?newer ?older WHERE {{
  ?newer (eli:amends|dcterms:replaces|eli:repeals)+ ?older }}""",
    ),
    BenchQuery(
        "text-search",
        "analytic",
        "paragraphs whose French text mentions 'espèces' (case-insensitive)",
        """SELECT ?paragraph WHERE {{
  ?paragraph mea:text ?text FILTER(CONTAINS(LCASE(STR(?text)), "espèces")) }}""",
    ),
    BenchQuery(
        "status-by-agreement",
        "analytic",
        "instruments per agreement and status",
        """SELECT ?agreement ?status (COUNT(?instrument) AS ?n) WHERE {{
  ?instrument mea:status ?status ; mea:adoptedAt/mea:meetingOf/mea:governingBodyOf ?agreement .
}} GROUP BY ?agreement ?status ORDER BY ?agreement ?status""",
    ),
    BenchQuery(
        "addressees-of-convention",
        "analytic",
        "addressees of one convention's mandates, ranked, with French labels",
        """SELECT ?addressee (COUNT(?m) AS ?n) (SAMPLE(?fr) AS ?label) WHERE {{
  ?m mea:relatedAgreement <{convention}> ; mea:addressee ?addressee .
  OPTIONAL {{ ?addressee skos:prefLabel ?fr FILTER(LANG(?fr) = "fr") }}
}} GROUP BY ?addressee ORDER BY DESC(?n)""",
    ),
    BenchQuery(
        "construct-export",
        "construct",
        "CONSTRUCT of every mandate of one convention with all its properties",
        """CONSTRUCT {{ ?m ?p ?o }} WHERE {{
  ?m a mea:Mandate ; mea:relatedAgreement <{convention}> ; ?p ?o }}""",
    ),
    BenchQuery(
        "api-partners",
        "api",
        "/api/partners: partners of one convention ranked, with evidence",
        route="/api/partners",
        params={"convention": "{convention}"},
    ),
    BenchQuery(
        "api-overlaps",
        "api",
        "/api/overlaps: overlapping mandates on one theme",
        route="/api/overlaps",
        params={"theme": "{theme}"},
    ),
    BenchQuery(
        "api-mandates",
        "api",
        "/api/mandates: one convention's mandates on one theme",
        route="/api/mandates",
        params={"convention": "{convention}", "theme": "{theme}"},
    ),
    BenchQuery(
        "api-brokers",
        "api",
        "/api/brokers: who bridges conventions with no direct collaboration",
        route="/api/brokers",
    ),
    BenchQuery(
        "api-in-force",
        "api",
        "/api/in-force: every instrument's standing on a date",
        route="/api/in-force",
        params={"at": IN_FORCE_DATE},
    ),
)

LOAD_QUERIES = ("lookup", "mandates-by-theme")
"""The lookup and the medium query of the throughput runs."""


def by_name(name: str) -> BenchQuery:
    """The query called ``name``; :class:`HarnessError` names an unknown one."""
    for query in QUERIES:
        if query.name == name:
            return query
    known = ", ".join(q.name for q in QUERIES)
    raise HarnessError(f"unknown query {name!r}; known: {known}")


PAGE = 200
"""Items per page: the API's default ``limit``."""


def _partners(backend: GraphBackend, params: Mapping[str, str]) -> list[Any]:
    return find_partners(backend, resolve(backend, params["convention"], what="convention"))


def _overlaps(backend: GraphBackend, params: Mapping[str, str]) -> list[Any]:
    theme = resolve(backend, params["theme"], what="theme")
    return overlaps_page(backend, theme=theme, limit=PAGE)[1]


def _mandates(backend: GraphBackend, params: Mapping[str, str]) -> list[Any]:
    convention = resolve(backend, params["convention"], what="convention")
    return mandates_page(
        backend,
        convention=convention_of(backend, convention),
        theme=resolve(backend, params["theme"], what="theme"),
        limit=PAGE,
    )[1]


def _brokers(backend: GraphBackend, params: Mapping[str, str]) -> list[Any]:
    return brokers_answer(backend, limit=PAGE)[1].brokers


def _in_force(backend: GraphBackend, params: Mapping[str, str]) -> list[Any]:
    return in_force_answer(backend, params["at"], limit=PAGE)[1].instruments


ROUTES: dict[str, Callable[[GraphBackend, Mapping[str, str]], list[Any]]] = {
    "/api/partners": _partners,
    "/api/overlaps": _overlaps,
    "/api/mandates": _mandates,
    "/api/brokers": _brokers,
    "/api/in-force": _in_force,
}
"""The in-process equivalent of each route, as its handler calls the library (the
first page, as the API serves it): (b)'s figure for the synergy routes."""

_PICK = """SELECT ?convention ?acronym ?secretariat (COUNT(?m) AS ?n) WHERE {
  ?convention a mea:Convention ; skos:altLabel ?acronym .
  ?secretariat mea:secretariatOf ?convention .
  FILTER(LANG(?acronym) = "en" && STRSTARTS(STR(?convention), "%s"))
  ?m mea:relatedAgreement ?convention .
} GROUP BY ?convention ?acronym ?secretariat ORDER BY DESC(?n) ?convention LIMIT 1"""
_THEME = """SELECT ?theme (COUNT(?m) AS ?n) WHERE {
  ?m a mea:Mandate ; dcterms:subject ?theme .
  FILTER(STRSTARTS(STR(?m), "%s"))
} GROUP BY ?theme ORDER BY DESC(?n) ?theme LIMIT 1"""


def pick_parameters(backend: GraphBackend, *, base: str) -> Parameters:
    """The synthetic convention with the most mandates and the most common theme."""
    rows = backend.query(_PICK % base).rows
    themes = backend.query(_THEME % base).rows
    if not rows or not themes:
        raise HarnessError(f"no synthetic convention with mandates under {base}")
    convention, acronym, secretariat, _ = rows[0]
    return Parameters(str(convention), str(acronym), str(themes[0][0]), str(secretariat))
