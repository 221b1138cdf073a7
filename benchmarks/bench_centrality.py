"""Time the centrality measures of ``kg.analyze`` against plain networkx (not a test).

Random scale-free actor graphs (Barabási–Albert, edges oriented at random, weights 1–3, one edge
in ten a symmetric relation) of each size in ``--sizes`` are measured three ways:

- ``kg auto``: ``kg.analyze`` as shipped (networkx up to ``IGRAPH_THRESHOLD`` nodes, igraph
  above it, with sampled betweenness and harmonic-sampled closeness beyond ``EXACT_LIMIT``);
- ``kg igraph``: ``kg.analyze`` forced onto igraph, always exact (so only up to ``EXACT_LIMIT``
  nodes unless ``--full``: exact betweenness of 100,000 nodes takes about 20 minutes);
- ``networkx``: the networkx function on the same (symmetric-expanded) graph, only up to 10,000
  nodes unless ``--full`` (exact betweenness and closeness are O(n·m) in pure Python).

Usage::

    python benchmarks/bench_centrality.py --sizes 1000,10000,100000
    python benchmarks/bench_centrality.py --sizes 2000 --full --measures pagerank,betweenness
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from kg.analyze import centrality as kc
from kg.analyze import expand_symmetric

log = logging.getLogger("bench_centrality")

NX_LIMIT = 10_000

NX_FUNCTIONS: dict[str, Callable[[nx.DiGraph], Any]] = {
    "degree": lambda G: dict(G.degree()),
    "in_degree": lambda G: dict(G.in_degree()),
    "out_degree": lambda G: dict(G.out_degree()),
    "betweenness": lambda G: nx.betweenness_centrality(G),
    "closeness": lambda G: nx.closeness_centrality(G),
    "eigenvector": lambda G: nx.eigenvector_centrality(G.to_undirected(), max_iter=1000,
                                                       weight="weight"),
    "pagerank": lambda G: nx.pagerank(G, weight="weight"),
}


def actor_like_graph(n: int, *, m: int = 2, seed: int = 0) -> nx.DiGraph:
    """A scale-free directed graph shaped like an actor graph (see the module docstring).

    >>> G = actor_like_graph(100, seed=1)
    >>> G.number_of_nodes(), all("weight" in d for _, _, d in G.edges(data=True))
    (100, True)
    """
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(n, m, seed=seed)
    G = nx.DiGraph()
    G.add_nodes_from(range(n), label="", type="Company")
    for u, v in base.edges():
        if rng.random() < 0.5:
            u, v = v, u
        symmetric = rng.random() < 0.1
        weight = rng.randint(1, 3)
        G.add_edge(u, v, weight=weight, symmetric_weight=weight if symmetric else 0,
                   symmetric=symmetric)
    return G


def _time(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> float:
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


def run(sizes: list[int], measures: list[str], *, full: bool, seed: int) -> list[dict[str, Any]]:
    """Measure every size and measure; rows ``{size, edges, measure, auto, igraph, networkx}``
    in seconds (``None`` when not run)."""
    rows: list[dict[str, Any]] = []
    warm = actor_like_graph(50, seed=seed)  # pay imports (scipy, igraph) before timing
    for name in measures:
        getattr(kc, name)(warm)
        NX_FUNCTIONS[name](warm)
        if kc.igraph_available():
            getattr(kc, name)(warm, engine="igraph")
    for n in sizes:
        start = time.perf_counter()
        G = actor_like_graph(n, seed=seed)
        log.info("n=%d: %d edges generated in %.2fs", n, G.number_of_edges(),
                 time.perf_counter() - start)
        expanded = expand_symmetric(G)
        for name in measures:
            fn = getattr(kc, name)
            row: dict[str, Any] = {"size": n, "edges": G.number_of_edges(), "measure": name}
            row["auto"] = _time(fn, G)
            forced = kc.igraph_available() and (full or n <= kc.EXACT_LIMIT)
            row["igraph"] = _time(fn, G, engine="igraph") if forced else None
            row["networkx"] = (_time(NX_FUNCTIONS[name], expanded)
                               if full or n <= NX_LIMIT else None)
            log.info("n=%d %-12s auto %s igraph %s networkx %s", n, name, _fmt(row["auto"]),
                     _fmt(row["igraph"]), _fmt(row["networkx"]))
            rows.append(row)
        row = {"size": n, "edges": G.number_of_edges(), "measure": "centrality_table",
               "auto": _time(kc.centrality_table, G), "igraph": None, "networkx": None}
        if kc.igraph_available() and (full or n <= kc.EXACT_LIMIT):
            row["igraph"] = _time(kc.centrality_table, G, engine="igraph")
        rows.append(row)
    return rows


def _fmt(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:.3f}"


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as a Markdown table (seconds)."""
    lines = ["| nodes | edges | measure | kg auto (s) | kg igraph (s) | networkx (s) |",
             "| ---: | ---: | --- | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r['size']:,} | {r['edges']:,} | {r['measure']} | {_fmt(r['auto'])} | "
                     f"{_fmt(r['igraph'])} | {_fmt(r['networkx'])} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated node counts (default: %(default)s)")
    parser.add_argument("--measures", default=",".join(kc.MEASURES),
                        help="comma-separated measures (default: all)")
    parser.add_argument("--full", action="store_true",
                        help=f"run networkx above {NX_LIMIT:,} nodes, and forced igraph above "
                             f"{kc.EXACT_LIMIT:,}, too (slow)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    measures = [m.strip() for m in args.measures.split(",") if m.strip()]
    unknown = sorted(set(measures) - set(kc.MEASURES))
    if unknown:
        parser.error(f"unknown measures: {', '.join(unknown)}")
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    rows = run(sizes, measures, full=args.full, seed=args.seed)
    out = logging.getLogger("bench_centrality.table")
    out.propagate = False
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    out.addHandler(handler)
    out.setLevel(logging.INFO)
    out.info("%s", table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
