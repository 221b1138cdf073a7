"""Parsing: an :class:`~kg.types.Article` into tokens and sentences with spaCy's blank English
pipeline (tokenizer + rule-based sentencizer; no statistical model, nothing downloaded).

>>> doc = parse_text("Microsoft invested in OpenAI.\\n\\nThe deal closed.")
>>> [s.text for s in doc.sentences]
['Microsoft invested in OpenAI.', 'The deal closed.']
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, TypeVar

import spacy
from spacy.attrs import IDX, LENGTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

_F = TypeVar("_F")


@dataclass(frozen=True)
class Sentence:
    """A sentence: its index, character span in the article text, and whether it reads as a
    headline (a short title-case line without final punctuation)."""

    index: int
    start: int
    end: int
    text: str
    headline: bool = False


@dataclass(frozen=True)
class ParsedDocument:
    """The spaCy ``Doc`` of an article with its sentences."""

    text: str
    doc: Doc
    sentences: tuple[Sentence, ...]

    def sentence_at(self, char: int) -> Sentence:
        """The sentence holding character offset ``char`` (the last one for an offset between
        or after sentences).

        >>> doc = parse_text("One sentence. Another one.")
        >>> doc.sentence_at(0).index, doc.sentence_at(15).index, doc.sentence_at(13).index
        (0, 1, 1)
        """
        i = bisect.bisect_right(self._sentence_starts, char) - 1
        if i >= 0 and char < self.sentences[i].end:
            return self.sentences[i]
        return self.sentences[-1]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _token_table(self) -> tuple[list[str], list[int], list[bool], list[bool]]:
        # one array read instead of a spaCy ``Token`` object per token and attribute
        table = self.doc.to_array([IDX, LENGTH, SPACY, SENT_START])
        starts: list[int] = table[:, 0].tolist()
        text = self.text
        texts = [text[start:start + length] for start, length in zip(starts, table[:, 1].tolist())]
        return texts, starts, (table[:, 2] != 0).tolist(), (table[:, 3] == 1).tolist()

    @property
    def token_texts(self) -> list[str]:
        """The text of every token of :attr:`doc` (read once: making spaCy ``Token`` objects
        in inner loops is slow).

        >>> parse_text("Nvidia's H100 chips.").token_texts
        ['Nvidia', "'s", 'H100', 'chips', '.']
        """
        return self._token_table[0]

    @property
    def token_starts(self) -> list[int]:
        """The character offset of every token of :attr:`doc`."""
        return self._token_table[1]

    @property
    def token_spaced(self) -> list[bool]:
        """Whether each token of :attr:`doc` is followed by whitespace."""
        return self._token_table[2]

    @property
    def token_sent_starts(self) -> list[bool]:
        """Whether each token of :attr:`doc` opens a sentence (spaCy's sentencizer)."""
        return self._token_table[3]


@lru_cache(maxsize=1)
def nlp() -> Language:
    """spaCy's blank English pipeline with a sentencizer (cached; loads in ~0.1 s).

    A statistical model is never required; when ``en_core_web_sm`` is installed it is not
    used either, so output stays the same on every machine.
    """
    return build_pipeline()


def build_pipeline() -> Language:
    """A new copy of the pipeline :func:`nlp` returns (for tests that need a fresh one)."""
    pipeline = spacy.blank("en")
    pipeline.tokenizer.max_cache_size = CHUNK_CACHE_SIZE  # type: ignore[union-attr]
    # citation marks glued to words ("Gemini.[5]", "Amodei.[8]") split off
    infixes = list(pipeline.Defaults.infixes or []) + [r"\[", r"\]", r"(?<=[A-Za-z])\.(?=\[)"]
    pipeline.tokenizer.infix_finditer = (  # type: ignore[union-attr]
        spacy.util.compile_infix_regex(infixes).finditer)
    pipeline.add_pipe("sentencizer")
    return pipeline


#: How many distinct whitespace-separated chunks :func:`tokenize` hands to spaCy's tokenizer
#: one by one to keep for good (their tokens stay in spaCy's vocabulary and chunk cache, about
#: 2 kB a chunk with this module's set of them: 40 MB at most); spaCy's own cache stops at
#: 10,000. News meets its frequent words in its first articles, so they are the ones kept.
CHUNK_CACHE_SIZE = 20_000
_CHUNK = re.compile(r"\S+")


@lru_cache(maxsize=1)
def _seeded_chunks() -> set[str]:
    return set()


def _seed(text: str) -> None:
    """Tokenise each chunk of ``text`` not seen before on its own, which makes spaCy cache it
    (outside a memory zone only: spaCy caches nothing inside one)."""
    seeded = _seeded_chunks()
    if len(seeded) >= CHUNK_CACHE_SIZE:
        return
    chunks = _CHUNK.findall(text)
    if seeded.issuperset(chunks):
        return
    tokenizer = nlp().tokenizer
    for chunk in chunks:  # in text order, so spaCy's vocabulary grows the same way each run
        if chunk not in seeded and len(seeded) < CHUNK_CACHE_SIZE:
            seeded.add(chunk)
            tokenizer(chunk)


def tokenize(text: str) -> Doc:
    """spaCy's tokens for ``text``: exactly what ``nlp().tokenizer(text)`` gives, several times
    faster on news.

    spaCy's tokenizer caches the tokens of each whitespace-separated chunk, but stops saving
    chunks for the rest of a text once it has applied one special case ("'s", "Inc.", "U.S."),
    so on news nearly every chunk is split by the prefix, suffix and infix regexes again. Each
    chunk not seen before is therefore tokenised once on its own first (up to
    :data:`CHUNK_CACHE_SIZE` chunks), which fills spaCy's own cache; the whole text is then
    tokenised by spaCy as usual (special cases included), and finds its chunks in the cache.

    >>> [t.text for t in tokenize("OpenAI's $6.6 billion round, led by Thrive.")]
    ['OpenAI', "'s", '$', '6.6', 'billion', 'round', ',', 'led', 'by', 'Thrive', '.']
    """
    tokenizer = nlp().tokenizer
    if not tokenizer.vocab.in_memory_zone:
        _seed(text)
    return tokenizer(text)


#: After this many parses :func:`parsing` starts again from a fresh spaCy pipeline. A memory
#: zone frees an article's strings and lexemes, but spaCy's hash tables (preshed ``PreshMap``)
#: only mark freed keys deleted and double in size whenever they fill up, so they still grow by
#: some 30 bytes for every new word read; a fresh pipeline (built in ~0.3 s) drops them.
RENEW_AFTER = 20_000
#: one parse at a time in a process: a memory zone swaps the vocabulary's allocator for every
#: thread (a Dask worker may run several extraction tasks in threads; the GIL lets only one
#: run Python at a time anyway)
_PARSING = threading.RLock()
#: lazily built objects that hold strings of the current pipeline (``lru_cache``d functions of
#: no argument, see :func:`keeps_spacy_strings`)
_RESOURCES: list[Any] = []
_parses = 0


def keeps_spacy_strings(build: _F) -> _F:
    """Mark ``build`` (an ``lru_cache``d function of no argument that makes an object holding
    strings of :func:`nlp`'s vocabulary, such as a ``PhraseMatcher``) so that :func:`parsing`
    calls it before opening a memory zone (strings added inside one are freed when it closes)
    and clears it when the pipeline is renewed."""
    _RESOURCES.append(build)
    return build


def renew() -> None:
    """Drop the spaCy pipeline and everything built on it; the next use builds them again."""
    global _parses
    nlp.cache_clear()
    _seeded_chunks.cache_clear()
    for build in _RESOURCES:
        build.cache_clear()
    _parses = 0


@contextmanager
def parsing(text: str) -> Iterator[ParsedDocument]:
    """:func:`parse_text` of ``text`` for the length of a ``with`` block, made in a spaCy
    memory zone: the strings and lexemes spaCy creates for words it has not kept are freed
    when the block ends. Without it spaCy's vocabulary keeps every new word it ever reads
    (about 1 kB each), and extracting a news archive, which names new things in every
    article, grows without bound. Nothing made from the parse may be used after the block
    but plain Python values (text, offsets).

    What stays is bounded: the first :data:`CHUNK_CACHE_SIZE` distinct chunks, tokenised
    outside the zone and kept (:func:`tokenize`), and spaCy's hash tables, which a fresh
    pipeline replaces every :data:`RENEW_AFTER` parses.

    >>> with parsing("Mistral raised €600 million from Qwzx Partners.") as doc:
    ...     words = doc.token_texts  # a list of str: safe to keep
    >>> words[-3:]
    ['Qwzx', 'Partners', '.']
    """
    global _parses
    with _PARSING:
        if _parses >= RENEW_AFTER:
            renew()
        _parses += 1
        pipeline = nlp()
        for build in _RESOURCES:
            build()  # outside the zone, so that their strings outlive it
        _seed(text)  # outside the zone too: the chunks kept are cached for good
        with pipeline.memory_zone():
            yield parse_text(text)


_LINE_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[-*•]\s)|\n")
_CITATION_TAIL = re.compile(r"^(?:\d{1,3}\])(?:\[\d{1,3}\])*\s*")
_HEADLINE_WORD = re.compile(r"^[A-Z0-9“\"'‘$]")


