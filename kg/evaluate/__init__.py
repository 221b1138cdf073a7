"""Score extraction against gold annotations, as FACTS.md ("Scoring") defines it.

:mod:`kg.evaluate.scoring` holds the pure scorer over records; :mod:`kg.evaluate.run` builds
articles through the pipeline and formats the report.

>>> from kg.evaluate import names_match
>>> names_match("The Microsoft Corporation", ["Microsoft"])
True
"""

from kg.evaluate.run import Report, evaluate, format_report
from kg.evaluate.scoring import (
    ArticleScore,
    Counts,
    Ratio,
    Totals,
    gold_as_predictions,
    load_gold,
    micro,
    names_match,
    numbers_match,
    score_article,
    score_entities,
    score_facts,
)

__all__ = [
    "ArticleScore",
    "Counts",
    "Ratio",
    "Report",
    "Totals",
    "evaluate",
    "format_report",
    "gold_as_predictions",
    "load_gold",
    "micro",
    "names_match",
    "numbers_match",
    "score_article",
    "score_entities",
    "score_facts",
]
