"""Named queries on the hand-written fixture ``tests/data/query_fixture.trig``.

Each test names one query and the rows it must return; see the fixture's header comment for
what the two articles say.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import DataFileError, QueryError
from kg.query import load_named, named_queries, run_named, to_store
from kg.query.named import parse_named, queries_dir

FIXTURE = Path(__file__).parent / "data" / "query_fixture.trig"
A1 = "verge-microsoft-openai"
A2 = "techcrunch-anthropic-series-e"


@pytest.fixture(scope="module")
def store():
    return to_store(FIXTURE)


def rows(store, name, **params):
    return run_named(store, name, params).rows


def records(store, name, **params):
    return run_named(store, name, params).records()


# ---------------------------------------------------------------- meta


REQUIRED = {"investments", "raised", "valuations", "compute", "data-centers", "by-source",
            "neighbours", "partnerships", "competitors", "people", "facts", "entities"}


def test_query_named_all_required_present():
    assert REQUIRED <= set(named_queries())


@pytest.mark.parametrize("path", sorted(queries_dir().glob("*.rq")), ids=lambda p: p.stem)
def test_query_named_file_has_header_and_runs(path, store):
    query = parse_named(path.read_text(encoding="utf-8"), path)
    assert query.name == path.stem
    assert len(query.description) > 20
    params = {p.name: "OpenAI" for p in query.params if p.required}
    result = run_named(store, query.name, params)
    assert result.kind == "select"
    assert result.rows, f"{query.name} returned no rows on the fixture"
    assert len(set(result.variables)) == len(result.variables)


def test_query_named_every_query_is_tested():
    tested = {name.removeprefix("test_query_named_").replace("_", "-")
              for name in globals() if name.startswith("test_query_named_")}
    missing = {q for q in named_queries() if q not in tested}
    assert not missing, f"named queries without a test: {sorted(missing)}"


def test_query_named_header_missing_description_is_an_error(tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("# name: bad\nSELECT * { ?s ?p ?o }\n")
    with pytest.raises(DataFileError, match="description"):
        parse_named(path.read_text(), path)


def test_query_named_header_name_must_match_file(tmp_path):
    path = tmp_path / "one.rq"
    path.write_text("# name: two\n# description: x\nSELECT * { ?s ?p ?o }\n")
    with pytest.raises(DataFileError, match="differs from the file name"):
        parse_named(path.read_text(), path)


def test_query_named_unknown_name_lists_names():
    with pytest.raises(QueryError) as info:
        load_named("investors")
    message = str(info.value)
    assert "did you mean 'investments'" in message
    for name in REQUIRED:
        assert name in message


def test_query_named_unknown_parameter_is_an_error(store):
    with pytest.raises(QueryError, match="no parameter 'company'.*entity"):
        run_named(store, "investments", {"company": "OpenAI"})


def test_query_named_required_parameter_missing(store):
    with pytest.raises(QueryError, match="needs parameter 'entity'"):
        run_named(store, "neighbours", {})


def test_query_named_runs_on_file_path_and_rdflib_dataset():
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(FIXTURE, format="trig")
    assert run_named(FIXTURE, "investments").rows == run_named(ds, "investments").rows


# ---------------------------------------------------------------- one test per query


def test_query_named_investments(store):
    assert rows(store, "investments") == [
        ("Microsoft", "OpenAI", 13_000_000_000, "2023", "reported", "Bloomberg", A1),
        ("Microsoft", "OpenAI", 1_000_000_000, "2019", "asserted", None, A1),
    ]


def test_query_named_investments_ordered_by_amount_desc(store):
    amounts = [r["amount_usd"] for r in records(store, "investments")]
    assert amounts == sorted(amounts, reverse=True)


@pytest.mark.parametrize("entity, count", [
    ("openai", 2), ("MICROSOFT", 2), ("msft", 2), ("Microsoft Corp.", 2), ("Anthropic", 0),
    ("Micro", 0),
])
def test_query_investments_entity_parameter(store, entity, count):
    assert len(rows(store, "investments", entity=entity)) == count


def test_query_named_raised(store):
    assert records(store, "raised") == [
        {"company": "Anthropic", "raised_usd": 3_624_000_000, "rounds": 2, "latest": "2025-03"},
    ]


def test_query_raised_entity_parameter(store):
    assert rows(store, "raised", entity="anthropic")[0][0] == "Anthropic"
    assert rows(store, "raised", entity="OpenAI") == []


def test_query_named_valuations(store):
    assert rows(store, "valuations") == [
        ("Anthropic", 61_500_000_000, "2025-03", "post-money", "asserted", None, A2),
    ]


def test_query_named_compute(store):
    assert rows(store, "compute") == [
        ("Microsoft", "OpenAI", "compute", None, None, None, "asserted", None, A1),
        ("Nvidia", "Microsoft", "hardware", None, None, None, "asserted", None, A1),
    ]


def test_query_named_data_centers(store):
    assert records(store, "data-centers") == [{
        "location": "Wisconsin", "company": "Microsoft", "amount_usd": 3_300_000_000,
        "capacity": None, "date": "2024-05", "modality": "planned", "article": A1,
    }]


def test_query_named_by_source(store):
    got = {r["outlet"]: (r["facts"], r["articles"], set(r["relations"].split(", ")))
           for r in records(store, "by-source")}
    assert got == {
        "Bloomberg": (2, 2, {"invests_in", "market_share"}),
        "Statista": (1, 1, {"market_share"}),
    }
    assert [r["outlet"] for r in records(store, "by-source")] == ["Bloomberg", "Statista"]


def test_query_named_neighbours(store):
    got = rows(store, "neighbours", entity="openai")
    assert [(s, r, o) for s, r, o, *_ in got] == [
        ("Sam Altman", "ceo_of", "OpenAI"),
        ("Anthropic", "competes_with", "OpenAI"),
        ("Microsoft", "invests_in", "OpenAI"),
        ("Microsoft", "invests_in", "OpenAI"),
        ("Microsoft", "partners_with", "OpenAI"),
        ("Microsoft", "provides_compute_to", "OpenAI"),
    ]


@pytest.mark.parametrize("entity, expected", [
    ("AWS", [("Amazon Web Services", "market_share", 31)]),          # alias, literal object
    ("amazon web services", [("Amazon Web Services", "market_share", 31)]),
    ("wisconsin", [("Microsoft", "builds_data_center", "Wisconsin")]),
    ("Nobody", []),
    ('x" } } SELECT * { ?s ?p ?o', []),                               # no injection possible
])
def test_query_neighbours_entity_matching(store, entity, expected):
    assert [(s, r, o) for s, r, o, *_ in rows(store, "neighbours", entity=entity)] == expected


def test_query_neighbours_alias_finds_all_facts(store):
    assert len(rows(store, "neighbours", entity="msft")) == 7


def test_query_named_partnerships(store):
    assert rows(store, "partnerships") == [
        ("Microsoft", "OpenAI", "partners_with", "asserted", None, None, A1),
    ]


def test_query_named_competitors(store):
    assert rows(store, "competitors") == [
        ("Anthropic", "OpenAI", "asserted", A2),
        ("Microsoft", "Google", "asserted", A1),
    ]


def test_query_named_people(store):
    assert [r[:3] for r in rows(store, "people")] == [
        ("Dario Amodei", "founded", "Anthropic"),
        ("Sam Altman", "ceo_of", "OpenAI"),
    ]


def test_query_named_market_share(store):
    (row,) = records(store, "market-share")
    assert (row["market"], row["company"], row["share_percent"], row["date"]) == (
        "cloud infrastructure", "Amazon Web Services", 31, "2024")
    assert set(row["sources"].split(", ")) == {"Bloomberg", "Statista"}


def test_query_named_facts(store):
    got = records(store, "facts")
    assert len(got) == 14
    assert all(r["evidence"] and r["article"] in (A1, A2) and r["modality"] for r in got)
    by_relation = {r["relation"] for r in got}
    assert by_relation == {"invests_in", "partners_with", "provides_compute_to",
                           "supplies_hardware_to", "builds_data_center", "competes_with",
                           "ceo_of", "raises", "valued_at", "market_share", "founded"}
    raise_rows = [r for r in got if r["relation"] == "raises"]
    assert sorted(r["object"] for r in raise_rows) == [124_000_000, 3_500_000_000]
    assert [r["article"] for r in got] == sorted(r["article"] for r in got)


def test_query_named_entities(store):
    got = {(r["entity"], r["type"]): r["facts"] for r in records(store, "entities")}
    assert got[("Microsoft", "Company")] == 7
    assert got[("OpenAI", "Company")] == 6          # described in both article graphs
    assert got[("Amazon Web Services", "Company")] == 1
    assert got[("Amazon Web Services", "Product")] == 1
    assert got[("Bloomberg", "Publisher")] == 0
    assert len(got) == 14


def test_query_entities_type_parameter(store):
    got = rows(store, "entities", entity_type="person")
    assert [(r[0], r[1]) for r in got] == [("Dario Amodei", "Person"), ("Sam Altman", "Person")]
