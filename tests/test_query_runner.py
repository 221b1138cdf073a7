"""The SPARQL runner: sources, value conversion, safety (read-only, offline), errors."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import GraphError, QueryError
from kg.query import run_query, to_store
from kg.query.runner import check_read_only, inject_bindings

FIXTURE = Path(__file__).parent / "data" / "query_fixture.trig"


@pytest.fixture(scope="module")
def store():
    return to_store(FIXTURE)


def test_query_runner_union_default_graph(store):
    result = run_query(store, "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a aikg:Investment }")
    assert result.rows == [(2,)]


def test_query_runner_named_graphs_still_addressable(store):
    result = run_query(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a aikg:Article } } "
                              "ORDER BY ?g")
    assert result.column("g") == [
        "https://w3id.org/aikg/id/article/techcrunch-anthropic-series-e",
        "https://w3id.org/aikg/id/article/verge-microsoft-openai",
    ]


@pytest.mark.parametrize("literal, expected", [
    ('"13000000000"^^xsd:decimal', 13000000000),
    ('"61.5"^^xsd:decimal', 61.5),
    ('"7"^^xsd:integer', 7),
    ('"2.5e0"^^xsd:double', 2.5),
    ('"true"^^xsd:boolean', True),
    ('"2019"^^xsd:gYear', "2019"),
    ('"hello"@en', "hello"),
    ("<https://w3id.org/aikg/id/entity/openai>", "https://w3id.org/aikg/id/entity/openai"),
])
def test_query_runner_value_conversion(store, literal, expected):
    (row,) = run_query(store, f"SELECT ?x WHERE {{ BIND({literal} AS ?x) }}").rows
    assert row == (expected,)
    assert type(row[0]) is type(expected)


def test_query_runner_unbound_is_none(store):
    assert run_query(store, "SELECT ?x ?y WHERE { BIND(1 AS ?x) }").rows == [(1, None)]


def test_query_runner_ask(store):
    result = run_query(store, "ASK { ?c aikg:relation aikg:buildsDataCenter }")
    assert result.kind == "ask" and result.boolean is True


def test_query_runner_construct_serialises_turtle(store):
    result = run_query(store, "CONSTRUCT { ?s aikg:investsIn ?o } WHERE { ?s aikg:investsIn ?o }")
    assert result.kind == "construct"
    assert len(result.triples) == 1            # the same direct edge in one graph, deduplicated
    turtle = result.to_turtle()
    assert "entity:microsoft aikg:investsIn entity:openai" in turtle
    from rdflib import Graph

    assert len(Graph().parse(data=turtle, format="turtle")) == 1


def test_query_runner_describe(store):
    result = run_query(store, "DESCRIBE <https://w3id.org/aikg/id/entity/wisconsin>")
    assert result.kind == "construct" and result.triples


@pytest.mark.parametrize("suffix, fmt", [(".trig", "trig"), (".nq", "nquads"), (".ttl", None),
                                         (".nt", None)])
def test_query_runner_loads_files(tmp_path, suffix, fmt):
    from rdflib import Dataset, Graph

    ds = Dataset()
    ds.parse(FIXTURE, format="trig")
    path = tmp_path / f"g{suffix}"
    if fmt:
        ds.serialize(path, format=fmt)
    else:  # triples only: flatten the named graphs
        flat = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            flat.add((s, p, o))
        flat.serialize(path, format="turtle" if suffix == ".ttl" else "nt")
    result = run_query(path, "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f aikg:relation ?r }")
    assert result.rows == [(14,)]


def test_query_runner_rdflib_dataset_and_graph():
    from rdflib import Dataset, Graph, Literal, URIRef

    ds = Dataset()
    ds.parse(FIXTURE, format="trig")
    ds.add((URIRef("http://x/a"), URIRef("http://x/p"), Literal("default graph", lang="en")))
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://x/p> ?o FILTER(LANG(?o) = 'en') }"
    assert run_query(ds, q).rows == [(1,)]
    g = Graph()
    g.add((URIRef("http://x/a"), URIRef("http://x/p"), Literal("x", lang="en")))
    assert run_query(g, q).rows == [(1,)]


def test_query_runner_missing_file_is_graph_error(tmp_path):
    with pytest.raises(GraphError, match="no such graph file"):
        run_query(tmp_path / "missing.trig", "ASK {}")


def test_query_runner_unknown_suffix(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("x")
    with pytest.raises(GraphError, match="unknown graph format"):
        run_query(path, "ASK {}")


def test_query_runner_bad_file_names_it(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("<a> <b> .")
    with pytest.raises(GraphError, match="bad.ttl"):
        run_query(path, "ASK {}")


# ---------------------------------------------------------------- safety


@pytest.mark.parametrize("query, word", [
    ("SELECT * WHERE { SERVICE <http://dbpedia.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("select * where { service silent <http://x> { ?s ?p ?o } }", "SERVICE"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "INSERT"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("PREFIX ex: <http://x/>\nCLEAR ALL", "CLEAR"),
    ("DROP GRAPH <http://x>", "DROP"),
    ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
])
def test_query_runner_rejects_remote_and_updates(store, query, word):
    with pytest.raises(QueryError, match=f"^read-only: {word}"):
        run_query(store, query)


@pytest.mark.parametrize("query", [
    'SELECT ?x WHERE { BIND("SERVICE LOAD INSERT" AS ?x) }',
    "SELECT ?x WHERE { BIND(<http://x/load> AS ?x) }  # DELETE in a comment",
    "PREFIX load: <http://x/> SELECT ?delete WHERE { BIND(load:insert AS ?delete) }",
])
def test_query_runner_keywords_inside_strings_iris_comments_are_fine(store, query):
    assert len(run_query(store, query).rows) == 1


def test_query_runner_service_rejected_before_execution():
    with pytest.raises(QueryError, match="never fetches remote data"):
        check_read_only("ASK { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")


# ---------------------------------------------------------------- syntax errors


@pytest.mark.parametrize("query, line", [
    ("SELECT ?x WHERE { ?x ?y }", 1),
    ("SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?s = )\n}", 3),
])
def test_query_runner_syntax_error_says_where(store, query, line):
    with pytest.raises(QueryError) as info:
        run_query(store, query)
    message = str(info.value)
    assert message.startswith("SPARQL syntax error at line")
    assert f"line {line}" in message or f"line {line + 1}" in message
    assert "\n" not in message


def test_query_runner_unknown_prefix_is_named(store):
    with pytest.raises(QueryError, match="unknown prefix foo:.*PREFIX foo:"):
        run_query(store, "SELECT * WHERE { ?s foo:bar ?o }")


def test_query_runner_syntax_error_position_ignores_bindings(store):
    query = "SELECT * WHERE { ?s ?p ?o . FILTER(?o = ?name) ?x }"
    with pytest.raises(QueryError) as plain:
        run_query(store, query)
    with pytest.raises(QueryError) as bound:
        run_query(store, query, bindings={"name": "OpenAI"})
    assert str(plain.value) == str(bound.value)


# ---------------------------------------------------------------- bindings


def test_query_runner_bindings_bind_literals(store):
    q = "SELECT DISTINCT ?e WHERE { ?e rdfs:label ?name }"
    assert run_query(store, q, bindings={"name": "OpenAI"}).rows == [
        ("https://w3id.org/aikg/id/entity/openai",)]
    assert run_query(store, q, bindings={"name": None}).rows != []


def test_query_runner_bindings_typed_values(store):
    q = "SELECT ?f WHERE { ?f aikg:amountUSD ?a FILTER(?a = ?amount) }"
    assert len(run_query(store, q, bindings={"amount": 3_300_000_000}).rows) == 1
    assert len(run_query(store, q, bindings={"amount": 3.3e9}).rows) == 1
    exact = "SELECT ?f WHERE { ?f aikg:amountUSD ?amount }"  # term match: decimal = decimal
    from decimal import Decimal

    assert len(run_query(store, exact, bindings={"amount": Decimal(3300000000)}).rows) == 1


def test_query_runner_bindings_bad_name():
    with pytest.raises(QueryError, match="invalid parameter name"):
        inject_bindings("SELECT * WHERE { ?s ?p ?o }", {"a b": "x"})


def test_query_runner_bindings_in_construct_go_to_where(store):
    q = "CONSTRUCT { ?e rdfs:label ?name } WHERE { ?e rdfs:label ?name }"
    text = inject_bindings(q, {"name": "Nvidia"})
    assert text.index("VALUES") > text.index("WHERE")
    assert len(run_query(store, q, bindings={"name": "Nvidia"}).triples) == 1


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_query_runner_bound_text_never_changes_the_query(value):
    """Any string binds as one literal: the query still parses and sees exactly that value."""
    store = ox.Store()
    result = run_query(store, "SELECT ?v WHERE { }", bindings={"v": value})
    assert result.rows == [(value,)]


def test_query_runner_bindings_reach_subqueries(store):
    q = ("SELECT ?e WHERE { { SELECT DISTINCT ?e WHERE { ?e rdfs:label ?name } } "
         "FILTER(BOUND(?name)) }")
    text = inject_bindings(q, {"name": "Nvidia"})
    assert text.count("VALUES") == 2
    assert run_query(store, q, bindings={"name": "Nvidia"}).rows == [
        ("https://w3id.org/aikg/id/entity/nvidia",)]


def test_query_runner_bindings_skip_subqueries_not_using_them():
    text = inject_bindings("SELECT * WHERE { { SELECT ?x WHERE { ?x ?p ?o } } ?x ?q ?name }",
                           {"name": "a"})
    assert text.count("VALUES") == 1
