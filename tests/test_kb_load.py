"""Tests of the shipped knowledge base (ontology/kb.jsonl) as data."""

from __future__ import annotations

from collections import Counter

from kg.resolve import KnowledgeBase, name_key
from kg.types import ENTITY_TYPES

MIN_ENTRIES = 30


def test_kb_default_loads_enough_entries() -> None:
    assert len(KnowledgeBase.default()) >= MIN_ENTRIES


def test_kb_default_is_cached() -> None:
    assert KnowledgeBase.default() is KnowledgeBase.default()


def test_kb_every_type_is_an_entity_type() -> None:
    assert {entry.type for entry in KnowledgeBase.default()} <= set(ENTITY_TYPES)


def test_kb_every_parent_resolves_to_an_entry() -> None:
    kb = KnowledgeBase.default()
    names = {entry.name for entry in kb}
    assert [e.name for e in kb if e.parent and e.parent not in names] == []


def test_kb_no_alias_collision() -> None:
    counts = Counter(name_key(surface) for entry in KnowledgeBase.default()
                     for surface in {name_key(s) for s in entry.names})
    assert [key for key, n in counts.items() if n > 1] == []


def test_kb_canonical_names_resolve_to_themselves() -> None:
    kb = KnowledgeBase.default()
    assert [e.name for e in kb if kb.lookup(e.name) is not e] == []


def test_kb_every_alias_resolves_to_its_entry() -> None:
    kb = KnowledgeBase.default()
    assert [(a, e.name) for e in kb for a in e.aliases if kb.lookup(a) is not e] == []
