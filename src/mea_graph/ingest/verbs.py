"""Classify the operative verbs of a paragraph into the verb: scheme.

The verb forms are the SKOS labels of the scheme (``data/vocabularies.ttl``); where they
may stand is in ``rules/verbs.toml``. A paragraph may carry several verbs: the one that
opens it, passive forms in its first clause ("Les Parties … sont invitées à"), and verbs
that open a new clause after a conjunction ("… et prie en outre le Secrétariat …").

>>> lexicon = VerbLexicon({"requests": ["Prie", "Requests", "Il est demandé"],
...     "urges": ["Prie instamment"], "welcomes": ["Se félicite", "Welcomes"],
...     "invites": ["sont invitées", "invite"]}, Rules.load().verbs)
>>> [(h.code, h.position) for h in lexicon.find("Prie instamment les Parties d'agir;")]
[('urges', 'start')]
>>> [h.code for h in lexicon.find("Se félicite du programme et prie en outre le Secrétariat")]
['welcomes', 'requests']
>>> [(h.code, h.position) for h in lexicon.find("Les Parties sont invitées à agir.")]
[('invites', 'passive')]
>>> lexicon.find("Le Secrétariat a participé à la réunion.")
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ._text import Folded, fold
from .rules import Rules

__all__ = ["VerbHit", "VerbLexicon"]

_CLAUSE_END = re.compile(r"[:;]|\.\s")


@dataclass(frozen=True)
class VerbHit:
    """One operative verb found in a paragraph."""

    code: str  # the verb: concept's code, e.g. "requests"
    form: str  # the words as written in the text
    start: int
    end: int  # offsets in the paragraph text (the end includes following modifiers)
    position: str  # "start", "clause" (after a conjunction), "passive" or "impersonal"


class VerbLexicon:
    """Verb forms (by verb code) and the placement rules of ``rules/verbs.toml``."""

    def __init__(self, forms: Mapping[str, Iterable[str]], rules: Mapping[str, Any]):
        self.rules = rules
        by_form: dict[str, str] = {}
        for code, labels in forms.items():
            for label in labels:
                by_form.setdefault(fold(label), code)
        self._by_form = by_form
        ordered = sorted(by_form, key=len, reverse=True)
        self._form_re = re.compile(
            r"(?<![\w'])(" + "|".join(re.escape(f) for f in ordered) + r")(?![\w])"
        )
        self._modifiers = sorted((fold(m) for m in rules["modifiers"]), key=len, reverse=True)
        self._conjunctions = [fold(c) for c in rules["conjunctions"]]
        self._followers = {fold(f) for f in rules["followers"]}
        self._impersonal = [fold(x) + " " for x in rules["impersonal"]]
        self._passive = [fold(x) + " " for x in rules["passive"]]
        self.declaratory = frozenset(rules["declaratory"])

    @classmethod
    def from_knowledge(cls, knowledge, rules: Rules) -> VerbLexicon:
        return cls(
            {code: [form for form, _ in verb.forms] for code, verb in knowledge.verbs.items()},
            rules.verbs,
        )

    def openers(self) -> list[str]:
        """Every form, for recognising the start of a preambular paragraph."""
        return list(self._by_form)

    # -- finding verbs --------------------------------------------------------------------
    def at_start(self, text: str) -> VerbHit | None:
        """The verb that opens the paragraph ("Also requests", "Prie instamment")."""
        folded = Folded.of(text)
        position = self._skip_start(folded.text, _skip_punctuation(folded.text, 0))
        match = self._form_re.match(folded.text, position)
        if not match:
            return None
        return self._hit(text, folded, match, "start")

    def find(self, text: str, *, passive: bool = True) -> list[VerbHit]:
        """All operative verbs of a paragraph, in reading order. With ``passive=False``
        passive forms in the first clause are not looked for (report paragraphs)."""
        folded = Folded.of(text)
        hits: list[VerbHit] = []
        first = self.at_start(text)
        if first:
            hits.append(first)
        clause_end = _CLAUSE_END.search(folded.text)
        limit = clause_end.start() if clause_end else len(folded.text)
        for match in self._form_re.finditer(folded.text):
            if self._overlaps(hits, folded, match):
                continue
            form = match.group(1)
            if any(form.startswith(p) for p in self._impersonal):
                if match.start() <= limit and (passive or match.start() == 0):
                    hits.append(self._hit(text, folded, match, "impersonal"))
                continue
            if any(form.startswith(p) for p in self._passive):
                if passive and match.start() <= limit:
                    hits.append(self._hit(text, folded, match, "passive"))
                continue
            if first is None and not hits:
                continue  # a clause verb needs an opening verb before it
            if self._opens_clause(folded.text, match):
                hits.append(self._hit(text, folded, match, "clause"))
        return sorted(hits, key=lambda h: h.start)

    # -- helpers ------------------------------------------------------------------------
    def _hit(self, text: str, folded: Folded, match: re.Match, position: str) -> VerbHit:
        end = self._skip(folded.text, match.end())
        start, stop = folded.span(match.start(), match.end())
        _, end_original = folded.span(match.start(), end) if end > match.start() else (0, stop)
        return VerbHit(
            self._by_form[match.group(1)], text[start:stop], start, end_original, position
        )

    def _overlaps(self, hits: list[VerbHit], folded: Folded, match: re.Match) -> bool:
        start, stop = folded.span(match.start(), match.end())
        return any(h.start <= start < h.end or start <= h.start < stop for h in hits)

    def _skip(self, folded: str, position: int) -> int:
        """Skip modifiers (and the spaces around them) from ``position``."""
        moved = True
        while moved:
            moved = False
            rest = folded[position:].lstrip(" ,")
            offset = len(folded) - position - len(rest)
            for modifier in self._modifiers:
                if rest.startswith(modifier) and (
                    len(rest) == len(modifier) or not rest[len(modifier)].isalnum()
                ):
                    position += offset + len(modifier)
                    moved = True
                    break
        return position

    def _skip_start(self, folded: str, position: int) -> int:
        position = self._skip(folded, position)
        while position < len(folded) and folded[position] in " ,":
            position += 1
        return position

    def _opens_clause(self, folded: str, match: re.Match[str]) -> bool:
        before = folded[: match.start()].rstrip()
        for modifier in self._modifiers:  # "and further requests"
            if before.endswith(" " + modifier):
                before = before[: -len(modifier)].rstrip()
                break
        preceded = before.endswith((";", ",")) or any(
            before.endswith(" " + c) or before == c for c in self._conjunctions
        )
        if not preceded:
            return False
        after = folded[self._skip(folded, match.end()) :].lstrip(" ,")
        word = re.match(r"[\w]+'?|'", after)
        return word is not None and (
            word.group() in self._followers or word.group().rstrip("'") in self._followers
        )


def _skip_punctuation(folded: str, position: int) -> int:
    while position < len(folded) and folded[position] in " [(\"'«":
        position += 1
    return position
