"""HTML reader: trafilatura finds the main text and the page metadata, offline."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import read_file

FIXTURE = Path(__file__).parent / "data" / "inputs" / "g42-page.html"


def test_ingest_html_metadata_from_page() -> None:
    [article] = read_file(FIXTURE)
    assert (article.title, article.url, article.date, article.publisher) == (
        "Microsoft invests $1.5 billion in Abu Dhabi's G42",
        "https://news.example.com/2024/04/16/microsoft-g42",
        "2024-04-16",
        "Example Tech News",
    )


def test_ingest_html_url_is_the_key() -> None:
    [article] = read_file(FIXTURE)
    assert article.key == "https://news.example.com/2024/04/16/microsoft-g42"


def test_ingest_html_main_text_kept() -> None:
    [article] = read_file(FIXTURE)
    assert "Microsoft has invested $1.5 billion in G42" in article.text
    assert "Brad Smith, Microsoft's vice chair and president, will join" in article.text


def test_ingest_html_boilerplate_dropped() -> None:
    [article] = read_file(FIXTURE)
    for boilerplate in ("Subscribe", "Home", "Copyright", "Privacy policy", "cookies",
                        "Ten gadgets"):
        assert boilerplate not in article.text


def test_ingest_html_paragraphs_separated_by_blank_lines() -> None:
    [article] = read_file(FIXTURE)
    assert "G42\n\nMicrosoft has invested" in article.text


def test_ingest_html_without_url_keyed_by_path(tmp_path: Path) -> None:
    page = ("<html><head><title>Deal</title></head><body><article><p>"
            + "Amazon will invest up to $4 billion in Anthropic, the companies said. " * 3
            + "</p></article></body></html>")
    (tmp_path / "deal.htm").write_text(page, encoding="utf-8")
    [article] = read_file(tmp_path / "deal.htm")
    assert (article.key, article.url) == ("deal.htm", None)
