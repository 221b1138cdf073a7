"""Extraction → RDF: one named graph per article (design.md, "RDF model").

``add_extraction`` first drops the article's graph, then writes the article node, the
entities it names, one n-ary fact node per fact (qualifiers, modality, provenance), the
evidence nodes and the direct edges. The same extraction always gives the same graph.

>>> from kg.types import Article, Entity, Extraction, Fact
>>> ds = new_dataset()
>>> ex = Extraction(Article.from_text("Microsoft invested $1 billion in OpenAI.", key="demo"),
...                 entities=(Entity("microsoft", "Microsoft", "Company"),
...                           Entity("openai", "OpenAI", "Company")),
...                 facts=(Fact("Microsoft", "invests_in", "OpenAI", amount_usd=1e9),))
>>> add_extraction(ds, ex)
rdflib.term.URIRef('https://w3id.org/aikg/id/article/demo')
>>> (ID["entity/microsoft"], AIKG.investsIn, ID["entity/openai"]) in ds
True
"""

from __future__ import annotations

import hashlib
import logging
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.rdf.literals import date_literal, decimal_literal
from kg.rdf.namespace import AIKG, ID, ORG, SCHEMA, WD
from kg.rdf.terms import fact_class_for, is_literal, property_for
from kg.resolve.iri import article_iri, entity_iri, entity_key
from kg.types import ENTITY_TYPES, MODALITIES, Article, Entity, Extraction, Fact

log = logging.getLogger(__name__)

__all__ = ["PREFIXES", "add_extraction", "article_iri", "bind_prefixes", "new_dataset"]

#: Prefixes bound on every dataset aikg makes (and used when serialising).
PREFIXES: dict[str, str] = {
    prefix: str(namespace) for prefix, namespace in (
        ("aikg", AIKG), ("id", ID), ("wd", WD), ("schema", SCHEMA), ("org", ORG),
        ("prov", PROV), ("skos", SKOS), ("owl", OWL), ("rdfs", RDFS), ("xsd", XSD),
        ("dcterms", DCTERMS))
}
_SEP = "\x1f"
_QUALIFIERS: tuple[tuple[str, URIRef], ...] = (
    ("currency", AIKG.currency), ("location", AIKG.location), ("market", AIKG.market),
    ("capacity", AIKG.capacity), ("note", AIKG.note),
)


def new_dataset() -> Dataset:
    """An empty dataset (``default_union=True``) with aikg's prefixes bound.

    >>> ds = new_dataset()
    >>> ds.default_union, dict(ds.namespaces())["aikg"]
    (True, rdflib.term.URIRef('https://w3id.org/aikg/ontology#'))
    """
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    return ds


