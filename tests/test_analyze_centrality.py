"""kg.analyze.centrality: measures checked against networkx, the igraph engine against both."""

from __future__ import annotations

import logging
import random
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset

from kg.analyze import (
    actor_graph,
    betweenness,
    centrality,
    centrality_table,
    closeness,
    degree,
    eigenvector,
    expand_symmetric,
    in_degree,
    out_degree,
    pagerank,
)
from kg.analyze.centrality import igraph_available

SMALL = Path(__file__).parent / "data" / "small.trig"
E = "https://w3id.org/aikg/id/entity/"
MEASURES = {"degree": degree, "in_degree": in_degree, "out_degree": out_degree,
            "betweenness": betweenness, "closeness": closeness, "eigenvector": eigenvector,
            "pagerank": pagerank}
TOLERANCE = {"pagerank": 1e-4, "eigenvector": 1e-4}
# python-igraph is the large-graph engine; without it the igraph cases are reported as skipped.
needs_igraph = pytest.mark.skipif(not igraph_available(),
                                  reason="python-igraph is not installed (a dependency of aikg)")
ENGINES = ["networkx", pytest.param("igraph", marks=needs_igraph)]


@pytest.fixture(scope="module")
def G() -> nx.DiGraph:
    ds = Dataset()
    ds.parse(SMALL, format="trig")
    return actor_graph(ds)


def _random_digraph(seed: int, n: int = 60, p: float = 0.06) -> nx.DiGraph:
    graph = nx.gnp_random_graph(n, p, seed=seed, directed=True)
    rng = random.Random(seed)
    for u, v in graph.edges:
        graph[u][v]["weight"] = rng.randint(1, 4)
    return graph


def _close(a: dict, b: dict, tol: float = 1e-9) -> bool:
    return a.keys() == b.keys() and all(abs(a[k] - b[k]) <= tol for k in a)


def test_centrality_degree_matches_networkx() -> None:
    graph = _random_digraph(1)
    assert degree(graph) == dict(graph.degree())
    assert in_degree(graph) == dict(graph.in_degree())
    assert out_degree(graph) == dict(graph.out_degree())


def test_centrality_degree_normalized_matches_degree_centrality() -> None:
    graph = _random_digraph(2)
    assert _close(degree(graph, normalized=True), nx.degree_centrality(graph))


def test_centrality_weighted_degree_sums_weights() -> None:
    graph = _random_digraph(3)
    assert degree(graph, weight="weight") == dict(graph.degree(weight="weight"))


def test_centrality_symmetric_facts_count_both_directions(G: nx.DiGraph) -> None:
    # Anthropic: invested in by Amazon (in), partners with Amazon (in + out),
    # competes with OpenAI (in + out)
    anthropic = E + "anthropic"
    assert (in_degree(G)[anthropic], out_degree(G)[anthropic]) == (2, 2)
    assert degree(G)[anthropic] == 4


def test_centrality_pagerank_matches_networkx_on_actor_graph(G: nx.DiGraph) -> None:
    expected = nx.pagerank(expand_symmetric(G), weight="weight")
    assert _close(pagerank(G), expected)


def test_centrality_pagerank_matches_networkx_on_plain_graph() -> None:
    graph = _random_digraph(4)
    assert _close(pagerank(graph), nx.pagerank(graph, weight="weight"))


def test_centrality_betweenness_and_closeness_match_networkx() -> None:
    graph = _random_digraph(5)
    assert _close(betweenness(graph), nx.betweenness_centrality(graph))
    assert _close(closeness(graph), nx.closeness_centrality(graph))


def test_centrality_eigenvector_works_on_a_dag() -> None:
    dag = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])
    with pytest.raises(nx.NetworkXException):
        nx.eigenvector_centrality(dag)  # why the undirected view is used
    values = eigenvector(dag, weight=None)
    assert _close(values, nx.eigenvector_centrality(dag.to_undirected()), 1e-6)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(MEASURES))
def test_centrality_empty_graph_gives_empty_dict(name: str, engine: str) -> None:
    assert MEASURES[name](nx.DiGraph(), engine=engine) == {}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(MEASURES))
def test_centrality_single_node_graph_has_a_value(name: str, engine: str) -> None:
    graph = nx.DiGraph()
    graph.add_node("only")
    assert set(MEASURES[name](graph, engine=engine)) == {"only"}


@pytest.mark.parametrize("engine", ENGINES)
def test_centrality_disconnected_graph_is_measured(engine: str) -> None:
    graph = nx.DiGraph([("a", "b"), ("c", "d"), ("d", "e")])
    graph.add_node("lonely")
    rows = centrality_table(graph, engine=engine)
    assert len(rows) == 6
    assert next(r for r in rows if r["entity"] == "lonely")["closeness"] == 0.0


@needs_igraph
@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("name", sorted(MEASURES))
def test_centrality_igraph_agrees_with_networkx(name: str, seed: int, directed: bool) -> None:
    graph = _random_digraph(seed, p=0.08)
    if not directed:
        graph = graph.to_undirected()
    if name == "eigenvector":  # the leading eigenvector is unique on connected graphs only
        comp = max(nx.weakly_connected_components(graph) if directed
                   else nx.connected_components(graph), key=len)
        graph = graph.subgraph(comp).copy()
    fn = MEASURES[name]
    tol = TOLERANCE.get(name, 1e-9)
    assert _close(fn(graph, engine="igraph"), fn(graph, engine="networkx"), tol)


