"""``kg remove``: delete articles (their named graphs) from an on-disk store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from pyoxigraph import Store


def command(
    articles: Annotated[list[str], typer.Argument(
        show_default=False, metavar="ARTICLE...",
        help="Articles to remove: article key, URL, graph IRI, or the file they were read "
             "from.")],
    store: Annotated[Path, typer.Option(
        "--store", metavar="DIR", show_default=False,
        help="The store folder (made by `kg build --store DIR`).")],
) -> None:
    """Remove articles, and what only they said, from a store.

    Deletes the named graph of each ARTICLE from the store --store DIR. An article is named
    by its key (as `kg build` made it: the URL, else the file path), its graph IRI, its
    URL, or the file it was read from (a file holding several articles, such as a .jsonl,
    removes them all). Entities are described inside each article's graph, so an entity
    another article mentions stays and one only the removed articles mentioned
    disappears. Exits 1 when some ARTICLE is not in the store (the others are removed).

    Example: `kg remove --store graph.db articles/old-news.txt https://example.com/story`
    """
    from kg.rdf.store import writing

    missing: list[str] = []
    removed: list[str] = []
    with writing(store) as opened:
        for ref in articles:
            found = _remove(opened, ref)
            removed.extend(found)
            if not found:
                missing.append(ref)
    for ref in missing:
        typer.echo(f"not in {store}: {ref}", err=True)
    typer.echo(f"removed {len(removed)} article{'' if len(removed) == 1 else 's'} from {store}")
    if missing:
        raise typer.Exit(1)


def _remove(store: Store, ref: str) -> list[str]:
    """Remove the articles ``ref`` names, trying it as a file of articles when it is one."""
    from kg.ingest import read_inputs
    from kg.rdf.store import remove_article
    from kg.types import Article

    removed = remove_article(store, ref)
    path = Path(ref)
    if removed or not path.is_file():
        return removed
    for item in read_inputs([path]):
        if isinstance(item, Article):
            found = remove_article(store, item.key)
            if not found and item.path:
                found = remove_article(store, item.path)
            if not found:
                found = remove_article(store, item.content_hash)
            removed.extend(found)
    return removed
