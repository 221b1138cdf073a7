"""Ingest: files and folders of news articles → :class:`~kg.types.Article`.

One reader module per format, chosen by suffix (case-insensitive):

====================  ==============================================
``.txt``              :mod:`kg.ingest.text` — the file is the article
``.md`` ``.markdown`` :mod:`kg.ingest.markdown` — markup stripped, front matter
``.html`` ``.htm``    :mod:`kg.ingest.html` — trafilatura, offline
``.jsonl``            :mod:`kg.ingest.jsonl` — one article a line
====================  ==============================================

:func:`read_inputs` never raises for a bad file: it yields an
:class:`~kg.errors.InputError` in its place and goes on, so one broken file never sinks a
batch. :func:`read_file` is the strict single-file variant.

An article's key is its URL when known, else its path relative to the folder the user
named (``sub/a.txt``; ``news.jsonl#L3`` for a JSON line), so re-ingesting the same file
replaces its named graph.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Microsoft invested $1 billion in OpenAI.")
>>> [a.key for a in read_inputs([folder])]
['a.txt']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.ingest import html, jsonl, markdown, text
from kg.ingest.source import Source, walk
from kg.types import Article

__all__ = ["READERS", "Reader", "read_file", "read_inputs", "reader_for", "supported_suffixes"]

Reader = Callable[[Source], Iterator[Article | InputError]]

#: Suffix → reader. Each reader yields articles and errors and never raises InputError.
READERS: dict[str, Reader] = {
    suffix: module.read
    for module in (text, markdown, html, jsonl)
    for suffix in module.SUFFIXES
}


def supported_suffixes() -> tuple[str, ...]:
    """The file suffixes ingest reads, sorted.

    >>> supported_suffixes()
    ('.htm', '.html', '.jsonl', '.markdown', '.md', '.txt')
    """
    return tuple(sorted(READERS))


def reader_for(path: str | Path) -> Reader | None:
    """The reader for a file's suffix, or ``None`` when no reader handles it."""
    return READERS.get(Path(path).suffix.lower())


def read_inputs(paths: Iterable[str | Path] | str | Path) -> Iterator[Article | InputError]:
    """Every article in the given files and folders, in a deterministic order.

    Folders are read recursively, sorted by name, skipping hidden files and files of
    unsupported types. A file named explicitly with an unsupported suffix, a missing path,
    an unreadable or undecodable file, an empty article, or a bad JSON line each yield an
    :class:`InputError` in place of the article(s); the rest are still read.

    Args:
        paths: Files and folders (a single path is accepted too).

    Yields:
        :class:`Article` or :class:`InputError`, in input order.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for item in walk(paths, READERS):
        if isinstance(item, InputError):
            yield item
            continue
        reader = READERS[item.path.suffix.lower()]
        yield from reader(item)


def read_file(path: str | Path) -> list[Article]:
    """The articles in one file; strict: any problem raises.

    Args:
        path: A ``.txt``, ``.md``, ``.html``, ``.htm`` or ``.jsonl`` file.

    Returns:
        Its articles (one, except for JSON lines).

    Raises:
        InputError: The path is missing, unsupported, unreadable or undecodable, or
            (for JSON lines) any line is bad.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(path.as_posix(), "is a directory; use read_inputs for folders")
    articles: list[Article] = []
    for item in read_inputs([path]):
        if isinstance(item, InputError):
            raise item
        articles.append(item)
    return articles
