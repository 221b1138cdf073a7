"""kg.rdf.shacl: the shipped shapes accept good graphs and explain what is wrong in bad ones."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from test_rdf_fixtures import FACTS, rich_extraction

from kg.rdf import ValidationReport, add_extraction, article_iri, new_dataset, validate
from kg.rdf.namespace import AIKG
from kg.rdf.shacl import shapes_graph
from kg.types import MODALITIES, Entity


@pytest.fixture()
def rich() -> Dataset:
    ds = new_dataset()
    add_extraction(ds, rich_extraction())
    return ds


def _first_fact(ds: Dataset, cls: URIRef) -> tuple[Graph, URIRef]:
    graph = ds.graph(article_iri("rich"))
    return graph, next(iter(graph.subjects(RDF.type, cls)))


def test_shacl_rich_extraction_conforms(rich: Dataset) -> None:
    report = validate(rich)
    assert report.conforms, "\n".join(report.messages())
    assert report.results == []


def test_shacl_every_modality_conforms() -> None:
    facts = tuple(replace(FACTS[0], modality=m, date=f"20{i:02d}") for i, m in enumerate(MODALITIES))
    ds = new_dataset()
    add_extraction(ds, rich_extraction(facts=facts))
    assert validate(ds).conforms


def test_shacl_report_is_frozen(rich: Dataset) -> None:
    report = validate(rich)
    assert isinstance(report, ValidationReport)
    with pytest.raises(AttributeError):
        report.conforms = False  # type: ignore[misc]


def test_shacl_fact_without_subject_fails(rich: Dataset) -> None:
    graph, fact = _first_fact(rich, AIKG.Investment)
    graph.remove((fact, AIKG.subject, None))
    report = validate(rich)
    assert not report.conforms
    [result] = report.results
    assert (result.focus, result.path, result.severity) == (fact, AIKG.subject, "Violation")
    assert "exactly one aikg:subject" in result.message


def test_shacl_market_share_over_100_fails(rich: Dataset) -> None:
    graph, fact = _first_fact(rich, AIKG.MarketShare)
    graph.set((fact, AIKG.objectValue, Literal("150", datatype=XSD.decimal)))
    report = validate(rich)
    assert not report.conforms
    assert any("between 0 and 100" in m for m in report.messages())


def test_shacl_object_and_object_value_together_fail(rich: Dataset) -> None:
    graph, fact = _first_fact(rich, AIKG.Investment)
    graph.add((fact, AIKG.objectValue, Literal("1", datatype=XSD.decimal)))
    report = validate(rich)
    assert any("exactly one of aikg:object" in r.message and r.focus == fact
               for r in report.results)


def test_shacl_bad_modality_fails(rich: Dataset) -> None:
    graph, fact = _first_fact(rich, AIKG.Investment)
    graph.set((fact, AIKG.modality, AIKG.Company))
    assert any(r.path == AIKG.modality for r in validate(rich).results)


def test_shacl_negative_amount_and_bad_date_fail(rich: Dataset) -> None:
    graph, fact = _first_fact(rich, AIKG.Investment)
    graph.set((fact, AIKG.amountUSD, Literal("-5", datatype=XSD.decimal)))
    graph.set((fact, AIKG.date, Literal("last spring")))
    paths = {r.path for r in validate(rich).results}
    assert paths == {AIKG.amountUSD, AIKG.date}


def test_shacl_wrong_relation_for_fact_class_fails(rich: Dataset) -> None:
    graph, fact = _first_fact(rich, AIKG.Investment)
    graph.set((fact, AIKG.relation, AIKG.acquires))
    assert any("aikg:relation aikg:investsIn" in m for m in validate(rich).messages())


def test_shacl_fact_without_evidence_or_article_fails(rich: Dataset) -> None:
    graph, fact = _first_fact(rich, AIKG.Leadership)
    graph.remove((fact, AIKG.evidence, None))
    graph.remove((fact, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None))
    messages = " ".join(validate(rich).messages())
    assert "aikg:evidence" in messages and "prov:wasDerivedFrom" in messages


def test_shacl_entity_without_label_fails(rich: Dataset) -> None:
    entity = URIRef("https://w3id.org/aikg/id/entity/openai")
    rich.graph(article_iri("rich")).remove((entity, RDFS.label, None))
    report = validate(rich)
    assert not report.conforms
    [result] = report.results
    assert (result.focus, result.path, result.severity) == (entity, RDFS.label, "Violation")
    assert "needs an rdfs:label" in result.message


def test_shacl_entity_named_differently_by_two_articles_warns(rich: Dataset) -> None:
    other = replace(rich_extraction("other", facts=FACTS[:1]),
                    entities=(Entity("openai", "OpenAI Inc", "Company"),))
    add_extraction(rich, other)
    report = validate(rich)
    assert report.conforms
    [result] = report.results
    assert (result.focus, result.severity) == (URIRef("https://w3id.org/aikg/id/entity/openai"),
                                               "Warning")
    assert "exactly one rdfs:label" in result.message


def test_shacl_evidence_offsets_must_be_integers(rich: Dataset) -> None:
    graph, fact = _first_fact(rich, AIKG.Investment)
    evidence = graph.value(fact, AIKG.evidence)
    graph.set((evidence, AIKG.startOffset, Literal("3")))
    assert {r.path for r in validate(rich).results} == {AIKG.startOffset}


def test_shacl_validates_a_plain_graph(rich: Dataset) -> None:
    graph = Graph()
    graph += rich.graph(article_iri("rich"))
    assert validate(graph).conforms


def test_shacl_every_shape_message_is_set() -> None:
    shapes = shapes_graph()
    sh = "http://www.w3.org/ns/shacl#"
    for prop_shape in shapes.objects(None, URIRef(sh + "property")):
        assert shapes.value(prop_shape, URIRef(sh + "message")) is not None, prop_shape
