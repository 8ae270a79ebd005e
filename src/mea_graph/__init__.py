"""mea-graph: a knowledge graph of multilateral environmental agreements.

The package builds a validated RDF store from the ontology and curated data shipped
with the project, and answers questions about it.

>>> from mea_graph import __version__
>>> __version__
'0.1.0'
"""

__version__ = "0.1.0"
