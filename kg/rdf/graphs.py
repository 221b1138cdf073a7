"""Views over a dataset: its union (read-only) and a merged copy.

>>> from rdflib import Dataset, URIRef, Literal
>>> ds = Dataset()
>>> ds.graph(URIRef("urn:g")).add((URIRef("urn:s"), URIRef("urn:p"), Literal(1)))  # doctest: +ELLIPSIS
<Graph identifier=urn:g ...>
>>> len(merged_graph(ds)), union_view(ds).value(URIRef("urn:s"), URIRef("urn:p"))
(1, rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')))
"""

from __future__ import annotations

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import ConjunctiveGraph, ReadOnlyGraphAggregate

__all__ = ["has_graph", "merged_graph", "named_graphs", "union_view"]


def union_view(ds: Graph) -> Graph:
    """A graph reading every triple of ``ds`` whatever its ``default_union`` setting.

    A plain graph, or a dataset with ``default_union=True``, is returned as is.
    """
    if isinstance(ds, ConjunctiveGraph) and not ds.default_union:
        return ReadOnlyGraphAggregate(named_graphs(ds))
    return ds


def merged_graph(ds: Graph) -> Graph:
    """A new plain graph with every triple of ``ds`` (named graphs merged) and its prefixes."""
    merged = Graph()
    for prefix, namespace in ds.namespaces():
        merged.bind(prefix, namespace, override=True, replace=True)
    if isinstance(ds, ConjunctiveGraph):
        merged.addN((s, p, o, merged) for s, p, o, _ in ds.quads((None, None, None, None)))
    else:
        merged.addN((s, p, o, merged) for s, p, o in ds)
    return merged


def named_graphs(ds: Graph) -> list[Graph]:
    """The graphs of ``ds`` that hold triples, sorted by name (a plain graph is its own list)."""
    if not isinstance(ds, ConjunctiveGraph):
        return [ds]
    contexts = ds.graphs() if isinstance(ds, Dataset) else ds.contexts()
    return sorted((g for g in contexts if len(g)), key=lambda g: str(g.identifier))


def has_graph(ds: Graph, name: URIRef) -> bool:
    """Whether ``ds`` holds a non-empty graph called ``name``."""
    return any(g.identifier == name for g in named_graphs(ds))
