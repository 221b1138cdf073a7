"""SPARQL over the aikg graph: a read-only pyoxigraph runner, named queries, output formats.

>>> from kg.query import load_named, run_query, format_result
>>> sorted(load_named("investments").params)[0].name
'entity'
"""

from kg.query.format import FORMATS, format_result
from kg.query.named import NamedQuery, Param, load_named, named_queries, run_named
from kg.query.runner import PREFIXES, QueryResult, run_query, to_store

__all__ = [
    "FORMATS",
    "PREFIXES",
    "NamedQuery",
    "Param",
    "QueryResult",
    "format_result",
    "load_named",
    "named_queries",
    "run_named",
    "run_query",
    "to_store",
]