@needs_igraph
def test_centrality_igraph_agrees_on_actor_graph(G: nx.DiGraph) -> None:
    for name, fn in MEASURES.items():
        if name != "eigenvector":  # G is disconnected (Google stands alone)
            assert _close(fn(G, engine="igraph"), fn(G, engine="networkx"),
                          TOLERANCE.get(name, 1e-9)), name


@needs_igraph
@pytest.mark.parametrize("normalized", [True, False])
@pytest.mark.parametrize("directed", [True, False])
def test_centrality_igraph_sampled_betweenness_matches_networkx_k(normalized: bool,
                                                                   directed: bool) -> None:
    graph = _random_digraph(7, n=80)
    if not directed:
        graph = graph.to_undirected()
    ours = betweenness(graph, k=12, seed=3, normalized=normalized, engine="igraph")
    theirs = nx.betweenness_centrality(graph, k=12, seed=3, normalized=normalized)
    assert _close(ours, theirs, 1e-9)


@needs_igraph
def test_centrality_harmonic_estimate_with_every_source_is_exact() -> None:
    graph = _random_digraph(8)
    n = len(graph)
    exact = {v: h / (n - 1) for v, h in nx.harmonic_centrality(graph).items()}
    assert _close(closeness(graph, samples=n, engine="igraph"), exact, 1e-12)


@needs_igraph
def test_centrality_harmonic_estimate_is_seeded() -> None:
    graph = _random_digraph(9, n=200, p=0.02)
    first = closeness(graph, samples=20, seed=5, engine="igraph")
    assert first == closeness(graph, samples=20, seed=5, engine="igraph")
    assert all(0.0 <= v <= 1.0 for v in first.values())


@needs_igraph
def test_centrality_auto_engine_switches_to_igraph_above_threshold(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    graph = _random_digraph(10, n=50)
    monkeypatch.setattr(centrality, "IGRAPH_THRESHOLD", 10)
    monkeypatch.setattr(centrality, "BETWEENNESS_SAMPLES", 8)
    monkeypatch.setattr(centrality, "EXACT_LIMIT", 20)
    with caplog.at_level(logging.INFO, logger="kg.analyze.centrality"):
        values = betweenness(graph)
        harmonic = closeness(graph)
    assert "8 of 50 sources sampled" in caplog.text
    assert "harmonic estimate" in caplog.text
    assert values == nx.betweenness_centrality(graph, k=8, seed=0)
    assert set(harmonic) == set(graph)


def test_centrality_unknown_engine_is_rejected() -> None:
    with pytest.raises(ValueError, match="engine"):
        pagerank(nx.DiGraph([(1, 2)]), engine="cugraph")  # type: ignore[arg-type]


def test_centrality_table_columns(G: nx.DiGraph) -> None:
    row = centrality_table(G)[0]
    assert list(row)[:10] == ["rank", "entity", "type", "degree", "in_degree", "out_degree",
                              "betweenness", "closeness", "eigenvector", "pagerank"]
    assert (row["rank"], row["entity"], row["type"]) == (1, "OpenAI", "Company")


def test_centrality_table_ranks_by_pagerank_ties_by_label(G: nx.DiGraph) -> None:
    rows = centrality_table(G)
    assert [r["rank"] for r in rows] == list(range(1, len(G) + 1))
    keys = [(-round(r["pagerank"], 12), r["entity"]) for r in rows]
    assert keys == sorted(keys)
    # Abilene, GPT-4 and Microsoft tie on PageRank: alphabetical
    tied = [r["entity"] for r in rows if abs(r["pagerank"] - rows[3]["pagerank"]) < 1e-12]
    assert tied == ["Abilene, Texas", "GPT-4", "Microsoft"]


def test_centrality_table_is_deterministic_across_insertion_order(G: nx.DiGraph) -> None:
    shuffled = nx.DiGraph()
    nodes = list(G.nodes(data=True))
    random.Random(0).shuffle(nodes)
    shuffled.add_nodes_from(nodes)
    edges = list(G.edges(data=True))
    random.Random(1).shuffle(edges)
    shuffled.add_edges_from(edges)
    strip = [{k: v for k, v in r.items() if k in ("rank", "entity", "degree")}
             for r in centrality_table(shuffled)]
    assert strip == [{k: v for k, v in r.items() if k in ("rank", "entity", "degree")}
                     for r in centrality_table(G)]


def test_centrality_table_sort_by_other_measure(G: nx.DiGraph) -> None:
    rows = centrality_table(G, sort_by="betweenness", limit=2)
    assert [r["entity"] for r in rows] == ["OpenAI", "Anthropic"]


def test_centrality_table_rejects_unknown_measure(G: nx.DiGraph) -> None:
    with pytest.raises(ValueError, match="sort_by"):
        centrality_table(G, sort_by="fame")


def test_centrality_table_of_empty_graph_is_empty() -> None:
    assert centrality_table(nx.DiGraph()) == []


@needs_igraph
def test_centrality_auto_engine_is_exact_between_thresholds(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    graph = _random_digraph(11, n=50)
    monkeypatch.setattr(centrality, "IGRAPH_THRESHOLD", 10)  # igraph, but below EXACT_LIMIT
    with caplog.at_level(logging.INFO, logger="kg.analyze.centrality"):
        assert _close(betweenness(graph), nx.betweenness_centrality(graph))
        assert _close(closeness(graph), nx.closeness_centrality(graph))
    assert "sampled" not in caplog.text and "estimate" not in caplog.text
