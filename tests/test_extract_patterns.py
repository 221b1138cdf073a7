"""Meta-tests of the relation patterns and cue files: every pattern is exemplified and its
example yields its relation, every relation has patterns, and bad data fails loudly."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from kg.errors import DataFileError
from kg.extract import extract
from kg.extract.mentions import lexicon
from kg.extract.patterns import compiled_patterns, cues, load_patterns
from kg.types import RELATIONS, Article

PATTERNS = compiled_patterns()


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.id for p in PATTERNS])
def test_extract_pattern_example_yields_relation(pattern) -> None:  # type: ignore[no-untyped-def]
    facts = extract(Article.from_text(pattern.example, key=pattern.id)).facts
    got = {f.relation for f in facts}
    want = {pattern.relation, *pattern.also}
    assert want <= got, f"{pattern.id}: {pattern.example!r} gave {sorted(got)}"


def test_extract_patterns_cover_every_relation_twice() -> None:
    counts = Counter(p.relation for p in PATTERNS)
    thin = {r: counts.get(r, 0) for r in RELATIONS if counts.get(r, 0) < 2}
    assert not thin, f"relations with fewer than two patterns: {thin}"


def test_extract_data_files_load() -> None:
    assert PATTERNS
    c = cues()
    assert set(c.order) <= set(c.modality)
    assert lexicon().first_names


def _write(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / "relations.jsonl"
    path.write_text("// test patterns\n" + "\n".join(json.dumps(r) for r in rows) + "\n",
                    encoding="utf-8")
    return path


GOOD = {"id": "ok.one", "relation": "invests_in", "pattern": "(?P<s>{ORG}) invested in (?P<o>{ORG})",
        "example": "Acme invested in Beta."}


@pytest.mark.parametrize("bad, message", [
    ({**GOOD, "id": "bad.regex", "pattern": "(?P<s>{ORG}"}, "invalid regular expression"),
    ({**GOOD, "id": "bad.macro", "pattern": "{NOPE} invested"}, "unknown macro"),
    ({**GOOD, "id": "bad.relation", "relation": "likes"}, "unknown relation"),
    ({"id": "bad.field", "relation": "invests_in", "pattern": "x"}, "missing field"),
], ids=["regex", "macro", "relation", "field"])
def test_extract_bad_pattern_raises_data_file_error(tmp_path: Path, bad: dict[str, object],
                                                    message: str) -> None:
    path = _write(tmp_path, [GOOD, bad])
    with pytest.raises(DataFileError) as err:
        load_patterns(path)
    text = str(err.value)
    assert str(path) in text and str(bad["id"]) in text and message in text


def test_extract_duplicate_pattern_id_raises(tmp_path: Path) -> None:
    path = _write(tmp_path, [GOOD, GOOD])
    with pytest.raises(DataFileError, match="duplicate id"):
        load_patterns(path)


def test_extract_bad_json_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "relations.jsonl"
    path.write_text(json.dumps(GOOD) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"relations\.jsonl:2"):
        load_patterns(path)
