"""Precision, recall and F1 of `mea-graph ingest` against the hand-labelled gold files.

Run from the project root: ``python -m bench.extraction`` (or ``python
bench/extraction/run.py``). The shipped data is built into a temporary store first, so
the figures do not depend on what was ingested before. Exit code 1 if a target is missed.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASES = [  # (source, language, gold files)
    (
        ROOT / "sources" / "UNEP-CMS-COP14-Doc.18.1-fr.txt",
        "fr",
        [
            ROOT / "tests" / "gold" / "doc-18.1-annex-operative.json",
            ROOT / "tests" / "gold" / "doc-18.1-mentions-15-49.json",
        ],
    ),
    (
        ROOT / "tests" / "ingest" / "fixtures" / "resolution-en.txt",
        "en",
        [ROOT / "tests" / "ingest" / "fixtures" / "resolution-en.gold.json"],
    ),
]


def main() -> int:
    from rich.console import Console
    from rich.table import Table

    from mea_graph.backends import EmbeddedBackend
    from mea_graph.build import build_store
    from mea_graph.ingest.pipeline import Extractor
    from mea_graph.ingest.reader import read_source
    from mea_graph.ingest.scoring import MENTION_PRECISION, TARGETS, GoldFile, score_extraction
    from mea_graph.layout import Layout
    from mea_graph.store import StoreFolder

    console = Console()
    with tempfile.TemporaryDirectory() as folder:
        build_store(Layout(ROOT), store_path=Path(folder))
        backend = EmbeddedBackend(StoreFolder(Path(folder)).open())
        extractor = Extractor.load(backend, convention="cms", meeting="cop14")
        table = Table(title="Extraction benchmark")
        for column in ("gold", "field", "TP", "FP", "FN", "P", "R", "F1", "target", "met"):
            table.add_column(column, justify="right" if column in {"TP", "FP", "FN"} else "left")
        failed = 0
        for source, language, golds in CASES:
            started = time.perf_counter()
            extraction = extractor.extract(read_source(source), language=language)
            elapsed = time.perf_counter() - started
            for path in golds:
                for name, score in score_extraction(extraction, GoldFile.read(path)).items():
                    metric, target = TARGETS[name]
                    met = getattr(score, metric) >= target
                    if name == "mentions":
                        met = met and score.precision >= MENTION_PRECISION
                        wanted = f"R≥{target} at P≥{MENTION_PRECISION}"
                    else:
                        wanted = f"{metric.upper()}≥{target}"
                    failed += not met
                    table.add_row(
                        path.name.removesuffix(".json"),
                        name,
                        str(score.true_positives),
                        str(score.false_positives),
                        str(score.false_negatives),
                        f"{score.precision:.3f}",
                        f"{score.recall:.3f}",
                        f"{score.f1:.3f}",
                        wanted,
                        "[green]yes[/green]" if met else "[red]no[/red]",
                    )
            console.print(
                f"{source.name}: {len(extraction.paragraphs)} paragraphs in {elapsed:.2f} s"
            )
        console.print(table)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
