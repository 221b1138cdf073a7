"""End to end on the seed article: build → facts → query → centrality → render → validate.

The expectations follow the gold annotation of the article (tests/data/gold/00-*.jsonl):
Microsoft invested $1 billion in OpenAI in 2019 and about $13 billion by 2023, and the two
are the most central actors of the article.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli.main import app

SEED = Path(__file__).parent / "data" / "corpus" / "00-microsoft-openai-alliance.txt"


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "graph.trig"
    code, _, stderr = _run("build", SEED, "-o", out)
    assert code == 0, stderr
    return out


def test_cli_end_to_end_build_summary(tmp_path: Path) -> None:
    code, out, _ = _run("build", SEED, "-o", tmp_path / "g.trig")
    assert code == 0 and out.startswith(f"built {tmp_path / 'g.trig'}: 1 articles, ")
    assert out.rstrip().endswith("(0 skipped)")


def test_cli_end_to_end_facts_has_both_investments(graph: Path) -> None:
    _, out, _ = _run("facts", graph)
    records = [json.loads(line) for line in out.splitlines()]
    amounts = {r.get("amount_usd") for r in records
               if (r["subject"], r["relation"], r["object"]) == ("Microsoft", "invests_in", "OpenAI")}
    assert {1000000000, 13000000000} <= amounts


def test_cli_end_to_end_facts_keeps_non_ascii(graph: Path, tmp_path: Path) -> None:
    _run("facts", graph, "-o", tmp_path / "facts.jsonl")
    text = (tmp_path / "facts.jsonl").read_text(encoding="utf-8")
    assert "’" in text and "\\u2019" not in text


def test_cli_end_to_end_entities_jsonl(graph: Path) -> None:
    _, out, _ = _run("entities", graph)
    names = {json.loads(line)["entity"] for line in out.splitlines()}
    assert {"Microsoft", "OpenAI"} <= names


def test_cli_end_to_end_query_investments(graph: Path) -> None:
    code, out, _ = _run("query", graph, "investments", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    amounts = {r["amount_usd"] for r in rows if (r["investor"], r["investee"]) == ("Microsoft", "OpenAI")}
    assert code == 0 and {"1000000000", "13000000000"} <= amounts, out


def test_cli_end_to_end_query_named_by_option(graph: Path) -> None:
    by_option = _run("query", graph, "--name", "investments")
    by_argument = _run("query", graph, "investments")
    assert by_option == by_argument and by_option[0] == 0


def test_cli_end_to_end_query_sparql_from_file(graph: Path, tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?f a aikg:Investment }", encoding="utf-8")
    code, out, _ = _run("query", graph, "-f", rq, "--format", "json")
    assert code == 0 and '"n"' in out


def test_cli_end_to_end_centrality_top_two(graph: Path) -> None:
    code, out, _ = _run("centrality", graph, "--format", "json", "--top", "2")
    rows = json.loads(out)
    assert code == 0 and {r["entity"] for r in rows} == {"Microsoft", "OpenAI"}


@pytest.mark.parametrize("measure", ["degree", "betweenness"])
def test_cli_end_to_end_centrality_sort_by_other_measure(graph: Path, measure: str) -> None:
    _, out, _ = _run("centrality", graph, "--format", "json", "--sort", measure)
    values = [r[measure] for r in json.loads(out)]
    assert values == sorted(values, reverse=True)


def test_cli_end_to_end_centrality_csv_file(graph: Path, tmp_path: Path) -> None:
    code, _, _ = _run("centrality", graph, "-o", tmp_path / "c.csv")
    header = (tmp_path / "c.csv").read_text(encoding="utf-8").splitlines()[0]
    assert code == 0 and header.startswith("rank,entity,type")


def test_cli_end_to_end_centrality_table(graph: Path) -> None:
    _, out, _ = _run("centrality", graph, "--top", "5")
    header, *lines = out.splitlines()
    assert header.split()[:3] == ["rank", "entity", "type"] and len(lines) == 5


def test_cli_end_to_end_render(graph: Path, tmp_path: Path) -> None:
    code, _, _ = _run("render", graph, "-o", tmp_path / "g.html", "--title", "Seed article")
    html = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert code == 0 and "<html" in html.lower() and "Seed article" in html and "OpenAI" in html


def test_cli_end_to_end_validate(graph: Path) -> None:
    code, out, _ = _run("validate", graph)
    assert code == 0, out
