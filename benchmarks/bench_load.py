"""Loading N-Quads: pyoxigraph ``Store`` (memory, disk) vs rdflib's ``Dataset`` (not a test).

For each size in ``--sizes`` an N-Quads file of that many quads is made once and cached under
the temp dir (``$TMPDIR/aikg-bench-load/``), then loaded by each engine in a fresh
subprocess (so every figure starts from an empty heap and peak RSS is that engine's own):

- ``oxigraph mem load`` — ``Store()`` + ``store.load(path=…)`` (one transaction, in memory);
- ``oxigraph mem bulk`` — ``Store()`` + ``store.bulk_load(path=…)``;
- ``oxigraph disk bulk`` — ``Store(dir)`` + ``bulk_load`` (RocksDB on disk, then ``flush``);
- ``kg load_graph`` — ``kg.rdf.load_graph`` (pyoxigraph parses, terms go into an rdflib
  ``Dataset``: what ``kg`` commands do);
- ``rdflib parse`` — ``Dataset().parse(format="nquads")`` (rdflib's own parser and store).

rdflib-backed engines run up to 1,000,000 quads unless ``--full`` (which also adds the
10,000,000 size). The table gives seconds, quads/s, the speed-up over ``rdflib parse`` at the
same size, and peak RSS.

Quads come from ``--source``: ``generator`` (default; fast, fact-shaped quads following
docs/design.md's RDF model: article nodes, per-article entity descriptions, fact nodes with
qualifiers, evidence nodes, direct edges, one named graph per article; ~230 quads an
article, like the real pipeline's output) or ``articles`` (synthetic articles from
``benchmarks/synth.py`` through ``kg.pipeline.build_articles`` and ``save_graph``: the real
shape, but ~30 articles/s, so only sensible up to ~1M quads).

Usage::

    python benchmarks/bench_load.py                          # 100k and 1M quads, ~3 minutes
    python benchmarks/bench_load.py --sizes 100000 --source articles
    python benchmarks/bench_load.py --full                   # adds 10M; rdflib at every size
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

ENGINES = ("oxigraph mem load", "oxigraph mem bulk", "oxigraph disk bulk", "kg load_graph",
           "rdflib parse")
RDFLIB_ENGINES = ("kg load_graph", "rdflib parse")
#: CPU time includes the load only (the child's user + system time around it); oxigraph's
#: bulk_load runs several threads, so its CPU time can exceed the wall time.
RDFLIB_LIMIT = 1_000_000
FULL_SIZE = 10_000_000

AIKG = "https://w3id.org/aikg/ontology#"
ID = "https://w3id.org/aikg/id/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
SKOS_ALT = "<http://www.w3.org/2004/02/skos/core#altLabel>"
OWL_SAME = "<http://www.w3.org/2002/07/owl#sameAs>"
PROV_FROM = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: (property, fact class, literal?, subject kind, object kind) — a subset of design.md's table.
RELATIONS = (
    ("investsIn", "Investment", False, "Company", "Company"),
    ("investsIn", "Investment", False, "Company", "Company"),
    ("investsIn", "Investment", False, "Company", "Company"),
    ("acquires", "Acquisition", False, "Company", "Company"),
    ("valuedAt", "Valuation", True, "Company", None),
    ("raises", "FundingRound", True, "Company", None),
    ("develops", "Development", False, "Company", "AIModel"),
    ("providesComputeTo", "ComputeDeal", False, "Company", "Company"),
    ("suppliesHardwareTo", "HardwareSupply", False, "Company", "Company"),
    ("buildsDataCenter", "DataCenterProject", False, "Company", "Location"),
    ("partnersWith", "Partnership", False, "Company", "Company"),
    ("inTalksWith", "Negotiation", False, "Company", "Company"),
    ("ceoOf", "Leadership", False, "Person", "Company"),
    ("founded", "Founding", False, "Person", "Company"),
)
MODALITIES = ("asserted", "asserted", "asserted", "reported", "hedged", "planned", "negotiating")


def emit(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _i(value: str) -> str:
    return f"<{value}>"


def _l(value: object, datatype: str | None = None) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"^^<{XSD}{datatype}>' if datatype else f'"{text}"'


def fact_quads(n_quads: int, seed: int = 0) -> Iterator[str]:
    """About ``n_quads`` N-Quads lines shaped like ``kg build`` output (stops at ``n_quads``).

    >>> lines = list(fact_quads(500))
    >>> len(lines), all(line.endswith(" .") for line in lines)
    (500, True)
    """
    rng = random.Random(seed)
    # entity pool grows with the graph, popularity skewed (a few names in most articles)
    n_entities = max(200, n_quads // 60)
    kinds = ("Company",) * 7 + ("Person", "AIModel", "Location")
    entities = [(f"{ID}entity/e{i}", kinds[i % len(kinds)], f"Entity {i} Name",
                 f"Q{1000 + i}" if i % 2 == 0 else None) for i in range(n_entities)]
    by_kind: dict[str, list[int]] = {}
    for i, (_, kind, _, _) in enumerate(entities):
        by_kind.setdefault(kind, []).append(i)
    publishers = [f"{ID}entity/publisher-{i}" for i in range(40)]
    made = 0
    a = 0
    while made < n_quads:
        a += 1
        art = f"{ID}article/synthetic-{seed}-{a:08d}"
        g = _i(art)
        year = 2015 + a % 11
        published = _l(f"{year}-0{1 + a % 9}-1{a % 10}", "date")
        lines = [
            f"{g} {RDF_TYPE} {_i(AIKG + 'Article')} {g} .",
            f"{g} {_i(SCHEMA + 'headline')} {_l(f'Headline of synthetic article {a}')} {g} .",
            f"{g} {_i(SCHEMA + 'url')} {_l(f'https://synthetic.example/{a}')} {g} .",
            f"{g} {_i(SCHEMA + 'publisher')} {_i(rng.choice(publishers))} {g} .",
            f"{g} {_i(SCHEMA + 'datePublished')} {published} {g} .",
            f"{g} {_i(AIKG + 'contentHash')} {_l(hashlib.sha256(art.encode()).hexdigest())} {g} .",
        ]
        described: set[int] = set()

        def describe(idx: int, g: str = g, described: set[int] = described,
                     lines: list[str] = lines) -> str:
            iri, kind, label, qid = entities[idx]
            if idx not in described:
                described.add(idx)
                lines.append(f"{_i(iri)} {RDF_TYPE} {_i(AIKG + kind)} {g} .")
                lines.append(f"{_i(iri)} {RDFS_LABEL} {_l(label)} {g} .")
                if qid:
                    wd = f"<http://www.wikidata.org/entity/{qid}>"
                    lines.append(f"{_i(iri)} {OWL_SAME} {wd} {g} .")
                    lines.append(f"{_i(iri)} {_i(AIKG + 'wikidataId')} {_l(qid)} {g} .")
                if idx % 7 == 0:
                    lines.append(f"{_i(iri)} {SKOS_ALT} {_l(label.upper())} {g} .")
            return _i(iri)

        def pick(kind: str) -> int:
            pool = by_kind[kind]
            return pool[min(len(pool) - 1, int(rng.paretovariate(1.2)) - 1)] \
                if rng.random() < 0.5 else rng.choice(pool)

        evidence = ""
        for k in range(rng.randint(6, 20)):
            prop, cls, literal, skind, okind = rng.choice(RELATIONS)
            subj = describe(pick(skind))
            fid = hashlib.sha1(f"{seed}|{a}|{k}".encode()).hexdigest()
            f = _i(f"{ID}fact/{fid}")
            if not evidence or rng.random() < 0.8:  # facts of one sentence share evidence
                evidence = _i(f"{ID}evidence/{fid}")
                start = k * 160
                sentence = f"Sentence {k} of article {a}, in which a {cls} is reported."
                lines += [
                    f"{evidence} {RDF_TYPE} {_i(AIKG + 'Evidence')} {g} .",
                    f"{evidence} {_i(AIKG + 'text')} {_l(sentence)} {g} .",
                    f"{evidence} {_i(AIKG + 'startOffset')} {_l(start, 'integer')} {g} .",
                    f"{evidence} {_i(AIKG + 'endOffset')} {_l(start + 120, 'integer')} {g} .",
                    f"{evidence} {_i(AIKG + 'article')} {g} {g} .",
                ]
            lines += [
                f"{f} {RDF_TYPE} {_i(AIKG + cls)} {g} .",
                f"{f} {_i(AIKG + 'relation')} {_i(AIKG + prop)} {g} .",
                f"{f} {_i(AIKG + 'subject')} {subj} {g} .",
            ]
            if literal:
                value = _l(rng.randint(1, 500) * 10**7, "decimal")
                lines.append(f"{f} {_i(AIKG + 'objectValue')} {value} {g} .")
                lines.append(f"{subj} {_i(AIKG + prop)} {value} {g} .")
            else:
                obj = describe(pick(okind))
                lines.append(f"{f} {_i(AIKG + 'object')} {obj} {g} .")
                lines.append(f"{subj} {_i(AIKG + prop)} {obj} {g} .")
                if prop in ("investsIn", "acquires", "buildsDataCenter") and rng.random() < 0.6:
                    lines.append(f"{f} {_i(AIKG + 'amountUSD')} "
                                 f"{_l(rng.randint(1, 900) * 10**7, 'decimal')} {g} .")
                if prop == "buildsDataCenter":
                    lines.append(f"{f} {_i(AIKG + 'location')} {_l('Somewhere')} {g} .")
                    lines.append(f"{f} {_i(AIKG + 'capacity')} {_l('1 GW')} {g} .")
            if rng.random() < 0.3:
                lines.append(f"{f} {_i(AIKG + 'date')} {_l(year, 'gYear')} {g} .")
            modality = rng.choice(MODALITIES)
            lines.append(f"{f} {_i(AIKG + 'modality')} {_i(AIKG + modality)} {g} .")
            if modality == "reported":
                lines.append(f"{f} {_i(AIKG + 'attributedTo')} {_i(rng.choice(publishers))} {g} .")
            lines += [
                f"{f} {_i(AIKG + 'extractor')} {_l('rules')} {g} .",
                f"{f} {PROV_FROM} {g} {g} .",
                f"{f} {_i(AIKG + 'evidence')} {evidence} {g} .",
            ]
        for line in lines:
            if made >= n_quads:
                return
            made += 1
            yield line


def cache_dir() -> Path:
    path = Path(tempfile.gettempdir()) / "aikg-bench-load"
    path.mkdir(parents=True, exist_ok=True)
    return path


def quads_file(n_quads: int, source: str, seed: int) -> Path:
    """The cached N-Quads file of ``n_quads`` quads from ``source`` (made when missing)."""
    path = cache_dir() / f"{source}-{seed}-{n_quads}.nq"
    if path.exists():
        return path
    tmp = path.with_suffix(".tmp")
    t0 = time.perf_counter()
    if source == "generator":
        with open(tmp, "w", encoding="utf-8") as fh:
            batch: list[str] = []
            for line in fact_quads(n_quads, seed):
                batch.append(line)
                if len(batch) >= 50_000:
                    fh.write("\n".join(batch) + "\n")
                    batch.clear()
            if batch:
                fh.write("\n".join(batch) + "\n")
    else:
        _articles_file(n_quads, seed, tmp)
    os.replace(tmp, path)
    emit(f"made {path} in {time.perf_counter() - t0:.1f} s")
    return path


def _articles_file(n_quads: int, seed: int, out: Path) -> None:
    """Build synthetic articles in batches until the graph has ``n_quads`` quads; write the
    first ``n_quads`` lines of its sorted N-Quads."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(HERE))
    import synth

    from kg.pipeline import build_articles, new_dataset
    from kg.rdf import save_graph

    ds = new_dataset()
    done = 0
    while sum(len(g) for g in ds.graphs()) < n_quads:
        batch = max(20, (n_quads - sum(len(g) for g in ds.graphs())) // 220 + 1)
        rows = [synth.article(i, seed) for i in range(done, done + batch)]
        build_articles([synth.to_article(r) for r in rows], dataset=ds)
        done += batch
    full = out.with_suffix(".full.nq")
    save_graph(ds, full)
    with open(full, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            if n >= n_quads:
                break
            dst.write(line)
    full.unlink()


# ---------------------------------------------------------------------------- one run


def run_one(engine: str, path: Path, lenient: bool) -> dict[str, Any]:
    """Load ``path`` with ``engine`` in this process; seconds, quads and peak RSS."""
    import pyoxigraph as ox

    db: str | None = None
    usage0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    if engine == "oxigraph mem load":
        store = ox.Store()
        store.load(path=str(path), format=ox.RdfFormat.N_QUADS, lenient=lenient)
        seconds = time.perf_counter() - t0
        n = len(store)
    elif engine == "oxigraph mem bulk":
        store = ox.Store()
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS, lenient=lenient)
        seconds = time.perf_counter() - t0
        n = len(store)
    elif engine == "oxigraph disk bulk":
        db = tempfile.mkdtemp(prefix="oxi-", dir=cache_dir())
        t0 = time.perf_counter()
        store = ox.Store(db)
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS, lenient=lenient)
        store.flush()
        seconds = time.perf_counter() - t0
        n = len(store)
    elif engine == "kg load_graph":
        sys.path.insert(0, str(ROOT))
        from kg.rdf import load_graph

        t0 = time.perf_counter()
        ds = load_graph(path)
        seconds = time.perf_counter() - t0
        n = sum(len(g) for g in ds.graphs())
    elif engine == "rdflib parse":
        from rdflib import Dataset

        t0 = time.perf_counter()
        ds = Dataset()
        ds.parse(str(path), format="nquads")
        seconds = time.perf_counter() - t0
        n = sum(len(g) for g in ds.graphs())
    else:
        raise ValueError(f"unknown engine {engine!r}")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (usage.ru_utime - usage0.ru_utime) + (usage.ru_stime - usage0.ru_stime)
    disk = None
    if db is not None:
        del store
        disk = sum(f.stat().st_size for f in Path(db).rglob("*") if f.is_file())
        shutil.rmtree(db, ignore_errors=True)
    sys.path.insert(0, str(HERE))
    from machine import peak_rss

    rss = peak_rss()
    return {"engine": engine, "seconds": seconds, "cpu": cpu, "quads": n, "rss": rss,
            "disk": disk}


