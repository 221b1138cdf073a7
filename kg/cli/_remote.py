"""Options the commands share for SPARQL servers: ``--endpoint URL`` and ``--store DIR``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

#: ``--endpoint URL``: read from a SPARQL server instead of a graph file.
EndpointOption = Annotated[str | None, typer.Option(
    "--endpoint", metavar="URL", show_default=False,
    help="Read from this SPARQL endpoint instead of a graph file, e.g. "
         "http://127.0.0.1:7878/query (Oxigraph) or http://127.0.0.1:8890/sparql (Virtuoso).")]

#: ``--store DIR``: a pyoxigraph/Oxigraph on-disk store instead of a graph file.
StoreOption = Annotated[Path | None, typer.Option(
    "--store", metavar="DIR", show_default=False,
    help="Read this on-disk store (a `kg build --store` or `oxigraph --location` folder) "
         "instead of a graph file.")]


def one_source(graph: Path | None, store: Path | None) -> Path:
    """The graph file or store folder; exactly one must be given."""
    if (graph is None) == (store is None):
        raise typer.BadParameter("give a GRAPH file or --store DIR (one of them)",
                                 param_hint="GRAPH")
    if store is not None and not store.is_dir():
        raise typer.BadParameter(f"{store}: no such store folder", param_hint="--store")
    return graph if graph is not None else store  # type: ignore[return-value]


def dataset_for(graph: Path | None, endpoint: str | None) -> Any:
    """The dataset of a graph file, or a local copy of an endpoint's article graphs."""
    if (graph is None) == (endpoint is None):
        raise typer.BadParameter("give a GRAPH file or --endpoint URL (one of them)",
                                 param_hint="GRAPH")
    if endpoint is not None:
        from kg.remote import fetch_dataset

        return fetch_dataset(endpoint)
    from kg.rdf import load_graph

    return load_graph(graph)  # type: ignore[arg-type]
