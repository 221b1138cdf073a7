"""RDF → flat records: fact records as FACTS.md defines them, and entity records.

>>> from kg.types import Article, Entity, Extraction, Fact
>>> from kg.rdf.convert import add_extraction, new_dataset
>>> ds = new_dataset()
>>> fact = Fact("Microsoft", "invests_in", "OpenAI", amount_usd=1e9, date="2019")
>>> _ = add_extraction(ds, Extraction(Article.from_text("…", key="demo"), facts=(fact,)))
>>> fact_records(ds) == [fact.record()]
True
>>> [r["entity"] for r in entity_records(ds)]
['Microsoft', 'OpenAI']
"""

from __future__ import annotations

import json
import logging
from typing import Any

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Node, URIRef
from rdflib.namespace import PROV

from kg.rdf.convert import article_iri
from kg.rdf.graphs import has_graph, named_graphs
from kg.rdf.literals import number_value
from kg.rdf.namespace import AIKG, WD
from kg.rdf.terms import relation_for
from kg.types import ENTITY_TYPES

log = logging.getLogger(__name__)

__all__ = ["entity_records", "fact_records"]

_NUMBER_QUALIFIERS = (("amount_usd", AIKG.amountUSD), ("amount", AIKG.amount))
_TEXT_QUALIFIERS = (("currency", AIKG.currency), ("date", AIKG.date),
                    ("location", AIKG.location), ("market", AIKG.market),
                    ("capacity", AIKG.capacity), ("note", AIKG.note))
_ENTITY_CLASSES = {AIKG[name]: name for name in (*ENTITY_TYPES, "Entity")}


def fact_records(ds: Graph, graph: URIRef | str | None = None) -> list[dict[str, Any]]:
    """Every fact node of ``ds`` (or of one article's graph) as a FACTS.md record.

    Args:
        ds: a dataset built by :func:`kg.rdf.add_extraction`, or any graph holding fact nodes.
        graph: only this named graph: its IRI, or the key of its article.

    Returns:
        Records sorted by article, evidence offset, relation, subject and object. Subject
        and object are entity labels; numbers are ``int`` when integral; ``sources`` are the
        labels of the publishers the fact is attributed to, sorted.
    """
    graphs = named_graphs(ds)
    labels = _labels(graphs)
    if graph is not None:
        name = URIRef(str(graph))
        if not has_graph(ds, name):
            name = article_iri(str(graph))
        graphs = [g for g in graphs if g.identifier == name]
    keyed: dict[Node, tuple[tuple[Any, ...], dict[str, Any]]] = {}
    for g in graphs:
        for node in sorted(set(g.subjects(AIKG.relation, None)), key=str):
            if node in keyed:
                continue
            try:
                keyed[node] = _fact(g, labels, node)
            except (KeyError, ValueError) as err:
                log.warning("skipping malformed fact node %s: %s", node, err)
    return [record for _, record in sorted(keyed.values(), key=lambda item: item[0])]


def _fact(g: Graph, labels: dict[Node, list[str]], node: Node) -> tuple[tuple[Any, ...], dict[str, Any]]:
    relation = relation_for(_one(g, node, AIKG.relation))
    subject = _label(g, labels, _one(g, node, AIKG.subject))
    value = g.value(node, AIKG.objectValue)
    obj: Any = number_value(value) if value is not None else _label(
        g, labels, _one(g, node, AIKG.object))
    record: dict[str, Any] = {"subject": subject, "relation": relation, "object": obj}
    for field_name, prop in _NUMBER_QUALIFIERS:
        number = g.value(node, prop)
        if number is not None:
            record[field_name] = number_value(number)
    for field_name, prop in _TEXT_QUALIFIERS:
        text = g.value(node, prop)
        if text is not None:
            record[field_name] = str(text)
    record["sources"] = sorted(_label(g, labels, s) for s in g.objects(node, AIKG.attributedTo))
    modality = g.value(node, AIKG.modality)
    record["modality"] = str(modality).rsplit("#", 1)[-1] if modality is not None else "asserted"
    evidence = g.value(node, AIKG.evidence)
    text = g.value(evidence, AIKG.text) if evidence is not None else None
    record["evidence"] = str(text) if text is not None else ""
    start = g.value(evidence, AIKG.startOffset) if evidence is not None else None
    article = g.value(node, PROV.wasDerivedFrom)
    key = (str(article or g.identifier), int(str(start)) if start is not None else -1, relation,
           subject, str(obj), json.dumps(record, sort_keys=True, ensure_ascii=False))
    return key, record


def _one(g: Graph, node: Node, prop: URIRef) -> Node:
    value = g.value(node, prop)
    if value is None:
        raise ValueError(f"no {prop}")
    return value


def _labels(graphs: list[Graph]) -> dict[Node, list[str]]:
    """Every node's labels across ``graphs``, sorted (read graph by graph, not via the union)."""
    found: dict[Node, set[str]] = {}
    for g in graphs:
        for node, label in g.subject_objects(RDFS.label):
            found.setdefault(node, set()).add(str(label))
    return {node: sorted(names) for node, names in found.items()}


def _label(g: Graph, labels: dict[Node, list[str]], entity: Node) -> str:
    """The entity's label, preferring the fact's own graph; the IRI when it has none."""
    local = sorted(str(label) for label in g.objects(entity, RDFS.label))
    if local:
        return local[0]
    return labels.get(entity, [str(entity)])[0]


def entity_records(ds: Graph) -> list[dict[str, Any]]:
    """One gold-style entity record per entity IRI, sorted by label.

    Each is ``{"entity": label, "type": name or sorted list, "aliases": [...]}`` plus
    ``"wikidata": "Q…"`` when known. An entity described by several articles is merged.
    """
    graphs = named_graphs(ds)
    types: dict[Node, set[str]] = {}
    for g in graphs:
        for cls, name in _ENTITY_CLASSES.items():
            for entity in g.subjects(RDF.type, cls):
                types.setdefault(entity, set()).add(name)
    labels = _labels(graphs)
    aliases = _values(graphs, SKOS.altLabel)
    ids = _values(graphs, AIKG.wikidataId)
    same = _values(graphs, OWL.sameAs)
    keyed = []
    for entity, names in types.items():
        own = labels.get(entity, [])
        label = own[0] if own else str(entity)
        specific = sorted(names - {"Entity"}) or ["Entity"]
        record: dict[str, Any] = {
            "entity": label, "type": specific[0] if len(specific) == 1 else specific,
            "aliases": sorted((aliases.get(entity, set()) | set(own[1:])) - {label})}
        items = sorted(q[len(str(WD)):] for q in same.get(entity, ()) if q.startswith(str(WD)))
        wikidata = sorted(ids.get(entity, ())) or items
        if wikidata:
            record["wikidata"] = wikidata[0]
        keyed.append(((label, str(entity)), record))
    return [record for _, record in sorted(keyed, key=lambda item: item[0])]


def _values(graphs: list[Graph], prop: URIRef) -> dict[Node, set[str]]:
    found: dict[Node, set[str]] = {}
    for g in graphs:
        for node, value in g.subject_objects(prop):
            found.setdefault(node, set()).add(str(value))
    return found
