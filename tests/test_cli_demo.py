"""`kg demo`: the bundled samples, their attribution, and the demo folder."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kg.cli.main import app
from kg.demo import sample_files, samples_dir


def test_cli_demo_attribution_names_every_sample() -> None:
    attribution = (samples_dir() / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert sample_files() and all(f"`{f.name}`" in attribution for f in sample_files())


def test_cli_demo_attribution_states_wikipedia_licence() -> None:
    attribution = (samples_dir() / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in attribution and "https://en.wikipedia.org/wiki/Anthropic" in attribution


def test_cli_demo_writes_the_demo_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    names = {p.name for p in (tmp_path / "demo").iterdir()}
    assert {"graph.trig", "graph.html", "centrality.csv", "facts.jsonl", "ATTRIBUTION.md"} <= names


def test_cli_demo_prints_top_actors_and_what_to_open(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["demo", "--out", str(tmp_path / "demo")])
    assert "Top actors" in result.stdout and "graph.html" in result.stdout
    table = result.stdout.split("Top actors by PageRank:\n", 1)[1].split("\n\n", 1)[0]
    assert len(table.splitlines()) == 1 + 10 and "Anthropic" in table
