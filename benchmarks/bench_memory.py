"""Peak memory of building synthetic articles into a graph file (not a test).

For each count in ``--sizes``, a fresh subprocess streams that many synthetic articles
(``benchmarks/synth.py``; generated one at a time, never held in a list) through
``kg.pipeline.build_articles`` into an rdflib ``Dataset`` and saves it with
``kg.rdf.save_graph`` (``--format``). It reports the resident set size (RSS, from
``/proc/self/statm``) after start-up and warm-up, along the way (at 10/25/50/75/100% of the
articles), after saving, and the peak (``resource.getrusage``), so one can see whether memory
grows with the corpus and by how much per article and per quad.

``--target store`` builds into an on-disk pyoxigraph store instead (``build_articles(...,
store=…)`` with ``kg.rdf.store.writing``, where each article's graph is written as it is made),
when this checkout of ``kg`` has it; the report says so when it does not. ``--target both``
runs the two.

``--mode extract`` streams the same articles through ``kg.extract.extract`` only (no graph),
the control: flat RSS there means growth in ``build`` is the graph, not a leak.
``--tracemalloc`` adds the peak of Python-level allocations (slows the run ~2×).
``--novel-words N`` ends each article with N invented words never seen before (an open
vocabulary, as in a real archive; the templates' own vocabulary is fixed), which shows whether
memory grows with the words read.

Usage::

    python benchmarks/bench_memory.py                         # 200 and 1,000 articles, ~2 min
    python benchmarks/bench_memory.py --sizes 1000,10000      # the issue's sizes, ~10+ min
    python benchmarks/bench_memory.py --sizes 2000 --mode extract
    python benchmarks/bench_memory.py --sizes 1000,10000 --mode extract --novel-words 30
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHECKPOINTS = (0.1, 0.25, 0.5, 0.75, 1.0)
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def emit(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def rss_bytes() -> int:
    """Current resident set size of this process (Linux ``/proc``; else the peak)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except OSError:
        return peak_bytes()


def peak_bytes() -> int:
    """Peak RSS of this process so far (``VmHWM``; see ``machine.peak_rss``)."""
    sys.path.insert(0, str(HERE))
    from machine import peak_rss

    return peak_rss()


