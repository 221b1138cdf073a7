"""SPARQL results writers and content negotiation of kg serve (no server needed)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest

from kg.remote.client import sparql_json_term
from kg.serve.results import (
    CSV,
    GRAPH_TYPES,
    JSON,
    SOLUTION_TYPES,
    TSV,
    XML,
    negotiate,
    write_boolean,
    write_graph,
    write_solutions,
)
from kg.serve.worker import Job, answer

XSD = "http://www.w3.org/2001/XMLSchema#"
ROW = (ox.NamedNode("https://w3id.org/aikg/id/entity/openai"),
       ox.Literal("13000000000", datatype=ox.NamedNode(XSD + "decimal")),
       ox.Literal("Open\tAI, \"quoted\"", language="en"),
       None)
VARIABLES = ["e", "amount", "name", "unbound"]


def test_serve_results_json_reads_back_as_the_same_terms() -> None:
    data = json.loads(write_solutions(VARIABLES, [ROW], JSON))
    binding = data["results"]["bindings"][0]
    assert data["head"]["vars"] == VARIABLES and "unbound" not in binding
    assert tuple(sparql_json_term(binding[v]) for v in VARIABLES[:3]) == ROW[:3]


def test_serve_results_xml_is_well_formed_with_typed_literals() -> None:
    root = ET.fromstring(write_solutions(VARIABLES, [ROW], XML))
    ns = "{http://www.w3.org/2005/sparql-results#}"
    literal = root.find(f"{ns}results/{ns}result/{ns}binding[@name='amount']/{ns}literal")
    assert literal is not None and literal.get("datatype") == XSD + "decimal"
    assert literal.text == "13000000000"


def test_serve_results_csv_quotes_and_leaves_unbound_empty() -> None:
    rows = list(csv.reader(io.StringIO(write_solutions(VARIABLES, [ROW], CSV))))
    assert rows == [VARIABLES, ["https://w3id.org/aikg/id/entity/openai", "13000000000",
                                'Open\tAI, "quoted"', ""]]


def test_serve_results_tsv_writes_terms_escaped_on_one_line() -> None:
    lines = write_solutions(VARIABLES, [ROW], TSV).splitlines()
    assert lines[0] == "?e\t?amount\t?name\t?unbound" and len(lines) == 2
    assert lines[1].split("\t")[2] == '"Open\\tAI, \\"quoted\\""@en'


def test_serve_results_boolean_and_graph() -> None:
    assert json.loads(write_boolean(False, JSON)) == {"head": {}, "boolean": False}
    triple = ox.Triple(ROW[0], ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                       ox.Literal("OpenAI"))
    body = write_graph([triple], "application/n-triples")
    assert [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)] == [triple]


@pytest.mark.parametrize(("accept", "offered", "chosen"), [
    (None, SOLUTION_TYPES, JSON),
    ("application/json", SOLUTION_TYPES, JSON),
    ("text/csv;q=0.5, application/sparql-results+xml", SOLUTION_TYPES, XML),
    ("text/*", SOLUTION_TYPES, CSV),
    ("text/plain", GRAPH_TYPES, "application/n-triples"),
    ("application/sparql-results+json;q=0, */*;q=0.1", SOLUTION_TYPES, XML),
    ("image/png", GRAPH_TYPES, None),
])
def test_serve_results_negotiate(accept: str | None, offered: tuple[str, ...],
                                 chosen: str | None) -> None:
    assert negotiate(accept, offered) == chosen


def test_serve_worker_cuts_rows_at_the_limit() -> None:
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(str(i)),
                         ox.NamedNode("urn:g")) for i in range(7))
    cut = answer(store, Job("SELECT ?s WHERE { ?s ?p ?o }", JSON, limit=3))
    whole = answer(store, Job("SELECT ?s WHERE { ?s ?p ?o }", JSON, limit=7))
    assert (cut.truncated, cut.count, whole.truncated, whole.count) == (True, 3, False, 7)
    assert len(json.loads(cut.body)["results"]["bindings"]) == 3


def test_serve_worker_reports_syntax_errors_as_400() -> None:
    result = answer(ox.Store(), Job("SELECT ?x WHERE { ?x ?y }", JSON))
    assert result.status == 400 and result.body.startswith(b"SPARQL syntax error")
