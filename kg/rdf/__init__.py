"""Facts → RDF with provenance; read back; load/save; SHACL validation.

See ``docs/design.md`` ("RDF model") for the graph layout.
"""

from __future__ import annotations

from kg.rdf.convert import add_extraction, article_iri, new_dataset
from kg.rdf.export import entity_records, fact_records
from kg.rdf.io import load_graph, save_graph
from kg.rdf.namespace import AIKG, ID, ORG, SCHEMA, WD
from kg.rdf.shacl import ValidationReport, ValidationResult, validate
from kg.rdf.terms import fact_class_for, property_for, relation_for

__all__ = [
    "AIKG", "ID", "ORG", "SCHEMA", "WD",
    "new_dataset", "add_extraction", "article_iri",
    "fact_records", "entity_records",
    "load_graph", "save_graph",
    "validate", "ValidationReport", "ValidationResult",
    "property_for", "fact_class_for", "relation_for",
]
