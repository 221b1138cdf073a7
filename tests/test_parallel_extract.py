"""kg.parallel and ``kg build --jobs``: several processes give the same graph, in input order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from isomorphism import assert_same_dataset
from typer.testing import CliRunner

from kg.cli.main import app
from kg.errors import InputError
from kg.ingest import read_inputs
from kg.parallel import DEFAULT_CHUNKSIZE, ArticleGraph, extract_each, graph_each
from kg.pipeline import build_articles
from kg.rdf import load_graph
from kg.types import Article, Extraction

CORPUS = Path(__file__).parent / "data" / "corpus"


@pytest.fixture(scope="module")
def corpus() -> list[Article | InputError]:
    return list(read_inputs([CORPUS]))


def test_parallel_extractions_equal_one_process(corpus: list[Article | InputError]) -> None:
    assert list(extract_each(corpus, jobs=2)) == list(extract_each(corpus, jobs=1))


def test_parallel_results_come_in_input_order(corpus: list[Article | InputError]) -> None:
    keys = [g.key for g in graph_each(corpus, jobs=2, chunksize=1)]
    assert keys == [a.key for a in corpus if isinstance(a, Article)]


def test_parallel_input_errors_keep_their_place(corpus: list[Article | InputError]) -> None:
    items = [corpus[0], InputError("bad.txt", "undecodable bytes"), corpus[1]]
    kinds = [type(x).__name__ for x in extract_each(items, jobs=2)]
    assert kinds == ["Extraction", "InputError", "Extraction"]


def test_parallel_failed_extraction_is_reported_per_article(
        corpus: list[Article | InputError]) -> None:
    results = list(graph_each(corpus[:2], extractor="no-such-extractor", jobs=2))
    assert all(isinstance(r, InputError) for r in results)
    assert "extraction failed: unknown extractor 'no-such-extractor'" in str(results[0])


def test_parallel_graphs_equal_one_process(corpus: list[Article | InputError]) -> None:
    one = [g for g in graph_each(corpus, jobs=1)]
    assert [g for g in graph_each(corpus, jobs=2)] == one
    assert all(isinstance(g, ArticleGraph) and g.nquads for g in one)


def test_parallel_build_is_isomorphic_to_one_process(corpus: list[Article | InputError]) -> None:
    assert_same_dataset(build_articles(corpus, jobs=2).dataset,
                        build_articles(corpus, jobs=1).dataset)


def test_parallel_build_reads_ahead_a_bounded_number_of_articles(
        corpus: list[Article | InputError]) -> None:
    pulled: list[int] = []
    ahead: list[int] = []

    def stream() -> Iterator[Article | InputError]:
        for item in corpus:
            pulled.append(1)
            yield item

    build_articles(stream(), jobs=2, on_article=lambda _: ahead.append(len(pulled) - len(ahead)))
    assert len(ahead) == 12 and max(ahead) <= (2 * 2 + 1) * DEFAULT_CHUNKSIZE


def test_parallel_cli_build_gives_the_same_graph_and_facts(tmp_path: Path) -> None:
    runner = CliRunner()
    for jobs in ("1", "2"):
        result = runner.invoke(app, ["build", str(CORPUS), "-o", str(tmp_path / f"j{jobs}.trig"),
                                     "--jobs", jobs])
        assert result.exit_code == 0, result.output
    assert_same_dataset(load_graph(tmp_path / "j1.trig"), load_graph(tmp_path / "j2.trig"))
    facts = [runner.invoke(app, ["facts", str(tmp_path / f"j{jobs}.trig")]).stdout_bytes
             for jobs in ("1", "2")]
    assert facts[0] == facts[1] and facts[0].count(b"\n") > 100


def test_parallel_keeps_extractions_only_in_one_process(
        corpus: list[Article | InputError]) -> None:
    result = build_articles(corpus[:1], keep_extractions=True)
    assert [type(e) for e in result.extractions] == [Extraction]
