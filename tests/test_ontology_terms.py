"""The ontology (ontology/aikg.ttl): parses, documents every term, matches kg.rdf.namespace."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.rdf.namespace import AIKG, ONTOLOGY_IRI, SCHEMA
from kg.resources import ontology_dir
from kg.types import ENTITY_TYPES, LITERAL_RELATIONS, MODALITIES, RELATIONS, SYMMETRIC_RELATIONS

NS = str(AIKG._NS)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_dir() / "aikg.ttl", format="turtle")


def _defined(onto: Graph) -> set[str]:
    return {str(s)[len(NS):] for s in set(onto.subjects(RDF.type, None))
            if isinstance(s, URIRef) and str(s).startswith(NS)}


def test_ontology_header_has_version_title_description(onto: Graph) -> None:
    head = URIRef(ONTOLOGY_IRI)
    assert (head, RDF.type, OWL.Ontology) in onto
    for prop in (OWL.versionInfo, DCTERMS.title, DCTERMS.description):
        assert onto.value(head, prop) is not None, prop


def test_ontology_every_term_has_label_and_comment(onto: Graph) -> None:
    missing = [(term, prop) for term in sorted(_defined(onto))
               for prop in (RDFS.label, RDFS.comment) if onto.value(AIKG[term], prop) is None]
    assert missing == []


def test_ontology_terms_match_namespace(onto: Graph) -> None:
    in_namespace = set(AIKG.__annotations__)
    assert _defined(onto) == in_namespace


def test_ontology_entity_classes_are_entities(onto: Graph) -> None:
    for name in ENTITY_TYPES:
        assert (AIKG[name], RDFS.subClassOf, AIKG.Entity) in onto, name


def test_ontology_article_is_news_article_and_prov_entity(onto: Graph) -> None:
    assert (AIKG.Article, RDFS.subClassOf, SCHEMA.NewsArticle) in onto
    assert (AIKG.Article, RDFS.subClassOf, PROV.Entity) in onto
    assert (AIKG.Fact, RDFS.subClassOf, PROV.Entity) in onto


def test_ontology_modalities_are_the_six_individuals(onto: Graph) -> None:
    individuals = {str(s)[len(NS):] for s in onto.subjects(RDF.type, AIKG.Modality)}
    assert individuals == set(MODALITIES)


def test_ontology_relation_annotations_cover_relations(onto: Graph) -> None:
    annotated: dict[str, list[URIRef]] = {}
    for term, name in onto.subject_objects(AIKG.factRelation):
        annotated.setdefault(str(name), []).append(term)
    assert set(annotated) == set(RELATIONS)
    for relation, terms in annotated.items():
        kinds = sorted(OWL.Class in set(onto.objects(t, RDF.type)) for t in terms)
        assert kinds == [False, True], relation  # one property, one fact class


def test_ontology_fact_classes_are_facts(onto: Graph) -> None:
    for term in onto.subjects(AIKG.factRelation, None):
        if (term, RDF.type, OWL.Class) in onto:
            assert (term, RDFS.subClassOf, AIKG.Fact) in onto, term


def test_ontology_symmetric_properties_match_types(onto: Graph) -> None:
    symmetric = {str(onto.value(p, AIKG.factRelation))
                 for p in onto.subjects(RDF.type, OWL.SymmetricProperty)}
    assert symmetric == SYMMETRIC_RELATIONS


def test_ontology_datatype_relations_are_the_literal_ones(onto: Graph) -> None:
    literal = {str(onto.value(p, AIKG.factRelation))
               for p in onto.subjects(RDF.type, OWL.DatatypeProperty)
               if onto.value(p, AIKG.factRelation) is not None}
    assert literal == LITERAL_RELATIONS


def test_ontology_relation_properties_have_domain_and_range(onto: Graph) -> None:
    for prop in onto.subjects(AIKG.factRelation, None):
        if (prop, RDF.type, OWL.Class) in onto:
            continue
        assert onto.value(prop, RDFS.domain) is not None, prop
        assert onto.value(prop, RDFS.range) is not None, prop
