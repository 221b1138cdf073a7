"""Finding and typing entity mentions without a statistical model.

Three sources of mentions, in order of trust:

1. the knowledge base, through a spaCy ``PhraseMatcher`` over every canonical name and alias;
2. proper-name sequences (capitalised tokens, names with digits or inner capitals), typed by
   their shape and the words around them: corporate endings ("… Capital", "… Inc."), person
   names (a known first name, a title such as "CEO", a speech verb), appositions ("X, a
   startup"), model and chip shapes ("MAI-1", "H100"), place names;
3. anaphora ("the company", "the startup", "we"), resolved later to an antecedent.

A candidate nobody can type is kept as ``type=None``; relation rules may still type it from
its argument slot, and untyped leftovers are dropped.

>>> from kg.extract.document import parse_text
>>> ms = find_mentions(parse_text("Replit, a startup, hired Jane Doe, CEO of Acme Capital."))
>>> [(m.text, m.type) for m in ms if m.kind == "name"]
[('Replit', 'Company'), ('Jane Doe', 'Person'), ('Acme Capital', 'Company')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TypeVar

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.document import ParsedDocument, keeps_spacy_strings, nlp
from kg.resolve import KBEntry, KnowledgeBase, clean_name
from kg.resources import load_json


@dataclass(frozen=True)
class Candidate:
    """A mention before resolution. ``kind`` is ``name`` or ``anaphor``."""

    start: int
    end: int
    text: str
    type: str | None
    sent: int
    kind: str = "name"
    kb: KBEntry | None = None
    cue: str = ""  # why it was typed ("kb", "suffix", "person", "apposition", ...)
    head: str = ""  # for anaphora: the noun ("company", "startup", "we")


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``kg/data/lexicon.json`` and ``places.json``, as sets."""

    first_names: frozenset[str]
    honorifics: frozenset[str]
    particles: frozenset[str]
    org_final: frozenset[str]
    org_head: frozenset[str]
    publisher_final: frozenset[str]
    not_names: frozenset[str]
    headline_verbs: frozenset[str]  # capitalised verbs and small words of Title Case headlines
    titles: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    org_nouns: tuple[str, ...]
    places: dict[str, str]  # surface -> canonical place name
    demonyms: frozenset[str] = frozenset()  # "Chinese", "French": adjectives, not names


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load and validate the word lists (cached)."""
    lex = load_json("lexicon.json")
    places = load_json("places.json")
    place_map: dict[str, str] = {}
    for group in ("countries", "states", "cities", "regions"):
        for name in places[group]:
            place_map[name] = name
    place_map.update(places["aliases"])
    return Lexicon(
        first_names=frozenset(lex["first_names"]),
        honorifics=frozenset(lex["honorifics"]),
        particles=frozenset(lex["name_particles"]),
        org_final=frozenset(lex["org_final_words"]),
        org_head=frozenset(lex["org_head_words"]),
        publisher_final=frozenset(lex["publisher_final_words"]),
        not_names=frozenset(lex["not_names"]),
        headline_verbs=frozenset(lex["headline_verbs"]),
        titles=tuple(sorted(lex["person_titles"], key=len, reverse=True)),
        speech_verbs=tuple(lex["speech_verbs"]),
        org_nouns=tuple(sorted(lex["org_nouns"], key=len, reverse=True)),
        places=place_map,
        demonyms=frozenset(places.get("demonyms", {})),
    )


@keeps_spacy_strings
@lru_cache(maxsize=1)
def _kb_matcher() -> tuple[PhraseMatcher, dict[int, tuple[KBEntry, str]]]:
    """A ``PhraseMatcher`` over every surface form of the knowledge base, and each match id's
    entry and surface form."""
    kb = KnowledgeBase.default()
    matcher = PhraseMatcher(nlp().vocab, attr="LOWER")
    by_id: dict[int, tuple[KBEntry, str]] = {}
    patterns: dict[str, list[Doc]] = {}
    for surface, entry in kb.surface_forms():
        key = f"{entry.name}\u0000{surface}"
        by_id[nlp().vocab.strings.add(key)] = (entry, surface)
        patterns.setdefault(key, []).append(nlp().make_doc(surface))
    for key, docs in patterns.items():
        matcher.add(key, docs)
    return matcher, by_id


_NAMEISH = re.compile(r"^(?:[A-Z][\w’'.&+-]*|[a-z]+[A-Z][\w.-]*|\d+[A-Z][\w-]*|[A-Z0-9][A-Z0-9.&+-]+)$")
_VERSION = re.compile(r"^\d+(?:\.\d+)*[a-z]?$|^[IVX]+$")
_MODEL_SHAPE = re.compile(r"^[A-Za-z]+[-‑]?\d[\w.]*$")
_SMALL_VERSION = re.compile(r"^(?:1?\d(?:\.\d+)*|\d\.\d+)$")
_HW_SHAPE = re.compile(r"^(?:[A-Z]{1,3}\d{2,4}[A-Z]?s?|[A-Z]+\d+[A-Z]*s)$")
_COMMON_PLURAL = re.compile(r"^[A-Z][a-z]+(?:ers|ors|ions|ments|ies|sses|ises|ings|ing|ly|ed|ants|"
                            r"ents|ists|ates)$")
_PLACE_FINAL = {"County", "Parish", "Province", "Prefecture", "Township", "Oblast", "Emirate"}
_CONNECTORS = {"of", "for", "on", "and", "&", "de", "du", "la"}
# A leading lookahead for the first letter lets the regex engine skip to candidate positions.
_ANAPHOR = re.compile(
    r"(?=t)\b(?:the|this|that)\s+((?:(?!(?:the|this|that|a|an|its|their)\b)[a-z][\w-]*\s+){0,3}?)"
    r"(company|startup|start-up|firm|lab|"
    r"chip ?maker|maker|giant|organization|organisation|group|provider|developer|hyperscaler|"
    r"conglomerate|business)\b(?!\s+of\b)", re.IGNORECASE)
_WE = re.compile(r"(?=[wWoOu])\b(?:we|We|our|Our|us)\b")
#: "it" as the subject or object of a clause (not "it is unclear", "make it"), and a
#: sentence-initial "Its" ("Its latest model, …"): resolved to the last organisation named.
_IT = re.compile(r"(?=[Ii])(?<![\w'’])(?:[Ii]t(?!\s+(?:is|was|'s|’s|remains|seems|appears|would\s+be|will\s+be|"
                 r"has\s+been|could|may|might)\b)|(?:(?<=^)|(?<=[.!?]\s)|(?<=\n))Its)\b")
_NAME_AFTER = re.compile(r" [A-Z0-9][\w.&+-]*")
_TITLE_AFTER = re.compile(r" (?:CEO|CFO|CTO|COO|AI|The|In|On)\b")
_PLURAL = re.compile(r"(?=[tTbB])\b(?:the (?:duo|pair|two companies|two firms|companies)|both (?:companies|firms))\b",
                     re.IGNORECASE)


def _kb_candidates(parsed: ParsedDocument) -> list[Candidate]:
    matcher, by_id = _kb_matcher()
    texts, starts = parsed.token_texts, parsed.token_starts
    # (first token, end token, start char, end char, text, entry), without spaCy Span objects
    spans: list[tuple[int, int, int, int, str, KBEntry]] = []
    for match_id, start, end in matcher(parsed.doc):
        entry, surface = by_id[match_id]
        start_char, end_char = starts[start], starts[end - 1] + len(texts[end - 1])
        text = parsed.text[start_char:end_char]
        if text != surface:
            # case-insensitive hits only for names of 4+ characters written capitalised
            if len(surface) < 4 or not (text[0].isupper() or text[0].isdigit()):
                continue
            if text.isupper() and not surface.isupper() and end - start == 1 and len(surface) < 5:
                continue
        spans.append((start, end, start_char, end_char, text, entry))
    # longest first, then leftmost; no overlaps
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: set[int] = set()
    out: list[Candidate] = []
    for start, end, start_char, end_char, text, entry in spans:
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        sent = parsed.sentence_at(start_char).index
        out.append(Candidate(start_char, end_char, text, entry.type, sent, kb=entry, cue="kb"))
    return out


_SCALED_COUNT = re.compile(r"^\d+(?:\.\d+)?[BMKT]$")
_ROUND_LABEL = re.compile(r"^(?:[A-Z]\d?\+?|[A-Z]-\d)\.?$")


def _is_nameish(text: str, lex: Lexicon) -> bool:
    return bool(_NAMEISH.match(text)) and text not in lex.not_names and \
        any(ch.isalpha() for ch in text) and not _SCALED_COUNT.match(text)


def _scan_names(parsed: ParsedDocument, covered: set[int], lex: Lexicon) -> list[Candidate]:
    """Proper-name token runs not already covered by the knowledge base."""
    texts, starts, opens = parsed.token_texts, parsed.token_starts, parsed.token_sent_starts
    out: list[Candidate] = []
    i = 0
    n = len(texts)
    name = _nameish_flags(texts, lex)
    particles = lex.particles | {"&"}
    amp_final = lex.org_final | {"Company", "Co."}
    # in a Title Case headline, verbs and small words are capitalised too: they end a name
    stop = {k for st in parsed.sentences if st.headline for k in _tokens_over(parsed, st.start, st.end)
            if texts[k] in lex.headline_verbs}
    while i < n:
        text = texts[i]
        if starts[i] in covered or not name[i] or text.lower() in ("’s", "'s") or i in stop:
            i += 1
            continue
        if i > 0 and texts[i - 1] in ("Series", "series", "Round") and _ROUND_LABEL.match(text):
            i += 1  # "Series B", "Series C-1": a funding round, not a name
            continue
        j = i + 1
        while j < n:
            t = texts[j]
            if starts[j] in covered or opens[j] or j in stop:
                break
            if name[j] or t in ("AI", "ML") or (
                    t in particles and j + 1 < n
                    and name[j + 1] and starts[j + 1] not in covered):
                j += 1
                continue
            if (_VERSION.match(t) or _SCALED_COUNT.match(t)) and j > i:
                j += 1
                continue
            if t in ("+",) and j > i:
                j += 1
                continue
            hyphen_end = _hyphen_chain(parsed, j, lex)
            if hyphen_end:
                j = hyphen_end  # "Abu-Ltaif", "Mercedes-Benz", "Model-as-a-Service"
                continue
            if t in _CONNECTORS and j + 1 < n and name[j + 1] and starts[j + 1] not in covered:
                # keep a connector only inside an organisation-like name
                k = j + 1
                while k < n and (name[k] or texts[k] in ("AI", "ML")) and starts[k] not in covered:
                    k += 1
                words = texts[i:k]
                if words[0] in lex.org_head or words[-1] in lex.org_final or \
                        (t == "&" and words[-1] in amp_final):
                    j = k
                    continue
            break
        # drop a leading non-name word (sentence-initial "The", "Both") and trailing dots
        a = i
        while a < j and texts[a] in lex.not_names:
            a += 1
        if j - a == 1 and opens[a] and _COMMON_PLURAL.search(texts[a]):
            a += 1  # "Investors include …": a capitalised common noun, not a name
        if j - a == 1 and texts[a] in lex.demonyms:
            a += 1  # "a Chinese challenger": an adjective of nationality
        if a < j:
            start_char, end_char = starts[a], starts[j - 1] + len(texts[j - 1])
            out.append(Candidate(start_char, end_char, parsed.text[start_char:end_char], None,
                                 parsed.sentence_at(start_char).index, cue="shape"))
        i = max(j, i + 1)
    return out


def _tokens_over(parsed: ParsedDocument, start: int, end: int) -> range:
    """The tokens of ``parsed`` that overlap characters ``[start, end)`` (spaCy's
    ``char_span(start, end, alignment_mode="expand")``, without making a ``Span``)."""
    texts, starts = parsed.token_texts, parsed.token_starts
    lo = bisect.bisect_right(starts, start) - 1
    if lo < 0 or starts[lo] + len(texts[lo]) <= start:
        lo += 1
    return range(lo, bisect.bisect_left(starts, end))


_T = TypeVar("_T")


def _for_lexicon(table: dict[int, tuple[Lexicon, _T]], lex: Lexicon,
                 make: Callable[[], _T]) -> _T:
    """``table``'s value for ``lex``, made by ``make`` the first time (a lexicon holds a dict,
    so it is keyed by identity, and kept alongside so that a reused id is not mistaken)."""
    entry = table.get(id(lex))
    if entry is None or entry[0] is not lex:
        entry = table[id(lex)] = (lex, make())
    return entry[1]


#: :func:`_is_nameish` of each token text already tested, per lexicon; cleared when it reaches
#: :data:`_NAMEISH_SEEN_SIZE` words
_NAMEISH_SEEN: dict[int, tuple[Lexicon, dict[str, bool]]] = {}
_NAMEISH_SEEN_SIZE = 50_000


def _nameish_flags(texts: list[str], lex: Lexicon) -> list[bool]:
    """:func:`_is_nameish` of every token text, remembered across documents (news repeats
    its words)."""
    seen = _for_lexicon(_NAMEISH_SEEN, lex, dict)
    if len(seen) >= _NAMEISH_SEEN_SIZE:
        seen.clear()
    out = []
    for text in texts:
        found = seen.get(text)
        if found is None:
            found = seen[text] = _is_nameish(text, lex)
        out.append(found)
    return out


def _hyphen_chain(parsed: ParsedDocument, j: int, lex: Lexicon) -> int:
    """End of a hyphenated continuation glued to the token before ``j`` ("Abu" "-" "Ltaif",
    "Model" "-" "as" "-" "a" "-" "Service"): the chain joins when it is written without spaces
    and ends in a capitalised word; 0 when there is none."""
    texts, spaced = parsed.token_texts, parsed.token_spaced
    k = j
    while k + 1 < len(texts) and texts[k] in ("-", "‑") and not spaced[k - 1] \
            and not spaced[k]:
        k += 1  # the word after the hyphen
        if texts[k][:1].isupper() and _is_nameish(texts[k], lex):
            end = k + 1
            if not (end < len(texts) and texts[end] in ("-", "‑") and not spaced[k]):
                return end
        elif not texts[k].isalpha() or not texts[k].islower():
            return 0
        k += 1
    return 0


@dataclass(frozen=True)
class _ContextRegexes:
    """The typing-by-context expressions built from a lexicon's word lists."""

    title_before: re.Pattern[str]  # "CEO Jane Doe"
    title_after: re.Pattern[str]  # "Jane Doe, CEO of"
    speech_before: re.Pattern[str]  # "said Jane Doe"
    speech_after: re.Pattern[str]  # "Jane Doe said"
    apposition: re.Pattern[str]  # "X, a startup"


