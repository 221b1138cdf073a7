"""Run SPARQL over an aikg graph with pyoxigraph, read-only and offline.

The graph (a file, an rdflib ``Dataset``/``Graph`` or a ``pyoxigraph.Store``) is loaded into
an in-memory store and queried with the union of its named graphs as the default graph, so
``?s ?p ?o`` sees every article's graph without ``GRAPH`` clauses. Literals come back as Python
values: ``xsd:integer`` as ``int``, ``xsd:decimal`` as ``int`` when integral else ``float``,
``xsd:double`` as ``float``, ``xsd:boolean`` as ``bool``; IRIs and every other literal as
strings; unbound as ``None``.

>>> store = to_store('<https://w3id.org/aikg/id/entity/openai> '
...     '<http://www.w3.org/2000/01/rdf-schema#label> "OpenAI" .', format="nt")
>>> run_query(store, "SELECT ?l WHERE { ?e rdfs:label ?l }").rows
[('OpenAI',)]
>>> run_query(store, "ASK { ?e rdfs:label ?name }", bindings={"name": "OpenAI"}).boolean
True
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from typing import Literal as TypingLiteral

import pyoxigraph as ox

from kg.errors import GraphError, QueryError

log = logging.getLogger(__name__)

__all__ = [
    "PREFIXES",
    "QueryResult",
    "Value",
    "check_read_only",
    "inject_bindings",
    "run_query",
    "to_store",
]

#: A cell of a SELECT result row.
Value = str | int | float | None

#: Prefixes every query may use without declaring them (named queries declare their own).
PREFIXES: dict[str, str] = {
    "aikg": "https://w3id.org/aikg/ontology#",
    "id": "https://w3id.org/aikg/id/",
    "entity": "https://w3id.org/aikg/id/entity/",
    "article": "https://w3id.org/aikg/id/article/",
    "fact": "https://w3id.org/aikg/id/fact/",
    "evidence": "https://w3id.org/aikg/id/evidence/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "wd": "http://www.wikidata.org/entity/",
    "org": "http://www.w3.org/ns/org#",
}

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = frozenset(_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "nonPositiveInteger",
    "positiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte",
))
_FLOAT_TYPES = frozenset({_XSD + "double", _XSD + "float"})

_FORMATS: dict[str, ox.RdfFormat] = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nquads": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".n3": ox.RdfFormat.N3,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}

#: SPARQL Update keywords: a query using one as a bare word is refused.
_UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD",
                           "MOVE", "COPY", "WITH"})
_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})

# Lexer of just enough SPARQL to find keywords outside strings, IRIs and comments.
_TOKEN = re.compile(
    r'''(?P<ws>\s+)
      | (?P<comment>\#[^\n]*)
      | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
                  |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$][\w]+)
      | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
      | (?P<word>[A-Za-z_][\w\-.]*(?::[\w\-.:%]*)?|:[\w\-.:%]*)
      | (?P<punct>.)''',
    re.VERBOSE | re.DOTALL,
)


@dataclass
class QueryResult:
    """What a query returned.

    Attributes:
        kind: ``"select"``, ``"ask"`` or ``"construct"`` (also for ``DESCRIBE``).
        variables: projected variable names, without ``?`` (SELECT only).
        rows: one tuple of Python values per solution (SELECT only).
        boolean: the answer of an ASK query.
        triples: the triples of a CONSTRUCT/DESCRIBE query, as pyoxigraph terms.

    >>> r = QueryResult("select", ["a", "b"], [(1, "x")])
    >>> r.records()
    [{'a': 1, 'b': 'x'}]
    """

    kind: TypingLiteral["select", "ask", "construct"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Value, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def __len__(self) -> int:
        """Number of rows (SELECT), triples (CONSTRUCT), or 1 for ASK."""
        if self.kind == "select":
            return len(self.rows)
        if self.kind == "construct":
            return len(self.triples)
        return 1

    def records(self) -> list[dict[str, Value]]:
        """The rows as dictionaries keyed by variable name (SELECT only)."""
        return [dict(zip(self.variables, row)) for row in self.rows]

    def column(self, name: str) -> list[Value]:
        """All values of one variable.

        Raises:
            QueryError: if the variable is not projected.
        """
        try:
            index = self.variables.index(name)
        except ValueError as err:
            raise QueryError(f"no column {name!r}; columns are {', '.join(self.variables)}") \
                from err
        return [row[index] for row in self.rows]

    def to_turtle(self) -> str:
        """The CONSTRUCT/DESCRIBE triples as Turtle with aikg's prefixes (sorted, stable).

        >>> t = ox.Triple(ox.NamedNode(PREFIXES["entity"] + "openai"),
        ...               ox.NamedNode(PREFIXES["rdfs"] + "label"), ox.Literal("OpenAI"))
        >>> print(QueryResult("construct", triples=[t]).to_turtle().strip().splitlines()[-1])
        entity:openai rdfs:label "OpenAI" .
        """
        triples = sorted(self.triples, key=str)
        data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        return data.decode("utf-8") if data is not None else ""


# --------------------------------------------------------------------------- loading


def to_store(source: Any, *, format: str | None = None) -> ox.Store:
    """Load ``source`` into an in-memory pyoxigraph store.

    Args:
        source: a path to a graph file (``.trig .nq .ttl .nt .jsonld``), a store folder
            (``kg build --store``; opened read-only, not copied), an rdflib
            ``Dataset``/``Graph``, a ``pyoxigraph.Store`` (returned as is), or RDF text
            when ``format`` is given.
        format: for text input, a suffix such as ``"trig"`` or ``"nt"``.

    Returns:
        The store.

    Raises:
        GraphError: if the file is missing, has an unknown suffix or does not parse.

    >>> len(to_store('<http://a> <http://b> <http://c> .', format="nt"))
    1
    """
    if isinstance(source, ox.Store):
        return source
    if format is not None and isinstance(source, (str, bytes)):
        rdf_format = _FORMATS.get("." + format.lstrip(".").lower())
        if rdf_format is None:
            raise GraphError(f"unknown RDF format {format!r}; use one of "
                             f"{', '.join(s.lstrip('.') for s in _FORMATS)}")
        store = ox.Store()
        try:
            store.load(input=source, format=rdf_format)
        except SyntaxError as err:
            raise GraphError(f"<text>: invalid {format}: {_one_line(str(err))}") from err
        return store
    if isinstance(source, (str, Path)):
        if Path(source).is_dir():  # a store folder (kg build --store): queried in place
            from kg.rdf.store import open_store

            return open_store(source, read_only=True)
        return _load_file(Path(source))
    if hasattr(source, "quads") or hasattr(source, "triples"):
        return _from_rdflib(source)
    raise GraphError(f"cannot query a {type(source).__name__}: pass a graph file path, an "
                     "rdflib Dataset/Graph or a pyoxigraph Store")


def _load_file(path: Path) -> ox.Store:
    rdf_format = _FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        raise GraphError(f"{path}: unknown graph format {path.suffix!r}; use one of "
                         f"{', '.join(_FORMATS)}")
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file; build one with `kg build`")
    store = ox.Store()
    try:
        store.load(path=str(path), format=rdf_format)
    except (SyntaxError, ValueError) as err:
        raise GraphError(f"{path}: invalid {rdf_format.name}: {_one_line(str(err))}") from err
    except OSError as err:
        raise GraphError(f"{path}: cannot read: {err}") from err
    return store


def _from_rdflib(graph: Any) -> ox.Store:
    """Copy the quads of an rdflib Dataset/ConjunctiveGraph (or triples of a Graph)."""
    from rdflib import BNode, Literal, URIRef
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    cache: dict[Any, Any] = {}

    def term(t: Any) -> Any:
        got = cache.get(t)
        if got is not None:
            return got
        if isinstance(t, URIRef):
            got = ox.NamedNode(str(t))
        elif isinstance(t, BNode):
            got = ox.BlankNode()
        elif isinstance(t, Literal):
            if t.language:
                got = ox.Literal(str(t), language=t.language)
            elif t.datatype is not None:
                got = ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
            else:
                got = ox.Literal(str(t))
        else:
            raise GraphError(f"cannot convert RDF term {t!r} to pyoxigraph")
        cache[t] = got
        return got

    def graph_name(ctx: Any) -> Any:
        ident = getattr(ctx, "identifier", ctx)
        if ident is None or ident == DATASET_DEFAULT_GRAPH_ID:
            return ox.DefaultGraph()
        return term(ident)

    def quads() -> Iterator[ox.Quad]:
        if hasattr(graph, "quads") and callable(getattr(graph, "contexts", None)):
            for s, p, o, ctx in graph.quads((None, None, None, None)):
                yield ox.Quad(term(s), term(p), term(o), graph_name(ctx))
        else:
            for s, p, o in graph.triples((None, None, None)):
                yield ox.Quad(term(s), term(p), term(o), ox.DefaultGraph())

    store = ox.Store()
    store.bulk_extend(quads())
    return store


# --------------------------------------------------------------------------- safety


def _tokens(sparql: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, offset) of the significant tokens of a query."""
    for match in _TOKEN.finditer(sparql):
        kind = match.lastgroup or "punct"
        if kind in ("ws", "comment"):
            continue
        yield kind, match.group(), match.start()


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def check_read_only(sparql: str) -> None:
    """Refuse queries that would fetch remote data or change the graph.

    Args:
        sparql: the query text.

    Raises:
        QueryError: ``read-only: ...`` for ``SERVICE``, ``LOAD`` and every update form.

    >>> check_read_only("SELECT * WHERE { ?s ?p ?o }  # LOAD in a comment is fine")
    >>> check_read_only("SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: read-only: SERVICE at line 1, column 18 would query a remote endpoint; aikg never fetches remote data, query the local graph instead
    """
    for kind, text, offset in _tokens(sparql):
        if kind != "word" or ":" in text:
            continue
        word = text.upper()
        if word == "SERVICE":
            line, col = _line_col(sparql, offset)
            raise QueryError(f"read-only: SERVICE at line {line}, column {col} would query a "
                             "remote endpoint; aikg never fetches remote data, query the local "
                             "graph instead")
        if word in _UPDATE_WORDS:
            line, col = _line_col(sparql, offset)
            what = "LOAD fetches remote data" if word == "LOAD" else f"{word} is a SPARQL Update"
            raise QueryError(f"read-only: {what} (line {line}, column {col}); only SELECT, ASK, "
                             "CONSTRUCT and DESCRIBE queries are run")


