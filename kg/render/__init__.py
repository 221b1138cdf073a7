"""The interactive page of the actor graph: pyvis / vis-network, offline, styled from data.

>>> callable(render_html)
True
"""

from kg.render.page import (
    build_network,
    external_references,
    load_style,
    page_html,
    render_graph,
    render_html,
    top_subgraph,
)

__all__ = [
    "build_network",
    "external_references",
    "load_style",
    "page_html",
    "render_graph",
    "render_html",
    "top_subgraph",
]
