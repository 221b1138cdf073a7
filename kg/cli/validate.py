"""``kg validate``: check a graph against aikg's SHACL shapes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli._common import echo_block
from kg.cli._store import StoreOption, load_dataset


def command(
    graph: Annotated[Path | None, typer.Argument(
        show_default=False, help="Graph file (.trig .nq .ttl ...).")] = None,
    store: StoreOption = None,
) -> None:
    """Validate a graph against the aikg SHACL shapes.

    Checks every fact, evidence, article and entity node against the shapes shipped with
    the ontology (one subject and relation per fact, evidence offsets, typed amounts and
    dates, ...) and prints the report. Exits 0 when the graph conforms, 1 when it does
    not.

    Example: `kg validate graph.trig`
    """
    from kg.rdf import validate

    report = validate(load_dataset(graph, store))
    text = getattr(report, "text", None)
    echo_block(text if isinstance(text, str) and text else str(report))
    if not report.conforms:
        raise typer.Exit(1)
