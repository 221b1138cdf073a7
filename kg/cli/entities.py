"""``kg entities``: the entities of a graph as JSON lines."""

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
    """Export the entities of a graph as JSON lines.

    One entity record a line: canonical name, types, aliases and, when known, the
    Wikidata id and parent organisation, in the format of the entity lines of the gold
    files.

    Example: `kg entities graph.trig -o entities.jsonl`
    """
    from kg.rdf import entity_records

    records = entity_records(read_dataset(graph, store, endpoint))
    write_output(jsonl(records), output)
    if output is not None:
        typer.echo(f"wrote {output}: {len(records)} entities", err=True)