_CONTEXT_REGEXES: dict[int, tuple[Lexicon, _ContextRegexes]] = {}


def _context_regexes(lex: Lexicon) -> _ContextRegexes:
    """Compiled once per lexicon."""
    return _for_lexicon(_CONTEXT_REGEXES, lex, lambda: _compile_context_regexes(lex))


def _compile_context_regexes(lex: Lexicon) -> _ContextRegexes:
    titles = "|".join(re.escape(t) for t in lex.titles)
    speech = "|".join(lex.speech_verbs)
    nouns = "|".join(re.escape(w) for w in lex.org_nouns)
    return _ContextRegexes(
        title_before=re.compile(r"(?:" + titles + r")\s*(?:,\s*)?$"),
        title_after=re.compile(r"\s*(?:,|\()\s*(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?(?:"
                               + titles + r")\b"),
        speech_before=re.compile(r"\b(?:" + speech + r")\s*$"),
        speech_after=re.compile(r"\s*(?:" + speech + r")\b"),
        apposition=re.compile(r"\s*,\s*(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,5}?("
                              + nouns + r")\b"))


def _type_candidate(c: Candidate, parsed: ParsedDocument, lex: Lexicon) -> Candidate:
    text = parsed.text
    words = c.text.split()
    sent = parsed.sentences[c.sent]
    before = text[max(sent.start, c.start - 60):c.start]
    after = text[c.end:min(sent.end, c.end + 80)]
    first_in_sentence = c.start == sent.start or not re.search(r"\w", text[sent.start:c.start])

    if c.text in lex.places:
        return replace(c, type="Location", cue="place")
    if len(words) >= 2 and words[-1] in _PLACE_FINAL and not sent.headline:
        return replace(c, type="Location", cue="place")
    if sent.headline:
        # title-case headings capitalise every word: only strong shapes type a name there
        if words[0] in lex.first_names and len(words) >= 2 and len(words) <= 3:
            return replace(c, type="Person", cue="person")
        if len(words) == 1 and _HW_SHAPE.match(c.text):
            return replace(c, type="Hardware", cue="shape")
        return c
    named_person = words[0] in lex.honorifics or (
        words[0] in lex.first_names and 2 <= len(words) <= 5
        and all(w[0].isupper() or w in lex.particles for w in words))
    if named_person and words[-1] not in lex.org_final:
        return replace(c, type="Person", cue="person")
    if len(words) >= 2 and words[-1] in ("Model", "LLM", "Chatbot"):
        return replace(c, type="AIModel", cue="suffix")  # "Jais Arabic Large Language Model"
    if len(words) >= 2 and words[-1] in lex.publisher_final:
        return replace(c, type="Publisher", cue="suffix")
    if len(words) >= 2 and (words[-1] in lex.org_final or words[0] in lex.org_head):
        return replace(c, type="Company", cue="suffix")
    if len(words) == 1 and _HW_SHAPE.match(c.text):
        return replace(c, type="Hardware", cue="shape")
    if 2 <= len(words) <= 4 and _SCALED_COUNT.match(words[-1]):
        return replace(c, type="AIModel", cue="shape")  # "Falcon 180B": a model and its size
    if len(words) <= 4 and not re.match(r"^[A-Z]\d+$", c.text) and (
            _MODEL_SHAPE.match(words[-1]) or (len(words) > 1 and _SMALL_VERSION.match(words[-1]))):
        return replace(c, type="AIModel", cue="shape")
    # person by context: "CEO Jane Doe", "Jane Doe, CEO of", "said Jane Doe", "Jane Doe said"
    cx = _context_regexes(lex)
    if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        if cx.title_before.search(before) or cx.title_after.match(after) \
                or cx.speech_before.search(before) or cx.speech_after.match(after):
            return replace(c, type="Person", cue="person-context")
    # apposition: "X, a startup", "X, the leading ... company"
    appo = cx.apposition.match(after)
    if appo:
        noun = appo.group(1).lower()
        kind = "Publisher" if noun in ("publisher", "outlet", "newspaper") else "Company"
        return replace(c, type=kind, cue="apposition")
    prod = re.match(r"\s*,\s*(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,4}?(model|LLM|chatbot|"
                    r"assistant|chip|processor|accelerator|GPU|platform|app|tool|service|"
                    r"database|product)\b", after)
    if prod:
        noun = prod.group(1).lower()
        kind = ("AIModel" if noun in ("model", "llm", "chatbot", "assistant") else
                "Hardware" if noun in ("chip", "processor", "accelerator", "gpu") else "Product")
        return replace(c, type=kind, cue="apposition")
    pre_appo = re.search(r"(?:startup|start-up|company|firm|lab|maker|giant|rival|investor|"
                         r"publisher|provider|developer)\s+$", before)
    if pre_appo and not first_in_sentence:
        return replace(c, type="Company", cue="apposition")
    if first_in_sentence and len(words) == 1 and not re.search(r"[A-Z].*[A-Z]|\d", c.text[1:]):
        return c  # a capitalised sentence opener: only a relation slot may type it
    return c