def _rdf_term(value: Any) -> Any:
    """A binding value as a pyoxigraph term: str → plain literal, numbers typed."""
    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return value
    try:  # rdflib terms
        from rdflib import BNode, Literal, URIRef
    except ImportError:  # pragma: no cover - rdflib is a dependency
        BNode = Literal = URIRef = ()  # type: ignore[assignment,misc]
    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, BNode):
        raise QueryError("a blank node cannot be bound as a query parameter")
    if isinstance(value, Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype is not None:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if isinstance(value, bool):
        return ox.Literal(value)
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "integer"))
    if isinstance(value, (float, Decimal)):
        return ox.Literal(str(Decimal(str(value))), datatype=ox.NamedNode(_XSD + "decimal"))
    if isinstance(value, str):
        return ox.Literal(value)
    raise QueryError(f"cannot bind a {type(value).__name__} ({value!r}) as a query parameter")


def inject_bindings(sparql: str, bindings: Mapping[str, Any]) -> str:
    """Bind variables by ``VALUES`` blocks at the start of the query's WHERE groups.

    The top WHERE group binds every variable; the WHERE group of each subquery binds those
    it mentions, so a parameter means the same value everywhere in the query. Values are
    turned into RDF terms and written in their escaped N-Triples form: no value can change
    the query's structure.

    Args:
        sparql: the query.
        bindings: variable name (without ``?``) → value; ``None`` values are left unbound.

    Returns:
        The query text with ``VALUES`` blocks inserted (unchanged when nothing is bound).

    Raises:
        QueryError: if a name is not a valid variable name or no WHERE group is found.

    >>> inject_bindings('SELECT ?x WHERE { ?x ?p ?n }', {"n": 'a "quoted" name'})
    'SELECT ?x WHERE { VALUES (?n) { ("a \\\\"quoted\\\\" name") } ?x ?p ?n }'
    >>> inject_bindings('SELECT * { { SELECT ?x { ?x ?p ?n } } }', {"n": 1})  # doctest: +ELLIPSIS
    'SELECT * { VALUES (?n) {...} { SELECT ?x { VALUES (?n) {...} ?x ?p ?n } } }'
    """
    items = [(k, v) for k, v in sorted(bindings.items()) if v is not None]
    if not items:
        return sparql
    for name, _ in items:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"invalid parameter name {name!r}: use letters, digits and _")
    terms = {k: str(_rdf_term(v)) for k, v in items}
    groups = _where_groups(sparql)
    if not groups or not groups[0][2]:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    inserts: list[tuple[int, str]] = []
    for open_at, close_at, top in groups:
        used = {text[1:] for kind, text, offset in _tokens(sparql[open_at:close_at])
                if kind == "var"}
        names = [k for k, _ in items if top or k in used]
        if names:
            block = (f" VALUES ({' '.join('?' + k for k in names)}) "
                     f"{{ ({' '.join(terms[k] for k in names)}) }}")
            inserts.append((open_at + 1, block))
    for at, block in sorted(inserts, reverse=True):
        sparql = sparql[:at] + block + sparql[at:]
    return sparql


