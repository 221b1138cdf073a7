"""``kg centrality``: rank the actors of a graph by centrality."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from kg.cli._common import TableFormat, echo_block, format_rows, write_output
from kg.cli._remote import EndpointOption
from kg.cli._store import StoreOption, read_dataset

#: Columns shown in the table; CSV and JSON carry every column (with the entity IRI).
TABLE_COLUMNS = ("rank", "entity", "type", "pagerank", "degree", "betweenness", "closeness",
                 "eigenvector")


class Measure(str, Enum):
    """Measures the rows can be ranked by."""

    pagerank = "pagerank"
    degree = "degree"
    in_degree = "in_degree"
    out_degree = "out_degree"
    betweenness = "betweenness"
    closeness = "closeness"
    eigenvector = "eigenvector"


_SUFFIX_FORMATS = {".csv": TableFormat.csv, ".json": TableFormat.json}


def command(
    graph: Annotated[Path | None, typer.Argument(
        show_default=False, help="Graph file (.trig .nq .ttl ...).")] = None,
    fmt: Annotated[TableFormat | None, typer.Option(
        "--format", show_default=False,
        help="table, csv or json; default table, or from the suffix of -o (.csv, .json).")] = None,
    top: Annotated[int | None, typer.Option(
        "--top", "-n", min=1, show_default=False, help="Show only the first N actors.")] = None,
    sort: Annotated[Measure, typer.Option(
        "--sort", "-s", help="Rank by this measure.")] = Measure.pagerank,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", show_default=False, help="Write to this file, not stdout.")] = None,
    endpoint: EndpointOption = None,
    store: StoreOption = None,
) -> None:
    """Rank the actors of a graph by centrality.

    Builds the actor graph (companies, people, models and products linked by the facts
    between them) and computes degree, betweenness, closeness, eigenvector and PageRank
    centrality for every actor, ranked by --sort. The table shows the main measures; CSV
    and JSON also carry in- and out-degree and each actor's IRI.

    Example: `kg centrality graph.trig --top 10 --sort betweenness -o centrality.csv`
    """
    from kg.analyze import actor_graph, centrality_table

    dataset = read_dataset(graph, store, endpoint)
    rows = centrality_table(actor_graph(dataset), sort.value, limit=top)
    if fmt is None:
        fmt = _SUFFIX_FORMATS.get(output.suffix.lower(), TableFormat.table) if output \
            else TableFormat.table
    columns = TABLE_COLUMNS if fmt is TableFormat.table and rows else None
    text = format_rows(rows, fmt, columns)
    if output is None:
        echo_block(text)
    else:
        write_output(text, output)
        typer.echo(f"wrote {output}: {len(rows)} actors", err=True)
