"""Look entities up by label, acronym or alternative label, in English and French.

Matching ignores accents, case, typographic apostrophes and dashes, and extra spaces:
:func:`normalize` maps every label and the query to one comparable form (Unicode NFKD,
combining marks dropped, ``casefold``). It runs in Python over a label index built by
**one** SPARQL query (every ``skos:prefLabel``, ``skos:altLabel`` and ``rdfs:label`` in
English or French, with the subject's types and their superclasses). This works the same
on the embedded store and on a remote endpoint, which a custom pyoxigraph function would
not.

The index is cached with the backend's other tables, per dataset version (see
:mod:`.cache`): a new version rebuilds it; :func:`clear_index` drops it at once.

>>> normalize("Programme des Nations Unies pour l’Environnement")
"programme des nations unies pour l'environnement"
>>> normalize("  Réseau   ÉCOLOGIQUE ")
'reseau ecologique'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..backends import GraphBackend
from ..errors import InvalidArgument
from ..query import named, tagged
from ..report import compact
from .cache import cache_of, cached_table
from .models import Frozen, Ref

__all__ = ["LabelIndex", "SearchHit", "clear_index", "label_index", "normalize", "search"]

_PUNCT = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "–": "-", "—": "-"})
_SPACES = re.compile(r"\s+")
_WORD_EDGE = re.compile(r"[\s'\-/(),.;:]+")

PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
LANGUAGES = ("en", "fr")


def normalize(text: str) -> str:
    """The form in which labels are compared: no accents, case-folded, plain punctuation."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_PUNCT))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


@dataclass(frozen=True)
class Entry:
    """One label of one entity."""

    iri: str
    label: str
    lang: str
    preferred: bool
    key: str
    types: frozenset[str]


class LabelIndex:
    """Every English and French label of the dataset, normalised for lookup."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries = tuple(entries)
        self.by_key: dict[str, list[Entry]] = {}
        self.labels: dict[str, dict[str, str]] = {}  # iri -> lang -> preferred label
        for entry in self.entries:
            self.by_key.setdefault(entry.key, []).append(entry)
            if entry.preferred:
                self.labels.setdefault(entry.iri, {}).setdefault(entry.lang, entry.label)

    @classmethod
    def build(cls, backend: GraphBackend) -> LabelIndex:
        result = backend.query(
            "SELECT ?s ?p ?label (GROUP_CONCAT(DISTINCT STR(?type); separator=' ') AS ?types) "
            "WHERE { VALUES ?p { skos:prefLabel skos:altLabel rdfs:label } ?s ?p ?label . "
            'FILTER(isIRI(?s) && LANG(?label) IN ("en", "fr")) '
            "OPTIONAL { ?s rdf:type/rdfs:subClassOf* ?type } } GROUP BY ?s ?p ?label"
        )
        entries = []
        for s, p, label, types in result.raw_rows:
            text, lang = tagged(label)
            entries.append(
                Entry(
                    iri=named(s).value,
                    label=text,
                    lang=lang,
                    preferred=named(p).value == PREF,
                    key=normalize(text),
                    types=frozenset(types.value.split()) if types else frozenset(),
                )
            )
        return cls(entries)

    def ref(self, iri: str) -> Ref:
        labels = self.labels.get(iri, {})
        return Ref.of(iri, en=labels.get("en"), fr=labels.get("fr"))

    def exact(self, text: str, *, types: Iterable[str] = ()) -> list[str]:
        """The IRIs that carry ``text`` as a label (normalised), optionally of given types."""
        wanted = set(types)
        found = {
            e.iri for e in self.by_key.get(normalize(text), []) if not wanted or e.types & wanted
        }
        return sorted(found)


_KEY = "label-index"


def label_index(backend: GraphBackend) -> LabelIndex:
    """The backend's label index, built on first use and then cached (per version)."""
    return cached_table(backend, _KEY, build=lambda: LabelIndex.build(backend))


def clear_index(backend: GraphBackend) -> None:
    """Forget everything cached for ``backend``, its label index included (call it after
    changing the data behind ``backend`` in place)."""
    cache_of(backend).clear()


class SearchHit(Frozen):
    """An entity found by a lookup, with the label that matched and how well."""

    entity: Ref
    types: list[str]
    matched_label: str
    matched_lang: str
    score: int


def _score(key: str, query: str, entry: Entry) -> int:
    if key == query:
        return 100 if entry.preferred else 95
    if key.startswith(query) and not key[len(query)].isalnum():
        return 80
    padded, words = f" {_WORD_EDGE.sub(' ', key)} ", _WORD_EDGE.sub(" ", query).strip()
    if words and f" {words} " in padded:
        return 60
    if query in key:
        return 40
    tokens = words.split()
    if tokens and all(f" {t}" in padded for t in tokens):
        return 30
    return 0


def search(
    backend: GraphBackend,
    text: str,
    *,
    type: str | None = None,  # noqa: A002 - the API's parameter name
    lang: str | None = None,
    limit: int = 20,
) -> list[SearchHit]:
    """Entities whose label matches ``text``, best first.

    An exact label beats a label that starts with the text, which beats one that contains
    it as whole words, then as a substring, then all its words. ``type`` (a class IRI)
    keeps instances of that class or its subclasses; ``lang`` ("en" or "fr") matches
    labels in that language only.
    """
    query = normalize(text)
    if not query:
        raise InvalidArgument("the search text is empty")
    if lang is not None and lang not in LANGUAGES:
        raise InvalidArgument(f"unsupported language {lang!r}: use one of {', '.join(LANGUAGES)}")
    index = label_index(backend)
    best: dict[str, tuple[int, Entry]] = {}
    for entry in index.entries:
        if (lang and entry.lang != lang) or (type and type not in entry.types):
            continue
        score = _score(entry.key, query, entry)
        if score and (entry.iri not in best or _better(score, entry, *best[entry.iri])):
            best[entry.iri] = (score, entry)
    ranked = sorted(best.values(), key=lambda item: (-item[0], len(item[1].key), item[1].iri))
    return [
        SearchHit(
            entity=index.ref(entry.iri),
            types=sorted(compact(t) for t in entry.types),
            matched_label=entry.label,
            matched_lang=entry.lang,
            score=score,
        )
        for score, entry in ranked[:limit]
    ]


def _better(score: int, entry: Entry, old_score: int, old: Entry) -> bool:
    return (score, -len(entry.key)) > (old_score, -len(old.key))
