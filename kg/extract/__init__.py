"""Extraction: a registry of extractors, each turning an :class:`~kg.types.Article` into an
:class:`~kg.types.Extraction`. Extractors never touch rdflib.

Add one with :func:`register`; ``kg build --extractor NAME`` picks it. An LLM- or model-based
extractor plugs in the same way without touching the other stages.

>>> sorted(available())
['rules']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from kg.errors import KGError
from kg.types import Article, Extraction


class Extractor(Protocol):
    """What an extractor is: a name and ``extract(article) -> Extraction``."""

    name: str

    def extract(self, article: Article) -> Extraction: ...


_REGISTRY: dict[str, Callable[[], Extractor]] = {}
_INSTANCES: dict[str, Extractor] = {}


def register(name: str) -> Callable[[Callable[[], Extractor]], Callable[[], Extractor]]:
    """Class decorator registering an extractor factory under ``name``."""

    def deco(factory: Callable[[], Extractor]) -> Callable[[], Extractor]:
        _REGISTRY[name] = factory
        return factory

    return deco


def available() -> list[str]:
    """Names of the registered extractors."""
    _load_builtin()
    return sorted(_REGISTRY)


def get_extractor(name: str = "rules") -> Extractor:
    """The extractor registered as ``name`` (one shared instance)."""
    _load_builtin()
    if name not in _REGISTRY:
        raise KGError(f"unknown extractor {name!r}; available: {', '.join(sorted(_REGISTRY))}")
    if name not in _INSTANCES:
        _INSTANCES[name] = _REGISTRY[name]()
    return _INSTANCES[name]


def extract(article: Article, extractor: str = "rules") -> Extraction:
    """Run the named extractor over one article."""
    return get_extractor(extractor).extract(article)


def _load_builtin() -> None:
    if "rules" not in _REGISTRY:
        from kg.extract.rules import RuleExtractor

        register("rules")(RuleExtractor)
