"""Markdown reader: minimal markup stripping and front-matter metadata."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import read_file
from kg.ingest.markdown import split_front_matter, strip_markup

INPUTS = Path(__file__).parent / "data" / "inputs"
FIXTURE = INPUTS / "anthropic-series-a.md"
URL = "https://www.anthropic.com/news/anthropic-raises-124-million-to-build-more-reliable-general-ai-systems"


def test_ingest_markdown_front_matter_is_metadata() -> None:
    [article] = read_file(FIXTURE)
    assert (article.title, article.url, article.date, article.publisher) == (
        "Anthropic raises $124 million to build more reliable, general AI systems",
        URL, "2021-05-28", "Anthropic",
    )


def test_ingest_markdown_url_is_the_key() -> None:
    [article] = read_file(FIXTURE)
    assert article.key == URL


def test_ingest_markdown_front_matter_not_in_text() -> None:
    [article] = read_file(FIXTURE)
    assert "publisher:" not in article.text and "---" not in article.text


def test_ingest_markdown_links_keep_anchor_text() -> None:
    [article] = read_file(FIXTURE)
    assert "led by Jaan Tallinn, with" in article.text
    assert "wikipedia.org" not in article.text


def test_ingest_markdown_images_removed() -> None:
    [article] = read_file(FIXTURE)
    assert "logo" not in article.text and "![" not in article.text


def test_ingest_markdown_emphasis_and_headings_stripped() -> None:
    [article] = read_file(FIXTURE)
    assert article.text.startswith("Anthropic raises $124 million")
    assert "Anthropic, an AI safety and research company, has raised $124 million in a Series A." in article.text
    assert "*" not in article.text and "#" not in article.text


def test_ingest_markdown_heading_is_title_without_front_matter(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Nvidia *buys* Run:ai\n\nNvidia bought Run:ai.\n", encoding="utf-8")
    [article] = read_file(tmp_path / "a.md")
    assert (article.title, article.key) == ("Nvidia buys Run:ai", "a.md")


def test_ingest_markdown_snake_case_and_arithmetic_untouched() -> None:
    assert strip_markup("a snake_case_name and 2*3*4") == "a snake_case_name and 2*3*4"


def test_ingest_markdown_unknown_front_matter_keys_ignored() -> None:
    meta, body = split_front_matter("---\ntags: [a]\nauthor: X\n---\nBody\n")
    assert (meta, body) == ({}, "Body\n")
