"""Plain-text articles (``.txt``).

The whole file is the article text, so evidence offsets point into the file as written.
The first line is taken as the title when it looks like a headline: short, not ending in
a full stop, and followed by a blank line.

>>> headline("Anthropic raises $124 million\\n\\nAnthropic has raised $124 million.")
'Anthropic raises $124 million'
>>> headline("Microsoft invested $1 billion in OpenAI.\\n\\nMore text.") is None
True
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.errors import InputError
from kg.ingest.source import Source, read_text, require_text
from kg.types import Article

SUFFIXES: tuple[str, ...] = (".txt",)

#: A first line longer than this (characters or words) is a paragraph, not a headline.
MAX_HEADLINE_CHARS = 160
MAX_HEADLINE_WORDS = 25


def headline(text: str) -> str | None:
    """The first line of ``text`` when it looks like a headline, else ``None``.

    Args:
        text: Article text.

    Returns:
        The stripped first line, or ``None``.
    """
    lines = text.lstrip("\n").split("\n", 2)
    if len(lines) < 3:
        return None
    first, second, rest = lines[0].strip(), lines[1], lines[2]
    if not first or second.strip() or not rest.strip():
        return None
    if len(first) > MAX_HEADLINE_CHARS or len(first.split()) > MAX_HEADLINE_WORDS:
        return None
    if first.endswith((".", ":", ";", ",")) and not first.endswith("..."):
        return None
    return first


def read(source: Source) -> Iterator[Article | InputError]:
    """Read one ``.txt`` file as one article.

    Args:
        source: The file.

    Yields:
        The article, or an :class:`InputError` when the file is unreadable or empty.
    """
    try:
        text = require_text(read_text(source), source.display)
    except InputError as err:
        yield err
        return
    yield Article.from_text(text, key=source.rel, title=headline(text), path=source.display)
