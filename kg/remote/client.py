"""A small SPARQL 1.1 Protocol and Graph Store Protocol client over ``urllib``.

Queries go as ``GET ?query=`` (or a form ``POST`` when the URL would be long), never as a
direct ``application/sparql-query`` POST, which some servers (Virtuoso) leave hanging.
SELECT and ASK ask for ``application/sparql-results+json``, CONSTRUCT and DESCRIBE for
``application/n-triples``; whatever RDF syntax comes back is parsed by its content type.
Every query also carries ``union-default-graph``: Oxigraph then reads the union of the named
graphs as the default graph, as ``kg query`` does locally; Virtuoso does so anyway and ignores
the parameter, and so does ``kg serve``. Requests to loopback addresses never go through a
proxy.

>>> Endpoint("http://127.0.0.1:7878/query").store_url
'http://127.0.0.1:7878/store'
>>> query_form("PREFIX a: <urn:a#> CONSTRUCT { ?s a:p ?o } WHERE { ?s a:p ?o }")
'CONSTRUCT'
"""

from __future__ import annotations

import ipaddress
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError

log = logging.getLogger(__name__)

__all__ = ["Endpoint", "RemoteError", "query_form", "sparql_json_term"]

#: Longest URL sent as a GET; longer queries go as a form POST.
MAX_GET_URL = 4000
#: Content types of RDF syntaxes a server may answer a CONSTRUCT with.
RDF_TYPES: dict[str, ox.RdfFormat] = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
_RESULTS_JSON = "application/sparql-results+json"
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


class RemoteError(QueryError):
    """A SPARQL server could not be reached or answered with an error.

    The message names the URL, the HTTP status and the first line of the server's answer.
    """


def query_form(sparql: str) -> str:
    """The query form of ``sparql``: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.

    Keywords inside strings, IRIs and comments are ignored.

    Raises:
        QueryError: if the text has none of the four forms.

    >>> query_form('# CONSTRUCT in a comment\\nSELECT ("ASK" AS ?x) {}')
    'SELECT'
    """
    from kg.query.runner import _tokens  # the runner's SPARQL lexer, shared on purpose

    for kind, text, _ in _tokens(sparql):
        if kind == "word" and text.upper() in _FORMS:
            return text.upper()
    raise QueryError("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")


def sparql_json_term(binding: Mapping[str, Any]) -> Any:
    """A term of a SPARQL JSON results binding as a pyoxigraph term.

    Virtuoso's older ``typed-literal`` type is read as a literal.

    >>> sparql_json_term({"type": "literal", "value": "1", "datatype":
    ...     "http://www.w3.org/2001/XMLSchema#integer"})
    <Literal value=1 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    """
    kind = binding.get("type")
    value = str(binding.get("value", ""))
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value) if value else ox.BlankNode()
    if kind in ("literal", "typed-literal"):
        language = binding.get("xml:lang")
        if language:
            return ox.Literal(value, language=str(language))
        datatype = binding.get("datatype")
        if datatype:
            return ox.Literal(value, datatype=ox.NamedNode(str(datatype)))
        return ox.Literal(value)
    raise ValueError(f"unknown term type {kind!r} in SPARQL JSON results")


def _is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
_DEFAULT = urllib.request.build_opener()


@dataclass
class Response:
    """What a server answered: status, headers (lower-case names) and body."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        """The media type, without parameters, lower case."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()


