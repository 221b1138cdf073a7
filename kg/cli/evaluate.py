"""``kg eval``: score the extractor against hand-annotated gold facts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli._common import echo_block


def command(
    gold_dir: Annotated[Path, typer.Argument(
        show_default=False, help="Folder of gold files NN-slug.jsonl.")],
    input_dir: Annotated[Path, typer.Argument(
        show_default=False, help="Folder of the articles NN-slug.txt they annotate.")],
    verbose: Annotated[bool, typer.Option(
        "--verbose", help="Also list every missed and spurious fact.")] = False,
) -> None:
    """Score the fact extractor against gold annotations.

    Extracts the facts of every article in INPUT_DIR that has a gold file in GOLD_DIR
    and reports precision, recall and F1 of facts and entities, per article and overall,
    and the accuracy of the qualifiers (amount, date, sources, modality), as FACTS.md
    defines the scoring.

    Example: `kg eval tests/data/gold tests/data/corpus --verbose`
    """
    from kg.errors import KGError
    from kg.evaluate import evaluate, format_report

    report = evaluate(gold_dir, input_dir)
    echo_block(format_report(report, verbose=verbose))
    if not report.scores:
        raise KGError(f"no article of {input_dir} matches a gold file of {gold_dir}: "
                      "nothing was scored")
