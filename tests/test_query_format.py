"""Output formats of query results: table, CSV, TSV, JSON, ASK and CONSTRUCT."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.query import QueryResult, format_result, run_named, run_query, to_store

FIXTURE = Path(__file__).parent / "data" / "query_fixture.trig"


@pytest.fixture(scope="module")
def facts():
    return run_named(to_store(FIXTURE), "facts")


@pytest.fixture(scope="module")
def investments():
    return run_named(to_store(FIXTURE), "investments")


def test_query_format_csv_parses_back(facts):
    text = format_result(facts, "csv")
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0] == facts.variables
    assert len(parsed) == len(facts.rows) + 1
    expected = [["" if v is None else str(v) for v in row] for row in facts.rows]
    assert parsed[1:] == expected          # commas, quotes and $ in evidence survive


def test_query_format_csv_plain_numbers(investments):
    rows = list(csv.DictReader(io.StringIO(format_result(investments, "csv"))))
    assert [r["amount_usd"] for r in rows] == ["13000000000", "1000000000"]
    assert rows[1]["sources"] == ""


def test_query_format_json_parses(facts):
    data = json.loads(format_result(facts, "json"))
    assert data == facts.records()
    assert isinstance(data[0], dict) and set(data[0]) == set(facts.variables)


def test_query_format_json_keeps_numbers_and_null(investments):
    data = json.loads(format_result(investments, "json"))
    assert data[0]["amount_usd"] == 13000000000 and data[1]["sources"] is None


def test_query_format_tsv_one_line_per_row():
    result = QueryResult("select", ["a", "b"], [("x\ty", "line\nbreak"), (1, None)])
    lines = format_result(result, "tsv").splitlines()
    assert lines == ["a\tb", "x y\tline break", "1\t"]


def test_query_format_table_aligns_and_right_aligns_numbers(investments):
    lines = format_result(investments, "table").splitlines()
    header, rule, first, second = lines[:4]
    assert header.split() == investments.variables
    col = header.index("amount_usd")
    width = len(rule.split("  ")[2])
    assert first[col - (width - len("amount_usd")):].startswith("13,000,000,000")
    assert second.index("1,000,000,000") + len("1,000,000,000") == \
        first.index("13,000,000,000") + len("13,000,000,000")
    assert lines[-1] == "(2 rows)"


def test_query_format_table_none_is_empty():
    text = format_result(QueryResult("select", ["a", "b"], [(None, "x")]))
    assert text.splitlines()[2].strip() == "x"


def test_query_format_table_cuts_long_cells(facts):
    text = format_result(facts, "table", max_width=20)
    assert "\u2026" in text
    assert all("\n" not in cell for cell in text.splitlines())


def test_query_format_table_empty_result():
    assert format_result(QueryResult("select", ["a"], [])).splitlines()[-1] == "(0 rows)"


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_format_ask(fmt):
    assert format_result(QueryResult("ask", boolean=False), fmt) == "false"
    assert format_result(QueryResult("ask", boolean=True), fmt) == "true"


def test_query_format_construct_is_turtle():
    from rdflib import Graph

    result = run_query(FIXTURE, "CONSTRUCT { ?s ?p ?o } WHERE { ?s a aikg:Person ; ?p ?o }")
    text = format_result(result, "table")
    assert len(Graph().parse(data=text, format="turtle")) == len(result.triples)


def test_query_format_unknown():
    with pytest.raises(QueryError, match="unknown output format 'xml'"):
        format_result(QueryResult("ask", boolean=True), "xml")
