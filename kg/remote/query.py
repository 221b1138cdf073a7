"""Read-only queries against a remote SPARQL endpoint, answered as :class:`QueryResult`.

:func:`kg.query.run_query` calls :func:`remote_query` when it is given an endpoint, after the
same read-only guard as for local graphs (no updates, no ``LOAD``, no ``SERVICE``). Values are
converted exactly as for local results, so a table from a server and one from a file agree.
The prefixes of :data:`kg.query.PREFIXES` that the query uses without declaring are declared
for it: a remote server does not know them.

>>> with_prefixes("SELECT ?l WHERE { ?e rdfs:label ?l }").splitlines()[0]
'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>'
>>> with_prefixes("PREFIX rdfs: <urn:x#> SELECT * { ?s rdfs:x ?o }").startswith("PREFIX rdfs: <urn:x#>")
True
"""

from __future__ import annotations

import logging
import re

from kg.query.runner import PREFIXES, QueryResult, _tokens, _value
from kg.remote.client import Endpoint, RemoteError, query_form

log = logging.getLogger(__name__)

__all__ = ["as_endpoint", "remote_query", "with_prefixes"]

_DECLARED = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:")


def as_endpoint(endpoint: Endpoint | str) -> Endpoint:
    """An :class:`Endpoint` for a URL (an endpoint is returned as is)."""
    return endpoint if isinstance(endpoint, Endpoint) else Endpoint(str(endpoint))


def with_prefixes(sparql: str) -> str:
    """``sparql`` with ``PREFIX`` lines for the predeclared prefixes it uses but lacks."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(sparql)}
    used = {text.split(":", 1)[0] for kind, text, _ in _tokens(sparql)
            if kind == "word" and ":" in text}
    missing = sorted(p for p in used - declared if p in PREFIXES)
    if not missing:
        return sparql
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in missing) + sparql


def remote_query(endpoint: Endpoint | str, sparql: str) -> QueryResult:
    """Run a (checked, bound) query on a SPARQL endpoint.

    Args:
        endpoint: the endpoint or its URL.
        sparql: the query; the caller has already checked it is read-only.

    Returns:
        The result, with values converted as :func:`kg.query.run_query` converts them.

    Raises:
        RemoteError: the server cannot be reached or rejects the query (its message quoted).
    """
    target = as_endpoint(endpoint)
    text = with_prefixes(sparql)
    form = query_form(text)
    log.debug("%s query to %s", form, target.url)
    if form == "ASK":
        return QueryResult("ask", boolean=target.ask(text))
    if form in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult("construct", triples=target.construct(text))
    variables, rows = target.select(text)
    try:
        values = [tuple(_value(row.get(v)) for v in variables) for row in rows]
    except ValueError as err:  # pragma: no cover - _value is total on terms
        raise RemoteError(f"{target.url}: unreadable value in the answer: {err}") from err
    return QueryResult("select", variables=variables, rows=values)
