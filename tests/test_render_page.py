"""kg.render.page: the offline HTML page of tests/data/small.trig (no browser needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset

from kg.analyze import actor_graph, pagerank
from kg.render import build_network, external_references, load_style, page_html, render_html
from kg.types import ENTITY_TYPES, RELATIONS

SMALL = Path(__file__).parent / "data" / "small.trig"


@pytest.fixture(scope="module")
def small() -> Dataset:
    ds = Dataset()
    ds.parse(SMALL, format="trig")
    return ds


@pytest.fixture(scope="module")
def page(small: Dataset, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = render_html(small, tmp_path_factory.mktemp("page") / "graph.html", title="Small graph")
    return out.read_text(encoding="utf-8")


def _data(page: str, name: str) -> list[dict]:
    match = re.search(rf"var {name} = (\[.*?\]);\n", page)
    assert match, f"{name} not found in the page"
    return json.loads(match.group(1))


def test_page_render_writes_file_and_returns_path(small: Dataset, tmp_path: Path) -> None:
    out = render_html(small, tmp_path / "sub" / "graph.html")
    assert out == tmp_path / "sub" / "graph.html"
    assert out.is_file() and out.stat().st_size > 100_000  # vis-network is inlined


def test_page_contains_every_entity_label(small: Dataset, page: str) -> None:
    labels = {d["label"] for _, d in actor_graph(small).nodes(data=True)}
    assert labels == {n["label"] for n in _data(page, "rawNodes")}
    for label in labels:
        assert json.dumps(label) in page


def test_page_has_legend_with_types_and_colours(page: str) -> None:
    style = load_style()
    legend = page[page.index('<aside id="legend"'):page.index("</aside>")]
    for kind in ("Company", "Person", "AIModel", "Location"):
        assert f'data-type="{kind}"' in legend
        assert style["types"][kind]["color"] in legend
    assert 'data-relation="invests_in"' in legend


def test_page_has_no_external_script_or_link(page: str) -> None:
    assert external_references(page) == []
    tags = re.findall(r"<(?:script|link)\b[^>]*>", page, flags=re.IGNORECASE)
    assert not [t for t in tags if re.search(r"(src|href)\s*=", t)]


def test_page_external_references_ignores_plain_links() -> None:
    html = ('<link rel="stylesheet" href="https://cdn.example/a.css">'
            '<script src="//cdn.example/b.js"></script><script src="local.js"></script>'
            '<a href="https://www.wikidata.org/wiki/Q95">Q95</a>')
    assert external_references(html) == ["https://cdn.example/a.css", "//cdn.example/b.js"]


def test_page_is_deterministic(small: Dataset, tmp_path: Path) -> None:
    first = render_html(small, tmp_path / "a.html").read_bytes()
    second = render_html(small, tmp_path / "b.html").read_bytes()
    assert first == second


def test_page_fixes_the_layout_seed(page: str) -> None:
    assert '"randomSeed": 42' in page


def test_page_edge_tooltip_has_escaped_evidence_sources_modality(page: str) -> None:
    edges = {(e["from"].rsplit("/", 1)[-1], e["to"].rsplit("/", 1)[-1]): e
             for e in _data(page, "rawEdges")}
    title = edges[("microsoft", "openai")]["title"]
    assert "formed a &lt;strategic&gt; partnership &amp; more." in title
    assert "<strategic>" not in title
    assert "asserted" in title
    reported = edges[("sam-altman", "openai")]["title"]
    assert "sources: Reuters" in reported and "reported" in reported


def test_page_edge_labels_are_relation_names(page: str) -> None:
    labels = {e["label"] for e in _data(page, "rawEdges")}
    assert "invests_in, partners_with" in labels and "develops" in labels


def test_page_node_tooltip_shows_type_degree_pagerank_wikidata(page: str) -> None:
    node = next(n for n in _data(page, "rawNodes") if n["label"] == "OpenAI")
    for part in ("<b>OpenAI</b>", "type: Company", "degree: 8", "PageRank: 0.2710",
                 "Wikidata: Q21708200"):
        assert part in node["title"]


def test_page_node_size_follows_pagerank(small: Dataset) -> None:
    G = actor_graph(small)
    ranks = pagerank(G)
    sizes = {n["id"]: n["size"] for n in build_network(G).nodes}
    by_rank = sorted(G, key=lambda n: ranks[n])
    assert [sizes[n] for n in by_rank] == sorted(sizes.values())


def test_page_colours_and_shapes_come_from_style(small: Dataset) -> None:
    style = load_style()
    for node in build_network(actor_graph(small)).nodes:
        look = style["types"][node["type"]]
        assert (node["color"], node["shape"]) == (look["color"], look["shape"])


def test_page_symmetric_edge_has_no_arrow_and_planned_edge_is_dashed(page: str) -> None:
    edges = {(e["from"].rsplit("/", 1)[-1], e["to"].rsplit("/", 1)[-1]): e
             for e in _data(page, "rawEdges")}
    assert edges[("anthropic", "openai")]["arrows"] == {"to": {"enabled": False}}
    assert edges[("nvidia", "openai")].get("dashes") is True
    assert "dashes" not in edges[("microsoft", "openai")]


def test_page_overwrite_leaves_no_temporary_file(small: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "graph.html"
    out.write_text("old", encoding="utf-8")
    render_html(small, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_page_of_empty_graph_says_so() -> None:
    html = page_html(nx.DiGraph(), title="nothing")
    assert "The graph is empty" in html and external_references(html) == []


def test_page_title_is_escaped() -> None:
    html = page_html(nx.DiGraph(), title="<b>x</b>")
    assert "<title>&lt;b&gt;x&lt;/b&gt;</title>" in html


def test_style_covers_every_type_and_relation() -> None:
    style = load_style()
    assert set(ENTITY_TYPES) <= set(style["types"])
    assert set(RELATIONS) <= set(style["relations"])


def test_page_max_nodes_keeps_top_pagerank(small: Dataset) -> None:
    G = actor_graph(small)
    html = page_html(G, max_nodes=3)
    labels = {n["label"] for n in _data(html, "rawNodes")}
    assert labels == {"OpenAI", "Anthropic", "Amazon"}
    assert "Showing the top 3 of 9 entities by PageRank." in html
