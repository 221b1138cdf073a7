"""``--store DIR`` on the command line: build, read with every command, remove, one writer."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from isomorphism import assert_same_dataset
from typer.testing import CliRunner

import kg
from kg.cli.main import app
from kg.rdf import load_graph
from kg.rdf.store import to_dataset

CORPUS = Path(__file__).parent / "data" / "corpus"
SEED = CORPUS / "00-microsoft-openai-alliance.txt"
SERIES_A = CORPUS / "02-anthropic-series-a-2021.txt"
XAI = CORPUS / "15-techcrunch-spacex-acquires-xai-2026.txt"


def kg_cli(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "graph.db"
    code, _, err = kg_cli("build", SEED, SERIES_A, "--store", folder)
    assert code == 0, err
    return folder


def test_cli_store_build_summary_counts_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "graph.db"
    assert re.fullmatch(rf"built {re.escape(str(folder))}: 1 articles, \d+ facts, \d+ entities "
                        r"\(0 skipped, 0 unchanged\)\n", kg_cli("build", SEED, "--store", folder)[1])
    code, out, _ = kg_cli("build", SEED, SERIES_A, "--store", folder)
    assert code == 0 and out.startswith(f"built {folder}: 1 articles, ")
    assert out.endswith("(0 skipped, 1 unchanged)\n")


def test_cli_store_build_needs_output_or_store(tmp_path: Path) -> None:
    code, _, err = kg_cli("build", SEED, "-o", tmp_path / "g.trig", "--store", tmp_path / "s")
    assert code == 2 and "give --output FILE or --store DIR (one of them)" in err


def test_cli_store_graph_is_the_file_build(store: Path, tmp_path: Path) -> None:
    kg_cli("build", SEED, SERIES_A, "-o", tmp_path / "g.trig")
    assert_same_dataset(to_dataset(store), load_graph(tmp_path / "g.trig"))


@pytest.mark.parametrize("args", [
    ["facts"], ["entities"], ["centrality", "--format", "csv"], ["validate"],
    ["query", "investments", "--format", "csv"],
])
def test_cli_store_read_commands_match_the_file(store: Path, tmp_path: Path,
                                                args: list[str]) -> None:
    kg_cli("build", SEED, SERIES_A, "-o", tmp_path / "g.trig")
    from_file = kg_cli(args[0], tmp_path / "g.trig", *args[1:])
    from_store = kg_cli(args[0], "--store", store, *args[1:])
    assert from_store == from_file and from_store[0] == 0 and from_store[1]


def test_cli_store_query_takes_the_store_folder_as_graph(store: Path) -> None:
    code, out, _ = kg_cli("query", store, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a aikg:Article }",
                          "--format", "csv")
    assert (code, out) == (0, "n\n2\n")


def test_cli_store_render_writes_the_page(store: Path, tmp_path: Path) -> None:
    code, _, _ = kg_cli("render", "--store", store, "-o", tmp_path / "g.html")
    assert code == 0 and (tmp_path / "g.html").stat().st_size > 10_000


def test_cli_store_read_of_missing_store_is_one_line(tmp_path: Path) -> None:
    code, _, err = kg_cli("facts", "--store", tmp_path / "none")
    assert code == 2 and err == (f"kg facts: error: {tmp_path / 'none'}: no such folder; build "
                                 f"one with `kg build --store {tmp_path / 'none'} ARTICLES`\n")


def _facts(folder: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in kg_cli("facts", "--store", folder)[1].splitlines()]


def _entities(folder: Path) -> set[str]:
    return {json.loads(line)["entity"]
            for line in kg_cli("entities", "--store", folder)[1].splitlines()}


def test_cli_remove_by_file_path(tmp_path: Path) -> None:
    folder, seed_only = tmp_path / "graph.db", tmp_path / "seed.db"
    kg_cli("build", SEED, XAI, "--store", folder)
    kg_cli("build", SEED, "--store", seed_only)
    code, out, _ = kg_cli("remove", "--store", folder, XAI)
    assert (code, out) == (0, f"removed 1 article from {folder}\n")
    assert _facts(folder) == _facts(seed_only)


def test_cli_remove_keeps_entities_mentioned_elsewhere(tmp_path: Path) -> None:
    folder = tmp_path / "graph.db"
    kg_cli("build", SEED, XAI, "--store", folder)
    before = _entities(folder)
    kg_cli("remove", "--store", folder, "15-techcrunch-spacex-acquires-xai-2026.txt")
    after = _entities(folder)
    assert "xAI" in before and "xAI" not in after  # only the removed article named xAI
    assert "Microsoft" in after and after < before


def test_cli_remove_unknown_article_exits_1(store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "graph.db"
    kg_cli("build", SEED, "--store", folder)
    code, out, err = kg_cli("remove", "--store", folder, "no-such-article",
                            "00-microsoft-openai-alliance.txt")
    assert (code, out, err) == (1, f"removed 1 article from {folder}\n",
                                f"not in {folder}: no-such-article\n")


HOLDER = """
import sys
from kg.rdf.store import writing
with writing(sys.argv[1]):
    print("locked", flush=True)
    sys.stdin.readline()
"""


def test_cli_store_second_writer_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "graph.db"
    env = {**os.environ, "PYTHONPATH": str(Path(kg.__file__).resolve().parent.parent)}
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        code, _, err = kg_cli("build", SEED, "--store", folder)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait()
    assert code == 2
    assert err == (f"kg build: error: store {folder} is being written by another process "
                   f"(pid {holder.pid}); try again when it finishes\n")


def test_cli_remove_a_jsonl_file_removes_each_of_its_articles(tmp_path: Path) -> None:
    lines = [{"text": SEED.read_text(encoding="utf-8"), "url": "https://example.com/seed"},
             {"text": XAI.read_text(encoding="utf-8"), "url": "https://example.com/xai"}]
    news = tmp_path / "news.jsonl"
    news.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    folder = tmp_path / "graph.db"
    kg_cli("build", news, SERIES_A, "--store", folder)
    assert kg_cli("remove", "--store", folder, news)[:2] == (
        0, f"removed 2 articles from {folder}\n")
    assert kg_cli("query", "--store", folder, "SELECT ?u WHERE { ?a schema:url ?u }",
                  "--format", "csv")[1] == "u\n"


def test_cli_remove_by_url(tmp_path: Path) -> None:
    news = tmp_path / "news.jsonl"
    news.write_text(json.dumps({"text": SEED.read_text(encoding="utf-8"),
                                "url": "https://example.com/seed"}) + "\n", encoding="utf-8")
    folder = tmp_path / "graph.db"
    kg_cli("build", news, "--store", folder)
    assert kg_cli("remove", "--store", folder, "https://example.com/seed")[0] == 0
    assert _facts(folder) == []
