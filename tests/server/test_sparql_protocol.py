"""Protocol behaviour of /sparql on a live server over the shipped data, one test per
status code, with expected values from the source document (UNEP/CMS/COP14/Doc.18.1)."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
import rdflib

from .server_helpers import Live

JAGUAR = """SELECT DISTINCT ?partner ?paragraph WHERE {
  ?c mea:concernsTaxon taxon:panthera-onca ; org:hasMember sec:cms, ?partner ;
     prov:wasDerivedFrom ?paragraph . FILTER(?partner != sec:cms)
  ?paragraph mea:text ?text . FILTER(CONTAINS(LCASE(?text), "jaguar"))
} ORDER BY ?partner"""
# Doc.18.1 paragraph 28 (CITES) and paragraph 33 (UNDP) describe the jaguar work.
JAGUAR_ROWS = [
    (
        "https://w3id.org/mea-graph/id/org/undp",
        "https://w3id.org/mea-graph/id/doc/unep-cms-cop14-doc.18.1/para-33",
    ),
    (
        "https://w3id.org/mea-graph/id/secretariat/cites",
        "https://w3id.org/mea-graph/id/doc/unep-cms-cop14-doc.18.1/para-28",
    ),
]
UNEP_DESCRIBE = "DESCRIBE orgn:unep"


def get(server: Live, query: str, accept: str | None = None, **params) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return httpx.get(server.sparql, params={"query": query, **params}, headers=headers, timeout=30)


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
    ],
)
def test_select_in_every_results_format(server: Live, accept: str, media: str) -> None:
    response = get(server, JAGUAR, accept)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert response.headers["x-mea-truncated"] == "false"
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == ["partner", "paragraph"]
        assert [tuple(r) for r in rows[1:]] == JAGUAR_ROWS
    elif media.endswith("json"):
        bindings = json.loads(response.text)["results"]["bindings"]
        assert [(b["partner"]["value"], b["paragraph"]["value"]) for b in bindings] == JAGUAR_ROWS
    elif media == "text/tab-separated-values":
        lines = response.text.splitlines()
        assert lines[0] == "?partner\t?paragraph"
        assert lines[1:] == [f"<{a}>\t<{b}>" for a, b in JAGUAR_ROWS]
    else:
        assert all(f"<uri>{a}</uri>" in response.text for a, _ in JAGUAR_ROWS)


@pytest.mark.parametrize(
    "accept",
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ],
)
def test_ask_in_every_results_format(server: Live, accept: str) -> None:
    response = get(server, "ASK { orgn:unep skos:altLabel ?l }", accept)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    assert "true" in response.text


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_describe_in_every_rdf_format(server: Live, accept: str, rdflib_format: str) -> None:
    response = get(server, UNEP_DESCRIBE, accept)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    unep = rdflib.URIRef("https://w3id.org/mea-graph/id/org/unep")
    labels = {str(o) for o in graph.objects(unep, rdflib.SKOS.prefLabel)}
    assert "Programme des Nations Unies pour l'environnement" in labels


def test_the_default_graph_is_the_union_and_dataset_parameters_narrow_it(server: Live) -> None:
    query = "ASK { orgn:unep ?p ?o }"
    assert json.loads(get(server, query).text)["boolean"] is True
    only_taxa = get(
        server, query, **{"default-graph-uri": "https://w3id.org/mea-graph/graph/data/taxa"}
    )
    assert json.loads(only_taxa.text)["boolean"] is False


def test_rows_over_the_cap_are_truncated_explicitly(server: Live) -> None:
    # The server's cap is 50 rows; the store has thousands of triples.
    response = get(server, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert response.status_code == 200
    assert response.headers["x-mea-truncated"] == "true"
    body = json.loads(response.text)
    assert body["truncated"] is True and len(body["results"]["bindings"]) == 50


def test_syntax_error_is_400_with_line_and_column(server: Live) -> None:
    response = get(server, "SELECT ?s WHERE {\n  ?s ?p }")
    assert response.status_code == 400
    body = response.json()
    assert body["line"] == 2 and "syntax error" in body["detail"]


def test_unsatisfiable_accept_is_406(server: Live) -> None:
    assert get(server, JAGUAR, "image/png").status_code == 406
    assert get(server, UNEP_DESCRIBE, "text/csv").status_code == 406


def test_wrong_content_type_is_415(server: Live) -> None:
    response = httpx.post(server.sparql, content=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    utf16 = httpx.post(
        server.sparql,
        content="ASK {}".encode("utf-16"),
        headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
    )
    assert utf16.status_code == 415


def test_other_methods_are_405(server: Live) -> None:
    assert httpx.put(server.sparql, params={"query": "ASK {}"}).status_code == 405


def test_two_queries_or_update_by_get_are_400(server: Live) -> None:
    url = server.sparql + "?query=ASK%20%7B%7D&query=ASK%20%7B%7D"
    assert httpx.get(url).status_code == 400
    assert httpx.get(server.sparql, params={"update": "CLEAR ALL"}).status_code == 400
    assert get(server, "ASK {}", timeout="-3").status_code == 400


def test_body_over_the_limit_is_413(server: Live) -> None:
    big = b"ASK {} #" + b"x" * 1_000_001
    response = httpx.post(
        server.sparql, content=big, headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]


def test_post_form_and_direct_queries(server: Live) -> None:
    form = httpx.post(server.sparql, data={"query": JAGUAR}, headers={"Accept": "text/csv"})
    direct = httpx.post(
        server.sparql,
        content=JAGUAR.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert form.status_code == direct.status_code == 200
    assert form.text == direct.text


def test_service_description_in_rdf_formats(server: Live) -> None:
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    for accept, fmt in [("text/turtle", "turtle"), ("application/ld+json", "json-ld")]:
        response = httpx.get(server.sparql, headers={"Accept": accept})
        graph = rdflib.Graph().parse(data=response.content, format=fmt)
        assert (None, sd.endpoint, rdflib.URIRef(server.sparql)) in graph
        assert (None, sd.feature, sd.UnionDefaultGraph) in graph
        assert (None, sd.supportedLanguage, sd.SPARQL11Update) not in graph  # read-only


def test_browser_gets_yasgui_with_local_assets_and_examples(server: Live) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    page = httpx.get(server.sparql, headers={"Accept": accept})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'src="/static/yasgui/yasgui.min.js"' in page.text
    assert "cdn" not in page.text.lower() and "unpkg" not in page.text.lower()
    # The title line of queries/02-jaguar-partners.rq names an example.
    assert "Which partners work with CMS on jaguar conservation" in page.text
    for asset in ("yasgui.min.js", "yasgui.min.css"):
        assert httpx.get(f"{server.url}/static/yasgui/{asset}").status_code == 200


def test_openapi_lists_sparql_and_health_with_summaries(server: Live) -> None:
    paths = httpx.get(server.url + "/openapi.json").json()["paths"]
    for path, method in [("/sparql", "get"), ("/sparql", "post"), ("/health", "get")]:
        assert paths[path][method]["summary"]
    assert httpx.get(server.url + "/docs").status_code == 200
