"""Named queries: the ``.rq`` files in ``kg/query/queries/``, each with a header.

A header is the leading comment block of the file::

    # name: investments
    # description: Who invested how much in whom, largest first.
    # param: entity (optional) only facts touching this entity (label or alias, any case)

``name`` must equal the file name; a parameter is ``(optional)`` or ``(required)``. Parameter
values are bound by :func:`kg.query.runner.inject_bindings` as escaped RDF literals in
``VALUES`` blocks (in the top WHERE group and every subquery that mentions the variable), never
pasted into the query text; an optional parameter left out is simply unbound.

How the shipped queries are written (``tests/test_query_scale.py`` guards it): the default
graph is the union of the article graphs, and an entity is described again in every article
graph that mentions it, so a plain ``?s rdfs:label ?l`` join repeats each row once per
article. Labels are therefore looked up in grouped subqueries (one label per entity, computed
once), facts are grouped by fact node, and the entity filter finds the matching entities once
in a subquery instead of a per-row ``EXISTS``.

>>> q = load_named("neighbours")
>>> q.name, [p.name for p in q.params], q.params[0].required
('neighbours', ['entity'], True)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import DataFileError, QueryError
from kg.query.runner import QueryResult, run_query

__all__ = ["NamedQuery", "Param", "load_named", "named_queries", "queries_dir", "run_named"]

_HEADER = re.compile(r"#\s*(name|description|param)\s*:\s*(.*)$")
_PARAM = re.compile(r"([A-Za-z_]\w*)\s*(?:\((optional|required)\))?\s*(.*)$")


@dataclass(frozen=True)
class Param:
    """A parameter of a named query, bound to the SPARQL variable of the same name."""

    name: str
    required: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A named query: its header fields and SPARQL text."""

    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path | None = None

    def run(self, source: Any, **params: Any) -> QueryResult:
        """Run this query on ``source`` with the given parameter values.

        Raises:
            QueryError: if a parameter is unknown or a required one is missing.
        """
        return run_named(source, self.name, params, query=self)


def queries_dir() -> Path:
    """The folder holding the shipped ``.rq`` files."""
    return Path(__file__).resolve().parent / "queries"


def parse_named(text: str, path: Path | None = None) -> NamedQuery:
    """Parse a ``.rq`` file's header and text.

    Args:
        text: the file content.
        path: the file, for messages and to check that ``name`` matches its stem.

    Returns:
        The :class:`NamedQuery`.

    Raises:
        DataFileError: if ``name`` or ``description`` is missing or the name does not
            match the file name.

    >>> parse_named("# name: q\\n# description: all triples\\nSELECT * { ?s ?p ?o }").description
    'all triples'
    """
    where = str(path) if path else "<query>"
    fields: dict[str, str] = {}
    params: list[Param] = []
    last: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER.match(stripped)
        if match:
            key, value = match.group(1), match.group(2).strip()
            if key == "param":
                pmatch = _PARAM.match(value)
                if not pmatch:
                    raise DataFileError(f"{where}: bad param line {stripped!r}; write "
                                        "`# param: NAME (optional) description`")
                params.append(Param(pmatch.group(1), pmatch.group(2) == "required",
                                    pmatch.group(3).strip()))
            else:
                fields[key] = value
            last = key
        elif last == "description":  # continuation lines of the description
            fields["description"] += " " + stripped.lstrip("#").strip()
    for key in ("name", "description"):
        if not fields.get(key):
            raise DataFileError(f"{where}: missing `# {key}: ...` header line")
    if path is not None and fields["name"] != path.stem:
        raise DataFileError(f"{where}: header name {fields['name']!r} differs from the "
                            f"file name {path.stem!r}")
    return NamedQuery(fields["name"], fields["description"], tuple(params), text, path)


@lru_cache(maxsize=1)
def _load_all() -> tuple[NamedQuery, ...]:
    return tuple(parse_named(p.read_text(encoding="utf-8"), p)
                 for p in sorted(queries_dir().glob("*.rq")))


def named_queries() -> dict[str, NamedQuery]:
    """Every shipped named query by name (sorted).

    >>> {"investments", "neighbours", "facts"} <= set(named_queries())
    True
    """
    return {q.name: q for q in _load_all()}


def load_named(name: str) -> NamedQuery:
    """One named query.

    Raises:
        QueryError: if there is no query of that name (the message lists the names).

    >>> load_named("investmentz")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: unknown query 'investmentz'; did you mean 'investments'? Named queries: by-source, competitors, compute, data-centers, entities, facts, investments, market-share, neighbours, partnerships, people, raised, valuations
    """
    queries = named_queries()
    if name in queries:
        return queries[name]
    import difflib

    close = difflib.get_close_matches(name, list(queries), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ";"
    raise QueryError(f"unknown query {name!r}{hint} Named queries: {', '.join(queries)}")


def run_named(source: Any, name: str, params: Mapping[str, Any] | None = None, *,
              query: NamedQuery | None = None) -> QueryResult:
    """Run a named query with parameters.

    Args:
        source: as for :func:`kg.query.run_query`.
        name: the query name.
        params: parameter values; ``None`` or missing optional ones stay unbound.
        query: an already loaded query (otherwise looked up by ``name``).

    Returns:
        The result.

    Raises:
        QueryError: for an unknown query or parameter, or a missing required parameter.
    """
    q = query or load_named(name)
    values = {k: v for k, v in (params or {}).items() if v is not None}
    known = {p.name for p in q.params}
    unknown = sorted(set(values) - known)
    if unknown:
        accepted = ", ".join(sorted(known)) or "none"
        raise QueryError(f"query {q.name!r} has no parameter {unknown[0]!r}; "
                         f"parameters: {accepted}")
    for p in q.params:
        if p.required and p.name not in values:
            raise QueryError(f"query {q.name!r} needs parameter {p.name!r}: {p.description}")
    try:
        return run_query(source, q.text, bindings=values)
    except QueryError as err:
        raise QueryError(f"query {q.name!r}: {err}") from err