def bind_prefixes(graph: Graph) -> None:
    """Bind aikg's prefixes on ``graph`` (a Graph or Dataset), replacing clashing bindings."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def _sha1(*parts: object) -> str:
    return hashlib.sha1(_SEP.join(str(p) for p in parts).encode("utf-8")).hexdigest()


@dataclass
class _EntityDescription:
    key: str
    label: str
    types: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    wikidata: str | None = None
    parent: str | None = None


class _Entities:
    """The entities of one extraction, found by name; unknown names are minted on demand."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.described: dict[str, _EntityDescription] = {}
        self._names: dict[str, str] = {}
        self._aliases: dict[str, str] = {}
        for entity in entities:
            desc = self.described.get(entity.key)
            if desc is None:
                desc = self.described[entity.key] = _EntityDescription(entity.key, entity.name)
            elif entity.name != desc.label:
                desc.aliases.add(entity.name)
            if entity.type:
                desc.types.add(entity.type)
            desc.aliases.update(entity.aliases)
            desc.wikidata = desc.wikidata or entity.wikidata
            desc.parent = desc.parent or entity.parent
            self._names.setdefault(entity.name, entity.key)
            self._names.setdefault(entity.name.casefold(), entity.key)
            for alias in entity.aliases:
                self._aliases.setdefault(alias, entity.key)
                self._aliases.setdefault(alias.casefold(), entity.key)

    def find(self, name: str) -> str | None:
        """The key of the entity called ``name`` (by name, alias, then key), if any."""
        for table in (self._names, self._aliases):
            for probe in (name, name.casefold()):
                if probe in table:
                    return table[probe]
        return name if name in self.described else None

    def iri(self, name: str, default_type: str | None = None) -> URIRef:
        """The IRI of the entity called ``name``; an unknown name becomes a new entity."""
        key = self.find(name)
        if key is None:
            key = entity_key(name)
            log.debug("entity %r not among the extraction's entities; minted %s", name, key)
            desc = self.described.setdefault(key, _EntityDescription(key, name))
            if desc.label != name:
                desc.aliases.add(name)
            self._names.setdefault(name, key)
        if default_type and not self.described[key].types:
            self.described[key].types.add(default_type)
        return entity_iri(key)

    def write(self, graph: TripleSet) -> None:
        for key in sorted(self.described):
            desc = self.described[key]
            node = entity_iri(key)
            for type_name in sorted(desc.types) or ["Entity"]:
                if type_name != "Entity" and type_name not in ENTITY_TYPES:
                    log.warning("entity %r has unknown type %r; typed aikg:Entity", key, type_name)
                    type_name = "Entity"
                graph.add((node, RDF.type, AIKG[type_name]))
            graph.add((node, RDFS.label, Literal(desc.label)))
            for alias in sorted(desc.aliases - {desc.label}):
                graph.add((node, SKOS.altLabel, Literal(alias)))
            if desc.wikidata:
                graph.add((node, OWL.sameAs, WD[desc.wikidata]))
                graph.add((node, AIKG.wikidataId, Literal(desc.wikidata)))
            if desc.parent:
                parent = self.find(desc.parent) or entity_key(desc.parent)
                graph.add((node, AIKG.parentOrganization, entity_iri(parent)))


def add_extraction(ds: Dataset, extraction: Extraction) -> URIRef:
    """Write ``extraction`` as the named graph of its article, replacing what was there.

    Args:
        ds: the dataset to extend (see :func:`new_dataset`).
        extraction: one article's entities and facts.

    Returns:
        The IRI of the article, which is also the name of its graph.

    Raises:
        ValueError: a fact has an unknown relation or modality, or a literal relation's
            object (or an amount) is not a finite number. Nothing is written then.
    """
    name, triples = article_triples(extraction)
    with warnings.catch_warnings():  # rdflib's remove_graph uses its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.remove_graph(name)
    graph = ds.graph(name)
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return name


class TripleSet:
    """The triples of one article's graph, collected before they go to a dataset or a store
    (a set: adding a triple twice keeps one, as in an rdflib ``Graph``, without its indexes)."""

    def __init__(self) -> None:
        self._triples: set[tuple[Any, Any, Any]] = set()

    def add(self, triple: tuple[Any, Any, Any]) -> None:
        """Add one ``(subject, predicate, object)`` triple of rdflib terms."""
        self._triples.add(triple)

    def __iter__(self) -> Iterator[tuple[Any, Any, Any]]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)


def article_triples(extraction: Extraction) -> tuple[URIRef, TripleSet]:
    """The triples of ``extraction``'s article graph and the graph's name (the article IRI):
    what :func:`add_extraction` writes, for callers that send them elsewhere (an on-disk
    store).

    Raises:
        ValueError: as :func:`add_extraction`.

    >>> from kg.types import Article, Extraction, Fact
    >>> name, triples = article_triples(Extraction(Article.from_text("…", key="demo"),
    ...                                            facts=(Fact("Microsoft", "invests_in", "OpenAI"),)))
    >>> str(name), len(triples) > 10
    ('https://w3id.org/aikg/id/article/demo', True)
    """
    article = extraction.article
    name = article_iri(article.key)
    scratch = TripleSet()
    entities = _Entities(extraction.entities)
    _write_article(scratch, name, article, entities)
    seen: set[Fact] = set()
    minted: set[URIRef] = set()
    for fact in extraction.facts:
        if fact in seen:
            continue
        seen.add(fact)
        _write_fact(scratch, name, article, fact, entities, minted)
    entities.write(scratch)
    log.debug("article %s: %d facts, %d triples", article.key, len(seen), len(scratch))
    return name, scratch


