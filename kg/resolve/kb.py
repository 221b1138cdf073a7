"""The seed knowledge base: canonical names, types, aliases, Wikidata IDs and parents.

``ontology/kb.jsonl`` holds one entry a line::

    {"name": "Microsoft Azure", "type": "Product", "aliases": ["Azure"],
     "wikidata": null, "parent": "Microsoft", "kind": "cloud"}

It is validated on load; problems raise :class:`~kg.errors.DataFileError` naming the file
and line. Lookups go through :func:`~kg.resolve.names.name_key`, so case, punctuation,
a leading "The" and corporate suffixes do not matter.

>>> kb = KnowledgeBase.default()
>>> kb.lookup("Microsoft Corp.").name
'Microsoft'
>>> kb.lookup("AWS").parent
'Amazon'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import DataFileError
from kg.resolve.names import clean_name, name_key
from kg.resources import ontology_dir
from kg.types import ENTITY_TYPES

__all__ = ["KB_FIELDS", "KBEntry", "KnowledgeBase"]

#: Fields an entry may carry; ``name`` and ``type`` are required.
KB_FIELDS: tuple[str, ...] = ("name", "type", "aliases", "wikidata", "parent", "kind")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(frozen=True)
class KBEntry:
    """One knowledge-base entity.

    Attributes:
        name: canonical name (the common short name news uses).
        type: one of :data:`kg.types.ENTITY_TYPES`.
        aliases: other names, legal names, tickers and acronyms.
        wikidata: Wikidata ID ("Q2283") or None.
        parent: canonical name of the parent organisation, or None.
        kind: short tag ("lab", "cloud", "chipmaker", "outlet", ...), or None.
    """

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    parent: str | None = None
    kind: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases.

        >>> KBEntry("Microsoft Azure", "Product", ("Azure",)).names
        ('Microsoft Azure', 'Azure')
        """
        return (self.name, *self.aliases)


