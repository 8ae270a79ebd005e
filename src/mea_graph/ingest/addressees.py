"""Who each verb asks: the addressees named in the stretch of text the verb governs,
linked to graph entities.

For an active verb ("Prie le Secrétaire exécutif d'informer …") the stretch runs from
the verb to its infinitive; for a passive one ("Les Parties … sont invitées à") it is
the subject before the verb. Phrases come from ``rules/addressees.toml``; named bodies
come from the gazetteer (an agreement named as an actor stands for its secretariat).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import MeaGraphError
from ._match import PhraseMatcher
from ._text import fold, words_before
from .knowledge import Knowledge
from .mentions import Gazetteer
from .rules import Rules
from .verbs import VerbHit

__all__ = ["Addressee", "AddresseeFinder"]

_INFINITIVE_FR = re.compile(
    r"(?:\bde\s+|\bd['’]\s*|(?<!\w)à\s+)(?:(?:ne|se|s['’]|l['’]|les|leur|y|en|nous)\s*)?"
    r"[a-zéèêëàâîïôûùç]+(?:er|ir|re|oir)\b"
)
_INFINITIVE_EN = re.compile(
    r"\bto\s+(?!the\b|a\b|an\b|all\b|its\b|their\b|other\b|this\b|these\b|those\b|each\b"
    r"|any\b|[A-Z])[a-z]+"
)
_STOP = re.compile(r"[:;]|\.\s")
_MAX_SPAN = 260
_ACTOR_KINDS = ("organisation", "agreement")


@dataclass(frozen=True)
class Addressee:
    label: str  # a readable name ("Secretariat", "Parties", the entity's English label)
    iri: str | None
    start: int
    end: int
    text: str  # the words as written


class AddresseeFinder:
    def __init__(self, knowledge: Knowledge, rules: Rules, gazetteer: Gazetteer):
        self.knowledge = knowledge
        self.gazetteer = gazetteer
        config = rules.addressees
        self._agents = {fold(word) for word in config["agent_markers"]}
        entries, self._not_followed = [], {}
        for entry in config["addressee"]:
            try:
                iri = Rules.expand(entry["iri"], convention=knowledge.convention)
            except (KeyError, MeaGraphError) as error:
                raise MeaGraphError(f"rules/addressees.toml: bad entry {entry}: {error}") from None
            for phrase in entry["phrases"]:
                entries.append((phrase, (iri, entry.get("label", phrase))))
                if entry.get("not_followed_by"):
                    self._not_followed[fold(phrase)] = tuple(
                        fold(w) for w in entry["not_followed_by"]
                    )
        self._patterns = PhraseMatcher(entries)

    def span(self, text: str, hit: VerbHit, hits: list[VerbHit]) -> tuple[int, int]:
        """The stretch of ``text`` in which ``hit`` names its addressees."""
        if hit.position == "passive":
            previous = [h.end for h in hits if h.end <= hit.start]
            start = max(previous) if previous else 0
            return start, hit.start
        end = min([h.start for h in hits if h.start >= hit.end] + [len(text)])
        end = min(end, hit.end + _MAX_SPAN)
        stretch = text[hit.end : end]
        cuts = [
            m.start()
            for m in (
                _INFINITIVE_FR.search(stretch),
                _INFINITIVE_EN.search(stretch),
                _STOP.search(stretch),
            )
            if m
        ]
        if cuts:
            end = hit.end + min(cuts)
        return hit.end, end

    def find(self, text: str, hit: VerbHit, hits: list[VerbHit]) -> list[Addressee]:
        """The addressees of one verb, in reading order (one per entity)."""
        start, end = self.span(text, hit, hits)
        stretch = text[start:end]
        candidates: list[tuple[int, int, int, str | None, str]] = []  # start, end, rank…
        for mention in self.gazetteer.find(stretch):
            if mention.kind not in _ACTOR_KINDS or not mention.iri:
                continue
            iri = mention.iri
            if mention.kind == "agreement":  # an agreement acts through its secretariat
                secretariat = self.knowledge.secretariat_of.get(iri)
                if secretariat is None:
                    continue
                iri = secretariat
            rank = 0 if mention.rule == "secretariat-of" else 2
            candidates.append(
                (mention.start, mention.end, rank, iri, self.knowledge.label(iri, "en"))
            )
        for match in self._patterns.find(stretch):
            if self._blocked(stretch, match):
                continue
            iri, label = match.payloads[0]
            candidates.append(
                (match.start, match.end, 1, iri if self.knowledge.has(iri) else None, label)
            )
        found: list[Addressee] = []
        covered: list[tuple[int, int]] = []
        # longest first; at equal length a secretariat rule, then a phrase, then a label
        for begin, finish, _, entity, label in sorted(
            candidates, key=lambda c: (-(c[1] - c[0]), c[2], c[0])
        ):
            if any(s < finish and begin < e for s, e in covered):
                continue
            if self._is_agent(stretch, begin):
                continue
            found.append(
                Addressee(label, entity, start + begin, start + finish, stretch[begin:finish])
            )
            covered.append((begin, finish))
        unique: dict[str | None, Addressee] = {}
        for addressee in sorted(found, key=lambda a: a.start):
            unique.setdefault(addressee.iri or addressee.label, addressee)
        return list(unique.values())

    def _blocked(self, stretch: str, match) -> bool:
        """A phrase followed by a word that makes it another actor ("Secrétariat de …")."""
        blocked = self._not_followed.get(fold(match.phrase), ())
        if not blocked:
            return False
        after = fold(stretch[match.end : match.end + 20])
        words = re.findall(r"[\w]+'?", after)
        return (
            after[:1] in blocked
            or bool(words)
            and (words[0] in blocked or words[0].rstrip("'") in blocked)
        )

    def _is_agent(self, text: str, position: int) -> bool:
        return bool(set(words_before(text, position, 2)) & self._agents)
