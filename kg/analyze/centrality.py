"""Centrality measures of the actor graph, one function per measure (networkx style).

Every function takes a graph and returns ``{node: value}``. Actor graphs from
:func:`kg.analyze.graph.actor_graph` are first expanded with
:func:`~kg.analyze.graph.expand_symmetric`, so a partnership counts for both partners; any other
networkx graph is measured as it is, and then every measure equals its networkx namesake.

Engines. ``engine="auto"`` (the default) calls the networkx function for graphs of up to
:data:`IGRAPH_THRESHOLD` nodes (so networkx's own backend dispatch, ``nx.config``, still applies)
and python-igraph above it; ``"networkx"`` or ``"igraph"`` forces one. igraph gives the same
values as networkx (tested), 50-100x faster for betweenness and closeness. Beyond
:data:`EXACT_LIMIT` nodes, ``"auto"`` also trades exactness for time:

- betweenness samples :data:`BETWEENNESS_SAMPLES` source nodes (seeded, drawn exactly as
  networkx draws them for ``k``) and rescales as networkx does (pass ``k`` to choose);
- closeness becomes the *harmonic* closeness estimated from :data:`CLOSENESS_SAMPLES` seeded BFS
  sources (pass ``samples`` to choose): ``mean over sampled u != v of 1 / d(u, v)``, which lies
  in [0, 1] like closeness and, unlike it, is well defined on disconnected graphs. Up to the
  limit, closeness is networkx's (Wasserman–Faust scaled for disconnected graphs).

Edge weights count independent facts, so ``weight`` is used by degree (when asked), PageRank and
eigenvector centrality; betweenness and closeness count hops (a weight there would be read as a
distance, the opposite meaning).

>>> G = nx.DiGraph([("a", "b"), ("b", "c")])
>>> degree(G)
{'a': 1, 'b': 2, 'c': 1}
>>> betweenness(G)["b"]
0.5
"""

from __future__ import annotations

import logging
import math
import random
import warnings
from collections.abc import Callable
from functools import lru_cache
from typing import Any, Literal

import networkx as nx

from kg.analyze.graph import expand_symmetric

log = logging.getLogger(__name__)

Engine = Literal["auto", "networkx", "igraph"]

#: Graphs with more nodes than this are measured with python-igraph under ``engine="auto"``
#: (networkx's exact betweenness takes minutes from about 10,000 nodes; igraph seconds).
IGRAPH_THRESHOLD = 5_000
#: Beyond this many nodes ``engine="auto"`` samples betweenness and closeness.
EXACT_LIMIT = 20_000
#: Sources sampled for betweenness beyond :data:`EXACT_LIMIT` when ``k`` is not given.
BETWEENNESS_SAMPLES = 512
#: BFS sources sampled for the harmonic closeness estimate beyond :data:`EXACT_LIMIT`.
CLOSENESS_SAMPLES = 512

#: The measures of :func:`centrality_table`, in column order.
MEASURES: tuple[str, ...] = (
    "degree", "in_degree", "out_degree", "betweenness", "closeness", "eigenvector", "pagerank",
)


@lru_cache(maxsize=1)
def igraph_available() -> bool:
    """Whether python-igraph can be imported (the large-graph engine).

    >>> isinstance(igraph_available(), bool)
    True
    """
    try:
        import igraph  # noqa: F401
    except ImportError:
        return False
    return True


