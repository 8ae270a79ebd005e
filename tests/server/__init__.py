"""Tests of the HTTP layer's SPARQL endpoint (mea_graph.server)."""
