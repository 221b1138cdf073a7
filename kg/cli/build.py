"""``kg build``: articles → RDF graph file (extended when it exists) or on-disk store."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Self

import typer

from kg.cli._store import WriteStoreOption
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
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", show_default=False,
        help="Graph file to write; extended when it exists.")] = None,
    extractor: Annotated[str, typer.Option(
        "--extractor", "-e", help="Fact extractor by name.")] = "rules",
    fmt: Annotated[GraphFormat | None, typer.Option(
        "--format", show_default=False,
        help="Serialisation; default from the suffix of --output (.trig .nq .ttl).")] = None,
    store: WriteStoreOption = None,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1,
        help="Extract in this many processes (with --dask local: this many workers).")] = 1,
    dask: Annotated[str | None, typer.Option(
        "--dask", metavar="ADDRESS", show_default=False,
        help="Make the graphs on a Dask cluster: its scheduler (tcp://host:8786), or "
             "`local` for a local cluster of --jobs processes.")] = None,
) -> None:
    """Build a knowledge graph from news articles.

    Reads every article under INPUTS (files or folders), extracts facts and entities, and
    writes the graph with provenance to --output. If the output file exists it is loaded
    and extended; an article built again replaces its own named graph, so rebuilding is
    safe. Unreadable files are reported as `skipped FILE: PROBLEM` and the rest are built.
    Exits 0 when at least one article was built, 1 when none was.

    With --store DIR the graph goes into an on-disk store instead (one writer at a time;
    readers may query it meanwhile): each article is written as it is built, and an
    article already there with the same content is skipped and counted as unchanged. The
    file of --output is written at the end. --jobs N extracts in N processes and --dask
    on a Dask cluster; the graph is the same.

    Example: `kg build articles/ news.jsonl -o graph.trig`
    """
    from kg.cli._store import build_target
    from kg.pipeline import build
    from kg.rdf import save_graph

    with build_target(output, store) as target, _progress(None) as advance:
        result = build(inputs, extractor=extractor, dataset=target.dataset,
                       store=target.store, jobs=jobs, dask=dask, on_article=advance)
    for error in result.errors:
        typer.echo(f"skipped {error.path}: {error.problem}", err=True)
    unchanged = f", {result.unchanged} unchanged" if store is not None else ""
    if result.articles == 0 and result.unchanged == 0:
        written = "" if store is not None else f"; {output} not written"
        typer.echo(f"no articles built ({len(result.errors)} skipped){written}", err=True)
        raise typer.Exit(1)
    if output is not None and result.dataset is not None:
        save_graph(result.dataset, output, format=fmt.value if fmt else None)
    typer.echo(f"built {store or output}: {result.articles} articles, {result.facts} facts, "
               f"{len(result.entity_keys)} entities ({len(result.errors)} skipped{unchanged})")


class _progress:
    """A rich progress bar on stderr for long builds; a no-op when stderr is not a tty."""

    def __init__(self, total: int | None) -> None:
        self.total = total
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> Self:
        if (self.total is None or self.total > PROGRESS_MIN_ARTICLES) and sys.stderr.isatty():
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
