"""The relation map, read from the ontology (``ontology/aikg.ttl``) rather than repeated in code.

Every direct-edge property and every fact class carries ``aikg:factRelation "<relation>"``;
this module indexes those annotations once (cached) and answers lookups both ways.

>>> property_for("invests_in") == AIKG.investsIn
True
>>> fact_class_for("invests_in") == AIKG.Investment
True
>>> relation_for(AIKG.Investment), relation_for(AIKG.investsIn)
('invests_in', 'invests_in')
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from rdflib import OWL, RDF, Graph, Node, URIRef

from kg.errors import DataFileError
from kg.rdf.namespace import AIKG
from kg.resources import ontology_dir

log = logging.getLogger(__name__)

__all__ = [
    "fact_class_for", "is_literal", "is_symmetric", "ontology_graph", "property_for",
    "relation_for", "relations",
]


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The parsed ontology (cached; treat it as read-only).

    Raises:
        DataFileError: the ontology file is missing or is not valid Turtle.
    """
    path = ontology_dir() / "aikg.ttl"
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as err:
        message = " ".join(str(err).split())
        raise DataFileError(f"{path}: cannot read the ontology: {message}") from err


@dataclass(frozen=True)
class _RelationIndex:
    properties: dict[str, URIRef]
    classes: dict[str, URIRef]
    by_term: dict[URIRef, str]
    symmetric: frozenset[str]
    literal: frozenset[str]


@lru_cache(maxsize=1)
def _index() -> _RelationIndex:
    graph = ontology_graph()
    properties: dict[str, URIRef] = {}
    classes: dict[str, URIRef] = {}
    symmetric: set[str] = set()
    literal: set[str] = set()
    for term, name in sorted(graph.subject_objects(AIKG.factRelation)):
        if not isinstance(term, URIRef):
            continue
        relation = str(name)
        types = set(graph.objects(term, RDF.type))
        target = classes if OWL.Class in types else properties
        if relation in target:
            raise DataFileError(f"aikg.ttl: relation {relation!r} is annotated on both "
                                f"{target[relation]} and {term}")
        target[relation] = term
        if OWL.SymmetricProperty in types:
            symmetric.add(relation)
        if OWL.DatatypeProperty in types:
            literal.add(relation)
    by_term: dict[URIRef, str] = {t: r for r, t in properties.items()}
    by_term.update({t: r for r, t in classes.items()})
    return _RelationIndex(properties, classes, by_term, frozenset(symmetric), frozenset(literal))


def relations() -> tuple[str, ...]:
    """Every relation name the ontology defines a property for, sorted.

    >>> "acquires" in relations()
    True
    """
    return tuple(sorted(_index().properties))


def property_for(relation: str) -> URIRef:
    """The direct-edge property of ``relation`` (e.g. ``aikg:investsIn`` for ``invests_in``).

    Raises:
        KeyError: ``relation`` is not in the ontology.
    """
    try:
        return _index().properties[relation]
    except KeyError:
        raise KeyError(_unknown(relation)) from None


def fact_class_for(relation: str) -> URIRef:
    """The fact class of ``relation`` (e.g. ``aikg:Investment`` for ``invests_in``).

    Raises:
        KeyError: ``relation`` is not in the ontology.
    """
    try:
        return _index().classes[relation]
    except KeyError:
        raise KeyError(_unknown(relation)) from None


def relation_for(term: Node | str) -> str:
    """The relation name a direct-edge property or fact class stands for.

    Raises:
        KeyError: ``term`` carries no ``aikg:factRelation`` in the ontology.
    """
    try:
        return _index().by_term[URIRef(str(term))]
    except KeyError:
        raise KeyError(f"{term} is neither a relation property nor a fact class "
                       "of the aikg ontology") from None


def is_symmetric(relation: str) -> bool:
    """Whether the property of ``relation`` is an ``owl:SymmetricProperty``.

    >>> is_symmetric("partners_with"), is_symmetric("acquires")
    (True, False)
    """
    property_for(relation)
    return relation in _index().symmetric


def is_literal(relation: str) -> bool:
    """Whether ``relation`` has a number as object (its property is an ``owl:DatatypeProperty``).

    >>> is_literal("valued_at"), is_literal("acquires")
    (True, False)
    """
    property_for(relation)
    return relation in _index().literal


def _unknown(relation: str) -> str:
    return f"unknown relation {relation!r}; the ontology defines: {', '.join(relations())}"
