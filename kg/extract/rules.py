"""The rule-based extractor (``"rules"``): patterns over language, no model, no network.

For each sentence the mentions become typed slots and the data-driven relation patterns
(``kg/data/patterns/relations.jsonl``) are matched against the abstracted sentence; the slots
a match captures become the fact's arguments, the amounts, dates and capacities near it its
qualifiers, and the cue lists (``kg/data/cues.json``) decide modality and sources.

>>> from kg.types import Article
>>> ex = RuleExtractor().extract(Article.from_text("Microsoft invested $1 billion in OpenAI in 2019."))
>>> [(f.subject, f.relation, f.object, f.amount_usd, f.date) for f in ex.facts]
[('Microsoft', 'invests_in', 'OpenAI', 1000000000.0, '2019')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, overload

from kg.extract.document import ParsedDocument, Sentence, parsing
from kg.extract.mentions import Candidate, find_mentions
from kg.extract.normalize import (DateMention, Quantity, find_capacities, find_counts, find_dates,
                                  find_money, find_percents)
from kg.extract.patterns import Pattern, PatternSelector, compiled_patterns, cues, expand
from kg.resolve import KnowledgeBase
from kg.resolve.coref import Cluster, author_cluster, cluster_mentions, set_type
from kg.resolve.names import name_key
from kg.types import SYMMETRIC_RELATIONS, Article, Entity, Evidence, Extraction, Fact, Mention

#: (subject types, object types) per relation; "?" is a mention nobody could type yet.
SIGNATURES: dict[str, tuple[tuple[str, ...], tuple[str, ...] | None]] = {
    "invests_in": (("Company", "Person", "?"), ("Company", "?")),
    "acquires": (("Company", "?"), ("Company", "Product", "?")),
    "valued_at": (("Company", "?"), None),
    "raises": (("Company", "?"), None),
    "develops": (("Company", "?"), ("AIModel", "Product", "Hardware")),
    "provides_compute_to": (("Company", "Product", "?"), ("Company", "?")),
    "supplies_hardware_to": (("Company", "?"), ("Company", "?")),
    "builds_data_center": (("Company", "?"), ("Location",)),
    "partners_with": (("Company", "?"), ("Company", "?")),
    "in_talks_with": (("Company", "?"), ("Company", "Product", "?")),
    "competes_with": (("Company", "AIModel", "Product", "?"), ("Company", "?")),
    "subsidiary_of": (("Company", "Product", "?"), ("Company", "?")),
    "integrates": (("Company", "Product", "AIModel", "Publisher", "?"),
                   ("AIModel", "Product", "Company")),
    "market_share": (("Company", "Product"), None),
    "has_parameters": (("AIModel",), None),
    "ceo_of": (("Person",), ("Company", "Product", "?")),
    "founded": (("Person", "Company", "?"), ("Company", "?")),
    "headquartered_in": (("Company", "?"), ("Location",)),
}
_MONEY_RELATIONS = {"invests_in", "acquires", "provides_compute_to", "builds_data_center",
                    "supplies_hardware_to"}
#: text just before a slot that makes it no clause subject: a preposition ("trains on
#: Nvidia's GPUs and rents …") or "and" continuing a list ("backed by Amazon and Google, …")
_NOT_SUBJECT = re.compile(
    r"(?:\b(?:on|in|into|from|with|of|by|for|at|to|than|about|via|through|like|as|including|"
    r"over|under|against|between|among|behind|versus|vs\.|such\s+as|unlike)|"
    r"⟦[^⟧]+⟧(?:'s)?\s*,?\s+(?:and|or|&))\s+$", re.IGNORECASE)
_FORMER = re.compile(r"\b(?:former|ex-|then-|erstwhile|one-time|onetime|previous|late|outgoing|"
                     r"departing|departed|ousted)", re.IGNORECASE)
#: knowledge-base kinds an anaphoric noun can name ("the startup" is no bank or big-tech firm)
_ANAPHOR_KINDS: dict[str, frozenset[str]] = {
    "startup": frozenset({"startup", "lab"}), "start-up": frozenset({"startup", "lab"}),
    "lab": frozenset({"lab", "startup"}), "chipmaker": frozenset({"chipmaker"}),
    "chip maker": frozenset({"chipmaker"}), "hyperscaler": frozenset({"cloud", "bigtech"}),
    "giant": frozenset({"bigtech", "chipmaker", "cloud"}),
    "conglomerate": frozenset({"bigtech", "investor"}),
}
_CAPACITY_RELATIONS = {"provides_compute_to", "supplies_hardware_to", "builds_data_center"}
_WE = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
_QUOTE = re.compile(r"“[^”]{3,}”|\"[^\"]{3,}\"")
_SLOT = re.compile(r"⟦([EAI])(\d+):([A-Za-z?]+)⟧")
_PAREN_ALIAS = re.compile(r"(⟦E(\d+):[^⟧]*⟧)(?:'s)?\s*\(\s*⟦E(\d+):[^⟧]*⟧\s*\)")
_DIGIT = re.compile(r"\d")
_VALUE = re.compile(r"⟦([MPN])(\d+)⟧")
_LIST_TYPE = re.compile(
    r"\b(?:startups|companies|corporations|firms|customers|clients|investors|rivals|competitors|"
    r"businesses|organizations|incumbents|hyperscalers|players|partners|backers|lenders|banks|"
    r"labs|developers|providers)\s*(?:,|—|–|-)?\s*(?:such as|like|including|from)\s+"
    + "(" + expand("{ENT}") + r"(?:\s*(?:,|and|&|to\s+[\w\s]+?like)\s*(?:and\s+)?" + expand("{ENT}")
    + r")*)")
_PERSON_LIST = re.compile(r"⟦E\d+:Person⟧\s*(?:,\s*(?:and\s+)?|\s+and\s+)⟦E(\d+):\?⟧")
_PRE_NOUN = [
    (re.compile(r"\b(?:platform|tool|service|app|assistant|chatbot|database|product|solution|"
                r"offering|software)\s+\"?⟦E(\d+):\?⟧"), "Product"),
    (re.compile(r"⟦E(\d+):\?⟧\"?\s+(?:database|platform|tool|app|service|assistant|software|"
                r"product|solution|offering)\b"), "Product"),
    (re.compile(r"\b(?:model|LLM|chatbot)\s+⟦E(\d+):\?⟧|⟦E(\d+):\?⟧\s+(?:(?:reasoning|language|"
                r"foundation|frontier|open-source|open-weight|coding|video|image|AI|vision|"
                r"multimodal|flagship)\s+)?(?:models?|LLMs?|large language models?|chatbot)\b"),
     "AIModel"),
    (re.compile(r"\b(?:latest|newest|new|first|own|flagship|reasoning|language|open|next)\s+"
                r"(?:model|LLM|chatbot|assistant),\s+⟦E(\d+):\?⟧"), "AIModel"),
    (re.compile(r"⟦E(\d+):\?⟧\s+(?:chips?|GPUs?|processors?|accelerators?|superchips?|"
                r"satellites?)\b"),
     "Hardware"),
]


@dataclass
class _Abstract:
    """A sentence with its mentions and values replaced by slots."""

    sentence: Sentence
    text: str
    offsets: Sequence[int]  # abstract index -> original char offset
    slots: dict[int, int] = field(default_factory=dict)  # slot id -> candidate index
    values: dict[str, Any] = field(default_factory=dict)  # "M0" -> Money / Quantity


class _OffsetMap(Sequence[int]):
    """Abstract-text index → original character offset, kept as runs rather than one number
    per character: a run of copied text maps one to one, a slot maps every character to the
    start of the mention it replaces.

    >>> m = _OffsetMap()
    >>> m.add(10, 3, linear=True); m.add(13, 2, linear=False); m.add(20, 2, linear=True)
    >>> len(m), [m[i] for i in range(len(m))], m[-1], m.to_list() == list(m)
    (7, [10, 11, 12, 13, 13, 20, 21], 21, True)
    """

    __slots__ = ("_starts", "_runs", "_length")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._runs: list[tuple[int, bool]] = []
        self._length = 0

    def add(self, original: int, length: int, *, linear: bool) -> None:
        """Append ``length`` characters starting at (``linear``) or all standing for
        (not ``linear``) the original offset ``original``."""
        if length > 0:
            self._starts.append(self._length)
            self._runs.append((original, linear))
            self._length += length

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return self.to_list()[index]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        k = bisect.bisect_right(self._starts, index) - 1
        original, linear = self._runs[k]
        return original + index - self._starts[k] if linear else original

    def to_list(self) -> list[int]:
        """Every offset, one per character."""
        out: list[int] = []
        for k, (original, linear) in enumerate(self._runs):
            end = self._starts[k + 1] if k + 1 < len(self._starts) else self._length
            n = end - self._starts[k]
            out.extend(range(original, original + n) if linear else [original] * n)
        return out


@dataclass
class _Raw:
    relation: str
    subject: int  # cluster id
    object: int | float  # cluster id, or a value for literal relations
    sentence: Sentence
    start: int  # original char offsets of the match
    end: int
    pattern: str
    money: Any = None
    literal: bool = False


class RuleExtractor:
    """Extract entities and facts with patterns over language (see module docstring)."""

    name = "rules"

    def extract(self, article: Article) -> Extraction:
        """Read one article into an :class:`~kg.types.Extraction`."""
        with parsing(article.text) as parsed:
            return _Run(article, parsed).run()


class _Run:
    def __init__(self, article: Article, parsed: ParsedDocument) -> None:
        self.article = article
        self.text = article.text
        self.parsed = parsed
        self.cands: list[Candidate] = find_mentions(self.parsed)
        self.clusters, self.assign = cluster_mentions(self.cands, self.text)
        self.author: Cluster | None = author_cluster(self.clusters)
        self.raws: list[_Raw] = []
        self.sources: dict[int, list[str]] = {}
        self._firsts: dict[int, int] | None = None
        self._cand_starts = [c.start for c in self.cands]
        self._item_cache: dict[int, list[tuple[int, int, str, Any]]] = {}
        self._source_cache: dict[int, list[list[int]]] = {}
        self._date_cache: dict[int, list[DateMention]] = {}
        self._modality_cache: dict[tuple[int, int, int], str] = {}
        self._reported_cache: dict[int, bool] = {}
        self._capacity_cache: dict[int, list[Quantity]] = {}
        self._abstract_cache: dict[int, tuple[tuple[str, ...], _Abstract]] = {}

    # ------------------------------------------------------------------ abstraction
    def _items(self, sent: Sentence) -> list[tuple[int, int, str, Any]]:
        """The spans of ``sent`` that become slots, left to right: non-overlapping mentions
        (``"C"``, candidate index) first, then money, percents and counts outside them.
        Slot types may change between abstractions; these spans do not, so they are cached."""
        cached = self._item_cache.get(sent.index)
        if cached is not None:
            return cached
        items: list[tuple[int, int, str, Any]] = []
        taken: list[tuple[int, int]] = []
        i = bisect.bisect_left(self._cand_starts, sent.start)
        reach = -1  # the furthest end of a taken mention: mentions come sorted by start
        while i < len(self.cands) and self.cands[i].start < sent.end:
            c = self.cands[i]
            free = c.start >= reach if c.end > c.start else \
                not any(c.end > a and c.start < b for a, b in taken)
            if c.end <= sent.end and free:
                taken.append((c.start, c.end))
                items.append((c.start, c.end, "C", i))
                reach = max(reach, c.end)
            i += 1
        seg = self.text[sent.start:sent.end]
        if _DIGIT.search(seg):
            for kind, found in (("M", find_money(seg)), ("P", find_percents(seg)),
                                ("N", find_counts(seg))):
                for q in found:
                    s, e = sent.start + q.start, sent.start + q.end
                    if any(not (e <= a or s >= b) for a, b in taken):
                        continue
                    taken.append((s, e))
                    items.append((s, e, kind, q))
        items.sort(key=lambda item: (item[0], item[1]))
        self._item_cache[sent.index] = items
        return items

    def _abstract(self, sent: Sentence) -> _Abstract:
        items = self._items(sent)
        # the text depends only on the slot types once the spans are known: a sentence whose
        # slots kept their types is not rendered again
        types = tuple(self._slot_type(obj) for _s, _e, kind, obj in items if kind == "C")
        done = self._abstract_cache.get(sent.index)
        if done is not None and done[0] == types:
            return done[1]
        out: list[str] = []
        offsets = _OffsetMap()
        ab = _Abstract(sent, "", offsets)
        pos = sent.start
        counters = {"M": 0, "P": 0, "N": 0}
        slot_types = iter(types)
        for s, e, kind, obj in items:
            chunk = self._norm(self.text[pos:s])
            out.append(chunk)
            offsets.add(pos, len(chunk), linear=True)
            if kind == "C":
                cand = self.cands[obj]
                typ = next(slot_types)
                letter = "E" if cand.kind != "anaphor" else "I" if cand.head in ("it", "its") else "A"
                tag = f"⟦{letter}{obj}:{typ}⟧"
                if cand.kind == "anaphor" and cand.head == "its":
                    tag += "'s"  # sentence-initial "Its latest model": a possessive slot
                ab.slots[obj] = obj
            else:
                tag = f"⟦{kind}{counters[kind]}⟧"
                ab.values[f"{kind}{counters[kind]}"] = obj
                counters[kind] += 1
            out.append(tag)
            offsets.add(s, len(tag), linear=False)
            pos = e
        chunk = self._norm(self.text[pos:sent.end])
        out.append(chunk)
        offsets.add(pos, len(chunk), linear=True)
        text = "".join(out)
        ab.offsets = offsets
        if "(" in text:
            # "Nvidia (NVDA)" and "Amazon Web Services (AWS)": one mention
            kept: list[str] = []
            kept_offsets: list[int] = []
            every = offsets.to_list()
            last = 0
            for m in _PAREN_ALIAS.finditer(text):
                if not self._same(int(m.group(2)), int(m.group(3))):
                    continue
                kept.append(text[last:m.end(1)])
                kept_offsets.extend(every[last:m.end(1)])
                last = m.end()
            if kept:
                kept.append(text[last:])
                kept_offsets.extend(every[last:])
                text, ab.offsets = "".join(kept), kept_offsets
        ab.text = text
        self._abstract_cache[sent.index] = (types, ab)
        return ab

    @staticmethod
    def _norm(chunk: str) -> str:
        chunk = chunk.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
        if chunk.startswith("' ") or chunk == "'":
            chunk = "'s" + chunk[1:]  # "Services’ (AWS)": plural possessive
        return chunk

    def _same(self, a: int, b: int) -> bool:
        return self.assign.get(a) is not None and self.assign.get(a) == self.assign.get(b)

    def _slot_type(self, cand_index: int) -> str:
        cand = self.cands[cand_index]
        if cand.kind == "anaphor":
            return "Company"
        cl = self.clusters[self.assign[cand_index]]
        return cl.type or "?"

    # ------------------------------------------------------------------ typing by context
    def _type_from_context(self, abstracts: list[_Abstract]) -> None:
        for ab in abstracts:
            if ":?⟧" not in ab.text:
                continue  # every rule below types an untyped slot only
            for m in _LIST_TYPE.finditer(ab.text):
                for kind, idx, typ in _SLOT.findall(m.group(1)):
                    if kind == "E" and typ == "?":
                        set_type(self.clusters[self.assign[int(idx)]], "Company", "list")
            for m in _PERSON_LIST.finditer(ab.text):
                # "Aravind Srinivas and Denis Yarats": a full name listed with a person
                idx = int(m.group(1))
                if self.cands[idx].kind == "name" and 2 <= len(self.cands[idx].text.split()) <= 3:
                    set_type(self.clusters[self.assign[idx]], "Person", "list")
            for regex, typ in _PRE_NOUN:
                for m in regex.finditer(ab.text):
                    idx = next(g for g in m.groups() if g is not None)
                    set_type(self.clusters[self.assign[int(idx)]], typ, "prenoun")

    # ------------------------------------------------------------------ matching
    def run(self) -> Extraction:
        abstracts = [self._abstract(s) for s in self.parsed.sentences]
        self._type_from_context(abstracts)
        abstracts = [self._abstract(s) for s in self.parsed.sentences]
        patterns, selector = _pattern_index()
        for ab in abstracts:
            if "⟦" not in ab.text:
                continue  # no mention, no fact
            # only the patterns whose required literals the sentence holds
            for i in selector.select(ab.text):
                pat = patterns[i]
                if pat.requires is not None and not pat.requires.search(ab.text):
                    continue
                pos = 0
                asides: list[tuple[int, int]] = []
                while pos <= len(ab.text):
                    m = pat.regex.search(ab.text, pos)
                    if m is None:
                        break
                    pos = m.start() + 1
                    if pat.lead:
                        if any(a <= m.start() < b for a, b in asides) or \
                                _NOT_SUBJECT.search(ab.text, 0, m.start()):
                            continue
                        if m.group("ap"):
                            asides.append(m.span("ap"))
                    self._apply(pat, m, ab)
        self._attach_kb_developers(abstracts)
        return self._finish(abstracts)

    def _slots_in(self, text: str | None, allowed: tuple[str, ...] | None) -> list[int]:
        if not text:
            return []
        out = []
        for kind, idx, typ in _SLOT.findall(text):
            if allowed is None or typ in allowed:
                out.append(int(idx))
        return out

    def _apply(self, pat: Pattern, m: re.Match[str], ab: _Abstract) -> None:
        s_types, o_types = SIGNATURES[pat.relation]
        if pat.relation == "ceo_of" and _FORMER.search(ab.text, max(0, m.start() - 12), m.end()):
            return  # "former Google chief executive Eric Schmidt": not the CEO now
        groups = m.groupdict()
        start = ab.offsets[min(m.start(), len(ab.offsets) - 1)]
        end = ab.offsets[min(max(m.end() - 1, 0), len(ab.offsets) - 1)] + 1
        other_ids: set[int] = set()

        # objects first, so an anaphoric subject can avoid them
        literal = o_types is None
        objects: list[Any] = []
        if literal:
            vals = _VALUE.findall(groups.get("v") or "")
            if not vals:
                return
            q = ab.values[vals[0][0] + vals[0][1]]
            objects = [q.usd if hasattr(q, "usd") else q.value]
            if objects[0] is None:
                return
        elif pat.object in ("round", "author"):
            objects = []
        else:
            idxs = self._slots_in(groups.get("o"), o_types)
            objects = [("c", i) for i in idxs]
            for kind, i in objects:
                if self.cands[i].kind == "name":
                    other_ids.add(self.assign[i])
        subjects: list[Any]
        if pat.subject == "left":
            subjects = [("cl", c) for c in [self._nearest_left(ab, m.start(), s_types)] if c is not None]
        elif pat.subject and pat.subject.startswith("near:"):
            c = self._nearest_type(pat.subject.split(":", 1)[1], ab, m.start(), other_ids)
            subjects = [("cl", c)] if c is not None else []
        else:
            # "s2" is a more specific subject when present ("Apple will integrate ChatGPT
            # into Siri": Siri integrates ChatGPT)
            s2 = self._slots_in(groups.get("s2"), s_types)
            subjects = [("c", i) for i in (s2 or self._slots_in(groups.get("s"), s_types))]
            for i in s2:
                if self.cands[i].kind == "name" and self.clusters[self.assign[i]].type is None:
                    set_type(self.clusters[self.assign[i]], "Product", "slot")
        subjects = [x for ref in subjects for x in self._expand_plural(ref, other_ids)]
        if pat.object == "round":
            r = self._round_company(ab.sentence)
            objects = [("cl", r)] if r is not None else []
        elif pat.object == "author":
            objects = [("cl", self.author.id)] if self.author is not None and _WE.search(self.text) else []
        money = None
        for g in ("m", "m2", "m3"):
            vals = _VALUE.findall(groups.get(g) or "")
            if vals:
                money = ab.values[vals[0][0] + vals[0][1]]
                break
        if money is not None and pat.relation == "invests_in" and len(subjects) > 1:
            money = None  # a round's total is no single investor's amount (ANNOTATE.md 3)
        if money is None and pat.relation in _MONEY_RELATIONS and pat.object != "round" \
                and len(subjects) <= 1:
            inside = [ab.values[k + n] for k, n in _VALUE.findall(m.group(0)) if k == "M"]
            if inside:
                money = inside[0]
            elif pat.relation != "invests_in":
                all_money = [v for k, v in ab.values.items() if k.startswith("M")]
                if len(all_money) == 1 and "valu" not in ab.text:
                    money = all_money[0]
        for rel in (pat.relation, *pat.also):
            for subj in subjects:
                s_cl = self._resolve(subj, other_ids)
                if s_cl is None:
                    continue
                for obj in objects:
                    if literal:
                        o_val: int | float = obj
                    else:
                        o_cl = self._resolve(obj, {s_cl})
                        if o_cl is None or o_cl == s_cl:
                            continue
                        o_val = o_cl
                    self.raws.append(_Raw(rel, s_cl, o_val, ab.sentence, start, end, pat.id,
                                          money, literal))
                    self._type_args(rel, s_cl, None if literal else int(o_val))

    def _type_args(self, rel: str, s_cl: int, o_cl: int | None) -> None:
        s_types, o_types = SIGNATURES[rel]
        s = self.clusters[s_cl]
        if s.type is None:
            set_type(s, s_types[0], "slot")
        if o_cl is not None and o_types is not None:
            o = self.clusters[o_cl]
            if o.type is None:
                set_type(o, o_types[0], "slot")

    def _expand_plural(self, ref: Any, avoid: set[int]) -> list[Any]:
        """ "the duo", "both companies": the two companies mentioned last before it."""
        kind, val = ref
        if kind != "c" or self.cands[val].head != "plural":
            return [ref]
        cand = self.cands[val]
        last: list[tuple[int, int]] = []
        for cl in self.clusters:
            if cl.type != "Company" or not cl.mentions or cl.id in avoid:
                continue
            before = [mm.start for mm in cl.mentions if mm.end <= cand.start]
            if before:
                last.append((max(before), cl.id))
        return [("cl", cid) for _pos, cid in sorted(last, reverse=True)[:2]]

    def _resolve(self, ref: Any, avoid: set[int]) -> int | None:
        kind, val = ref
        if kind == "cl":
            return val
        cand = self.cands[val]
        if cand.kind == "name":
            return self.assign[val]
        # anaphor
        if cand.head == "we":
            speaker = self._quote_speaker_org(cand.start)
            if speaker is not None:
                return speaker if speaker not in avoid else None
            if self.author is not None and self.author.id not in avoid:
                return self.author.id
            return None
        return self._antecedent(cand, avoid)

    def _antecedent(self, cand: Candidate, avoid: set[int]) -> int | None:
        """The organisation an anaphor ("the startup", "it") most likely names: a company
        mentioned before it whose kind fits the noun, preferring one that was the subject
        (the first name) of this or the two sentences before, then the most mentioned,
        then the most recent."""
        wanted = _ANAPHOR_KINDS.get(cand.head)
        here = self.parsed.sentence_at(cand.start).index
        firsts = self._sentence_subjects()
        best: tuple[tuple[int, int, int], int] | None = None
        for cl in self.clusters:
            if cl.type != "Company" or not cl.mentions or cl.id in avoid:
                continue
            before = [mm for mm in cl.mentions if mm.end <= cand.start]
            if not before:
                continue
            kind = _kind(cl)
            if wanted is not None and kind is not None and kind not in wanted:
                continue
            if cand.head not in ("firm", "group") and _is_investor(cl):
                continue  # "the company", "it": not the venture firm named in passing
            subject = any(firsts.get(mm.sent) == mm.start and here - 2 <= mm.sent <= here
                          for mm in before)
            near = any(here - 1 <= mm.sent <= here for mm in before)
            topic = self.author is not None and self.author.id == cl.id
            score = (4 * subject + 2 * near + 2 * topic + min(len(before), 4),
                     max(mm.start for mm in before), cl.id)
            if best is None or score > best[0]:
                best = (score, cl.id)
        return best[1] if best else None

    def _sentence_subjects(self) -> dict[int, int]:
        """Start offset of the first name mention of each (non-headline) sentence."""
        if self._firsts is None:
            firsts: dict[int, int] = {}
            for c in self.cands:
                if c.kind == "name" and not self.parsed.sentences[c.sent].headline:
                    firsts.setdefault(c.sent, c.start)
            self._firsts = firsts
        return self._firsts

    def _quote_speaker_org(self, pos: int) -> int | None:
        """The organisation of whoever speaks the quotation around ``pos`` ("…," said Jane
        Doe, CEO at Acme), so a quoted "we" is Acme, not the article's author."""
        for q in _QUOTE.finditer(self.text):
            if not (q.start() <= pos < q.end()):
                continue
            tail_end = self.text.find("\n", q.end())
            tail = (q.end(), tail_end if tail_end != -1 else len(self.text))
            head_start = self.text.rfind("\n", 0, q.start()) + 1
            for lo, hi in (tail, (head_start, q.start())):
                seg = self.text[lo:hi]
                if not re.search(r"\b(?:said|says|added|wrote|according to)\b", seg):
                    continue
                orgs = [(c.start, self.assign[i]) for i, c in enumerate(self.cands)
                        if c.kind == "name" and lo <= c.start < hi
                        and self.clusters[self.assign[i]].type in ("Company", "Product")]
                if orgs:
                    return orgs[0][1]
            return None
        return None

    def _nearest_left(self, ab: _Abstract, pos: int, types: tuple[str, ...]) -> int | None:
        slots = [(mm.start(), mm) for mm in _SLOT.finditer(ab.text)]
        left = [x for x in slots if x[0] < pos and x[1].group(3) in types and x[1].group(1) == "E"]
        if left:
            return self.assign[int(left[-1][1].group(2))]
        right = [x for x in slots if x[0] >= pos and x[1].group(3) in types and x[1].group(1) == "E"]
        if right:
            return self.assign[int(right[0][1].group(2))]
        return self.author.id if self.author is not None else None

    def _nearest_type(self, typ: str, ab: _Abstract, pos: int,
                      related: set[int] | None = None) -> int | None:
        limit = ab.offsets[min(pos, len(ab.offsets) - 1)]
        if related:
            tied = [r.subject for r in self.raws if not r.literal and r.object in related
                    and self.clusters[r.subject].type == typ]
            if tied:
                return tied[-1]
        prev_start = self.parsed.sentences[max(0, ab.sentence.index - 1)].start
        best: tuple[int, int] | None = None
        for cl in self.clusters:
            if cl.type != typ or not cl.mentions:
                continue
            for mm in cl.mentions:
                if prev_start <= mm.start < limit and (best is None or mm.start > best[0]):
                    best = (mm.start, cl.id)
        return best[1] if best else None

    def _round_company(self, sent: Sentence) -> int | None:
        raised = [r for r in self.raws if r.relation in ("raises", "valued_at")]
        before = [r for r in raised if r.sentence.index <= sent.index]
        if before:
            return before[-1].subject
        if raised:
            return raised[0].subject
        return self.author.id if self.author is not None else None

    # ------------------------------------------------------------------ knowledge-base support
    def _attach_kb_developers(self, abstracts: list[_Abstract]) -> None:
        """A product named next to the company the knowledge base says makes it:
        ``develops(maker, product)`` ("Anthropic … Claude", "Google's … Gemini")."""
        for ab in abstracts:
            ids = {self.assign[int(i)] for k, i, _t in _SLOT.findall(ab.text) if k == "E"}
            we = any(self.cands[int(i)].head == "we" for k, i, _t in _SLOT.findall(ab.text) if k == "A")
            for cid in ids:
                cl = self.clusters[cid]
                kb = cl.kb
                if kb is None or cl.type not in ("AIModel", "Product", "Hardware") or not kb.parent:
                    continue
                if getattr(kb, "kind", None) == "cloud":
                    continue
                maker = next((c for c in self.clusters if c.kb is not None and c.mentions
                              and name_key(c.kb.name) == name_key(kb.parent)), None)
                if maker is None:
                    continue
                if maker.id in ids or (we and self.author is not None and self.author.id == maker.id):
                    self.raws.append(_Raw("develops", maker.id, cid, ab.sentence,
                                          ab.sentence.start, ab.sentence.end, "kb.maker"))

    # ------------------------------------------------------------------ facts
    def _finish(self, abstracts: list[_Abstract]) -> Extraction:
        by_sentence = {ab.sentence.index: ab for ab in abstracts}
        facts: dict[tuple, Fact] = {}
        for raw in self._post(self.raws):
            ab = by_sentence[raw.sentence.index]
            subj = self.clusters[raw.subject]
            if raw.literal:
                obj_name: str | float = float(raw.object)
            else:
                obj = self.clusters[int(raw.object)]
                if obj.type is None:
                    continue
                obj_name = obj.canonical()
            if subj.type is None:
                continue
            fact = self._fact(raw, subj, obj_name, ab)
            key = (fact.subject.lower(), fact.relation, str(fact.object).lower()
                   if not isinstance(fact.object, float) else round(fact.object),
                   fact.amount_usd, fact.date if fact.amount_usd else None)
            if fact.relation in SYMMETRIC_RELATIONS:
                a, b = sorted([fact.subject.lower(), str(fact.object).lower()])
                key = (a, fact.relation, b, None, None)
            elif fact.amount_usd is None:
                key = (fact.subject.lower(), fact.relation, str(fact.object).lower(), None, None)
            if key not in facts or _richer(fact, facts[key]):
                facts[key] = fact
        # a same-triple fact without an amount adds nothing next to one with an amount
        out = list(facts.values())
        with_amount = {(f.subject, f.relation, str(f.object)) for f in out if f.amount_usd}
        out = [f for f in out if f.amount_usd or (f.subject, f.relation, str(f.object)) not in with_amount]
        out.sort(key=lambda f: (f.evidence.start if f.evidence else 0, f.relation, f.subject,
                                str(f.object)))
        return Extraction(self.article, tuple(self._entities()), tuple(out), tuple(self._mentions()))

    def _post(self, raws: list[_Raw]) -> list[_Raw]:
        out: list[_Raw] = []
        oriented = {p.id for p in compiled_patterns() if p.orient}
        kb_provider = {p.id for p in compiled_patterns() if p.provider == "kb"}
        developers: dict[int, int] = {}
        for r in raws:
            if r.relation == "develops" and not r.literal:
                developers.setdefault(int(r.object), r.subject)
        for r in raws:
            s = self.clusters[r.subject]
            if r.relation == "develops" and not r.literal:
                o = self.clusters[int(r.object)]
                if o.kb is not None and getattr(o.kb, "kind", None) == "cloud":
                    if o.kb.parent and s.kb is not None and name_key(o.kb.parent) == name_key(s.kb.name):
                        r = _Raw("subsidiary_of", o.id, s.id, r.sentence, r.start, r.end, r.pattern)
                    else:
                        continue
                elif o.type == "Company":
                    continue
            if r.relation == "competes_with" and s.type in ("AIModel", "Product"):
                dev = developers.get(s.id)
                if dev is None and s.kb is not None and s.kb.parent:
                    dev = next((c.id for c in self.clusters if c.kb is not None
                                and name_key(c.kb.name) == name_key(s.kb.parent)), None)
                if dev is None or dev == r.object:
                    continue
                r = _Raw(r.relation, dev, r.object, r.sentence, r.start, r.end, r.pattern)
            if r.relation == "provides_compute_to" and s.kb is not None and \
                    getattr(s.kb, "kind", None) == "chipmaker":
                r = _Raw("supplies_hardware_to", r.subject, r.object, r.sentence, r.start, r.end,
                         r.pattern, r.money)
            if r.relation in ("provides_compute_to", "supplies_hardware_to") and not r.literal \
                    and r.pattern in oriented:
                # "OpenAI signed a cloud deal with AWS" / "… with Broadcom to design chips":
                # the provider is the cloud or chip maker, whichever side the sentence put it
                o = self.clusters[int(r.object)]
                if r.relation == "provides_compute_to":
                    swap = _is_cloud(o) and not _is_cloud(s) and _kind(s) != "chipmaker"
                    swap = swap or (_kind(o) == "chipmaker" and not _is_cloud(s) and _kind(s) != "chipmaker")
                else:
                    swap = _kind(o) == "chipmaker" and _kind(s) != "chipmaker"
                if swap:
                    r = _Raw(r.relation, o.id, s.id, r.sentence, r.start, r.end, r.pattern, r.money)
                    s = o
            if r.pattern in kb_provider and not (_is_cloud(s) or _kind(s) == "chipmaker"):
                continue  # "a customer of Salesforce": only known clouds and chip makers
            if r.relation == "integrates" and s.type == "Person":
                continue
            if r.relation == "integrates" and not r.literal:
                o = self.clusters[int(r.object)]
                maker = developers.get(o.id)
                if maker == s.id or (o.kb is not None and s.kb is not None and o.kb.parent
                                     and name_key(o.kb.parent) == name_key(s.kb.name)):
                    continue  # a maker does not "integrate" its own model
            if r.relation == "integrates" and not r.literal:
                o = self.clusters[int(r.object)]
                if o.kb is not None and getattr(o.kb, "kind", None) == "cloud":
                    r = _Raw("provides_compute_to", o.id, r.subject, r.sentence, r.start, r.end,
                             r.pattern, r.money)
            if not r.literal and r.subject == r.object:
                continue
            out.append(r)
        return out

    def _fact(self, raw: _Raw, subj: Cluster, obj_name: str | float, ab: _Abstract) -> Fact:
        sent = raw.sentence
        sent_text = self.text[sent.start:sent.end]
        money = raw.money
        amount_usd = amount = currency = None
        note = None
        if money is not None and raw.relation in _MONEY_RELATIONS:
            if money.usd is not None:
                amount_usd = money.usd
            else:
                amount, currency = money.amount, money.currency
            if money.bound:
                note = f"{money.bound} {money.text}"
        date = self._date(sent, raw.start, raw.end)
        capacity = None
        if raw.relation in _CAPACITY_RELATIONS:
            caps = self._capacity_cache.get(sent.index)
            if caps is None:
                caps = self._capacity_cache[sent.index] = find_capacities(sent_text)
            if caps:
                capacity = "; ".join(c.text for c in caps)
        if raw.relation == "valued_at":
            low = sent_text.lower()
            note = "post-money" if "post-money" in low else "pre-money" if "pre-money" in low else None
        location = obj_name if raw.relation == "builds_data_center" and isinstance(obj_name, str) \
            else None
        modality = self._modality(sent, raw.start, raw.end)
        sources = self._sources(ab, raw)
        if modality == "asserted" and any(self._is_publisher(s) for s in sources):
            modality = "reported"
        return Fact(
            subject=subj.canonical(), relation=raw.relation, object=obj_name, modality=modality,
            sources=tuple(sources), evidence=Evidence(sent_text, sent.start, sent.end),
            amount_usd=amount_usd, amount=amount, currency=currency, date=date,
            location=location, capacity=capacity, note=note, extractor="rules")

    def _is_publisher(self, name: str) -> bool:
        cluster = self._cluster_by_name(name)
        return cluster is not None and cluster.type == "Publisher"

    def _cluster_by_name(self, name: str) -> Cluster | None:
        for cl in self.clusters:
            if cl.mentions and cl.canonical() == name:
                return cl
        return None

    def _date(self, sent: Sentence, start: int, end: int) -> str | None:
        dates = self._date_cache.get(sent.index)
        if dates is None:
            seg = self.text[sent.start:sent.end]
            dates = find_dates(seg) if _DIGIT.search(seg) else []
            self._date_cache[sent.index] = dates
        if not dates:
            return None
        inside = [d for d in dates if start <= sent.start + d.start < end]
        pick = inside or sorted(dates, key=lambda d: min(abs(sent.start + d.start - start),
                                                         abs(sent.start + d.start - end)))
        return pick[0].value

    def _modality(self, sent: Sentence, start: int, end: int) -> str:
        lo, hi = max(sent.start, start - 40), min(sent.end, end + 40)
        cached = self._modality_cache.get((sent.index, lo, hi))
        if cached is not None:
            return cached
        c = cues()
        clause = self.text[lo:hi]
        present = c.scan(clause)
        found = "asserted"
        for name in c.order:
            if name == "reported":  # anywhere in the sentence ("…, according to Reuters")
                hit = self._reported_cache.get(sent.index)
                if hit is None:
                    hit = self._reported_cache[sent.index] = c.modality_in(
                        name, self.text[sent.start:sent.end])
            else:
                hit = c.modality_in(name, clause, present)
            if hit:
                found = name
                break
        self._modality_cache[(sent.index, lo, hi)] = found
        return found

    def _sources(self, ab: _Abstract, raw: _Raw) -> list[str]:
        out: list[str] = []
        found = self._source_cache.get(ab.sentence.index)
        if found is None:
            found = [self._slots_in(m.group("src"), None) for m in cues().attributions(ab.text)]
            self._source_cache[ab.sentence.index] = found
        for idxs in found:
            for idx in idxs:
                cand = self.cands[idx]
                if cand.kind != "name":
                    continue
                cl = self.clusters[self.assign[idx]]
                if cl.type == "Person":
                    continue
                if cl.type in (None, "Publisher"):
                    set_type(cl, "Publisher", "apposition")
                elif cl.id not in (raw.subject, raw.object) and cl.type != "Publisher":
                    continue
                name = cl.canonical()
                if name not in out:
                    out.append(name)
        return sorted(out)

    # ------------------------------------------------------------------ entities
    def _entities(self) -> list[Entity]:
        seen: dict[str, Entity] = {}
        for cl in self.clusters:
            if not cl.mentions or cl.type is None:
                continue
            if cl.type_cue in ("shape",) and cl.kb is None and not self._in_fact(cl.id) \
                    and cl.type not in ("AIModel", "Hardware"):
                continue
            ent = Entity(key=cl.key(), name=cl.canonical(), type=cl.type,
                         aliases=tuple(cl.aliases()),
                         wikidata=getattr(cl.kb, "wikidata", None) if cl.kb else None,
                         parent=getattr(cl.kb, "parent", None) if cl.kb else None,
                         in_kb=cl.kb is not None)
            if ent.key not in seen:
                seen[ent.key] = ent
        return sorted(seen.values(), key=lambda e: e.key)

    def _in_fact(self, cid: int) -> bool:
        return any(r.subject == cid or (not r.literal and r.object == cid) for r in self.raws)

    def _mentions(self) -> list[Mention]:
        out = []
        for i, c in enumerate(self.cands):
            if c.kind != "name":
                continue
            cl = self.clusters[self.assign[i]]
            if cl.type is None:
                continue
            out.append(Mention(c.start, c.end, self.text[c.start:c.end], cl.key()))
        return out


