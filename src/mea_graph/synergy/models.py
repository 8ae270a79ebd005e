"""Typed results shared by the synergy functions: a reference to an entity with its labels.

>>> ref = Ref.of("https://w3id.org/mea-graph/id/org/unep", en="UNEP", fr="PNUE")
>>> ref.id, ref.label
('orgn:unep', 'UNEP')
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..report import compact

__all__ = ["Frozen", "Ref"]


class Frozen(BaseModel):
    """Base of every result model: immutable, so results can be cached and shared."""

    model_config = ConfigDict(frozen=True)


class Ref(Frozen):
    """An entity named by its IRI, its compact id and its English and French labels."""

    iri: str
    id: str
    label_en: str | None = None
    label_fr: str | None = None

    @classmethod
    def of(cls, iri: str, *, en: str | None = None, fr: str | None = None) -> Ref:
        return cls(iri=iri, id=compact(iri), label_en=en, label_fr=fr)

    @property
    def label(self) -> str:
        """The English label, else the French one, else the compact id."""
        return self.label_en or self.label_fr or self.id