class _Prepared:
    """A graph ready to be measured: the symmetric expansion, and lazily its igraph twin and
    undirected view, so that :func:`centrality_table` converts once for all measures."""

    def __init__(self, G: nx.Graph, weight: str | None = "weight") -> None:
        self.original = G
        self.G = expand_symmetric(G, weight or "weight")
        self.nodes: list[Any] = list(self.G)
        self._igraph: dict[tuple[bool, str], Any] = {}
        self._undirected: dict[str, nx.Graph] = {}

    def __len__(self) -> int:
        return len(self.nodes)

    def use_igraph(self, engine: Engine) -> bool:
        if engine not in ("auto", "networkx", "igraph"):
            raise ValueError(f"engine={engine!r}: expected 'auto', 'networkx' or 'igraph'")
        if engine == "igraph":
            if not igraph_available():
                raise ImportError("engine='igraph' needs python-igraph: pip install python-igraph")
            return True
        if engine == "auto" and len(self) > IGRAPH_THRESHOLD:
            if igraph_available():
                return True
            log.warning("%d nodes but python-igraph is not installed: measuring with networkx "
                        "(slow); pip install python-igraph", len(self))
        return False

    def undirected(self, weight: str | None) -> nx.Graph:
        """Undirected view of the *unexpanded* graph, weights of ``u→v`` and ``v→u`` summed
        (each fact counted once)."""
        key = weight or "weight"
        if key not in self._undirected:
            G = self.original
            if not G.is_directed() and not G.is_multigraph():
                self._undirected[key] = G
            else:
                U = nx.Graph()
                U.add_nodes_from(G)
                for u, v, d in G.edges(data=True):
                    w = d.get(key, 1)
                    if U.has_edge(u, v):
                        U[u][v][key] += w
                    else:
                        U.add_edge(u, v, **{key: w})
                self._undirected[key] = U
        return self._undirected[key]

    def igraph(self, undirected: bool = False, weight: str | None = None) -> Any:
        """The igraph twin (vertex ``i`` is ``self.nodes[i]``), with an edge attribute
        ``weight`` holding ``weight`` (1 when missing)."""
        key = weight or "weight"
        if (undirected, key) not in self._igraph:
            import igraph as ig

            G = self.undirected(weight) if undirected else self.G
            index = {n: i for i, n in enumerate(self.nodes)}
            edges = [(index[u], index[v]) for u, v in G.edges()]
            weights = [float(d.get(key, 1)) for _, _, d in G.edges(data=True)]
            self._igraph[(undirected, key)] = ig.Graph(
                n=len(self.nodes), edges=edges, directed=G.is_directed() and not undirected,
                edge_attrs={"weight": weights})
        return self._igraph[(undirected, key)]

    def result(self, values: Any) -> dict[Any, Any]:
        return {n: _clean(v) for n, v in zip(self.nodes, values)}


def _clean(value: Any) -> Any:
    """igraph returns NaN for undefined values (isolated nodes); networkx returns 0."""
    if isinstance(value, float) and math.isnan(value):
        return 0.0
    return value


def _prepare(G: nx.Graph | _Prepared, weight: str | None = "weight") -> _Prepared:
    return G if isinstance(G, _Prepared) else _Prepared(G, weight)


# --- degree -----------------------------------------------------------------------------------

def _degree(G: nx.Graph | _Prepared, mode: str, weight: str | None, normalized: bool,
            engine: Engine) -> dict[Any, float]:
    p = _prepare(G, weight)
    if p.use_igraph(engine):
        g = p.igraph(weight=weight)
        ig_mode = {"degree": "all", "in": "in", "out": "out"}[mode]
        if not g.is_directed():
            ig_mode = "all"
        if weight is None:
            raw = p.result(g.degree(mode=ig_mode, loops=True))
        else:
            raw = p.result(g.strength(mode=ig_mode, loops=True, weights="weight"))
            raw = {n: _as_number(v) for n, v in raw.items()}
    else:
        H = p.G
        if mode == "degree" or not H.is_directed():
            view: Any = H.degree
        else:
            view = H.in_degree if mode == "in" else H.out_degree
        raw = dict(view(weight=weight))
    if not normalized:
        return raw
    if len(p) <= 1:
        return dict.fromkeys(p.nodes, 1.0)  # as nx.degree_centrality
    scale = 1.0 / (len(p) - 1)
    return {n: d * scale for n, d in raw.items()}


def _as_number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def degree(G: nx.Graph, *, weight: str | None = None, normalized: bool = False,
           engine: Engine = "auto") -> dict[Any, float]:
    """Degree (in + out) of every node; symmetric facts count in both directions.

    Args:
        G: the graph.
        weight: edge attribute to sum instead of counting edges (``"weight"`` counts
            independent facts); ``None`` counts edges.
        normalized: divide by ``n - 1`` (then equal to ``nx.degree_centrality``).
        engine: ``"auto"``, ``"networkx"`` or ``"igraph"``.

    Returns:
        ``{node: degree}``.

    >>> G = nx.DiGraph([("a", "b"), ("a", "c")])
    >>> degree(G), degree(G, normalized=True)["a"]
    ({'a': 2, 'b': 1, 'c': 1}, 1.0)
    """
    return _degree(G, "degree", weight, normalized, engine)


