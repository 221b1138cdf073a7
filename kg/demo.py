"""The demo: build the bundled sample articles into a folder of ready-to-open files.

:func:`run_demo` runs the whole pipeline offline on ``kg/data/samples/*.txt`` and writes

- ``graph.trig``: the knowledge graph, one named graph per article;
- ``graph.html``: the interactive page;
- ``centrality.csv``: every actor with its centrality measures, ranked by PageRank;
- ``facts.jsonl``: the facts, one FACTS.md record a line;
- ``ATTRIBUTION.md``: where each sample article comes from.

The folder is rebuilt from scratch each time, so running the demo twice gives the same files.
"""

from __future__ import annotations

import csv
import json
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import DataFileError, InputError
from kg.resources import data_dir

log = logging.getLogger(__name__)

__all__ = ["DemoResult", "run_demo", "sample_files"]

#: How many actors :attr:`DemoResult.top` holds.
TOP_ACTORS = 10


@dataclass(frozen=True)
class DemoResult:
    """What :func:`run_demo` wrote and found.

    Attributes:
        out_dir: The demo folder.
        graph: ``graph.trig``.
        html: ``graph.html``.
        centrality: ``centrality.csv``.
        facts_path: ``facts.jsonl``.
        attribution: ``ATTRIBUTION.md`` (copied from the samples).
        articles: Number of articles built.
        facts: Number of facts extracted.
        entities: Number of distinct entities.
        errors: Samples that could not be built (none, unless the install is damaged).
        top: The first :data:`TOP_ACTORS` rows of the centrality table.
    """

    out_dir: Path
    graph: Path
    html: Path
    centrality: Path
    facts_path: Path
    attribution: Path
    articles: int
    facts: int
    entities: int
    errors: list[InputError] = field(default_factory=list)
    top: list[dict[str, Any]] = field(default_factory=list)


def samples_dir() -> Path:
    """The folder of bundled sample articles."""
    return data_dir() / "samples"


def sample_files() -> list[Path]:
    """The bundled sample articles, sorted.

    Raises:
        DataFileError: The samples are missing (a damaged install).
    """
    files = sorted(samples_dir().glob("*.txt"))
    if not files:
        raise DataFileError(f"{samples_dir()}: no sample articles found; reinstall aikg")
    return files


def run_demo(out_dir: str | Path = "aikg-demo", *, title: str = "aikg demo: the AI industry "
             "in eight articles") -> DemoResult:
    """Build the sample articles and write the demo files into ``out_dir``.

    Args:
        out_dir: Folder to write into (created; the demo files in it are replaced).
        title: Title of the HTML page.

    Returns:
        The paths written, the counts, and the top actors.

    Raises:
        DataFileError: The samples are missing.
        GraphError: A file cannot be written.
    """
    from kg.analyze import actor_graph, centrality_table
    from kg.pipeline import build
    from kg.rdf import fact_records, save_graph
    from kg.render import render_html

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = build(sample_files(), keep_extractions=True)
    log.info("demo: built %d articles, %d facts", result.articles, result.facts)
    assert result.dataset is not None  # built in memory, not into a store

    graph_path = out / "graph.trig"
    save_graph(result.dataset, graph_path)
    html_path = out / "graph.html"
    render_html(result.dataset, html_path, title=title)
    rows = centrality_table(actor_graph(result.dataset), "pagerank")
    centrality_path = out / "centrality.csv"
    _write_csv(rows, centrality_path)
    facts_path = out / "facts.jsonl"
    records = fact_records(result.dataset)
    facts_path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    attribution = out / "ATTRIBUTION.md"
    source = samples_dir() / "ATTRIBUTION.md"
    if source.is_file():
        shutil.copyfile(source, attribution)
    else:
        log.warning("%s: missing; the demo folder has no attribution file", source)

    entities = {e.key for ex in result.extractions for e in ex.entities}
    return DemoResult(
        out_dir=out, graph=graph_path, html=html_path, centrality=centrality_path,
        facts_path=facts_path, attribution=attribution, articles=result.articles,
        facts=len(records), entities=len(entities), errors=list(result.errors),
        top=rows[:TOP_ACTORS],
    )


def _write_csv(rows: list[dict[str, Any]], path: Path) -> None:
    """Write rows of dicts as CSV (header from the first row; an empty file gets no header)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        if not rows:
            return
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
