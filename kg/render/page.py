"""An interactive, self-contained HTML page of the actor graph (pyvis / vis-network).

The page works offline: vis-network's JavaScript and CSS (shipped inside the pyvis package) are
inlined, and :func:`external_references` checks that no ``<script src>`` or ``<link href>``
points at the network (anything left is inlined when pyvis ships it, dropped otherwise). Colours
and shapes come from ``kg/data/style.json``; node size follows PageRank, edge width the number
of independent facts. Hovering a node shows its label, type, degree, PageRank and Wikidata id;
hovering an edge shows each fact's relation, modality, sources and evidence sentence. Every
datum in a tooltip is HTML-escaped. The same graph always gives the same file (sorted nodes and
edges, fixed ``layout.randomSeed``), which is written atomically.

>>> import networkx as nx
>>> html = page_html(nx.DiGraph(), title="empty")
>>> "<title>empty</title>" in html, external_references(html)
(True, [])
"""

from __future__ import annotations

import html as _html
import logging
import math
import os
import re
import tempfile
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx

from kg.analyze.centrality import degree, in_degree, out_degree, pagerank
from kg.analyze.graph import actor_graph
from kg.errors import DataFileError
from kg.resources import data_path, load_json
from kg.types import ENTITY_TYPES, RELATIONS

log = logging.getLogger(__name__)

#: vis-network node shapes whose size follows ``size`` (label below the shape).
SHAPES = frozenset({"dot", "diamond", "star", "triangle", "triangleDown", "square", "hexagon"})
#: Modalities drawn as a solid edge; an edge whose facts are all of other modalities is dashed.
SOLID_MODALITIES = frozenset({"asserted", "reported"})
#: Facts listed in one edge tooltip (the rest are counted).
MAX_TOOLTIP_FACTS = 8
#: Seed of vis-network's layout, so the page looks the same at every load.
LAYOUT_SEED = 42

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_TEMPLATE = "page.html.j2"
_EXTERNAL = re.compile(
    r"""<(script|link)\b[^>]*?\b(src|href)\s*=\s*["']?((?:https?:)?//[^"'\s>]+)["']?[^>]*>"""
    r"""(?:\s*</script>)?""",
    re.IGNORECASE,
)


def load_style() -> dict[str, Any]:
    """The page style from ``kg/data/style.json``, checked.

    Returns:
        ``{"types": {type: {"color", "shape"}}, "relations": {relation: color},
        "default_edge_color", "node_size": {"min", "max"}, "edge_width": {"min", "max"}}``.

    Raises:
        DataFileError: a type or relation is missing, a colour is not ``#rrggbb``, or a shape
            is not one of :data:`SHAPES`.

    >>> load_style()["types"]["Company"]["shape"]
    'dot'
    """
    style = load_json("style.json")
    where = data_path("style.json")
    types = style.get("types", {})
    for name in (*ENTITY_TYPES, "Entity"):
        entry = types.get(name)
        if not isinstance(entry, dict):
            raise DataFileError(f"{where}: types.{name} is missing; add a colour and a shape")
        if not _HEX.match(str(entry.get("color", ""))):
            raise DataFileError(f"{where}: types.{name}.color must be #rrggbb")
        if entry.get("shape") not in SHAPES:
            raise DataFileError(f"{where}: types.{name}.shape must be one of "
                                f"{', '.join(sorted(SHAPES))}")
    relations = style.get("relations", {})
    for name in RELATIONS:
        if not _HEX.match(str(relations.get(name, ""))):
            raise DataFileError(f"{where}: relations.{name} must be a #rrggbb colour")
    for key in ("node_size", "edge_width"):
        bounds = style.get(key, {})
        if not (isinstance(bounds.get("min"), (int, float))
                and isinstance(bounds.get("max"), (int, float))
                and 0 < bounds["min"] <= bounds["max"]):
            raise DataFileError(f"{where}: {key} needs numbers 0 < min <= max")
    if not _HEX.match(str(style.get("default_edge_color", ""))):
        raise DataFileError(f"{where}: default_edge_color must be #rrggbb")
    return dict(style)