def in_degree(G: nx.Graph, *, weight: str | None = None, normalized: bool = False,
              engine: Engine = "auto") -> dict[Any, float]:
    """In-degree of every node (the degree, for undirected graphs). See :func:`degree`.

    >>> in_degree(nx.DiGraph([("a", "b"), ("c", "b")]))
    {'a': 0, 'b': 2, 'c': 0}
    """
    return _degree(G, "in", weight, normalized, engine)


def out_degree(G: nx.Graph, *, weight: str | None = None, normalized: bool = False,
               engine: Engine = "auto") -> dict[Any, float]:
    """Out-degree of every node (the degree, for undirected graphs). See :func:`degree`.

    >>> out_degree(nx.DiGraph([("a", "b"), ("a", "c")]))
    {'a': 2, 'b': 0, 'c': 0}
    """
    return _degree(G, "out", weight, normalized, engine)


# --- betweenness ------------------------------------------------------------------------------

def _rescale_betweenness(raw: dict[Any, float], n: int, *, normalized: bool, directed: bool,
                         sampled: list[Any] | None) -> dict[Any, float]:
    """networkx's rescaling of raw pair-dependency sums (endpoints excluded)."""
    N = n - 1
    if N < 2:
        return raw
    k = None if sampled is None else len(sampled)
    correction = 1 if directed else 2
    if k is None:
        scale = 1 / (N * (N - 1)) if normalized else N / (N * correction)
        return {v: b * scale for v, b in raw.items()}
    if normalized:
        s_source = 1 / ((k - 1) * (N - 1)) if k > 1 else math.nan
        s_other = 1 / (k * (N - 1))
    else:
        s_source = N / ((k - 1) * correction) if k > 1 else math.nan
        s_other = N / (k * correction)
    chosen = set(sampled or ())
    return {v: b * (s_source if v in chosen else s_other) for v, b in raw.items()}


