"""Realistic synthetic AI-industry news articles, at any count, deterministic by seed.

Entity names come from the knowledge base ``ontology/kb.jsonl`` (labs, start-ups, big tech,
investors, clouds, chip makers, chips, people, models, places, outlets) mixed with invented
ones shaped like real names ("Veltrix AI", "Harbor Peak Capital", "Maya Okafor", "Veltrix-3").
Each article has a headline, a lead and paragraphs in which fact sentences (investments with
amounts and dates, funding rounds with lead and participating investors, valuations,
acquisitions, compute deals, chip supply, data centres with location/cost/capacity,
partnerships, talks, CEOs, founders, launches, headquarters, rivals), varied by attribution
("according to Reuters"), hedges ("could") and plans ("will"), sit between sentences of filler
news prose; 300–1,200 words an article.

Article ``i`` of seed ``s`` depends only on ``(s, i)``: ``generate(10, s)`` is a prefix of
``generate(1000, s)``, on every machine and Python 3.11+.

Each yielded dict has the JSON-lines fields of ``kg.ingest`` (``text``, ``title``, ``url``,
``date``, ``publisher``) and ``planted``: the facts the templates put in, as
``{"subject", "relation", "object"}`` records with canonical names (a sanity check on
extraction, not a gold standard: filler can add real facts, and some templates are hard).

Usage::

    python benchmarks/synth.py --count 10000 --out /tmp/synth --format jsonl --seed 0
    python benchmarks/synth.py --count 50 --out /tmp/synth-txt          # one .txt per article

>>> a = next(generate(1, seed=0))
>>> sorted(a)
['date', 'planted', 'publisher', 'text', 'title', 'url']
>>> 300 <= len(a["text"].split()) <= 1200
True
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KB_PATH = ROOT / "ontology" / "kb.jsonl"

MIN_WORDS = 300
MAX_WORDS = 1200

# ---------------------------------------------------------------------------- name pools

_FIRST = ("Maya", "Daniel", "Priya", "Jonas", "Elena", "Marcus", "Aisha", "Tomas", "Sofia",
          "David", "Hannah", "Rahul", "Laura", "Kevin", "Nadia", "Oliver", "Grace", "Victor",
          "Emily", "Samuel", "Julia", "Lucas", "Clara", "Martin", "Sarah", "Ethan", "Anna",
          "Michael", "Rachel", "Omar", "Lisa", "Peter", "Karen", "Adrian", "Chloe", "James")
_LAST = ("Okafor", "Lindqvist", "Raman", "Brenner", "Castillo", "Whitfield", "Haddad", "Novak",
         "Moreau", "Tanaka", "Kowalski", "Mehta", "Fischer", "Osei", "Delgado", "Harrington",
         "Sato", "Petrov", "Nakamura", "Larsen", "Ibrahim", "Costa", "Becker", "Ferreira",
         "Holloway", "Varga", "Chen", "Park", "Quinn", "Albrecht", "Ndiaye", "Romano")
_STEM_A = ("Vel", "Nor", "Quor", "Ast", "Lum", "Cal", "Ser", "Tal", "Ori", "Zen", "Kor", "Mir",
           "Hal", "Ver", "Pax", "Syn", "Ax", "Bel", "Cor", "Dra", "Eon", "Fen", "Gal", "Ion")
_STEM_B = ("trix", "lune", "vant", "ora", "ion", "dex", "ari", "eta", "ith", "yra", "ent", "ano",
           "osis", "ux", "ara", "elle", "ic", "on", "ium", "ova", "yx", "ex", "ai", "is")
_CO_SUFFIX = ("AI", "AI", "AI", "Labs", "Technologies", "Systems", "Robotics", "Research")
_INV_WORD = ("Harbor", "Summit", "Granite", "Northstar", "Bluewater", "Ironwood", "Redwood",
             "Cedar", "Falcon", "Meridian", "Beacon", "Atlas", "Crescent", "Pioneer", "Sterling")
_INV_SUFFIX = ("Capital", "Ventures", "Partners", "Capital", "Ventures", "Investments")


@dataclass(frozen=True)
class Pools:
    """Entity names by role: real ones from the knowledge base."""

    labs: tuple[str, ...]
    startups: tuple[str, ...]
    bigtech: tuple[str, ...]
    investors: tuple[str, ...]
    clouds: tuple[str, ...]
    chipmakers: tuple[str, ...]
    chips: tuple[str, ...]
    people: tuple[str, ...]
    models: tuple[str, ...]
    places: tuple[str, ...]
    outlets: tuple[str, ...]
    analysts: tuple[str, ...]


@lru_cache(maxsize=4)
def load_pools(kb_path: str | Path = KB_PATH) -> Pools:
    """Read the knowledge base into name pools (cached).

    >>> p = load_pools()
    >>> "OpenAI" in p.labs and "Reuters" in p.outlets and "Nvidia" in p.chipmakers
    True
    """
    by_kind: dict[str, list[str]] = {}
    with open(kb_path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            row = json.loads(line)
            kind = row.get("kind") or row["type"]
            by_kind.setdefault(kind, []).append(row["name"])

    def pool(*kinds: str, drop: tuple[str, ...] = ()) -> tuple[str, ...]:
        names = [n for k in kinds for n in by_kind.get(k, []) if n not in drop]
        return tuple(sorted(set(names)))

    return Pools(
        labs=pool("lab"),
        startups=pool("startup"),
        bigtech=pool("bigtech", drop=("X", "GitHub", "LinkedIn", "Instagram", "WhatsApp",
                                      "YouTube", "Starlink")),
        investors=pool("vc", "investor", "bank"),
        clouds=pool("cloud"),
        chipmakers=pool("chipmaker"),
        chips=pool("chip"),
        people=pool("person"),
        models=pool("model"),
        places=pool("place"),
        outlets=pool("outlet", drop=("Wikipedia",)),
        analysts=pool("analyst"),
    )


# ---------------------------------------------------------------------------- values

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _money(rng: random.Random, lo: float, hi: float) -> str:
    """A dollar amount between ``lo`` and ``hi`` (in USD), written the way news writes it."""
    value = 10 ** rng.uniform(math.log10(lo), math.log10(hi))
    currency = rng.choices(("$", "€", "£"), weights=(90, 7, 3))[0]
    if value >= 1e9:
        num, unit = value / 1e9, "billion"
    else:
        num, unit = value / 1e6, "million"
    text = f"{num:.1f}".rstrip("0").rstrip(".") if num < 10 else f"{round(num):d}"
    return f"{currency}{text} {unit}"


def _when(rng: random.Random, year: int) -> str:
    month = rng.choice(_MONTHS)
    return rng.choice((f"in {year}", f"in {month} {year}", f"last {month}",
                       "earlier this year", f"in {year}"))


# ---------------------------------------------------------------------------- the article


@dataclass
class _Ctx:
    """What one article is about: its focal company, date and the names it draws on."""

    rng: random.Random
    pools: Pools
    focal: str
    year: int
    outlet: str
    invented: dict[str, list[str]] = field(default_factory=dict)
    ceo: str = ""
    model: str = ""
    hq: str = ""

    def pick(self, role: str, *, avoid: tuple[str, ...] = (), invented: float = 0.0) -> str:
        """A name for ``role`` (a :class:`Pools` field), invented with probability ``invented``."""
        rng = self.rng
        for _ in range(20):
            if invented and rng.random() < invented:
                name = self.invent(role)
            else:
                name = rng.choice(getattr(self.pools, role))
            if name not in avoid:
                return name
        return name

    def invent(self, role: str) -> str:
        """A new name shaped like a ``role`` name, reused within the article once made."""
        rng = self.rng
        made = self.invented.setdefault(role, [])
        if made and rng.random() < 0.4:
            return rng.choice(made)
        stem = rng.choice(_STEM_A) + rng.choice(_STEM_B)
        stem = stem[0].upper() + stem[1:]
        if role in ("labs", "startups", "bigtech", "clouds", "chipmakers"):
            name = f"{stem} {rng.choice(_CO_SUFFIX)}"
        elif role == "investors":
            middle = rng.choice(("Peak", "Point", "Bay", "Ridge", "Lane", "Rock"))
            name = f"{rng.choice(_INV_WORD)} {middle} {rng.choice(_INV_SUFFIX)}"
        elif role == "people":
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        elif role == "models":
            name = f"{stem}-{rng.randint(1, 5)}"
        else:
            name = stem
        made.append(name)
        return name

    def company(self, *, avoid: tuple[str, ...] = ()) -> str:
        role = self.rng.choices(("labs", "startups", "bigtech"), weights=(4, 3, 3))[0]
        return self.pick(role, avoid=avoid, invented=0.3 if role != "bigtech" else 0.0)


Template = Callable[[_Ctx], tuple[str, list[tuple[str, str, str]]]]


def _attrib(ctx: _Ctx, sentence: str) -> str:
    """Sometimes wrap a fact sentence in an attribution ("according to Reuters")."""
    rng = ctx.rng
    roll = rng.random()
    if roll < 0.12:
        src = ctx.pick("outlets")
        body = sentence if _starts_name(sentence) else sentence[0].lower() + sentence[1:]
        return f"According to {src}, {body}"
    if roll < 0.22:
        src = ctx.pick("outlets")
        return sentence[:-1] + f", {src} reported."
    if roll < 0.27:
        return sentence[:-1] + ", people familiar with the matter said."
    return sentence


def _starts_name(sentence: str) -> bool:
    first = sentence.split(" ", 1)[0]
    return first not in ("The", "A", "An", "In", "Last", "Earlier", "It", "This")


def _t_invest(ctx: _Ctx) -> tuple[str, list[tuple[str, str, str]]]:
    rng = ctx.rng
    inv = rng.choice((ctx.pick("investors", invented=0.25), ctx.pick("bigtech")))
    co = ctx.focal if rng.random() < 0.6 else ctx.company(avoid=(inv,))
    m = _money(rng, 5e7, 2e10)
    form = rng.randrange(6)
    if form == 0:
        s = f"{inv} invested {m} in {co} {_when(rng, ctx.year)}."
    elif form == 1:
        s = f"{inv} will invest {m} in {co} as part of the agreement."
    elif form == 2:
        s = f"{inv} could invest as much as {m} in {co}, according to {ctx.pick('outlets')}."
    elif form == 3:
        s = f"{inv}'s {m} investment in {co} was the largest of the quarter."
    elif form == 4:
        s = f"Under the agreement, {inv} will take a minority stake in {co}."
    else:
        s = f"{inv} has poured {m} into {co} since {ctx.year - rng.randint(1, 3)}."
    return _attrib(ctx, s), [(inv, "invests_in", co)]


def _t_round(ctx: _Ctx) -> tuple[str, list[tuple[str, str, str]]]:
    rng = ctx.rng
    co = ctx.focal
    invs: list[str] = []
    for _ in range(rng.randint(2, 5)):
        invs.append(ctx.pick("investors", avoid=tuple(invs), invented=0.25))
    lead, rest = invs[0], invs[1:]
    m = _money(rng, 1e7, 1e10)
    series = rng.choice("ABCDEF")
    facts = [(co, "raises", m)] + [(i, "invests_in", co) for i in invs]
    if len(rest) > 1:
        others = ", ".join(rest[:-1]) + f" and {rest[-1]}"
    else:
        others = rest[0]
    form = rng.randrange(4)
    if form == 0:
        s = (f"{co} has raised {m} in a Series {series} round led by {lead}, with participation "
             f"from {others}.")
    elif form == 1:
        s = (f"{co} said on {rng.choice(('Monday', 'Tuesday', 'Wednesday', 'Thursday'))} it had "
             f"raised {m} in new funding. The round was led by {lead}, and {others} were among "
             f"the backers.")
    elif form == 2:
        s = (f"{co} closed {m} in Series {series} financing {_when(rng, ctx.year)}. "
             f"{lead} led the round. Investors include {others}.")
    else:
        s = f"{co} has secured {m}, with {lead} leading and participation from {others}."
    return s, facts


def _t_valuation(ctx: _Ctx) -> tuple[str, list[tuple[str, str, str]]]:
    rng = ctx.rng
    co = ctx.focal if rng.random() < 0.7 else ctx.company()
    v = _money(rng, 5e8, 3e11)
    form = rng.randrange(4)
    if form == 0:
        s = f"{co} is now valued at {v}."
    elif form == 1:
        s = f"The deal values {co} at {v}, up sharply from its last round."
    elif form == 2:
        s = f"{co} raised {_money(rng, 5e7, 5e9)} at a {v} valuation."
    else:
        s = f"{co}'s valuation reached {v} {_when(rng, ctx.year)}."
    return _attrib(ctx, s), [(co, "valued_at", v)]


def _t_acquire(ctx: _Ctx) -> tuple[str, list[tuple[str, str, str]]]:
    rng = ctx.rng
    buyer = ctx.pick("bigtech") if rng.random() < 0.7 else ctx.focal
    target = ctx.pick("startups", avoid=(buyer,), invented=0.5)
    m = _money(rng, 5e7, 3e10)
    form = rng.randrange(4)
    if form == 0:
        s = f"{buyer} agreed to buy {target} for {m}."
    elif form == 1:
        s = f"{target} was acquired by {buyer} for {m} {_when(rng, ctx.year)}."
    elif form == 2:
        s = f"{buyer}'s {m} acquisition of {target} closed {_when(rng, ctx.year)}."
    else:
        s = f"{buyer} is in advanced talks to acquire {target} for about {m}."
    return _attrib(ctx, s), [(buyer, "acquires", target)]


def _t_compute(ctx: _Ctx) -> tuple[str, list[tuple[str, str, str]]]:
    rng = ctx.rng
    cloud = ctx.pick("clouds")
    co = ctx.focal
    form = rng.randrange(4)
    if form == 0:
        s = (f"{cloud} will supply {rng.choice(('1.5', '2', '3', '4.5'))} gigawatts of capacity "
             f"to {co} under a {_money(rng, 1e9, 5e10)} contract.")
    elif form == 1:
        s = f"{co} will run its training jobs and inference on {cloud}."
    elif form == 2:
        s = f"{cloud} will become {co}'s primary cloud provider for mission critical workloads."
    else:
        s = f"{co} said it would broaden its use of {cloud} for model training."
    return _attrib(ctx, s), [(cloud, "provides_compute_to", co)]


def _t_chips(ctx: _Ctx) -> tuple[str, list[tuple[str, str, str]]]:
    rng = ctx.rng
    maker = ctx.pick("chipmakers")
    co = ctx.focal if rng.random() < 0.6 else ctx.company()
    chip = ctx.pick("chips")
    n = rng.choice(("hundreds of thousands of", "tens of thousands of", "millions of", "100,000"))
    form = rng.randrange(3)
    if form == 0:
        s = f"{maker} will sell {n} GPUs to {co} over the next {rng.randint(2, 5)} years."
    elif form == 1:
        cloud = ctx.pick("clouds")
        s = (f"{co} is renting {cloud} infrastructure comprising {n} "
             f"{maker} chips, including the {chip}.")
        return _attrib(ctx, s), [(maker, "supplies_hardware_to", cloud),
                                 (cloud, "provides_compute_to", co)]
    else:
        s = f"{maker} could supply {n} {chip} chips to {co}, analysts said."
    return _attrib(ctx, s), [(maker, "supplies_hardware_to", co)]


def _t_datacenter(ctx: _Ctx) -> tuple[str, list[tuple[str, str, str]]]:
    rng = ctx.rng
    co = ctx.focal if rng.random() < 0.5 else ctx.pick("bigtech")
    place = ctx.pick("places")
    m = _money(rng, 5e8, 5e10)
    gw = rng.choice(("300 megawatts", "1 gigawatt", "1.2 gigawatts", "500 megawatts",
                     "2 gigawatts"))
    form = rng.randrange(3)
    if form == 0:
        s = (f"{co} is building new data centers, with a {m} plan for a campus in {place} "
             f"with a capacity of {gw}.")
    elif form == 1:
        s = f"{co}'s {place} data center will open in {ctx.year + 1} and draw {gw} at full load."
    else:
        s = f"{co} plans to build a {m} data center in {place} with {gw} of capacity."
    return _attrib(ctx, s), [(co, "builds_data_center", place)]


def _t_partner(ctx: _Ctx) -> tuple[str, list[tuple[str, str, str]]]:
    rng = ctx.rng
    a = ctx.focal
    b = ctx.company(avoid=(a,))
    topic = rng.choice(("enterprise assistants", "AI agents for banks", "coding tools",
                        "sovereign AI infrastructure", "healthcare models", "chip design"))
    form = rng.randrange(4)
    if form == 0:
        s = f"{a} and {b} will work together on {topic}."
    elif form == 1:
        s = f"The partnership between {a} and {b} covers {topic}."
    elif form == 2:
        s = f"{a} announced a partnership with {b} on {topic}."
    else:
        s = f"{b} and {a} have a longstanding partnership in {topic}."
    return _attrib(ctx, s), [(a, "partners_with", b)]


def _t_talks(ctx: _Ctx) -> tuple[str, list[tuple[str, str, str]]]:
    rng = ctx.rng
    a = ctx.focal
    b = ctx.company(avoid=(a,))
    form = rng.randrange(3)
    if form == 0:
        s = f"{a} has been in talks with {b} about a possible deal."
    elif form == 1:
        s = f"{a} is negotiating with {b} over access to its models."
    else:
        s = f"{b} is in talks with {a} about a broader partnership."
        a, b = b, a
    return _attrib(ctx, s), [(a, "in_talks_with", b)]


def _t_ceo(ctx: _Ctx) -> tuple[str, list[tuple[str, str, str]]]:
    rng = ctx.rng
    co = ctx.focal
    person = ctx.ceo
    form = rng.randrange(4)
    quote = rng.choice(("demand for our products keeps growing",
                        "the next year will decide who leads the market",
                        "customers want models they can trust",
                        "compute remains the bottleneck for everyone"))
    if form == 0:
        s = f"{co} CEO {person} said {quote}."
    elif form == 1:
        s = f"{person}, CEO of {co}, told {ctx.pick('outlets')} that {quote}."
    elif form == 2:
        s = f"{person}, who is the CEO of {co}, spoke at the event."
    else:
        s = f"\u201cWe think {quote},\u201d said {person}, {co}'s chief executive."
    return s, [(person, "ceo_of", co)]


def _t_founder(ctx: _Ctx) -> tuple[str, list[tuple[str, str, str]]]:
    rng = ctx.rng
    co = ctx.focal
    p1 = ctx.ceo
    p2 = ctx.pick("people", avoid=(p1,), invented=0.9)
    form = rng.randrange(3)
    if form == 0:
        s = f"{co} was founded by {p1} and {p2} in {ctx.year - rng.randint(2, 8)}."
        return s, [(p1, "founded", co), (p2, "founded", co)]
    if form == 1:
        since = ctx.year - rng.randint(2, 8)
        s = f"{p2} founded {co} in {since} after leaving {ctx.pick('bigtech')}."
    else:
        s = f"{co} co-founder {p2} said the company would keep hiring."
    return s, [(p2, "founded", co)]


def _t_launch(ctx: _Ctx) -> tuple[str, list[tuple[str, str, str]]]:
    rng = ctx.rng
    co = ctx.focal
    model = ctx.model
    form = rng.randrange(3)
    if form == 0:
        s = f"{co} launched {model}, its latest model, {_when(rng, ctx.year)}."
    elif form == 1:
        s = f"{model}, a model developed by {co}, is available to enterprise customers."
    else:
        s = f"{co} will release {model} to developers next quarter."
    return s, [(co, "develops", model)]


def _t_hq(ctx: _Ctx) -> tuple[str, list[tuple[str, str, str]]]:
    rng = ctx.rng
    co = ctx.focal
    place = ctx.hq
    if rng.random() < 0.5:
        s = f"{co}, headquartered in {place}, employs about {rng.randint(50, 3000)} people."
    else:
        s = f"The {place}-based startup {co} has grown quickly."
    return s, [(co, "headquartered_in", place)]


def _t_rivals(ctx: _Ctx) -> tuple[str, list[tuple[str, str, str]]]:
    a = ctx.focal
    b = ctx.pick("labs", avoid=(a,))
    c = ctx.pick("bigtech", avoid=(a, b))
    s = f"{a} competes with rivals like {b} and {c} for enterprise customers."
    return s, [(a, "competes_with", b), (a, "competes_with", c)]


#: (template, weight): funding news dominates, as in the real corpus.
TEMPLATES: tuple[tuple[Template, int], ...] = (
    (_t_invest, 12), (_t_round, 8), (_t_valuation, 8), (_t_acquire, 5), (_t_compute, 7),
    (_t_chips, 5), (_t_datacenter, 6), (_t_partner, 7), (_t_talks, 4), (_t_ceo, 6),
    (_t_founder, 3), (_t_launch, 5), (_t_hq, 3), (_t_rivals, 3),
)

# ---------------------------------------------------------------------------- filler prose

_F_SUBJ = ("Analysts", "Investors", "Industry executives", "Regulators", "Some customers",
           "Critics", "Economists", "Researchers", "Engineers", "Several board members",
           "Supporters of the deal", "Skeptics", "Rival executives", "Early users",
           "Bankers involved in the sector", "Policy experts", "Longtime observers")
_F_VERB = ("say", "argue", "note", "worry", "point out", "have long warned", "expect",
           "increasingly believe", "remain unconvinced", "caution", "concede", "suspect")
_F_TOPIC = ("the cost of training frontier models", "the race to secure scarce compute",
            "demand for generative AI tools in the enterprise", "the power needs of new campuses",
            "the pace of model releases", "pricing pressure on inference",
            "the shortage of high-bandwidth memory", "export controls on advanced chips",
            "the economics of open-weight models", "competition for top researchers",
            "the durability of subscription revenue", "consolidation among smaller labs",
            "the role of sovereign wealth funds in the sector",
            "customer concentration in cloud contracts", "the supply of transformers and turbines",
            "the market for AI coding assistants", "spending on inference hardware",
            "interest in on-premise deployments", "the debate over AI safety rules",
            "the cost of electricity in data center hubs")
_F_PRED = ("will reshape the industry over the next decade",
           "is outpacing what most forecasts assumed only a year ago",
           "has become the main constraint on growth",
           "could slow as budgets tighten",
           "remains difficult to measure with any precision",
           "matters more than headline benchmark scores",
           "is forcing companies to rethink their strategies",
           "has pushed spending to record levels",
           "is likely to keep rising through the end of the decade",
           "has drawn scrutiny from lawmakers in several countries",
           "tends to favour the largest incumbents",
           "has been overstated in much of the coverage",
           "will be tested when the next generation of models ships")
_F_OPEN = ("For now,", "Still,", "Meanwhile,", "At the same time,", "In recent months,",
           "Behind the scenes,", "Across the sector,", "By most accounts,", "Even so,",
           "Over the past year,", "In practice,", "On the ground,", "Privately,", "Publicly,")
_F_CLAUSE = ("the numbers are hard to ignore", "the market has moved faster than expected",
             "spending on infrastructure keeps climbing", "margins remain thin",
             "the company has been hiring aggressively", "few deals close without long talks",
             "customers are testing several vendors at once", "the backlog of orders has grown",
             "power and land have become bargaining chips", "the talent market stays tight",
             "public markets have rewarded the biggest spenders",
             "questions about returns have not gone away", "procurement cycles have shortened",
             "local officials have welcomed the jobs but not the water use",
             "benchmarks have become a marketing tool", "pilots are turning into contracts")
_F_TAIL = ("That has left smaller players scrambling to differentiate.",
           "The company declined to comment on the figures.",
           "A spokesperson did not respond to a request for comment.",
           "Terms of the arrangement were not disclosed.",
           "The details are still being worked out, the people said.",
           "Shares moved little on the news.",
           "The announcement came days after a string of similar deals.",
           "Executives have described the effort as a multi-year bet.",
           "Much depends on how quickly the new capacity comes online.",
           "It is a familiar pattern in a sector awash with capital.",
           "Neither side would say when the work is expected to be finished.",
           "The figures could not be independently verified.",
           "Some employees have raised concerns internally, the people said.")
_F_OWN = ("the company", "the startup", "the firm", "its management", "the team")
_F_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _filler(ctx: _Ctx) -> str:
    """One sentence of news prose with no planted fact (it may still name companies)."""
    rng = ctx.rng
    c = rng.choice
    form = rng.randrange(10)
    if form == 0:
        return f"{c(_F_SUBJ)} {c(_F_VERB)} that {c(_F_TOPIC)} {c(_F_PRED)}."
    if form == 1:
        return f"{c(_F_OPEN)} {c(_F_CLAUSE)}, and {c(_F_TOPIC)} {c(_F_PRED)}."
    if form == 2:
        return c(_F_TAIL)
    if form == 3:
        return (f"{c(_F_OPEN)} {c(_F_OWN)} has said little about how {c(_F_TOPIC)} "
                f"affects its plans.")
    if form == 4:
        return (f"By one estimate, {c(_F_TOPIC)} rose {rng.randint(5, 80)} percent in "
                f"{ctx.year - 1}, as {c(_F_CLAUSE)}.")
    if form == 5:
        return f"{c(_F_SUBJ)} {c(_F_VERB)} that {c(_F_CLAUSE)}; {c(_F_TOPIC)} {c(_F_PRED)}."
    if form == 6:
        co = ctx.pick("bigtech")
        return (f"Shares of {co} {c(('rose', 'fell', 'slipped', 'climbed'))} "
                f"{rng.randint(1, 9)} percent on {c(_F_DAYS)} as {c(_F_CLAUSE)}.")
    if form == 7:
        firm = ctx.pick("analysts")
        return f"{firm} {c(('expects', 'estimates', 'projects'))} that {c(_F_TOPIC)} {c(_F_PRED)}."
    if form == 8:
        return (f"{ctx.focal} {c(('has argued', 'has said', 'maintains'))} that "
                f"{c(_F_TOPIC)} {c(_F_PRED)}, though {c(_F_CLAUSE)}.")
    return (f"{c(_F_OPEN)} {c(_F_SUBJ).lower() if rng.random() < 0.5 else 'many'} "
            f"{c(_F_VERB)} that {c(_F_CLAUSE)}.")


_HEADLINES = (
    "{focal} lands new backing as AI spending surges",
    "{focal} expands compute deals in push to scale models",
    "Inside {focal}'s bid to catch the AI leaders",
    "{focal} weighs its next move after record funding",
    "Why investors keep betting on {focal}",
    "{focal} deal highlights scramble for chips and power",
)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def article(index: int, seed: int = 0, *, pools: Pools | None = None) -> dict[str, Any]:
    """Article number ``index`` of ``seed`` (depends on nothing else).

    >>> article(3, seed=1) == article(3, seed=1)
    True
    """
    rng = random.Random(f"aikg-synth:{seed}:{index}")
    pools = pools or load_pools()
    year = rng.randint(2019, 2026)
    ctx = _Ctx(rng=rng, pools=pools, focal="", year=year, outlet=rng.choice(pools.outlets))
    ctx.focal = ctx.pick(rng.choice(("labs", "startups")), invented=0.4)
    ctx.ceo = ctx.pick("people", invented=0.6)
    ctx.model = ctx.pick("models", invented=0.6)
    ctx.hq = ctx.pick("places")
    target = rng.randint(MIN_WORDS + 20, MAX_WORDS - 60)
    templates = [t for t, _ in TEMPLATES]
    weights = [w for _, w in TEMPLATES]
    # one fact sentence every ~40–110 words, spread through the article; the rest is filler
    n_facts = max(2, round(target / rng.uniform(40, 110)))

    title = rng.choice(_HEADLINES).format(focal=ctx.focal)
    planted: list[dict[str, Any]] = []
    paragraphs: list[str] = []
    words = len(title.split())
    facts_left = n_facts
    lead = True
    while True:
        sentences: list[str] = []
        for _ in range(rng.randint(2, 5)):
            slots_left = max(1.0, (target - words) / 20)  # ~20 words a sentence
            if facts_left > 0 and (lead or rng.random() < facts_left / slots_left):
                text, facts = rng.choices(templates, weights=weights)[0](ctx)
                facts_left -= 1
                lead = False
                for s, r, o in facts:
                    planted.append({"subject": s, "relation": r, "object": o})
            else:
                text = _filler(ctx)
            n = len(text.split())
            if words + n > MAX_WORDS:
                break
            sentences.append(text)
            words += n
        if sentences:
            paragraphs.append(" ".join(sentences))
        if words >= target or words + 40 > MAX_WORDS:
            break
    while words < MIN_WORDS:  # rare: top up with filler
        text = _filler(ctx)
        paragraphs.append(text)
        words += len(text.split())
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    return {
        "title": title,
        "text": title + "\n\n" + "\n\n".join(paragraphs) + "\n",
        "url": f"https://synthetic.example/{_slug(ctx.outlet)}/{year}/{index:07d}-{_slug(title)}",
        "date": f"{year}-{month:02d}-{day:02d}",
        "publisher": ctx.outlet,
        "planted": planted,
    }


def generate(count: int, seed: int = 0, novel_words: int = 0) -> Iterator[dict[str, Any]]:
    """``count`` synthetic articles for ``seed`` (see the module docstring).

    ``novel_words`` > 0 ends each article with a line of that many invented lower-case words,
    different in every article: a real archive keeps bringing words never seen before (new
    names, figures, typos), which the templates' fixed vocabulary does not, so memory can be
    measured against an open vocabulary.

    >>> row = next(generate(1, seed=0, novel_words=3))
    >>> row["text"].splitlines()[-1].startswith("Also in this story: ")
    True
    """
    pools = load_pools()
    for i in range(count):
        row = article(i, seed, pools=pools)
        if novel_words:
            rnd = random.Random(f"{seed}-{i}-novel")
            words = ["".join(rnd.choice("bcdfghjklmnpqrstvwxz") + rnd.choice("aeiou")
                             for _ in range(4)) for _ in range(novel_words)]
            row["text"] += "\n\nAlso in this story: " + ", ".join(words) + "."
        yield row


def to_article(row: dict[str, Any]) -> Any:
    """A generated dict as a :class:`kg.types.Article` (keyed by its URL, as ingest does)."""
    from kg.types import Article

    return Article.from_text(row["text"], key=row["url"], title=row["title"], url=row["url"],
                             date=row["date"], publisher=row["publisher"])


def articles(count: int, seed: int = 0, novel_words: int = 0) -> Iterator[Any]:
    """``count`` synthetic :class:`kg.types.Article` objects (``novel_words``: see
    :func:`generate`)."""
    for row in generate(count, seed, novel_words):
        yield to_article(row)


def write(count: int, out: Path, *, fmt: str = "txt", seed: int = 0,
          planted: bool = False, novel_words: int = 0) -> list[Path]:
    """Write ``count`` articles under ``out``: one ``.txt`` each (headline first), or one
    ``articles.jsonl``; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        path = out / "articles.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for row in generate(count, seed, novel_words):
                if not planted:
                    row = {k: v for k, v in row.items() if k != "planted"}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        return [path]
    paths = []
    for i, row in enumerate(generate(count, seed, novel_words)):
        path = out / f"{i:07d}-{_slug(row['title'])[:40]}.txt"
        path.write_text(row["text"], encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100, help="articles (default: %(default)s)")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--format", choices=("txt", "jsonl"), default="txt",
                        help="one .txt per article, or one articles.jsonl (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--planted", action="store_true",
                        help="keep the planted facts in the JSON lines (ingest ignores them)")
    parser.add_argument("--novel-words", type=int, default=0, metavar="N",
                        help="end each article with N invented words never seen before "
                             "(an open vocabulary, as in a real archive; default: 0)")
    args = parser.parse_args(argv)
    paths = write(args.count, args.out, fmt=args.format, seed=args.seed, planted=args.planted,
                  novel_words=args.novel_words)
    sys.stdout.write(f"wrote {args.count} articles to {len(paths)} file(s) under {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
