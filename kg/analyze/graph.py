"""The actor graph: who does what to whom, read from the fact nodes of an aikg dataset.

Nodes are entity IRIs (``str``) with the attributes ``label``, ``type`` (one of
:data:`kg.types.ENTITY_TYPES`, the first in that order when an entity has several), ``types``
(all of them, sorted) and ``wikidata`` (``"Qnn"`` or ``None``). There is one edge
``subject → object`` per pair of entities linked by at least one fact whose object is an entity
(literal relations such as ``valued_at`` make no edge) with the attributes

- ``weight``: the number of *independent* facts on the pair, i.e. distinct
  ``(article, relation, evidence sentence)`` triples, so the same sentence read twice in one
  article counts once while the same deal reported by two articles counts twice;
- ``relations``: the sorted relation names;
- ``facts``: one dict per fact node (``relation``, ``modality``, ``sources``, ``evidence``,
  ``article``, ``fact``, ``date``, ``amount_usd``), sorted;
- ``symmetric_weight``: how many of the independent facts are symmetric relations
  (:data:`kg.types.SYMMETRIC_RELATIONS`), and ``symmetric``: whether every fact on the edge is.

A symmetric fact is stored once, in the direction extracted (or on the edge that already links
the pair the other way round); :func:`expand_symmetric` gives the view in which it counts for both
directions, which is what the measures of :mod:`kg.analyze.centrality` use. Publishers credited
as sources (``aikg:attributedTo``) are provenance, not actors, and never become nodes unless
they take part in a fact themselves.

>>> from rdflib import Dataset
>>> G = actor_graph(Dataset())
>>> G.number_of_nodes(), G.number_of_edges()
(0, 0)
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.types import ENTITY_TYPES, RELATIONS, SYMMETRIC_RELATIONS

log = logging.getLogger(__name__)

_AIKG = "https://w3id.org/aikg/ontology#"
_PREFIXES = f"""PREFIX aikg: <{_AIKG}>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

_FACTS_QUERY = _PREFIXES + """
SELECT DISTINCT ?fact ?subject ?relation ?object ?modality ?evidence ?article ?graph ?date
       ?amount
WHERE {
  ?fact aikg:subject ?subject ;
        aikg:relation ?relation ;
        aikg:object ?object .
  FILTER(isIRI(?object))
  OPTIONAL { ?fact aikg:modality ?modality }
  OPTIONAL { ?fact aikg:evidence ?ev . ?ev aikg:text ?evidence }
  OPTIONAL { ?fact prov:wasDerivedFrom ?article }
  OPTIONAL { GRAPH ?graph { ?fact aikg:subject ?subject } }
  OPTIONAL { ?fact aikg:date ?date }
  OPTIONAL { ?fact aikg:amountUSD ?amount }
}
"""

_SOURCES_QUERY = _PREFIXES + """
SELECT DISTINCT ?fact ?source ?label WHERE {
  ?fact aikg:attributedTo ?source .
  OPTIONAL { ?source rdfs:label ?label }
}
"""

# Entities are described again in every article graph that names them: three DISTINCT queries
# rather than one with OPTIONALs, whose cross product grows with the square of the repetitions.
_TYPES_QUERY = _PREFIXES + """
SELECT DISTINCT ?entity ?type WHERE {
  VALUES ?type { TYPES }
  ?entity a ?type .
}
""".replace("TYPES", " ".join(f"aikg:{t}" for t in (*ENTITY_TYPES, "Entity")))

_LABELS_QUERY = _PREFIXES + """
SELECT DISTINCT ?entity ?label WHERE { ?entity rdfs:label ?label }
"""

_WIKIDATA_QUERY = _PREFIXES + """
SELECT DISTINCT ?entity ?wikidata WHERE { ?entity aikg:wikidataId ?wikidata }
"""

#: The predicates the queries read; only these are copied from an rdflib dataset.
_PREDICATES: tuple[str, ...] = (
    *(_AIKG + name for name in ("subject", "relation", "object", "modality", "evidence", "text",
                                "date", "amountUSD", "attributedTo", "wikidataId")),
    "http://www.w3.org/ns/prov#wasDerivedFrom",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/2000/01/rdf-schema#label",
)

_TYPE_RANK = {name: i for i, name in enumerate(ENTITY_TYPES)}
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


