"""kg.analyze.graph: the actor graph read from the fact nodes of tests/data/small.trig.

The fixture is a hand-written TriG file following docs/design.md; its header comment lists the
expected edges.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from rdflib import Dataset

from kg.analyze import actor_graph, expand_symmetric, relation_name
from kg.rdf.namespace import AIKG
from kg.types import RELATIONS, SYMMETRIC_RELATIONS, Article, Entity, Evidence, Extraction, Fact

SMALL = Path(__file__).parent / "data" / "small.trig"
E = "https://w3id.org/aikg/id/entity/"


def _e(key: str) -> str:
    return E + key


@pytest.fixture(scope="module")
def small() -> Dataset:
    ds = Dataset()
    ds.parse(SMALL, format="trig")
    return ds


@pytest.fixture(scope="module")
def G(small: Dataset) -> nx.DiGraph:
    return actor_graph(small)


def _snapshot(graph: nx.DiGraph) -> tuple[list, list]:
    return list(graph.nodes(data=True)), list(graph.edges(data=True))


def test_graph_nodes_are_the_actor_entities(G: nx.DiGraph) -> None:
    expected = {"abilene", "amazon", "anthropic", "google", "gpt-4", "microsoft", "nvidia",
                "openai", "sam-altman"}
    assert set(G) == {_e(k) for k in expected}


def test_graph_node_attributes_label_type_wikidata(G: nx.DiGraph) -> None:
    attrs = G.nodes[_e("openai")]
    assert (attrs["label"], attrs["type"], attrs["wikidata"]) == ("OpenAI", "Company", "Q21708200")
    assert G.nodes[_e("sam-altman")]["type"] == "Person"
    assert G.nodes[_e("abilene")]["wikidata"] is None


def test_graph_type_prefers_aimodel_over_product(G: nx.DiGraph) -> None:
    attrs = G.nodes[_e("gpt-4")]
    assert attrs["type"] == "AIModel"
    assert attrs["types"] == ["AIModel", "Product"]


def test_graph_publishers_credited_as_sources_are_not_actors(G: nx.DiGraph) -> None:
    assert _e("reuters") not in G and _e("bloomberg") not in G
    sources = G.edges[_e("sam-altman"), _e("openai")]["facts"][0]["sources"]
    assert sources == ["Reuters"]


def test_graph_literal_relations_make_no_edge(G: nx.DiGraph) -> None:
    relations = {r for _, _, rs in G.edges(data="relations") for r in rs}
    assert "valued_at" not in relations
    assert all(isinstance(v, str) and v.startswith(E) for v in G)


def test_graph_weight_counts_independent_facts(G: nx.DiGraph) -> None:
    # two invests_in facts from two articles + one partnership
    assert G.edges[_e("microsoft"), _e("openai")]["weight"] == 3
    # the same sentence twice in one article counts once (+ one partnership)
    edge = G.edges[_e("amazon"), _e("anthropic")]
    assert len(edge["facts"]) == 3
    assert edge["weight"] == 2


def test_graph_edge_relations_are_sorted(G: nx.DiGraph) -> None:
    assert G.edges[_e("microsoft"), _e("openai")]["relations"] == ["invests_in", "partners_with"]


def test_graph_symmetric_fact_joins_existing_reverse_edge(G: nx.DiGraph) -> None:
    # "Anthropic partners_with Amazon" is stored on the Amazon -> Anthropic edge, once
    assert not G.has_edge(_e("anthropic"), _e("amazon"))
    edge = G.edges[_e("amazon"), _e("anthropic")]
    assert "partners_with" in edge["relations"]
    assert edge["symmetric_weight"] == 1 and edge["symmetric"] is False


def test_graph_symmetric_only_edge_is_marked(G: nx.DiGraph) -> None:
    edge = G.edges[_e("anthropic"), _e("openai")]
    assert edge["relations"] == ["competes_with"] and edge["symmetric"] is True
    assert not G.has_edge(_e("openai"), _e("anthropic"))


def test_graph_fact_dicts_carry_provenance(G: nx.DiGraph) -> None:
    fact = G.edges[_e("sam-altman"), _e("openai")]["facts"][0]
    assert fact["relation"] == "ceo_of"
    assert fact["modality"] == "reported"
    assert fact["evidence"] == "OpenAI chief executive Sam Altman said, according to Reuters."
    assert fact["article"] == "https://w3id.org/aikg/id/article/reuters-openai"
    assert set(fact) >= {"relation", "modality", "sources", "evidence", "article"}


def test_graph_isolated_entities_optional(small: Dataset) -> None:
    assert _e("google") in actor_graph(small)
    assert _e("google") not in actor_graph(small, include_isolated=False)


def test_graph_modalities_filter_drops_facts(small: Dataset) -> None:
    graph = actor_graph(small, modalities={"asserted"}, include_isolated=False)
    assert not graph.has_edge(_e("nvidia"), _e("openai"))  # planned
    assert not graph.has_edge(_e("sam-altman"), _e("openai"))  # reported


def test_graph_is_deterministic_across_load_order(G: nx.DiGraph) -> None:
    # the same quads inserted in reverse order give the same graph, attribute for attribute
    source = Dataset()
    source.parse(SMALL, format="trig")
    reverse = Dataset()
    for quad in sorted(source.quads((None, None, None, None)), reverse=True):
        s, p, o, g = quad
        reverse.graph(g.identifier if hasattr(g, "identifier") else g).add((s, p, o))
    assert _snapshot(actor_graph(reverse)) == _snapshot(G)


def test_graph_oxigraph_store_gives_same_graph(G: nx.DiGraph) -> None:
    store = pyoxigraph.Store()
    store.load(SMALL.read_bytes(), format=pyoxigraph.RdfFormat.TRIG)
    assert _snapshot(actor_graph(store)) == _snapshot(G)


def test_graph_empty_dataset_gives_empty_graph() -> None:
    graph = actor_graph(Dataset())
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (0, 0)


def test_graph_query_leaves_dataset_union_flag(small: Dataset) -> None:
    assert small.default_union is False
    actor_graph(small)
    assert small.default_union is False


def test_graph_expand_symmetric_adds_reverse_direction(G: nx.DiGraph) -> None:
    H = expand_symmetric(G)
    assert H.has_edge(_e("openai"), _e("anthropic"))
    assert H.edges[_e("openai"), _e("anthropic")]["weight"] == 1
    assert H.edges[_e("anthropic"), _e("amazon")]["weight"] == 1
    assert H.number_of_edges() == G.number_of_edges() + 3
    assert not G.has_edge(_e("openai"), _e("anthropic"))  # G itself untouched


def test_graph_expand_symmetric_returns_plain_graph_unchanged() -> None:
    plain = nx.DiGraph([(1, 2)])
    assert expand_symmetric(plain) is plain


@pytest.mark.parametrize("relation", RELATIONS)
def test_graph_relation_name_inverts_every_ontology_property(relation: str) -> None:
    head, *rest = relation.split("_")
    camel = head + "".join(part.capitalize() for part in rest)
    assert relation_name(str(getattr(AIKG, camel))) == relation


def test_graph_symmetric_relations_are_known() -> None:
    assert SYMMETRIC_RELATIONS <= set(RELATIONS)


def _evidence(text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(sentence, start, start + len(sentence))


def test_graph_reads_what_add_extraction_writes() -> None:
    import kg.rdf

    add_extraction = getattr(kg.rdf, "add_extraction", None)
    if add_extraction is None:
        pytest.skip("kg.rdf.add_extraction is not available yet")
    text = ("Microsoft invested $1 billion in OpenAI. Anthropic and Amazon are partners, "
            "Reuters reported. OpenAI is valued at $300 billion.")
    s1, s2, s3 = ("Microsoft invested $1 billion in OpenAI.",
                  "Anthropic and Amazon are partners, Reuters reported.",
                  "OpenAI is valued at $300 billion.")
    extraction = Extraction(
        Article.from_text(text, key="e2e", publisher="Reuters"),
        entities=(Entity("microsoft", "Microsoft", "Company", wikidata="Q2283"),
                  Entity("openai", "OpenAI", "Company"), Entity("amazon", "Amazon", "Company"),
                  Entity("anthropic", "Anthropic", "Company"),
                  Entity("reuters", "Reuters", "Publisher")),
        facts=(Fact("Microsoft", "invests_in", "OpenAI", evidence=_evidence(text, s1)),
               Fact("Anthropic", "partners_with", "Amazon", modality="reported",
                    sources=("Reuters",), evidence=_evidence(text, s2)),
               Fact("OpenAI", "valued_at", 3e11, evidence=_evidence(text, s3))),
    )
    ds = kg.rdf.new_dataset() if hasattr(kg.rdf, "new_dataset") else Dataset()
    add_extraction(ds, extraction)
    graph = actor_graph(ds)
    assert set(graph) == {_e("microsoft"), _e("openai"), _e("amazon"), _e("anthropic")}
    assert sorted((u, v) for u, v in graph.edges) == [(_e("anthropic"), _e("amazon")),
                                                      (_e("microsoft"), _e("openai"))]
    fact = graph.edges[_e("anthropic"), _e("amazon")]["facts"][0]
    assert (fact["relation"], fact["modality"], fact["sources"], fact["evidence"]) == (
        "partners_with", "reported", ["Reuters"], s2)
    assert graph.nodes[_e("microsoft")]["wikidata"] == "Q2283"


def test_graph_article_falls_back_to_the_named_graph() -> None:
    ds = Dataset()
    ds.parse(data="""
    @prefix aikg: <https://w3id.org/aikg/ontology#> .
    @prefix e: <https://w3id.org/aikg/id/entity/> .
    <https://w3id.org/aikg/id/article/x> {
      <https://w3id.org/aikg/id/fact/1> aikg:subject e:a ; aikg:object e:b ;
          aikg:relation aikg:acquires .
    }""", format="trig")
    fact = actor_graph(ds).edges[_e("a"), _e("b")]["facts"][0]
    assert fact["article"] == "https://w3id.org/aikg/id/article/x"
    assert fact["modality"] == "asserted"
