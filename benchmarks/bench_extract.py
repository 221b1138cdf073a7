"""Extraction throughput, where its time goes, and end-to-end build time (not a test).

Four tables, printed as Markdown:

1. **extraction** — ``kg.extract.extract`` (the ``rules`` extractor) over ``--articles``
   synthetic articles (``benchmarks/synth.py``) and over the real corpus
   ``tests/data/corpus`` (read ``--repeat`` times): words/s and articles/s, by wall clock and
   by process CPU time (the process is single-threaded, so CPU time is time on one core and
   is less disturbed by other load on the machine), facts per article, and for synthetic
   articles the share of planted facts the extractor found (a sanity check, not a score);
2. **stages** — wall time of each stage of one extraction (spaCy tokenising, mention finding
   and its parts, coreference, relation patterns), measured by wrapping the stage functions;
3. **hotspots** — the top functions of a ``cProfile`` run by own time, and the top ``kg``
   functions by cumulative time;
4. **build** — ``kg.pipeline.build_articles`` over ``--build`` synthetic articles (extract +
   write into an rdflib ``Dataset``) and ``save_graph`` to N-Quads; with ``jobs=2`` too when
   ``build_articles`` accepts a ``jobs`` argument, and into an on-disk pyoxigraph store when
   it accepts ``store`` (otherwise the report says what was not measured).

Usage::

    python benchmarks/bench_extract.py                       # ~1-2 minutes
    python benchmarks/bench_extract.py --articles 1000 --build 1000 --profile 200
    python benchmarks/bench_extract.py --skip-build --top 25
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import inspect
import pstats
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import synth
from machine import describe

from kg.extract import extract
from kg.types import Article, Extraction

CORPUS = ROOT / "tests" / "data" / "corpus"
TARGET_WPS = 100_000


def emit(text: str = "") -> None:
    """Write a line of the report to stdout."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def words(text: str) -> int:
    return len(text.split())


def corpus_articles(path: Path = CORPUS) -> list[Article]:
    """The real corpus through ``kg.ingest`` (articles only; errors dropped)."""
    from kg.ingest import read_inputs

    return [a for a in read_inputs([path]) if isinstance(a, Article)]


# ---------------------------------------------------------------------------- throughput


def measure_extract(articles: list[Article], repeat: int = 1) -> dict[str, Any]:
    """Extract every article ``repeat`` times; totals and the extractions of the last pass."""
    n_words = sum(words(a.text) for a in articles) * repeat
    out: list[Extraction] = []
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        out = [extract(a) for a in articles]
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    n = len(articles) * repeat
    return {"articles": n, "words": n_words, "wall": wall, "cpu": cpu,
            "facts": sum(len(e.facts) for e in out) * repeat, "extractions": out}


def planted_recall(rows: list[dict[str, Any]], extractions: list[Extraction]) -> float:
    """Share of planted ``(subject, relation, object)`` the extractor found (by name key;
    symmetric relations either way; for literal relations subject and relation only)."""
    from kg.resolve.names import name_key
    from kg.types import LITERAL_RELATIONS, SYMMETRIC_RELATIONS

    found = total = 0
    for row, ex in zip(rows, extractions, strict=True):
        got: set[tuple[str, str, str]] = set()
        for f in ex.facts:
            s, o = name_key(f.subject), name_key(str(f.object))
            got.add((s, f.relation, o))
            got.add((s, f.relation, ""))
            if f.relation in SYMMETRIC_RELATIONS:
                got.add((o, f.relation, s))
        for p in row["planted"]:
            obj = "" if p["relation"] in LITERAL_RELATIONS else name_key(p["object"])
            total += 1
            found += (name_key(p["subject"]), p["relation"], obj) in got
    return found / total if total else float("nan")


# ---------------------------------------------------------------------------- stages

#: (label, module, function): wrapped to time one extraction's stages. Nested stages are
#: indented; a parent's time includes its children.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("parse_text (spaCy tokenizer + sentencizer)", "kg.extract.rules", "parse_text"),
    ("find_mentions", "kg.extract.rules", "find_mentions"),
    ("  _kb_candidates (KB PhraseMatcher)", "kg.extract.mentions", "_kb_candidates"),
    ("  _extend_kb", "kg.extract.mentions", "_extend_kb"),
    ("  _scan_names (proper-name sequences)", "kg.extract.mentions", "_scan_names"),
    ("  _type_candidate", "kg.extract.mentions", "_type_candidate"),
    ("  _anaphora", "kg.extract.mentions", "_anaphora"),
    ("cluster_mentions (coreference)", "kg.extract.rules", "cluster_mentions"),
    ("_Run.run (abstraction, relation patterns, facts)", "kg.extract.rules", "_Run.run"),
    ("  _abstract (slots; twice per sentence)", "kg.extract.rules", "_Run._abstract"),
    ("  _type_from_context", "kg.extract.rules", "_Run._type_from_context"),
    ("  _apply (a pattern matched)", "kg.extract.rules", "_Run._apply"),
    ("  _attach_kb_developers", "kg.extract.rules", "_Run._attach_kb_developers"),
    ("  _finish (facts, modality, entities)", "kg.extract.rules", "_Run._finish"),
)
#: The parent of each nested group of STAGES and what its unaccounted time is.
_REST = {"find_mentions": "  (rest of find_mentions: `covered` set, clean_name)",
         "_Run.run (abstraction, relation patterns, facts)":
             "  (rest of run: the pattern × sentence regex loop)"}


