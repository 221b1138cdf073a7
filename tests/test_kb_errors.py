"""Tests that a malformed knowledge base fails with file:line messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import DataFileError
from kg.resolve import KBEntry, KnowledgeBase

GOOD = {"name": "Microsoft", "type": "Company", "aliases": ["MSFT"], "wikidata": "Q2283",
        "parent": None, "kind": "bigtech"}


def _write(tmp_path: Path, *lines: object) -> Path:
    path = tmp_path / "kb.jsonl"
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line)
                              for line in lines) + "\n", encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(DataFileError) as info:
        KnowledgeBase.from_path(path)
    return str(info.value)


def test_kb_from_path_loads_good_file_with_comments(tmp_path: Path) -> None:
    kb = KnowledgeBase.from_path(_write(tmp_path, "// comment", "", GOOD))
    assert len(kb) == 1 and kb.lookup("msft").name == "Microsoft"


def test_kb_error_invalid_json_names_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD, "{not json")
    assert _error(path).startswith(f"{path}:2: invalid JSON")


def test_kb_error_unknown_type_names_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD, {"name": "Acme", "type": "Widget"})
    message = _error(path)
    assert message.startswith(f"{path}:2:") and "unknown type 'Widget'" in message


def test_kb_error_duplicate_name_names_both_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD, {"name": "microsoft corp.", "type": "Company"})
    message = _error(path)
    assert message.startswith(f"{path}:2:") and "duplicate" in message and f"{path}:1" in message


def test_kb_error_alias_claimed_twice(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD, {"name": "Morgan Stanley", "type": "Company",
                                   "aliases": ["MSFT"]})
    message = _error(path)
    assert message.startswith(f"{path}:2:") and "'MSFT'" in message


def test_kb_error_missing_name(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD, {"type": "Company"})
    assert _error(path) == f"{path}:2: missing name (a non-empty string)"


def test_kb_error_unknown_parent(tmp_path: Path) -> None:
    path = _write(tmp_path, {"name": "Azure", "type": "Product", "parent": "Microsft"})
    assert _error(path).startswith(f"{path}:1: parent 'Microsft'")


def test_kb_error_bad_wikidata_id(tmp_path: Path) -> None:
    path = _write(tmp_path, dict(GOOD, wikidata="2283"))
    assert _error(path).startswith(f"{path}:1: wikidata")


def test_kb_error_unknown_field(tmp_path: Path) -> None:
    path = _write(tmp_path, dict(GOOD, wikipedia="x"))
    assert "unknown field(s) wikipedia" in _error(path)


def test_kb_error_aliases_not_a_list(tmp_path: Path) -> None:
    path = _write(tmp_path, dict(GOOD, aliases="MSFT"))
    assert _error(path).startswith(f"{path}:1: aliases")


def test_kb_error_missing_file(tmp_path: Path) -> None:
    assert "cannot read knowledge base" in _error(tmp_path / "absent.jsonl")


def test_kb_constructor_validates_entries() -> None:
    with pytest.raises(DataFileError, match="unknown type"):
        KnowledgeBase([KBEntry("Acme", "Widget")])
