"""``kg.evaluate.run``: finding inputs, the report, and the whole pipeline on the corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.errors import DataFileError
from kg.evaluate import evaluate, format_report
from kg.evaluate.run import Report, find_input
from kg.evaluate.scoring import gold_as_predictions, load_gold

DATA = Path(__file__).parent / "data"
GOLD_DIR = DATA / "gold"
CORPUS = DATA / "corpus"


def gold_stub(path: Path, extractor: str):
    """Predict exactly the gold of the article (the self-test through ``evaluate``)."""
    facts, entities = load_gold(GOLD_DIR / f"{path.stem}.jsonl")
    return gold_as_predictions(facts, entities)


@pytest.fixture
def small_dirs(tmp_path):
    gold, corpus = tmp_path / "gold", tmp_path / "corpus"
    gold.mkdir()
    corpus.mkdir()
    for stem in ("00-microsoft-openai-alliance", "02-anthropic-series-a-2021"):
        shutil.copy(GOLD_DIR / f"{stem}.jsonl", gold)
    shutil.copy(CORPUS / "00-microsoft-openai-alliance.txt", corpus)
    (corpus / "02-anthropic-series-a-2021.md").write_text("# Anthropic\n\nraised money.\n")
    return gold, corpus


def test_evaluate_run_gold_stub_scores_one():
    report = evaluate(GOLD_DIR, CORPUS, predict=gold_stub)
    assert len(report.scores) == len(list(GOLD_DIR.glob("*.jsonl")))
    assert not report.missing and not report.errors
    assert report.totals.facts.f1 == report.totals.entities.f1 == 1.0


def test_evaluate_run_finds_any_input_suffix(small_dirs):
    gold, corpus = small_dirs
    assert find_input(gold / "02-anthropic-series-a-2021.jsonl", corpus).suffix == ".md"


def test_evaluate_run_gold_file_is_never_its_own_input():
    assert find_input(GOLD_DIR / "00-microsoft-openai-alliance.jsonl", GOLD_DIR) is None


def test_evaluate_run_missing_input_is_reported_not_raised(small_dirs):
    gold, corpus = small_dirs
    (corpus / "02-anthropic-series-a-2021.md").unlink()
    report = evaluate(gold, corpus, predict=gold_stub)
    assert report.missing == ["02-anthropic-series-a-2021"]
    assert [s.name for s in report.scores] == ["00-microsoft-openai-alliance"]
    assert "missing input: 02-anthropic-series-a-2021" in format_report(report)


def test_evaluate_run_failing_article_is_reported(small_dirs):
    gold, corpus = small_dirs

    def flaky(path, extractor):
        if path.stem.startswith("02"):
            raise ValueError("cannot parse")
        return gold_stub(path, extractor)

    report = evaluate(gold, corpus, predict=flaky)
    assert report.errors == [("02-anthropic-series-a-2021", "ValueError: cannot parse")]
    assert len(report.scores) == 1


def test_evaluate_run_no_gold_files(tmp_path):
    with pytest.raises(DataFileError, match="no gold files"):
        evaluate(tmp_path, tmp_path)


def test_evaluate_run_passes_extractor(small_dirs):
    gold, corpus = small_dirs
    seen = []
    evaluate(gold, corpus, extractor="other",
             predict=lambda p, e: (seen.append(e), gold_stub(p, e))[1])
    assert seen == ["other", "other"]


# ---------------------------------------------------------------- the report


def test_evaluate_report_last_three_lines_are_totals():
    report = evaluate(GOLD_DIR, CORPUS, predict=gold_stub)
    for verbose in (False, True):
        last = format_report(report, verbose=verbose).splitlines()[-3:]
        assert last[0].startswith("facts     micro P=1.00 R=1.00 F1=1.00 (tp=")
        assert last[1].startswith("entities  micro P=1.00 R=1.00 F1=1.00 (tp=")
        assert last[2].startswith("qualifiers amount ")
        for q in ("amount", "date", "sources", "modality"):
            assert f" {q} " in last[2] + " "


def test_evaluate_report_per_article_rows_and_total():
    report = evaluate(GOLD_DIR, CORPUS, predict=gold_stub)
    text = format_report(report)
    for score in report.scores:
        assert any(line.startswith(score.name) for line in text.splitlines())
    total = next(line for line in text.splitlines() if line.startswith("TOTAL"))
    assert total.split()[1:4] == ["1.00", "1.00", "1.00"]


def test_evaluate_report_verbose_lists_misses_and_false_positives(small_dirs):
    gold, corpus = small_dirs

    def lossy(path, extractor):
        facts, entities = gold_stub(path, extractor)
        facts = [f for f in facts if f["relation"] != "partners_with"]
        facts.append({"subject": "Foo", "relation": "acquires", "object": "Bar",
                      "sources": [], "modality": "asserted"})
        return facts, entities[1:]

    report = evaluate(gold, corpus, predict=lossy)
    quiet, loud = format_report(report), format_report(report, verbose=True)
    assert "missed     Microsoft partners_with OpenAI" in loud
    assert "spurious   Foo acquires Bar" in loud
    assert "missed entity   Microsoft (Company)" in loud
    assert "spurious" not in quiet
    assert quiet.splitlines()[-3:] == loud.splitlines()[-3:]


def test_evaluate_report_empty():
    lines = format_report(Report()).splitlines()
    assert lines[-1] == "qualifiers amount 0/0 date 0/0 sources 0/0 modality 0/0"


# ---------------------------------------------------------------- the real pipeline


def _pipeline_ready() -> bool:
    try:
        from kg.extract import extract  # noqa: F401
        from kg.ingest import read_inputs  # noqa: F401
        from kg.pipeline import build  # noqa: F401
        from kg.rdf import entity_records, fact_records  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.skipif(not _pipeline_ready(), reason="pipeline stages not all present yet")
def test_evaluate_run_whole_pipeline_on_corpus():
    report = evaluate(GOLD_DIR, CORPUS)
    assert not report.missing and not report.errors, report.errors
    assert len(report.scores) == len(list(GOLD_DIR.glob("*.jsonl")))
    totals = report.totals
    assert totals.facts.tp + totals.facts.fp > 0          # the extractor found something
    assert 0.0 <= totals.facts.f1 <= 1.0
    text = format_report(report, verbose=True)
    assert text.splitlines()[-3].startswith("facts     micro P=")


@pytest.mark.skipif(not _pipeline_ready(), reason="pipeline stages not all present yet")
def test_evaluate_run_build_records_round_trip(tmp_path):
    """A one-sentence article goes through build → RDF → records → score."""
    from kg.evaluate.run import build_records

    article = tmp_path / "99-demo.txt"
    article.write_text("Microsoft invested $1 billion in OpenAI in 2019.\n")
    facts, entities = build_records(article)
    assert all({"subject", "relation", "object"} <= set(f) for f in facts)
    assert all("entity" in e and "type" in e for e in entities)
    json.dumps(facts)   # records are plain JSON
