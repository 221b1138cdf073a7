"""kg.rdf.terms: the relation map read from the ontology."""

from __future__ import annotations

import pytest

from kg.rdf.namespace import AIKG
from kg.rdf.terms import (
    fact_class_for,
    is_literal,
    is_symmetric,
    property_for,
    relation_for,
    relations,
)
from kg.types import LITERAL_RELATIONS, RELATIONS, SYMMETRIC_RELATIONS


@pytest.mark.parametrize("relation", RELATIONS)
def test_terms_every_relation_has_property_and_fact_class(relation: str) -> None:
    prop, cls = property_for(relation), fact_class_for(relation)
    assert str(prop).startswith(str(AIKG._NS)) and str(cls).startswith(str(AIKG._NS))
    assert relation_for(prop) == relation_for(cls) == relation


def test_terms_relations_are_the_types_vocabulary() -> None:
    assert set(relations()) == set(RELATIONS)


def test_terms_design_table_examples() -> None:
    assert property_for("provides_compute_to") == AIKG.providesComputeTo
    assert fact_class_for("builds_data_center") == AIKG.DataCenterProject
    assert relation_for(str(AIKG.Headquarters)) == "headquartered_in"


def test_terms_symmetric_and_literal_flags_match_types() -> None:
    assert {r for r in RELATIONS if is_symmetric(r)} == SYMMETRIC_RELATIONS
    assert {r for r in RELATIONS if is_literal(r)} == LITERAL_RELATIONS


def test_terms_unknown_relation_raises_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="buys"):
        property_for("buys")
    with pytest.raises(KeyError):
        relation_for(AIKG.Company)