class KnowledgeBase:
    """A validated, indexed set of :class:`KBEntry`.

    Build one with :meth:`default`, :meth:`from_path` or from entries directly.

    >>> kb = KnowledgeBase([KBEntry("Microsoft", "Company", ("MSFT",)),
    ...                     KBEntry("Microsoft Azure", "Product", ("Azure",), parent="Microsoft")])
    >>> kb.lookup("the azure").name, kb.parent_of("Azure").name, len(kb)
    ('Microsoft Azure', 'Microsoft', 2)
    """

    def __init__(self, entries: Iterable[KBEntry], *, source: str = "<entries>",
                 locations: Sequence[str] | None = None) -> None:
        """Index ``entries``.

        Args:
            entries: the entries, in order.
            source: names the entries in error messages.
            locations: per entry, where it came from (``file:line``), for error messages.

        Raises:
            DataFileError: on an unknown type, a duplicate name, an alias claimed by two
                entries, or a parent that is not an entry.
        """
        self.source = source
        self._entries: list[KBEntry] = []
        self._by_name: dict[str, KBEntry] = {}
        self._index: dict[str, KBEntry] = {}
        entries = list(entries)
        wheres = (list(locations) if locations is not None
                  else [f"{source}: entry {entry.name!r}" for entry in entries])
        if len(wheres) != len(entries):
            raise ValueError("locations must give one location per entry")
        self._build(list(zip(entries, wheres)))

    # construction -------------------------------------------------------------------

    @classmethod
    def default(cls) -> KnowledgeBase:
        """The shipped knowledge base (``ontology/kb.jsonl``), loaded once and cached."""
        return _default_kb()

    @classmethod
    def from_path(cls, path: str | Path) -> KnowledgeBase:
        """Load and validate a JSON-lines knowledge base.

        Blank lines and lines starting with ``//`` are skipped.

        Args:
            path: the ``.jsonl`` file.

        Returns:
            The knowledge base.

        Raises:
            DataFileError: ``file:line: problem`` for invalid JSON or an invalid entry;
                also when the file cannot be read.
        """
        path = Path(path)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as err:
            raise DataFileError(f"{path}: cannot read knowledge base: {err.strerror}") from err
        located: list[tuple[KBEntry, str]] = []
        for lineno, line in enumerate(lines, 1):
            stripped = line.strip()
            if not stripped or stripped.startswith("//"):
                continue
            where = f"{path}:{lineno}"
            try:
                row = json.loads(stripped)
            except json.JSONDecodeError as err:
                raise DataFileError(f"{where}: invalid JSON: {err.msg}") from err
            located.append((_parse_entry(row, where), where))
        return cls([entry for entry, _ in located], source=str(path),
                   locations=[where for _, where in located])

    def _build(self, located: list[tuple[KBEntry, str]]) -> None:
        where_of: dict[str, str] = {}
        for entry, where in located:
            if entry.type not in ENTITY_TYPES:
                raise DataFileError(f"{where}: unknown type {entry.type!r}; expected one of "
                                    f"{', '.join(ENTITY_TYPES)}")
            key = name_key(entry.name)
            if not key:
                raise DataFileError(f"{where}: name {entry.name!r} has no letters or digits")
            clash = self._by_name.get(key)
            if clash is not None:
                raise DataFileError(f"{where}: duplicate canonical name {entry.name!r} "
                                    f"(same as {clash.name!r} at {where_of[clash.name]})")
            self._by_name[key] = entry
            where_of[entry.name] = where
            self._entries.append(entry)
        for entry, where in located:
            for surface in entry.names:
                key = name_key(surface)
                if not key:
                    raise DataFileError(f"{where}: alias {surface!r} has no letters or digits")
                owner = self._index.get(key)
                if owner is None:
                    self._index[key] = entry
                elif owner is not entry:
                    raise DataFileError(
                        f"{where}: {surface!r} of {entry.name!r} is already a name of "
                        f"{owner.name!r} ({where_of[owner.name]}); give it to one entry only")
        for entry, where in located:
            if entry.parent is None:
                continue
            parent = self._by_name.get(name_key(entry.parent))
            if parent is None or parent.name != entry.parent:
                raise DataFileError(f"{where}: parent {entry.parent!r} of {entry.name!r} is not "
                                    f"the canonical name of an entry")
            if parent is entry:
                raise DataFileError(f"{where}: {entry.name!r} is its own parent")

    # queries -----------------------------------------------------------------------

    def lookup(self, surface: str) -> KBEntry | None:
        """The entry a surface string names, or None.

        Tries the match key of the surface as given, then of :func:`clean_name` of it
        (quotes, possessive and trailing punctuation trimmed). Corporate suffixes, case,
        punctuation and a leading "The" are ignored by the key.

        Args:
            surface: a name as found in text.

        Returns:
            The entry, or None when the name is not in the knowledge base.
        """
        entry = self._index.get(name_key(surface))
        if entry is None:
            cleaned = clean_name(surface)
            if cleaned != surface:
                entry = self._index.get(name_key(cleaned))
        return entry

    def get(self, name: str) -> KBEntry | None:
        """The entry whose canonical name is ``name`` (by match key), ignoring aliases."""
        return self._by_name.get(name_key(name))

    def parent_of(self, name: str) -> KBEntry | None:
        """The parent organisation of the entity ``name`` refers to, or None.

        >>> KnowledgeBase.default().parent_of("Google DeepMind").name
        'Google'
        """
        entry = self.lookup(name)
        if entry is None or entry.parent is None:
            return None
        return self._by_name.get(name_key(entry.parent))

    def ancestors(self, name: str) -> list[KBEntry]:
        """The chain of parents, nearest first (e.g. DeepMind → Google → Alphabet)."""
        chain: list[KBEntry] = []
        entry = self.parent_of(name)
        while entry is not None and entry not in chain:
            chain.append(entry)
            entry = self.parent_of(entry.name)
        return chain

    def surface_forms(self) -> list[tuple[str, KBEntry]]:
        """Every canonical name and alias with its entry, for a spaCy ``PhraseMatcher``.

        Sorted by entry name, canonical name first, so matcher ids are deterministic.
        Short or common-word forms ("X", "Arm", "US") are included; a caller matching on
        lower-cased text should match those case-sensitively.
        """
        return [(surface, entry) for entry in sorted(self._entries, key=lambda e: e.name)
                for surface in entry.names]

    def by_type(self, type_: str) -> list[KBEntry]:
        """Entries of one type, in file order."""
        return [entry for entry in self._entries if entry.type == type_]

    def __contains__(self, surface: object) -> bool:
        return isinstance(surface, str) and self.lookup(surface) is not None

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[KBEntry]:
        return iter(self._entries)

    def __repr__(self) -> str:
        return f"KnowledgeBase({self.source!r}, {len(self)} entries)"


def _parse_entry(row: Any, where: str) -> KBEntry:
    """Check one decoded JSON line and make it a :class:`KBEntry`."""
    if not isinstance(row, dict):
        raise DataFileError(f"{where}: expected a JSON object")
    unknown = sorted(set(row) - set(KB_FIELDS))
    if unknown:
        raise DataFileError(f"{where}: unknown field(s) {', '.join(unknown)}; allowed: "
                            f"{', '.join(KB_FIELDS)}")
    name = row.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DataFileError(f"{where}: missing name (a non-empty string)")
    type_ = row.get("type")
    if not isinstance(type_, str):
        raise DataFileError(f"{where}: {name!r} has no type; expected one of "
                            f"{', '.join(ENTITY_TYPES)}")
    aliases = row.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip()
                                                for a in aliases):
        raise DataFileError(f"{where}: aliases of {name!r} must be a list of non-empty strings")
    wikidata = row.get("wikidata")
    if wikidata is not None and (not isinstance(wikidata, str) or not _WIKIDATA.match(wikidata)):
        raise DataFileError(f"{where}: wikidata of {name!r} must be null or like 'Q2283', "
                            f"not {wikidata!r}")
    parent = row.get("parent")
    if parent is not None and (not isinstance(parent, str) or not parent.strip()):
        raise DataFileError(f"{where}: parent of {name!r} must be null or a canonical name")
    kind = row.get("kind")
    if kind is not None and not isinstance(kind, str):
        raise DataFileError(f"{where}: kind of {name!r} must be a string or null")
    return KBEntry(name=name.strip(), type=type_, aliases=tuple(a.strip() for a in aliases),
                   wikidata=wikidata, parent=parent, kind=kind)


@lru_cache(maxsize=1)
def _default_kb() -> KnowledgeBase:
    return KnowledgeBase.from_path(ontology_dir() / "kb.jsonl")
