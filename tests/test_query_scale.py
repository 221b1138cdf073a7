"""Named queries stay fast on a realistic graph (entities re-described in every article graph).

A guard against row blow-ups: joining ``rdfs:label`` directly, or a correlated ``EXISTS`` per
row, once made one query take minutes on 2,000 facts. The graph comes from
``benchmarks/bench_query.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from kg.query import named_queries, run_named, to_store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from bench_query import synthetic_nquads

FACTS = 2000


@pytest.fixture(scope="module")
def big_store():
    return to_store("\n".join(synthetic_nquads(FACTS, 12)) + "\n", format="nq")


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(named_queries()))
@pytest.mark.parametrize("entity", [None, "Company 1"])
def test_query_scale_named_query_under_a_second(big_store, name, entity):
    query = named_queries()[name]
    accepted = {p.name for p in query.params}
    if "entity" not in accepted or (entity is None and query.params[0].required):
        params = {"entity": "Company 1"} if "entity" in accepted else {}
    else:
        params = {"entity": entity}
    start = time.perf_counter()
    result = run_named(big_store, name, params)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0, f"{name} {params}: {elapsed:.2f}s for {len(result.rows)} rows"


@pytest.mark.slow
def test_query_scale_facts_returns_every_fact_once(big_store):
    assert len(run_named(big_store, "facts").rows) == FACTS
