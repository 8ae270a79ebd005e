"""Precision, recall and F1 of an extraction against hand-labelled gold files.

Gold files (``tests/gold/``, ``tests/ingest/fixtures/*.gold.json``) list paragraphs by
section and number with their ``verbs``, ``addressees`` and ``organisations``; scores
are over (paragraph, value) pairs.

>>> Score.of({("1", "a"), ("1", "b")}, {("1", "a"), ("2", "c")})
Score(true_positives=1, false_positives=1, false_negatives=1)
>>> round(Score(9, 1, 0).f1, 3)
0.947
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .pipeline import Extraction
from .rules import Rules, expand_curie

__all__ = ["Score", "GoldFile", "score_extraction", "TARGETS"]

# The targets of issue 5: verb F1, addressee F1, mention recall at precision.
TARGETS = {"verbs": ("f1", 0.95), "addressees": ("f1", 0.90), "mentions": ("recall", 0.90)}
MENTION_PRECISION = 0.90


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @classmethod
    def of(cls, gold: set, found: set) -> Score:
        return cls(len(gold & found), len(found - gold), len(gold - found))

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class GoldFile:
    path: Path
    data: dict

    @classmethod
    def read(cls, path: Path) -> GoldFile:
        return cls(path, json.loads(path.read_text(encoding="utf-8")))

    def pairs(self, field: str) -> set[tuple[str, str, str]]:
        out = set()
        for paragraph in self.data["paragraphs"]:
            for value in paragraph.get(field, ()):
                if field != "verbs":
                    value = expand_curie(value)
                out.add((paragraph["section"], paragraph["number"], value))
        return out

    def keys(self, field: str) -> set[tuple[str, str]]:
        return {(p["section"], p["number"]) for p in self.data["paragraphs"] if field in p}


def extracted_pairs(
    extraction: Extraction, field: str, keys: set[tuple[str, str]], rules: Rules | None = None
) -> set[tuple[str, str, str]]:
    """The extraction's (section, number, value) pairs for the gold's paragraphs."""
    organisation_kinds = set((rules or Rules.load()).mentions["organisation_kinds"])
    out = set()
    for paragraph in extraction.paragraphs:
        key = (paragraph.section, paragraph.number)
        if key not in keys and paragraph.segment.parent:  # items count with their chapeau
            key = (paragraph.section, paragraph.segment.parent)
        if key not in keys:
            continue
        if field == "verbs":
            values = paragraph.verb_codes
        elif field == "addressees":
            values = [a.iri or a.label for a in paragraph.addressees]
        else:
            values = [m.iri for m in paragraph.mentions if m.iri and m.kind in organisation_kinds]
        out |= {(*key, value) for value in values}
    return out


def score_extraction(
    extraction: Extraction, gold: GoldFile, fields=("verbs", "addressees", "organisations")
) -> dict[str, Score]:
    """Scores by field; "organisations" is reported as "mentions"."""
    scores = {}
    for field in fields:
        keys = gold.keys(field)
        if not keys:
            continue
        name = "mentions" if field == "organisations" else field
        found = extracted_pairs(extraction, name, keys)
        scores[name] = Score.of(gold.pairs(field), found)
    return scores
