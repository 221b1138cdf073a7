"""aikg and SPARQL servers: push article graphs, query them, copy them back.

- :func:`push` replaces each article's named graph on a server (Graph Store ``PUT`` or
  SPARQL Update), so pushing twice leaves the same data;
- :func:`remote_query` answers a query from a server as :class:`kg.query.QueryResult`
  (``kg.query.run_query(None, q, endpoint=URL)`` calls it);
- :func:`fetch_dataset` copies the article graphs of a server into an rdflib ``Dataset`` for
  the commands that read whole graphs (facts, entities, centrality, render).

The HTTP client is :class:`Endpoint` (standard library ``urllib``, no extra dependency).

>>> Endpoint("http://127.0.0.1:8890/sparql").url
'http://127.0.0.1:8890/sparql'
"""

from kg.remote.client import Endpoint, RemoteError
from kg.remote.fetch import fetch_dataset
from kg.remote.push import PushReport, open_source, push
from kg.remote.query import remote_query

__all__ = ["Endpoint", "PushReport", "RemoteError", "fetch_dataset", "open_source", "push",
           "remote_query"]
