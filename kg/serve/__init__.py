"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint (and the graph's page) over HTTP.

Standard library ``http.server``; queries run in worker processes so that a slow one can be
stopped (:mod:`kg.serve.pool`).

>>> from kg.serve import negotiate, SOLUTION_TYPES
>>> negotiate("text/tab-separated-values", SOLUTION_TYPES)
'text/tab-separated-values'
"""

from kg.serve.results import SOLUTION_TYPES, negotiate
from kg.serve.server import SparqlServer, prepare_store, serve

__all__ = ["SOLUTION_TYPES", "SparqlServer", "negotiate", "prepare_store", "serve"]
