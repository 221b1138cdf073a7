"""Test helper: two datasets are the same when they name the same graphs and each pair of
graphs is isomorphic (``rdflib.compare``); a failure prints what differs."""

from __future__ import annotations

from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic


def named_graphs(ds: Dataset) -> dict[str, Graph]:
    """The non-empty graphs of ``ds`` by name."""
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


def assert_same_dataset(a: Dataset, b: Dataset) -> None:
    """Assert ``a`` and ``b`` hold isomorphic graphs under the same names."""
    ga, gb = named_graphs(a), named_graphs(b)
    assert sorted(ga) == sorted(gb), f"graphs differ: {sorted(set(ga) ^ set(gb))}"
    for name, graph in ga.items():
        if not isomorphic(graph, gb[name]):
            _, only_a, only_b = graph_diff(to_isomorphic(graph), to_isomorphic(gb[name]))
            raise AssertionError(f"graph {name} differs:\nonly in the first:\n"
                                 f"{only_a.serialize(format='nt')}\nonly in the second:\n"
                                 f"{only_b.serialize(format='nt')}")