def store_supported() -> bool:
    """Whether ``kg`` can build into a pyoxigraph store (``build_articles(store=…)``)."""
    import inspect

    sys.path.insert(0, str(ROOT))
    from kg.pipeline import build_articles

    if "store" not in inspect.signature(build_articles).parameters:
        return False
    try:
        from kg.rdf.store import writing  # noqa: F401
    except ImportError:
        return False
    return True


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def run_one(count: int, mode: str, fmt: str, seed: int, trace: bool,
            target: str = "dataset", novel: int = 0) -> dict[str, Any]:
    """Build (or only extract) ``count`` synthetic articles in this process."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(HERE))
    import synth

    from kg.extract import extract
    from kg.pipeline import build_articles
    from kg.rdf import save_graph
    from kg.types import Article

    extract(Article.from_text("Microsoft invested $1 billion in OpenAI in 2019.", key="warm"))
    synth.load_pools()
    gc.collect()
    if trace:
        import tracemalloc

        tracemalloc.start()
    baseline = rss_bytes()
    marks = {max(1, round(count * f)): f for f in CHECKPOINTS}
    series: list[tuple[int, int]] = []
    done = 0

    def tick(_item: Any) -> None:
        nonlocal done
        done += 1
        if done - 1 in marks:  # called before the article is processed
            series.append((done - 1, rss_bytes()))

    t0 = time.perf_counter()
    quads = facts = 0
    size = None
    if mode == "build" and target == "store":
        from kg.rdf.store import writing

        with tempfile.TemporaryDirectory(prefix="bench-memory-store-") as tmp:
            with writing(Path(tmp) / "store") as store:
                result = build_articles(synth.articles(count, seed, novel), store=store,
                                        on_article=tick)
                series.append((done, rss_bytes()))
                build_s = time.perf_counter() - t0
                facts = result.facts
                quads = len(store)
                del store
            save_s = 0.0
            size = _dir_size(Path(tmp) / "store")
            del result
        after_save = rss_bytes()
    elif mode == "build":
        result = build_articles(synth.articles(count, seed, novel), on_article=tick)
        series.append((done, rss_bytes()))
        build_s = time.perf_counter() - t0
        facts = result.facts
        quads = sum(len(g) for g in result.dataset.graphs())
        with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
            path = Path(tmp) / f"graph.{fmt}"
            t1 = time.perf_counter()
            save_graph(result.dataset, path)
            save_s = time.perf_counter() - t1
            size = path.stat().st_size
        after_save = rss_bytes()
    else:
        for a in synth.articles(count, seed, novel):
            tick(a)
            facts += len(extract(a).facts)
        series.append((done, rss_bytes()))
        build_s = time.perf_counter() - t0
        save_s = 0.0
        after_save = rss_bytes()
    traced = None
    if trace:
        import tracemalloc

        traced = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return {"count": count, "mode": mode, "target": target, "format": fmt, "novel": novel,
            "baseline": baseline,
            "series": series, "after_save": after_save, "peak": peak_bytes(),
            "quads": quads, "facts": facts, "build_s": build_s, "save_s": save_s,
            "file": size, "traced_peak": traced}


def run_subprocess(count: int, mode: str, fmt: str, seed: int, trace: bool,
                   target: str = "dataset", novel: int = 0) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", str(count), "--mode", mode,
           "--format", fmt, "--seed", str(seed), "--target", target, "--novel-words", str(novel)]
    if trace:
        cmd.append("--tracemalloc")
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = (done.stderr or "").strip().splitlines()[-1:] or ["?"]
        return {"count": count, "mode": mode, "target": target, "novel": novel,
                "error": tail[0]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _label(r: dict[str, Any]) -> str:
    label = "extract only" if r["mode"] == "extract" else \
        "build → store" if r.get("target") == "store" else "build → Dataset"
    return label + (f", {r['novel']} new words/article" if r.get("novel") else "")


def _mb(n: float | None) -> str:
    return "—" if n is None else f"{n / 1e6:,.0f}"


def table(rows: list[dict[str, Any]]) -> str:
    lines = [("| articles | mode | facts | quads | run s | baseline MB | after run MB | "
              "peak MB | growth MB | KB/article | bytes/quad | file/store MB | traced peak MB |"),
             "| ---: | --- |" + " ---: |" * 11]
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['count']:,} | {_label(r)} | {r['error']} |" + " |" * 10)
            continue
        end = r["series"][-1][1]
        growth = end - r["baseline"]
        per_article = growth / r["count"] / 1e3
        per_quad = f"{growth / r['quads']:,.0f}" if r["quads"] else "—"
        lines.append(f"| {r['count']:,} | {_label(r)} | {r['facts']:,} | {r['quads']:,} | "
                     f"{r['build_s'] + r['save_s']:.1f} | {_mb(r['baseline'])} | {_mb(end)} | "
                     f"{_mb(r['peak'])} | {_mb(growth)} | {per_article:,.1f} | {per_quad} | "
                     f"{_mb(r['file'])} | {_mb(r['traced_peak'])} |")
    return "\n".join(lines)


def series_table(rows: list[dict[str, Any]]) -> str:
    lines = ["| articles | mode | RSS MB at " + " | ".join(f"{int(f * 100)}%" for f in CHECKPOINTS)
             + " |", "| ---: | --- |" + " ---: |" * len(CHECKPOINTS)]
    for r in rows:
        if "error" in r:
            continue
        points = [_mb(rss) for _, rss in r["series"]][-len(CHECKPOINTS):]
        lines.append(f"| {r['count']:,} | {_label(r)} | " + " | ".join(points) + " |")
    return "\n".join(lines)


def verdict(rows: list[dict[str, Any]]) -> str:
    """A one-line reading of the figures: does memory grow with the corpus?"""
    parts = []
    for target in ("dataset", "store"):
        ok = [r for r in rows if "error" not in r and r["mode"] == "build"
              and r.get("target", "dataset") == target]
        if len(ok) >= 2:
            parts.append(_growth(ok, target))
    ctl = [r for r in rows if "error" not in r and r["mode"] == "extract"]
    for r in ctl:
        g = r["series"][-1][1] - r["baseline"]
        reading = "flat: extraction holds nothing across articles" if g < 20e6 else "grows"
        parts.append(f"extract only, {r['count']:,} articles: RSS growth {g / 1e6:,.0f} MB "
                     f"({reading})")
    return "; ".join(parts) + "." if parts else ""


def _growth(ok: list[dict[str, Any]], target: str) -> str:
    """How RSS grew from the smallest to the largest build of ``target``."""
    small, big = ok[0], ok[-1]
    g_small = small["series"][-1][1] - small["baseline"]
    g_big = big["series"][-1][1] - big["baseline"]
    ratio_n = big["count"] / small["count"]
    ratio_g = g_big / max(g_small, 1)
    if g_big < 10e6 or (ratio_n >= 4 and ratio_g <= 1.5):
        shape = "stays flat"
    elif 0.6 * ratio_n <= ratio_g <= 1.4 * ratio_n:
        shape = "grows roughly linearly"
    else:
        shape = "grows faster than linearly" if ratio_g > ratio_n else "grows sub-linearly"
    where = ("build_articles keeps the whole rdflib Dataset in memory until it is saved"
             if target == "dataset" else "each article's graph goes to the on-disk store")
    return (f"build → {'Dataset' if target == 'dataset' else 'store'}: RSS {shape} "
            f"with the corpus — {g_small / 1e6:,.0f} MB for {small['count']:,} articles, "
            f"{g_big / 1e6:,.0f} MB for {big['count']:,} ({ratio_g:.1f}× for "
            f"{ratio_n:.0f}× the articles, {g_big / big['count'] / 1e3:,.0f} KB an "
            f"article); {where}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,1000",
                        help="comma-separated article counts (default: %(default)s)")
    parser.add_argument("--mode", choices=("build", "extract", "both"), default="build",
                        help="build the graph, only extract (control), or both "
                             "(default: %(default)s)")
    parser.add_argument("--format", default="nq", choices=("nq", "trig", "ttl", "nt"),
                        help="graph file format (default: %(default)s)")
    parser.add_argument("--target", choices=("dataset", "store", "both"), default="dataset",
                        help="build into an rdflib Dataset saved as a file, into an on-disk "
                             "pyoxigraph store, or both (default: %(default)s)")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also report the peak of Python allocations (slower)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--novel-words", type=int, default=0, metavar="N",
                        help="end each article with N invented words never seen before, as a "
                             "real archive's open vocabulary (default: 0)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.one:
        emit(json.dumps(run_one(args.one, args.mode, args.format, args.seed, args.tracemalloc,
                                args.target, args.novel_words)))
        return 0

    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    modes = ("build", "extract") if args.mode == "both" else (args.mode,)
    sys.path.insert(0, str(HERE))
    from machine import describe

    emit(f"# bench_memory — {describe()}")
    emit()
    runs: list[tuple[str, str]] = []
    for mode in modes:
        if mode == "extract":
            runs.append((mode, "dataset"))
            continue
        for target in (("dataset", "store") if args.target == "both" else (args.target,)):
            if target == "store" and not store_supported():
                emit("build → store: not measured — kg.pipeline.build_articles has no `store` "
                     "parameter (or kg.rdf.store.writing is missing) in this checkout.")
                continue
            runs.append((mode, target))
    rows = []
    for mode, target in runs:
        for n in sizes:
            t0 = time.perf_counter()
            r = run_subprocess(n, mode, args.format, args.seed, args.tracemalloc, target,
                               args.novel_words)
            rows.append(r)
            state = r.get("error") or f"peak {_mb(r['peak'])} MB"
            emit(f"{n:>8,} articles  {_label(r):<16} {time.perf_counter() - t0:7.1f} s  {state}")
    emit()
    emit(table(rows))
    emit()
    emit(series_table(rows))
    emit()
    emit(verdict(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