def _esc(value: Any) -> str:
    return _html.escape(str(value), quote=True)


def _node_title(attrs: dict[str, Any], deg: int, deg_in: int, deg_out: int, pr: float) -> str:
    parts = [
        f"<b>{_esc(attrs.get('label', ''))}</b>",
        f"type: {_esc(attrs.get('type', 'Entity'))}",
        f"degree: {deg} (in {deg_in}, out {deg_out})",
        f"PageRank: {pr:.4f}",
        f"Wikidata: {_esc(attrs.get('wikidata') or '—')}",
    ]
    return "<br>".join(parts)


def _fact_html(fact: dict[str, Any]) -> str:
    sources = ", ".join(fact.get("sources") or []) or "—"
    head = (f"<b>{_esc(fact.get('relation', ''))}</b> · {_esc(fact.get('modality', ''))}"
            f" · sources: {_esc(sources)}")
    extra = []
    if fact.get("amount_usd") is not None:
        extra.append(f"${fact['amount_usd']:,.0f}")
    if fact.get("date"):
        extra.append(str(fact["date"]))
    if extra:
        head += " · " + _esc(", ".join(extra))
    evidence = fact.get("evidence") or ""
    body = f'<div class="evidence">“{_esc(evidence)}”</div>' if evidence else ""
    article = fact.get("article") or ""
    src = f'<div class="article">{_esc(article)}</div>' if article else ""
    return f'<div class="fact">{head}{body}{src}</div>'


def _edge_title(u_label: str, v_label: str, data: dict[str, Any]) -> str:
    facts = list(data.get("facts") or [])
    arrow = "—" if data.get("symmetric") else "→"
    head = (f"<b>{_esc(u_label)} {arrow} {_esc(v_label)}</b>"
            f" · {int(data.get('weight', 1))} independent fact(s)")
    parts = [head]
    parts += [_fact_html(f) for f in facts[:MAX_TOOLTIP_FACTS]]
    if len(facts) > MAX_TOOLTIP_FACTS:
        parts.append(f"<div>… and {len(facts) - MAX_TOOLTIP_FACTS} more</div>")
    return "".join(parts)


def _scale(value: float, bottom: float, top: float, low: float, high: float) -> float:
    """Map ``value`` in ``[bottom, top]`` to ``[low, high]`` on a square-root scale."""
    if top <= bottom:
        return round((low + high) / 2, 3)
    share = min(max((value - bottom) / (top - bottom), 0.0), 1.0)
    return round(low + (high - low) * math.sqrt(share), 3)


