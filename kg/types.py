"""Small frozen dataclasses passed between the pipeline stages.

ingest → :class:`Article`; extract → :class:`Extraction` (entities, facts, mentions);
rdf turns an :class:`Extraction` into a named graph and reads :class:`Fact` records back.

>>> a = Article.from_text("Microsoft invested $1 billion in OpenAI.", key="demo")
>>> a.key, len(a.content_hash)
('demo', 64)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

EntityType = Literal[
    "Company", "Person", "AIModel", "Product", "Hardware", "DataCenter", "Location", "Publisher"
]
ENTITY_TYPES: tuple[str, ...] = (
    "Company", "Person", "AIModel", "Product", "Hardware", "DataCenter", "Location", "Publisher",
)

Modality = Literal["asserted", "reported", "hedged", "planned", "negotiating", "denied"]
MODALITIES: tuple[str, ...] = ("asserted", "reported", "hedged", "planned", "negotiating", "denied")

#: The relation vocabulary of FACTS.md (the ontology maps each to an OWL property).
RELATIONS: tuple[str, ...] = (
    "invests_in", "acquires", "valued_at", "raises", "develops", "provides_compute_to",
    "supplies_hardware_to", "builds_data_center", "partners_with", "in_talks_with",
    "competes_with", "subsidiary_of", "integrates", "market_share", "has_parameters",
    "ceo_of", "founded", "headquartered_in",
)
SYMMETRIC_RELATIONS: frozenset[str] = frozenset({"partners_with", "in_talks_with", "competes_with"})
#: Relations whose object is a number, not an entity.
LITERAL_RELATIONS: frozenset[str] = frozenset({"valued_at", "raises", "market_share", "has_parameters"})


def sha256(text: str) -> str:
    """Hex SHA-256 of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    """One input article.

    ``key`` identifies the article across builds (from its URL, else its path, else its
    content hash); re-ingesting an article with the same key replaces its named graph.
    """

    key: str
    text: str
    title: str | None = None
    url: str | None = None
    path: str | None = None
    publisher: str | None = None
    date: str | None = None
    content_hash: str = ""

    @classmethod
    def from_text(cls, text: str, *, key: str | None = None, **meta: Any) -> Article:
        """Build an article from raw text, computing its content hash (and key if absent)."""
        digest = sha256(text)
        return cls(key=key or digest[:16], text=text, content_hash=digest, **meta)


@dataclass(frozen=True)
class Evidence:
    """The sentence(s) a fact was read from, with character offsets into ``Article.text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """A resolved entity: canonical name, type and what is known about it.

    ``key`` is the stable identifier the IRI is minted from (see ``kg.resolve.iri``).
    """

    key: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    parent: str | None = None
    in_kb: bool = False


@dataclass(frozen=True)
class Mention:
    """A stretch of article text that names an entity (by its ``Entity.key``)."""

    start: int
    end: int
    text: str
    entity: str


@dataclass(frozen=True)
class Fact:
    """One fact, as FACTS.md defines the record; ``subject``/``object`` are canonical names.

    For the relations in :data:`LITERAL_RELATIONS` the object is a number.
    """

    subject: str
    relation: str
    object: str | float
    modality: str = "asserted"
    sources: tuple[str, ...] = ()
    evidence: Evidence | None = None
    amount_usd: float | None = None
    amount: float | None = None
    currency: str | None = None
    date: str | None = None
    location: str | None = None
    market: str | None = None
    capacity: str | None = None
    note: str | None = None
    extractor: str = "rules"

    def record(self) -> dict[str, Any]:
        """The FACTS.md JSON record of this fact (optional fields only when set).

        >>> Fact("Microsoft", "invests_in", "OpenAI", amount_usd=1e9, date="2019").record()["amount_usd"]
        1000000000
        """
        rec: dict[str, Any] = {"subject": self.subject, "relation": self.relation,
                               "object": _num(self.object)}
        for name in ("amount_usd", "amount", "currency", "date", "location", "market",
                     "capacity", "note"):
            value = getattr(self, name)
            if value is not None:
                rec[name] = _num(value)
        rec["sources"] = list(self.sources)
        rec["modality"] = self.modality
        rec["evidence"] = self.evidence.text if self.evidence else ""
        return rec


def _num(value: Any) -> Any:
    """Integral floats as ints, so records read ``1000000000`` rather than ``1e9``."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@dataclass(frozen=True)
class Extraction:
    """What extraction made of one article: its entities, facts and mentions."""

    article: Article
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()
    mentions: tuple[Mention, ...] = field(default=())
