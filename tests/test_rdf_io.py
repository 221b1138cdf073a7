"""kg.rdf.io: load/save per format, isomorphism, atomic writes, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from test_rdf_fixtures import FACTS, rich_extraction

from kg.errors import GraphError
from kg.rdf import add_extraction, article_iri, fact_records, load_graph, new_dataset, save_graph
from kg.rdf.graphs import merged_graph

QUAD_SUFFIXES = [".trig", ".nq", ".jsonld"]
TRIPLE_SUFFIXES = [".ttl", ".nt", ".n3"]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    ds = new_dataset()
    add_extraction(ds, rich_extraction("one"))
    add_extraction(ds, rich_extraction("two", facts=FACTS[:4]))
    return ds


def _named(ds: Dataset) -> dict[str, Graph]:
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


@pytest.mark.parametrize("suffix", QUAD_SUFFIXES)
def test_io_round_trip_keeps_named_graphs(dataset: Dataset, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"graph{suffix}"
    save_graph(dataset, path)
    loaded = load_graph(path)
    before, after = _named(dataset), _named(loaded)
    assert sorted(after) == sorted(before)
    for name, graph in before.items():
        assert isomorphic(graph, after[name]), name


@pytest.mark.parametrize("suffix", TRIPLE_SUFFIXES)
def test_io_triple_formats_write_the_union(dataset: Dataset, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"graph{suffix}"
    save_graph(dataset, path)
    loaded = load_graph(path)
    assert isomorphic(merged_graph(loaded), merged_graph(dataset))


@pytest.mark.parametrize("suffix", QUAD_SUFFIXES + TRIPLE_SUFFIXES)
def test_io_round_trip_keeps_fact_records(dataset: Dataset, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"graph{suffix}"
    save_graph(dataset, path)
    assert fact_records(load_graph(path)) == fact_records(dataset)


def test_io_loaded_dataset_is_default_union(dataset: Dataset, tmp_path: Path) -> None:
    save_graph(dataset, tmp_path / "g.trig")
    loaded = load_graph(tmp_path / "g.trig")
    assert loaded.default_union
    assert (None, None, None) in loaded


def test_io_explicit_format_overrides_suffix(dataset: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "graph.data"
    save_graph(dataset, path, format="nquads")
    assert path.read_text().count(f"<{article_iri('two')}> .") > 0
    assert len(load_graph(path, format="nq")) == len(load_graph(path, format="nquads"))


def test_io_output_is_deterministic(tmp_path: Path) -> None:
    for name in ("a", "b"):
        ds = new_dataset()
        add_extraction(ds, rich_extraction())
        save_graph(ds, tmp_path / f"{name}.trig")
        save_graph(ds, tmp_path / f"{name}.nt")
    assert (tmp_path / "a.trig").read_bytes() == (tmp_path / "b.trig").read_bytes()
    assert (tmp_path / "a.nt").read_bytes() == (tmp_path / "b.nt").read_bytes()


def test_io_turtle_is_readable_by_rdflib(dataset: Dataset, tmp_path: Path) -> None:
    save_graph(dataset, tmp_path / "g.ttl")
    assert isomorphic(Graph().parse(tmp_path / "g.ttl"), merged_graph(dataset))


def test_io_atomic_write_leaves_no_temp_file(dataset: Dataset, tmp_path: Path) -> None:
    save_graph(dataset, tmp_path / "g.trig")
    save_graph(dataset, tmp_path / "g.trig")
    assert [p.name for p in tmp_path.iterdir()] == ["g.trig"]


def test_io_failed_write_keeps_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "g.nq"
    path.write_text("old content\n")
    bad = Dataset()
    bad.add((URIRef("http://example.com/a b"), URIRef("http://example.com/p"), Literal("x")))
    with pytest.raises(GraphError, match="g.nq"):
        save_graph(bad, path)
    assert path.read_text() == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["g.nq"]


def test_io_save_creates_parent_folders(dataset: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "out" / "deep" / "g.nq"
    save_graph(dataset, path)
    assert path.is_file()


def test_io_load_missing_file_is_graph_error(tmp_path: Path) -> None:
    with pytest.raises(GraphError) as err:
        load_graph(tmp_path / "absent.trig")
    assert str(err.value) == f"{tmp_path / 'absent.trig'}: no such file"


@pytest.mark.parametrize(("suffix", "content"), [
    (".trig", "<urn:g> { <urn:s> <urn:p> \n"),
    (".nq", "<urn:s> <urn:p> <urn:o> <urn:g>\n"),
    (".ttl", "@prefix x: <urn:x> .\nx:s x:p x:o ;;; ]\n"),
    (".nt", "not n-triples at all\n"),
    (".jsonld", "{not json"),
    (".n3", "<urn:s> <urn:p> .\n"),
])
def test_io_parse_error_is_one_line_naming_file(suffix: str, content: str,
                                                 tmp_path: Path) -> None:
    path = tmp_path / f"broken{suffix}"
    path.write_text(content)
    with pytest.raises(GraphError) as err:
        load_graph(path)
    message = str(err.value)
    assert message.startswith(f"{path}: not valid ")
    assert "\n" not in message


def test_io_unknown_suffix_is_graph_error(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match=r"\.trig"):
        load_graph(tmp_path / "graph.xyz")
    with pytest.raises(GraphError, match="unknown graph format"):
        save_graph(new_dataset(), tmp_path / "g.trig", format="excel")
