"""``kg.build``: a short composition of the stages ingest → extract → rdf.

>>> from kg.types import Article
>>> result = build_articles([Article.from_text("Microsoft invested $1 billion in OpenAI in 2019.", key="t")])
>>> result.articles
1
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Dataset

from kg.errors import InputError
from kg.types import Article, Extraction

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    """The graph a build made or extended, with counts for the summary line."""

    dataset: Dataset | None
    articles: int = 0
    facts: int = 0
    entities: int = 0
    errors: list[InputError] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    #: Articles already in the store with the same content hash, left as they were.
    unchanged: int = 0
    #: Keys of the distinct entities the built articles describe.
    entity_keys: set[str] = field(default_factory=set)
    #: The pyoxigraph store written, when building into one (``dataset`` is then ``None``).
    store: Any = None


def new_dataset() -> Dataset:
    """An empty dataset with aikg's prefixes bound."""
    from kg.rdf import new_dataset as _new

    return _new()


def build_articles(
    articles: Iterable[Article | InputError],
    *,
    extractor: str = "rules",
    dataset: Dataset | None = None,
    store: Any = None,
    jobs: int = 1,
    dask: Any = None,
    keep_extractions: bool = False,
    on_article: Callable[[Article | InputError], None] | None = None,
) -> BuildResult:
    """Extract each article and add it as its own named graph; bad articles are reported
    in ``errors`` and skipped, never losing the rest of the batch.

    Articles stream through: with a ``store`` (a ``pyoxigraph.Store``, see
    :mod:`kg.rdf.store`) the graphs are written as they are made, 100 articles to a batch
    (:class:`kg.rdf.store.BatchWriter`), and nothing grows
    with the corpus, and an article the store holds with the same content hash is skipped
    (counted in ``unchanged``). ``jobs`` extracts in that many processes (:mod:`kg.parallel`);
    ``dask`` (a scheduler address, ``"local"`` or a ``distributed.Client``) makes the graphs
    on a Dask cluster (:mod:`kg.cluster`). Workers send back N-Quads, not extractions, so
    ``keep_extractions`` only applies with ``jobs=1`` and no ``dask``.
    """
    result = BuildResult(dataset=dataset if dataset is not None or store is not None
                         else new_dataset(), store=store)
    items = _skip_unchanged(articles, result, on_article)
    if dask is not None:
        from kg.cluster import graphs_on_dask

        made: Iterable[Any] = graphs_on_dask(items, dask, extractor=extractor,
                                             workers=jobs if jobs > 1 else None)
    elif jobs > 1:
        from kg.parallel import graph_each

        made = graph_each(items, extractor=extractor, jobs=jobs)
    else:
        from kg.parallel import extract_each

        made = extract_each(items, extractor=extractor)
    writer = None
    if store is not None:
        from kg.rdf.store import BatchWriter

        writer = BatchWriter(store)
    try:
        for item in made:
            if on_article is not None:
                on_article(item if isinstance(item, InputError) else _article_of(item))
            _add(result, item, keep_extractions, writer)
    finally:
        if writer is not None:
            writer.commit()  # what was made is kept, also when the build is interrupted
            store.flush()
    return result


def _skip_unchanged(items: Iterable[Article | InputError], result: BuildResult,
                    on_article: Callable[[Article | InputError], None] | None
                    ) -> Iterator[Article | InputError]:
    """The items to build: with a store, articles it holds unchanged are counted, not built."""
    if result.store is None:
        yield from items
        return
    from kg.rdf.store import article_hash

    for item in items:
        if isinstance(item, Article) and item.content_hash and \
                article_hash(result.store, item.key) == item.content_hash:
            result.unchanged += 1
            if on_article is not None:
                on_article(item)
            continue
        yield item


def _article_of(item: Any) -> Article:
    return item.article if isinstance(item, Extraction) else Article(item.key, "")


def _add(result: BuildResult, item: Any, keep_extractions: bool, writer: Any = None) -> None:
    """Write one article's graph (an ``Extraction``, or N-Quads from a worker); into a store
    through ``writer`` (a :class:`kg.rdf.store.BatchWriter`), which writes in batches."""
    from kg.rdf.store import FLUSH_EVERY_ARTICLES, write_article

    if isinstance(item, InputError):
        log.warning("%s", item)
        result.errors.append(item)
        return
    try:
        if writer is not None:
            facts, entity_keys = writer.add(item)
        else:
            assert result.dataset is not None
            facts, entity_keys = write_article(result.dataset, item)
    except ValueError as err:
        article = _article_of(item)
        error = InputError(article.path or article.key, f"cannot write its graph: {err}")
        log.warning("%s", error)
        result.errors.append(error)
        return
    if keep_extractions and isinstance(item, Extraction):
        result.extractions.append(item)
    result.articles += 1
    if result.store is not None and result.articles % FLUSH_EVERY_ARTICLES == 0:
        result.store.flush()  # keeps RocksDB's memtables, and so memory, small
    result.facts += facts
    result.entities += len(entity_keys)
    result.entity_keys |= entity_keys


def build(
    inputs: Sequence[str | Path],
    *,
    extractor: str = "rules",
    dataset: Dataset | None = None,
    store: Any = None,
    jobs: int = 1,
    dask: Any = None,
    keep_extractions: bool = False,
    on_article: Callable[[Article | InputError], None] | None = None,
) -> BuildResult:
    """Build (or extend ``dataset`` or ``store`` with) the graph of every article under
    ``inputs``; see :func:`build_articles` for ``store``, ``jobs`` and ``dask``."""
    from kg.ingest import read_inputs

    return build_articles(read_inputs(inputs), extractor=extractor, dataset=dataset,
                          store=store, jobs=jobs, dask=dask,
                          keep_extractions=keep_extractions, on_article=on_article)
