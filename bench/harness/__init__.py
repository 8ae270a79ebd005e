"""The benchmark harness of issue 6: mea-graph against pyoxigraph, Oxigraph server and
rdflib-endpoint, side by side on the same synthetic graph and the same queries.

Run it with ``python -m bench.harness --sizes 100k`` (``make bench-quick``) or
``make bench`` (100k, 1M and 5M). One module per job:

- :mod:`.data`: generate the graph and build every engine's copy of it;
- :mod:`.peers`: start, probe and stop each engine (a) to (e);
- :mod:`.queries`: the analyst queries, with parameters picked from the data;
- :mod:`.measure`: latency percentiles with a per-query timeout, peak RSS, start-up;
- :mod:`.load`: throughput with an httpx async driver, and ``/health`` during load;
- :mod:`.report`: raw JSON with machine information and the ``docs/performance.md`` table;
- :mod:`.run`: one run, all of the above, in order.
"""

__all__: list[str] = []