def run_subprocess(engine: str, path: Path, lenient: bool, timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", engine, "--file", str(path)]
    if lenient:
        cmd.append("--lenient")
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"engine": engine, "error": f"timed out after {timeout:.0f} s"}
    except subprocess.CalledProcessError as err:
        tail = (err.stderr or "").strip().splitlines()[-1:] or ["?"]
        return {"engine": engine, "error": tail[0]}
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------- report


def table(rows: list[dict[str, Any]]) -> str:
    lines = [("| quads | engine | wall s | CPU s | quads/s (wall) | quads/s (CPU) | "
              "× rdflib (wall) | × rdflib (CPU) | peak RSS MB | on disk MB |"),
             "| ---: | --- |" + " ---: |" * 8]
    base = {r["size"]: r for r in rows if r["engine"] == "rdflib parse" and "seconds" in r}
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['size']:,} | {r['engine']} | {r['error']} |" + " |" * 7)
            continue
        b = base.get(r["size"])
        wall_x = f"{b['seconds'] / r['seconds']:.1f}×" if b else "—"
        cpu_x = f"{b['cpu'] / r['cpu']:.1f}×" if b and r["cpu"] > 0 else "—"
        disk = f"{r['disk'] / 1e6:,.0f}" if r.get("disk") else "—"
        cpu_rate = f"{r['quads'] / r['cpu']:,.0f}" if r["cpu"] > 0 else "—"
        lines.append(f"| {r['size']:,} | {r['engine']} | {r['seconds']:.2f} | {r['cpu']:.2f} | "
                     f"{r['quads'] / r['seconds']:,.0f} | {cpu_rate} | {wall_x} | {cpu_x} | "
                     f"{r['rss'] / 1e6:,.0f} | {disk} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000",
                        help="comma-separated quad counts (default: %(default)s)")
    parser.add_argument("--full", action="store_true",
                        help=f"add {FULL_SIZE:,} quads and run rdflib at every size (slow)")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help="comma-separated engines (default: all)")
    parser.add_argument("--source", choices=("generator", "articles"), default="generator")
    parser.add_argument("--lenient", action="store_true", help="pyoxigraph lenient=True")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per load")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.one:
        emit(json.dumps(run_one(args.one, args.file, args.lenient)))
        return 0

    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.full and FULL_SIZE not in sizes:
        sizes.append(FULL_SIZE)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = sorted(set(engines) - set(ENGINES))
    if unknown:
        parser.error(f"unknown engines: {', '.join(unknown)}; use {', '.join(ENGINES)}")
    sys.path.insert(0, str(HERE))
    from machine import describe

    emit(f"# bench_load — {describe()} · source {args.source}")
    emit()
    rows: list[dict[str, Any]] = []
    for size in sizes:
        path = quads_file(size, args.source, args.seed)
        mb = path.stat().st_size / 1e6
        for engine in engines:
            if engine in RDFLIB_ENGINES and size > RDFLIB_LIMIT and not args.full:
                continue
            result = run_subprocess(engine, path, args.lenient, args.timeout)
            result["size"] = size
            rows.append(result)
            if "error" in result:
                emit(f"{size:>12,} quads ({mb:,.0f} MB)  {engine:<20} {result['error']}")
            else:
                emit(f"{size:>12,} quads ({mb:,.0f} MB)  {engine:<20} {result['seconds']:8.2f} s  "
                     f"{result['quads'] / result['seconds']:>12,.0f} quads/s")
    emit()
    emit(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
