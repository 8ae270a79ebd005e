"""Turn what a user types (a prefixed name, a full IRI, a slug, a label or an acronym in
English or French, with or without accents, in any case) into one IRI of a given class.

>>> from mea_graph.network._sample import sample_backend
>>> resolve(sample_backend(), "convention a", "mea:EnvironmentalAgreement")
'https://w3id.org/mea-graph/id/agreement/a'
>>> resolve(sample_backend(), "CÄ", "mea:EnvironmentalAgreement")
'https://w3id.org/mea-graph/id/agreement/a'
>>> resolve(sample_backend(), "nowhere", "mea:EnvironmentalAgreement")
Traceback (most recent call last):
...
mea_graph.errors.UnknownEntity: no mea:EnvironmentalAgreement matches 'nowhere'
"""

from __future__ import annotations

from ..backends import GraphBackend
from ..errors import UnknownEntity
from ..network._common import select
from ..synergy.cache import cached_table
from ..synergy.ids import expand
from ..synergy.search import normalize

__all__ = ["fold_text", "instances", "resolve"]


def fold_text(text: str) -> str:
    """Lower case without accents or surrounding spaces (the search index's form).

    >>> fold_text("  Décision ÉLAN ")
    'decision elan'
    """
    return normalize(text)


def resolve(backend: GraphBackend, text: str, cls: str) -> str:
    """The IRI of the instance of ``cls`` (a prefixed class name) that ``text`` names."""
    rows = instances(backend, cls)
    wanted, iri = fold_text(text), expand(text)
    exact = {row["x"] for row in rows if row["x"] == iri}
    if exact:
        return exact.pop()
    slug = {row["x"] for row in rows if fold_text(row["x"].rsplit("/", 1)[-1]) == wanted}
    labelled = {row["x"] for row in rows if fold_text(row.get("label", "")) == wanted}
    for found in (slug, labelled):
        if len(found) == 1:
            return found.pop()
        if len(found) > 1:
            raise UnknownEntity(f"{text!r} names several {cls}: {', '.join(sorted(found))}")
    raise UnknownEntity(f"no {cls} matches {text!r}")


def instances(backend: GraphBackend, cls: str) -> list[dict[str, str]]:
    """Every instance of ``cls`` with each of its labels (rows ``x``, ``label``), read once
    per dataset version (:mod:`mea_graph.synergy.cache`)."""
    query = f"""SELECT DISTINCT ?x ?label WHERE {{
          ?x a/rdfs:subClassOf* {cls} .
          OPTIONAL {{ ?x skos:prefLabel|skos:altLabel ?label }}
        }}"""
    return cached_table(backend, f"instances of {cls}", build=lambda: select(backend, query))
