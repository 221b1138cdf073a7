"""JSON-lines article collections (``.jsonl``): one article a line.

Each line is an object with a non-empty string ``text`` and optional string ``title``,
``url``, ``date`` and ``publisher``; other keys are ignored. Blank lines are skipped. A bad
line yields an :class:`~kg.errors.InputError` naming ``file:line`` and the problem, and the
other lines are still read. An article's key is its URL, else ``<path>#L<line>``.

>>> parse_line('{"text": "Nvidia invested in xAI.", "url": "https://x.example/1"}', "a.jsonl", 3)["url"]
'https://x.example/1'
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from kg.errors import InputError
from kg.ingest.source import Source, read_text
from kg.types import Article

SUFFIXES: tuple[str, ...] = (".jsonl",)

#: Optional string fields of a line, copied onto the article.
OPTIONAL_FIELDS: tuple[str, ...] = ("title", "url", "date", "publisher")


def parse_line(line: str, where: str, lineno: int) -> dict[str, Any]:
    """Parse and check one line.

    Args:
        line: The line's text.
        where: The file's path, for messages.
        lineno: 1-based line number, for messages.

    Returns:
        The ``text`` and those optional fields that are set.

    Raises:
        InputError: Invalid JSON, not an object, ``text`` missing or empty, or a field of
            the wrong type. The error's path is ``file:line``.
    """
    here = f"{where}:{lineno}"
    try:
        row = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(here, f"invalid JSON: {err.msg} (column {err.colno})") from err
    if not isinstance(row, dict):
        raise InputError(here, f"expected a JSON object, got {type(row).__name__}")
    if "text" not in row:
        raise InputError(here, 'missing required field "text"')
    text = row["text"]
    if not isinstance(text, str):
        raise InputError(here, f'field "text" must be a string, got {type(text).__name__}')
    if not text.strip():
        raise InputError(here, 'empty: field "text" has no article text')
    fields: dict[str, Any] = {"text": text}
    for name in OPTIONAL_FIELDS:
        value = row.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(here, f'field "{name}" must be a string, got {type(value).__name__}')
        if value.strip():
            fields[name] = value.strip()
    return fields


def read(source: Source) -> Iterator[Article | InputError]:
    """Read every article of a JSON-lines file.

    Args:
        source: The file.

    Yields:
        One article per good line and one :class:`InputError` per bad line, in file order.
    """
    try:
        content = read_text(source)
    except InputError as err:
        yield err
        return
    found = False
    for lineno, line in enumerate(content.split("\n"), 1):
        if not line.strip():
            continue
        found = True
        try:
            fields = parse_line(line, source.display, lineno)
        except InputError as err:
            yield err
            continue
        text = fields.pop("text")
        key = fields.get("url") or f"{source.rel}#L{lineno}"
        yield Article.from_text(text, key=key, path=source.display, **fields)
    if not found:
        yield InputError(source.display, "empty: no JSON lines found")
