"""``kg facts``: the facts of a graph as JSON lines."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli._common import jsonl, write_output
from kg.cli._remote import EndpointOption
from kg.cli._store import StoreOption, read_dataset


def command(
    graph: Annotated[Path | None, typer.Argument(
        show_default=False, help="Graph file (.trig .nq .ttl ...).")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", show_default=False, help="Write to this file, not stdout.")] = None,
    endpoint: EndpointOption = None,
    store: StoreOption = None,
) -> None:
    """Export the facts of a graph as JSON lines.

    One fact record a line, as FACTS.md defines it: subject, relation, object, the
    qualifiers (amount_usd, date, ...), sources, modality and the evidence sentence. The
    same format as the gold files, so the output can be compared and diffed.

    Example: `kg facts graph.trig -o facts.jsonl`
    """
    from kg.rdf import fact_records

    records = fact_records(read_dataset(graph, store, endpoint))
    write_output(jsonl(records), output)
    if output is not None:
        typer.echo(f"wrote {output}: {len(records)} facts", err=True)
