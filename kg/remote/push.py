"""Send each article's named graph to a SPARQL 1.1 server, idempotently.

Each named graph is *replaced* on the server, so pushing the same graph twice leaves the same
data, and pushing a rebuilt article replaces its old graph:

- by the Graph Store HTTP Protocol: ``PUT <store>?graph=<g>`` with the graph as N-Triples,
  when the server has a graph store (given as ``gsp``, or found at ``<endpoint-base>/store``
  as Oxigraph serves it);
- otherwise by SPARQL Update, form-POSTed to the endpoint: ``DROP SILENT GRAPH <g>`` and the
  first ``INSERT DATA { GRAPH <g> { ... } }`` in one request, the rest of the graph in further
  ``INSERT DATA`` requests of at most ``chunk`` triples (servers such as Virtuoso reject very
  long updates). A graph holding blank nodes is sent in one request, so that its blank nodes
  stay one node each.

Triples in the default graph are not sent (aikg keeps everything in article graphs); a
warning says how many were left out.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import GraphError
from kg.remote.client import Endpoint, RemoteError
from kg.remote.query import as_endpoint

log = logging.getLogger(__name__)

__all__ = ["PushReport", "open_source", "push"]

#: Triples per ``INSERT DATA`` request.
CHUNK = 1000


@dataclass(frozen=True)
class PushReport:
    """What :func:`push` sent.

    Attributes:
        method: ``"gsp"`` (Graph Store Protocol PUT) or ``"update"`` (SPARQL Update).
        target: the URL written to (graph store or update endpoint).
        graphs: named graphs sent.
        triples: triples sent.
        requests: HTTP requests made.
        seconds: wall time.
        skipped_default: default-graph triples left out.
    """

    method: str
    target: str
    graphs: int
    triples: int
    requests: int
    seconds: float
    skipped_default: int = 0

    def summary(self) -> str:
        """One line for people.

        >>> PushReport("gsp", "http://h/store", 1, 10, 1, 0.5).summary()
        'pushed 1 graph, 10 triples to http://h/store by Graph Store PUT in 1 request (0.50 s)'
        """
        how = "Graph Store PUT" if self.method == "gsp" else "SPARQL Update"
        return (f"pushed {_count(self.graphs, 'graph')}, {_count(self.triples, 'triple')} to "
                f"{self.target} by {how} in {_count(self.requests, 'request')} "
                f"({self.seconds:.2f} s)")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def open_source(source: Any) -> ox.Store:
    """A pyoxigraph store of ``source``.

    Args:
        source: a graph file (``.trig .nq ...``), a folder holding a pyoxigraph/Oxigraph
            on-disk store (opened read-only: nothing else may write to it meanwhile), an
            rdflib ``Dataset`` or a ``pyoxigraph.Store``.

    Raises:
        GraphError: the file or store cannot be read.
    """
    from kg.query.runner import to_store

    if isinstance(source, (str, Path)) and Path(source).is_dir():
        from kg.rdf.store import open_store

        return open_store(source, read_only=True)
    return to_store(source)


def _ntriples(triples: list[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def _chunks(triples: list[ox.Triple], size: int) -> Iterator[list[ox.Triple]]:
    if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
           for t in triples):
        yield triples
        return
    for start in range(0, len(triples), size):
        yield triples[start:start + size]


def push(source: Any, endpoint: Endpoint | str, *, gsp: str | None = None,
         discover: bool = True, chunk: int = CHUNK,
         progress: Callable[[str, int], None] | None = None) -> PushReport:
    """Replace each named graph of ``source`` on a SPARQL server.

    Args:
        source: what :func:`open_source` reads.
        endpoint: the SPARQL endpoint (or its URL); SPARQL Updates are POSTed to it.
        gsp: the Graph Store Protocol URL; when ``None`` and ``discover`` is true,
            ``<endpoint-base>/store`` is tried (``HEAD ?default``).
        discover: look for a graph store when ``gsp`` is not given.
        chunk: most triples per ``INSERT DATA`` request.
        progress: called with each graph IRI and its triple count once it is sent.

    Returns:
        A :class:`PushReport`.

    Raises:
        GraphError: the source cannot be read or has no named graph.
        RemoteError: the server cannot be reached or refuses a request (with its answer).
    """
    if chunk < 1:
        raise ValueError("chunk must be at least 1")
    target = as_endpoint(endpoint)
    store = open_source(source)
    graphs = sorted(store.named_graphs(), key=lambda g: g.value)
    default = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if default:
        log.warning("%d triples in the default graph are not pushed: aikg pushes named "
                    "graphs (build the graph as .trig or .nq)", default)
    if not graphs:
        raise GraphError(f"{source}: no named graph to push; aikg keeps each article in its "
                         "own named graph: build a .trig or .nq file")
    store_url = gsp
    if store_url is None and discover and target.has_graph_store():
        store_url = target.store_url
    started = time.perf_counter()
    requests = triples_sent = 0
    for graph in graphs:
        triples = sorted((q.triple for q in store.quads_for_pattern(None, None, None, graph)),
                         key=str)
        if store_url is not None:
            try:
                target.put_graph(store_url, graph.value, _ntriples(triples))
            except RemoteError as err:
                raise RemoteError(f"pushing <{graph.value}>: {err}") from err
            requests += 1
        else:
            first = True
            for part in _chunks(triples, chunk) if triples else iter([[]]):
                body = _ntriples(part).decode("utf-8")
                insert = f"INSERT DATA {{ GRAPH <{graph.value}> {{\n{body}}} }}"
                update = f"DROP SILENT GRAPH <{graph.value}> ;\n{insert}" if first else insert
                try:
                    target.update(update)
                except RemoteError as err:
                    raise RemoteError(f"pushing <{graph.value}>: {err}") from err
                first = False
                requests += 1
        triples_sent += len(triples)
        if progress is not None:
            progress(graph.value, len(triples))
    report = PushReport("gsp" if store_url else "update", store_url or target.url, len(graphs),
                        triples_sent, requests, time.perf_counter() - started, default)
    log.info("%s", report.summary())
    return report
