"""read_inputs over folders: recursion, order, skipping, and errors yielded, never raised."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import read_file, read_inputs
from kg.types import Article

TEXT = "Microsoft invested $1 billion in OpenAI in 2019."


def _keys(items: list[Article | InputError]) -> list[str]:
    return [i.key if isinstance(i, Article) else f"ERROR {i}" for i in items]


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{TEXT} ({name})", encoding="utf-8")


def test_ingest_inputs_recurses_sorted(tmp_path: Path) -> None:
    _tree(tmp_path, ["b.txt", "a/z.txt", "a/b/c.md", "0.txt"])
    assert _keys(list(read_inputs([tmp_path]))) == ["0.txt", "a/b/c.md", "a/z.txt", "b.txt"]


def test_ingest_inputs_order_is_deterministic(tmp_path: Path) -> None:
    _tree(tmp_path, [f"d{i % 3}/f{i}.txt" for i in range(12)])
    assert _keys(list(read_inputs([tmp_path]))) == _keys(list(read_inputs([tmp_path])))


def test_ingest_inputs_skips_hidden_files_and_folders(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.txt", ".hidden.txt", ".git/x.txt", "b.txt~"])
    assert _keys(list(read_inputs([tmp_path]))) == ["a.txt"]


def test_ingest_inputs_skips_unsupported_in_folder_with_debug_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _tree(tmp_path, ["a.txt", "notes.pdf"])
    with caplog.at_level(logging.DEBUG, logger="kg.ingest"):
        keys = _keys(list(read_inputs([tmp_path])))
    assert keys == ["a.txt"] and "notes.pdf" in caplog.text


def test_ingest_inputs_unsupported_file_named_explicitly_is_error(tmp_path: Path) -> None:
    _tree(tmp_path, ["notes.pdf"])
    [item] = read_inputs([tmp_path / "notes.pdf"])
    assert isinstance(item, InputError) and "unsupported file type '.pdf'" in item.problem


def test_ingest_inputs_missing_path_is_error_and_rest_kept(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.txt"])
    items = list(read_inputs([tmp_path / "missing.txt", tmp_path / "a.txt"]))
    assert isinstance(items[0], InputError) and "no such file" in items[0].problem
    assert isinstance(items[1], Article)


def test_ingest_inputs_suffix_case_insensitive(tmp_path: Path) -> None:
    _tree(tmp_path, ["A.TXT"])
    assert _keys(list(read_inputs([tmp_path]))) == ["A.TXT"]


def test_ingest_inputs_file_given_twice_read_once(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.txt"])
    assert _keys(list(read_inputs([tmp_path, tmp_path / "a.txt"]))) == ["a.txt"]


def test_ingest_inputs_undecodable_file_is_error(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"OpenAI \x81\x8d\x8f\x90\x9d news")
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    assert isinstance(items[0], InputError) and "undecodable bytes" in items[0].problem
    assert isinstance(items[1], Article)


def test_ingest_inputs_cp1252_fallback_warns(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "a.txt").write_bytes("Café news: Mistral raised €600 million.".encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="kg.ingest"):
        [article] = read_file(tmp_path / "a.txt")
    assert article.text == "Café news: Mistral raised €600 million."
    assert "cp1252" in caplog.text


def test_ingest_inputs_utf8_bom_stripped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("\ufeffAnthropic raised money.".encode("utf-8"))
    [article] = read_file(tmp_path / "a.txt")
    assert article.text == "Anthropic raised money."


def test_ingest_inputs_binary_file_is_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(InputError, match="binary file"):
        read_file(tmp_path / "a.txt")


def test_ingest_inputs_empty_file_is_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("  \n\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_file(tmp_path / "a.txt")


def test_ingest_inputs_unreadable_file_is_error(tmp_path: Path) -> None:
    # a dangling link cannot be read by anyone, root included
    (tmp_path / "a.txt").symlink_to(tmp_path / "gone.txt")
    items = list(read_inputs([tmp_path / "a.txt"]))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "a.txt" in str(items[0])


def test_ingest_inputs_keys_relative_to_named_folder(tmp_path: Path) -> None:
    _tree(tmp_path, ["news/2024/a.txt"])
    [article] = read_inputs([tmp_path / "news"])
    assert isinstance(article, Article)
    assert (article.key, article.path) == ("2024/a.txt", (tmp_path / "news/2024/a.txt").as_posix())


def test_ingest_inputs_single_path_accepted(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.txt"])
    assert _keys(list(read_inputs(tmp_path / "a.txt"))) == ["a.txt"]


def test_ingest_inputs_read_file_rejects_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_file(tmp_path)


def test_ingest_inputs_skips_folder_documentation_files(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.txt", "README.md", "SOURCES.md", "sub/ATTRIBUTION.md", "sources-2024.md"])
    assert _keys(list(read_inputs([tmp_path]))) == ["a.txt", "sources-2024.md"]


def test_ingest_inputs_documentation_file_named_explicitly_is_read(tmp_path: Path) -> None:
    _tree(tmp_path, ["README.md"])
    assert _keys(list(read_inputs([tmp_path / "README.md"]))) == ["README.md"]
