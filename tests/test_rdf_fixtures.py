"""A rich hand-made extraction shared by the rdf and shacl tests (one fact per relation).

Other test modules import :func:`rich_extraction` from here; the tests below check that the
fixture itself covers what the other tests rely on.
"""

from __future__ import annotations

from kg.types import RELATIONS, Article, Entity, Evidence, Extraction, Fact

SENTENCES: dict[str, str] = {
    "invests_in": "Microsoft invested $1 billion in OpenAI in 2019.",
    "acquires": "Nvidia agreed to buy Run:ai for $700 million.",
    "valued_at": "OpenAI's valuation reached $157 billion in October 2024.",
    "raises": "Anthropic raised €4 billion, according to Bloomberg and Reuters.",
    "develops": "Microsoft is working on MAI-1.",
    "provides_compute_to": "Oracle will supply 4.5 GW of capacity to OpenAI.",
    "supplies_hardware_to": "Nvidia supplies H100 GPUs to Microsoft.",
    "builds_data_center": "Microsoft plans a $3.3 billion data center in Wisconsin.",
    "partners_with": "The partnership between Microsoft and OpenAI endures.",
    "in_talks_with": "OpenAI has been in talks with Amazon Web Services.",
    "competes_with": "Google competes with Microsoft.",
    "subsidiary_of": "Amazon Web Services, Amazon's cloud unit, grew.",
    "integrates": "Bing integrates GPT-4.",
    "market_share": "Azure holds a 25.5% market share, per Statista.",
    "has_parameters": "MAI-1 may have 500 billion parameters.",
    "ceo_of": "Sam Altman, OpenAI's chief executive, spoke.",
    "founded": "Dario Amodei founded Anthropic.",
    "headquartered_in": "The Paris-based startup Mistral AI grew.",
}
TEXT = " ".join(SENTENCES[r] for r in RELATIONS)


def _ev(relation: str) -> Evidence:
    sentence = SENTENCES[relation]
    start = TEXT.index(sentence)
    return Evidence(sentence, start, start + len(sentence))


ENTITIES: tuple[Entity, ...] = (
    Entity("microsoft", "Microsoft", "Company", ("Microsoft Corp.", "MSFT"), "Q2283", in_kb=True),
    Entity("openai", "OpenAI", "Company", (), None, in_kb=True),
    Entity("nvidia", "Nvidia", "Company", ("NVIDIA",)),
    Entity("run-ai", "Run:ai", "Company"),
    Entity("anthropic", "Anthropic", "Company"),
    Entity("mai-1", "MAI-1", "AIModel"),
    Entity("oracle", "Oracle", "Company"),
    Entity("h100", "H100", "Hardware"),
    Entity("wisconsin", "Wisconsin", "Location"),
    Entity("amazon-web-services", "Amazon Web Services", "Company", ("AWS",), parent="amazon"),
    Entity("amazon-web-services", "Amazon Web Services", "Product"),
    Entity("amazon", "Amazon", "Company"),
    Entity("google", "Google", "Company"),
    Entity("bing", "Bing", "Product", parent="Microsoft"),
    Entity("gpt-4", "GPT-4", "AIModel"),
    Entity("microsoft-azure", "Microsoft Azure", "Product", ("Azure",)),
    Entity("sam-altman", "Sam Altman", "Person"),
    Entity("dario-amodei", "Dario Amodei", "Person"),
    Entity("mistral-ai", "Mistral AI", "Company"),
    Entity("paris", "Paris", "Location"),
    Entity("bloomberg", "Bloomberg", "Publisher"),
    Entity("reuters", "Reuters", "Publisher"),
    Entity("statista", "Statista", "Publisher"),
    Entity("techcrunch", "TechCrunch", "Publisher"),
)

FACTS: tuple[Fact, ...] = (
    Fact("Microsoft", "invests_in", "OpenAI", amount_usd=1e9, date="2019", evidence=_ev("invests_in")),
    Fact("Nvidia", "acquires", "Run:ai", modality="planned", amount_usd=7e8,
         evidence=_ev("acquires")),
    Fact("OpenAI", "valued_at", 157e9, date="2024-10", note="post-money",
         evidence=_ev("valued_at")),
    Fact("Anthropic", "raises", 4.3e9, amount=4e9, currency="EUR", modality="reported",
         sources=("Bloomberg", "Reuters"), date="2024-03-27", evidence=_ev("raises")),
    Fact("Microsoft", "develops", "MAI-1", evidence=_ev("develops")),
    Fact("Oracle", "provides_compute_to", "OpenAI", modality="planned", capacity="4.5 GW",
         evidence=_ev("provides_compute_to")),
    Fact("Nvidia", "supplies_hardware_to", "Microsoft", evidence=_ev("supplies_hardware_to")),
    Fact("Microsoft", "builds_data_center", "Wisconsin", amount_usd=3.3e9, location="Wisconsin",
         modality="planned", evidence=_ev("builds_data_center")),
    Fact("Microsoft", "partners_with", "OpenAI", evidence=_ev("partners_with")),
    Fact("OpenAI", "in_talks_with", "Amazon Web Services", modality="negotiating",
         evidence=_ev("in_talks_with")),
    Fact("Google", "competes_with", "Microsoft", evidence=_ev("competes_with")),
    Fact("Amazon Web Services", "subsidiary_of", "Amazon", evidence=_ev("subsidiary_of")),
    Fact("Bing", "integrates", "GPT-4", evidence=_ev("integrates")),
    Fact("Microsoft Azure", "market_share", 25.5, market="cloud infrastructure",
         modality="reported", sources=("Statista",), evidence=_ev("market_share")),
    Fact("MAI-1", "has_parameters", 5e11, modality="hedged", evidence=_ev("has_parameters")),
    Fact("Sam Altman", "ceo_of", "OpenAI", evidence=_ev("ceo_of")),
    Fact("Dario Amodei", "founded", "Anthropic", evidence=_ev("founded")),
    Fact("Mistral AI", "headquartered_in", "Paris", evidence=_ev("headquartered_in")),
)


def rich_extraction(key: str = "rich", facts: tuple[Fact, ...] = FACTS) -> Extraction:
    """An extraction with every relation, qualifier, modality but "denied", and sources."""
    article = Article.from_text(TEXT, key=key, title="Everything at once",
                                url=f"https://example.com/{key}", path=f"/tmp/{key}.txt",
                                publisher="TechCrunch", date="2025-01-31")
    return Extraction(article, entities=ENTITIES, facts=facts)


def test_rdf_fixtures_cover_every_relation() -> None:
    assert sorted(f.relation for f in FACTS) == sorted(RELATIONS)


def test_rdf_fixtures_evidence_offsets_point_into_text() -> None:
    for fact in FACTS:
        assert fact.evidence is not None
        assert TEXT[fact.evidence.start:fact.evidence.end] == fact.evidence.text
