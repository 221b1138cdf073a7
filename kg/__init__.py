"""aikg: knowledge graphs of the AI industry from news articles.

The public functions are re-exported here lazily, so ``import kg`` stays fast and pulls in
neither rdflib nor spaCy until one of them is used::

    import kg
    result = kg.build(["articles/"])          # kg.pipeline.build
    rows = kg.run_query("graph.trig", "SELECT * { ?s ?p ?o } LIMIT 5")

The evaluation entry point is ``kg.evaluate.evaluate``: it is not re-exported as
``kg.evaluate`` because that name is the :mod:`kg.evaluate` subpackage, and a function of
the same name would make ``kg.evaluate`` mean one thing or the other depending on what was
imported first.

>>> import kg
>>> isinstance(kg.__version__, str)
True
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__: str = version("aikg")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.1.0"

#: Public name → module that defines it.
_LAZY: dict[str, str] = {
    "build": "kg.pipeline",
    "run_query": "kg.query",
    "centrality_table": "kg.analyze",
    "render_html": "kg.render",
    "fact_records": "kg.rdf",
    "entity_records": "kg.rdf",
    "validate": "kg.rdf",
    "run_demo": "kg.demo",
}

__all__ = [
    "__version__", "build", "centrality_table", "entity_records", "fact_records",
    "render_html", "run_demo", "run_query", "validate",
]

if TYPE_CHECKING:
    from kg.analyze import centrality_table
    from kg.demo import run_demo
    from kg.pipeline import build
    from kg.query import run_query
    from kg.rdf import entity_records, fact_records, validate
    from kg.render import render_html


def __getattr__(name: str) -> Any:
    """Import a re-exported function on first use (PEP 562) and cache it here."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
