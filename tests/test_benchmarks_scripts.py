"""The benchmark scripts under ``benchmarks/`` run (``--help``) and their quad generator follows
docs/design.md's RDF model. Timings are never asserted."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"
SCRIPTS = ("synth.py", "bench_extract.py", "bench_load.py", "bench_memory.py",
           "whatif_extract.py")
AIKG = "https://w3id.org/aikg/ontology#"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def quads() -> list[object]:
    import pyoxigraph as ox

    bench_load = _load("bench_load")
    text = "\n".join(bench_load.fact_quads(3000, seed=1)) + "\n"
    return list(ox.parse(text, format=ox.RdfFormat.N_QUADS))


@pytest.mark.parametrize("script", SCRIPTS)
def test_benchmarks_script_shows_help(script: str) -> None:
    done = subprocess.run([sys.executable, str(BENCHMARKS / script), "--help"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout


def test_benchmarks_load_quads_parse_as_nquads(quads: list[object]) -> None:
    assert len(quads) == 3000


def test_benchmarks_load_quads_use_only_ontology_terms(quads: list[object]) -> None:
    from kg.rdf.namespace import AIKG as NS

    used = {term.value[len(AIKG):] for q in quads
            for term in (q.predicate, q.object)  # type: ignore[attr-defined]
            if getattr(term, "value", "").startswith(AIKG)}
    unknown = []
    for local in sorted(used):
        try:
            getattr(NS, local)
        except AttributeError:
            unknown.append(local)
    assert not unknown


def test_benchmarks_load_quads_name_graphs_after_articles(quads: list[object]) -> None:
    graphs = {q.graph_name.value for q in quads}  # type: ignore[attr-defined]
    assert graphs and all("/id/article/" in g for g in graphs)