@dataclass
class Endpoint:
    """A SPARQL endpoint (and optionally its Graph Store Protocol URL).

    Attributes:
        url: the query (and update) endpoint, e.g. ``http://127.0.0.1:8890/sparql``.
        timeout: seconds to wait for each answer.
        gsp: the Graph Store Protocol URL, when known (see :attr:`store_url` for a guess).
        union_default_graph: ask for the union of the named graphs as the default graph.
    """

    url: str
    timeout: float = 60.0
    gsp: str | None = None
    union_default_graph: bool = True
    headers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        parts = urllib.parse.urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise RemoteError(f"{self.url}: not an http(s) URL of a SPARQL endpoint, e.g. "
                              "http://127.0.0.1:7878/query")

    @property
    def store_url(self) -> str:
        """Where an Oxigraph-style server keeps its Graph Store: ``<endpoint-base>/store``."""
        return urllib.parse.urljoin(self.url, "store")

    # ------------------------------------------------------------------ transport

    def request(self, method: str, url: str, *, data: bytes | None = None,
                headers: Mapping[str, str] | None = None, ok: Iterable[int] = (200,)
                ) -> Response:
        """Send one HTTP request and return the answer.

        Raises:
            RemoteError: the server is unreachable, too slow, or answers with a status not
                in ``ok``.
        """
        import kg

        all_headers = {"User-Agent": f"aikg/{kg.__version__}", **self.headers, **(headers or {})}
        req = urllib.request.Request(url, data=data, headers=all_headers, method=method)
        opener = _DIRECT if _is_loopback(url) else _DEFAULT
        shown = _shorten(url)
        try:
            with opener.open(req, timeout=self.timeout) as answer:
                response = Response(answer.status, {k.lower(): v for k, v in answer.headers.items()},
                                    answer.read())
        except urllib.error.HTTPError as err:
            body = err.read() if err.fp is not None else b""
            response = Response(err.code, {k.lower(): v for k, v in (err.headers or {}).items()},
                                body)
        except TimeoutError as err:
            raise RemoteError(f"{shown}: no answer within {self.timeout:g} s") from err
        except urllib.error.URLError as err:
            raise RemoteError(f"{shown}: cannot reach the server ({_reason(err)})") from err
        except OSError as err:
            raise RemoteError(f"{shown}: {method} failed ({err})") from err
        if response.status not in tuple(ok):
            raise RemoteError(f"{shown}: HTTP {response.status} for {method}: "
                              f"{_first_line(response.body)}")
        return response

    # ------------------------------------------------------------------ queries

    def query(self, sparql: str) -> Response:
        """Send a query (GET, or form POST when long) and return the raw answer.

        SELECT/ASK ask for SPARQL JSON results, CONSTRUCT/DESCRIBE for N-Triples.
        """
        form = query_form(sparql)
        accept = (_RESULTS_JSON if form in ("SELECT", "ASK")
                  else "application/n-triples, text/turtle;q=0.8, application/rdf+xml;q=0.5")
        params = [("query", sparql)]
        if self.union_default_graph:
            params.append(("union-default-graph", ""))
        encoded = urllib.parse.urlencode(params)
        headers = {"Accept": accept}
        separator = "&" if "?" in self.url else "?"
        if len(self.url) + 1 + len(encoded) <= MAX_GET_URL:
            return self.request("GET", self.url + separator + encoded, headers=headers)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self.request("POST", self.url, data=encoded.encode("utf-8"), headers=headers)

    def select(self, sparql: str) -> tuple[list[str], list[dict[str, Any]]]:
        """Run a SELECT; the variables and one ``{variable: pyoxigraph term}`` per row."""
        data = self._json(self.query(sparql))
        variables = [str(v) for v in data.get("head", {}).get("vars", [])]
        rows = [{name: sparql_json_term(term) for name, term in binding.items()}
                for binding in data.get("results", {}).get("bindings", [])]
        return variables, rows

    def ask(self, sparql: str) -> bool:
        """Run an ASK query."""
        data = self._json(self.query(sparql))
        if "boolean" not in data:
            raise RemoteError(f"{_shorten(self.url)}: the answer to an ASK query has no boolean")
        return bool(data["boolean"])

    def construct(self, sparql: str) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE query; the triples."""
        response = self.query(sparql)
        fmt = RDF_TYPES.get(response.content_type)
        if fmt is None:
            raise RemoteError(f"{_shorten(self.url)}: cannot read a CONSTRUCT answer of type "
                              f"{response.content_type or 'unknown'!r}")
        try:
            return [q.triple for q in ox.parse(response.body, format=fmt)]
        except SyntaxError as err:
            raise RemoteError(f"{_shorten(self.url)}: invalid {fmt.name} in the answer: "
                              f"{_first_line(str(err).encode())}") from err

    def _json(self, response: Response) -> dict[str, Any]:
        try:
            data = json.loads(response.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise RemoteError(f"{_shorten(self.url)}: expected SPARQL JSON results, got "
                              f"{response.content_type or 'no content type'}: "
                              f"{_first_line(response.body)}") from err
        if not isinstance(data, dict):
            raise RemoteError(f"{_shorten(self.url)}: SPARQL JSON results must be an object")
        return data

    # ------------------------------------------------------------------ writes

    def update(self, sparql_update: str) -> None:
        """Send a SPARQL Update as a form POST (``update=``)."""
        body = urllib.parse.urlencode([("update", sparql_update)]).encode("utf-8")
        self.request("POST", self.url, data=body, ok=(200, 201, 204),
                     headers={"Content-Type": "application/x-www-form-urlencoded"})

    def has_graph_store(self, url: str | None = None) -> bool:
        """Whether ``url`` (default :attr:`store_url`) answers as a Graph Store
        (``HEAD ?default`` succeeds)."""
        target = url or self.store_url
        try:
            self.request("HEAD", target + ("&" if "?" in target else "?") + "default",
                         ok=(200, 204))
        except RemoteError as err:
            log.debug("no graph store at %s: %s", target, err)
            return False
        return True

    def put_graph(self, store_url: str, graph: str, ntriples: bytes) -> None:
        """Replace one named graph by Graph Store Protocol ``PUT``."""
        query = urllib.parse.urlencode([("graph", graph)])
        target = store_url + ("&" if "?" in store_url else "?") + query
        self.request("PUT", target, data=ntriples, ok=(200, 201, 204),
                     headers={"Content-Type": "application/n-triples"})


def _reason(err: urllib.error.URLError) -> str:
    reason = err.reason
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused: is it running?"
    return str(reason)


def _first_line(body: bytes, width: int = 200) -> str:
    text = body.decode("utf-8", "replace")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    line = " ".join(lines[:3]) if lines else "(empty answer)"
    return line if len(line) <= width else line[: width - 1] + "\u2026"


def _shorten(url: str, width: int = 120) -> str:
    return url if len(url) <= width else url[: width - 1] + "\u2026"
