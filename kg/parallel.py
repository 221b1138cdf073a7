"""Extraction in several processes, in input order, with bounded memory (``kg build --jobs N``).

:func:`graph_each` turns a stream of articles into a stream of article graphs (N-Quads made
by the workers, :class:`ArticleGraph`), or the errors that replace them, in the order the
articles came; :func:`extract_each` does the same with :class:`~kg.types.Extraction`
objects. With ``jobs > 1`` articles go in chunks to a
:class:`~concurrent.futures.ProcessPoolExecutor`; at most ``2 × jobs`` chunks are in flight,
so memory stays bounded by a few chunks of articles however long the stream. Extraction of
one article does not depend on the others, so the graph is the same whatever ``jobs`` is;
workers also convert to RDF, leaving the parent only the writing.

Workers start from a fork server (or are spawned where there is none) and look the extractor
up by name: an extractor registered at run time with :func:`kg.extract.register` must be
registered by a module the workers import too.

>>> from kg.types import Article
>>> items = [Article.from_text("Microsoft invested $1 billion in OpenAI in 2019.", key="a")]
>>> [type(x).__name__ for x in extract_each(items)], [g.key for g in graph_each(items)]
(['Extraction'], ['a'])
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import Any

from kg.errors import InputError
from kg.types import Article, Extraction

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_CHUNKSIZE", "ArticleGraph", "Failed", "extract_each", "extract_one",
           "graph_each", "graph_partition"]

#: Articles per task sent to a worker process.
DEFAULT_CHUNKSIZE = 4


@dataclass(frozen=True)
class Failed:
    """An article extraction failed in a worker (exceptions with custom init do not pickle)."""

    path: str
    problem: str


@dataclass(frozen=True)
class ArticleGraph:
    """One article's named graph as a worker sends it back: N-Quads and the summary counts."""

    key: str
    content_hash: str
    nquads: str
    facts: int
    entities: tuple[str, ...]


def extract_one(article: Article, extractor: str = "rules") -> Extraction | InputError:
    """Extract one article; a failure becomes an :class:`InputError` naming the article."""
    from kg.extract import extract

    try:
        return extract(article, extractor=extractor)
    except Exception as err:  # noqa: BLE001 - one bad article never sinks the batch
        return InputError(article.path or article.key, f"extraction failed: {err}")


def extract_each(
    items: Iterable[Article | InputError],
    *,
    extractor: str = "rules",
    jobs: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
) -> Iterator[Extraction | InputError]:
    """Extract every article of ``items`` in input order; input errors pass through in place.

    Args:
        items: articles, and errors from reading them (as :func:`kg.ingest.read_inputs` yields).
        extractor: the registered extractor's name.
        jobs: worker processes; 1 extracts in this process.
        chunksize: articles per task sent to a worker.

    Yields:
        One extraction, or error, per item.
    """
    if jobs == 1:
        for item in items:
            yield item if isinstance(item, InputError) else extract_one(item, extractor)
        return
    yield from _ordered(items, _extract_chunk, extractor, jobs, chunksize)


def graph_each(
    items: Iterable[Article | InputError],
    *,
    extractor: str = "rules",
    jobs: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
) -> Iterator[ArticleGraph | InputError]:
    """As :func:`extract_each`, but each article comes back as its graph in N-Quads
    (extracted and converted by :func:`graph_partition` in the workers)."""
    if jobs == 1:
        for chunk in _chunks(items, 1):
            yield from _merge(chunk, graph_partition(
                [item for item in chunk if isinstance(item, Article)], extractor))
        return
    yield from _ordered(items, graph_partition, extractor, jobs, chunksize)


def graph_partition(articles: Iterable[Article], extractor: str) -> list[ArticleGraph | Failed]:
    """Extract and convert some articles (runs in a worker process, or on a Dask worker)."""
    from kg.rdf.store import extraction_nquads

    out: list[ArticleGraph | Failed] = []
    for article in articles:
        extraction = extract_one(article, extractor)
        if isinstance(extraction, InputError):
            out.append(Failed(extraction.path, extraction.problem))
            continue
        try:
            text = extraction_nquads(extraction)
        except ValueError as err:
            out.append(Failed(article.path or article.key, f"cannot write its graph: {err}"))
            continue
        out.append(ArticleGraph(article.key, article.content_hash, text,
                                len(extraction.facts),
                                tuple(sorted({e.key for e in extraction.entities}))))
    return out


def _ordered(items: Iterable[Article | InputError],
             work: Callable[[list[Article], str], list[Any]], extractor: str, jobs: int,
             chunksize: int) -> Iterator[Any]:
    """``work`` over chunks of the articles in a process pool, results in input order."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_context(),
                             initializer=_start_worker, initargs=(extractor,)) as pool:
        pending: deque[tuple[list[Article | InputError], Future[list[Any]]]] = deque()
        for chunk in _chunks(items, max(1, chunksize)):
            articles = [item for item in chunk if isinstance(item, Article)]
            pending.append((chunk, pool.submit(work, articles, extractor)))
            if len(pending) >= 2 * jobs:
                chunk, future = pending.popleft()
                yield from _merge(chunk, future.result())
        while pending:
            chunk, future = pending.popleft()
            yield from _merge(chunk, future.result())


def _chunks(items: Iterable[Article | InputError], size: int
            ) -> Iterator[list[Article | InputError]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _merge(chunk: list[Article | InputError], results: list[Any]) -> Iterator[Any]:
    """The results of a chunk's articles, with the chunk's input errors in their places."""
    done = iter(results)
    for item in chunk:
        if isinstance(item, InputError):
            yield item
            continue
        result = next(done)
        yield InputError(result.path, result.problem) if isinstance(result, Failed) else result


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["kg.extract.rules", "kg.parallel", "kg.rdf.store"])
        return ctx
    return multiprocessing.get_context("spawn")


def _start_worker(extractor: str) -> None:
    """Load the extractor once per worker, before its first article."""
    from kg.extract import get_extractor

    try:
        get_extractor(extractor)
    except Exception:  # reported per article
        log.debug("worker cannot load extractor %r", extractor, exc_info=True)


def _extract_chunk(articles: list[Article], extractor: str) -> list[Extraction | Failed]:
    out: list[Extraction | Failed] = []
    for article in articles:
        result = extract_one(article, extractor)
        out.append(Failed(result.path, result.problem) if isinstance(result, InputError)
                   else result)
    return out
