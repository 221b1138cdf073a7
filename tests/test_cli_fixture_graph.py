"""Commands that read a graph, on the hand-written tests/data/small.trig (no extraction)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kg.cli.main import app

SMALL = Path(__file__).parent / "data" / "small.trig"


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_fixture_graph_query_list_names_queries() -> None:
    code, out, _ = _run("query", "--list")
    assert code == 0 and "investments" in out and "neighbours" in out


def test_cli_fixture_graph_query_with_param(tmp_path: Path) -> None:
    code, out, _ = _run("query", SMALL, "neighbours", "--param", "entity=Amazon", "--format", "json")
    assert code == 0 and "Anthropic" in out


def test_cli_fixture_graph_centrality_json_ranked() -> None:
    code, out, _ = _run("centrality", SMALL, "--format", "json")
    rows = json.loads(out)
    assert code == 0 and [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0]["entity"] == "OpenAI"


def test_cli_fixture_graph_facts_one_json_object_a_line() -> None:
    code, out, _ = _run("facts", SMALL)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and records and all({"subject", "relation", "object"} <= r.keys() for r in records)


def test_cli_fixture_graph_render_writes_page(tmp_path: Path) -> None:
    code, out, _ = _run("render", SMALL, "-o", tmp_path / "g.html")
    assert code == 0 and (tmp_path / "g.html").stat().st_size > 0 and "g.html" in out
