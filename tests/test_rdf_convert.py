"""kg.rdf.convert: Extraction → one named graph per article."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import PROV
from test_rdf_fixtures import FACTS, rich_extraction

from kg.rdf import add_extraction, article_iri, new_dataset
from kg.rdf.namespace import AIKG, ID, SCHEMA, WD
from kg.types import Article, Evidence, Extraction, Fact


def _graph(ds: Dataset, key: str = "rich") -> Graph:
    return ds.graph(article_iri(key))


def _fact_nodes(g: Graph) -> list:
    return sorted(g.subjects(AIKG.relation, None))


def _assert_isomorphic(a: Graph, b: Graph) -> None:
    if not isomorphic(a, b):
        _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
        pytest.fail("graphs differ\nonly in first:\n" + only_a.serialize(format="nt")
                    + "\nonly in second:\n" + only_b.serialize(format="nt"))


def test_convert_new_dataset_is_default_union_with_prefixes() -> None:
    ds = new_dataset()
    assert ds.default_union
    prefixes = dict(ds.namespaces())
    assert str(prefixes["aikg"]) == str(AIKG._NS) and str(prefixes["id"]) == str(ID)


def test_convert_writes_into_the_article_named_graph() -> None:
    ds = new_dataset()
    name = add_extraction(ds, rich_extraction())
    assert name == article_iri("rich") == ID["article/rich"]
    graphs = {g.identifier for g in ds.graphs() if len(g)}
    assert graphs == {name}


def test_convert_article_node() -> None:
    ds = new_dataset()
    g = _graph(ds) if add_extraction(ds, rich_extraction()) else None
    node = ID["article/rich"]
    assert (node, RDF.type, AIKG.Article) in g
    assert g.value(node, SCHEMA.headline) == Literal("Everything at once")
    assert g.value(node, SCHEMA.url) == Literal("https://example.com/rich", datatype=XSD.anyURI)
    assert g.value(node, SCHEMA.publisher) == ID["entity/techcrunch"]
    assert g.value(node, SCHEMA.datePublished) == Literal("2025-01-31", datatype=XSD.date)
    assert g.value(node, AIKG.path) == Literal("/tmp/rich.txt")
    assert len(str(g.value(node, AIKG.contentHash))) == 64


def test_convert_entity_description() -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction())
    g = _graph(ds)
    ms = ID["entity/microsoft"]
    assert set(g.objects(ms, RDF.type)) == {AIKG.Company}
    assert g.value(ms, RDFS.label) == Literal("Microsoft")
    assert set(g.objects(ms, SKOS.altLabel)) == {Literal("Microsoft Corp."), Literal("MSFT")}
    assert g.value(ms, OWL.sameAs) == WD.Q2283
    assert g.value(ms, AIKG.wikidataId) == Literal("Q2283")


def test_convert_entity_with_two_types_and_parent() -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction())
    g = _graph(ds)
    aws = ID["entity/amazon-web-services"]
    assert set(g.objects(aws, RDF.type)) == {AIKG.Company, AIKG.Product}
    assert list(g.objects(aws, RDFS.label)) == [Literal("Amazon Web Services")]
    assert g.value(aws, AIKG.parentOrganization) == ID["entity/amazon"]
    # a parent given by name resolves to the entity's key
    assert g.value(ID["entity/bing"], AIKG.parentOrganization) == ID["entity/microsoft"]


def test_convert_fact_node_with_qualifiers_and_provenance() -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction())
    g = _graph(ds)
    [node] = list(g.subjects(RDF.type, AIKG.FundingRound))
    assert g.value(node, AIKG.relation) == AIKG.raises
    assert g.value(node, AIKG.subject) == ID["entity/anthropic"]
    assert g.value(node, AIKG.objectValue) == Literal("4300000000", datatype=XSD.decimal)
    assert g.value(node, AIKG.amount) == Literal("4000000000", datatype=XSD.decimal)
    assert g.value(node, AIKG.currency) == Literal("EUR")
    assert g.value(node, AIKG.date) == Literal("2024-03-27", datatype=XSD.date)
    assert g.value(node, AIKG.modality) == AIKG.reported
    assert set(g.objects(node, AIKG.attributedTo)) == {ID["entity/bloomberg"], ID["entity/reuters"]}
    assert g.value(node, AIKG.extractor) == Literal("rules")
    assert g.value(node, PROV.wasDerivedFrom) == ID["article/rich"]
    assert str(node).startswith(str(ID["fact/"]))


def test_convert_evidence_node() -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction())
    g = _graph(ds)
    [fact] = list(g.subjects(RDF.type, AIKG.Leadership))
    ev = g.value(fact, AIKG.evidence)
    assert (ev, RDF.type, AIKG.Evidence) in g
    assert str(g.value(ev, AIKG.text)) == "Sam Altman, OpenAI's chief executive, spoke."
    start, end = g.value(ev, AIKG.startOffset), g.value(ev, AIKG.endOffset)
    assert start.datatype == XSD.integer and end.datatype == XSD.integer
    assert rich_extraction().article.text[int(start):int(end)] == str(g.value(ev, AIKG.text))
    assert g.value(ev, AIKG.article) == ID["article/rich"]


def test_convert_direct_edges() -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction())
    g = _graph(ds)
    assert (ID["entity/microsoft"], AIKG.investsIn, ID["entity/openai"]) in g
    assert (ID["entity/sam-altman"], AIKG.ceoOf, ID["entity/openai"]) in g
    assert (ID["entity/microsoft-azure"], AIKG.marketShare,
            Literal("25.5", datatype=XSD.decimal)) in g


def test_convert_dates_typed_by_shape() -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction())
    dates = {str(d): d.datatype for d in _graph(ds).objects(None, AIKG.date)}
    assert dates == {"2019": XSD.gYear, "2024-10": XSD.gYearMonth, "2024-03-27": XSD.date}


def test_convert_one_fact_node_per_fact() -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction())
    assert len(_fact_nodes(_graph(ds))) == len(FACTS)


def test_convert_is_deterministic() -> None:
    first, second = new_dataset(), new_dataset()
    add_extraction(first, rich_extraction())
    add_extraction(second, rich_extraction())
    assert _fact_nodes(_graph(first)) == _fact_nodes(_graph(second))
    _assert_isomorphic(_graph(first), _graph(second))


def test_convert_readding_an_article_replaces_its_graph() -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction())
    add_extraction(ds, rich_extraction())
    assert len(_fact_nodes(_graph(ds))) == len(FACTS)
    changed = rich_extraction(facts=FACTS[:3])
    add_extraction(ds, changed)
    assert len(_fact_nodes(_graph(ds))) == 3
    assert not list(ds.subjects(RDF.type, AIKG.Leadership))


def test_convert_readding_leaves_other_articles_untouched() -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction("other"))
    before = Graph()
    before += _graph(ds, "other")
    add_extraction(ds, rich_extraction())
    add_extraction(ds, rich_extraction(facts=FACTS[:1]))
    _assert_isomorphic(_graph(ds, "other"), before)


def test_convert_identical_facts_are_written_once() -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction(facts=(FACTS[0], FACTS[0])))
    assert len(_fact_nodes(_graph(ds))) == 1


def test_convert_facts_sharing_identity_are_both_kept() -> None:
    twin = replace(FACTS[0], amount_usd=2e9, date="2023")
    ds = new_dataset()
    add_extraction(ds, rich_extraction(facts=(FACTS[0], twin)))
    nodes = _fact_nodes(_graph(ds))
    assert len(nodes) == 2
    assert {str(_graph(ds).value(n, AIKG.date)) for n in nodes} == {"2019", "2023"}


def test_convert_unknown_names_become_entities() -> None:
    text = "Acme invested in Widgets, Forbes said."
    ex = Extraction(Article.from_text(text, key="u"), facts=(
        Fact("Acme Corp", "invests_in", "Widgets", sources=("Forbes",),
             evidence=Evidence(text, 0, len(text))),))
    ds = new_dataset()
    add_extraction(ds, ex)
    g = _graph(ds, "u")
    assert g.value(ID["entity/acme-corp"], RDFS.label) == Literal("Acme Corp")
    assert (ID["entity/acme-corp"], RDF.type, AIKG.Entity) in g
    assert (ID["entity/forbes"], RDF.type, AIKG.Publisher) in g


def test_convert_name_matched_by_alias() -> None:
    fact = Fact("AWS", "subsidiary_of", "Amazon", evidence=FACTS[11].evidence)
    ds = new_dataset()
    add_extraction(ds, rich_extraction(facts=(fact,)))
    [node] = _fact_nodes(_graph(ds))
    assert _graph(ds).value(node, AIKG.subject) == ID["entity/amazon-web-services"]


@pytest.mark.parametrize("bad", [
    Fact("Microsoft", "buys", "OpenAI"),
    Fact("Microsoft", "invests_in", "OpenAI", modality="rumoured"),
    Fact("OpenAI", "valued_at", "a lot"),
    Fact("OpenAI", "valued_at", float("nan")),
])
def test_convert_invalid_fact_raises_and_writes_nothing(bad: Fact) -> None:
    ds = new_dataset()
    add_extraction(ds, rich_extraction())
    before = len(ds)
    with pytest.raises(ValueError):
        add_extraction(ds, rich_extraction(facts=(FACTS[0], bad)))
    assert len(ds) == before
