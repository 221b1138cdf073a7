"""Facts → RDF with provenance; read back; load/save; SHACL validation.

See ``docs/design.md`` ("RDF model") for the graph layout. Re-exports are lazy, so that
``kg.rdf.namespace`` can be imported (e.g. by ``kg.resolve.iri``) without loading the rest.

>>> from kg.rdf import new_dataset, fact_records
>>> fact_records(new_dataset())
[]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.rdf.convert import add_extraction, article_iri, new_dataset
    from kg.rdf.export import entity_records, fact_records
    from kg.rdf.io import load_graph, save_graph
    from kg.rdf.namespace import AIKG, ID, ORG, SCHEMA, WD
    from kg.rdf.shacl import ValidationReport, ValidationResult, validate
    from kg.rdf.terms import fact_class_for, property_for, relation_for

_EXPORTS: dict[str, str] = {
    "AIKG": "namespace", "ID": "namespace", "ORG": "namespace", "SCHEMA": "namespace",
    "WD": "namespace",
    "new_dataset": "convert", "add_extraction": "convert", "article_iri": "convert",
    "fact_records": "export", "entity_records": "export",
    "load_graph": "io", "save_graph": "io",
    "validate": "shacl", "ValidationReport": "shacl", "ValidationResult": "shacl",
    "property_for": "terms", "fact_class_for": "terms", "relation_for": "terms",
}

__all__ = [
    "AIKG", "ID", "ORG", "SCHEMA", "WD", "ValidationReport", "ValidationResult",
    "add_extraction", "article_iri", "entity_records", "fact_class_for", "fact_records",
    "load_graph", "new_dataset", "property_for", "relation_for", "save_graph", "validate",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kg.rdf' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"kg.rdf.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
