"""Errors reach the user as one line `kg <command>: error: <message>`, exit 2, no traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli.main import app

SMALL = Path(__file__).parent / "data" / "small.trig"
ONE_LINE = re.compile(r"kg (\w+): error: \S.*\n")


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", ["facts", "entities", "centrality", "validate"])
def test_cli_errors_missing_graph_is_one_line(command: str, tmp_path: Path) -> None:
    code, _, err = _invoke(command, str(tmp_path / "missing.trig"))
    assert code == 2 and ONE_LINE.fullmatch(err) and err.startswith(f"kg {command}: error: ")
    assert "missing.trig" in err and "Traceback" not in err


def test_cli_errors_render_missing_graph_is_one_line(tmp_path: Path) -> None:
    code, _, err = _invoke("render", str(tmp_path / "missing.trig"), "-o", str(tmp_path / "g.html"))
    assert code == 2 and ONE_LINE.fullmatch(err) and "Traceback" not in err


def test_cli_errors_unparsable_graph_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text("this is { not trig", encoding="utf-8")
    code, _, err = _invoke("facts", str(bad))
    assert code == 2 and ONE_LINE.fullmatch(err) and "bad.trig" in err


def test_cli_errors_sparql_syntax_error_is_one_line() -> None:
    code, _, err = _invoke("query", str(SMALL), "SELECT ?x WHERE { ?x ?y }")
    assert code == 2 and ONE_LINE.fullmatch(err) and err.startswith("kg query: error: ")


def test_cli_errors_unknown_named_query_suggests_close_name() -> None:
    code, _, err = _invoke("query", str(SMALL), "investmentz")
    assert code == 2 and ONE_LINE.fullmatch(err) and "'investments'" in err


def test_cli_errors_build_missing_input_reports_skip(tmp_path: Path) -> None:
    code, _, err = _invoke("build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "g.trig"))
    assert code == 1 and f"skipped {(tmp_path / 'nope.txt').as_posix()}: no such file" in err
    assert not (tmp_path / "g.trig").exists()


def test_cli_errors_bad_param_is_usage_error() -> None:
    code, _, err = _invoke("query", str(SMALL), "investments", "--param", "novalue")
    assert code == 2 and "NAME=VALUE" in err and "Traceback" not in err
