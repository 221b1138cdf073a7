"""``kg.build``: a short composition of the stages ingest → extract → rdf.

>>> from kg.types import Article
>>> result = build_articles([Article.from_text("Microsoft invested $1 billion in OpenAI in 2019.", key="t")])
>>> result.articles
1
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg.errors import InputError
from kg.types import Article, Extraction

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    """The graph a build made or extended, with counts for the summary line."""

    dataset: Dataset
    articles: int = 0
    facts: int = 0
    entities: int = 0
    errors: list[InputError] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)


def new_dataset() -> Dataset:
    """An empty dataset with aikg's prefixes bound."""
    from kg.rdf import new_dataset as _new

    return _new()


def build_articles(
    articles: Iterable[Article | InputError],
    *,
    extractor: str = "rules",
    dataset: Dataset | None = None,
    keep_extractions: bool = False,
    on_article: Callable[[Article | InputError], None] | None = None,
) -> BuildResult:
    """Extract each article and add it as its own named graph; bad articles are reported
    in ``errors`` and skipped, never losing the rest of the batch."""
    from kg.extract import extract
    from kg.rdf import add_extraction

    result = BuildResult(dataset=dataset if dataset is not None else new_dataset())
    for item in articles:
        if on_article is not None:
            on_article(item)
        if isinstance(item, InputError):
            log.warning("%s", item)
            result.errors.append(item)
            continue
        try:
            extraction = extract(item, extractor=extractor)
        except Exception as err:  # one bad article never sinks the batch
            error = InputError(item.path or item.key, f"extraction failed: {err}")
            log.warning("%s", error)
            result.errors.append(error)
            continue
        add_extraction(result.dataset, extraction)
        result.articles += 1
        result.facts += len(extraction.facts)
        result.entities += len(extraction.entities)
        if keep_extractions:
            result.extractions.append(extraction)
    return result


def build(
    inputs: Sequence[str | Path],
    *,
    extractor: str = "rules",
    dataset: Dataset | None = None,
    keep_extractions: bool = False,
    on_article: Callable[[Article | InputError], None] | None = None,
) -> BuildResult:
    """Build (or extend ``dataset`` with) the graph of every article under ``inputs``."""
    from kg.ingest import read_inputs

    return build_articles(read_inputs(inputs), extractor=extractor, dataset=dataset,
                          keep_extractions=keep_extractions, on_article=on_article)
