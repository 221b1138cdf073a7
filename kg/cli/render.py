"""``kg render``: an interactive HTML page of a graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli._remote import EndpointOption
from kg.cli._store import StoreOption, read_dataset


def command(
    graph: Annotated[Path | None, typer.Argument(
        show_default=False, help="Graph file (.trig .nq .ttl ...).")] = None,
    *,
    output: Annotated[Path, typer.Option(
        "--output", "-o", show_default=False, help="HTML file to write.")],
    title: Annotated[str | None, typer.Option(
        "--title", "-t", show_default=False, help="Page title.")] = None,
    endpoint: EndpointOption = None,
    store: StoreOption = None,
) -> None:
    """Render a graph as an interactive HTML page.

    Draws the actors and the facts between them as a network you can drag, zoom and
    search; hovering an edge shows the facts and the sentences they were read from. The
    page works offline: open it in any browser.

    Example: `kg render graph.trig -o graph.html --title "AI deals 2025"`
    """
    from kg.render import render_html

    dataset = read_dataset(graph, store, endpoint)
    if title is None:
        render_html(dataset, output)
    else:
        render_html(dataset, output, title=title)
    typer.echo(f"wrote {output}")
