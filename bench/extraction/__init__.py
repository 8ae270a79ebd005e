"""Extraction benchmark: `python -m bench.extraction` (or `make bench-extraction`)."""