def stage_breakdown(articles: list[Article]) -> list[tuple[str, float]]:
    """Wall seconds per stage over ``articles`` (wrappers cost microseconds a call)."""
    import importlib

    totals: dict[str, float] = {label: 0.0 for label, _, _ in STAGES}
    restore: list[tuple[Any, str, Any]] = []

    def timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                totals[label] += time.perf_counter() - t0
        return wrapper

    for label, module_name, attr in STAGES:
        owner: Any = importlib.import_module(module_name)
        *path, name = attr.split(".")
        for part in path:
            owner = getattr(owner, part)
        original = getattr(owner, name)
        restore.append((owner, name, original))
        setattr(owner, name, timed(label, original))
    try:
        t0 = time.perf_counter()
        for a in articles:
            extract(a)
        total = time.perf_counter() - t0
    finally:
        for owner, name, original in reversed(restore):
            setattr(owner, name, original)
    rows: list[tuple[str, float]] = []
    parent: str | None = None
    children = 0.0
    for label, _, _ in STAGES + (("end", "", ""),):
        if not label.startswith(" ") and parent is not None:
            if parent in _REST:
                rows.append((_REST[parent], totals[parent] - children))
            parent, children = None, 0.0
        if label == "end":
            break
        if label.startswith(" "):
            children += totals[label]
        else:
            parent = label
        rows.append((label, totals[label]))
    accounted = sum(s for label, s in rows if not label.startswith(" "))
    rows.append(("other (Extraction assembly, entities)", total - accounted))
    rows.append(("total", total))
    return rows


def pattern_costs(articles: list[Article]) -> list[dict[str, Any]]:
    """Seconds each relation pattern's regex spends on the abstracted sentences of
    ``articles`` (the loop of ``_Run.run``, re-run here with a clock around each search)."""
    from kg.extract.patterns import compiled_patterns
    from kg.extract.rules import _Run

    patterns = compiled_patterns()
    cost = {p.id: {"id": p.id, "relation": p.relation, "searches": 0, "hits": 0, "s": 0.0}
            for p in patterns}
    clock = time.perf_counter
    for a in articles:
        run = _Run(a)
        abstracts = [run._abstract(s) for s in run.parsed.sentences]
        for ab in abstracts:
            for pat in patterns:
                row = cost[pat.id]
                t0 = clock()
                if pat.requires is not None and not pat.requires.search(ab.text):
                    row["s"] += clock() - t0
                    continue
                pos = 0
                while pos <= len(ab.text):
                    row["searches"] += 1
                    m = pat.regex.search(ab.text, pos)
                    if m is None:
                        break
                    row["hits"] += 1
                    pos = m.start() + 1
                row["s"] += clock() - t0
    return sorted(cost.values(), key=lambda r: -r["s"])


def pattern_table(rows: list[dict[str, Any]], top: int) -> str:
    total = sum(r["s"] for r in rows)
    lines = [f"all {len(rows)} patterns: {total:.2f} s; the slowest:", "",
             "| pattern | relation | searches | matches | s | share |",
             "| --- | --- | ---: | ---: | ---: | ---: |"]
    for r in rows[:top]:
        lines.append(f"| {r['id']} | {r['relation']} | {r['searches']:,} | {r['hits']:,} | "
                     f"{r['s']:.3f} | {100 * r['s'] / total:.0f}% |")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- profile


def profile(articles: list[Article]) -> pstats.Stats:
    """A ``cProfile`` run of extraction over ``articles``."""
    prof = cProfile.Profile()
    prof.enable()
    for a in articles:
        extract(a)
    prof.disable()
    return pstats.Stats(prof)


def _where(key: tuple[str, int, str]) -> str:
    file, line, name = key
    if file == "~":
        return name
    path = Path(file)
    try:
        short = str(path.relative_to(ROOT))
    except ValueError:
        parts = path.parts
        short = "/".join(parts[parts.index("site-packages") + 1:]) if "site-packages" in parts \
            else path.name
    return f"{short}:{line} {name}"


