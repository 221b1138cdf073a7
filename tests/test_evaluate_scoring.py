"""The FACTS.md scorer (``kg.evaluate.scoring``): one rule per test, tables where they fit."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from kg.errors import DataFileError
from kg.evaluate.scoring import (
    Counts,
    gold_as_predictions,
    load_gold,
    micro,
    names_match,
    numbers_match,
    score_article,
    score_entities,
    score_facts,
)
from kg.types import SYMMETRIC_RELATIONS

GOLD_DIR = Path(__file__).parent / "data" / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.jsonl"))


def fact(subject, relation, obj, **extra):
    return {"subject": subject, "relation": relation, "object": obj,
            "sources": extra.pop("sources", []), "modality": extra.pop("modality", "asserted"),
            **extra}


MS_1B = fact("Microsoft", "invests_in", "OpenAI", amount_usd=1_000_000_000, date="2019")
MS_13B = fact("Microsoft", "invests_in", "OpenAI", amount_usd=13_000_000_000, date="2023",
              sources=["Bloomberg", "Reuters"], modality="reported")
PARTNER = fact("Microsoft", "partners_with", "OpenAI")
COMPETE = fact("Microsoft", "competes_with", "Google")
VALUED = fact("OpenAI", "valued_at", 157_000_000_000, sources=["TechCrunch"], modality="reported")
GPT4 = fact("OpenAI", "develops", "GPT-4", optional=True)
GOLD = [MS_1B, MS_13B, PARTNER, COMPETE, VALUED, GPT4]


# ---------------------------------------------------------------- gold against itself


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_evaluate_gold_against_itself_scores_one(path):
    facts, entities = load_gold(path)
    pred_facts, pred_entities = gold_as_predictions(facts, entities)
    score = score_article(pred_facts, pred_entities, facts, entities)
    assert (score.facts.precision, score.facts.recall) == (1.0, 1.0), score.misses
    assert (score.entities.precision, score.entities.recall) == (1.0, 1.0), score.entity_misses
    assert score.facts.fp == score.facts.fn == score.entities.fp == score.entities.fn == 0
    for name, ratio in score.qualifiers.items():
        assert ratio.correct == ratio.total, (name, score.qualifier_errors)


def test_evaluate_gold_files_exist_and_load():
    assert len(GOLD_FILES) >= 12
    for path in GOLD_FILES:
        facts, entities = load_gold(path)
        assert facts and entities


def test_evaluate_gold_against_itself_micro_is_one():
    scores = []
    for path in GOLD_FILES:
        facts, entities = load_gold(path)
        scores.append(score_article(*gold_as_predictions(facts, entities), facts, entities))
    totals = micro(scores)
    assert totals.articles == len(GOLD_FILES)
    assert totals.facts.f1 == totals.entities.f1 == 1.0


# ---------------------------------------------------------------- precision and recall


def required_triples():
    """MS→OpenAI invests (two records, one triple), partners, competes, valued."""
    return 4


def test_evaluate_removed_fact_lowers_recall_exactly():
    pred = [MS_1B, MS_13B, PARTNER, VALUED]               # COMPETE missing
    counts = score_facts(pred, GOLD).facts
    assert counts.recall == pytest.approx(3 / required_triples())
    assert counts.precision == 1.0
    assert (counts.tp, counts.fp, counts.fn) == (3, 0, 1)


def test_evaluate_extra_fact_lowers_precision_exactly():
    pred = [MS_1B, PARTNER, COMPETE, VALUED, fact("Nvidia", "invests_in", "OpenAI")]
    counts = score_facts(pred, GOLD).facts
    assert counts.precision == pytest.approx(4 / 5)
    assert counts.recall == 1.0
    assert score_facts(pred, GOLD).false_positives[0]["subject"] == "Nvidia"


def test_evaluate_optional_match_is_neutral():
    base = score_facts([MS_1B, PARTNER], GOLD).facts
    with_optional = score_facts([MS_1B, PARTNER, fact("OpenAI", "develops", "GPT-4")],
                                GOLD).facts
    assert (with_optional.precision, with_optional.recall) == (base.precision, base.recall)
    assert with_optional.neutral == 1 and with_optional.fp == 0


def test_evaluate_optional_gold_not_counted_in_recall():
    counts = score_facts([], [GPT4]).facts
    assert counts.fn == 0 and counts.recall == 1.0


def test_evaluate_required_hit_wins_over_optional():
    gold = [fact(["Microsoft Azure", "Azure", "Microsoft"], "provides_compute_to", "OpenAI"),
            fact("Microsoft", "provides_compute_to", "OpenAI", optional=True)]
    counts = score_facts([fact("Microsoft", "provides_compute_to", "OpenAI")], gold).facts
    assert (counts.tp, counts.neutral, counts.fp, counts.fn) == (1, 0, 0, 0)


def test_evaluate_same_gold_triple_counts_once():
    counts = score_facts([MS_13B], [MS_1B, MS_13B]).facts
    assert (counts.tp, counts.found, counts.fn) == (1, 1, 0)
    assert counts.recall == 1.0


def test_evaluate_predicted_duplicates_count_once():
    pred = [PARTNER, fact("Microsoft Corp.", "partners_with", "openai"),
            fact("OpenAI", "partners_with", "Microsoft")]
    counts = score_facts(pred, [PARTNER]).facts
    assert (counts.tp, counts.fp) == (1, 0)


def test_evaluate_duplicate_false_positives_count_once():
    pred = [fact("Nvidia", "invests_in", "xAI"), fact("NVIDIA Corp", "invests_in", "xAI")]
    assert score_facts(pred, GOLD).facts.fp == 1


@pytest.mark.parametrize("relation", sorted(SYMMETRIC_RELATIONS))
def test_evaluate_symmetric_relations_match_reversed(relation):
    gold = [fact("Microsoft", relation, "OpenAI")]
    assert score_facts([fact("OpenAI", relation, "Microsoft")], gold).facts.tp == 1


@pytest.mark.parametrize("relation", ["invests_in", "supplies_hardware_to", "ceo_of"])
def test_evaluate_directed_relations_do_not_match_reversed(relation):
    gold = [fact("Microsoft", relation, "OpenAI")]
    counts = score_facts([fact("OpenAI", relation, "Microsoft")], gold).facts
    assert (counts.tp, counts.fp, counts.fn) == (0, 1, 1)


def test_evaluate_relation_must_match():
    counts = score_facts([fact("Microsoft", "acquires", "OpenAI")], [MS_1B]).facts
    assert (counts.tp, counts.fp, counts.fn) == (0, 1, 1)


@pytest.mark.parametrize("pred_value, hits", [
    (157_000_000_000, True),
    (157_000_000_000 * 1.015, True),     # 1.5% off
    (157_000_000_000 * 0.985, True),
    (157_000_000_000 * 1.02, True),      # the edge
    (157_000_000_000 * 1.03, False),     # 3% off
    (157_000_000_000 * 0.97, False),
    ("157000000000", True),              # numbers as text
    ("OpenAI", False),
])
def test_evaluate_number_objects_within_two_percent(pred_value, hits):
    counts = score_facts([fact("OpenAI", "valued_at", pred_value)], [VALUED]).facts
    assert counts.tp == int(hits)


@pytest.mark.parametrize("pred, gold, expected", [
    ("Microsoft", "Microsoft", True),
    ("microsoft", "Microsoft", True),
    ("Microsoft Corp.", "Microsoft", True),
    ("Microsoft Corporation", "Microsoft", True),
    ("Broadcom Inc", "Broadcom", True),
    ("Arm Holdings", "Arm", True),
    ("Alibaba Group", "Alibaba", True),
    ("Barclays PLC", "Barclays", True),
    ("DeepMind Ltd.", "DeepMind", True),
    ("Scale AI, LLC", "Scale AI", True),
    ("The Information", "Information", True),
    ("the Wall Street Journal", ["The Wall Street Journal", "WSJ"], True),
    ("WSJ", ["The Wall Street Journal", "WSJ"], True),
    ("GPT-4", "GPT 4", True),
    ("Amazon", ["Amazon Web Services", "AWS"], False),
    ("Microsoft Azure", "Microsoft", False),
    ("", "Microsoft", False),
])
def test_evaluate_names_match(pred, gold, expected):
    assert names_match(pred, gold) is expected


@pytest.mark.parametrize("pred, gold, expected", [
    (1.015e9, 1e9, True), (0.985e9, 1e9, True), (1.03e9, 1e9, False), (0.97e9, 1e9, False),
    (0, 0, True), (1, 0, False), (None, 1e9, False), ("n/a", 1e9, False),
])
def test_evaluate_numbers_match(pred, gold, expected):
    assert numbers_match(pred, gold) is expected


def test_evaluate_gold_name_lists_accept_any_name():
    gold = [fact(["Amazon Web Services", "AWS"], "provides_compute_to", "Anthropic")]
    assert score_facts([fact("AWS", "provides_compute_to", "Anthropic")], gold).facts.tp == 1


# ---------------------------------------------------------------- qualifiers


def qualifiers(pred, gold):
    return {k: (v.correct, v.total) for k, v in score_facts(pred, gold).qualifiers.items()}


@pytest.mark.parametrize("pred, expected", [
    (MS_13B, {"amount": (1, 1), "date": (1, 1), "sources": (2, 2), "modality": (1, 1)}),
    ({**MS_13B, "amount_usd": 13.2e9}, {"amount": (1, 1), "date": (1, 1), "sources": (2, 2),
                                        "modality": (1, 1)}),
    ({**MS_13B, "amount_usd": 14e9}, {"amount": (0, 1), "date": (1, 1), "sources": (2, 2),
                                      "modality": (1, 1)}),
    ({**MS_13B, "date": "2023-05-01"}, {"amount": (1, 1), "date": (1, 1), "sources": (2, 2),
                                        "modality": (1, 1)}),
    ({**MS_13B, "date": "2022"}, {"amount": (1, 1), "date": (0, 1), "sources": (2, 2),
                                  "modality": (1, 1)}),
    ({**MS_13B, "sources": ["Bloomberg News"]}, {"amount": (1, 1), "date": (1, 1),
                                                 "sources": (0, 2), "modality": (1, 1)}),
    ({**MS_13B, "sources": ["bloomberg"]}, {"amount": (1, 1), "date": (1, 1),
                                            "sources": (1, 2), "modality": (1, 1)}),
    ({**MS_13B, "modality": "hedged"}, {"amount": (1, 1), "date": (1, 1), "sources": (2, 2),
                                        "modality": (0, 1)}),
    ({k: v for k, v in MS_13B.items() if k not in ("amount_usd", "date")},
     {"amount": (0, 1), "date": (0, 1), "sources": (2, 2), "modality": (1, 1)}),
])
def test_evaluate_qualifiers_table(pred, expected):
    assert qualifiers([pred], [MS_13B]) == expected


def test_evaluate_qualifiers_only_when_gold_has_them():
    assert qualifiers([PARTNER], [PARTNER]) == {
        "amount": (0, 0), "date": (0, 0), "sources": (0, 0), "modality": (1, 1)}


def test_evaluate_qualifiers_against_best_matching_record():
    """Two gold records for one triple: each prediction is compared with its closest."""
    assert qualifiers([MS_1B], GOLD)["amount"] == (1, 1)
    assert qualifiers([MS_13B], GOLD)["amount"] == (1, 1)
    assert qualifiers([MS_1B, MS_13B], GOLD) == {
        "amount": (2, 2), "date": (2, 2), "sources": (2, 2), "modality": (2, 2)}


def test_evaluate_qualifiers_not_scored_on_misses_or_optional():
    assert qualifiers([fact("Nvidia", "invests_in", "OpenAI", amount_usd=1e9)], GOLD) == {
        "amount": (0, 0), "date": (0, 0), "sources": (0, 0), "modality": (0, 0)}
    assert qualifiers([GPT4], GOLD)["modality"] == (0, 0)


def test_evaluate_qualifier_errors_listed():
    score = score_facts([{**MS_13B, "amount_usd": 26e9}], [MS_13B])
    (q, triple, predicted, gold), = score.qualifier_errors
    assert (q, triple, predicted, gold) == ("amount", "Microsoft invests_in OpenAI", 26e9, 13e9)


def test_evaluate_modality_defaults_to_asserted():
    pred = {k: v for k, v in PARTNER.items() if k != "modality"}
    assert qualifiers([pred], [PARTNER])["modality"] == (1, 1)


# ---------------------------------------------------------------- entities


GOLD_ENTITIES = [
    {"entity": "Microsoft", "type": "Company", "aliases": ["Microsoft Corp."]},
    {"entity": "Amazon Web Services", "type": ["Company", "Product"], "aliases": ["AWS"]},
    {"entity": "The Wall Street Journal", "type": "Publisher", "aliases": ["WSJ"]},
    {"entity": "Bing", "type": "Product", "aliases": [], "optional": True},
]


@pytest.mark.parametrize("pred, tp, fp, neutral", [
    ({"entity": "Microsoft", "type": "Company"}, 1, 0, 0),
    ({"entity": "MICROSOFT CORPORATION", "type": "Company"}, 1, 0, 0),
    ({"entity": "AWS", "type": "Product"}, 1, 0, 0),                   # alias, second type
    ({"entity": "Amazon Web Services", "type": "Company"}, 1, 0, 0),
    ({"entity": "Amazon Web Services", "type": ["Hardware", "Product"]}, 1, 0, 0),
    ({"entity": "Wall Street Journal", "type": "Publisher"}, 1, 0, 0),  # leading "The"
    ({"name": "WSJ", "type": "Publisher"}, 1, 0, 0),                   # "name" key accepted
    ({"entity": "Microsoft", "type": "Person"}, 0, 1, 0),              # wrong type
    ({"entity": "Amazon", "type": "Company"}, 0, 1, 0),
    ({"entity": "Bing", "type": "Product"}, 0, 0, 1),                  # optional: neutral
])
def test_evaluate_entities_alias_and_type(pred, tp, fp, neutral):
    counts = score_entities([pred], GOLD_ENTITIES).entities
    assert (counts.tp, counts.fp, counts.neutral) == (tp, fp, neutral)


def test_evaluate_entities_recall_and_duplicates():
    pred = [{"entity": "Microsoft", "type": "Company"},
            {"entity": "Microsoft Corp.", "type": "Company"},
            {"entity": "AWS", "type": "Product"}]
    score = score_entities(pred, GOLD_ENTITIES)
    assert score.entities == Counts(tp=2, fp=0, fn=1, found=2, neutral=0)
    assert score.entities.recall == pytest.approx(2 / 3)
    assert [r["entity"] for r in score.entity_misses] == ["The Wall Street Journal"]


# ---------------------------------------------------------------- counts and micro


def test_evaluate_counts_empty_denominators():
    assert (Counts().precision, Counts().recall, Counts().f1) == (1.0, 1.0, 1.0)
    nothing_predicted = Counts(fn=2)
    assert (nothing_predicted.precision, nothing_predicted.recall, nothing_predicted.f1) == (
        1.0, 0.0, 0.0)


def test_evaluate_micro_sums_counts_not_ratios():
    a = score_facts([MS_1B], [MS_1B])                           # 1/1
    b = score_facts([COMPETE, PARTNER, VALUED], [COMPETE])      # P = 1/3
    totals = micro([a, b])
    assert totals.facts.precision == pytest.approx(2 / 4)
    assert totals.qualifiers["modality"].total == 2


# ---------------------------------------------------------------- gold files


def test_evaluate_load_gold_splits_facts_and_entities(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [MS_1B, GOLD_ENTITIES[0]]) + "\n\n")
    facts, entities = load_gold(path)
    assert facts == [MS_1B] and entities == [GOLD_ENTITIES[0]]


@pytest.mark.parametrize("line, message", [
    ("{not json", r"g.jsonl:2: invalid JSON"),
    ('{"subject": "A", "relation": "loves", "object": "B"}', r"g.jsonl:2: unknown relation"),
    ('{"foo": 1}', r"g.jsonl:2: neither a fact"),
    ('{"entity": "A"}', r"g.jsonl:2: entity 'A' has no type"),
])
def test_evaluate_load_gold_errors_name_file_and_line(tmp_path, line, message):
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(MS_1B) + "\n" + line + "\n")
    with pytest.raises(DataFileError, match=message):
        load_gold(path)


def test_evaluate_scoring_does_not_mutate_inputs():
    gold, pred = copy.deepcopy(GOLD), copy.deepcopy(GOLD)
    score_article(pred, [], gold, GOLD_ENTITIES)
    assert gold == GOLD and pred == GOLD
