"""Saved web pages (``.html``, ``.htm``), read with trafilatura.

trafilatura finds the main text (dropping navigation, footers and other boilerplate) and
the page's metadata: title, canonical URL, publication date, and site name, which becomes
the publisher. It works on the saved bytes only; nothing is ever fetched.

Each extracted paragraph is separated from the next by a blank line, as in ``.txt`` files,
so that a headline never runs into the first sentence.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from kg.errors import InputError
from kg.ingest.source import Source, read_text, require_text
from kg.types import Article

log = logging.getLogger(__name__)

SUFFIXES: tuple[str, ...] = (".html", ".htm")


def extract_page(html: str, where: str) -> dict[str, Any]:
    """Main text and metadata of an HTML page.

    Args:
        html: The page source.
        where: The file's path, for messages.

    Returns:
        A dict with ``text`` and, when found, ``title``, ``url``, ``date`` and ``publisher``.

    Raises:
        InputError: trafilatura is unusable or finds no main text.
    """
    try:
        import trafilatura
    except ImportError as err:  # e.g. lxml without its html_clean extra
        raise InputError(
            where, f"cannot read HTML: trafilatura failed to import ({err}); "
            "reinstall aikg or run: pip install 'lxml[html_clean]'",
        ) from err
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            deduplicate=False,
        )
    except Exception as err:  # trafilatura and lxml raise many unrelated types
        raise InputError(where, f"cannot parse HTML: {err}") from err
    if document is None:
        raise InputError(where, "empty: no main text found in the page")
    fields = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    raw = fields.get("text") or ""
    paragraphs = [line.strip() for line in raw.split("\n") if line.strip()]
    page: dict[str, Any] = {"text": "\n\n".join(paragraphs)}
    for name, key in (("title", "title"), ("url", "url"), ("date", "date"),
                      ("publisher", "sitename")):
        value = fields.get(key)
        if isinstance(value, str) and value.strip():
            page[name] = value.strip()
    return page


def read(source: Source) -> Iterator[Article | InputError]:
    """Read one saved web page as one article.

    Args:
        source: The file.

    Yields:
        The article, or an :class:`InputError` when the page is unreadable or has no text.
    """
    try:
        page = extract_page(read_text(source), source.display)
        text = require_text(page["text"], source.display)
    except InputError as err:
        yield err
        return
    url = page.get("url")
    yield Article.from_text(
        text,
        key=url or source.rel,
        title=page.get("title"),
        url=url,
        path=source.display,
        publisher=page.get("publisher"),
        date=page.get("date"),
    )
