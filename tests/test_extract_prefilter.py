"""The extractor's literal prefilters change its speed, never its output.

Relation patterns run only on sentences holding the literals their regexes require
(:class:`kg.extract.patterns.PatternSelector`), and modality and attribution cues are skipped
on text missing theirs (:class:`kg.extract.patterns.LiteralFilter`). These tests extract the
real corpus and every extraction case twice, with the prefilters on and switched off (every
pattern and cue tried everywhere), and require the same facts, entities and mentions.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract import extract
from kg.extract.patterns import (LiteralFilter, PatternSelector, compiled_patterns, cues,
                                 required_literals)
from kg.resources import read_jsonl
from kg.types import Article

DATA = Path(__file__).parent / "data"
TEXTS = ([p.read_text(encoding="utf-8") for p in sorted((DATA / "corpus").glob("*.txt"))]
         + [case["text"] for case in read_jsonl(DATA / "extraction_cases.jsonl")])


def _snapshot(text: str) -> tuple:
    ex = extract(Article.from_text(text))
    return ([f.record() for f in ex.facts], [(e.key, e.name, e.type, e.aliases) for e in ex.entities],
            list(ex.mentions))


@pytest.fixture(scope="module")
def filtered() -> list[tuple]:
    return [_snapshot(text) for text in TEXTS]


def test_prefilters_leave_every_extraction_unchanged(filtered: list[tuple],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    n = len(compiled_patterns())
    monkeypatch.setattr(PatternSelector, "select", lambda self, text: list(range(n)))
    monkeypatch.setattr(LiteralFilter, "meets", lambda self, index, present: True)
    unfiltered = [_snapshot(text) for text in TEXTS]
    changed = [TEXTS[i][:60] for i, (a, b) in enumerate(zip(filtered, unfiltered)) if a != b]
    assert not changed, f"the prefilter changed the extraction of {changed}"


def test_every_pattern_example_passes_its_own_prefilter() -> None:
    # an example is plain text, so only the literals outside slots can be checked: each
    # pattern must still be selected on a sentence made of its example's words
    selector = PatternSelector(compiled_patterns())
    for i, pattern in enumerate(compiled_patterns()):
        wanted = {w for group in pattern.needs for w in group if "⟦" not in w and ":" not in w
                  and w not in ("company", "person", "publisher", "location", "hardware",
                                "product", "aimodel")}
        text = " ".join(sorted(wanted)) + " ⟦e0:company⟧ ⟦p0⟧ ⟦m0⟧ ⟦n0⟧ ⟦e1:person⟧ " \
            "⟦e2:location⟧ ⟦e3:aimodel⟧ ⟦e4:hardware⟧ ⟦e5:product⟧ ⟦e6:publisher⟧ ⟦i7:company⟧"
        assert i in selector.select(text), pattern.id


@pytest.mark.parametrize("regex, sentence", [
    (r"(?:acquir(?:es|ed)|bought)\s+(?:the\s+)?stake", "Microsoft bought the stake"),
    (r"\b(?:in\s+)?talks?\s+with", "They are in talks with Apple"),
    (r"(?P<v>⟦P\d+⟧)\s+(?:market\s+)?share", "a ⟦P0⟧ market share"),
])
def test_required_literals_all_occur_in_a_match(regex: str, sentence: str) -> None:
    compiled = re.compile(regex, re.IGNORECASE)
    match = compiled.search(sentence)
    assert match is not None
    for group in required_literals(compiled):
        assert any(word in match.group(0).lower() for word in group), group


def test_cue_filter_agrees_with_scanning_every_cue() -> None:
    c = cues()
    for text in TEXTS[:40]:
        for name, regexes in c.modality.items():
            assert c.modality_in(name, text) == any(r.search(text) for r in regexes), (name, text)


def test_literal_tests_see_letters_that_match_case_insensitively() -> None:
    # re.IGNORECASE matches "İ", "ı" to i and "ſ" to s: the prefilter must not skip them
    selector = PatternSelector(compiled_patterns())
    text = "⟦E0:Company⟧ İNVESTED ⟦M0⟧ in ⟦E1:Company⟧"
    matching = {i for i, p in enumerate(compiled_patterns()) if p.regex.search(text)}
    assert matching and matching <= set(selector.select(text))