def build_network(G: nx.Graph, *, height: str = "800px", width: str = "100%") -> Any:
    """A pyvis ``Network`` of an actor graph, styled from ``style.json``.

    Nodes and edges are appended straight to the network's lists in sorted order: pyvis's
    ``add_node``/``add_edge`` check membership in a list, which makes ``from_nx`` quadratic.

    Args:
        G: an actor graph from :func:`kg.analyze.actor_graph` (or any graph: missing
            attributes get defaults).
        height: CSS height of the canvas.
        width: CSS width of the canvas.

    Returns:
        A ``pyvis.network.Network`` with ``cdn_resources="in_line"``.

    >>> net = build_network(nx.DiGraph([("a", "b")]))
    >>> [n["id"] for n in net.nodes], [(e["from"], e["to"]) for e in net.edges]
    (['a', 'b'], [('a', 'b')])
    """
    from pyvis.network import Network

    style = load_style()
    net = Network(height=height, width=width, directed=True, cdn_resources="in_line")
    ranks = pagerank(G)
    degs, ins, outs = degree(G), in_degree(G), out_degree(G)
    top, bottom = max(ranks.values(), default=0.0), min(ranks.values(), default=0.0)
    size = style["node_size"]
    for node in sorted(G, key=str):
        attrs = G.nodes[node]
        kind = attrs.get("type") or "Entity"
        look = style["types"].get(kind, style["types"]["Entity"])
        label = str(attrs.get("label", node))
        entry = {
            "id": str(node),
            "label": label,
            "shape": look["shape"],
            "color": look["color"],
            "size": _scale(ranks.get(node, 0.0), bottom, top, size["min"], size["max"]),
            "title": _node_title(attrs, int(degs.get(node, 0)), int(ins.get(node, 0)),
                                 int(outs.get(node, 0)), ranks.get(node, 0.0)),
            "type": kind,
            "pagerank": round(ranks.get(node, 0.0), 6),
        }
        net.nodes.append(entry)
        net.node_ids.append(entry["id"])
        net.node_map[entry["id"]] = entry
    width_style = style["edge_width"]
    weights = [d.get("weight", 1) for _, _, d in G.edges(data=True)]
    top_weight = max(weights, default=1)
    for u, v, data in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        relations = list(data.get("relations") or [])
        facts = list(data.get("facts") or [])
        weight = data.get("weight", 1)
        color = (style["relations"].get(relations[0], style["default_edge_color"])
                 if relations else style["default_edge_color"])
        edge: dict[str, Any] = {
            "from": str(u),
            "to": str(v),
            "label": ", ".join(relations),
            "title": _edge_title(str(G.nodes[u].get("label", u)),
                                 str(G.nodes[v].get("label", v)), data),
            "color": color,
            "width": _scale(weight, 1, top_weight, width_style["min"], width_style["max"]),
            "weight": weight,
            "arrows": {"to": {"enabled": not data.get("symmetric", False)}},
        }
        if facts and not any(f.get("modality") in SOLID_MODALITIES for f in facts):
            edge["dashes"] = True
        net.edges.append(edge)
    net.options = _options(G.number_of_nodes())
    return net


