"""A pool of query worker processes with a hard per-query timeout.

A query is handed to an idle worker; if no answer comes within the timeout the worker is
killed (``SIGKILL``: a pyoxigraph query cannot be interrupted any other way) and a new one is
started in the background, so the server keeps its capacity. Waiting for an idle worker counts
against the same timeout. Workers are started with ``spawn`` (never ``fork`` from a threaded
server).
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass
from typing import Any

from kg.errors import KGError
from kg.serve.worker import Answer, Job, worker_main

log = logging.getLogger(__name__)

__all__ = ["PoolBusy", "PoolError", "QueryPool", "QueryTimeout"]

#: Seconds a new worker may take to open the store.
START_TIMEOUT = 120.0


class PoolError(KGError):
    """A worker could not be started or died."""


class QueryTimeout(PoolError):
    """The query ran longer than the timeout; its worker was stopped."""


class PoolBusy(PoolError):
    """No worker became free within the timeout."""


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Any

    def stop(self, grace: float = 0.0) -> None:
        if grace:
            self.process.join(timeout=grace)
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """``workers`` processes answering :class:`~kg.serve.worker.Job` s over one store.

    Args:
        store_path: folder of the on-disk store the workers open read-only.
        workers: number of processes.
        timeout: seconds a query may take (waiting for a free worker included).
    """

    def __init__(self, store_path: str, workers: int = 2, timeout: float = 10.0) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.store_path = store_path
        self.size = workers
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = threading.Event()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        starting = [self._start() for _ in range(workers)]
        for worker in starting:
            self._ready(worker)
            self._idle.put(worker)

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=worker_main, args=(child, self.store_path),
                                        name="kg-serve-worker", daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.add(worker)
        return worker

    def _ready(self, worker: _Worker) -> None:
        """Wait for a new worker's first message."""
        if not worker.conn.poll(START_TIMEOUT):
            self._discard(worker)
            raise PoolError(f"a query worker did not open {self.store_path} within "
                            f"{START_TIMEOUT:g} s")
        try:
            status, message = worker.conn.recv()
        except (EOFError, OSError) as err:
            self._discard(worker)
            raise PoolError(f"a query worker died while opening {self.store_path}") from err
        if status != "ready":
            self._discard(worker)
            raise PoolError(str(message))

    def _discard(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)

    def _replace(self) -> None:
        """Start a worker in the background to take a killed one's place."""
        def run() -> None:
            if self._closed.is_set():
                return
            try:
                worker = self._start()
                self._ready(worker)
            except PoolError as err:
                log.error("cannot replace a query worker: %s", err)
                return
            if self._closed.is_set():
                self._discard(worker)
            else:
                self._idle.put(worker)

        threading.Thread(target=run, name="kg-serve-respawn", daemon=True).start()

    def run(self, job: Job) -> Answer:
        """Answer ``job`` on a worker within the timeout.

        Raises:
            QueryTimeout: the query took longer than the timeout (its worker was killed).
            PoolBusy: every worker stayed busy for the whole timeout.
            PoolError: the pool is closed, or the worker died.
        """
        if self._closed.is_set():
            raise PoolError("the query pool is closed")
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise PoolBusy(f"all {self.size} query workers stayed busy for "
                           f"{self.timeout:g} s; try again later") from None
        try:
            worker.conn.send(job)
            if worker.conn.poll(max(0.0, deadline - time.monotonic())):
                result: Answer = worker.conn.recv()
                self._idle.put(worker)
                return result
        except (EOFError, OSError) as err:
            self._discard(worker)
            self._replace()
            raise PoolError(f"a query worker died: {err or type(err).__name__}") from err
        self._discard(worker)
        self._replace()
        raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")

    def close(self) -> None:
        """Stop every worker."""
        self._closed.set()
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.stop(grace=1.0)
