"""Which resolutions and decisions are in force at a date or after a meeting.

An instrument is in force at ``T`` when it was adopted at a meeting that started on or
before ``T`` and nothing has ended it by then. It is left out, with the reason and the
paragraphs that say so, when it is:

- ``proposed``: only proposed (``status:proposed``), never adopted;
- ``not-yet-adopted``: adopted at a meeting after ``T``;
- ``repealed``: an instrument adopted by ``T`` repeals it (``eli:repeals``), or the data
  records it as repealed without naming the repealing instrument;
- ``replaced``: an instrument adopted by ``T`` replaces it (``dcterms:replaces``);
- ``deleted``: a deletion that applies by ``T``.

With ``apply_recommendations=True``, the ``mea:RecommendedAction``s addressed to a meeting
(``mea:reportingMeeting``) held by ``T`` are treated as decided there: ``action:adopt``
adopts its targets at that meeting and ``action:delete`` deletes them. That is how to ask
"what is in force once the COP14 recommendations of Doc.18.1 apply". Without it, the
recommendations are only noted.

>>> from mea_graph.network._sample import backend_from_turtle
>>> backend = backend_from_turtle('''
...   mtg:m1 a mea:Meeting ; mea:startDate "2020-01-10"^^xsd:date .
...   mtg:m2 a mea:Meeting ; mea:startDate "2024-02-12"^^xsd:date .
...   dec:old a mea:Decision ; mea:adoptedAt mtg:m1 ; mea:status status:in-force .
...   dec:new a mea:Decision ; mea:adoptedAt mtg:m2 ; mea:status status:proposed .
...   mandate:r a mea:RecommendedAction ; mea:actionType action:delete ;
...       mea:actionTarget dec:old ; mea:reportingMeeting mtg:m2 ;
...       mea:sourceParagraph d181:para-9 .''')
>>> [(s.iri[-3:], s.standing.value) for s in in_force(backend, "mtg:m2").instruments]
[('new', 'proposed'), ('old', 'in-force')]
>>> [(s.iri[-3:], s.standing.value) for s in
...  in_force(backend, "mtg:m2", apply_recommendations=True).instruments]
[('new', 'proposed'), ('old', 'deleted')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from ..backends import GraphBackend
from ..errors import InvalidArgument, UnknownEntity
from ..namespaces import PREFIXES
from ..network._common import select
from ..report import compact
from ..synergy.cache import cached_table
from ._resolve import resolve

__all__ = ["InForceResult", "InstrumentStanding", "Standing", "in_force"]

INSTRUMENTS_QUERY = """SELECT ?i ?status ?meeting ?date ?en ?fr WHERE {
  VALUES ?type { mea:Resolution mea:Decision } ?i a ?type .
  OPTIONAL { ?i mea:status ?status }
  OPTIONAL { ?i mea:adoptedAt ?meeting OPTIONAL { ?meeting mea:startDate ?date } }
  OPTIONAL { ?i skos:prefLabel ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?i skos:prefLabel ?fr FILTER(LANG(?fr) = "fr") }
}"""

RELATIONS_QUERY = """SELECT ?s ?rel ?o ?evidence WHERE {
  VALUES ?rel { eli:repeals dcterms:replaces mea:carriesForward }
  ?s ?rel ?o .
  OPTIONAL { ?st rdf:subject ?s ; rdf:predicate ?rel ; rdf:object ?o ;
                 prov:wasDerivedFrom ?evidence }
}"""

ACTIONS_QUERY = """SELECT ?action ?type ?target ?meeting ?date ?paragraph WHERE {
  ?action a mea:RecommendedAction ; mea:actionType ?type ; mea:actionTarget ?target ;
          mea:sourceParagraph ?paragraph .
  OPTIONAL { ?action mea:reportingMeeting ?meeting OPTIONAL { ?meeting mea:startDate ?date } }
}"""


class Standing(StrEnum):
    IN_FORCE = "in-force"
    PROPOSED = "proposed"
    NOT_YET_ADOPTED = "not-yet-adopted"
    REPEALED = "repealed"
    REPLACED = "replaced"
    DELETED = "deleted"


@dataclass(frozen=True)
class InstrumentStanding:
    """One instrument's standing at the date, why, and the paragraphs that say so."""

    iri: str
    label_en: str
    label_fr: str
    standing: Standing
    reason: str
    evidence: tuple[str, ...]
    adopted_on: str

    @property
    def in_force(self) -> bool:
        return self.standing is Standing.IN_FORCE


