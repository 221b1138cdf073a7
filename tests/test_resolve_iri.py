"""Tests of kg.resolve.iri: entity keys and IRIs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.rdf.namespace import ID
from kg.resolve import article_iri, entity_iri, entity_key
from kg.resolve.iri import MAX_KEY_LENGTH

KEY_CASES = [
    ("Amazon Web Services", "amazon-web-services"),
    ("Lexis+ AI", "lexis-plus-ai"),
    ("GPT-4", "gpt-4"),
    ("Microsoft", "microsoft"),
    ("Claude 3.5 Sonnet", "claude-3-5-sonnet"),
    ("AT&T", "at-and-t"),
    ("Société Générale", "societe-generale"),
    ("  --OpenAI--  ", "openai"),
    ("Character.AI", "character-ai"),
]
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.mark.parametrize(("name", "expected"), KEY_CASES)
def test_iri_entity_key_table(name: str, expected: str) -> None:
    assert entity_key(name) == expected


def test_iri_entity_key_falls_back_to_hash_for_non_ascii() -> None:
    key = entity_key("文心一言")
    assert _SLUG.match(key) and key != entity_key("通义千问")


def test_iri_entity_key_ignores_wikidata() -> None:
    assert entity_key("Microsoft", "Q2283") == entity_key("Microsoft")


@given(st.text(max_size=200))
def test_iri_entity_key_is_nonempty_slug(name: str) -> None:
    key = entity_key(name)
    assert key and _SLUG.match(key) and len(key) <= MAX_KEY_LENGTH


@given(st.text(max_size=200))
def test_iri_entity_key_is_idempotent(name: str) -> None:
    key = entity_key(name)
    assert entity_key(key) == key


def test_iri_long_names_stay_distinct() -> None:
    a, b = "word " * 30 + "alpha", "word " * 30 + "beta"
    assert entity_key(a) != entity_key(b)


def test_iri_entity_iri_is_in_id_namespace() -> None:
    assert entity_iri("amazon-web-services") == ID["entity/amazon-web-services"]


def test_iri_article_iri_slugs_key() -> None:
    assert article_iri("https://example.com/a b") == ID["article/https-example-com-a-b"]