def _options(n: int) -> dict[str, Any]:
    """vis-network options: seeded layout, physics that stops once stable, hover tooltips."""
    return {
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": n <= 300},
        "physics": {
            "enabled": n > 0,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120,
                                 "avoidOverlap": 0.4},
            "stabilization": {"enabled": True, "iterations": 400 if n <= 2000 else 100,
                              "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n > 2000},
        "nodes": {"font": {"size": 14}, "borderWidth": 1},
        "edges": {"font": {"size": 10, "align": "middle", "color": "#555"},
                  "smooth": {"enabled": True, "type": "dynamic"}},
    }


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS as shipped in the pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    try:
        js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
        css = (lib / "vis-network.css").read_text(encoding="utf-8")
    except OSError as err:
        raise DataFileError(f"{lib}: vis-network assets missing from pyvis; "
                            "reinstall pyvis") from err
    # Inside <script>/<style>, a literal closing tag would end the element early.
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def external_references(html: str) -> list[str]:
    """URLs that a ``<script src>`` or ``<link href>`` of ``html`` would fetch from the network.

    Plain-text links (``<a href>``, URLs in comments or data) are not counted.

    >>> external_references('<script src="https://cdn.example/x.js"></script><a href="https://e.org">e</a>')
    ['https://cdn.example/x.js']
    """
    return [m.group(3) for m in _EXTERNAL.finditer(html)]


def _inline_external(html: str) -> str:
    """Replace each external ``<script src>``/``<link href>`` by the inlined pyvis asset of the
    same file name, or drop it (with a warning) when no local copy exists."""
    js, css = _vis_assets()
    local = {"vis-network.min.js": ("script", js), "vis-network.js": ("script", js),
             "vis-network.min.css": ("style", css), "vis-network.css": ("style", css)}

    def replace(match: re.Match[str]) -> str:
        url = match.group(3)
        name = url.rsplit("/", 1)[-1].split("?", 1)[0]
        if name in local:
            tag, body = local[name]
            return f"<{tag}>{body}</{tag}>"
        log.warning("render: dropped external resource %s (the page must work offline)", url)
        return ""

    return _EXTERNAL.sub(replace, html)


def top_subgraph(G: nx.Graph, max_nodes: int) -> nx.Graph:
    """The subgraph of the ``max_nodes`` entities with the highest PageRank (ties by id).

    >>> H = top_subgraph(nx.DiGraph([("a", "b"), ("c", "b"), ("d", "e")]), 2)
    >>> sorted(H)
    ['b', 'e']
    """
    if len(G) <= max_nodes:
        return G
    ranks = pagerank(G)
    keep = sorted(G, key=lambda n: (-ranks[n], str(n)))[:max_nodes]
    return G.subgraph(keep).copy()


def page_html(G: nx.Graph, *, title: str = "aikg", height: str = "800px",
              width: str = "100%", max_nodes: int | None = None) -> str:
    """The page of an actor graph as an HTML string (see :func:`render_html`).

    >>> html = page_html(nx.DiGraph([("a", "b")]), title="t")
    >>> external_references(html), '"label": "a"' in html
    ([], True)
    """
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup

    total = G.number_of_nodes()
    if max_nodes is not None and total > max_nodes:
        G = top_subgraph(G, max_nodes)
        log.info("render: drawing the top %d of %d entities by PageRank", max_nodes, total)
    net = build_network(G, height=height, width=width)
    nodes, edges, _heading, height, width, _options_json = net.get_network_data()
    counts = Counter(n["type"] for n in nodes)
    style = load_style()
    legend_types = [{"name": t, "color": style["types"][t]["color"],
                     "shape": style["types"][t]["shape"], "count": counts[t]}
                    for t in (*ENTITY_TYPES, "Entity") if counts[t]]
    rel_counts: Counter[str] = Counter()
    for _, _, data in G.edges(data=True):
        rel_counts.update(data.get("relations") or [])
    legend_relations = [{"name": r, "count": rel_counts[r],
                         "color": style["relations"].get(r, style["default_edge_color"])}
                        for r in sorted(rel_counts)]
    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent)),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      keep_trailing_newline=True)
    js, css = _vis_assets()
    n_facts = sum(len(d.get("facts") or []) for _, _, d in G.edges(data=True))
    summary = (f"{len(nodes)} entities, {len(edges)} links, {n_facts} facts."
               if nodes else "The graph is empty: no entities yet.")
    if len(nodes) < total:
        summary += f" Showing the top {len(nodes)} of {total} entities by PageRank."
    html = env.get_template(_TEMPLATE).render(
        title=title, summary=summary, height=height, width=width, bgcolor="#ffffff",
        nodes=nodes, edges=edges, options=net.options,
        legend_types=legend_types, legend_relations=legend_relations,
        vis_js=Markup(js), vis_css=Markup(css),
    )
    if external_references(html):
        html = _inline_external(html)
    left = external_references(html)
    if left:  # pragma: no cover - _inline_external removes every match
        raise RuntimeError(f"render: external resources left in the page: {left}")
    return html


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render_graph(G: nx.Graph, out_path: str | os.PathLike[str], *, title: str = "aikg",
                 height: str = "800px", max_nodes: int | None = None) -> Path:
    """Write the page of an already built actor graph; see :func:`render_html`."""
    path = Path(out_path)
    _write_atomic(path, page_html(G, title=title, height=height, max_nodes=max_nodes))
    log.info("render: wrote %s (%d nodes, %d edges)", path, G.number_of_nodes(),
             G.number_of_edges())
    return path


def render_html(ds: Any, out_path: str | os.PathLike[str], *, title: str = "aikg",
                height: str = "800px", max_nodes: int | None = None) -> Path:
    """Render the actor graph of a dataset as one self-contained, offline HTML page.

    Args:
        ds: an rdflib ``Dataset`` (or anything :func:`kg.analyze.actor_graph` reads).
        out_path: the file to write (written to a temporary file, then renamed over it).
        title: the page title and heading.
        height: CSS height of the graph canvas.
        max_nodes: draw only this many entities, those with the highest PageRank (a browser
            lays out a few thousand nodes comfortably; ``None`` draws all).

    Returns:
        The path written.

    >>> import tempfile, pathlib
    >>> from rdflib import Dataset
    >>> out = render_html(Dataset(), pathlib.Path(tempfile.mkdtemp()) / "g.html")
    >>> out.read_text(encoding="utf-8").count("vis.Network(")
    1
    """
    return render_graph(actor_graph(ds), out_path, title=title, height=height,
                        max_nodes=max_nodes)
