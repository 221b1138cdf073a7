"""``--endpoint URL``: the reading commands on a SPARQL server instead of a graph file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

#: ``--endpoint URL``: read from a SPARQL server instead of a graph file.
EndpointOption = Annotated[str | None, typer.Option(
    "--endpoint", metavar="URL", show_default=False,
    help="Read from this SPARQL endpoint instead of a graph file, e.g. "
         "http://127.0.0.1:7878/query (Oxigraph) or http://127.0.0.1:8890/sparql (Virtuoso).")]


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
