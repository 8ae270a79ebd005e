"""Read a SPARQL 1.1 Protocol request: which operation, its text, dataset and timeout.

Queries come by GET ``?query=``, by POST form (``query=``) or by POST
``application/sparql-query``; updates by POST form (``update=``) or POST
``application/sparql-update``. Anything else is a 4xx :class:`HttpProblem` that says
what is wrong: 400 for bad parameters, 415 for a wrong Content-Type or charset.

>>> operation_from("GET", None, [("query", "ASK {}"), ("timeout", "2")], b"")
Operation(kind='query', text='ASK {}', default_graphs=(), named_graphs=(), timeout=2.0)
>>> operation_from("GET", None, [], b"") is None
True
>>> operation_from("POST", "text/plain", [], b"ASK {}")
Traceback (most recent call last):
...
mea_graph.server.problems.HttpProblem: Content-Type text/plain is not one of ...
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import parse_qsl

from .problems import HttpProblem

__all__ = ["Operation", "operation_from"]

QUERY, UPDATE, FORM = (
    "application/sparql-query",
    "application/sparql-update",
    "application/x-www-form-urlencoded",
)
_DATASET = {
    "query": ("default-graph-uri", "named-graph-uri"),
    "update": ("using-graph-uri", "using-named-graph-uri"),
}


@dataclass(frozen=True)
class Operation:
    """One query or update. For an update, the graphs are ``using-(named-)graph-uri``."""

    kind: str  # "query" or "update"
    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    timeout: float | None = None

    @property
    def sets_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


def _media(content_type: str | None) -> tuple[str, str | None]:
    if not content_type:
        return "", None
    media, *params = (p.strip() for p in content_type.split(";"))
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


def _decode(body: bytes, charset: str | None, what: str) -> str:
    if charset not in (None, "utf-8", "utf8"):
        raise HttpProblem(415, f"charset={charset} is not supported: send {what} as UTF-8")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HttpProblem(400, f"the request body is not valid UTF-8 ({error.reason})") from None


def operation_from(
    method: str, content_type: str | None, params: list[tuple[str, str]], body: bytes
) -> Operation | None:
    """The operation in a request (``params``: the URL's query string, as pairs), or None
    for a GET with no query (the service description)."""
    params = list(params)
    media, charset = _media(content_type)
    direct: tuple[str, str] | None = None
    if method == "POST":
        if media == FORM:
            params += parse_qsl(_decode(body, charset, "the form"), keep_blank_values=True)
        elif media in (QUERY, UPDATE):
            kind = "query" if media == QUERY else "update"
            direct = (kind, _decode(body, charset, f"the {kind}"))
        else:
            shown = content_type or "(none)"
            raise HttpProblem(415, f"Content-Type {shown} is not one of {QUERY}, {UPDATE}, {FORM}")
    elif method != "GET":
        raise HttpProblem(405, f"{method} is not allowed: use GET or POST")
    values: dict[str, list[str]] = {}
    for name, value in params:
        values.setdefault(name, []).append(value)
    if method == "GET" and "update" in values:
        raise HttpProblem(400, "an update must be sent by POST, never by GET")
    texts = [(k, v) for k in ("query", "update") for v in values.get(k, [])]
    if direct:
        texts.append(direct)
    if not texts:
        if method == "POST":
            raise HttpProblem(400, "the request carries no query= or update=")
        return None
    if len(texts) > 1:
        raise HttpProblem(400, "send exactly one query or update per request")
    kind, text = texts[0]
    default, named = _DATASET[kind]
    other = "update" if kind == "query" else "query"
    misplaced = [p for p in _DATASET[other] if p in values]
    if misplaced:
        raise HttpProblem(400, f"{', '.join(misplaced)} cannot be used with a {kind}")
    return Operation(
        kind,
        text,
        tuple(values.get(default, [])),
        tuple(values.get(named, [])),
        _timeout(values.get("timeout", [])),
    )


def _timeout(values: list[str]) -> float | None:
    if not values:
        return None
    try:
        seconds = float(values[-1])
    except ValueError:
        seconds = math.nan
    if not (seconds > 0 and math.isfinite(seconds)):
        raise HttpProblem(400, f"timeout={values[-1]} is not a positive number of seconds")
    return seconds
