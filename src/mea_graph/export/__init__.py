"""Exports for the tools researchers use: networks for Gephi, R and pandas (GraphML, GEXF,
CSV, JSON node-link) and RDF dumps (Turtle, N-Triples, JSON-LD, TriG), each recording the
dataset version, the date and the hash of the query that made it."""

from .network import MEDIA_TYPES, NETWORK_FORMATS, network_files, write_network
from .provenance import ExportInfo, dataset_version
from .rdf import RDF_FORMATS, rdf_bytes, write_rdf

__all__ = [
    "MEDIA_TYPES",
    "NETWORK_FORMATS",
    "RDF_FORMATS",
    "ExportInfo",
    "dataset_version",
    "network_files",
    "rdf_bytes",
    "write_network",
    "write_rdf",
]
