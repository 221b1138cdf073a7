"""kg.rdf.store: articles in an on-disk pyoxigraph store — add, find, replace, remove, export."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from isomorphism import assert_same_dataset

from kg.errors import GraphError
from kg.query import run_query
from kg.rdf import add_extraction as add_to_dataset
from kg.rdf import new_dataset
from kg.rdf.store import (
    add_extraction,
    add_nquads,
    article_hash,
    article_keys,
    extraction_nquads,
    find_articles,
    has_article,
    open_store,
    remove_article,
    to_dataset,
    writing,
)
from kg.types import Article, Entity, Evidence, Extraction, Fact

MICROSOFT = Entity("microsoft", "Microsoft", "Company")
OPENAI = Entity("openai", "OpenAI", "Company")
NVIDIA = Entity("nvidia", "Nvidia", "Company")


def _extraction(key: str, text: str, *entities: Entity, url: str | None = None,
                path: str | None = None) -> Extraction:
    subject, obj = entities[0], entities[1]
    fact = Fact(subject.name, "invests_in", obj.name, amount_usd=1e9,
                evidence=Evidence(text, 0, len(text)))
    return Extraction(Article.from_text(text, key=key, url=url, path=path),
                      entities=entities, facts=(fact,))


A = _extraction("a.txt", "Microsoft invested $1 billion in OpenAI.", MICROSOFT, OPENAI,
                path="news/a.txt")
B = _extraction("https://example.com/b", "Microsoft invested $1 billion in Nvidia.",
                MICROSOFT, NVIDIA, url="https://example.com/b")


def _entities(store: ox.Store) -> set[object]:
    rows = run_query(store, "SELECT DISTINCT ?l WHERE { ?e a aikg:Company ; rdfs:label ?l }").rows
    return {label for (label,) in rows}


@pytest.fixture
def store(tmp_path: Path) -> ox.Store:
    with writing(tmp_path / "store") as opened:
        add_extraction(opened, A)
        add_extraction(opened, B)
        yield opened


def test_store_lists_article_keys(store: ox.Store) -> None:
    assert article_keys(store) == ["a-txt", "https-example-com-b"]


def test_store_has_article_by_key_url_and_path(store: ox.Store) -> None:
    assert has_article(store, "a.txt") and has_article(store, "a-txt")
    assert has_article(store, "https://example.com/b") and has_article(store, "news/a.txt")
    assert not has_article(store, "c.txt")


def test_store_has_article_checks_the_content_hash(store: ox.Store) -> None:
    assert has_article(store, "a.txt", A.article.content_hash)
    assert not has_article(store, "a.txt", B.article.content_hash)


def test_store_finds_article_by_content_hash(store: ox.Store) -> None:
    assert [n.value for n in find_articles(store, B.article.content_hash)] == [
        "https://w3id.org/aikg/id/article/https-example-com-b"]


def test_store_article_hash_of_missing_article_is_none(store: ox.Store) -> None:
    assert article_hash(store, "a.txt") == A.article.content_hash
    assert article_hash(store, "missing") is None


def test_store_changed_article_replaces_its_graph(store: ox.Store) -> None:
    changed = _extraction("a.txt", "Nvidia invested $1 billion in OpenAI.", NVIDIA, OPENAI)
    add_extraction(store, changed)
    rows = run_query(store, "SELECT ?s WHERE { GRAPH ?g { ?s aikg:investsIn entity:openai } }")
    assert rows.rows == [("https://w3id.org/aikg/id/entity/nvidia",)]
    assert article_hash(store, "a.txt") == changed.article.content_hash


def test_store_remove_keeps_entity_mentioned_elsewhere(store: ox.Store) -> None:
    assert remove_article(store, "a.txt") == ["a-txt"]
    assert "Microsoft" in _entities(store)


def test_store_remove_drops_entity_mentioned_only_there(store: ox.Store) -> None:
    remove_article(store, "news/a.txt")
    assert _entities(store) == {"Microsoft", "Nvidia"}
    assert article_keys(store) == ["https-example-com-b"]


def test_store_remove_unknown_article_removes_nothing(store: ox.Store) -> None:
    assert remove_article(store, "nope") == [] and len(article_keys(store)) == 2


def test_store_export_is_isomorphic_to_an_rdflib_build(store: ox.Store) -> None:
    ds = new_dataset()
    add_to_dataset(ds, A)
    add_to_dataset(ds, B)
    assert_same_dataset(to_dataset(store), ds)


def test_store_nquads_round_trip_replaces_the_graph(tmp_path: Path) -> None:
    with writing(tmp_path / "s") as opened:
        add_extraction(opened, A)
        before = to_dataset(opened)
        assert add_nquads(opened, extraction_nquads(A)) == [
            ox.NamedNode("https://w3id.org/aikg/id/article/a-txt")]
        assert_same_dataset(to_dataset(opened), before)


def test_store_nquads_are_sorted_and_stable() -> None:
    text = extraction_nquads(A)
    assert text == extraction_nquads(A) and text.splitlines() == sorted(text.splitlines())


def test_store_read_only_open_sees_committed_articles(tmp_path: Path) -> None:
    with writing(tmp_path / "s") as opened:
        add_extraction(opened, A)
    assert article_keys(open_store(tmp_path / "s")) == ["a-txt"]


def test_store_open_missing_folder_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match=r"no such folder; build one with `kg build --store"):
        open_store(tmp_path / "none")


def test_store_refuses_a_folder_that_holds_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(GraphError, match="not empty and is not an aikg store"), writing(tmp_path):
        pass
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_store_query_runner_opens_a_store_folder(store: ox.Store, tmp_path: Path) -> None:
    store.flush()
    result = run_query(str(tmp_path / "store"), "SELECT (COUNT(?a) AS ?n) WHERE { ?a a aikg:Article }")
    assert result.rows == [(2,)]
