"""kg.render in a real headless Chromium: the page draws offline, with every node.

Needs the Debian ``chromium`` package (``tests/browser.py`` fails the test with instructions when
it is missing). Run only these with ``pytest -m browser``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from browser import OfflinePage, launch_chromium
from rdflib import Dataset

from kg.analyze import actor_graph
from kg.render import render_graph, render_html

pytestmark = pytest.mark.browser

SMALL = Path(__file__).parent / "data" / "small.trig"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with launch_chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def small() -> Dataset:
    ds = Dataset()
    ds.parse(SMALL, format="trig")
    return ds


@pytest.fixture()
def offline(chromium: Any) -> Iterator[OfflinePage]:
    page = OfflinePage(chromium)
    yield page
    page.close()


_INK = """() => {
  const canvas = document.querySelector('#mynetwork canvas');
  const ctx = canvas.getContext('2d');
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) ink++;
  }
  return ink / (canvas.width * canvas.height);
}"""


def test_browser_page_draws_offline_with_every_node(small: Dataset, offline: OfflinePage,
                                                    tmp_path: Path) -> None:
    G = actor_graph(small)
    out = render_html(small, tmp_path / "graph.html")
    page = offline.open(out)
    assert offline.blocked == []  # nothing but file:// was even attempted
    assert offline.errors == []
    assert page.locator("#mynetwork canvas").count() == 1
    assert page.evaluate("network.body.data.nodes.length") == G.number_of_nodes()
    assert page.evaluate("network.body.data.edges.length") == G.number_of_edges()
    assert page.evaluate(_INK) > 0.005  # something was drawn on the canvas
    shot = tmp_path / "graph.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000


def test_browser_edge_tooltip_shows_evidence_as_text(small: Dataset, offline: OfflinePage,
                                                      tmp_path: Path) -> None:
    page = offline.open(render_html(small, tmp_path / "graph.html"))
    text, injected = page.evaluate("""() => {
      const edge = network.body.data.edges.get().find(
        e => e.title.textContent.includes('strategic'));
      return [edge.title.textContent, edge.title.querySelectorAll('strategic').length];
    }""")
    assert "formed a <strategic> partnership & more" in text
    assert injected == 0  # the evidence's markup was escaped, not parsed


def test_browser_empty_graph_page_loads(offline: OfflinePage, tmp_path: Path) -> None:
    page = offline.open(render_graph(nx.DiGraph(), tmp_path / "empty.html"))
    assert page.evaluate("network.body.data.nodes.length") == 0
    assert offline.blocked == [] and offline.errors == []


def test_browser_find_box_selects_the_entity(small: Dataset, offline: OfflinePage,
                                             tmp_path: Path) -> None:
    page = offline.open(render_html(small, tmp_path / "graph.html"))
    page.fill("#search", "anthropic")
    page.dispatch_event("#search", "change")
    assert page.evaluate("network.getSelectedNodes()") == [
        "https://w3id.org/aikg/id/entity/anthropic"]
