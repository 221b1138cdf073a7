"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint and the graph's page, over HTTP.

Routes:

- ``/sparql``: queries by ``GET ?query=``, ``POST`` of a form with ``query=``, or ``POST`` of
  ``application/sparql-query``; ``default-graph-uri`` and ``named-graph-uri`` are honoured,
  and without them the default graph is the union of the article graphs (as ``kg query``
  reads it; aikg's usual prefixes are predeclared). SELECT answers in SPARQL JSON, XML, CSV
  or TSV, ASK in JSON or XML, CONSTRUCT/DESCRIBE in Turtle, N-Triples or RDF/XML, as the
  ``Accept`` header asks (406 when none fits).
- ``/``: the interactive page of :func:`kg.render.render_html` (offline, rendered once).

Limits, each answered with a one-line ``text/plain`` message:

- read-only: an update (``update=``, ``application/sparql-update``, update keywords in a
  query, ``PUT``/``DELETE``/``PATCH``) gets **403**; the store is opened read-only as well.
- no federation: ``SERVICE`` (and ``LOAD``) gets **400**/**403**; nothing is fetched.
- timeout: each query runs in a worker process (:mod:`kg.serve.pool`) that is killed after
  ``timeout`` seconds, answering **503**; waiting for a free worker counts too.
- result limit: a SELECT answer is cut at ``limit`` rows (CONSTRUCT at ``limit`` triples)
  and then carries the header ``X-Result-Truncated: true``; ``X-Result-Limit`` is always sent.
- request size: a query body over :data:`MAX_BODY` bytes gets **413**.

The server binds ``127.0.0.1`` unless told otherwise. A graph file is first loaded into an
on-disk store in a temporary folder (removed on exit) that the workers open read-only; a
store folder (``--store``) is opened read-only in place and shows what was committed when the
server started.
"""

from __future__ import annotations

import ipaddress
import logging
import shutil
import signal
import tempfile
import threading
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import GraphError, QueryError
from kg.serve.pool import PoolBusy, PoolError, QueryPool, QueryTimeout
from kg.serve.results import BOOLEAN_TYPES, GRAPH_TYPES, SOLUTION_TYPES, negotiate
from kg.serve.worker import Answer, Job

log = logging.getLogger(__name__)

__all__ = ["MAX_BODY", "SparqlServer", "prepare_store", "serve"]

#: Largest request body accepted (a query, not data: the server is read-only).
MAX_BODY = 1 << 20
_FORM = "application/x-www-form-urlencoded"
_TEXT_TYPES = ("text/", "application/sparql-results", "application/n-triples")


def prepare_store(source: Any) -> tuple[str, tempfile.TemporaryDirectory[str] | None]:
    """An on-disk store folder for ``source`` that query workers can open read-only.

    Args:
        source: a store folder (used in place), a graph file (``.trig .nq .ttl ...``), an
            rdflib ``Dataset``/``Graph`` or a ``pyoxigraph.Store`` (copied into a temporary
            store).

    Returns:
        The folder, and the temporary directory to clean up (``None`` for a store folder).

    Raises:
        GraphError: the store or file cannot be read.
    """
    if isinstance(source, (str, Path)) and Path(source).is_dir():
        from kg.rdf.store import open_store

        open_store(source, read_only=True)  # fails here, with a message, if it is no store
        return str(source), None
    tmp = tempfile.TemporaryDirectory(prefix="kg-serve-")
    try:
        store = ox.Store(str(Path(tmp.name) / "store"))
        if isinstance(source, (str, Path)):
            _load_file(store, Path(source))
        else:
            from kg.query.runner import to_store

            store.bulk_extend(to_store(source).quads_for_pattern(None, None, None, None))
        store.flush()
        del store
    except BaseException:
        tmp.cleanup()
        raise
    return str(Path(tmp.name) / "store"), tmp


def _load_file(store: ox.Store, path: Path) -> None:
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file; build one with `kg build`")
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) if path.suffix else None
    if fmt is None:
        raise GraphError(f"{path}: unknown graph format {path.suffix!r}; use .trig .nq .ttl .nt")
    try:
        store.bulk_load(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
    except (SyntaxError, ValueError) as err:
        raise GraphError(f"{path}: invalid {fmt.name}: {' '.join(str(err).split())}") from err


class SparqlServer:
    """The HTTP server, its query workers and its page (see the module doc).

    Args:
        source: what :func:`prepare_store` reads.
        host: address to bind (``127.0.0.1`` by default: only this machine).
        port: port to bind; ``0`` picks a free one (see :attr:`url`).
        timeout: seconds a query may run.
        limit: most SELECT rows (CONSTRUCT triples) per answer.
        workers: query worker processes.
        title: the page's title.
        page_nodes: most entities drawn on the page (the highest PageRank first).
    """

    def __init__(self, source: Any, *, host: str = "127.0.0.1", port: int = 8000,
                 timeout: float = 10.0, limit: int = 10000, workers: int = 2,
                 title: str = "aikg", page_nodes: int | None = 1000) -> None:
        if timeout <= 0 or limit < 1:
            raise ValueError("timeout must be positive and limit at least 1")
        self.timeout = timeout
        self.limit = limit
        self.title = title
        self.page_nodes = page_nodes
        self.store_path, self._tmp = prepare_store(source)
        self._page: bytes | None = None
        self._page_lock = threading.Lock()
        try:
            self.pool = QueryPool(self.store_path, workers=workers, timeout=timeout)
        except BaseException:
            self._cleanup()
            raise
        handler = type("Handler", (_Handler,), {"app": self})
        try:
            self.httpd = ThreadingHTTPServer((host, port), handler)
        except OSError as err:
            self.pool.close()
            self._cleanup()
            raise GraphError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
        self.httpd.daemon_threads = True

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:8000/`` (the endpoint is ``url + "sparql"``)."""
        host, port = self.httpd.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        shown = f"[{name}]" if ":" in name else name
        return f"http://{shown}:{port}/"

    def serve_forever(self) -> None:
        """Answer requests until :meth:`shutdown` (or Ctrl-C), then stop the workers."""
        try:
            self.httpd.serve_forever()
        finally:
            self.close()

    def shutdown(self) -> None:
        """Stop :meth:`serve_forever` (from another thread)."""
        self.httpd.shutdown()

    def close(self) -> None:
        """Release the socket, the workers and the temporary store."""
        self.httpd.server_close()
        self.pool.close()
        self._cleanup()

    def _cleanup(self) -> None:
        if self._tmp is not None:
            shutil.rmtree(self._tmp.name, ignore_errors=True)
            self._tmp = None

    def page(self) -> bytes:
        """The rendered page (rendered at the first request, then kept)."""
        with self._page_lock:
            if self._page is None:
                from kg.render import render_html

                store = ox.Store.read_only(self.store_path)
                with tempfile.TemporaryDirectory(prefix="kg-page-") as folder:
                    out = render_html(store, Path(folder) / "page.html", title=self.title,
                                      max_nodes=self.page_nodes)
                    self._page = out.read_bytes()
            return self._page


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class _Handler(BaseHTTPRequestHandler):
    app: SparqlServer
    server_version = "aikg-serve"

    # ------------------------------------------------------------------ plumbing

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def _send(self, status: int, body: bytes, media: str,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if media.startswith(_TEXT_TYPES) else ""
        self.send_header("Content-Type", media + charset)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        text = " ".join(message.split()) + "\n"
        self._send(status, text.encode("utf-8"), "text/plain", headers)

    def _guarded(self, handle: Callable[[], None]) -> None:
        try:
            handle()
        except _Refused as err:
            self._error(err.status, str(err))
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception as err:
            log.exception("internal error on %s %s", self.command, self.path)
            self._error(500, f"internal error: {type(err).__name__}: {err}")

    # ------------------------------------------------------------------ methods

    def do_GET(self) -> None:
        """``/`` → the page; ``/sparql?query=`` → a query."""
        self._guarded(self._get)

    def do_HEAD(self) -> None:
        """As GET, without the body."""
        self._guarded(self._get)

    def do_POST(self) -> None:
        """A query as a form or as ``application/sparql-query``."""
        self._guarded(self._post)

    def do_OPTIONS(self) -> None:
        """What the server allows."""
        self._send(204, b"", "text/plain", {"Allow": "GET, HEAD, POST, OPTIONS"})

    def _read_only(self) -> None:
        self._error(403, f"read-only: {self.command} is not allowed; this endpoint answers "
                         "queries only")

    do_PUT = do_DELETE = do_PATCH = _read_only

    def _get(self) -> None:
        parts = urllib.parse.urlsplit(self.path)
        if parts.path in ("/", "/index.html"):
            self._send(200, self.app.page(), "text/html")
            return
        if parts.path != "/sparql":
            raise _Refused(404, f"no such page {parts.path}; the SPARQL endpoint is /sparql "
                                "and the graph's page is /")
        params = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        if "update" in params:
            raise _Refused(403, "read-only: SPARQL Update is not accepted here")
        if "query" not in params:
            raise _Refused(400, "no query: send GET /sparql?query=SELECT... or POST a form "
                                "with query=")
        self._query(params)

    def _post(self) -> None:
        parts = urllib.parse.urlsplit(self.path)
        if parts.path != "/sparql":
            raise _Refused(404, f"no such endpoint {parts.path}; POST queries to /sparql")
        media = self.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if media == "application/sparql-update":
            raise _Refused(403, "read-only: SPARQL Update is not accepted here")
        body = self._body()
        params = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        if media == _FORM:
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            if "update" in form:
                raise _Refused(403, "read-only: SPARQL Update is not accepted here")
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        else:
            raise _Refused(415, f"cannot read a {media or 'body without Content-Type'}; POST "
                                f"{_FORM} (query=...) or application/sparql-query")
        if "query" not in params:
            raise _Refused(400, "no query: the form has no query= field")
        self._query(params)

    def _body(self) -> bytes:
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            raise _Refused(411, "a POST needs a Content-Length")
        try:
            length = int(length_header)
        except ValueError:
            raise _Refused(400, "Content-Length is not a number") from None
        if length > MAX_BODY:
            raise _Refused(413, f"request body of {length} bytes is over the limit of "
                                f"{MAX_BODY} bytes")
        return self.rfile.read(length)

    # ------------------------------------------------------------------ queries

    def _query(self, params: dict[str, list[str]]) -> None:
        from kg.query.runner import check_read_only
        from kg.remote.client import query_form

        queries = params["query"]
        if len(queries) != 1 or not queries[0].strip():
            raise _Refused(400, "give exactly one non-empty query")
        sparql = queries[0]
        try:
            check_read_only(sparql)
        except QueryError as err:
            message = str(err)
            status = 400 if message.startswith("read-only: SERVICE") else 403
            raise _Refused(status, message) from err
        try:
            form = query_form(sparql)
        except QueryError as err:
            raise _Refused(400, str(err)) from err
        offered = (SOLUTION_TYPES if form == "SELECT" else BOOLEAN_TYPES if form == "ASK"
                   else GRAPH_TYPES)
        media = negotiate(self.headers.get("Accept"), offered)
        if media is None:
            raise _Refused(406, f"cannot answer {form} queries in {self.headers.get('Accept')}; "
                                f"offered: {', '.join(offered)}")
        job = Job(sparql, media, self.app.limit,
                  tuple(params.get("default-graph-uri", ())),
                  tuple(params.get("named-graph-uri", ())))
        try:
            answer: Answer = self.app.pool.run(job)
        except QueryTimeout as err:
            raise _Refused(503, str(err)) from err
        except PoolBusy as err:
            self._error(503, str(err), {"Retry-After": str(max(1, round(self.app.timeout)))})
            return
        except PoolError as err:
            raise _Refused(500, str(err)) from err
        headers = {"X-Result-Limit": str(self.app.limit)}
        if answer.truncated:
            headers["X-Result-Truncated"] = "true"
        self._send(answer.status, answer.body, answer.media, headers)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(source: Any, host: str = "127.0.0.1", port: int = 8000, timeout: float = 10.0,
          limit: int = 10000, *, workers: int = 2, title: str = "aikg",
          page_nodes: int | None = 1000,
          ready: Callable[[SparqlServer], None] | None = None) -> None:
    """Serve ``source`` read-only over SPARQL 1.1 Protocol until interrupted.

    Args:
        source: a graph file, a store folder, an rdflib ``Dataset`` or a pyoxigraph store.
        host: address to bind; anything but loopback is logged as a warning.
        port: port to bind (``0``: any free port).
        timeout: seconds a query may run before it is stopped (503).
        limit: most rows of a SELECT answer (then ``X-Result-Truncated: true``).
        workers: query worker processes.
        title: the page's title.
        page_nodes: most entities drawn on the page.
        ready: called with the server once it listens (the CLI prints its URL).

    Stops on Ctrl-C or ``SIGTERM``, after stopping its workers and removing its temporary
    store.

    Raises:
        GraphError: the graph cannot be read or the address cannot be bound.
    """
    if not _is_loopback(host):
        log.warning("serving on %s: other machines can query this graph", host)
    server = SparqlServer(source, host=host, port=port, timeout=timeout, limit=limit,
                          workers=workers, title=title, page_nodes=page_nodes)
    if ready is not None:
        ready(server)
    previous = None
    if threading.current_thread() is threading.main_thread():  # SIGTERM stops as Ctrl-C does
        previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        log.info("interrupted")
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt
