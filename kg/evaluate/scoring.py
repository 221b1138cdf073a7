"""The scorer of FACTS.md ("Scoring", "Names"): pure functions over fact and entity records.

Records are FACTS.md dictionaries (``subject``, ``relation``, ``object``, qualifiers,
``sources``, ``modality``); gold records may give lists of acceptable names and
``"optional": true``. Rules, exactly:

- names match when their match keys are equal (:func:`kg.resolve.name_key`: case,
  punctuation, a leading "The" and corporate suffixes ignored); numbers when within 2%;
- a predicted triple *hits* a gold triple with the same relation, matching subject and object
  (either direction for :data:`~kg.types.SYMMETRIC_RELATIONS`);
- triples are distinct: predictions are deduplicated by match key, and gold records with the
  same (first-name) triple are one gold triple, optional only if all its records are;
- precision = predicted triples hitting a required gold triple / predicted triples not
  matching an optional one (a triple matching a required gold triple is a hit even if it also
  matches an optional one); recall = required gold triples hit / required gold triples. An
  empty denominator scores 1.0 (nothing to get wrong, nothing to miss);
- qualifiers are scored on each distinct predicted record of a hit triple against the
  best-matching gold record of the triple(s) it hits: ``amount`` (``amount_usd`` within 2%,
  when gold has it), ``date`` (same year, when gold has it), ``sources`` (one point per gold
  source found among the predicted ones), ``modality`` (same value);
- entities: a predicted (name, type) hits a gold entity whose name or an alias matches and
  whose accepted types include the type; optional gold entities are neutral.

>>> gold = [{"subject": "Microsoft", "relation": "invests_in", "object": "OpenAI",
...          "amount_usd": 1e9, "date": "2019", "sources": [], "modality": "asserted"}]
>>> pred = [{"subject": "Microsoft Corp.", "relation": "invests_in", "object": "OpenAI",
...          "amount_usd": 1.01e9, "date": "2019-01", "sources": [], "modality": "asserted"}]
>>> s = score_article(pred, [], gold, [])
>>> s.facts.precision, s.facts.recall, s.qualifiers["amount"].correct
(1.0, 1.0, 1)
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import DataFileError
from kg.types import LITERAL_RELATIONS, RELATIONS, SYMMETRIC_RELATIONS

__all__ = [
    "QUALIFIERS",
    "TOLERANCE",
    "ArticleScore",
    "Counts",
    "Ratio",
    "Totals",
    "gold_as_predictions",
    "load_gold",
    "match_key",
    "micro",
    "names_match",
    "numbers_match",
    "score_article",
    "score_entities",
    "score_facts",
]

Record = dict[str, Any]

#: Relative tolerance for numbers (objects of literal relations, ``amount_usd``).
TOLERANCE = 0.02
#: The qualifiers scored on hit triples, in report order.
QUALIFIERS: tuple[str, ...] = ("amount", "date", "sources", "modality")

from kg.resolve.names import name_key as _name_key  # the one definition of the match key


def match_key(name: str) -> str:
    """The key two names match on (FACTS.md "Names").

    >>> match_key("The Microsoft Corp.") == match_key("microsoft")
    True
    """
    return _name_key(str(name))


def _names(value: Any) -> list[Any]:
    """A gold name field as a list (gold allows a string or a list of acceptable names)."""
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _number(value: Any) -> float | None:
    """``value`` as a finite float, or None when it is not a number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    try:
        number = float(str(value).replace(",", "").strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def names_match(pred: Any, gold: Any) -> bool:
    """Whether a predicted name matches a gold name or any name of a gold list.

    Args:
        pred: the predicted name.
        gold: a gold name or list of acceptable names.

    Returns:
        True when the match keys are equal (and not empty).

    >>> names_match("NVIDIA Corporation", ["Nvidia"])
    True
    >>> names_match("the wall street journal", "The Wall Street Journal")
    True
    >>> names_match("Amazon", ["Amazon Web Services", "AWS"])
    False
    """
    if pred is None:
        return False
    key = match_key(pred)
    if not key:
        return False
    return any(g is not None and not isinstance(g, (int, float)) and match_key(g) == key
               for g in _names(gold))


def numbers_match(pred: Any, gold: Any, tolerance: float = TOLERANCE) -> bool:
    """Whether ``pred`` lies within ``tolerance`` (relative) of ``gold``.

    >>> numbers_match(1.015e9, 1e9), numbers_match(1.03e9, 1e9), numbers_match("31", 31)
    (True, False, True)
    """
    p, g = _number(pred), _number(gold)
    if p is None or g is None:
        return False
    if g == 0:
        return p == 0
    return abs(p - g) <= tolerance * abs(g) + 1e-9


def _object_match(pred: Any, gold: Any) -> bool:
    """Object match: numbers within 2% when gold gives numbers, else names."""
    for g in _names(gold):
        if isinstance(g, (int, float)) and not isinstance(g, bool):
            if numbers_match(pred, g):
                return True
        elif names_match(pred, g):
            return True
    return False


# --------------------------------------------------------------------------- records


def _first(value: Any) -> Any:
    return _names(value)[0] if _names(value) else None


def _triple_key(subject: Any, relation: str, obj: Any) -> tuple[str, str, str]:
    """Dedup key of a triple: match keys (numbers normalised), symmetric pairs sorted."""
    s = match_key(subject)
    number = _number(obj) if (relation in LITERAL_RELATIONS or isinstance(obj, (int, float))) \
        else None
    o = repr(number) if number is not None else match_key(obj)
    if relation in SYMMETRIC_RELATIONS and o < s:
        s, o = o, s
    return relation, s, o


@dataclass
class _Triple:
    """Distinct triple with every record that states it."""

    subject: Any
    relation: str
    object: Any
    records: list[Record] = field(default_factory=list)
    optional: bool = True

    def label(self) -> str:
        obj = self.object
        if isinstance(obj, float) and obj.is_integer():
            obj = int(obj)
        return f"{_first(self.subject)} {self.relation} {_first(obj)}"


def _gold_triples(records: Iterable[Record]) -> list[_Triple]:
    """Group gold records by their first-name triple; a group is optional only if all are."""
    groups: dict[tuple[str, str, str], _Triple] = {}
    for rec in records:
        key = _triple_key(_first(rec["subject"]), rec["relation"], _first(rec["object"]))
        triple = groups.get(key)
        if triple is None:
            triple = groups[key] = _Triple(_names(rec["subject"]), rec["relation"],
                                           _names(rec["object"]))
        else:  # same triple: accept the names of every record
            triple.subject = _union(triple.subject, _names(rec["subject"]))
            triple.object = _union(triple.object, _names(rec["object"]))
        triple.records.append(rec)
        triple.optional = triple.optional and bool(rec.get("optional", False))
    return list(groups.values())


def _union(a: list[Any], b: list[Any]) -> list[Any]:
    return a + [x for x in b if x not in a]


def _pred_triples(records: Iterable[Record]) -> list[_Triple]:
    """Distinct predicted triples (by match key), keeping every record of each."""
    groups: dict[tuple[str, str, str], _Triple] = {}
    for rec in records:
        subject, relation, obj = _first(rec.get("subject")), rec.get("relation"), \
            _first(rec.get("object"))
        if subject is None or relation is None or obj is None:
            continue
        key = _triple_key(subject, relation, obj)
        if key not in groups:
            groups[key] = _Triple(subject, relation, obj, optional=False)
        groups[key].records.append(rec)
    return list(groups.values())


def _hits(pred: _Triple, gold: _Triple) -> bool:
    """FACTS.md: same relation, subject and object match (either way if symmetric)."""
    if pred.relation != gold.relation:
        return False
    if names_match(pred.subject, gold.subject) and _object_match(pred.object, gold.object):
        return True
    return (pred.relation in SYMMETRIC_RELATIONS and names_match(pred.object, gold.subject)
            and names_match(pred.subject, gold.object))


# --------------------------------------------------------------------------- results


@dataclass
class Counts:
    """Hit counts for facts or entities.

    ``tp`` counts predicted items that hit a required gold item, ``fp`` predicted items that
    match no gold item, ``neutral`` predicted items matching only optional gold items;
    ``found`` and ``fn`` count required gold items hit and missed.

    >>> c = Counts(tp=3, fp=1, found=3, fn=3)
    >>> c.precision, c.recall, round(c.f1, 3)
    (0.75, 0.5, 0.6)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0
    found: int = 0
    neutral: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 with no (non-neutral) predictions."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """found / (found + fn); 1.0 with no required gold items."""
        return self.found / (self.found + self.fn) if self.found + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn,
                      self.found + other.found, self.neutral + other.neutral)


@dataclass
class Ratio:
    """``correct`` out of ``total`` (a qualifier's accuracy)."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        """correct / total, or None when nothing was scored."""
        return self.correct / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.correct + other.correct, self.total + other.total)

    def __str__(self) -> str:
        return f"{self.correct}/{self.total}"


def _ratios() -> dict[str, Ratio]:
    return {q: Ratio() for q in QUALIFIERS}


@dataclass
class ArticleScore:
    """The score of one article, with what went wrong for ``--verbose``.

    Attributes:
        name: the article (gold file stem).
        facts: fact triple counts.
        entities: entity counts.
        qualifiers: ``amount``/``date``/``sources``/``modality`` → :class:`Ratio`.
        misses: the first gold record of each required triple no prediction hit.
        false_positives: the first record of each predicted triple matching no gold fact.
        qualifier_errors: ``(qualifier, triple, predicted, gold)`` for wrong qualifiers.
        entity_misses: required gold entity records not found.
        entity_false_positives: predicted entity records matching no gold entity.
    """

    name: str = ""
    facts: Counts = field(default_factory=Counts)
    entities: Counts = field(default_factory=Counts)
    qualifiers: dict[str, Ratio] = field(default_factory=_ratios)
    misses: list[Record] = field(default_factory=list)
    false_positives: list[Record] = field(default_factory=list)
    qualifier_errors: list[tuple[str, str, Any, Any]] = field(default_factory=list)
    entity_misses: list[Record] = field(default_factory=list)
    entity_false_positives: list[Record] = field(default_factory=list)


@dataclass
class Totals:
    """Micro-averaged totals over articles: summed counts, then the ratios."""

    articles: int = 0
    facts: Counts = field(default_factory=Counts)
    entities: Counts = field(default_factory=Counts)
    qualifiers: dict[str, Ratio] = field(default_factory=_ratios)


def micro(scores: Iterable[ArticleScore]) -> Totals:
    """Sum the counts of every article (micro-average).

    >>> a = ArticleScore(facts=Counts(tp=1, fp=1, found=1))
    >>> b = ArticleScore(facts=Counts(tp=2, found=2, fn=2))
    >>> t = micro([a, b])
    >>> t.articles, t.facts.precision, t.facts.recall
    (2, 0.75, 0.6)
    """
    totals = Totals()
    for score in scores:
        totals.articles += 1
        totals.facts = totals.facts + score.facts
        totals.entities = totals.entities + score.entities
        for q in QUALIFIERS:
            totals.qualifiers[q] = totals.qualifiers[q] + score.qualifiers.get(q, Ratio())
    return totals


# --------------------------------------------------------------------------- qualifiers


def _year(date: Any) -> str | None:
    match = re.match(r"\s*(-?\d{4})", str(date)) if date is not None else None
    return match.group(1) if match else None


def _qualifier_points(pred: Record, gold: Record) -> dict[str, tuple[int, int]]:
    """(correct, total) per qualifier of one predicted record against one gold record."""
    points: dict[str, tuple[int, int]] = {}
    if gold.get("amount_usd") is not None:
        points["amount"] = (int(numbers_match(pred.get("amount_usd"), gold["amount_usd"])), 1)
    if gold.get("date"):
        gold_year = _year(gold["date"])
        points["date"] = (int(gold_year is not None and _year(pred.get("date")) == gold_year), 1)
    gold_sources = [s for s in gold.get("sources") or [] if s]
    if gold_sources:
        predicted = list(pred.get("sources") or [])
        found = sum(1 for g in gold_sources if any(names_match(p, g) for p in predicted))
        points["sources"] = (found, len(gold_sources))
    if gold.get("modality"):
        points["modality"] = (int((pred.get("modality") or "asserted") == gold["modality"]), 1)
    return points


def _signature(rec: Record) -> tuple[Any, ...]:
    """What makes two predicted records of one triple distinct for qualifier scoring."""
    return (_number(rec.get("amount_usd")), _year(rec.get("date")),
            tuple(sorted(match_key(s) for s in rec.get("sources") or [])),
            rec.get("modality") or "asserted")


def _score_qualifiers(pred: _Triple, gold_records: list[Record], score: ArticleScore) -> None:
    seen: set[tuple[Any, ...]] = set()
    for rec in pred.records:
        signature = _signature(rec)
        if signature in seen:
            continue
        seen.add(signature)
        best_points: dict[str, tuple[int, int]] = {}
        best_gold: Record = gold_records[0]
        best_rank: tuple[int, int] | None = None
        for gold in gold_records:  # best match: most correct, then fewest wrong; first wins
            points = _qualifier_points(rec, gold)
            correct = sum(c for c, _ in points.values())
            wrong = sum(t - c for c, t in points.values())
            rank = (correct, -wrong)
            if best_rank is None or rank > best_rank:
                best_rank, best_points, best_gold = rank, points, gold
        for q, (correct, total) in best_points.items():
            score.qualifiers[q] = score.qualifiers[q] + Ratio(correct, total)
            if correct < total:
                gold_value, pred_value = _qualifier_values(q, rec, best_gold)
                score.qualifier_errors.append((q, pred.label(), pred_value, gold_value))


def _qualifier_values(q: str, pred: Record, gold: Record) -> tuple[Any, Any]:
    field_name = {"amount": "amount_usd"}.get(q, q)
    default = "asserted" if q == "modality" else None
    return gold.get(field_name), pred.get(field_name, default)


# --------------------------------------------------------------------------- scoring


def score_facts(pred_facts: Sequence[Record], gold_facts: Sequence[Record],
                score: ArticleScore | None = None) -> ArticleScore:
    """Score predicted fact records against gold fact records (into ``score``).

    >>> gold = [{"subject": "A", "relation": "partners_with", "object": "B", "modality": "asserted"},
    ...         {"subject": "A", "relation": "develops", "object": "M", "optional": True}]
    >>> s = score_facts([{"subject": "B", "relation": "partners_with", "object": "A Inc."},
    ...                  {"subject": "A", "relation": "develops", "object": "M"}], gold)
    >>> s.facts
    Counts(tp=1, fp=0, fn=0, found=1, neutral=1)
    """
    score = score if score is not None else ArticleScore()
    gold = _gold_triples(gold_facts)
    required = [g for g in gold if not g.optional]
    optional = [g for g in gold if g.optional]
    found: set[int] = set()
    for pred in _pred_triples(pred_facts):
        hit = [i for i, g in enumerate(required) if _hits(pred, g)]
        if hit:
            score.facts.tp += 1
            found.update(hit)
            _score_qualifiers(pred, [r for i in hit for r in required[i].records], score)
        elif any(_hits(pred, g) for g in optional):
            score.facts.neutral += 1
        else:
            score.facts.fp += 1
            score.false_positives.append(pred.records[0])
    score.facts.found += len(found)
    score.facts.fn += len(required) - len(found)
    score.misses.extend(g.records[0] for i, g in enumerate(required) if i not in found)
    return score


def _entity_name(rec: Record) -> Any:
    return rec.get("entity", rec.get("name"))


def _types(value: Any) -> list[str]:
    return [t for t in _names(value) if t]


def score_entities(pred_entities: Sequence[Record], gold_entities: Sequence[Record],
                   score: ArticleScore | None = None) -> ArticleScore:
    """Score predicted entity records (``entity`` or ``name``, ``type``) against gold.

    Predictions are deduplicated by match key (their types merged); a prediction hits a gold
    entity whose name or alias matches and whose accepted types include one of its types.

    >>> gold = [{"entity": "Amazon Web Services", "type": ["Company", "Product"], "aliases": ["AWS"]},
    ...         {"entity": "Bing", "type": "Product", "optional": True}]
    >>> s = score_entities([{"entity": "AWS", "type": "Product"}, {"entity": "Bing", "type": "Product"},
    ...                     {"entity": "Reuters", "type": "Publisher"}], gold)
    >>> s.entities
    Counts(tp=1, fp=1, fn=0, found=1, neutral=1)
    """
    score = score if score is not None else ArticleScore()
    golds: dict[str, tuple[list[Any], set[str], bool, Record]] = {}
    for rec in gold_entities:
        key = match_key(rec["entity"])
        names = [rec["entity"], *(rec.get("aliases") or [])]
        types = set(_types(rec.get("type")))
        optional = bool(rec.get("optional", False))
        if key in golds:
            old_names, old_types, old_optional, first = golds[key]
            golds[key] = (_union(old_names, names), old_types | types,
                          old_optional and optional, first)
        else:
            golds[key] = (names, types, optional, rec)
    preds: dict[str, tuple[Any, set[str], Record]] = {}
    for rec in pred_entities:
        name = _entity_name(rec)
        if not name:
            continue
        key = match_key(name)
        if key in preds:
            preds[key][1].update(_types(rec.get("type")))
        else:
            preds[key] = (name, set(_types(rec.get("type"))), rec)
    found: set[str] = set()
    for name, types, rec in preds.values():
        matching = [k for k, (names, accepted, _, _) in golds.items()
                    if names_match(name, names) and types & accepted]
        required = [k for k in matching if not golds[k][2]]
        if required:
            score.entities.tp += 1
            found.update(required)
        elif matching:
            score.entities.neutral += 1
        else:
            score.entities.fp += 1
            score.entity_false_positives.append(rec)
    required_keys = [k for k, g in golds.items() if not g[2]]
    score.entities.found += sum(1 for k in required_keys if k in found)
    score.entities.fn += sum(1 for k in required_keys if k not in found)
    score.entity_misses.extend(golds[k][3] for k in required_keys if k not in found)
    return score


def score_article(pred_facts: Sequence[Record], pred_entities: Sequence[Record],
                  gold_facts: Sequence[Record], gold_entities: Sequence[Record], *,
                  name: str = "") -> ArticleScore:
    """Score one article's predicted facts and entities against its gold records.

    Args:
        pred_facts: predicted fact records (FACTS.md format).
        pred_entities: predicted entity records (``entity``/``name`` and ``type``).
        gold_facts: the gold fact records.
        gold_entities: the gold entity records.
        name: the article name, kept in the score.

    Returns:
        The :class:`ArticleScore`.
    """
    score = ArticleScore(name=name)
    score_facts(pred_facts, gold_facts, score)
    score_entities(pred_entities, gold_entities, score)
    return score


# --------------------------------------------------------------------------- gold files


def load_gold(path: str | Path) -> tuple[list[Record], list[Record]]:
    """Read a gold JSON-lines file into (fact records, entity records).

    Raises:
        DataFileError: naming file and line for invalid JSON, an unknown relation or a
            record that is neither a fact nor an entity.

    >>> facts, entities = load_gold("tests/data/gold/00-microsoft-openai-alliance.jsonl")
    >>> facts[0]["relation"], entities[0]["entity"]
    ('invests_in', 'Microsoft')
    """
    path = Path(path)
    facts: list[Record] = []
    entities: list[Record] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise DataFileError(f"{path}: cannot read gold file: {err}") from err
    for lineno, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            raise DataFileError(f"{path}:{lineno}: invalid JSON: {err.msg}") from err
        if not isinstance(rec, dict):
            raise DataFileError(f"{path}:{lineno}: expected a JSON object")
        if "relation" in rec:
            if rec["relation"] not in RELATIONS:
                raise DataFileError(f"{path}:{lineno}: unknown relation {rec['relation']!r}; "
                                    "see FACTS.md for the vocabulary")
            if "subject" not in rec or "object" not in rec:
                raise DataFileError(f"{path}:{lineno}: a fact needs subject and object")
            facts.append(rec)
        elif "entity" in rec:
            if not rec.get("type"):
                raise DataFileError(f"{path}:{lineno}: entity {rec['entity']!r} has no type")
            entities.append(rec)
        else:
            raise DataFileError(f"{path}:{lineno}: neither a fact (relation) nor an entity")
    return facts, entities


def gold_as_predictions(facts: Sequence[Record], entities: Sequence[Record]
                        ) -> tuple[list[Record], list[Record]]:
    """Turn gold into predictions: first names, first type, optional records dropped.

    Scoring these against the same gold gives 1.0 everywhere (the self-test).

    >>> gold_as_predictions([{"subject": ["Azure", "Microsoft Azure"], "relation": "develops",
    ...                       "object": "X"}], [])[0][0]["subject"]
    'Azure'
    """
    pred_facts = [{**r, "subject": _first(r["subject"]), "object": _first(r["object"])}
                  for r in facts if not r.get("optional")]
    for r in pred_facts:
        r.pop("optional", None)
    pred_entities = [{"entity": r["entity"], "type": _types(r["type"])[0]}
                     for r in entities if not r.get("optional")]
    return pred_facts, pred_entities
