"""The extractor registry: extractors are plug-ins chosen by name."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.extract as extract_mod
from kg.errors import KGError
from kg.extract import available, extract, get_extractor, register
from kg.pipeline import build
from kg.types import RELATIONS, Article, Entity, Evidence, Extraction, Fact

SEED = Path(__file__).parent / "data" / "corpus" / "00-microsoft-openai-alliance.txt"


@pytest.mark.parametrize("name", available())
def test_extract_registry_every_extractor_reads_the_seed_article(name: str) -> None:
    article = Article.from_text(SEED.read_text(encoding="utf-8"), key="seed")
    result = get_extractor(name).extract(article)
    assert result.article == article
    assert result.facts, f"extractor {name!r} found no fact in the seed article"
    names = {e.name for e in result.entities}
    for fact in result.facts:
        assert fact.relation in RELATIONS
        assert fact.subject in names
        assert fact.evidence is not None
        assert article.text[fact.evidence.start:fact.evidence.end] == fact.evidence.text


@pytest.mark.parametrize("name", available())
def test_extract_registry_extractors_are_deterministic(name: str) -> None:
    article = Article.from_text(SEED.read_text(encoding="utf-8"), key="seed")
    assert get_extractor(name).extract(article) == get_extractor(name).extract(article)


def test_extract_registry_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(KGError, match="unknown extractor 'nope'.*rules"):
        extract(Article.from_text("x"), extractor="nope")


class _OneFact:
    """A stand-in for a model-based extractor: it plugs in without touching other stages."""

    name = "one-fact"

    def extract(self, article: Article) -> Extraction:
        ents = (Entity("acme", "Acme", "Company"), Entity("globex", "Globex", "Company"))
        fact = Fact("Acme", "partners_with", "Globex",
                    evidence=Evidence(article.text, 0, len(article.text)), extractor=self.name)
        return Extraction(article, ents, (fact,))


def test_extract_registry_a_registered_extractor_builds_a_graph(tmp_path: Path) -> None:
    register("one-fact")(_OneFact)
    try:
        path = tmp_path / "a.txt"
        path.write_text("Acme and Globex work together.", encoding="utf-8")
        result = build([path], extractor="one-fact")
        from kg.rdf import fact_records

        (record,) = fact_records(result.dataset)
        assert (record["subject"], record["relation"], record["object"]) == \
            ("Acme", "partners_with", "Globex")
    finally:
        extract_mod._REGISTRY.pop("one-fact", None)
        extract_mod._INSTANCES.pop("one-fact", None)
