"""The ingest report: JSON for machines (the shape of issue 5) and a rich summary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from ..report import compact
from .pipeline import ExtractedParagraph, Extraction
from .review import Review

__all__ = ["report_dict", "write_report", "print_summary"]


def _paragraph(paragraph: ExtractedParagraph) -> dict[str, Any]:
    return {
        "section": paragraph.section,
        "number": paragraph.number,
        "kind": paragraph.kind,
        "verbs": paragraph.verb_codes,
        "addressees": [{"label": a.label, "iri": a.iri} for a in paragraph.addressees],
        "mentions": [
            {"label": m.label, "iri": m.iri, "span": [m.start, m.end]} for m in paragraph.mentions
        ],
        "themes": list(paragraph.themes),
        "confidence": paragraph.confidence,
    }


def report_dict(
    extraction: Extraction, result: Review, *, graph: str, source: str, written: bool
) -> dict[str, Any]:
    """``{"document", "paragraphs", "low_confidence"}`` as issue 5 gives them, plus
    ``"review"``: the comparison with the curated data (curated wins)."""
    return {
        "document": {
            "iri": result.document,
            "symbol": extraction.symbol,
            "source": source,
            "sha256": extraction.sha256,
            "convention": extraction.convention,
            "meeting": extraction.meeting,
            "language": extraction.language,
            "graph": graph,
            "written": written,
            "extracted_at": extraction.started,
        },
        "paragraphs": [_paragraph(p) for p in extraction.paragraphs],
        "low_confidence": [
            {
                "section": p.section,
                "number": p.number,
                "confidence": p.confidence,
                "reasons": list(p.issues),
            }
            for p in extraction.low_confidence
        ],
        "review": {
            "curated_paragraphs": len(result.curated_paragraphs),
            "mandates_agreeing": result.agreements,
            "new_mandates": [
                {"source": m.source, "verb": m.verb.code, "addressees": list(m.addressees)}
                for m in result.new_mandates
            ],
            "conflicts": [
                {
                    "section": c.section,
                    "number": c.number,
                    "what": c.what,
                    "iri": c.iri,
                    "extracted": list(c.extracted),
                    "curated": list(c.curated),
                }
                for c in result.conflicts
            ],
        },
    }


def write_report(data: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def print_summary(console: Console, extraction: Extraction, result: Review) -> None:
    """Counts by section and kind, the operative paragraphs, low confidence, conflicts."""
    sections = Table(title=f"{extraction.symbol}: paragraphs")
    for column in ("section", "operative", "preambular", "narrative", "verbs", "mentions"):
        sections.add_column(column, justify="left" if column == "section" else "right")
    for section in dict.fromkeys(p.section for p in extraction.paragraphs):
        rows = [p for p in extraction.paragraphs if p.section == section]
        sections.add_row(
            section,
            *(
                str(sum(p.kind == k for p in rows))
                for k in ("operative", "preambular", "narrative")
            ),
            str(sum(len(p.verbs) for p in rows)),
            str(sum(len(p.mentions) for p in rows)),
        )
    console.print(sections)
    operative = Table(title="Operative paragraphs")
    for column in ("section", "no.", "verbs", "addressees", "conf."):
        operative.add_column(column, overflow="fold")
    for p in extraction.paragraphs:
        if p.kind == "operative" and p.verbs:
            operative.add_row(
                p.section,
                p.number,
                ", ".join(p.verb_codes),
                ", ".join(compact(a.iri) if a.iri else a.label for a in p.addressees),
                f"{p.confidence:.2f}",
            )
    console.print(operative)
    if extraction.low_confidence:
        low = Table(title="Low confidence (review these)")
        for column in ("section", "no.", "conf.", "why"):
            low.add_column(column, overflow="fold")
        for p in extraction.low_confidence:
            low.add_row(p.section, p.number, f"{p.confidence:.2f}", "; ".join(p.issues))
        console.print(low)
    console.print(
        f"Curated data: {len(result.curated_paragraphs)} paragraph(s) aligned, "
        f"{result.agreements} mandate(s) agree, {len(result.new_mandates)} new mandate(s) "
        f"extracted, {len(result.conflicts)} conflict(s) (curated data wins)."
    )
    if result.conflicts:
        conflicts = Table(title="Conflicts with data/ (curated wins)")
        for column in ("section", "no.", "what", "extracted", "curated"):
            conflicts.add_column(column, overflow="fold")
        for c in result.conflicts:
            conflicts.add_row(
                c.section,
                c.number,
                c.what,
                ", ".join(compact(x) for x in c.extracted),
                ", ".join(compact(x) for x in c.curated),
            )
        console.print(conflicts)
