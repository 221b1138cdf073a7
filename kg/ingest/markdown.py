"""Markdown articles (``.md``, ``.markdown``).

Markup is stripped minimally so that sentences read as prose: heading markers, emphasis,
inline code ticks and blockquote markers go; links keep their anchor text; images and
link reference definitions are removed. A leading ``---`` front-matter block of simple
``key: value`` lines supplies ``title``, ``url``, ``date`` and ``publisher``.

>>> strip_markup("## Deal\\n\\n**Microsoft** [invested](https://x.example) in OpenAI.")
'Deal\\n\\nMicrosoft invested in OpenAI.'
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.errors import InputError
from kg.ingest.source import Source, read_text, require_text
from kg.ingest.text import headline
from kg.types import Article

SUFFIXES: tuple[str, ...] = (".md", ".markdown")

#: Front-matter keys read as metadata, with the common spellings of each.
FRONT_MATTER_KEYS: dict[str, str] = {
    "title": "title",
    "headline": "title",
    "url": "url",
    "link": "url",
    "canonical_url": "url",
    "source_url": "url",
    "date": "date",
    "published": "date",
    "date_published": "date",
    "publisher": "publisher",
    "sitename": "publisher",
    "site_name": "publisher",
}

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FM_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_SUBSTITUTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<!--.*?-->", re.DOTALL), ""),
    (re.compile(r"^[ \t]*(```|~~~).*$", re.MULTILINE), ""),
    (re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$", re.MULTILINE), ""),
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), ""),
    (re.compile(r"!\[[^\]\n]*\]\[[^\]\n]*\]"), ""),
    (re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)"), r"\1"),
    (re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE), r"\1"),
    (re.compile(r"^[ \t]{0,3}([-=*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE), ""),
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE), ""),
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
)
_ATX_TITLE = re.compile(r"^[ \t]{0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a leading ``---`` block of ``key: value`` lines from the body.

    Only the keys in :data:`FRONT_MATTER_KEYS` are kept (under their canonical name);
    surrounding quotes are removed from values.

    Args:
        text: The Markdown file's text.

    Returns:
        The metadata and the body after the block (``text`` itself when there is none).

    >>> split_front_matter('---\\ntitle: "A deal"\\ntags: [ai]\\n---\\nBody')
    ({'title': 'A deal'}, 'Body')
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        field = _FM_LINE.match(line)
        if not field:
            continue
        name = FRONT_MATTER_KEYS.get(field.group(1).lower())
        value = _unquote(field.group(2))
        if name and value and name not in meta:
            meta[name] = value
    return meta, text[match.end():]


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def strip_markup(body: str) -> str:
    """Markdown to plain prose, keeping paragraph breaks (see the module docstring).

    Args:
        body: Markdown text without front matter.

    Returns:
        The text with markup removed and runs of blank lines collapsed to one.
    """
    escaped: list[str] = []

    def protect(match: re.Match[str]) -> str:
        escaped.append(match.group(1))
        return f"\ue000{len(escaped) - 1}\ue001"

    text = _ESCAPE.sub(protect, body)
    for pattern, replacement in _SUBSTITUTIONS:
        text = pattern.sub(replacement, text)
    text = re.sub("\ue000(\\d+)\ue001", lambda m: escaped[int(m.group(1))], text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")


def markdown_title(body: str) -> str | None:
    """The text of the first level-1 ``#`` heading, with its markup stripped."""
    match = _ATX_TITLE.search(body)
    return strip_markup(match.group(1)).strip() or None if match else None


def read(source: Source) -> Iterator[Article | InputError]:
    """Read one Markdown file as one article.

    Args:
        source: The file.

    Yields:
        The article, or an :class:`InputError` when the file is unreadable or empty.
    """
    try:
        meta, body = split_front_matter(read_text(source))
        text = require_text(strip_markup(body), source.display)
    except InputError as err:
        yield err
        return
    title = meta.get("title") or markdown_title(body) or headline(text)
    url = meta.get("url")
    yield Article.from_text(
        text,
        key=url or source.rel,
        title=title,
        url=url,
        path=source.display,
        publisher=meta.get("publisher"),
        date=meta.get("date"),
    )
