"""`kg build`: folders with a broken file, rebuilding, extending, formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli.main import app

CORPUS = Path(__file__).parent / "data" / "corpus"
SEED = CORPUS / "00-microsoft-openai-alliance.txt"
SERIES_A = CORPUS / "02-anthropic-series-a-2021.txt"


def _build(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["build", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def _load(path: Path) -> Dataset:
    ds = Dataset()
    ds.parse(path, format="trig")
    return ds


def _quads(ds: Dataset) -> int:
    return len(list(ds.quads((None, None, None, None))))


def _named(ds: Dataset) -> dict[str, object]:
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


@pytest.fixture
def folder_with_broken_file(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b-broken.txt").write_bytes(b"OpenAI \x81\x8d\x8f\x90\x9d news")
    (folder / "c-series-a.txt").write_text(SERIES_A.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_cli_build_folder_with_broken_file_builds_the_rest(
        folder_with_broken_file: Path, tmp_path: Path) -> None:
    code, out, _ = _build(folder_with_broken_file, "-o", tmp_path / "g.trig")
    assert code == 0
    assert out.startswith(f"built {tmp_path / 'g.trig'}: 2 articles, ")
    assert out.rstrip().endswith("(1 skipped)")


def test_cli_build_reports_broken_file_on_its_own_line(
        folder_with_broken_file: Path, tmp_path: Path) -> None:
    _, _, err = _build(folder_with_broken_file, "-o", tmp_path / "g.trig")
    broken = (folder_with_broken_file / "b-broken.txt").as_posix()
    [line] = [ln for ln in err.splitlines() if ln.startswith("skipped ")]
    assert line.startswith(f"skipped {broken}: undecodable bytes")


def test_cli_build_twice_gives_isomorphic_graph(tmp_path: Path) -> None:
    out = tmp_path / "g.trig"
    _build(SEED, "-o", out)
    first = _load(out)
    code, _, _ = _build(SEED, "-o", out)
    second = _load(out)
    assert code == 0 and _quads(second) == _quads(first)
    assert _named(first).keys() == _named(second).keys()
    for name, graph in _named(first).items():
        assert isomorphic(graph, _named(second)[name]), name  # type: ignore[arg-type]


def test_cli_build_twice_does_not_double_facts(tmp_path: Path) -> None:
    out = tmp_path / "g.trig"
    _build(SEED, "-o", out)
    facts_once = CliRunner().invoke(app, ["facts", str(out)]).stdout
    _build(SEED, "-o", out)
    assert CliRunner().invoke(app, ["facts", str(out)]).stdout == facts_once


def test_cli_build_extends_existing_graph(tmp_path: Path) -> None:
    out = tmp_path / "g.trig"
    _build(SEED, "-o", out)
    _build(SERIES_A, "-o", out)
    names = set(_named(_load(out)))
    assert any("00-microsoft" in n for n in names) and any("02-anthropic" in n for n in names)


def test_cli_build_nquads_format(tmp_path: Path) -> None:
    out = tmp_path / "g.nq"
    code, _, _ = _build(SEED, "-o", out, "--format", "nquads")
    ds = Dataset()
    ds.parse(out, format="nquads")
    assert code == 0 and _quads(ds) > 0


def test_cli_build_nothing_built_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    code, out, err = _build(tmp_path / "empty.txt", "-o", tmp_path / "g.trig")
    assert code == 1 and "no articles built (1 skipped)" in err and out == ""
