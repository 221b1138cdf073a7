"""Tests of KnowledgeBase lookups on the shipped knowledge base."""

from __future__ import annotations

import pytest

from kg.resolve import KnowledgeBase

LOOKUP_CASES = [
    ("Microsoft", "Microsoft"),
    ("Microsoft Corp.", "Microsoft"),
    ("microsoft corporation", "Microsoft"),
    ("Microsoft\u2019s", "Microsoft"),
    ("NVIDIA Corporation", "Nvidia"),
    ("Nvidia Corp.", "Nvidia"),
    ("AWS", "Amazon Web Services"),
    ("Azure", "Microsoft Azure"),
    ("DeepMind", "Google DeepMind"),
    ("Meta Platforms", "Meta"),
    ("the U.S.", "United States"),
    ("UAE", "United Arab Emirates"),
    ("Bloomberg News", "Bloomberg"),
]


@pytest.mark.parametrize(("surface", "expected"), LOOKUP_CASES)
def test_kb_lookup_resolves_variants(surface: str, expected: str) -> None:
    entry = KnowledgeBase.default().lookup(surface)
    assert entry is not None and entry.name == expected


def test_kb_lookup_unknown_is_none() -> None:
    assert KnowledgeBase.default().lookup("Frobnicate Widgets Ltd") is None


def test_kb_parent_of_follows_parent() -> None:
    kb = KnowledgeBase.default()
    assert kb.parent_of("Azure").name == "Microsoft"
    assert kb.parent_of("Microsoft") is None


def test_kb_surface_forms_cover_names_and_aliases() -> None:
    forms = {surface: entry.name for surface, entry in KnowledgeBase.default().surface_forms()}
    assert forms["AWS"] == "Amazon Web Services" and forms["Microsoft"] == "Microsoft"