def _where_groups(sparql: str) -> list[tuple[int, int, bool]]:
    """``(open, close, is_top)`` offsets of the WHERE groups of the query and its subqueries,
    the top one first."""
    depth = paren = 0
    pending: list[tuple[int, int, str]] = []  # (depth, paren, form) of queries awaiting WHERE
    after_where = False
    braces: list[tuple[int, bool]] = []        # open offset, is a WHERE group
    found: list[tuple[int, int, bool]] = []
    for kind, text, offset in _tokens(sparql):
        if kind == "word" and ":" not in text:
            word = text.upper()
            if word in _FORMS and (depth > 0 or not found and not pending):
                pending.append((depth, paren, word))
                after_where = False
            elif word == "WHERE":
                after_where = True
            continue
        if kind != "punct":
            continue
        if text == "(":
            paren += 1
        elif text == ")":
            paren -= 1
        elif text == "{":
            is_where = bool(pending) and pending[-1][:2] == (depth, paren) and (
                after_where or pending[-1][2] != "CONSTRUCT")
            if is_where:
                pending.pop()
            braces.append((offset, is_where))
            depth += 1
        elif text == "}" and braces:
            open_at, is_where = braces.pop()
            depth -= 1
            if is_where:
                found.append((open_at, offset, depth == 0))
    return sorted(found, key=lambda g: (not g[2], g[0]))


