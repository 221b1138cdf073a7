"""The synthetic article generator of ``benchmarks/synth.py`` (used by the benchmarks)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_synth() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synth", ROOT / "benchmarks" / "synth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synth", module)
    spec.loader.exec_module(module)
    return module


synth = _load_synth()


@pytest.fixture(scope="module")
def extracted() -> list[tuple[dict[str, Any], Any]]:
    from kg.extract import extract

    rows = list(synth.generate(30, seed=3))
    return [(row, extract(synth.to_article(row))) for row in rows]


def test_benchmarks_synth_same_seed_same_articles() -> None:
    assert list(synth.generate(5, seed=11)) == list(synth.generate(5, seed=11))


def test_benchmarks_synth_other_seed_other_articles() -> None:
    first = [row["text"] for row in synth.generate(5, seed=1)]
    second = [row["text"] for row in synth.generate(5, seed=2)]
    assert first != second


def test_benchmarks_synth_produces_the_requested_count() -> None:
    assert len(list(synth.generate(17, seed=0))) == 17


def test_benchmarks_synth_article_does_not_depend_on_count() -> None:
    assert list(synth.generate(3, seed=5)) == list(synth.generate(8, seed=5))[:3]


def test_benchmarks_synth_articles_are_300_to_1200_words() -> None:
    lengths = [len(row["text"].split()) for row in synth.generate(40, seed=0)]
    assert min(lengths) >= synth.MIN_WORDS and max(lengths) <= synth.MAX_WORDS


def test_benchmarks_synth_articles_have_unique_urls() -> None:
    urls = [row["url"] for row in synth.generate(50, seed=0)]
    assert len(set(urls)) == len(urls)


def test_benchmarks_synth_names_come_from_the_knowledge_base() -> None:
    pools = synth.load_pools()
    known = set(pools.labs + pools.startups + pools.bigtech + pools.investors)
    planted = [p["subject"] for row in synth.generate(20, seed=0) for p in row["planted"]]
    assert sum(name in known for name in planted) >= len(planted) // 3


def test_benchmarks_synth_most_articles_yield_facts(extracted: list[tuple[dict, Any]]) -> None:
    with_facts = sum(1 for _, ex in extracted if ex.facts)
    assert with_facts >= 0.8 * len(extracted)


def test_benchmarks_synth_jsonl_reads_back_through_ingest(tmp_path: Path) -> None:
    from kg.ingest import read_inputs
    from kg.types import Article

    (path,) = synth.write(6, tmp_path, fmt="jsonl", seed=0)
    items = list(read_inputs([path]))
    assert len(items) == 6 and all(isinstance(a, Article) for a in items)


def test_benchmarks_synth_jsonl_leaves_out_planted_facts(tmp_path: Path) -> None:
    (path,) = synth.write(2, tmp_path, fmt="jsonl", seed=0)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert all("planted" not in row for row in rows)


def test_benchmarks_synth_txt_writes_one_file_per_article(tmp_path: Path) -> None:
    paths = synth.write(4, tmp_path, fmt="txt", seed=0)
    assert sorted(p.name for p in tmp_path.glob("*.txt")) == sorted(p.name for p in paths)
    assert len(paths) == 4


def test_benchmarks_synth_doctests_pass() -> None:
    import doctest

    assert doctest.testmod(synth).failed == 0


def test_benchmarks_synth_novel_words_are_new_in_every_article() -> None:
    plain = list(synth.generate(20, seed=5))
    novel = list(synth.generate(20, seed=5, novel_words=25))
    lines = [row["text"].splitlines()[-1] for row in novel]
    words = [w for line in lines for w in line.removeprefix("Also in this story: ").rstrip(".")
             .split(", ")]
    assert len(words) == 20 * 25 and len(set(words)) == len(words)
    for a, b in zip(plain, novel):  # the article itself is unchanged
        assert b["text"].startswith(a["text"]) and b["planted"] == a["planted"]
