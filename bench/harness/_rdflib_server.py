"""Serve an N-Quads file with rdflib-endpoint (peer d), in its own process.

``python -m bench.harness._rdflib_server DUMP PORT REPORT`` parses ``DUMP`` into an rdflib
``Dataset`` whose default graph is the union of its named graphs, writes the parse time
to ``REPORT`` (JSON) and serves ``/sparql`` with uvicorn on 127.0.0.1:PORT until killed.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

__all__ = ["main"]


def main(argv: list[str]) -> int:
    import rdflib
    import uvicorn
    from rdflib_endpoint import SparqlEndpoint

    dump, port, report = Path(argv[0]), int(argv[1]), Path(argv[2])
    started = time.perf_counter()
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(str(dump), format="nquads")
    seconds = time.perf_counter() - started
    report.write_text(json.dumps({"load_seconds": seconds, "triples": len(dataset)}))
    app = SparqlEndpoint(graph=dataset, path="/sparql", cors_enabled=False)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
