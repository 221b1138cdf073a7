"""``kg demo``: build the bundled sample articles into a ready-to-open folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli._common import echo_block, format_rows

#: Columns of the actor table printed after the demo.
COLUMNS = ("rank", "entity", "type", "pagerank", "degree")


def command(
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Folder to write the demo files into.")] = Path("aikg-demo"),
) -> None:
    """Build a graph from the bundled sample articles and show the main actors.

    Runs the whole pipeline offline on eight real articles shipped with aikg (press
    releases, news commentary and a Wikipedia passage; sources in ATTRIBUTION.md) and
    writes graph.trig, graph.html, centrality.csv and facts.jsonl into --out, then prints
    the ten most central actors and what to open next.

    Example: `kg demo --out aikg-demo`
    """
    from kg.demo import run_demo

    result = run_demo(out)
    for error in result.errors:
        typer.echo(f"skipped {error.path}: {error.problem}", err=True)
    typer.echo(f"built {result.graph}: {result.articles} articles, {result.facts} facts, "
               f"{result.entities} entities ({len(result.errors)} skipped)\n")
    typer.echo("Top actors by PageRank:")
    echo_block(format_rows(result.top, "table", COLUMNS if result.top else None))
    typer.echo(f"\nOpen {result.html} in a browser to explore the graph.")
    typer.echo(f"Then try:  kg query {result.graph} investments")
    typer.echo(f"           kg centrality {result.graph} --top 20")
    typer.echo(f"Facts: {result.facts_path}   centrality: {result.centrality}   "
               f"sources: {result.attribution}")