def hotspots(stats: pstats.Stats, top: int) -> tuple[list[tuple[str, int, float, float]],
                                                       list[tuple[str, int, float, float]]]:
    """(top functions by own time, top ``kg`` functions by cumulative time) as
    ``(where, calls, own s, cumulative s)``."""
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    rows = [(_where(k), v[1], v[2], v[3]) for k, v in raw.items()]
    by_own = sorted(rows, key=lambda r: -r[2])[:top]
    ours = [r for r in rows if r[0].startswith("kg/") and "extract/__init__" not in r[0]
            and not r[0].endswith((" extract", " __init__"))]
    by_cum = sorted(ours, key=lambda r: -r[3])[:top]
    return by_own, by_cum


# ---------------------------------------------------------------------------- build


def build_supports(parameter: str) -> bool:
    """Whether ``kg.pipeline.build_articles`` takes ``parameter`` in this checkout."""
    from kg.pipeline import build_articles

    return parameter in inspect.signature(build_articles).parameters


def measure_build(articles: list[Article], jobs: int | None, out_dir: Path,
                  target: str = "dataset") -> dict[str, Any]:
    """``build_articles`` over ``articles`` (with ``jobs`` when given) into an rdflib Dataset
    then saved as N-Quads, or (``target="store"``) into an on-disk pyoxigraph store."""
    from kg.pipeline import build_articles
    from kg.rdf import save_graph

    kwargs: dict[str, Any] = {} if jobs is None else {"jobs": jobs}
    words_in = sum(words(a.text) for a in articles)
    if target == "store":
        from kg.rdf.store import writing

        folder = out_dir / f"store-{jobs or 1}"
        wall0, cpu0 = time.perf_counter(), time.process_time()
        with writing(folder) as store:
            result = build_articles(articles, store=store, **kwargs)
            quads = len(store)
            del store
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
        return {"jobs": jobs or 1, "target": "store", "articles": result.articles,
                "facts": result.facts, "words": words_in, "wall": wall, "cpu": cpu,
                "quads": quads, "save": None, "bytes": size, "errors": len(result.errors)}
    wall0, cpu0 = time.perf_counter(), time.process_time()
    result = build_articles(articles, **kwargs)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    quads = sum(len(g) for g in result.dataset.graphs())
    path = out_dir / f"build-{jobs or 1}.nq"
    t0 = time.perf_counter()
    save_graph(result.dataset, path)
    save = time.perf_counter() - t0
    return {"jobs": jobs or 1, "target": "Dataset", "articles": result.articles,
            "facts": result.facts, "words": words_in, "wall": wall, "cpu": cpu,
            "quads": quads, "save": save, "bytes": path.stat().st_size,
            "errors": len(result.errors)}


# ---------------------------------------------------------------------------- report


def _rate(n: float, s: float) -> str:
    return f"{n / s:,.0f}" if s > 0 else "—"