@lru_cache(maxsize=1024)
def relation_name(prop: str) -> str:
    """The FACTS.md relation name of an aikg property IRI (or local name).

    Args:
        prop: ``https://w3id.org/aikg/ontology#investsIn`` or just ``investsIn``.

    Returns:
        The relation name, e.g. ``invests_in``: from the ontology's ``aikg:factRelation``
        (``kg.rdf.terms``) when it knows the property, else the local name in snake case.

    >>> relation_name("https://w3id.org/aikg/ontology#providesComputeTo")
    'provides_compute_to'
    >>> relation_name("ceoOf")
    'ceo_of'
    """
    if prop.startswith(_AIKG):
        try:  # the ontology is the source of truth for the map (aikg:factRelation)
            from kg.rdf.terms import relation_for

            return relation_for(prop)
        except (ImportError, KeyError, KGError) as err:
            log.debug("relation %s: %s; deriving the name from the IRI", prop, err)
    local = prop.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    name = _CAMEL.sub("_", local).lower()
    if name not in RELATIONS:
        log.debug("relation %s is not in the FACTS.md vocabulary", prop)
    return name


def primary_type(types: Iterable[str]) -> str:
    """The one type shown for an entity: the first of ``types`` in :data:`ENTITY_TYPES` order.

    >>> primary_type(["Product", "AIModel"])
    'AIModel'
    >>> primary_type([])
    'Entity'
    """
    known = sorted(set(types), key=lambda t: (_TYPE_RANK.get(t, len(_TYPE_RANK)), t))
    return known[0] if known else "Entity"


def _text(value: Any) -> str | None:
    """A pyoxigraph term as a plain string (IRI, lexical form), or ``None``."""
    return None if value is None else str(value.value)


