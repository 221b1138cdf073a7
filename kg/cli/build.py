"""``kg build``: articles → RDF graph file, extending the file when it exists."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Self

import typer

from kg.errors import InputError
from kg.types import Article

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

#: More articles than this get a progress bar (when stderr is a terminal).
PROGRESS_MIN_ARTICLES = 3


class GraphFormat(str, Enum):
    """Serialisations ``kg build`` writes (default: from the output suffix)."""

    trig = "trig"
    nquads = "nquads"
    turtle = "turtle"


def command(
    inputs: Annotated[list[Path], typer.Argument(
        show_default=False,
        help="Article files (.txt .md .html .htm .jsonl) or folders, read recursively.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", show_default=False,
        help="Graph file to write; extended when it exists.")],
    extractor: Annotated[str, typer.Option(
        "--extractor", "-e", help="Fact extractor by name.")] = "rules",
    fmt: Annotated[GraphFormat | None, typer.Option(
        "--format", show_default=False,
        help="Serialisation; default from the suffix of --output (.trig .nq .ttl).")] = None,
) -> None:
    """Build a knowledge graph from news articles.

    Reads every article under INPUTS (files or folders), extracts facts and entities, and
    writes the graph with provenance to --output. If the output file exists it is loaded
    and extended; an article built again replaces its own named graph, so rebuilding is
    safe. Unreadable files are reported as `skipped FILE: PROBLEM` and the rest are built.
    Exits 0 when at least one article was built, 1 when none was.

    Example: `kg build articles/ news.jsonl -o graph.trig`
    """
    from kg.ingest import read_inputs
    from kg.pipeline import build_articles
    from kg.rdf import load_graph, save_graph

    dataset = load_graph(output) if output.exists() else None
    items = list(read_inputs(inputs))
    with _progress(len(items)) as advance:
        result = build_articles(items, extractor=extractor, dataset=dataset,
                                keep_extractions=True, on_article=advance)
    for error in result.errors:
        typer.echo(f"skipped {error.path}: {error.problem}", err=True)
    if result.articles == 0:
        typer.echo(f"no articles built ({len(result.errors)} skipped); {output} not written",
                   err=True)
        raise typer.Exit(1)
    save_graph(result.dataset, output, format=fmt.value if fmt else None)
    entities = {entity.key for ex in result.extractions for entity in ex.entities}
    typer.echo(f"built {output}: {result.articles} articles, {result.facts} facts, "
               f"{len(entities)} entities ({len(result.errors)} skipped)")


class _progress:
    """A rich progress bar on stderr for long builds; a no-op when stderr is not a tty."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> Self:
        if self.total > PROGRESS_MIN_ARTICLES and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("building", total=self.total)
        return self

    def __call__(self, item: Article | InputError) -> None:
        if self.bar is not None and self.task is not None:
            name = item.key if isinstance(item, Article) else item.path
            self.bar.update(self.task, advance=1, description=name[-40:])

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