def _anaphora(parsed: ParsedDocument, taken: list[tuple[int, int]]) -> list[Candidate]:
    out: list[Candidate] = []
    index: list[tuple[list[int], list[int]]] = []

    def free(s: int, e: int) -> bool:
        """No taken span overlaps ``[s, e)``: of the spans starting before ``e``, none ends
        after ``s`` (spans sorted by start, with the running maximum of their ends)."""
        if not index:
            spans = sorted(taken)
            ends: list[int] = []
            for _a, b in spans:
                ends.append(max(b, ends[-1]) if ends else b)
            index.append(([a for a, _b in spans], ends))
        starts, ends = index[0]
        before = bisect.bisect_left(starts, e)
        return before == 0 or ends[before - 1] <= s

    for m in _ANAPHOR.finditer(parsed.text):
        if _NAME_AFTER.match(parsed.text, m.end()) and not _TITLE_AFTER.match(parsed.text, m.end()):
            continue  # "the battery startup Nexcell": a noun before the name, not an anaphor
        if free(m.start(), m.end()):
            sent = parsed.sentence_at(m.start()).index
            out.append(Candidate(m.start(), m.end(), m.group(0), "Company", sent, kind="anaphor",
                                 head=m.group(2).lower(), cue=(m.group(1) or "").strip()))
    for m in _PLURAL.finditer(parsed.text):
        if free(m.start(), m.end()):
            sent = parsed.sentence_at(m.start()).index
            out.append(Candidate(m.start(), m.end(), m.group(0), "Company", sent, kind="anaphor",
                                 head="plural"))
            taken.append((m.start(), m.end()))
            index.clear()
    for m in _WE.finditer(parsed.text):
        if free(m.start(), m.end()):
            sent = parsed.sentence_at(m.start()).index
            out.append(Candidate(m.start(), m.end(), m.group(0), "Company", sent, kind="anaphor",
                                 head="we"))
    for m in _IT.finditer(parsed.text):
        if free(m.start(), m.end()):
            sent = parsed.sentence_at(m.start()).index
            head = "its" if m.group(0) == "Its" else "it"
            out.append(Candidate(m.start(), m.end(), m.group(0), "Company", sent, kind="anaphor",
                                 head=head))
    return out


