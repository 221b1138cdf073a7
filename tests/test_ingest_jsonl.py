"""JSON-lines reader: one article a line; a bad line is reported and the rest kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import read_file, read_inputs

FIXTURE = Path(__file__).parent / "data" / "inputs" / "articles-one-bad-line.jsonl"


def test_ingest_jsonl_bad_line_reported_with_file_and_line() -> None:
    errors = [item for item in read_inputs([FIXTURE]) if isinstance(item, InputError)]
    assert [str(e) for e in errors] == [
        f'{FIXTURE.as_posix()}:3: missing required field "text"'
    ]


def test_ingest_jsonl_other_lines_still_read() -> None:
    texts = [item.text[:10] for item in read_inputs([FIXTURE]) if not isinstance(item, InputError)]
    assert texts == ["Nvidia sai", "Meta is pa", "Databricks"]


def test_ingest_jsonl_metadata_fields_copied() -> None:
    first = next(iter(read_inputs([FIXTURE])))
    assert not isinstance(first, InputError)
    assert (first.title, first.url, first.date, first.publisher) == (
        "Nvidia to invest $100 billion in OpenAI", "https://news.example.com/nvidia-openai",
        "2025-09-22", "Example Wire",
    )


def test_ingest_jsonl_key_is_url_else_path_and_line() -> None:
    keys = [item.key for item in read_inputs([FIXTURE]) if not isinstance(item, InputError)]
    assert keys == ["https://news.example.com/nvidia-openai",
                    "articles-one-bad-line.jsonl#L2", "articles-one-bad-line.jsonl#L4"]


def test_ingest_jsonl_invalid_json_names_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "ok"}\n{"text": \n', encoding="utf-8")
    errors = [i for i in read_inputs([path]) if isinstance(i, InputError)]
    assert len(errors) == 1 and errors[0].path == f"{path.as_posix()}:2"
    assert "invalid JSON" in errors[0].problem


def test_ingest_jsonl_wrong_field_type_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Nvidia invested.", "date": 2025}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r'a.jsonl:1: field "date" must be a string'):
        read_file(path)


def test_ingest_jsonl_blank_lines_skipped(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('\n{"text": "Nvidia invested."}\n\n', encoding="utf-8")
    assert [a.key for a in read_file(path)] == ["a.jsonl#L2"]


def test_ingest_jsonl_read_file_raises_on_bad_line() -> None:
    with pytest.raises(InputError, match=":3: missing required field"):
        read_file(FIXTURE)
