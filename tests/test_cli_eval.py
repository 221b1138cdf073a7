"""`kg eval`: scores the extractor on gold files and prints the report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli.main import app

DATA = Path(__file__).parent / "data"
STEM = "02-anthropic-series-a-2021"


@pytest.fixture
def one_article(tmp_path: Path) -> tuple[Path, Path]:
    gold, corpus = tmp_path / "gold", tmp_path / "corpus"
    gold.mkdir()
    corpus.mkdir()
    shutil.copy(DATA / "gold" / f"{STEM}.jsonl", gold)
    shutil.copy(DATA / "corpus" / f"{STEM}.txt", corpus)
    return gold, corpus


def test_cli_eval_prints_report_for_each_article(one_article: tuple[Path, Path]) -> None:
    gold, corpus = one_article
    result = CliRunner().invoke(app, ["eval", str(gold), str(corpus)])
    assert result.exit_code == 0 and STEM in result.stdout and "TOTAL" in result.stdout


def test_cli_eval_verbose_lists_missed_facts(tmp_path: Path) -> None:
    gold, corpus = tmp_path / "gold", tmp_path / "corpus"
    gold.mkdir()
    corpus.mkdir()
    (gold / "01-a.jsonl").write_text(
        '{"subject": "Microsoft", "relation": "acquires", "object": "Zyxcorp", "sources": [], '
        '"modality": "asserted", "evidence": "Microsoft bought Zyxcorp."}\n', encoding="utf-8")
    (corpus / "01-a.txt").write_text("Microsoft invested $1 billion in OpenAI in 2019.\n",
                                     encoding="utf-8")
    quiet = CliRunner().invoke(app, ["eval", str(gold), str(corpus)]).stdout
    verbose = CliRunner().invoke(app, ["eval", str(gold), str(corpus), "--verbose"]).stdout
    assert "Zyxcorp" in verbose and "Zyxcorp" not in quiet


def test_cli_eval_missing_gold_dir_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(tmp_path / "nope"), str(tmp_path)])
    assert result.exit_code == 2 and result.stderr.startswith("kg eval: error: ")
    assert len(result.stderr.splitlines()) == 1


def test_cli_eval_fails_when_nothing_matches_a_gold_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(DATA / "gold"), str(tmp_path)])
    assert result.exit_code != 0
    assert "nothing was scored" in result.output
