"""Themes of a paragraph: keyword rules (``rules/themes.toml``) and the theme concepts'
own labels, mapped to the theme: scheme."""

from __future__ import annotations

from ..errors import MeaGraphError
from ..namespaces import ID_BASE
from ._match import PhraseMatcher
from .knowledge import Knowledge
from .rules import Rules

__all__ = ["ThemeFinder"]


class ThemeFinder:
    def __init__(self, knowledge: Knowledge, rules: Rules):
        entries = [
            (label, theme) for theme, labels in knowledge.theme_labels.items() for label in labels
        ]
        for code, keywords in rules.themes["keywords"].items():
            theme = f"{ID_BASE}theme/{code}"
            if theme not in knowledge.theme_labels:
                raise MeaGraphError(
                    f"rules/themes.toml: unknown theme {code!r} (no <{theme}> in the theme scheme)"
                )
            entries += [(keyword, theme) for keyword in keywords]
        self._matcher = PhraseMatcher(entries)

    def find(self, text: str) -> list[str]:
        """Theme IRIs, most mentioned first (ties in alphabetical order)."""
        counts: dict[str, int] = {}
        for match in self._matcher.find(text):
            for theme in match.payloads:
                counts[theme] = counts.get(theme, 0) + 1
        return sorted(counts, key=lambda t: (-counts[t], t))
