"""The HTTP layer: a SPARQL 1.1 endpoint, the synergy API and dereferenceable IRIs.

``create_app(settings)`` builds the FastAPI application; ``mea-graph serve`` runs it.
"""
