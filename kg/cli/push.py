"""``kg push``: send each article's named graph to a SPARQL 1.1 server."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli._store import StoreOption, graph_source


def command(
    graph: Annotated[Path | None, typer.Argument(
        show_default=False, help="Graph file with named graphs (.trig .nq).")] = None,
    endpoint: Annotated[str, typer.Option(
        "--endpoint", metavar="URL", show_default=False,
        help="SPARQL endpoint; updates are POSTed here when there is no graph store.")] = "",
    store: StoreOption = None,
    gsp: Annotated[str | None, typer.Option(
        "--gsp", metavar="URL", show_default=False,
        help="Graph Store Protocol URL (default: <endpoint-base>/store when it answers).")] = None,
    chunk: Annotated[int, typer.Option(
        "--chunk", min=1, help="Most triples per SPARQL Update request.")] = 1000,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0.1, help="Seconds to wait for each answer.")] = 300.0,
) -> None:
    """Send each article's named graph to a SPARQL server, replacing it there.

    Every named graph of GRAPH (or of the store --store DIR) replaces the graph of the same
    name on the server, so pushing twice leaves the same data and a rebuilt article
    replaces its old graph. A server with a Graph Store (given by --gsp, or found at
    <endpoint-base>/store as Oxigraph serves it) gets one HTTP PUT per graph; any other
    gets SPARQL Update (DROP SILENT GRAPH, then INSERT DATA in chunks of --chunk triples)
    as form POSTs to --endpoint. Query the server afterwards with `kg query --endpoint`.

    Example: `kg push graph.trig --endpoint http://127.0.0.1:8890/sparql`
    """
    from kg.remote import Endpoint, push

    if not endpoint:
        raise typer.BadParameter("the SPARQL endpoint URL is required", param_hint="--endpoint")
    source = graph_source(graph, store)
    report = push(source, Endpoint(endpoint, timeout=timeout), gsp=gsp, chunk=chunk)
    typer.echo(report.summary())
