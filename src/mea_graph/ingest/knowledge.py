"""What the graph knows that extraction needs, read once through a :class:`GraphBackend`:
the verb lexicon, the gazetteer's labels, secretariats, units, themes and meetings.

Every query goes through the backend, so extraction runs on the embedded store and on a
remote SPARQL endpoint alike.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..backends import GraphBackend
from ..errors import IngestError
from ..namespaces import GRAPH_BASE, ID_BASE
from .rules import Rules, expand_curie

__all__ = ["Knowledge", "Verb", "Label"]

# Only curated graphs count: an earlier extraction (in its own graph) is not knowledge.
_CURATED_ONLY = f'FILTER(!STRSTARTS(STR(?g), "{GRAPH_BASE}extracted/"))'


@dataclass(frozen=True)
class Verb:
    """A concept of the verb scheme."""

    iri: str
    code: str
    strength: int
    labels: dict[str, str]  # language -> prefLabel
    forms: tuple[tuple[str, str], ...]  # (form, language)


@dataclass(frozen=True)
class Label:
    """One surface form of one entity in the gazetteer."""

    iri: str
    text: str
    kind: str


@dataclass(frozen=True)
class Knowledge:
    """Lexicon and gazetteer for one convention and meeting."""

    convention: str
    meeting: str
    agreement_iri: str
    meeting_iri: str
    speaker_iri: str  # the governing body that meets (speaks in its resolutions)
    verbs: dict[str, Verb]
    labels: tuple[Label, ...]
    theme_labels: dict[str, tuple[str, ...]]  # theme IRI -> labels
    secretariat_of: dict[str, str]  # agreement IRI -> secretariat IRI
    units: dict[str, tuple[str, ...]]  # unit IRI -> labels of the parent organisations
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # IRI -> lang -> label
    kinds: dict[str, str] = field(default_factory=dict)  # IRI -> kind
    existing: frozenset[str] = frozenset()  # IRIs with a type, among those looked up

    @classmethod
    def load(
        cls, backend: GraphBackend, rules: Rules, *, convention: str, meeting: str
    ) -> Knowledge:
        """Read the lexicon and gazetteer; raise :class:`IngestError` if the convention
        (``agr:<convention>``) or the meeting (``mtg:<convention>-<meeting>``) is unknown."""
        agreement = f"{ID_BASE}agreement/{convention}"
        meeting_iri = f"{ID_BASE}meeting/{convention}-{meeting}"
        if not _exists(backend, agreement):
            raise IngestError(
                f"unknown convention {convention!r}: the graph has no agreement <{agreement}>"
            )
        if not _exists(backend, meeting_iri):
            raise IngestError(
                f"unknown meeting {meeting!r} of {convention!r}: the graph has no meeting "
                f"<{meeting_iri}>"
            )
        speaker = (
            _one(backend, f"SELECT ?b WHERE {{ <{meeting_iri}> mea:meetingOf ?b }}")
            or f"{ID_BASE}body/{convention}-cop"
        )
        kinds = {expand_curie(k): v for k, v in rules.mentions["kinds"].items()}
        labels, entity_kinds = _gazetteer(backend, kinds)
        names = _names(backend)
        return cls(
            convention=convention,
            meeting=meeting,
            agreement_iri=agreement,
            meeting_iri=meeting_iri,
            speaker_iri=speaker,
            verbs=_verbs(backend),
            labels=labels,
            theme_labels=_themes(backend),
            secretariat_of=dict(
                backend.query("SELECT ?a ?s WHERE { ?s mea:secretariatOf ?a }").bound_rows()
            ),
            units=_units(backend),
            names=names,
            kinds=entity_kinds,
            existing=frozenset(names),
        )

    def label(self, iri: str, language: str = "en") -> str:
        """The entity's preferred label in ``language`` (or English, or its IRI)."""
        by_language = self.names.get(iri, {})
        return by_language.get(language) or by_language.get("en") or iri

    def has(self, iri: str) -> bool:
        return iri in self.existing


