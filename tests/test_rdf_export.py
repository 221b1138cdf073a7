"""kg.rdf.export: fact and entity records read back from the graph."""

from __future__ import annotations

from dataclasses import replace

from test_rdf_fixtures import FACTS, TEXT, rich_extraction

from kg.rdf import add_extraction, article_iri, entity_records, fact_records, new_dataset
from kg.types import Article, Evidence, Extraction, Fact


def test_export_round_trip_equals_fact_record() -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction())
    expected = sorted((f.record() for f in FACTS), key=lambda r: TEXT.index(r["evidence"]))
    assert fact_records(ds) == expected


def test_export_record_field_order_follows_facts_md() -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction(facts=(FACTS[3],)))
    assert list(fact_records(ds)[0]) == list(FACTS[3].record())


def test_export_numbers_are_int_when_integral() -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction())
    records = {r["relation"]: r for r in fact_records(ds)}
    assert type(records["has_parameters"]["object"]) is int
    assert type(records["invests_in"]["amount_usd"]) is int
    assert records["market_share"]["object"] == 25.5


def test_export_sources_are_sorted_publisher_labels() -> None:
    fact = replace(FACTS[3], sources=("Reuters", "Bloomberg"))
    ds = new_dataset()
    add_extraction(ds, rich_extraction(facts=(fact,)))
    assert fact_records(ds)[0]["sources"] == ["Bloomberg", "Reuters"]


def test_export_subject_is_the_canonical_label() -> None:
    fact = Fact("AWS", "subsidiary_of", "Amazon", evidence=FACTS[11].evidence)
    ds = new_dataset()
    add_extraction(ds, rich_extraction(facts=(fact,)))
    assert fact_records(ds)[0]["subject"] == "Amazon Web Services"


def test_export_fact_without_evidence_has_empty_evidence() -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction(facts=(Fact("Google", "competes_with", "Microsoft"),)))
    assert fact_records(ds) == [Fact("Google", "competes_with", "Microsoft").record()]


def test_export_sorted_by_article_then_offset() -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction("b", facts=FACTS[:2]))
    add_extraction(ds, rich_extraction("a", facts=(FACTS[5], FACTS[1])))
    relations = [r["relation"] for r in fact_records(ds)]
    assert relations == ["acquires", "provides_compute_to", "invests_in", "acquires"]


def test_export_one_graph_by_key_or_iri() -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction("a", facts=FACTS[:2]))
    add_extraction(ds, rich_extraction("b", facts=FACTS[2:5]))
    assert len(fact_records(ds, "b")) == 3
    assert len(fact_records(ds, article_iri("a"))) == 2
    assert fact_records(ds, "nothing") == []


def test_export_entity_records() -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction())
    records = {r["entity"]: r for r in entity_records(ds)}
    assert records["Microsoft"] == {"entity": "Microsoft", "type": "Company",
                                    "aliases": ["MSFT", "Microsoft Corp."], "wikidata": "Q2283"}
    assert records["Amazon Web Services"] == {"entity": "Amazon Web Services",
                                              "type": ["Company", "Product"], "aliases": ["AWS"]}
    assert records["Bloomberg"]["type"] == "Publisher"
    assert [r["entity"] for r in entity_records(ds)] == sorted(records)


def test_export_entity_records_merge_articles() -> None:
    text = "Microsoft Corporation did it."
    other = Extraction(Article.from_text(text, key="other"),
                       entities=rich_extraction().entities[:1],
                       facts=(Fact("Microsoft", "develops", "Copilot",
                                   evidence=Evidence(text, 0, len(text))),))
    ds = new_dataset()
    add_extraction(ds, rich_extraction())
    add_extraction(ds, other)
    names = [r["entity"] for r in entity_records(ds)]
    assert names.count("Microsoft") == 1 and "Copilot" in names
