"""Plain-text reader: the file is the article; a headline-like first line is the title."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import read_file
from kg.ingest.text import headline
from kg.types import sha256

CORPUS = Path(__file__).parent / "data" / "corpus"
INPUTS = Path(__file__).parent / "data" / "inputs"


def test_ingest_text_keeps_full_file_text(tmp_path: Path) -> None:
    raw = "Microsoft invests in G42\n\nMicrosoft has invested $1.5 billion in G42.\n"
    (tmp_path / "a.txt").write_text(raw, encoding="utf-8")
    [article] = read_file(tmp_path / "a.txt")
    assert article.text == raw


def test_ingest_text_headline_becomes_title() -> None:
    [article] = read_file(INPUTS / "microsoft-g42.txt")
    assert article.title == "Microsoft invests in G42"


def test_ingest_text_paragraph_first_line_is_not_a_title() -> None:
    [article] = read_file(CORPUS / "00-microsoft-openai-alliance.txt")
    assert article.title is None


def test_ingest_text_first_line_ending_in_period_is_not_a_title() -> None:
    assert headline("Microsoft invested in OpenAI.\n\nIt was 2019.") is None


def test_ingest_text_first_line_without_blank_line_is_not_a_title() -> None:
    assert headline("Microsoft invests in G42\nThe deal closed.\n") is None


def test_ingest_text_key_is_file_name_and_hash_is_sha256(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Nvidia invested in xAI.", encoding="utf-8")
    [article] = read_file(tmp_path / "a.txt")
    assert (article.key, article.content_hash) == ("a.txt", sha256("Nvidia invested in xAI."))


def test_ingest_text_crlf_line_endings_are_normalised(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Headline here\r\n\r\nBody text.\r\n")
    [article] = read_file(tmp_path / "a.txt")
    assert article.text == "Headline here\n\nBody text.\n"


def test_ingest_text_corpus_headlines_are_titles() -> None:
    [article] = read_file(CORPUS / "31-microsoft-g42-1-5b-investment-2024.txt")
    assert article.title == (
        "Microsoft invests $1.5 billion in Abu Dhabi’s G42 to accelerate AI development "
        "and global expansion"
    )
