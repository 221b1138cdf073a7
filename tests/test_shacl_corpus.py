"""End to end: the graph built from every corpus article conforms to the SHACL shapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import build
from kg.rdf import validate

CORPUS = sorted((Path(__file__).parent / "data" / "corpus").glob("*.txt"))


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_shacl_corpus_article_conforms(path: Path) -> None:
    result = build([path])
    assert result.articles == 1, result.errors
    report = validate(result.dataset)
    assert report.conforms, "\n".join(report.messages())


@pytest.mark.slow
def test_shacl_corpus_whole_build_conforms() -> None:
    report = validate(build(CORPUS).dataset)
    assert report.conforms, "\n".join(report.messages())