def _exists(backend: GraphBackend, iri: str) -> bool:
    return bool(backend.query(f"ASK {{ <{iri}> a ?type }}").boolean)


def _one(backend: GraphBackend, sparql: str) -> str | None:
    rows = backend.query(sparql).rows
    return rows[0][0] if rows else None


def _verbs(backend: GraphBackend) -> dict[str, Verb]:
    result = backend.query(
        """SELECT ?verb ?strength ?kind ?label (LANG(?label) AS ?lang) WHERE {
            ?verb skos:inScheme <https://w3id.org/mea-graph/id/scheme/verb> ;
                  mea:strength ?strength .
            { ?verb skos:prefLabel ?label . BIND("pref" AS ?kind) }
            UNION { ?verb skos:altLabel ?label . BIND("alt" AS ?kind) }
            UNION { ?verb skos:hiddenLabel ?label . BIND("hidden" AS ?kind) }
        }"""
    )
    forms: dict[str, set[tuple[str, str]]] = defaultdict(set)
    prefs: dict[str, dict[str, str]] = defaultdict(dict)
    strength: dict[str, int] = {}
    for iri, value, kind, label, language in result.bound_rows():
        strength[iri] = int(value)
        forms[iri].add((label, language))
        if kind == "pref":
            prefs[iri][language] = label
    return {
        iri.rsplit("/", 1)[-1]: Verb(
            iri, iri.rsplit("/", 1)[-1], strength[iri], prefs[iri], tuple(sorted(forms[iri]))
        )
        for iri in forms
    }


def _gazetteer(
    backend: GraphBackend, kinds: dict[str, str]
) -> tuple[tuple[Label, ...], dict[str, str]]:
    values = " ".join(f"<{iri}>" for iri in kinds)
    result = backend.query(
        f"""SELECT DISTINCT ?s ?type ?label WHERE {{
            VALUES ?type {{ {values} }}
            GRAPH ?g {{ ?s a ?type }} {_CURATED_ONLY}
            ?s skos:prefLabel|skos:altLabel|skos:hiddenLabel|skos:notation|mea:symbol ?label .
        }}"""
    )
    labels: list[Label] = []
    entity_kinds: dict[str, str] = {}
    for iri, type_, label in result.bound_rows():
        entity_kinds[iri] = kinds[type_]
        labels.append(Label(iri, label, kinds[type_]))
    return tuple(sorted(set(labels), key=lambda x: (x.iri, x.text))), entity_kinds


def _themes(backend: GraphBackend) -> dict[str, tuple[str, ...]]:
    result = backend.query(
        """SELECT ?theme ?label WHERE {
            ?theme skos:inScheme <https://w3id.org/mea-graph/id/scheme/theme> ;
                   skos:prefLabel|skos:altLabel ?label }"""
    )
    found: dict[str, set[str]] = defaultdict(set)
    for theme, label in result.bound_rows():
        found[theme].add(label)
    return {theme: tuple(sorted(labels)) for theme, labels in found.items()}


def _units(backend: GraphBackend) -> dict[str, tuple[str, ...]]:
    result = backend.query(
        """SELECT ?unit ?label WHERE {
            ?unit (org:unitOf|org:subOrganizationOf)+ ?parent .
            ?parent skos:prefLabel|skos:altLabel ?label }"""
    )
    found: dict[str, set[str]] = defaultdict(set)
    for unit, label in result.bound_rows():
        found[unit].add(label)
    return {unit: tuple(sorted(labels)) for unit, labels in found.items()}


def _names(backend: GraphBackend) -> dict[str, dict[str, str]]:
    result = backend.query(
        f"""SELECT ?s ?label (LANG(?label) AS ?lang) WHERE {{
            GRAPH ?g {{ ?s a ?type }} {_CURATED_ONLY}
            ?s skos:prefLabel ?label .
            FILTER(STRSTARTS(STR(?s), "{ID_BASE}"))
        }}"""
    )
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for iri, label, language in result.bound_rows():
        names[iri][language] = label
    return dict(names)
