"""Tests of kg.resolve.names: cleaning, suffixes, match keys and acronyms."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.resolve import acronym, clean_name, is_acronym_of, name_key, strip_suffix
from kg.resolve.names import corporate_suffixes

CLEAN_CASES = [
    ("  Microsoft  ", "Microsoft"),
    ("\u201cOpenAI\u201d", "OpenAI"),
    ("Microsoft\u2019s", "Microsoft"),
    ("Anthropic's", "Anthropic"),
    ("investors'", "investors"),
    ("Nvidia,", "Nvidia"),
    ("Anthropic.", "Anthropic"),
    ("Nvidia Corp.", "Nvidia Corp."),
    ("the U.S.", "the U.S."),
    ("'Google DeepMind's'", "Google DeepMind"),
    ("Alphabet Inc.'s", "Alphabet Inc."),
    ("the U.S.\u2019", "the U.S."),
]


@pytest.mark.parametrize(("surface", "expected"), CLEAN_CASES)
def test_names_clean_name_trims_quotes_possessive_punctuation(surface: str, expected: str) -> None:
    assert clean_name(surface) == expected


SUFFIX_CASES = [
    ("Microsoft Corp.", "Microsoft"),
    ("Broadcom Inc.", "Broadcom"),
    ("Alphabet Inc", "Alphabet"),
    ("Arm Holdings plc", "Arm"),
    ("Alibaba Group Holding Limited", "Alibaba"),
    ("JPMorgan Chase & Co.", "JPMorgan Chase"),
    ("Aleph Alpha GmbH", "Aleph Alpha"),
    ("ASML Holding N.V.", "ASML"),
    ("Anthropic PBC", "Anthropic"),
    ("Microsoft, Inc.", "Microsoft"),
    ("Google LLC", "Google"),
    ("Siemens AG", "Siemens"),
    ("Group", "Group"),
    ("Inc.", "Inc."),
    ("Holdings Inc.", "Holdings"),
    ("OpenAI", "OpenAI"),
]


@pytest.mark.parametrize(("name", "expected"), SUFFIX_CASES)
def test_names_strip_suffix_removes_corporate_suffixes(name: str, expected: str) -> None:
    assert strip_suffix(name) == expected


def test_names_suffix_list_is_data_and_covers_facts_md() -> None:
    assert {"inc", "corp", "corporation", "ltd", "llc", "plc", "co", "group", "holdings"} \
        <= corporate_suffixes()


KEY_CASES = [
    ("Microsoft", "microsoft"),
    ("Microsoft Corp.", "microsoft"),
    ("MICROSOFT CORPORATION", "microsoft"),
    ("The Wall Street Journal", "wall street journal"),
    ("the Information", "information"),
    ("NVIDIA Corporation", "nvidia"),
    ("  Amazon   Web  Services ", "amazon web services"),
    ("Société Générale", "societe generale"),
    ("Zürich", "zurich"),
    ("U.S.", "us"),
    ("GPT-4o", "gpt 4o"),
    ("Run:ai", "runai"),
    ("Barron's", "barrons"),
    ("Thomson Reuters", "thomson reuters"),
    ("Amazon.com, Inc.", "amazoncom"),
]


@pytest.mark.parametrize(("name", "expected"), KEY_CASES)
def test_names_name_key_table(name: str, expected: str) -> None:
    assert name_key(name) == expected


def test_names_name_key_equal_for_facts_md_variants() -> None:
    variants = ["Microsoft", "microsoft", "Microsoft Corp.", "The Microsoft Corporation",
                "Microsoft, Inc.", "MICROSOFT LTD"]
    assert len({name_key(v) for v in variants}) == 1


_plain_word = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll")), min_size=1,
                      max_size=12)
_plain_names = st.lists(_plain_word, min_size=1, max_size=4).map(" ".join).filter(
    lambda n: n.split()[-1].replace(".", "").casefold() not in corporate_suffixes()
    and n.split()[0].casefold() != "the")


@given(_plain_names)
def test_names_name_key_ignores_inc_suffix(name: str) -> None:
    assert name_key(name) == name_key(name + " Inc.")


@given(st.text(max_size=40))
def test_names_name_key_is_idempotent(name: str) -> None:
    key = name_key(name)
    assert name_key(key) == key


ACRONYM_CASES = [
    ("Amazon Web Services", "AWS"),
    ("Center for Emerging Risk Research", "CERR"),
    ("Google Cloud Platform", "GCP"),
    ("Oracle Cloud Infrastructure", "OCI"),
    ("International Business Machines Corporation", "IBM"),
    ("Taiwan Semiconductor Manufacturing Company", "TSMC"),
    ("United Arab Emirates", "UAE"),
    ("The Wall Street Journal", "WSJ"),
    ("Qatar Investment Authority", "QIA"),
    ("Hewlett-Packard Enterprise", "HPE"),
    ("Microsoft", "M"),
]


@pytest.mark.parametrize(("name", "expected"), ACRONYM_CASES)
def test_names_acronym_table(name: str, expected: str) -> None:
    assert acronym(name) == expected


IS_ACRONYM_CASES = [
    ("AWS", "Amazon Web Services", True),
    ("U.S.", "United States", True),
    ("UK", "United Kingdom", True),
    ("DOE", "Department of Energy", True),
    ("PIF", "Public Investment Fund", True),
    ("IBM", "International Business Machines Corp.", True),
    ("AWS", "Amazon", False),
    ("aws", "Amazon Web Services", False),
    ("A", "Amazon", False),
    ("GCP", "Google Cloud", False),
    ("AI", "AI", False),
]


@pytest.mark.parametrize(("short", "long", "expected"), IS_ACRONYM_CASES)
def test_names_is_acronym_of_table(short: str, long: str, expected: bool) -> None:
    assert is_acronym_of(short, long) is expected
