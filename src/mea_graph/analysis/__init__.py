"""Synergy analyses over network projections of the graph."""