@dataclass(frozen=True)
class InForceResult:
    """Every resolution and decision with its standing at ``date`` (ISO)."""

    date: str
    meeting: str | None
    applied_recommendations: bool
    instruments: tuple[InstrumentStanding, ...]

    @property
    def in_force(self) -> tuple[InstrumentStanding, ...]:
        return tuple(s for s in self.instruments if s.in_force)

    @property
    def excluded(self) -> tuple[InstrumentStanding, ...]:
        return tuple(s for s in self.instruments if not s.in_force)

    def get(self, iri: str) -> InstrumentStanding:
        for standing in self.instruments:
            if standing.iri == iri:
                return standing
        raise UnknownEntity(f"{iri} is not a resolution or decision of the graph")


def _day(value: str) -> str:
    """An ISO date from an xsd:date, gYearMonth or gYear (the first day of the period)."""
    parts = value[:10].split("-")
    return "-".join([parts[0], *(parts[1:] + ["01", "01"])[:2]])


def _when(backend: GraphBackend, at: str | dt.date) -> tuple[str, str | None]:
    """The ISO date ``at`` stands for, and the meeting if it names one.

    >>> _when(None, "2024-02")
    ('2024-02-01', None)
    >>> _when(None, "2024-02-30")
    Traceback (most recent call last):
    ...
    mea_graph.errors.InvalidArgument: not a date: '2024-02-30' (day is out of range for month)
    """
    if isinstance(at, dt.date):
        return at.isoformat(), None
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", at.strip()):
        day = _day(at.strip())
        try:
            dt.date.fromisoformat(day)
        except ValueError as error:
            raise InvalidArgument(f"not a date: {at.strip()!r} ({error})") from None
        return day, None
    meeting = resolve(backend, at, "mea:Meeting")
    rows = select(backend, f"SELECT ?d WHERE {{ <{meeting}> mea:startDate ?d }}")
    if not rows:
        raise UnknownEntity(f"meeting {compact(meeting)} has no mea:startDate")
    return _day(rows[0]["d"]), meeting


def in_force(
    backend: GraphBackend, at: str | dt.date, *, apply_recommendations: bool = False
) -> InForceResult:
    """Standing of every resolution and decision at ``at``: a date (``date`` or ISO text)
    or a meeting (IRI, prefixed name, slug or label), taken as held on its start date."""
    date, meeting = _when(backend, at)
    tables = in_force_tables(backend)
    instruments, relations, actions = tables.instruments, tables.relations, tables.actions

    def applied(row: dict) -> bool:
        return apply_recommendations and "date" in row and _day(row["date"]) <= date

    def adoption(iri: str) -> tuple[str | None, str, tuple[str, ...]] | None:
        """(date or None if unknown, how, evidence) if adopted by ``date``, else None."""
        item = instruments.get(iri, {"status": set()})
        for row in actions.get(iri, []):
            if row["type"].endswith("/adopt") and applied(row):
                how = _recommended("adopted", row)
                return _day(row["date"]), how, (row["paragraph"],)
        if "proposed" in item["status"]:
            return None
        if "date" in item:
            held = _day(item["date"])
            return (
                (held, f"adopted at {compact(item['meeting'])} ({held})", ())
                if held <= date
                else None
            )
        return None, "adopted (adoption date not recorded)", ()

    standings = [
        _standing(iri, item, date, relations.get(iri, {}), actions.get(iri, []), adoption, applied)
        for iri, item in sorted(instruments.items())
    ]
    return InForceResult(date, meeting, apply_recommendations, tuple(standings))