def _is_headline(text: str) -> bool:
    stripped = text.strip()
    if not stripped or stripped[-1] in ".!?:;”\"" or len(stripped) > 160:
        return False
    words = re.findall(r"[\w’'$.+-]+", stripped)
    if len(words) < 2:
        return True
    capitalised = sum(1 for w in words if _HEADLINE_WORD.match(w))
    return capitalised / len(words) >= 0.6 or not re.search(r"\b(is|are|was|were|has|have)\b", stripped)


def parse_text(text: str) -> ParsedDocument:
    """Tokenise ``text`` and split it into sentences; line breaks always end a sentence."""
    doc = nlp()(tokenize(text))
    sentences: list[Sentence] = []
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        if spans and sent.start_char > 0 and not text[sent.start_char - 1].isspace() \
                and text[sent.start_char - 1] == "." and text[sent.start_char].isalnum() \
                and sent.start_char > 1 and text[sent.start_char - 2].isalnum():
            # "Character.AI", "Inflection.ai": a dot inside a word does not end a sentence
            spans[-1] = (spans[-1][0], sent.end_char)
        else:
            spans.append((sent.start_char, sent.end_char))
    for start, end_char in spans:
        chunk = text[start:end_char]
        pos = 0
        for brk in _LINE_BREAK.finditer(chunk):
            _add(sentences, text, start + pos, start + brk.start())
            pos = brk.end()
        _add(sentences, text, start + pos, end_char)
    return ParsedDocument(text=text, doc=doc, sentences=tuple(sentences))


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    piece = text[start:end]
    cite = _CITATION_TAIL.match(piece)
    if sentences and cite and sentences[-1].end == start - 0 or (sentences and cite and
                                                              not text[sentences[-1].end:start].strip()):
        # "…Gemini.[5] According": the citation mark stays with the sentence it closes
        last = sentences[-1]
        cut = start + cite.end()
        sentences[-1] = Sentence(last.index, last.start, cut, text[last.start:cut].rstrip(),
                                 last.headline)
        _add(sentences, text, cut, end)
        return
    if sentences and not re.search(r"\w", piece):
        last = sentences[-1]  # a lone closing quote or bracket joins the sentence before
        sentences[-1] = Sentence(last.index, last.start, end, text[last.start:end], last.headline)
        return
    sentences.append(Sentence(len(sentences), start, end, piece, _is_headline(piece)))
