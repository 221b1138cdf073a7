"""``kg serve``: a read-only SPARQL endpoint and the graph's page over HTTP."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli._store import StoreOption, graph_source


def command(
    graph: Annotated[Path | None, typer.Argument(
        show_default=False, help="Graph file (.trig .nq .ttl ...).")] = None,
    store: StoreOption = None,
    host: Annotated[str, typer.Option(
        "--host", help="Address to listen on; the default answers this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(
        "--port", min=0, max=65535, help="Port to listen on (0: any free port).")] = 8000,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0.1, help="Seconds a query may run before it is stopped (503).")
    ] = 10.0,
    limit: Annotated[int, typer.Option(
        "--limit", min=1, help="Most rows of a SELECT answer (then X-Result-Truncated).")
    ] = 10000,
    workers: Annotated[int, typer.Option(
        "--workers", min=1, help="Query worker processes.")] = 2,
    title: Annotated[str, typer.Option("--title", "-t", help="Title of the page at /.")] = "aikg",
) -> None:
    """Serve a graph read-only as a SPARQL 1.1 endpoint, with its page at /.

    Queries go to /sparql (GET ?query=, or POST as a form or application/sparql-query) and
    are answered as SPARQL JSON, XML, CSV or TSV (CONSTRUCT as Turtle or N-Triples) as the
    Accept header asks; the union of the article graphs is the default graph and the usual
    prefixes are predeclared. Updates are refused (403), SERVICE too (400); a query running
    longer than --timeout is stopped (503); answers are cut at --limit rows, saying so in
    the X-Result-Truncated header. The server listens on 127.0.0.1 unless --host says
    otherwise. Stop it with Ctrl-C.

    Example: `kg serve graph.trig --port 8000` then `kg query --endpoint http://127.0.0.1:8000/sparql investments`
    """
    from kg.serve import SparqlServer, serve

    source = graph_source(graph, store)

    def ready(server: SparqlServer) -> None:
        typer.echo(f"serving {source} at {server.url}sparql (page at {server.url}); "
                   "Ctrl-C to stop", err=False)

    serve(source, host, port, timeout, limit, workers=workers, title=title, ready=ready)
