"""``kg query``: run SPARQL (ad hoc, from a file, or a named query) on a graph."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from kg.cli._common import echo_block, format_rows, parse_params
from kg.cli._remote import EndpointOption
from kg.cli._store import StoreOption, query_source
from kg.errors import QueryError

_NAME = re.compile(r"[A-Za-z][\w-]*")


class ResultFormat(str, Enum):
    """Output formats of ``kg query``."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


def command(
    graph: Annotated[Path | None, typer.Argument(
        show_default=False, help="Graph file (.trig .nq .ttl ...).")] = None,
    query: Annotated[str | None, typer.Argument(
        show_default=False,
        help="SPARQL text, or the name of a named query (see --list).")] = None,
    file: Annotated[Path | None, typer.Option(
        "--file", "-f", show_default=False, help="Read the SPARQL from a .rq file.")] = None,
    name: Annotated[str | None, typer.Option(
        "--name", "-n", show_default=False, help="Run this named query.")] = None,
    params: Annotated[list[str] | None, typer.Option(
        "--param", "-p", metavar="NAME=VALUE", show_default=False,
        help="Bind a query variable (repeatable).")] = None,
    fmt: Annotated[ResultFormat, typer.Option(
        "--format", help="Output format.")] = ResultFormat.table,
    list_queries: Annotated[bool, typer.Option(
        "--list", "-l", help="List the named queries and their parameters, then exit.")] = False,
    endpoint: EndpointOption = None,
    store: StoreOption = None,
) -> None:
    """Query a graph with SPARQL.

    Give the query as text, as a file with -f, or by name: a named query is one of the
    queries aikg ships (list them with --list) and can take parameters with --param
    NAME=VALUE. The usual prefixes (aikg, entity, schema, prov, rdf, rdfs, skos, owl, wd,
    xsd, ...) are predeclared, and the graph is queried as the union of its named graphs.

    Example: `kg query graph.trig investments --param entity=OpenAI --format csv`
    """
    from kg.query import format_result, named_queries, run_query

    if list_queries:
        rows = [{"name": q.name,
                 "params": " ".join(p.name + ("" if p.required else "?") for p in q.params),
                 "description": q.description}
                for q in named_queries().values()]
        echo_block(format_rows(rows, "csv" if fmt is ResultFormat.tsv else fmt.value))
        return
    graph, query = query_source(graph, query, store, endpoint)  # `--store DIR QUERY`
    if endpoint is not None and query is None and graph is not None:
        query, graph = str(graph), None  # `kg query --endpoint URL QUERY`: no GRAPH
    if graph is None and endpoint is None:
        raise typer.BadParameter("missing GRAPH (or --endpoint URL)", param_hint="GRAPH")
    if graph is not None and endpoint is not None:
        raise typer.BadParameter("give a GRAPH file or --endpoint URL, not both",
                                 param_hint="--endpoint")
    source: Any = str(graph)
    if endpoint is not None:
        from kg.remote.client import Endpoint

        source = Endpoint(endpoint)
    given = [x for x in (query, file, name) if x is not None]
    if len(given) != 1:
        raise typer.BadParameter("give exactly one of QUERY, --file or --name",
                                 param_hint="QUERY")
    bindings = parse_params(params)
    if query is not None and _NAME.fullmatch(query.strip()):
        name = query.strip()
    if name is not None:
        result = _named(named_queries(), name).run(source, **bindings)
    else:
        sparql = file.read_text(encoding="utf-8") if file is not None else query
        if not sparql or not sparql.strip():
            raise QueryError("empty query")
        result = run_query(source, sparql, bindings=bindings or None)
    echo_block(format_result(result, fmt.value))


def _named(queries: Mapping[str, Any], name: str) -> Any:
    """The named query ``name``, or a QueryError that suggests the closest name."""
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise QueryError(f"unknown query {name!r}{hint} (kg query --list shows the "
                     f"{len(queries)} named queries)")
