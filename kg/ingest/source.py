"""What every reader shares: finding input files, decoding bytes, and minting article keys.

A :class:`Source` is one input file together with the root it was found under, so that
keys are stable paths relative to what the user named (``news/a.txt`` whether the user
typed ``kg build news`` from one folder or another).

>>> Source(Path("corpus/a.txt"), Path("corpus")).rel
'a.txt'
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

log = logging.getLogger(__name__)

#: File names (without suffix, any case) that document a folder of articles rather than
#: being one: skipped when walking a folder, read when named explicitly.
DOC_FILE_STEMS: frozenset[str] = frozenset(
    {"readme", "sources", "attribution", "license", "licence", "changelog"}
)

#: Encodings tried in order; ``utf-8-sig`` reads plain UTF-8 too and drops a byte-order mark.
_STRICT_ENCODINGS = ("utf-8", "utf-8-sig")
_FALLBACK_ENCODING = "cp1252"


@dataclass(frozen=True)
class Source:
    """One input file and the root it was found under.

    Attributes:
        path: The file, as the user's path joined with what was found below it.
        root: The directory the user named (or the file's own folder for a named file).
    """

    path: Path
    root: Path

    @property
    def rel(self) -> str:
        """The file's path relative to ``root`` in POSIX form: the default article key."""
        try:
            return self.path.relative_to(self.root).as_posix()
        except ValueError:
            return self.path.name

    @property
    def display(self) -> str:
        """The path as the user would recognise it, for messages and ``Article.path``."""
        return self.path.as_posix()


def is_hidden(name: str) -> bool:
    """Whether a file or folder name is hidden (dot-files, editor backups such as ``a.txt~``).

    >>> is_hidden(".DS_Store"), is_hidden("a.txt~"), is_hidden("a.txt")
    (True, True, False)
    """
    return name.startswith(".") or name.endswith("~")


def is_doc_file(name: str) -> bool:
    """Whether a file name is a folder's documentation (README, SOURCES, ATTRIBUTION, ...).

    >>> is_doc_file("SOURCES.md"), is_doc_file("readme.txt"), is_doc_file("sources-2024.md")
    (True, True, False)
    """
    return name.split(".", 1)[0].lower() in DOC_FILE_STEMS


def walk(
    paths: Iterable[str | Path], suffixes: Iterable[str]
) -> Iterator[Source | InputError]:
    """Expand files and directories into sources, recursively and in a fixed order.

    Directories are walked depth-first with entries sorted by name; hidden files and
    folders are skipped, and so are files whose suffix no reader handles and a folder's
    documentation files (:func:`is_doc_file`), both logged at debug level. A file named explicitly with an unsupported suffix, or a path that does not
    exist, yields an :class:`InputError` instead. Each file is yielded once.

    Args:
        paths: Files and directories as the user named them.
        suffixes: Lower-case suffixes (with the dot) that some reader handles.

    Yields:
        A :class:`Source` per readable file, or an :class:`InputError` per bad path.
    """
    known = frozenset(suffixes)
    seen: set[Path] = set()

    def fresh(path: Path) -> bool:
        try:
            resolved = path.resolve()
        except OSError:
            resolved = path.absolute()
        if resolved in seen:
            return False
        seen.add(resolved)
        return True

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in _walk_dir(path):
                if file.suffix.lower() not in known:
                    log.debug("skipping %s: unsupported file type", file)
                    continue
                if is_doc_file(file.name):
                    log.debug("skipping %s: documentation file, not an article", file)
                    continue
                if fresh(file):
                    yield Source(file, path)
        elif path.is_file():
            if path.suffix.lower() not in known:
                expected = ", ".join(sorted(known))
                yield InputError(
                    path.as_posix(),
                    f"unsupported file type {path.suffix or '(no suffix)'!r}; "
                    f"expected one of {expected}",
                )
            elif fresh(path):
                yield Source(path, path.parent)
        elif path.exists():
            yield InputError(path.as_posix(), "not a regular file or directory")
        else:
            yield InputError(path.as_posix(), "no such file or directory")


def _walk_dir(folder: Path) -> Iterator[Path]:
    """Non-hidden files below ``folder``, depth-first, each level sorted by name."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as err:
        log.warning("cannot list %s: %s", folder, err.strerror or err)
        return
    for entry in entries:
        if is_hidden(entry.name):
            continue
        if entry.is_dir():
            yield from _walk_dir(entry)
        elif entry.is_file():
            yield entry


def read_bytes(source: Source) -> bytes:
    """The raw bytes of a source.

    Raises:
        InputError: The file cannot be read (permissions, vanished, is a directory).
    """
    try:
        return source.path.read_bytes()
    except OSError as err:
        raise InputError(source.display, f"cannot read file: {err.strerror or err}") from err


def decode(data: bytes, where: str) -> str:
    """Decode file bytes as UTF-8 (with or without BOM), else cp1252 with a warning.

    Line endings are normalised to ``\\n`` so that evidence offsets do not depend on the
    platform that wrote the file.

    Args:
        data: The file's bytes.
        where: The file's path, for messages.

    Returns:
        The text.

    Raises:
        InputError: The bytes are neither UTF-8 nor cp1252, or look binary (NUL bytes).

    >>> decode("Caf\\u00e9\\r\\n".encode("utf-8"), "a.txt")
    'Café\\n'
    """
    if b"\x00" in data:
        raise InputError(where, "binary file (contains NUL bytes); expected text")
    text: str | None = None
    for encoding in _STRICT_ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        try:
            text = data.decode(_FALLBACK_ENCODING)
        except UnicodeDecodeError as err:
            raise InputError(
                where,
                f"undecodable bytes: not UTF-8 or {_FALLBACK_ENCODING} "
                f"(byte 0x{data[err.start]:02x} at offset {err.start}); save the file as UTF-8",
            ) from err
        log.warning("%s: not valid UTF-8; read as %s", where, _FALLBACK_ENCODING)
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(source: Source) -> str:
    """Read and decode a source (see :func:`decode`).

    Raises:
        InputError: The file cannot be read or decoded.
    """
    return decode(read_bytes(source), source.display)


def require_text(text: str, where: str) -> str:
    """Return ``text`` unchanged, or raise when it holds nothing but whitespace.

    Raises:
        InputError: The text is empty.
    """
    if not text.strip():
        raise InputError(where, "empty: no article text found")
    return text
