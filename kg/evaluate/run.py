"""Evaluate the whole pipeline against gold files: build each article, read RDF back, score.

For every ``gold/NN-slug.jsonl`` the article ``input_dir/NN-slug.{txt,md,html,htm,jsonl}``
is built with :func:`kg.pipeline.build` and its facts and entities are read back from the
graph with :func:`kg.rdf.fact_records` and :func:`kg.rdf.entity_records`, so extraction,
resolution and the RDF round trip are all evaluated. A missing or failing article is reported,
never a crash.

The last three lines of :func:`format_report` are always the micro-averaged totals::

    facts     micro P=0.62 R=0.55 F1=0.58 (tp=50 fp=31 fn=41)
    entities  micro P=0.80 R=0.71 F1=0.75 (tp=90 fp=22 fn=37)
    qualifiers amount 5/9 date 8/12 sources 10/20 modality 60/80
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import DataFileError
from kg.evaluate.scoring import (
    QUALIFIERS,
    ArticleScore,
    Counts,
    Totals,
    load_gold,
    micro,
    score_article,
)

log = logging.getLogger(__name__)

__all__ = ["INPUT_SUFFIXES", "Report", "evaluate", "find_input", "format_report"]

#: Article file suffixes looked for beside a gold file's stem, in order.
INPUT_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".jsonl")

Record = dict[str, Any]
#: ``(path, extractor) -> (fact records, entity records)``; the default builds the graph.
Predictor = Callable[[Path, str], tuple[list[Record], list[Record]]]


@dataclass
class Report:
    """The outcome of :func:`evaluate`.

    Attributes:
        scores: one :class:`ArticleScore` per article that was built and scored.
        missing: gold stems with no input file.
        errors: ``(gold stem, message)`` for articles that could not be built.
        extractor: the extractor evaluated.
    """

    scores: list[ArticleScore] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    extractor: str = "rules"

    @property
    def totals(self) -> Totals:
        """Micro-averaged totals over the scored articles."""
        return micro(self.scores)


def find_input(gold_path: Path, input_dir: Path) -> Path | None:
    """The article file annotated by ``gold_path`` (same stem), or None.

    >>> find_input(Path("tests/data/gold/00-microsoft-openai-alliance.jsonl"),
    ...            Path("tests/data/corpus")).name
    '00-microsoft-openai-alliance.txt'
    """
    for suffix in INPUT_SUFFIXES:
        candidate = input_dir / f"{gold_path.stem}{suffix}"
        if candidate.is_file() and candidate.resolve() != gold_path.resolve():
            return candidate
    return None


def build_records(path: Path, extractor: str = "rules") -> tuple[list[Record], list[Record]]:
    """Build one article through the pipeline and read its records back from the graph.

    Raises:
        RuntimeError: if the pipeline reported the article as unreadable.
    """
    from kg.pipeline import build
    from kg.rdf import entity_records, fact_records

    result = build([path], extractor=extractor)
    if result.errors and not result.articles:
        raise RuntimeError("; ".join(str(e) for e in result.errors))
    assert result.dataset is not None  # built in memory, not into a store
    return fact_records(result.dataset), entity_records(result.dataset)


def evaluate(gold_dir: str | Path, input_dir: str | Path, *, extractor: str = "rules",
             predict: Predictor | None = None) -> Report:
    """Score every gold file of ``gold_dir`` against the article of the same stem.

    Args:
        gold_dir: folder of ``NN-slug.jsonl`` gold files.
        input_dir: folder of the articles (``NN-slug.txt`` …).
        extractor: the extractor to build with.
        predict: how to get predicted records from an article (default
            :func:`build_records`); tests pass a stub.

    Returns:
        The :class:`Report`.

    Raises:
        DataFileError: if ``gold_dir`` has no gold files or a gold file is invalid.
    """
    gold_dir, input_dir = Path(gold_dir), Path(input_dir)
    gold_files = sorted(gold_dir.glob("*.jsonl")) if gold_dir.is_dir() else []
    if not gold_files:
        raise DataFileError(f"{gold_dir}: no gold files (*.jsonl) found; see "
                            "tests/data/spec/ANNOTATE.md for how to write them")
    predict = predict or build_records
    report = Report(extractor=extractor)
    for gold_path in gold_files:
        gold_facts, gold_entities = load_gold(gold_path)
        article = find_input(gold_path, input_dir)
        if article is None:
            log.warning("%s: no input %s.{%s} in %s", gold_path.name, gold_path.stem,
                        ",".join(s.lstrip(".") for s in INPUT_SUFFIXES), input_dir)
            report.missing.append(gold_path.stem)
            continue
        try:
            pred_facts, pred_entities = predict(article, extractor)
        except ImportError:  # a broken installation, not a bad article: say so loudly
            raise
        except Exception as err:  # noqa: BLE001 - one failing article never sinks the run
            log.warning("%s: %s", article, err)
            report.errors.append((gold_path.stem, f"{type(err).__name__}: {err}"))
            continue
        report.scores.append(score_article(pred_facts, pred_entities, gold_facts,
                                           gold_entities, name=gold_path.stem))
    return report


# --------------------------------------------------------------------------- formatting


def _fact_text(rec: Record) -> str:
    def name(value: Any) -> str:
        if isinstance(value, (list, tuple)):
            value = value[0] if value else ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value)

    extra = [f"{k}={rec[k]}" for k in ("amount_usd", "date", "modality") if rec.get(k)]
    sources = rec.get("sources")
    if sources:
        extra.append("sources=" + ",".join(map(str, sources)))
    tail = f"  [{' '.join(extra)}]" if extra else ""
    return f"{name(rec.get('subject'))} {rec.get('relation')} {name(rec.get('object'))}{tail}"


def _entity_text(rec: Record) -> str:
    kind = rec.get("type")
    kind = "|".join(kind) if isinstance(kind, (list, tuple)) else kind
    return f"{rec.get('entity', rec.get('name'))} ({kind})"


def _qualifier_line(qualifiers: dict[str, Any]) -> str:
    return " ".join(f"{q} {qualifiers[q]}" for q in QUALIFIERS)


def format_report(report: Report, verbose: bool = False) -> str:
    """The evaluation as text: a per-article table, details, and three total lines last.

    Args:
        report: what :func:`evaluate` returned.
        verbose: also list, per article, missed and false-positive facts and entities and
            wrong qualifiers.

    Returns:
        The text; its last three lines are the micro-averaged totals of facts, entities
        and qualifiers.

    >>> print(format_report(Report()).splitlines()[-3])
    facts     micro P=1.00 R=1.00 F1=1.00 (tp=0 fp=0 fn=0)
    """
    scores: Sequence[ArticleScore] = report.scores
    totals = report.totals
    width = max([len("article"), len("TOTAL")] + [len(s.name) for s in scores])
    block = 5 * 3 + 2 * 3 + 10  # "    P     R    F1   tp/fp/fn"

    def metrics(c: Counts) -> str:
        return (f"{c.precision:5.2f} {c.recall:5.2f} {c.f1:5.2f} "
                f"{f'{c.tp}/{c.fp}/{c.fn}':>{block - 18}}")

    def row(name: str, f: Counts, e: Counts) -> str:
        return f"{name:<{width}}  {metrics(f)}   {metrics(e)}"

    names = f"{'P':>5} {'R':>5} {'F1':>5} {'tp/fp/fn':>{block - 18}}"
    groups = f"{'':<{width}}  {' facts '.center(len(names), '-')}   " \
             f"{' entities '.center(len(names), '-')}"
    header = f"{'article':<{width}}  {names}   {names}"
    rule = "-" * len(header)
    lines = [f"evaluation of extractor {report.extractor!r} on {len(scores)} article(s)", "",
             groups.rstrip(), header, rule]
    lines.extend(row(s.name, s.facts, s.entities) for s in scores)
    lines.append(rule)
    lines.append(row("TOTAL", totals.facts, totals.entities))
    for stem in report.missing:
        lines.append(f"missing input: {stem} (no {stem}.txt/.md/.html/.jsonl)")
    for stem, message in report.errors:
        lines.append(f"error: {stem}: {message}")
    if verbose:
        for s in scores:
            details = (
                [f"  missed     {_fact_text(r)}" for r in s.misses]
                + [f"  spurious   {_fact_text(r)}" for r in s.false_positives]
                + [f"  {q:<10} {triple}: predicted {p!r}, gold {g!r}"
                   for q, triple, p, g in s.qualifier_errors]
                + [f"  missed entity   {_entity_text(r)}" for r in s.entity_misses]
                + [f"  spurious entity {_entity_text(r)}" for r in s.entity_false_positives]
            )
            if details:
                lines += ["", f"{s.name}:", *details]
    lines.append("")
    f, e = totals.facts, totals.entities
    lines.append(f"facts     micro P={f.precision:.2f} R={f.recall:.2f} F1={f.f1:.2f} "
                 f"(tp={f.tp} fp={f.fp} fn={f.fn})")
    lines.append(f"entities  micro P={e.precision:.2f} R={e.recall:.2f} F1={e.f1:.2f} "
                 f"(tp={e.tp} fp={e.fp} fn={e.fn})")
    lines.append(f"qualifiers {_qualifier_line(totals.qualifiers)}")
    return "\n".join(lines)
