"""Minting stable keys and IRIs for entities and articles.

An entity's IRI is ``id:entity/<key>`` with the key a readable slug of its canonical name;
an article's is ``id:article/<slug of Article.key>``.

>>> entity_key("Amazon Web Services")
'amazon-web-services'
>>> str(entity_iri("openai"))
'https://w3id.org/aikg/id/entity/openai'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import URIRef

from kg.rdf.namespace import ID

__all__ = ["MAX_KEY_LENGTH", "article_iri", "entity_iri", "entity_key", "slugify"]

#: Longest key; longer slugs are cut and given a hash tail so they stay distinct.
MAX_KEY_LENGTH = 80
_SYMBOLS = {"+": " plus ", "&": " and ", "@": " at ", "%": " percent ", "#": " sharp "}


def _hash(text: str, length: int = 10) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


@lru_cache(maxsize=1 << 16)
def slugify(text: str, *, prefix: str = "x") -> str:
    """An ASCII slug of ``text``: lower case, ``[a-z0-9-]``, no leading/trailing hyphen.

    Symbols that carry meaning are spelled out ("+" → "plus", "&" → "and"); diacritics are
    folded. When nothing ASCII is left the slug is ``<prefix>-<sha1[:10]>``; slugs longer
    than :data:`MAX_KEY_LENGTH` are cut and end in a short hash. Slugging a slug returns it.

    Args:
        text: any string.
        prefix: first part of the hash fallback.

    Returns:
        A non-empty slug.

    >>> slugify("Lexis+ AI")
    'lexis-plus-ai'
    >>> slugify("Claude 3.5 Sonnet")
    'claude-3-5-sonnet'
    >>> slugify("文心一言")
    'x-ac34e2863b'
    """
    spelled = text
    for symbol, word in _SYMBOLS.items():
        spelled = spelled.replace(symbol, word)
    folded = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if not slug:
        return f"{prefix}-{_hash(text)}"
    if len(slug) > MAX_KEY_LENGTH:
        head = slug[: MAX_KEY_LENGTH - 11].rstrip("-")
        slug = f"{head}-{_hash(text)}"
    return slug


def entity_key(name: str, wikidata: str | None = None) -> str:
    """The key an entity's IRI is minted from: a slug of its canonical name.

    ``wikidata`` is accepted for the design contract but does not change the key, so an
    entity keeps its IRI when its Wikidata ID becomes known (the ID goes in ``owl:sameAs``).

    Args:
        name: the canonical name.
        wikidata: the entity's Wikidata ID, if known (unused).

    Returns:
        A non-empty key of ``[a-z0-9-]``.

    >>> entity_key("GPT-4")
    'gpt-4'
    >>> entity_key("Lexis+ AI")
    'lexis-plus-ai'
    >>> entity_key("Microsoft", "Q2283")
    'microsoft'
    """
    del wikidata
    return slugify(name, prefix="e")


def entity_iri(key: str) -> URIRef:
    """The IRI of an entity, from its key (see :func:`entity_key`).

    >>> str(entity_iri("amazon-web-services"))
    'https://w3id.org/aikg/id/entity/amazon-web-services'
    """
    return ID["entity/" + key]


def article_iri(article_key: str) -> URIRef:
    """The IRI (and named-graph name) of an article, from ``Article.key``.

    >>> str(article_iri("https://example.com/News/1"))
    'https://w3id.org/aikg/id/article/https-example-com-news-1'
    """
    return ID["article/" + slugify(article_key, prefix="a")]
