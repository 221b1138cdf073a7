"""Property tests: any fact survives Fact → RDF → record, in memory and through a file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kg.rdf import add_extraction, fact_records, load_graph, new_dataset, save_graph
from kg.resolve.iri import entity_key
from kg.types import LITERAL_RELATIONS, MODALITIES, RELATIONS, Article, Evidence, Extraction, Fact

names = st.text(min_size=1, max_size=30)
numbers = st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers())
texts = st.text(max_size=40)
dates = st.builds(
    lambda y, m, d: "-".join(p for p in (f"{y:04d}", m and f"{m:02d}", d and m and f"{d:02d}") if p),
    st.integers(1000, 9999), st.one_of(st.none(), st.integers(1, 12)),
    st.one_of(st.none(), st.integers(1, 28)))


@st.composite
def facts(draw: st.DrawFn) -> Fact:
    relation = draw(st.sampled_from(RELATIONS))
    subject = draw(names)
    obj = draw(numbers) if relation in LITERAL_RELATIONS else draw(names)
    sources = sorted(set(draw(st.lists(names, max_size=3))))
    keys = [entity_key(n) for n in [subject, *sources]] + (
        [] if relation in LITERAL_RELATIONS else [entity_key(str(obj))])
    assume(len(set(keys)) == len(keys))  # distinct names that would share an IRI
    text = draw(texts)
    start = draw(st.integers(0, 10_000))
    return Fact(
        subject=subject, relation=relation, object=obj,
        modality=draw(st.sampled_from(MODALITIES)), sources=tuple(sources),
        evidence=draw(st.one_of(st.none(), st.just(Evidence(text, start, start + len(text))))),
        amount_usd=draw(st.one_of(st.none(), numbers)), amount=draw(st.one_of(st.none(), numbers)),
        currency=draw(st.one_of(st.none(), texts)), date=draw(st.one_of(st.none(), dates)),
        location=draw(st.one_of(st.none(), texts)), market=draw(st.one_of(st.none(), texts)),
        capacity=draw(st.one_of(st.none(), texts)), note=draw(st.one_of(st.none(), texts)),
    )


def _extraction(fact: Fact) -> Extraction:
    return Extraction(Article.from_text("text", key="prop"), facts=(fact,))


@settings(max_examples=200, deadline=None)
@given(facts())
def test_roundtrip_fact_to_rdf_to_record(fact: Fact) -> None:
    ds = new_dataset()
    add_extraction(ds, _extraction(fact))
    assert fact_records(ds) == [fact.record()]


@settings(max_examples=60, deadline=None)
@given(facts(), st.sampled_from([".trig", ".nq", ".ttl", ".nt", ".jsonld"]))
def test_roundtrip_fact_through_a_file(fact: Fact, suffix: str) -> None:
    ds = new_dataset()
    add_extraction(ds, _extraction(fact))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"graph{suffix}"
        save_graph(ds, path)
        assert fact_records(load_graph(path)) == [fact.record()]
