"""The query worker: a separate process that answers queries over a read-only store.

pyoxigraph cannot interrupt a query from another thread, so each query runs in a worker
process, and a query that outlives the server's timeout is stopped by killing its worker
(:mod:`kg.serve.pool` starts a fresh one). Workers open the same on-disk store read-only,
so starting one is quick and the operating system's page cache is shared between them.

Messages on the pipe: the worker sends ``("ready", None)`` (or ``("failed", message)``)
once, then answers each :class:`Job` with an :class:`Answer`.
"""

from __future__ import annotations

import itertools
import logging
import signal
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.query.runner import PREFIXES
from kg.serve.results import JSON, write_boolean, write_graph, write_solutions

log = logging.getLogger(__name__)

__all__ = ["Answer", "Job", "answer", "worker_main"]


@dataclass(frozen=True)
class Job:
    """One query for a worker.

    Attributes:
        sparql: the query (already checked read-only by the server).
        media: the media type to answer in (already negotiated).
        limit: most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) to return.
        default_graphs: IRIs of the default graph (``default-graph-uri``); empty means the
            union of all named graphs.
        named_graphs: IRIs for ``GRAPH`` (``named-graph-uri``); empty means all.
    """

    sparql: str
    media: str = JSON
    limit: int = 10000
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """A worker's answer: HTTP status, media type, body, and whether rows were cut."""

    status: int
    media: str
    body: bytes
    truncated: bool = False
    count: int = 0
    kind: str = field(default="select")


def answer(store: ox.Store, job: Job) -> Answer:
    """Run ``job`` on ``store`` and write the result (or the error) out.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("x"),
    ...                   ox.NamedNode("urn:g")))
    >>> a = answer(store, Job("SELECT ?o WHERE { ?s ?p ?o }", "text/csv"))
    >>> a.status, a.body
    (200, b'o\\r\\nx\\r\\n')
    """
    options: dict[str, Any] = {"prefixes": PREFIXES}
    if job.default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    try:
        result = store.query(job.sparql, **options)
        if isinstance(result, ox.QueryBoolean):
            return Answer(200, job.media, write_boolean(bool(result), job.media).encode("utf-8"),
                          count=1, kind="ask")
        if isinstance(result, ox.QueryTriples):
            triples = list(itertools.islice(result, job.limit + 1))
            cut = len(triples) > job.limit
            triples = triples[: job.limit]
            return Answer(200, job.media, write_graph(triples, job.media, PREFIXES), cut,
                          len(triples), "construct")
        variables = [v.value for v in result.variables]
        rows = [tuple(solution[v] for v in variables)
                for solution in itertools.islice(result, job.limit + 1)]
        cut = len(rows) > job.limit
        rows = rows[: job.limit]
        body = write_solutions(variables, rows, job.media).encode("utf-8")
        return Answer(200, job.media, body, cut, len(rows))
    except SyntaxError as err:
        return Answer(400, "text/plain", _message("SPARQL syntax error", err))
    except (OSError, ValueError, RuntimeError, TypeError) as err:
        return Answer(500, "text/plain", _message("query failed", err))


def _message(what: str, err: Exception) -> bytes:
    return f"{what}: {' '.join(str(err).split())}\n".encode()


def worker_main(conn: Any, store_path: str) -> None:
    """Entry point of a worker process: open the store, then answer jobs until EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops us
    try:
        store = ox.Store.read_only(store_path)
    except OSError as err:
        conn.send(("failed", f"cannot open the store {store_path}: {err}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(answer(store, job))