def _to_store(ds: Any) -> Any:
    """``ds`` as a ``pyoxigraph.Store``: itself, or an in-memory copy of the quads of an rdflib
    ``Dataset``/``Graph`` that the queries read (rdflib's SPARQL engine is ~20x slower here)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(ds, ox.Store):
        return ds
    if not hasattr(ds, "triples"):
        raise TypeError(f"actor_graph: expected an rdflib Dataset/Graph or a pyoxigraph Store, "
                        f"got {type(ds).__name__}")
    iris: dict[str, Any] = {}  # IRIs repeat (every entity in every graph): build each once

    def term(node: Any) -> Any:
        if type(node) is URIRef:
            found = iris.get(node)
            if found is None:
                found = iris[node] = ox.NamedNode(str(node))
            return found
        if isinstance(node, Literal):  # rdflib hashes literals slowly: no cache
            if node.language:
                return ox.Literal(str(node), language=node.language)
            if node.datatype:
                return ox.Literal(str(node), datatype=term(node.datatype))
            return ox.Literal(str(node))
        if isinstance(node, URIRef):
            return ox.NamedNode(str(node))
        if isinstance(node, BNode):
            return ox.BlankNode(str(node))
        raise TypeError(f"actor_graph: unexpected RDF term {node!r}")

    graphs: dict[Any, Any] = {}

    def graph_name(context: Any) -> Any:
        name = getattr(context, "identifier", context)  # a Graph, or its name
        found = graphs.get(name)
        if found is None:
            if name is None or str(name).startswith("urn:x-rdflib:default"):
                found = ox.DefaultGraph()
            else:
                found = term(name)
            graphs[name] = found
        return found

    quads = []
    for predicate in map(URIRef, _PREDICATES):
        ox_predicate = term(predicate)
        if hasattr(ds, "quads"):  # Dataset / ConjunctiveGraph: every graph
            for s, _, o, context in ds.quads((None, predicate, None, None)):
                quads.append(ox.Quad(term(s), ox_predicate, term(o), graph_name(context)))
        else:
            for s, _, o in ds.triples((None, predicate, None)):
                quads.append(ox.Quad(term(s), ox_predicate, term(o), ox.DefaultGraph()))
    store = ox.Store()
    store.extend(quads)
    return store


def _select(store: Any, query: str) -> Iterator[dict[str, str | None]]:
    """Run a SELECT over the union of all graphs of a pyoxigraph store."""
    result = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    for solution in result:
        yield {name: _text(solution[name]) for name in names}


@dataclass(frozen=True)
class _FactRow:
    fact: str
    subject: str
    relation: str
    object: str
    modality: str
    evidence: str
    article: str
    date: str | None
    amount_usd: float | None

    def sort_key(self) -> tuple[str, ...]:
        return (self.article, self.subject, self.relation, self.object, self.evidence, self.fact)

    def independent_key(self) -> tuple[str, str, str]:
        """Facts with the same article, relation and evidence sentence count once."""
        return (self.article, self.relation, self.evidence or self.fact)


def _fact_rows(ds: Any) -> list[_FactRow]:
    seen: dict[str, _FactRow] = {}
    for row in _select(ds, _FACTS_QUERY):
        fact = row["fact"] or ""
        amount = row.get("amount")
        candidate = _FactRow(
            fact=fact,
            subject=row["subject"] or "",
            relation=relation_name(row["relation"] or ""),
            object=row["object"] or "",
            modality=(row.get("modality") or f"{_AIKG}asserted").rsplit("#", 1)[-1],
            evidence=row.get("evidence") or "",
            article=row.get("article") or row.get("graph") or "",  # the named graph is the article
            date=row.get("date"),
            amount_usd=float(amount) if amount is not None else None,
        )
        # A fact node is in one article graph; OPTIONAL cross products (two evidence texts…)
        # are resolved deterministically by keeping the smallest row.
        if fact not in seen or candidate.sort_key() < seen[fact].sort_key():
            seen[fact] = candidate
    return sorted(seen.values(), key=_FactRow.sort_key)


def _sources(ds: Any) -> dict[str, list[str]]:
    names: dict[str, set[str]] = {}
    for row in _select(ds, _SOURCES_QUERY):
        fact, source = row["fact"] or "", row["source"] or ""
        names.setdefault(fact, set()).add(row.get("label") or source.rsplit("/", 1)[-1])
    return {fact: sorted(labels) for fact, labels in names.items()}


def _entities(ds: Any) -> dict[str, dict[str, Any]]:
    info: dict[str, dict[str, Any]] = {}
    for row in _select(ds, _TYPES_QUERY):
        entry = info.setdefault(row["entity"] or "",
                                {"types": set(), "labels": set(), "wikidata": set()})
        entry["types"].add((row["type"] or "").rsplit("#", 1)[-1])
    for key, query in (("labels", _LABELS_QUERY), ("wikidata", _WIKIDATA_QUERY)):
        column = "label" if key == "labels" else "wikidata"
        for row in _select(ds, query):
            if row[column]:
                info.setdefault(row["entity"] or "", {"types": set(), "labels": set(),
                                                      "wikidata": set()})[key].add(row[column])
    return info


def _node_attrs(iri: str, entry: dict[str, Any] | None) -> dict[str, Any]:
    entry = entry or {"types": set(), "labels": set(), "wikidata": set()}
    labels = sorted(entry["labels"])
    types = sorted(entry["types"])
    wikidata = sorted(entry["wikidata"])
    return {
        "label": labels[0] if labels else iri.rstrip("/").rsplit("/", 1)[-1],
        "type": primary_type(types),
        "types": types,
        "wikidata": wikidata[0] if wikidata else None,
    }


def actor_graph(
    ds: Any,
    *,
    include_isolated: bool = True,
    modalities: Collection[str] | None = None,
) -> nx.DiGraph:
    """Build the actor graph of an aikg dataset from its fact nodes.

    Args:
        ds: an rdflib ``Dataset`` (queried over the union of its named graphs), an rdflib
            ``Graph``, or a ``pyoxigraph.Store``.
        include_isolated: also add entities that take part in no entity-to-entity fact
            (a company only mentioned, or only valued). Entities typed only ``Publisher`` are
            never added unless they take part in a fact.
        modalities: keep only facts with these modalities (e.g. exclude ``"denied"``);
            ``None`` keeps every fact.

    Returns:
        A ``networkx.DiGraph`` as described in the module docstring; nodes and edges are
        inserted in sorted order, so the same dataset always gives the same graph.

    >>> from rdflib import Dataset
    >>> ds = Dataset()
    >>> _ = ds.parse(data='''
    ... @prefix aikg: <https://w3id.org/aikg/ontology#> .
    ... @prefix e: <https://w3id.org/aikg/id/entity/> .
    ... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... <https://w3id.org/aikg/id/article/a> {
    ...   e:msft a aikg:Company ; rdfs:label "Microsoft" .
    ...   e:openai a aikg:Company ; rdfs:label "OpenAI" .
    ...   <https://w3id.org/aikg/id/fact/1> aikg:subject e:msft ; aikg:object e:openai ;
    ...       aikg:relation aikg:investsIn ; aikg:modality aikg:asserted .
    ... }''', format="trig")
    >>> G = actor_graph(ds)
    >>> [(G.nodes[u]["label"], G.nodes[v]["label"], d["relations"], d["weight"])
    ...  for u, v, d in G.edges(data=True)]
    [('Microsoft', 'OpenAI', ['invests_in'], 1)]
    """
    ds = _to_store(ds)
    rows = _fact_rows(ds)
    if modalities is not None:
        wanted = set(modalities)
        rows = [r for r in rows if r.modality in wanted]
    sources = _sources(ds)
    entities = _entities(ds)

    edges: dict[tuple[str, str], dict[str, Any]] = {}

    def edge_for(u: str, v: str) -> dict[str, Any]:
        return edges.setdefault((u, v), {"facts": [], "keys": set(), "sym_keys": set(),
                                          "relations": set(), "all_symmetric": True})

    # Directed facts first, then symmetric ones, each in sorted order: a symmetric fact joins
    # whichever edge already links the pair (forward first), so the result is order-free.
    directed = [r for r in rows if r.relation not in SYMMETRIC_RELATIONS]
    symmetric = [r for r in rows if r.relation in SYMMETRIC_RELATIONS]
    for row in directed + symmetric:
        u, v = row.subject, row.object
        is_sym = row.relation in SYMMETRIC_RELATIONS
        if is_sym and (u, v) not in edges and (v, u) in edges:
            u, v = v, u
        entry = edge_for(u, v)
        key = row.independent_key()
        entry["keys"].add(key)
        if is_sym:
            entry["sym_keys"].add(key)
        else:
            entry["all_symmetric"] = False
        entry["relations"].add(row.relation)
        entry["facts"].append({
            "relation": row.relation,
            "modality": row.modality,
            "sources": sources.get(row.fact, []),
            "evidence": row.evidence,
            "article": row.article,
            "fact": row.fact,
            "date": row.date,
            "amount_usd": row.amount_usd,
        })

    nodes: set[str] = {n for pair in edges for n in pair}
    if include_isolated:
        nodes.update(iri for iri, e in entities.items() if e["types"] - {"Publisher"})

    G = nx.DiGraph()
    for iri in sorted(nodes):
        G.add_node(iri, **_node_attrs(iri, entities.get(iri)))
    for (u, v) in sorted(edges):
        entry = edges[(u, v)]
        facts = sorted(entry["facts"], key=lambda f: (f["article"], f["relation"],
                                                      f["evidence"], f["fact"]))
        G.add_edge(u, v, weight=len(entry["keys"]), relations=sorted(entry["relations"]),
                   facts=facts, symmetric_weight=len(entry["sym_keys"]),
                   symmetric=entry["all_symmetric"])
    log.info("actor graph: %d nodes, %d edges from %d facts",
             G.number_of_nodes(), G.number_of_edges(), len(rows))
    return G


def expand_symmetric(G: nx.Graph, weight: str = "weight") -> nx.Graph:
    """The directed view in which symmetric facts count for both directions.

    Every edge ``u → v`` with ``symmetric_weight > 0`` also contributes ``v → u`` with that
    weight (added to an existing ``v → u`` edge, or as a new edge). Graphs with no such edge
    (any plain networkx graph) are returned unchanged, not copied.

    Args:
        G: an actor graph (or any networkx graph).
        weight: the edge attribute that holds the weight.

    Returns:
        ``G`` itself, or a new graph of the same class.

    >>> G = nx.DiGraph()
    >>> G.add_edge("a", "b", weight=2, symmetric_weight=1)
    >>> H = expand_symmetric(G)
    >>> sorted(H.edges(data="weight"))
    [('a', 'b', 2), ('b', 'a', 1)]
    """
    if not G.is_directed():
        return G
    sym = [(u, v, d.get("symmetric_weight", 0)) for u, v, d in G.edges(data=True)
           if d.get("symmetric_weight", 0)]
    if not sym:
        return G
    H = G.copy()
    for u, v, w in sym:
        if not H.is_multigraph() and H.has_edge(v, u):
            H[v][u][weight] = H[v][u].get(weight, 1) + w
        else:
            H.add_edge(v, u, **{weight: w, "reverse_of_symmetric": True})
    return H