def _extend_kb(cands: list[Candidate], parsed: ParsedDocument, lex: Lexicon) -> list[Candidate]:
    """A knowledge-base name followed by more name words is a longer, different name
    ("Cisco Investments", "Claude Cowork", "Fortune 500") unless the extra words are only a
    corporate suffix ("Fidelity Management & Research Company" stays the KB entry)."""
    from kg.resolve.names import name_key

    texts, token_starts, opens = parsed.token_texts, parsed.token_starts, parsed.token_sent_starts
    n = len(texts)
    starts = {c.start for c in cands}
    out = []
    for c in cands:
        at = bisect.bisect_left(token_starts, c.end)
        j = at if at < n else None
        if j is None or token_starts[j] != c.end + (1 if parsed.text[c.end:c.end + 1] == " " else 0) \
                or parsed.text[c.end:c.end + 1] not in (" ",):
            out.append(c)
            continue
        k = j
        while k < n:
            if k > j and _hyphen_chain(parsed, k, lex):
                k = _hyphen_chain(parsed, k, lex)
                continue
            word = texts[k]
            if token_starts[k] in starts or opens[k] or (
                    word in lex.headline_verbs and parsed.sentence_at(token_starts[k]).headline):
                break
            if not ((_is_nameish(word, lex) and word[0].isupper()) or
                    (word in ("AI", "ML") and k + 1 < n
                     and _is_nameish(texts[k + 1], lex) and texts[k + 1][0].isupper()) or
                    (word.isdigit() and len(word) <= 4) or
                    (c.type == "AIModel" and _SCALED_COUNT.match(word) is not None)):
                break
            k += 1
        if k == j:
            out.append(c)
            continue
        end = token_starts[k - 1] + len(texts[k - 1])
        text = parsed.text[c.start:end]
        extra = text[len(c.text):].split()
        if name_key(text) == name_key(c.text):
            out.append(replace(c, end=end, text=text))
        elif extra[-1] in lex.org_final:
            out.append(replace(c, end=end, text=text, kb=None, type="Company", cue="suffix"))
        elif c.type in ("AIModel", "Product", "Hardware") and not extra[-1].isdigit():
            out.append(replace(c, end=end, text=text, kb=None, cue="shape"))
        elif c.type == "AIModel" or (c.type == "Company" and len(extra) >= 2
                                     and _SMALL_VERSION.match(extra[-1])):
            # "Gemini 3", "Mistral Medium 3": a new model version of a known model or maker
            out.append(replace(c, end=end, text=text, kb=None, type="AIModel", cue="shape"))
        else:
            out.append(replace(c, end=end, text=text, kb=None, type=None, cue="shape"))
    return out


def find_mentions(parsed: ParsedDocument) -> list[Candidate]:
    """All candidate mentions of ``parsed``, sorted by position."""
    lex = lexicon()
    kb_cands = _extend_kb(_kb_candidates(parsed), parsed, lex)
    starts = parsed.token_starts
    covered: set[int] = set()
    for c in kb_cands:
        i = bisect.bisect_left(starts, c.start)
        while i < len(starts) and starts[i] < c.end:
            covered.add(starts[i])
            i += 1
    names = [_type_candidate(c, parsed, lex) for c in _scan_names(parsed, covered, lex)]
    names = [c if (cleaned := clean_name(c.text) or c.text) == c.text else replace(c, text=cleaned)
             for c in names]
    cands = kb_cands + names
    cands += _anaphora(parsed, [(c.start, c.end) for c in cands])
    return sorted(cands, key=lambda c: (c.start, -c.end))
