"""Distributed builds on a Dask cluster (``kg build --dask ADDRESS``; ``--dask local``).

The client reads the articles and sends them in windows: each window is a ``dask.bag`` of
articles whose partitions the workers turn into N-Quads (:func:`kg.parallel.graph_partition`:
extract, then convert to the article's named graph). The client merges the text, partition by
partition in input order, into the store or dataset. Two windows are in flight at a time,
so the client's memory stays bounded however long the article stream. Dask does all the
scheduling; a worker that dies has its partitions rerun by the scheduler.

Workers need aikg installed (the same version as the client): they import
:mod:`kg.parallel` to run :func:`~kg.parallel.graph_partition`.

>>> from kg.types import Article
>>> [g.key for g in graph_partition(
...     [Article.from_text("Microsoft invested $1 billion in OpenAI.", key="a")], "rules")]
['a']
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

from kg.errors import InputError, KGError
from kg.parallel import ArticleGraph, Failed, graph_partition
from kg.types import Article

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_PARTITION_SIZE", "connect", "graphs_on_dask"]

#: Articles per bag partition (one task on a worker).
DEFAULT_PARTITION_SIZE = 8


@contextmanager
def connect(address: str, workers: int | None = None) -> Iterator[Any]:
    """A ``distributed.Client``: of the scheduler at ``address`` (``tcp://host:8786``), or of
    a new ``LocalCluster`` of ``workers`` processes (default: one per CPU) for ``"local"``.

    Raises:
        KGError: dask is not installed, or the scheduler cannot be reached.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise KGError("--dask needs dask's distributed scheduler: pip install 'aikg[dask]'") \
            from err
    if address == "local":
        n = workers or os.cpu_count() or 1
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address)  # waits distributed.comm.timeouts.connect (dask config)
    except (OSError, TimeoutError) as err:
        raise KGError(f"cannot reach the dask scheduler at {address}: {err}; start one with "
                      "`dask scheduler` and workers with `dask worker ADDRESS`") from err
    with client:
        yield client


def graphs_on_dask(
    items: Iterable[Article | InputError],
    address: str | Any,
    *,
    extractor: str = "rules",
    workers: int | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
) -> Iterator[ArticleGraph | InputError]:
    """The graph of every article of ``items``, made on a Dask cluster, in input order.

    Args:
        items: articles, and errors from reading them (passed through in place).
        address: a scheduler address, ``"local"`` for a new local cluster, or a connected
            ``distributed.Client``.
        extractor: the registered extractor's name (it must exist on the workers).
        workers: for ``"local"``, the number of worker processes.
        partition_size: articles per partition (one task).

    Yields:
        One :class:`ArticleGraph` or :class:`InputError` per item.
    """
    if isinstance(address, str):
        with connect(address, workers) as client:
            yield from _run(client, items, extractor, partition_size)
    else:
        yield from _run(address, items, extractor, partition_size)


def _run(client: Any, items: Iterable[Article | InputError], extractor: str,
         partition_size: int) -> Iterator[ArticleGraph | InputError]:
    import dask.bag as db

    size = max(1, partition_size)
    nworkers = max(1, len(client.scheduler_info().get("workers", {})))
    window = size * nworkers * 2
    pending: deque[tuple[list[Article | InputError], list[Any]]] = deque()
    iterator = iter(items)
    while batch := list(islice(iterator, window)):
        articles = [item for item in batch if isinstance(item, Article)]
        futures: list[Any] = []
        if articles:
            bag = db.from_sequence(articles, partition_size=size)
            futures = client.compute(bag.map_partitions(graph_partition, extractor).to_delayed())
        pending.append((batch, futures))
        if len(pending) >= 2:
            yield from _merge(*pending.popleft())
    while pending:
        yield from _merge(*pending.popleft())


def _merge(batch: list[Article | InputError], futures: list[Any]
           ) -> Iterator[ArticleGraph | InputError]:
    results = (graph for future in futures for graph in future.result())
    for item in batch:
        if isinstance(item, InputError):
            yield item
            continue
        result = next(results)
        yield InputError(result.path, result.problem) if isinstance(result, Failed) else result
