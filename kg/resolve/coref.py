"""Document-level resolution: mentions → entities.

Groups the candidate mentions of one article into entities (clusters) and links anaphora:

- knowledge-base hits join the entry they matched (aliases, tickers, legal names);
- a name defined with an acronym in brackets, "Amazon Web Services (AWS)", joins the name;
- the same name up to case, punctuation and corporate suffixes joins;
- a person's surname alone ("Altman") joins the full name used earlier or later;
- a short form of an organisation name ("Glade Brook" for "Glade Brook Capital") joins it;
- anaphora ("the company", "the startup", "we") keep their candidate antecedents, most
  recent first, to be chosen once the relation slot is known.

The canonical name is the fullest name the article uses (FACTS.md "Names"), corporate
suffixes dropped, or the knowledge base's canonical name when that is fuller.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.resolve.iri import entity_key
from kg.resolve.kb import KBEntry
from kg.resolve.names import name_key, strip_suffix

if TYPE_CHECKING:
    from kg.extract.mentions import Candidate

_TYPE_PRIORITY = {"kb": 0, "person": 1, "person-context": 1, "place": 1, "suffix": 2,
                  "apposition": 3, "list": 3, "prenoun": 3, "shape": 4, "slot": 5}


@dataclass
class Cluster:
    """One entity of an article: its mentions and what they say about it."""

    id: int
    mentions: list[Candidate] = field(default_factory=list)
    kb: KBEntry | None = None
    type: str | None = None
    type_cue: str = ""

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    def surfaces(self) -> list[str]:
        return [m.text for m in self.mentions]

    def canonical(self) -> str:
        """The fullest name the article uses, suffix stripped; KB name when fuller."""
        state = (len(self.mentions), self.type, id(self.kb))
        cached = self.__dict__.get("_canon_memo")
        if cached is not None and cached[0] == state:
            return cached[1]
        name = self._fullest_name()
        self.__dict__["_canon_memo"] = (state, name)
        return name

    def _fullest_name(self) -> str:
        if self.type == "Location" and self.kb is not None:
            return self.kb.name  # "Austin, Texas" is Austin: places keep their KB name
        names = [strip_suffix(m.text) for m in self.mentions]
        names = [n for n in names if n]
        if self.type == "Person":
            names = [_strip_honorifics(n) for n in names]
        proper = [n for n in names if all(_proper_word(w) for w in n.split())]
        names = proper or ([] if self.kb is not None else names)
        options = names + ([self.kb.name] if self.kb is not None else [])
        # acronyms only when nothing else is known
        full = [n for n in options if not (n.isupper() and len(n) <= 6)] or options
        best = max(full, key=lambda n: (len(n.split()), len(n), -options.index(n)))
        # keep the KB's name unless the article's name extends it ("Bloomberg News")
        if self.kb is not None and not name_key(best).startswith(name_key(self.kb.name)):
            best = self.kb.name
        return best

    def aliases(self) -> list[str]:
        canon = self.canonical()
        seen = {name_key(canon)}
        out = []
        for text in self.surfaces():
            key = name_key(text)
            if key and key not in seen:
                seen.add(key)
                out.append(text)
        return out

    def key(self) -> str:
        return entity_key(self.kb.name if self.kb is not None else self.canonical())


_CONNECTOR_WORDS = {"of", "for", "and", "&", "on", "de", "du", "la", "bin", "al", "van", "von",
                    "der", "the"}


def _proper_word(word: str) -> bool:
    """A word that can stand in a proper name: capitalised, with a digit or inner capital
    ("xAI"), or a connector ("of", "&")."""
    return (word[:1].isupper() or word[:1].isdigit() or any(ch.isupper() for ch in word)
            or word in _CONNECTOR_WORDS or not word[:1].isalpha())


_HONORIFIC = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|H\.H|H\.E|Lord|Lady)\.?\s+)+")


def _strip_honorifics(name: str) -> str:
    return _HONORIFIC.sub("", name).strip()


def set_type(cluster: Cluster, type_: str, cue: str) -> None:
    """Type a cluster unless a more trusted cue already did."""
    if cluster.type is None or _TYPE_PRIORITY.get(cue, 9) < _TYPE_PRIORITY.get(cluster.type_cue, 9):
        cluster.type = type_
        cluster.type_cue = cue


def cluster_mentions(cands: list, text: str) -> tuple[list[Cluster], dict[int, int]]:
    """Group name candidates into clusters. Returns the clusters and a map from the index of
    each name candidate in ``cands`` to its cluster id (anaphora are left out)."""
    clusters: list[Cluster] = []
    by_kb: dict[str, Cluster] = {}
    by_key: dict[str, Cluster] = {}
    assign: dict[int, int] = {}

    def new(c) -> Cluster:
        cl = Cluster(id=len(clusters))
        clusters.append(cl)
        return cl

    names = [(i, c) for i, c in enumerate(cands) if c.kind == "name"]
    for pos, (i, c) in enumerate(names):
        key = name_key(c.text)
        cl: Cluster | None = None
        if c.kb is not None:
            cl = by_kb.get(c.kb.name) or by_key.get(name_key(c.kb.name))
        if cl is None and key:
            cl = by_key.get(key)
        if cl is None and pos > 0:
            # "Long Name (LN)": an acronym or ticker in brackets names the entity before it
            pi, prev = names[pos - 1]
            between = text[prev.end:c.start]
            if re.fullmatch(r"[’']?s?\s*\(\s*", between) and re.match(r"\s*\)", text[c.end:]) \
                    and (c.text.isupper() or c.kb is None) and len(c.text) <= 6:
                cl = clusters[assign[pi]]
        if cl is None:
            cl = new(c)
        cl.mentions.append(c)
        if c.kb is not None and cl.kb is None:
            cl.kb = c.kb
            by_kb[c.kb.name] = cl
            by_key.setdefault(name_key(c.kb.name), cl)
        if key:
            by_key.setdefault(key, cl)
        if c.type is not None:
            set_type(cl, c.type, c.cue)
        assign[i] = cl.id
    _merge_short_forms(clusters, assign)
    return clusters, assign


def _merge_short_forms(clusters: list[Cluster], assign: dict[int, int]) -> None:
    """Surnames join full person names; short organisation names join their long form."""
    from kg.extract.mentions import lexicon

    org_final = lexicon().org_final
    persons = [c for c in clusters if c.type == "Person"]
    # candidates by the word a match must share (a person's surname, an organisation's first
    # word), rebuilt after each merge since merging can change a canonical name
    index: dict[str, dict[str, list[Cluster]]] = {}

    def candidates(kind: str, word: str) -> list[Cluster]:
        if not index:
            index["last"], index["first"] = {}, {}
            for p in persons:
                split = p.canonical().split() if p.mentions else []
                if split:
                    index["last"].setdefault(split[-1], []).append(p)
            for o in clusters:
                split = o.canonical().split() if o.mentions else []
                if split:
                    index["first"].setdefault(split[0], []).append(o)
        return index[kind].get(word, [])

    for cl in clusters:
        if not cl.mentions or cl.kb is not None:
            continue
        words = cl.canonical().split()
        if not words:
            continue
        target: Cluster | None = None
        if len(words) == 1 and cl.type in (None, "Person"):
            hits = [p for p in candidates("last", words[0]) if p is not cl
                    and len(p.canonical().split()) > 1 and p.canonical().split()[-1] == words[0]]
            if len(hits) == 1:
                target = hits[0]
        if target is None and cl.type in (None, "Company"):
            hits = [o for o in candidates("first", words[0]) if o is not cl and o.mentions
                    and o.type in (None, "Company")
                    and len(o.canonical().split()) > len(words)
                    and o.canonical().split()[:len(words)] == words
                    and all(w in org_final for w in o.canonical().split()[len(words):])]
            if len(hits) == 1:
                target = hits[0]
        if target is not None:
            target.mentions.extend(cl.mentions)
            if cl.type and target.type is None:
                set_type(target, cl.type, cl.type_cue)
            for idx, cid in list(assign.items()):
                if cid == cl.id:
                    assign[idx] = target.id
            cl.mentions = []
            index.clear()


def author_cluster(clusters: list[Cluster]) -> Cluster | None:
    """The organisation an article speaks for when it says "we": the most mentioned company."""
    counts: Counter[int] = Counter()
    for cl in clusters:
        if cl.type == "Company" and cl.mentions:
            counts[cl.id] = len(cl.mentions)
    if not counts:
        return None
    best = max(counts.items(), key=lambda kv: (kv[1], -clusters[kv[0]].first))
    return clusters[best[0]]