@dataclass(frozen=True)
class _Tables:
    """What :func:`in_force` reads from the graph, whatever the date: each resolution and
    decision (its row, with its statuses as a set), the relations that end instruments
    (ended IRI -> relation -> ending IRI -> evidence), and the recommended actions by
    target. Cached per dataset version and shared: never changed once built."""

    instruments: dict[str, dict]
    relations: dict[str, dict[str, dict[str, set[str]]]]
    actions: dict[str, list[dict]]


def in_force_tables(backend: GraphBackend) -> _Tables:
    """The rows :func:`in_force` works on, read once per dataset version."""
    return cached_table(backend, "in-force tables", build=lambda: _read_tables(backend))


def _read_tables(backend: GraphBackend) -> _Tables:
    instruments: dict[str, dict] = {}
    for row in select(backend, INSTRUMENTS_QUERY):
        item = instruments.setdefault(row["i"], {**row, "status": set()})
        if "status" in row:
            item["status"].add(row["status"][len(PREFIXES["status"]) :])
    relations: dict[str, dict[str, dict[str, set[str]]]] = {}
    for row in select(backend, RELATIONS_QUERY):
        kind = row["rel"].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        ended = relations.setdefault(row["o"], {}).setdefault(kind, {})
        ended.setdefault(row["s"], set()).update([row["evidence"]] if "evidence" in row else [])
    actions: dict[str, list[dict]] = {}
    for row in select(backend, ACTIONS_QUERY):
        actions.setdefault(row["target"], []).append(row)
    return _Tables(instruments, relations, actions)


def _recommended(verb: str, row: dict) -> str:
    """``"deleted at mtg:x as recommended by d181:para-52-c"``."""
    meeting, paragraph = compact(row.get("meeting")), compact(row["paragraph"])
    return f"{verb} at {meeting} as recommended by {paragraph}"


def _standing(iri, item, date, relations, actions, adoption, applied) -> InstrumentStanding:
    def result(standing: Standing, reason: str, evidence=()) -> InstrumentStanding:
        return InstrumentStanding(
            iri,
            item.get("en", iri),
            item.get("fr", iri),
            standing,
            reason,
            tuple(sorted(evidence)),
            _day(item["date"]) if "date" in item else "",
        )

    adopted = adoption(iri)
    if adopted is None:
        if "proposed" in item["status"]:
            proposals = [r for r in actions if r["type"].endswith("/adopt")]
            where = "".join("; " + _recommended("to be adopted", r) for r in proposals)
            return result(
                Standing.PROPOSED,
                "only proposed, not adopted" + where,
                [r["paragraph"] for r in proposals],
            )
        return result(
            Standing.NOT_YET_ADOPTED,
            f"not yet adopted on {date}: adopted at "
            f"{compact(item.get('meeting'))} ({item.get('date')})",
        )
    for kind, standing in (("repeals", Standing.REPEALED), ("replaces", Standing.REPLACED)):
        for other, evidence in sorted(relations.get(kind, {}).items()):
            ended = adoption(other)
            if ended is not None:
                verb = "repealed" if kind == "repeals" else "replaced"
                return result(
                    standing, f"{verb} by {compact(other)}, {ended[1]}", evidence | set(ended[2])
                )
    for row in actions:
        if row["type"].endswith("/delete") and applied(row):
            return result(
                Standing.DELETED,
                _recommended("deleted", row),
                [row["paragraph"]],
            )
    if "repealed" in item["status"]:
        return result(
            Standing.REPEALED,
            "recorded as repealed (status:repealed); the repealing instrument is not recorded",
        )
    notes = [adopted[1]]
    notes += [
        f"recommended for deletion at {compact(r.get('meeting'))} by {compact(r['paragraph'])}"
        for r in actions
        if r["type"].endswith("/delete")
    ]
    notes += [
        f"carried forward by {compact(o)}" for o in sorted(relations.get("carriesForward", {}))
    ]
    return result(Standing.IN_FORCE, "; ".join(notes), adopted[2])
