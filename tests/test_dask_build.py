"""kg.cluster and ``kg build --dask``: graphs made on a real local Dask cluster."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from isomorphism import assert_same_dataset
from typer.testing import CliRunner

from kg.cli.main import app
from kg.errors import InputError
from kg.ingest import read_inputs
from kg.pipeline import build_articles
from kg.rdf import load_graph
from kg.rdf.store import to_dataset, writing
from kg.types import Article

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow
CORPUS = Path(__file__).parent / "data" / "corpus"


@pytest.fixture(scope="module")
def corpus() -> list[Article | InputError]:
    return list(read_inputs([CORPUS]))


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=":0") as local:
        yield local


@pytest.fixture(scope="module")
def plain(corpus: list[Article | InputError]) -> object:
    return build_articles(corpus).dataset


def test_dask_build_is_isomorphic_to_the_plain_build(
        cluster: distributed.LocalCluster, corpus: list[Article | InputError],
        plain: object) -> None:
    result = build_articles(corpus, dask=cluster.scheduler_address)
    assert (result.articles, result.errors) == (12, [])
    assert_same_dataset(result.dataset, plain)  # type: ignore[arg-type]


def test_dask_build_into_a_store_is_isomorphic(
        cluster: distributed.LocalCluster, corpus: list[Article | InputError],
        plain: object, tmp_path: Path) -> None:
    with writing(tmp_path / "s") as store:
        build_articles(corpus, store=store, dask=cluster.scheduler_address)
    assert_same_dataset(to_dataset(tmp_path / "s"), plain)  # type: ignore[arg-type]


def test_dask_build_keeps_input_order_and_errors(
        cluster: distributed.LocalCluster, corpus: list[Article | InputError]) -> None:
    seen: list[str] = []
    items = [corpus[0], InputError("bad.txt", "undecodable bytes"), *corpus[1:4]]
    with distributed.Client(cluster) as client:
        result = build_articles(items, dask=client,
                                on_article=lambda i: seen.append(getattr(i, "key", "!")))
    assert seen == [corpus[0].key, "!", *(a.key for a in corpus[1:4])]  # type: ignore[union-attr]
    assert [e.path for e in result.errors] == ["bad.txt"]


def test_dask_build_counts_match_the_plain_build(
        cluster: distributed.LocalCluster, corpus: list[Article | InputError]) -> None:
    on_dask = build_articles(corpus, dask=cluster.scheduler_address)
    here = build_articles(corpus)
    assert (on_dask.facts, on_dask.entity_keys) == (here.facts, here.entity_keys)


def test_dask_cli_build_on_a_local_cluster(tmp_path: Path, plain: object) -> None:
    out = tmp_path / "g.trig"
    result = CliRunner().invoke(app, ["build", str(CORPUS), "-o", str(out), "--dask", "local",
                                      "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert_same_dataset(load_graph(out), plain)  # type: ignore[arg-type]


def test_dask_unreachable_scheduler_is_one_line_error(tmp_path: Path) -> None:
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(app, ["build", str(CORPUS / "00-microsoft-openai-alliance.txt"),
                                          "-o", str(tmp_path / "g.trig"),
                                          "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert result.stderr.startswith("kg build: error: cannot reach the dask scheduler at "
                                    "tcp://127.0.0.1:9")
