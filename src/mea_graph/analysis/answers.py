"""Two analyses as answers of the HTTP API (``/api/brokers``, ``/api/in-force``): typed
(frozen pydantic models), with labels and the text of the evidence, one page at a time.

The analyses themselves (:func:`~.brokerage.convention_brokers`, :func:`~.in_force.in_force`)
are cached per dataset version; only the page asked for is given its evidence texts.

>>> from mea_graph.network._sample import backend_from_turtle
>>> backend = backend_from_turtle('''
...   mtg:m1 a mea:Meeting ; mea:startDate "2020-01-10"^^xsd:date .
...   dec:d a mea:Decision ; mea:adoptedAt mtg:m1 ; skos:prefLabel "Decision D"@en .''')
>>> total, answer = in_force_answer(backend, "2021")
>>> total, answer.in_force, [(s.instrument.label, s.standing.value) for s in answer.instruments]
(1, 1, [('Decision D', 'in-force')])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from contextlib import suppress

from ..backends import GraphBackend
from ..errors import EmptyNetwork
from ..synergy.evidence import Evidence, fetch_evidence
from ..synergy.models import Frozen, Ref
from .brokerage import convention_brokers
from .in_force import InstrumentStanding, Standing, in_force

__all__ = [
    "BrokerAnswer",
    "BrokersAnswer",
    "InForceAnswer",
    "StandingAnswer",
    "brokers_answer",
    "in_force_answer",
    "warm_up",
]


class BrokerAnswer(Frozen):
    """A node on the shortest paths between conventions with no direct collaboration."""

    broker: Ref
    group: str
    score: float
    pairs: list[tuple[str, str]]  # the conventions it bridges (IRIs)
    evidence: list[Evidence]  # the paragraphs of the ties it uses on those paths


class BrokersAnswer(Frozen):
    """One page of brokers, best first, and what they were computed over."""

    conventions: list[str]
    unlinked_pairs: int
    excluded: list[str]
    brokers: list[BrokerAnswer]


class StandingAnswer(Frozen):
    """One resolution or decision: in force or not at the date, why, and the evidence."""

    instrument: Ref
    standing: Standing
    in_force: bool
    reason: str
    adopted_on: str
    evidence: list[Evidence]


class InForceAnswer(Frozen):
    """One page of instruments with their standing at ``date``, and the counts."""

    date: str
    meeting: Ref | None
    applied_recommendations: bool
    in_force: int
    not_in_force: int
    instruments: list[StandingAnswer]


def brokers_answer(
    backend: GraphBackend,
    *,
    exclude: Iterable[str] = (),
    offset: int = 0,
    limit: int | None = None,
) -> tuple[int, BrokersAnswer]:
    """How many brokers there are, and the page from ``offset`` (see
    :func:`~.brokerage.convention_brokers`)."""
    result = convention_brokers(backend, exclude=exclude)
    chosen = _slice(result.brokers, offset, limit)
    texts = fetch_evidence(backend, {e for b in chosen for e in b.evidence})
    return len(result.brokers), BrokersAnswer(
        conventions=list(result.conventions),
        unlinked_pairs=result.unlinked_pairs,
        excluded=sorted(set(exclude)),
        brokers=[
            BrokerAnswer(
                broker=_ref(b.iri, b.label_en, b.label_fr),
                group=b.group,
                score=b.score,
                pairs=list(b.pairs),
                evidence=_texts(texts, b.evidence),
            )
            for b in chosen
        ],
    )


def in_force_answer(
    backend: GraphBackend,
    at: str | dt.date,
    *,
    apply_recommendations: bool = False,
    standings: Iterable[Standing] = (),
    offset: int = 0,
    limit: int | None = None,
) -> tuple[int, InForceAnswer]:
    """How many instruments have one of ``standings`` (all if none given) at ``at`` (see
    :func:`~.in_force.in_force`), and the page of them from ``offset``."""
    result = in_force(backend, at, apply_recommendations=apply_recommendations)
    wanted = set(standings)
    listed = [s for s in result.instruments if not wanted or s.standing in wanted]
    chosen = _slice(listed, offset, limit)
    texts = fetch_evidence(backend, {e for s in chosen for e in s.evidence})
    return len(listed), InForceAnswer(
        date=result.date,
        meeting=Ref.of(result.meeting) if result.meeting else None,
        applied_recommendations=result.applied_recommendations,
        in_force=len(result.in_force),
        not_in_force=len(result.excluded),
        instruments=[_standing(s, texts) for s in chosen],
    )


def warm_up(backend: GraphBackend) -> None:
    """Build what the synergy routes share (the label index, the mandate index, the
    partnership projection and the rows of :func:`~.in_force.in_force`), so that the first
    requests on a new dataset version are as fast as the next ones: at 1M triples this
    takes a few seconds, best spent in the background when the server starts and after
    an update.

    >>> from mea_graph.network._sample import sample_backend
    >>> from mea_graph.synergy.cache import cache_of
    >>> backend = sample_backend()
    >>> warm_up(backend)
    >>> len(cache_of(backend).tables.keys())
    4
    """
    from ..network import cached_project
    from ..synergy.mandate_index import mandate_index
    from ..synergy.search import label_index
    from .in_force import in_force_tables

    label_index(backend)
    mandate_index(backend)
    with suppress(EmptyNetwork):  # no collaboration in the data: no brokers to prepare
        cached_project(backend, "partners", fold_secretariats=True)
    in_force_tables(backend)


def _standing(standing: InstrumentStanding, texts: dict[str, Evidence]) -> StandingAnswer:
    return StandingAnswer(
        instrument=_ref(standing.iri, standing.label_en, standing.label_fr),
        standing=standing.standing,
        in_force=standing.in_force,
        reason=standing.reason,
        adopted_on=standing.adopted_on,
        evidence=_texts(texts, standing.evidence),
    )


def _ref(iri: str, label_en: str, label_fr: str) -> Ref:
    """A :class:`Ref` from an analysis' labels (which fall back on the IRI)."""
    return Ref.of(
        iri, en=None if label_en == iri else label_en, fr=None if label_fr == iri else label_fr
    )


def _texts(texts: dict[str, Evidence], paragraphs: Iterable[str]) -> list[Evidence]:
    """The evidence of ``paragraphs``, in their order (an IRI the graph does not describe
    keeps its id, without text)."""
    return [texts.get(p) or Evidence(paragraph=p, paragraph_id=Ref.of(p).id) for p in paragraphs]


def _slice(items: Sequence, offset: int, limit: int | None) -> list:
    return list(items[offset : None if limit is None else offset + limit])
