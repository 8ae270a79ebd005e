"""Content negotiation: the formats ``/sparql`` speaks and how ``Accept`` chooses one.

>>> negotiate("application/sparql-results+xml", RESULT_FORMATS).name
'xml'
>>> negotiate("text/turtle;q=0.5, application/ld+json", GRAPH_FORMATS).name
'jsonld'
>>> negotiate(None, GRAPH_FORMATS).name
'turtle'
>>> negotiate("image/png", RESULT_FORMATS) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import MeaGraphError

__all__ = ["GRAPH_FORMATS", "RESULT_FORMATS", "Format", "NotAcceptable", "negotiate", "quality"]


class NotAcceptable(MeaGraphError):
    """No format the client accepts fits the answer (HTTP 406)."""


@dataclass(frozen=True)
class Format:
    """One serialisation: its name, its media type and the other types that ask for it."""

    name: str
    media_type: str
    aliases: tuple[str, ...] = ()

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


# In order of preference when the client does not mind.
RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)
GRAPH_FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", ("application/x-turtle",)),
    Format("ntriples", "application/n-triples", ("text/plain",)),
    Format("jsonld", "application/ld+json", ("application/json",)),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml")),
)


def _ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def quality(accept: str | None, media_type: str, *, wildcards: bool = True) -> float:
    """How much ``accept`` wants ``media_type``: the q of the most specific range."""
    if not accept:
        return 1.0
    best: tuple[int, float] = (-1, 0.0)
    major = media_type.split("/")[0]
    for media, q in _ranges(accept):
        if media == media_type:
            specificity = 2
        elif media == f"{major}/*" and wildcards:
            specificity = 1
        elif media == "*/*" and wildcards:
            specificity = 0
        else:
            continue
        best = max(best, (specificity, q), key=lambda pair: pair[0])
    return best[1]


def negotiate(accept: str | None, offered: Sequence[Format]) -> Format | None:
    """The offered format ``accept`` wants most (ties go to the earlier), or None."""
    scored = [
        (max(quality(accept, m) for m in f.media_types), -i, f) for i, f in enumerate(offered)
    ]
    q, _, chosen = max(scored, key=lambda item: item[:2])
    return chosen if q > 0 else None
