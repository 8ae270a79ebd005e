"""``python -m bench.harness --sizes 100k,1M,5M``: run the benchmark, write the raw JSON
to ``bench/results/`` and regenerate ``docs/performance.md``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from mea_graph.errors import MeaGraphError
from mea_graph.layout import Layout

from .data import parse_size
from .report import write_json, write_markdown
from .run import Options, run

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.harness", description=__doc__)
    parser.add_argument("--sizes", default="100k", help="comma-separated: 100k,1M,5M")
    parser.add_argument("--peers", default="abcde", help="letters among a-e (b is required)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per query")
    parser.add_argument("--timeout", type=float, default=10.0, help="per-query limit (s)")
    parser.add_argument("--load-seconds", type=float, default=2.0, help="per load run (s)")
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument("--no-shacl", action="store_true")
    parser.add_argument("--workdir", type=Path, default=None, help="default: var/bench")
    parser.add_argument("--results", type=Path, default=None, help="default: bench/results")
    parser.add_argument("--markdown", type=Path, default=None, help="default: docs/performance.md")
    args = parser.parse_args(argv)
    try:
        layout = Layout.discover()
        sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
        if args.repeats < 1 or args.timeout <= 0 or args.load_seconds <= 0:
            raise MeaGraphError("--repeats, --timeout and --load-seconds must be positive")
        options = Options(
            peers=tuple(dict.fromkeys(args.peers)),
            repeats=args.repeats,
            timeout=args.timeout,
            load_seconds=args.load_seconds,
            throughput=not args.no_throughput,
            shacl=not args.no_shacl,
        )
        results = args.results or layout.root / "bench" / "results"
        for size in sizes:
            result = run(
                layout, args.workdir or layout.root / "var" / "bench", triples=size, options=options
            )
            print(f"wrote {write_json(result, results)}")
        markdown = write_markdown(results, args.markdown or layout.root / "docs" / "performance.md")
        print(f"wrote {markdown}")
    except MeaGraphError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
