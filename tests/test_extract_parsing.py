"""Parsing with spaCy: seeding its chunk cache (:func:`kg.extract.document.tokenize`) changes
the tokenizer's speed, never its tokens; extracting in a memory zone
(:func:`kg.extract.document.parsing`) frees the words an article brings; a renewed pipeline
extracts the same.

Every real article, every extraction case and a set of awkward strings (runs of spaces, tabs,
line breaks, no-break spaces, contractions, abbreviations, emoticons, citation marks, URLs) are
tokenised by a fresh spaCy pipeline with nothing cached and by :func:`tokenize`, twice (cold and
warm), and must give the same tokens, offsets, trailing spaces and norms.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from spacy.attrs import IDX, NORM, ORTH, SPACY

from kg.extract.document import build_pipeline, parse_text, tokenize
from kg.resources import read_jsonl

DATA = Path(__file__).parent / "data"
AWKWARD = [
    "",
    " ",
    "  leading spaces and trailing  ",
    "\n\nOpenAI's deal\twith  Microsoft\u00a0Corp. isn't done :) <3 — yet.\n",
    "Mr. Altman (of OpenAI Inc.) said: \"we'll see\" at 9 a.m. U.S. time.",
    "Gemini.[5] According to Amodei.[8][9] Character.AI and Inflection.ai",
    "See https://example.com/a-b?c=d or e-mail info@example.com, ok?",
    "don't can't won't y'all 'cause o'clock Jan. Feb. e.g. i.e. etc.",
    "$6.6bn, €1,000, 10,000-GPU, H100s, GB200 NVL72 - and 3.5-turbo...",
    "İNVESTED in Sonnet ıſ ǅ ﬁ",
]
TEXTS = ([p.read_text(encoding="utf-8") for p in sorted((DATA / "corpus").glob("*.txt"))]
         + [case["text"] for case in read_jsonl(DATA / "extraction_cases.jsonl")] + AWKWARD)
ATTRS = [ORTH, IDX, SPACY, NORM]


@pytest.fixture(scope="module")
def reference() -> list[np.ndarray]:
    tokenizer = build_pipeline().tokenizer
    return [tokenizer(text).to_array(ATTRS) for text in TEXTS]


@pytest.mark.parametrize("rounds", [1, 2], ids=["cold", "warm"])
def test_tokenize_gives_spacys_tokens(reference: list[np.ndarray], rounds: int) -> None:
    for _ in range(rounds):
        got = [tokenize(text).to_array(ATTRS) for text in TEXTS]
    differ = [TEXTS[i][:60] for i, (a, b) in enumerate(zip(reference, got))
              if a.shape != b.shape or not np.array_equal(a, b)]
    assert not differ, f"tokens differ from spaCy's for {differ}"


def test_tokens_keep_their_text_and_offsets() -> None:
    text = "OpenAI's $6.6 billion round, led by Thrive Capital.\n\nMicrosoft joined."
    doc = parse_text(text)
    assert doc.token_texts[:4] == ["OpenAI", "'s", "$", "6.6"]
    assert all(text[s:s + len(t)] == t for s, t in zip(doc.token_starts, doc.token_texts))
    assert [s.text for s in doc.sentences] == [
        "OpenAI's $6.6 billion round, led by Thrive Capital.", "Microsoft joined."]


def test_extraction_does_not_keep_the_new_words_it_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    # once the chunk cache is full, an article's new words live only while it is extracted
    from kg.extract import extract
    from kg.extract import document
    from kg.types import Article

    extract(Article.from_text("Microsoft invested $1 billion in OpenAI, the company said."))
    monkeypatch.setattr(document, "CHUNK_CACHE_SIZE", len(document._seeded_chunks()))
    strings = document.nlp().vocab.strings
    before = len(strings)
    ex = extract(Article.from_text(
        "Vexmoor Capital invested $40 million in Zorblatt Quantix, the startup said on Tuesday."))
    assert len(strings) == before
    assert "Zorblatt" not in strings and "Vexmoor" not in strings
    assert [(f.subject, f.relation, f.object, f.amount_usd) for f in ex.facts] == [
        ("Vexmoor Capital", "invests_in", "Zorblatt Quantix", 40_000_000)]


def test_a_renewed_pipeline_extracts_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.extract import document, extract
    from kg.types import Article

    articles = [Article.from_text(p.read_text(encoding="utf-8"))
                for p in sorted((DATA / "corpus").glob("*.txt"))[:4]]

    def records() -> list[list[dict]]:
        return [[f.record() for f in extract(a).facts] for a in articles]

    before = records()
    monkeypatch.setattr(document, "RENEW_AFTER", 1)  # a fresh spaCy pipeline for every article
    pipelines = []  # kept alive, so that no two can share an id
    renewed = []
    for a in articles:
        renewed.append([f.record() for f in extract(a).facts])
        pipelines.append(document.nlp())
    assert len({id(p) for p in pipelines}) == len(articles)
    assert renewed == before


def test_extraction_in_threads_gives_the_same_as_in_turn() -> None:
    # a Dask worker may run several extraction tasks in threads of one process
    from concurrent.futures import ThreadPoolExecutor

    from kg.extract import extract
    from kg.types import Article

    articles = [Article.from_text(p.read_text(encoding="utf-8"))
                for p in sorted((DATA / "corpus").glob("*.txt"))] * 2

    def facts(article: Article) -> list[dict]:
        return [f.record() for f in extract(article).facts]

    in_turn = [facts(a) for a in articles]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(facts, articles))
    assert threaded == in_turn