def _write_article(graph: TripleSet, node: URIRef, article: Article, entities: _Entities) -> None:
    graph.add((node, RDF.type, AIKG.Article))
    if article.title:
        graph.add((node, SCHEMA.headline, Literal(article.title)))
    if article.url:
        graph.add((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
    if article.path:
        graph.add((node, AIKG.path, Literal(article.path)))
    if article.publisher:
        graph.add((node, SCHEMA.publisher, entities.iri(article.publisher, "Publisher")))
    if article.date:
        graph.add((node, SCHEMA.datePublished, date_literal(article.date)))
    if article.content_hash:
        graph.add((node, AIKG.contentHash, Literal(article.content_hash)))


def _write_fact(graph: TripleSet, article_node: URIRef, article: Article, fact: Fact,
                entities: _Entities, minted: set[URIRef]) -> None:
    if fact.modality not in MODALITIES:
        raise ValueError(f"fact {fact.subject} {fact.relation} {fact.object}: unknown modality "
                         f"{fact.modality!r}; use one of {', '.join(MODALITIES)}")
    try:
        prop, fact_class = property_for(fact.relation), fact_class_for(fact.relation)
    except KeyError as err:
        raise ValueError(err.args[0]) from err
    literal = is_literal(fact.relation)
    if literal:
        try:
            obj_term: URIRef | Literal = decimal_literal(fact.object)
        except ValueError as err:
            raise ValueError(f"fact {fact.subject} {fact.relation}: the object must be a "
                             f"number ({err})") from err
        obj_text = str(obj_term)
    else:
        obj_text = str(fact.object)
        obj_default = "Location" if fact.relation == "builds_data_center" else None
        obj_term = entities.iri(obj_text, obj_default)
    subject = entities.iri(fact.subject)
    start = fact.evidence.start if fact.evidence else ""
    node = ID[f"fact/{_sha1(article.key, fact.subject, fact.relation, obj_text, start)}"]
    serial = 1
    while node in minted:  # a different fact with the same identity: keep both
        serial += 1
        node = ID[f"fact/{_sha1(article.key, fact.subject, fact.relation, obj_text, start, serial)}"]
    minted.add(node)

    graph.add((node, RDF.type, fact_class))
    graph.add((node, AIKG.relation, prop))
    graph.add((node, AIKG.subject, subject))
    graph.add((node, AIKG.objectValue if literal else AIKG.object, obj_term))
    graph.add((subject, prop, obj_term))
    if fact.amount_usd is not None:
        graph.add((node, AIKG.amountUSD, decimal_literal(fact.amount_usd)))
    if fact.amount is not None:
        graph.add((node, AIKG.amount, decimal_literal(fact.amount)))
    if fact.date is not None:
        graph.add((node, AIKG.date, date_literal(fact.date)))
    for attr, qualifier in _QUALIFIERS:
        value = getattr(fact, attr)
        if value is not None:
            graph.add((node, qualifier, Literal(str(value))))
    graph.add((node, AIKG.modality, AIKG[fact.modality]))
    for source in sorted(set(fact.sources)):
        graph.add((node, AIKG.attributedTo, entities.iri(source, "Publisher")))
    graph.add((node, AIKG.extractor, Literal(fact.extractor)))
    graph.add((node, PROV.wasDerivedFrom, article_node))
    if fact.evidence is not None:
        ev = fact.evidence
        ev_node = ID[f"evidence/{_sha1(article.key, ev.start, ev.end, ev.text)}"]
        graph.add((node, AIKG.evidence, ev_node))
        graph.add((ev_node, RDF.type, AIKG.Evidence))
        graph.add((ev_node, AIKG.text, Literal(ev.text)))
        graph.add((ev_node, AIKG.startOffset, Literal(ev.start, datatype=XSD.integer)))
        graph.add((ev_node, AIKG.endOffset, Literal(ev.end, datatype=XSD.integer)))
        graph.add((ev_node, AIKG.article, article_node))