@lru_cache(maxsize=1)
def _pattern_index() -> tuple[tuple[Pattern, ...], PatternSelector]:
    """The relation patterns in the order they run (rounds and valuations first, so a later
    investment can find its round), and a selector of those that may match a sentence."""
    patterns = tuple(sorted(compiled_patterns(),
                            key=lambda p: 0 if p.relation in ("raises", "valued_at") else 1))
    return patterns, PatternSelector(patterns)


@lru_cache(maxsize=1)
def _cloud_owners() -> frozenset[str]:
    """Name keys of the companies the knowledge base knows to run a cloud (kind ``cloud``
    entries and the parents of cloud products: Amazon, Microsoft, Google, Oracle, …)."""
    out: set[str] = set()
    for entry in KnowledgeBase.default():
        if getattr(entry, "kind", None) == "cloud":
            out.add(name_key(entry.name))
            if entry.parent:
                out.add(name_key(entry.parent))
    return frozenset(out)


def _kind(cluster: Cluster) -> str | None:
    return getattr(cluster.kb, "kind", None) if cluster.kb is not None else None


def _is_cloud(cluster: Cluster) -> bool:
    """Whether the knowledge base knows ``cluster`` as a cloud or a cloud's owner."""
    return cluster.kb is not None and (_kind(cluster) == "cloud"
                                       or name_key(cluster.kb.name) in _cloud_owners())


_INVESTOR_FINAL = {"Capital", "Ventures", "Venture", "Partners", "Fund", "Funds", "Investments",
                   "Management", "Equity"}


def _is_investor(cluster: Cluster) -> bool:
    """A venture firm or fund: by its knowledge-base kind or its name ("… Ventures")."""
    if _kind(cluster) in ("vc", "investor"):
        return True
    return cluster.kb is None and cluster.canonical().split()[-1] in _INVESTOR_FINAL


def _richer(new: Fact, old: Fact) -> bool:
    def score(f: Fact) -> int:
        return sum(x is not None for x in (f.amount_usd, f.date, f.capacity)) + len(f.sources)
    return score(new) > score(old)