def extraction_table(rows: list[tuple[str, dict[str, Any], str]]) -> str:
    lines = [("| input | articles | words | wall s | words/s (wall) | words/s (CPU) | "
             "articles/s (CPU) | facts/article | planted found |"),
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, m, recall in rows:
        lines.append(f"| {name} | {m['articles']:,} | {m['words']:,} | {m['wall']:.2f} | "
                     f"{_rate(m['words'], m['wall'])} | {_rate(m['words'], m['cpu'])} | "
                     f"{m['articles'] / m['cpu']:.1f} | {m['facts'] / m['articles']:.1f} | "
                     f"{recall} |")
    return "\n".join(lines)


def stage_table(rows: list[tuple[str, float]], n_words: int) -> str:
    total = rows[-1][1]
    lines = ["| stage | s | share | words/s if only this stage |", "| --- | ---: | ---: | ---: |"]
    for label, s in rows:
        share = f"{100 * s / total:.0f}%" if total else "—"
        lines.append(f"| {label.replace('  ', '↳ ')} | {s:.2f} | {share} | "
                     f"{_rate(n_words, s) if s > 0.0005 else '—'} |")
    return "\n".join(lines)


def hotspot_table(rows: Iterable[tuple[str, int, float, float]], total: float) -> str:
    lines = ["| function | calls | own s | own % | cumulative s |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for where, calls, own, cum in rows:
        lines.append(f"| `{where}` | {calls:,} | {own:.2f} | {100 * own / total:.0f}% | "
                     f"{cum:.2f} |")
    return "\n".join(lines)


def build_table(rows: list[dict[str, Any]]) -> str:
    lines = [("| into | jobs | articles | words | facts | quads | build wall s | "
              "build CPU s (this process) | articles/s (wall) | words/s (wall) | save .nq s | "
              "file/store MB |"),
             "| --- |" + " ---: |" * 11]
    for r in rows:
        save = "—" if r["save"] is None else f"{r['save']:.2f}"
        lines.append(f"| {r['target']} | {r['jobs']} | {r['articles']:,} | {r['words']:,} | "
                     f"{r['facts']:,} | {r['quads']:,} | {r['wall']:.2f} | {r['cpu']:.2f} | "
                     f"{r['articles'] / r['wall']:.1f} | {_rate(r['words'], r['wall'])} | "
                     f"{save} | {r['bytes'] / 1e6:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200,
                        help="synthetic articles for the throughput table (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="passes over the real corpus (default: %(default)s)")
    parser.add_argument("--profile", type=int, default=60,
                        help="synthetic articles for stages and profile; 0 skips "
                             "(default: %(default)s)")
    parser.add_argument("--top", type=int, default=15, help="hotspot rows (default: %(default)s)")
    parser.add_argument("--build", type=int, default=200,
                        help="synthetic articles built end to end (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=2,
                        help="also build with this many jobs, if kg.pipeline supports it "
                             "(default: %(default)s; 1 skips)")
    parser.add_argument("--skip-build", action="store_true", help="no end-to-end build table")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    emit(f"# bench_extract — {describe()}")
    emit()
    n_synth = max(args.articles, args.profile, 0 if args.skip_build else args.build)
    t0 = time.perf_counter()
    rows = list(synth.generate(n_synth, args.seed))
    arts = [synth.to_article(r) for r in rows]
    emit(f"generated {n_synth:,} synthetic articles "
         f"({sum(words(a.text) for a in arts):,} words) in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    extract(Article.from_text("Microsoft invested $1 billion in OpenAI in 2019.", key="warm"))
    emit(f"cold start (spaCy pipeline, knowledge-base matcher, patterns): "
         f"{time.perf_counter() - t0:.2f} s, excluded below")
    emit()

    sample = arts[:args.articles]
    m_synth = measure_extract(sample)
    recall = planted_recall(rows[:args.articles], m_synth["extractions"])
    corpus = corpus_articles(args.corpus)
    m_real = measure_extract(corpus, repeat=args.repeat)
    emit(f"## Extraction on one core (target {TARGET_WPS:,} words/s)")
    emit()
    emit(extraction_table([
        (f"synthetic (seed {args.seed})", m_synth, f"{100 * recall:.0f}%"),
        (f"real corpus × {args.repeat}", m_real, "—"),
    ]))
    emit()
    for label, m in (("synthetic", m_synth), ("real corpus", m_real)):
        rate = m["words"] / m["cpu"]
        verdict = "meets it" if rate >= TARGET_WPS else f"{TARGET_WPS / rate:.2f}× short"
        emit(f"- {label}: {rate:,.0f} words/s per core, {rate / TARGET_WPS:.0%} of the target "
             f"({verdict})")
    emit()

    if args.profile > 0:
        prof_arts = arts[:args.profile]
        n_words = sum(words(a.text) for a in prof_arts)
        emit(f"## Stages ({args.profile} synthetic articles, {n_words:,} words, wall time)")
        emit()
        emit(stage_table(stage_breakdown(prof_arts), n_words))
        emit()
        emit(f"## Relation patterns ({args.profile} synthetic articles, regex time per pattern)")
        emit()
        emit(pattern_table(pattern_costs(prof_arts), args.top))
        emit()
        stats = profile(prof_arts)
        total: float = stats.total_tt  # type: ignore[attr-defined]
        by_own, by_cum = hotspots(stats, args.top)
        emit(f"## Hotspots (cProfile, {args.profile} synthetic articles, {total:.1f} s "
             f"under the profiler)")
        emit()
        emit("cProfile charges a fixed cost to every call, so it overstates code that makes "
             "millions of tiny calls (spaCy `Token` objects made by iterating a `Doc`); use the "
             "wall-clock stage table above for shares, and this one to find call-heavy code.")
        emit()
        emit("Top functions by own time:")
        emit()
        emit(hotspot_table(by_own, total))
        emit()
        emit("Top `kg` functions by cumulative time:")
        emit()
        emit(hotspot_table(by_cum, total))
        emit()

    if not args.skip_build:
        emit(f"## End-to-end build ({args.build} synthetic articles: kg.pipeline.build_articles)")
        emit()
        build_arts = arts[:args.build]
        results = []
        with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
            tmp_dir = Path(tmp)
            results.append(measure_build(build_arts, None, tmp_dir))
            notes = []
            if args.jobs > 1:
                if build_supports("jobs"):
                    results.append(measure_build(build_arts, args.jobs, tmp_dir))
                else:
                    notes.append(f"jobs={args.jobs}: not measured — kg.pipeline.build_articles "
                                 f"has no `jobs` parameter yet.")
            if build_supports("store"):
                results.append(measure_build(build_arts, None, tmp_dir, target="store"))
            else:
                notes.append("store: not measured — kg.pipeline.build_articles has no `store` "
                             "parameter yet.")
        emit(build_table(results))
        for note in notes:
            emit()
            emit(note)
        emit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