# --------------------------------------------------------------------------- running


def _syntax_message(sparql: str, err: Exception) -> str:
    """One line: where the syntax error is and what the parser expected."""
    raw = _one_line(str(err))
    if "Prefix not found" in raw:
        unknown = _undeclared_prefixes(sparql)
        if unknown:
            return (f"SPARQL syntax error: unknown prefix {unknown[0]}: (line "
                    f"{unknown[1]}); declare it with PREFIX {unknown[0]}: <...>")
    match = re.match(r"error at (\d+):(\d+):\s*(.*)", raw)
    if not match:
        return f"SPARQL syntax error: {raw}"
    line, col, rest = int(match.group(1)), int(match.group(2)), match.group(3)
    if len(rest) > 100:
        rest = rest[:99] + "\u2026"
    lines = sparql.splitlines() or [""]
    near = ""
    if 1 <= line <= len(lines):
        text = lines[line - 1]
        before = " ".join(text[max(0, col - 1 - 25): col - 1].split())
        after = " ".join(text[col - 1: col - 1 + 15].split())
        near = f"{before} \u25b8{after}".strip()
    where = f"line {line}, column {col}"
    return f"SPARQL syntax error at {where}" + (f" (near `{near}`)" if near else "") + f": {rest}"


def _undeclared_prefixes(sparql: str) -> tuple[str, int] | None:
    """The first prefixed name whose prefix is neither declared nor in :data:`PREFIXES`."""
    declared = set(PREFIXES) | set(re.findall(r"(?i)PREFIX\s+([\w.-]*):", sparql))
    for kind, text, offset in _tokens(sparql):
        if kind == "word" and ":" in text:
            prefix = text.split(":", 1)[0]
            if prefix not in declared:
                return prefix, _line_col(sparql, offset)[0]
    return None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _value(term: Any) -> Value:
    """A result term as a Python value."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        lexical = term.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(lexical)
            if datatype == _XSD + "decimal":
                number = Decimal(lexical)
                return int(number) if number == number.to_integral_value() else float(number)
            if datatype in _FLOAT_TYPES:
                return float(lexical)
            if datatype == _XSD + "boolean":
                return lexical in ("true", "1")
        except (ValueError, InvalidOperation):
            return lexical
        return lexical
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def run_query(source: Any, sparql: str, *, bindings: Mapping[str, Any] | None = None,
              endpoint: Any = None) -> QueryResult:
    """Run a read-only SPARQL query with pyoxigraph, or on a remote SPARQL endpoint.

    Args:
        source: a graph file path, an rdflib ``Dataset``/``Graph`` or a ``pyoxigraph.Store``
            (reuse a store from :func:`to_store` to run many queries over one graph), or a
            :class:`kg.remote.Endpoint`; ``None`` when ``endpoint`` is given.
        sparql: the query; the prefixes of :data:`PREFIXES` need not be declared.
        bindings: values for variables (without ``?``), bound safely by a ``VALUES``
            block in the WHERE group; ``None`` leaves a variable unbound.
        endpoint: the URL of a SPARQL endpoint to ask instead (see :mod:`kg.remote`); the
            same read-only guard applies and values are converted the same way.

    Returns:
        The :class:`QueryResult`.

    Raises:
        QueryError: on a syntax error (saying where), a ``SERVICE`` clause or an update.
        GraphError: if the graph cannot be loaded.

    >>> run_query(to_store("", format="nt"), "SELECT ?x WHERE { ?x ?y }")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: SPARQL syntax error at line 1, column 26 (near `SELECT ?x WHERE { ?x ?y } ▸`): expected one of LATERAL, SERVICE, [_]
    """
    check_read_only(sparql)
    text = inject_bindings(sparql, bindings) if bindings else sparql
    remote = sys.modules.get("kg.remote.client")  # loaded whenever an Endpoint exists
    if endpoint is None and remote is not None and isinstance(source, remote.Endpoint):
        endpoint = source
    if endpoint is not None:
        from kg.remote.query import remote_query

        return remote_query(endpoint, text)
    store = to_store(source)
    try:
        answer = store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
    except SyntaxError as err:
        if text != sparql:  # report the position in the caller's text, not ours
            try:
                ox.Store().query(sparql, prefixes=PREFIXES)
            except SyntaxError as original:
                raise QueryError(_syntax_message(sparql, original)) from err
        raise QueryError(_syntax_message(text, err)) from err
    except (OSError, ValueError, RuntimeError) as err:
        raise QueryError(f"query failed: {_one_line(str(err))}") from err
    try:
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            return QueryResult("construct", triples=list(answer))
        variables = [v.value for v in answer.variables]
        rows = [tuple(_value(solution[v]) for v in variables) for solution in answer]
    except (OSError, ValueError, RuntimeError) as err:
        raise QueryError(f"query failed: {_one_line(str(err))}") from err
    return QueryResult("select", variables=variables, rows=rows)
