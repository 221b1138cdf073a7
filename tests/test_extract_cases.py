"""Extraction cases: sentences in our own words and the facts the rule extractor must read.

Each line of ``tests/data/extraction_cases.jsonl`` is one case::

    {"id": "...", "text": "one to three sentences",
     "facts": [{"subject": ..., "relation": ..., "object": ...,
                "modality": ..., "amount_usd": ..., "sources": [...]}],
     "absent": [facts that must not be produced], "exhaustive": true,
     "xfail": "why the extractor cannot read this yet"}

Matching follows FACTS.md: names by :func:`kg.evaluate.scoring.names_match` (a list means any
of these names), numbers within 2%, symmetric relations in either direction. ``modality``,
``amount_usd`` and ``sources`` are checked only when the case gives them. ``exhaustive``
cases (mostly negative ones) must produce no fact beyond the listed ones. ``xfail`` marks a
known gap (strict: a case that starts passing fails the run, so the mark gets removed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.evaluate.scoring import names_match, numbers_match
from kg.extract import extract
from kg.resources import read_jsonl
from kg.types import LITERAL_RELATIONS, SYMMETRIC_RELATIONS, Article, Fact

CASES_PATH = Path(__file__).parent / "data" / "extraction_cases.jsonl"
CASES: list[dict[str, Any]] = read_jsonl(CASES_PATH)


def _object_matches(fact: Fact, want: Any) -> bool:
    if fact.relation in LITERAL_RELATIONS:
        return isinstance(fact.object, (int, float)) and numbers_match(fact.object, want)
    return names_match(fact.object, want)


def _matches(fact: Fact, want: dict[str, Any]) -> bool:
    """Whether ``fact`` is the (subject, relation, object) triple of ``want``."""
    if fact.relation != want["relation"]:
        return False
    if names_match(fact.subject, want["subject"]) and _object_matches(fact, want["object"]):
        return True
    return fact.relation in SYMMETRIC_RELATIONS and names_match(fact.object, want["subject"]) \
        and names_match(fact.subject, want["object"])


def _qualifier_problems(fact: Fact, want: dict[str, Any]) -> list[str]:
    problems = []
    if "modality" in want and fact.modality != want["modality"]:
        problems.append(f"modality {fact.modality!r}, want {want['modality']!r}")
    if "amount_usd" in want and not (fact.amount_usd is not None
                                     and numbers_match(fact.amount_usd, want["amount_usd"])):
        problems.append(f"amount_usd {fact.amount_usd!r}, want {want['amount_usd']!r}")
    for source in want.get("sources", []):
        if not any(names_match(s, source) for s in fact.sources):
            problems.append(f"source {source!r} missing from {list(fact.sources)}")
    return problems


def _show(facts: tuple[Fact, ...]) -> str:
    return "\n".join(f"  {f.subject} {f.relation} {f.object} [{f.modality}] "
                     f"amount={f.amount_usd} sources={list(f.sources)}" for f in facts) or "  (none)"


def test_extract_cases_file_is_well_formed() -> None:
    ids = [c["id"] for c in CASES]
    assert len(CASES) >= 150
    assert len(ids) == len(set(ids)), "duplicate case ids"
    for case in CASES:
        assert set(case) <= {"id", "text", "facts", "absent", "exhaustive", "xfail"}, case["id"]
        for fact in case["facts"] + case.get("absent", []):
            assert {"subject", "relation", "object"} <= set(fact), case["id"]


def _param(case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
    return pytest.param(case, id=case["id"], marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_extract_case(case: dict[str, Any]) -> None:
    facts = extract(Article.from_text(case["text"], key=case["id"])).facts
    problems: list[str] = []
    for want in case["facts"]:
        hits = [f for f in facts if _matches(f, want)]
        label = f"{want['subject']} {want['relation']} {want['object']}"
        if not hits:
            problems.append(f"missing: {label}")
            continue
        best = min((_qualifier_problems(f, want) for f in hits), key=len)
        problems += [f"{label}: {p}" for p in best]
    for bad in case.get("absent", []):
        if any(_matches(f, bad) for f in facts):
            problems.append(f"unwanted: {bad['subject']} {bad['relation']} {bad['object']}")
    if case.get("exhaustive"):
        for f in facts:
            if not any(_matches(f, want) for want in case["facts"]):
                problems.append(f"unexpected: {f.subject} {f.relation} {f.object}")
    assert not problems, f"{case['text']}\n" + "\n".join(problems) + "\nproduced:\n" + _show(facts)
