"""``--store DIR`` for the commands that read or write a graph (see :mod:`kg.rdf.store`).

A reading command takes a GRAPH file or ``--store DIR`` (a folder given as GRAPH is read as
a store too); the store is opened read-only, so it can be read while ``kg build`` writes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

#: ``--store DIR`` on the commands that read a graph.
StoreOption = Annotated[Path | None, typer.Option(
    "--store", metavar="DIR", show_default=False,
    help="Read the on-disk store in this folder (made by `kg build --store DIR`) instead of "
         "a graph file.")]

#: ``--store DIR`` on the commands that write a graph.
WriteStoreOption = Annotated[Path | None, typer.Option(
    "--store", metavar="DIR", show_default=False,
    help="Write into the on-disk store in this folder (created when missing) instead of a "
         "graph file: articles are added as they are built, unchanged ones skipped.")]


def graph_source(graph: Path | None, store: Path | None) -> Path:
    """The graph file or store folder a reading command works on (exactly one is given).

    Raises:
        typer.BadParameter: neither or both are given.
    """
    if graph is not None and store is not None:
        raise typer.BadParameter("give a GRAPH file or --store DIR, not both", param_hint="--store")
    if graph is None and store is None:
        raise typer.BadParameter("missing GRAPH (a graph file) or --store DIR", param_hint="GRAPH")
    return store if store is not None else graph  # type: ignore[return-value]


def load_dataset(graph: Path | None, store: Path | None) -> Any:
    """The rdflib dataset of a graph file, or a copy of a store's (for graphs that fit in
    memory: SHACL, centrality, the page, records)."""
    source = graph_source(graph, store)
    if store is not None or source.is_dir():
        from kg.rdf.store import to_dataset

        return to_dataset(source)
    from kg.rdf import load_graph

    return load_graph(source)


def read_dataset(graph: Path | None, store: Path | None, endpoint: str | None = None) -> Any:
    """:func:`load_dataset`, or a local copy of a SPARQL endpoint's graphs (``--endpoint``).

    Raises:
        typer.BadParameter: not exactly one of GRAPH, --store and --endpoint is given.
    """
    if endpoint is None:
        return load_dataset(graph, store)
    if graph is not None or store is not None:
        raise typer.BadParameter("give one of GRAPH, --store DIR or --endpoint URL",
                                 param_hint="--endpoint")
    from kg.cli._remote import dataset_for

    return dataset_for(None, endpoint)


def query_source(graph: Path | None, query: str | None, store: Path | None,
                 endpoint: str | None) -> tuple[Path | None, str | None]:
    """``kg query --store DIR QUERY``: the store folder as GRAPH, and the QUERY (which the
    command line put in GRAPH's place). Without --store, GRAPH and QUERY as given.

    Raises:
        typer.BadParameter: --store with a GRAPH file or --endpoint too.
    """
    if store is None:
        return graph, query
    if endpoint is not None:
        raise typer.BadParameter("give --store DIR or --endpoint URL, not both",
                                 param_hint="--store")
    if query is None and graph is not None:
        graph, query = None, str(graph)
    return graph_source(graph, store), query


@dataclass
class BuildTarget:
    """Where ``kg build`` writes: a dataset saved to a file at the end, or an open store."""

    dataset: Any = None
    store: Any = None


@contextmanager
def build_target(output: Path | None, store: Path | None) -> Iterator[BuildTarget]:
    """Open what ``kg build`` writes into: the store folder (locked for writing while the
    block runs) or the dataset of ``output`` (loaded when the file exists).

    Raises:
        typer.BadParameter: neither or both of --output and --store are given.
        kg.rdf.store.StoreBusyError: another process is writing the store.
    """
    if (output is None) == (store is None):
        raise typer.BadParameter("give --output FILE or --store DIR (one of them)",
                                 param_hint="--output")
    if store is not None:
        from kg.rdf.store import writing

        with writing(store) as opened:
            yield BuildTarget(store=opened)
        return
    from kg.rdf import load_graph

    assert output is not None
    yield BuildTarget(dataset=load_graph(output) if output.exists() else None)
