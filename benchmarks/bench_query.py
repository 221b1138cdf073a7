"""Latency of every named query: pyoxigraph (what ``kg query`` uses) vs rdflib's SPARQL engine.

A synthetic graph following docs/design.md is generated: ``--facts`` fact nodes spread over
articles of ``--per-article`` facts (one named graph each), with entity descriptions
repeated in every article that mentions an entity, evidence nodes, qualifiers and direct edges.
Each named query runs ``--repeat`` times per engine (after one warm-up run), with its required
parameters bound (``entity="Company 1"``) and optional ones unbound; the table shows p50/p95
in milliseconds, the row count, and rdflib's row count when it differs. Not a test.

    python benchmarks/bench_query.py --facts 10000
    python benchmarks/bench_query.py --facts 2000 --only investments neighbours
    python benchmarks/bench_query.py --facts 550000 --rdflib-only raised valuations \\
        --rdflib-repeat 1 --rdflib-no-warm-up     # 10M quads: rdflib on two queries only
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.query import named_queries, to_store
from kg.query.runner import _value, check_read_only, inject_bindings

AIKG = "https://w3id.org/aikg/ontology#"
ID = "https://w3id.org/aikg/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
PROV_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: (property, fact class, literal object?, subject type, object type)
RELATIONS = [
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
    ("competesWith", "Competition", False, "Company", "Company"),
    ("marketShare", "MarketShare", True, "Company", None),
    ("ceoOf", "Leadership", False, "Person", "Company"),
    ("founded", "Founding", False, "Person", "Company"),
]
MODALITIES = ["asserted", "reported", "hedged", "planned", "negotiating"]


def _iri(value: str) -> str:
    return f"<{value}>"


def _lit(value: object, datatype: str | None = None) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"^^<{XSD}{datatype}>' if datatype else f'"{text}"'


def _describe(g: str, described: set[str], kind: str, iri: str, label: str) -> Iterator[str]:
    """The entity description quads, once per article graph ``g``."""
    if iri in described:
        return
    described.add(iri)
    yield f"{_iri(iri)} {_iri(RDF_TYPE)} {_iri(AIKG + kind)} {g} ."
    yield f"{_iri(iri)} {_iri(RDFS_LABEL)} {_lit(label)} {g} ."
    if kind == "Company" and iri.endswith("0"):
        yield f"{_iri(iri)} {_iri(SKOS_ALT)} {_lit(label.upper().replace(' ', ''))} {g} ."


def synthetic_nquads(facts: int, per_article: int, seed: int = 7) -> Iterator[str]:
    """N-Quads lines of a synthetic aikg graph with ``facts`` fact nodes."""
    rng = random.Random(seed)
    n_entities = max(20, facts // 8)
    kinds = {"Company": max(10, n_entities * 6 // 10), "Person": max(3, n_entities // 10),
             "AIModel": max(3, n_entities // 10), "Location": max(3, n_entities // 20),
             "Publisher": 12}
    entities: dict[str, list[tuple[str, str]]] = {}
    for kind, count in kinds.items():
        entities[kind] = [(f"{ID}entity/{kind.lower()}-{i}", f"{kind} {i}") for i in range(count)]
    publishers = entities["Publisher"]
    n_articles = (facts + per_article - 1) // per_article
    made = 0
    for a in range(n_articles):
        art = f"{ID}article/a{a}"
        g = _iri(art)
        yield f"{g} {_iri(RDF_TYPE)} {_iri(AIKG + 'Article')} {g} ."
        yield f"{g} {_iri(SCHEMA + 'headline')} {_lit(f'Headline {a}')} {g} ."
        pub_iri, _ = rng.choice(publishers)
        yield f"{g} {_iri(SCHEMA + 'publisher')} {_iri(pub_iri)} {g} ."
        described: set[str] = set()
        describe = partial(_describe, g, described)

        for k in range(min(per_article, facts - made)):
            prop, cls, literal, skind, okind = rng.choice(RELATIONS)
            s_iri, s_label = rng.choice(entities[skind])
            yield from describe(skind, s_iri, s_label)
            fid = hashlib.sha1(f"{a}|{k}".encode()).hexdigest()
            f = _iri(f"{ID}fact/{fid}")
            ev = _iri(f"{ID}evidence/{fid}")
            yield f"{f} {_iri(RDF_TYPE)} {_iri(AIKG + cls)} {g} ."
            yield f"{f} {_iri(AIKG + 'relation')} {_iri(AIKG + prop)} {g} ."
            yield f"{f} {_iri(AIKG + 'subject')} {_iri(s_iri)} {g} ."
            if literal:
                value = rng.randint(1, 100) if prop == "marketShare" else rng.randint(1, 500) * 10**8
                yield f"{f} {_iri(AIKG + 'objectValue')} {_lit(value, 'decimal')} {g} ."
                yield f"{_iri(s_iri)} {_iri(AIKG + prop)} {_lit(value, 'decimal')} {g} ."
                if prop == "marketShare":
                    yield f"{f} {_iri(AIKG + 'market')} {_lit('cloud')} {g} ."
            else:
                o_iri, o_label = rng.choice(entities[okind or "Company"])
                yield from describe(okind or "Company", o_iri, o_label)
                yield f"{f} {_iri(AIKG + 'object')} {_iri(o_iri)} {g} ."
                yield f"{_iri(s_iri)} {_iri(AIKG + prop)} {_iri(o_iri)} {g} ."
                if prop in ("investsIn", "acquires", "providesComputeTo", "buildsDataCenter") \
                        and rng.random() < 0.7:
                    amount = rng.randint(1, 200) * 10**8
                    yield f"{f} {_iri(AIKG + 'amountUSD')} {_lit(amount, 'decimal')} {g} ."
                if prop == "buildsDataCenter":
                    yield f"{f} {_iri(AIKG + 'location')} {_lit(o_label)} {g} ."
                    yield f"{f} {_iri(AIKG + 'capacity')} {_lit('1 GW')} {g} ."
            if rng.random() < 0.5:
                yield f"{f} {_iri(AIKG + 'date')} {_lit(rng.randint(2015, 2025), 'gYear')} {g} ."
            modality = rng.choice(MODALITIES)
            yield f"{f} {_iri(AIKG + 'modality')} {_iri(AIKG + modality)} {g} ."
            if modality == "reported":
                p_iri, p_label = rng.choice(publishers)
                yield from describe("Publisher", p_iri, p_label)
                yield f"{f} {_iri(AIKG + 'attributedTo')} {_iri(p_iri)} {g} ."
            yield f"{f} {_iri(AIKG + 'extractor')} {_lit('rules')} {g} ."
            yield f"{f} {_iri(PROV_FROM)} {g} {g} ."
            yield f"{f} {_iri(AIKG + 'evidence')} {ev} {g} ."
            yield f"{ev} {_iri(RDF_TYPE)} {_iri(AIKG + 'Evidence')} {g} ."
            yield f"{ev} {_iri(AIKG + 'text')} {_lit(f'Sentence {k} of article {a}.')} {g} ."
            yield f"{ev} {_iri(AIKG + 'startOffset')} {_lit(k * 40, 'integer')} {g} ."
            yield f"{ev} {_iri(AIKG + 'endOffset')} {_lit(k * 40 + 39, 'integer')} {g} ."
            made += 1


def _timed(run: Callable[[], int], repeat: int, warm_up: bool = True) -> tuple[list[float], int]:
    rows = run() if warm_up else 0
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        rows = run()
        times.append((time.perf_counter() - start) * 1000)
    return times, rows


def _p(times: list[float], q: float) -> float:
    if len(times) == 1:
        return times[0]
    return statistics.quantiles(times, n=100, method="inclusive")[int(q) - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10000, help="number of fact nodes")
    parser.add_argument("--per-article", type=int, default=12, help="facts per named graph")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query (pyoxigraph)")
    parser.add_argument("--rdflib-repeat", type=int, default=3, help="timed runs per query (rdflib)")
    parser.add_argument("--no-rdflib", action="store_true", help="time pyoxigraph only")
    parser.add_argument("--no-oxigraph", action="store_true",
                        help="time rdflib only (at 10M quads both engines at once need over "
                             "20 GB; run them in two processes)")
    parser.add_argument("--only", nargs="*", help="only these named queries")
    parser.add_argument("--rdflib-only", nargs="*", metavar="NAME",
                        help="run rdflib on these named queries only (the others: pyoxigraph "
                             "only); at 10M quads rdflib takes minutes a query")
    parser.add_argument("--rdflib-no-warm-up", action="store_true",
                        help="time rdflib's first run too (no warm-up run)")
    args = parser.parse_args(argv)

    # the graph goes through a temporary file, so neither engine holds its text in memory too
    folder = tempfile.TemporaryDirectory(prefix="aikg-bench-query-")
    path = Path(folder.name) / "graph.nq"
    started = time.perf_counter()
    with path.open("w", encoding="utf-8") as out:
        for line in synthetic_nquads(args.facts, args.per_article):
            out.write(line + "\n")
    print(f"synthetic graph: {args.facts} facts, {path.stat().st_size / 1e6:,.0f} MB of N-Quads "
          f"({time.perf_counter() - started:.1f}s to generate)")
    store = None
    if not args.no_oxigraph:
        started = time.perf_counter()
        store = to_store(str(path))
        print(f"pyoxigraph store: {len(store):,} quads, loaded in "
              f"{time.perf_counter() - started:.1f}s")
    dataset = None
    if not args.no_rdflib:
        from rdflib import Dataset

        started = time.perf_counter()
        dataset = Dataset(default_union=True)
        dataset.parse(source=str(path), format="nquads")
        print(f"rdflib Dataset loaded in {time.perf_counter() - started:.1f}s")
    folder.cleanup()

    # required parameters get a value; optional ones stay unbound (the whole graph is queried)
    params = {"entity": "Company 1"}
    queries = named_queries()
    names = args.only or list(queries)
    header = (f"{'query':<14} {'rows':>6}  {'oxigraph p50':>12} {'p95':>8}"
              + ("" if args.no_rdflib else f"  {'rdflib p50':>10} {'p95':>8} {'speed-up':>8}"))
    if store is None:
        header = f"{'query':<14} {'rows':>6}  {'rdflib p50':>10} {'p95':>8}"
    print()
    print(header)
    print("-" * len(header))
    for name in names:
        q = queries[name]
        bindings = {p.name: params[p.name] for p in q.params if p.required}
        text = inject_bindings(q.text, bindings)
        check_read_only(text)

        def oxigraph(text: str = text) -> int:
            assert store is not None
            answer: Any = store.query(text, use_default_graph_as_union=True)
            return len(list(answer))

        if store is not None:
            ox_times, ox_rows = _timed(oxigraph, args.repeat)
            line = f"{name:<14} {ox_rows:>6}  {_p(ox_times, 50):>10.1f}ms {_p(ox_times, 95):>6.1f}ms"
        else:
            ox_times, ox_rows, line = [], 0, f"{name:<14}"
        if dataset is not None and (args.rdflib_only is None or name in args.rdflib_only):
            def rdflib_engine(text: str = text) -> int:
                return len(list(dataset.query(text)))

            try:
                rd_times, rd_rows = _timed(rdflib_engine, args.rdflib_repeat,
                                           warm_up=not args.rdflib_no_warm_up)
            except Exception as err:  # noqa: BLE001 - rdflib's engine fails on some queries
                line += f"  {'fails':>10}  ({type(err).__name__}: {str(err)[:40]})"
            else:
                if store is None:
                    line += f" {rd_rows:>6}  {_p(rd_times, 50):>8.1f}ms {_p(rd_times, 95):>6.1f}ms"
                    print(line)
                    continue
                speedup = _p(rd_times, 50) / max(_p(ox_times, 50), 1e-6)
                line += (f"  {_p(rd_times, 50):>8.1f}ms {_p(rd_times, 95):>6.1f}ms "
                         f"{speedup:>7.0f}x")
                if rd_rows != ox_rows:
                    line += f"  (rdflib: {rd_rows} rows)"
        print(line)
    _ = _value  # the runner's converter is not timed: both columns count raw solutions
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
