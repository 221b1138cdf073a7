"""Copy the article graphs of a SPARQL endpoint into a local rdflib ``Dataset``.

``kg facts``, ``kg entities``, ``kg centrality`` and ``kg render`` read a whole graph; with
``--endpoint`` they read this copy. Only aikg's article graphs are fetched (named graphs
under ``https://w3id.org/aikg/id/article/``), so a server's own graphs (Virtuoso keeps
several) stay out. The graphs are listed with their sizes, then fetched a batch at a time
(``VALUES ?g { ... } GRAPH ?g { ?s ?p ?o }``), each answer no longer than :data:`PAGE` rows;
a graph larger than that is paged with ``ORDER BY``. Servers may cap answers silently
(Virtuoso's ``ResultSetMaxRows``): every batch is checked against the size the server gave,
and a short answer is an error rather than a partial graph.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, URIRef

from kg.rdf.convert import new_dataset
from kg.rdf.io import to_rdflib_term
from kg.remote.client import Endpoint, RemoteError
from kg.remote.query import as_endpoint

log = logging.getLogger(__name__)

__all__ = ["ARTICLE_GRAPHS", "PAGE", "fetch_dataset", "graph_sizes"]

#: Named graphs under this IRI are aikg's article graphs.
ARTICLE_GRAPHS = "https://w3id.org/aikg/id/article/"
#: Most rows asked for in one answer (Virtuoso's default cap is 10,000).
PAGE = 5000



def graph_sizes(endpoint: Endpoint | str) -> dict[str, int]:
    """Article graph IRI → number of triples, as the server counts them (sorted by IRI)."""
    target = as_endpoint(endpoint)
    sizes: dict[str, int] = {}
    offset = 0
    while True:
        _, rows = target.select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{ARTICLE_GRAPHS}")) }} '
            f"GROUP BY ?g ORDER BY ?g LIMIT {PAGE} OFFSET {offset}")
        for row in rows:
            sizes[row["g"].value] = int(row["n"].value)
        if len(rows) < PAGE:
            return sizes
        offset += PAGE


def _batches(sizes: dict[str, int]) -> Iterator[list[str]]:
    batch: list[str] = []
    total = 0
    for graph, size in sizes.items():
        if batch and total + size > PAGE:
            yield batch
            batch, total = [], 0
        batch.append(graph)
        total += size
    if batch:
        yield batch


def _quads(target: Endpoint, sizes: dict[str, int]) -> Iterator[tuple[Any, Any, Any, str]]:
    for batch in _batches(sizes):
        expected = sum(sizes[g] for g in batch)
        if expected > PAGE:  # one large graph: page through it
            (graph,) = batch
            got = 0
            while got < expected:
                _, rows = target.select(
                    f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} "
                    f"ORDER BY ?s ?p ?o LIMIT {PAGE} OFFSET {got}")
                if not rows:
                    break
                got += len(rows)
                yield from ((r["s"], r["p"], r["o"], graph) for r in rows)
        else:
            values = " ".join(f"<{g}>" for g in batch)
            _, rows = target.select(
                f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}")
            got = len(rows)
            yield from ((r["s"], r["p"], r["o"], r["g"].value) for r in rows)
        if got != expected:
            raise RemoteError(f"{target.url}: asked for {expected} triples of "
                              f"{len(batch)} graph(s) from {batch[0]}, got {got}; the server "
                              "may cap the size of its answers")


def _term(t: Any, blank: dict[str, BNode]) -> Any:
    try:
        return to_rdflib_term(t, blank)
    except ValueError as err:
        raise RemoteError(f"unsupported RDF term in a server's answer: {t}") from err


def fetch_dataset(endpoint: Endpoint | str) -> Dataset:
    """Copy every aikg article graph of ``endpoint`` into a new dataset.

    Args:
        endpoint: the endpoint or its URL.

    Returns:
        A dataset like :func:`kg.rdf.load_graph` returns (``default_union=True``, aikg's
        prefixes bound), one named graph per article.

    Raises:
        RemoteError: the server is unreachable, rejects a query, answers short, or holds no
            article graph.
    """
    target = as_endpoint(endpoint)
    sizes = graph_sizes(target)
    if not sizes:
        raise RemoteError(f"{target.url}: holds no aikg article graph (named graphs under "
                          f"{ARTICLE_GRAPHS}); send one with `kg push`")
    ds = new_dataset()
    graphs: dict[str, Any] = {}
    blank: dict[str, BNode] = {}
    terms: dict[Any, Any] = {}  # IRIs repeat (every entity in every graph): convert once

    def term(t: Any) -> Any:
        if isinstance(t, ox.NamedNode):
            found = terms.get(t.value)
            if found is None:
                found = terms[t.value] = URIRef(t.value)
            return found
        return _term(t, blank)

    def graph(name: str) -> Any:
        found = graphs.get(name)
        if found is None:
            found = graphs[name] = ds.graph(URIRef(name))
        return found

    count = 0
    batch: list[tuple[Any, Any, Any, Any]] = []
    for s, p, o, g in _quads(target, sizes):
        batch.append((term(s), term(p), term(o), graph(g)))
        if len(batch) >= PAGE:
            ds.addN(batch)
            count += len(batch)
            batch = []
    ds.addN(batch)
    count += len(batch)
    log.info("fetched %d triples in %d graphs from %s", count, len(sizes), target.url)
    return ds