def betweenness(G: nx.Graph, *, k: int | None = None, seed: int = 0, normalized: bool = True,
                weight: str | None = None, engine: Engine = "auto") -> dict[Any, float]:
    """Shortest-path betweenness of every node, as ``nx.betweenness_centrality``.

    Args:
        G: the graph.
        k: sample this many source nodes (``None``: all; on the igraph path under
            ``engine="auto"`` beyond :data:`EXACT_LIMIT` nodes, :data:`BETWEENNESS_SAMPLES`).
        seed: seed of the source sample; the same seed picks the same sources as networkx.
        normalized: divide by the number of ordered node pairs.
        weight: edge attribute read as a *distance* (``None``: hops).
        engine: ``"auto"``, ``"networkx"`` or ``"igraph"``.

    Returns:
        ``{node: betweenness}``.

    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    p = _prepare(G, weight)
    n = len(p)
    if k is not None and k >= n:
        k = None  # every node is a source: exact
    if not p.use_igraph(engine):
        return nx.betweenness_centrality(p.G, k=k, normalized=normalized, weight=weight,
                                         seed=seed)
    if k is None and engine == "auto" and n > EXACT_LIMIT:
        k = BETWEENNESS_SAMPLES
    if k is not None and k >= n:
        k = None
    g = p.igraph(weight=weight)
    weights = "weight" if weight is not None else None
    sampled: list[Any] | None = None
    if k is None:
        values = g.betweenness(directed=g.is_directed(), weights=weights)
    else:
        sampled = random.Random(seed).sample(p.nodes, k)
        index = {node: i for i, node in enumerate(p.nodes)}
        values = g.betweenness(directed=g.is_directed(), weights=weights,
                               sources=[index[s] for s in sampled])
        log.info("betweenness: igraph, %d of %d sources sampled (seed %d)", k, n, seed)
    if not g.is_directed():
        values = [2 * v for v in values]  # igraph halves undirected counts; networkx does not
    raw = p.result(values)
    return _rescale_betweenness(raw, n, normalized=normalized, directed=p.G.is_directed(),
                                sampled=sampled)


# --- closeness --------------------------------------------------------------------------------

def _harmonic_sampled(p: _Prepared, samples: int, seed: int) -> dict[Any, float]:
    """Harmonic closeness estimated from ``samples`` BFS sources (incoming distances)."""
    import numpy as np

    n = len(p)
    g = p.igraph()
    chosen = sorted(random.Random(seed).sample(range(n), min(samples, n)))
    total = np.zeros(n)
    for start in range(0, len(chosen), 64):
        chunk = chosen[start:start + 64]
        dist = np.asarray(g.distances(source=chunk, mode="out"), dtype=float)
        with np.errstate(divide="ignore"):
            inv = np.where(dist > 0, 1.0 / dist, 0.0)  # self (0) and unreachable (inf) add 0
        total += inv.sum(axis=0)
    counts = np.full(n, float(len(chosen)))
    counts[chosen] -= 1.0  # a sampled node is not its own source
    values = np.divide(total, counts, out=np.zeros(n), where=counts > 0)
    log.info("closeness: igraph harmonic estimate from %d of %d sources (seed %d)",
             len(chosen), n, seed)
    return p.result(values.tolist())


def closeness(G: nx.Graph, *, samples: int | None = None, seed: int = 0,
              distance: str | None = None, engine: Engine = "auto") -> dict[Any, float]:
    """Closeness of every node, as ``nx.closeness_centrality`` (incoming distances,
    Wasserman–Faust scaling for disconnected graphs).

    Args:
        G: the graph.
        samples: estimate *harmonic* closeness from this many seeded BFS sources instead
            (igraph path only; ``engine="auto"`` does so beyond :data:`EXACT_LIMIT` nodes).
        seed: seed of the source sample.
        distance: edge attribute read as a distance (``None``: hops).
        engine: ``"auto"``, ``"networkx"`` or ``"igraph"``.

    Returns:
        ``{node: closeness}``.

    >>> closeness(nx.DiGraph([("a", "b")]))
    {'a': 0.0, 'b': 1.0}
    """
    p = _prepare(G)
    n = len(p)
    if samples is not None and engine == "networkx":
        raise ValueError("closeness: samples= needs engine='igraph' or 'auto'")
    if not p.use_igraph(engine) and samples is None:
        return nx.closeness_centrality(p.G, distance=distance)
    if samples is None and engine == "auto" and n > EXACT_LIMIT and distance is None:
        samples = CLOSENESS_SAMPLES
    if samples is not None:
        if distance is not None:
            raise ValueError("closeness: the sampled estimate counts hops; pass distance=None")
        return _harmonic_sampled(p, samples, seed)
    if n <= 1:
        return dict.fromkeys(p.nodes, 0.0)
    g = p.igraph(weight=distance)
    weights = "weight" if distance is not None else None
    raw = g.closeness(mode="in", normalized=True, weights=weights)
    reach = g.neighborhood_size(order=n, mode="in")  # includes the node itself
    return p.result([_clean(c) * (r - 1) / (n - 1) for c, r in zip(raw, reach)])


# --- eigenvector ------------------------------------------------------------------------------

def eigenvector(G: nx.Graph, *, weight: str | None = "weight", max_iter: int = 1000,
                engine: Engine = "auto") -> dict[Any, float]:
    """Eigenvector centrality on the undirected view (unit Euclidean norm, as networkx).

    Directed eigenvector centrality is undefined on acyclic graphs (most actor graphs: money
    flows one way), so the graph is read as undirected, the weights of ``u→v`` and ``v→u``
    summed. Power iteration that does not converge falls back to the sparse eigensolver. On a
    disconnected graph the leading eigenvector is not unique, and the two engines may differ.

    Args:
        G: the graph.
        weight: edge attribute of the weights (``None``: every edge 1).
        max_iter: power-iteration limit.
        engine: ``"auto"``, ``"networkx"`` or ``"igraph"``.

    Returns:
        ``{node: centrality}``; ``{}`` for the empty graph.

    >>> {n: round(c, 3) for n, c in eigenvector(nx.DiGraph([("a", "b")])).items()}
    {'a': 0.707, 'b': 0.707}
    """
    p = _prepare(G, weight)
    n = len(p)
    if n == 0:
        return {}
    U = p.undirected(weight)
    if U.number_of_edges() == 0:
        return dict.fromkeys(p.nodes, 1 / math.sqrt(n))
    if not p.use_igraph(engine):
        try:
            return nx.eigenvector_centrality(U, max_iter=max_iter, weight=weight)
        except nx.PowerIterationFailedConvergence:
            log.info("eigenvector: power iteration did not converge; using the eigensolver")
            return nx.eigenvector_centrality_numpy(U, weight=weight)
    g = p.igraph(undirected=True, weight=weight)
    # g is undirected already; passing directed=False raises in python-igraph 1.0. igraph warns
    # on disconnected graphs, where the leading eigenvector is not unique; so does the docstring.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        values = g.eigenvector_centrality(scale=True,
                                          weights="weight" if weight is not None else None)
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return p.result([abs(v) / norm for v in values])


# --- pagerank ---------------------------------------------------------------------------------

def pagerank(G: nx.Graph, *, alpha: float = 0.85, weight: str | None = "weight",
             engine: Engine = "auto") -> dict[Any, float]:
    """PageRank of every node (networkx's scipy implementation, or igraph's PRPACK).

    Args:
        G: the graph.
        alpha: damping factor.
        weight: edge attribute of the weights (``"weight"``: independent facts).
        engine: ``"auto"``, ``"networkx"`` or ``"igraph"``.

    Returns:
        ``{node: pagerank}`` summing to 1; ``{}`` for the empty graph.

    >>> {n: round(v, 3) for n, v in pagerank(nx.DiGraph([("a", "b")])).items()}
    {'a': 0.351, 'b': 0.649}
    """
    p = _prepare(G, weight)
    if len(p) == 0:
        return {}
    if not p.use_igraph(engine):
        return nx.pagerank(p.G, alpha=alpha, weight=weight)
    g = p.igraph(weight=weight)
    values = g.pagerank(directed=g.is_directed(), damping=alpha,
                        weights="weight" if weight is not None else None)
    return p.result(values)


# --- table ------------------------------------------------------------------------------------

def _sort_value(value: float) -> float:
    """Round to 12 significant digits so float noise never outranks the label tie-break."""
    return float(f"{value:.12g}")


def centrality_table(G: nx.Graph, sort_by: str = "pagerank", *, engine: Engine = "auto",
                     limit: int | None = None) -> list[dict[str, Any]]:
    """Every measure for every node, ranked by ``sort_by`` (descending; ties by label, then id).

    Args:
        G: an actor graph (nodes with ``label`` and ``type``) or any networkx graph.
        sort_by: one of :data:`MEASURES`, or ``"entity"`` (alphabetical).
        engine: passed to every measure.
        limit: keep the first ``limit`` rows.

    Returns:
        Rows ``{rank, entity, type, degree, in_degree, out_degree, betweenness, closeness,
        eigenvector, pagerank, iri}``, ``rank`` starting at 1; ``[]`` for the empty graph.

    Raises:
        ValueError: ``sort_by`` is not a measure.

    >>> rows = centrality_table(nx.DiGraph([("a", "b"), ("c", "b")]))
    >>> [(r["rank"], r["entity"], r["in_degree"]) for r in rows]
    [(1, 'b', 2), (2, 'a', 0), (3, 'c', 0)]
    """
    if sort_by not in MEASURES and sort_by != "entity":
        raise ValueError(f"sort_by={sort_by!r}: expected one of {', '.join(MEASURES)}, entity")
    p = _Prepared(G)
    if len(p) == 0:
        return []
    functions: dict[str, Callable[..., dict[Any, float]]] = {
        "degree": degree, "in_degree": in_degree, "out_degree": out_degree,
        "betweenness": betweenness, "closeness": closeness, "eigenvector": eigenvector,
        "pagerank": pagerank,
    }
    values = {name: fn(p, engine=engine) for name, fn in functions.items()}
    rows: list[dict[str, Any]] = []
    for node in p.nodes:
        attrs = G.nodes[node]
        row: dict[str, Any] = {"rank": 0, "entity": str(attrs.get("label", node)),
                               "type": attrs.get("type", "")}
        for name in MEASURES:
            row[name] = values[name].get(node, 0.0)
        row["iri"] = str(node)
        rows.append(row)

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        primary = 0.0 if sort_by == "entity" else -_sort_value(float(row[sort_by]))
        return (primary, row["entity"], row["iri"])

    rows.sort(key=key)
    for rank, row in enumerate(rows, 1):
        row["rank"] = rank
    return rows[:limit] if limit is not None else rows
