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
    ("Broadcom Inc.", "Broadcom"),
    ("Alphabet Inc.", "Alphabet"),
    ("Google LLC", "Google"),
    ("Facebook", "Meta"),
    ("NVDA", "Nvidia"),
    ("a16z", "Andreessen Horowitz"),
    ("WSJ", "The Wall Street Journal"),
    ("Wall Street Journal", "The Wall Street Journal"),
    ("FT", "Financial Times"),
    ("TPUs", "TPU"),
    ("Tensor Processing Unit", "TPU"),
    ("America", "United States"),
    ("UK", "United Kingdom"),
    ("Vision Fund", "SoftBank Vision Fund"),
    ("GCP", "Google Cloud"),
    ("Barron's", "Barron's"),
    ("Moody's", "Moody's"),
    ("the Information", "The Information"),
    ("\u201cAnthropic\u201d", "Anthropic"),
    ("Zürich", "Zurich"),
    ("Alphabet Inc.'s", "Alphabet"),
    ("JPMorgan Chase & Co.", "JPMorgan"),
    ("Meta Platforms, Inc.", "Meta"),
]

#: Entities named in the knowledge-base brief, by canonical name and type.
REQUIRED = [
    ("OpenAI", "Company"), ("Anthropic", "Company"), ("xAI", "Company"),
    ("Mistral AI", "Company"), ("CoreWeave", "Company"), ("G42", "Company"),
    ("Microsoft Azure", "Product"), ("Amazon Web Services", "Company"),
    ("Google DeepMind", "Company"), ("SoftBank", "Company"), ("MGX", "Company"),
    ("Bloomberg", "Publisher"), ("Gartner", "Publisher"), ("Statista", "Publisher"),
    ("GPT-4", "AIModel"), ("ChatGPT", "AIModel"), ("Llama 3", "AIModel"),
    ("Copilot", "Product"), ("Amazon Bedrock", "Product"), ("H100", "Hardware"),
    ("TPU", "Hardware"), ("Trainium", "Hardware"), ("Stargate", "DataCenter"),
    ("Project Rainier", "DataCenter"), ("Sam Altman", "Person"), ("Satya Nadella", "Person"),
    ("United States", "Location"), ("Abilene", "Location"), ("Wisconsin", "Location"),
]


@pytest.mark.parametrize(("surface", "expected"), LOOKUP_CASES)
def test_kb_lookup_resolves_variants(surface: str, expected: str) -> None:
    entry = KnowledgeBase.default().lookup(surface)
    assert entry is not None and entry.name == expected


@pytest.mark.parametrize(("name", "type_"), REQUIRED)
def test_kb_has_required_entities(name: str, type_: str) -> None:
    entry = KnowledgeBase.default().get(name)
    assert entry is not None and (entry.name, entry.type) == (name, type_)


def test_kb_lookup_unknown_is_none() -> None:
    assert KnowledgeBase.default().lookup("Frobnicate Widgets Ltd") is None


def test_kb_parent_of_follows_parent() -> None:
    kb = KnowledgeBase.default()
    assert kb.parent_of("Azure").name == "Microsoft"
    assert kb.parent_of("Microsoft") is None


def test_kb_surface_forms_cover_names_and_aliases() -> None:
    forms = {surface: entry.name for surface, entry in KnowledgeBase.default().surface_forms()}
    assert forms["AWS"] == "Amazon Web Services" and forms["Microsoft"] == "Microsoft"


def test_kb_ancestors_follow_the_chain() -> None:
    chain = KnowledgeBase.default().ancestors("DeepMind")
    assert [e.name for e in chain] == ["Google", "Alphabet"]


def test_kb_surface_forms_are_sorted_and_complete() -> None:
    kb = KnowledgeBase.default()
    forms = kb.surface_forms()
    assert len(forms) == sum(len(e.names) for e in kb)
    assert [e.name for _, e in forms] == sorted(e.name for _, e in forms)
