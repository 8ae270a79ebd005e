"""Benchmarks for mea-graph: the synthetic data generator (:mod:`bench.generate`)."""
