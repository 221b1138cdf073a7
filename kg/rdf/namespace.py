"""The aikg namespaces. ``AIKG`` is closed: a term not in the ontology fails at import time.

>>> str(AIKG.investsIn)
'https://w3id.org/aikg/ontology#investsIn'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/aikg/ontology"
ID = Namespace("https://w3id.org/aikg/id/")
WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")


class AIKG(DefinedNamespace):
    """Terms of the aikg ontology (``ontology/aikg.ttl``); a meta-test checks they match."""

    _NS = Namespace("https://w3id.org/aikg/ontology#")
    _fail = True

    # entity classes
    Entity: URIRef
    Company: URIRef
    Person: URIRef
    AIModel: URIRef
    Product: URIRef
    Hardware: URIRef
    DataCenter: URIRef
    Location: URIRef
    Publisher: URIRef
    # provenance classes
    Article: URIRef
    Evidence: URIRef
    Modality: URIRef
    # fact (n-ary event) classes, one per relation
    Fact: URIRef
    Investment: URIRef
    Acquisition: URIRef
    Valuation: URIRef
    FundingRound: URIRef
    Development: URIRef
    ComputeDeal: URIRef
    HardwareSupply: URIRef
    DataCenterProject: URIRef
    Partnership: URIRef
    Negotiation: URIRef
    Competition: URIRef
    Subsidiary: URIRef
    Integration: URIRef
    MarketShare: URIRef
    ParameterCount: URIRef
    Leadership: URIRef
    Founding: URIRef
    Headquarters: URIRef
    # modality individuals
    asserted: URIRef
    reported: URIRef
    hedged: URIRef
    planned: URIRef
    negotiating: URIRef
    denied: URIRef
    # direct-edge properties (one per relation of FACTS.md)
    investsIn: URIRef
    acquires: URIRef
    valuedAt: URIRef
    raises: URIRef
    develops: URIRef
    providesComputeTo: URIRef
    suppliesHardwareTo: URIRef
    buildsDataCenter: URIRef
    partnersWith: URIRef
    inTalksWith: URIRef
    competesWith: URIRef
    subsidiaryOf: URIRef
    integrates: URIRef
    marketShare: URIRef
    hasParameters: URIRef
    ceoOf: URIRef
    founded: URIRef
    headquarteredIn: URIRef
    # fact-node properties
    relation: URIRef
    factRelation: URIRef
    subject: URIRef
    object: URIRef
    objectValue: URIRef
    amount: URIRef
    currency: URIRef
    amountUSD: URIRef
    date: URIRef
    location: URIRef
    market: URIRef
    capacity: URIRef
    note: URIRef
    modality: URIRef
    attributedTo: URIRef
    evidence: URIRef
    extractor: URIRef
    # evidence and article properties
    text: URIRef
    startOffset: URIRef
    endOffset: URIRef
    article: URIRef
    contentHash: URIRef
    path: URIRef
    # entity properties
    wikidataId: URIRef
    parentOrganization: URIRef
