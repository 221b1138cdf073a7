"""Tests of the shipped knowledge base (ontology/kb.jsonl) as data."""

from __future__ import annotations

from collections import Counter

from kg.resolve import KnowledgeBase, name_key
from kg.types import ENTITY_TYPES

KINDS = {"lab", "startup", "cloud", "bigtech", "chipmaker", "investor", "vc", "bank", "outlet",
         "media", "analyst", "model", "product", "chip", "datacenter", "person", "place"}

MIN_ENTRIES = 200


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


def test_kb_every_kind_is_a_known_tag() -> None:
    assert {entry.kind for entry in KnowledgeBase.default()} <= KINDS


def test_kb_wikidata_ids_are_unique() -> None:
    counts = Counter(e.wikidata for e in KnowledgeBase.default() if e.wikidata)
    assert [qid for qid, n in counts.items() if n > 1] == []


def test_kb_parent_chains_have_no_cycles() -> None:
    kb = KnowledgeBase.default()
    for entry in kb:
        seen = {entry.name}
        parent = kb.get(entry.parent) if entry.parent else None
        while parent is not None:
            assert parent.name not in seen, entry.name
            seen.add(parent.name)
            parent = kb.get(parent.parent) if parent.parent else None


def test_kb_every_type_has_entries() -> None:
    kb = KnowledgeBase.default()
    assert [t for t in ENTITY_TYPES if not kb.by_type(t)] == []
