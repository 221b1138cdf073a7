"""Loading and compiling the relation patterns and cue lists (``kg/data/patterns/*.jsonl``,
``kg/data/cues.json``), validated against the relation vocabulary.

Patterns are written over an *abstracted* sentence in which each entity mention is a slot
``⟦E12:Company⟧`` (anaphora ``⟦A3:Company⟧``; the pronoun "it" ``⟦I4:Company⟧``, which
the gap ``{GM}`` may cross), each money amount ``⟦M0⟧``, percent ``⟦P0⟧``
and scaled count ``⟦N0⟧``. Macros such as ``{ORG}`` expand to slot expressions.

>>> p = compiled_patterns()[0]
>>> p.relation, bool(p.regex.search("⟦E0:Company⟧ invested ⟦M0⟧ in ⟦E1:Company⟧"))
('invests_in', True)
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import DataFileError
from kg.resources import data_path, load_json, read_jsonl
from kg.types import RELATIONS


def _slot(types: str) -> str:
    return rf"⟦[EAI]\d+:(?:{types})⟧"


def _list(item: str) -> str:
    sep = r"(?:\s*,\s*(?:and\s+|&\s+)?|\s+and\s+|\s*&\s*|\s+as\s+well\s+as\s+)"
    return rf"{item}(?:{sep}(?:the\s+)?{item})*(?:\s*,?\s+(?:and|among)\s+others)?"


MACROS: dict[str, str] = {
    "ORG": _slot(r"Company|\?"),
    "ACTOR": _slot(r"Company|Person|\?"),
    "PERSON": _slot(r"Person"),
    "ENT": _slot(r"[A-Za-z]+|\?"),
    "PRODUCT": _slot(r"AIModel|Product|Hardware"),
    "MODEL": _slot(r"AIModel|Product"),
    "HW": _slot(r"Hardware"),
    "LOC": _slot(r"Location"),
    "CLOUD": _slot(r"Company|Product|\?"),
    "SRC": _slot(r"Publisher|Company|Person"),
    "MONEY": r"⟦M\d+⟧",
    "PCT": r"⟦P\d+⟧",
    "NUM": r"⟦N\d+⟧",
    "GM": r"(?:(?:[^⟦;]|⟦[MPN]\d+⟧|⟦I\d+:\w+⟧(?:'s)?){0,140}?)",
}
MACROS["ORGS"] = _list(MACROS["ORG"])
MACROS["ACTORS"] = _list(MACROS["ACTOR"])
MACROS["PERSONS"] = _list(MACROS["PERSON"])
MACROS["PRODUCTS"] = _list(MACROS["PRODUCT"])
MACROS["MODELS"] = _list(MACROS["MODEL"])
MACROS["LOCS"] = _list(MACROS["LOC"])
MACROS["CLOUDS"] = _list(MACROS["CLOUD"])


def expand(pattern: str) -> str:
    """Replace ``{MACRO}`` names; an unknown macro is an error."""

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in MACROS:
            raise KeyError(name)
        return MACROS[name]

    return re.sub(r"\{([A-Z]+)\}", sub, pattern)


@dataclass(frozen=True)
class Pattern:
    """One compiled relation pattern."""

    id: str
    relation: str
    regex: re.Pattern[str]
    example: str
    subject: str | None = None  # resolver name when the subject is not group "s"
    object: str | None = None
    also: tuple[str, ...] = ()
    requires: re.Pattern[str] | None = None
    #: the sentence does not fix who provides to whom ("X signed a cloud deal with Y"):
    #: the knowledge base orients the fact (the cloud or chip maker is the provider)
    orient: bool = False
    #: the pattern opens with its clause subject and a gap before the verb
    #: ("{ORG}{GM} invested …"): an appositive may follow the subject, and a subject slot
    #: that is itself a prepositional object or a later list item is no subject
    lead: bool = False
    #: ``"kb"``: keep the fact only when the knowledge base knows the provider as a cloud,
    #: a cloud's owner or a chip maker ("X is one of Y's biggest customers")
    provider: str | None = None
    #: groups of literal strings (lower case): every match contains one string of each
    #: group, so a sentence missing a whole group cannot match and the pattern is not run on
    #: it. The first group is the most selective. Empty: always run.
    needs: tuple[tuple[str, ...], ...] = ()


#: an appositive or relative clause after a subject ("Anthropic, which is backed by Amazon,")
APPOSITIVE = (r"(?P<ap>,\s+(?:(?:an?|the|its|which|who|whose|now|once|formerly|currently|long)\b|"
              r"⟦[EA]\d+:[^⟧]+⟧'s\s)"
              r"(?:[^,;⟦]|⟦[^⟧]+⟧){1,100}?,)?")
_LEAD = re.compile(r"^(\(\?P<[so]>\{(?:ORGS?|ACTORS?|CLOUDS?)\}\))((?:\(\?:'s\)\?)?\{GM\})")


@lru_cache(maxsize=1)
def compiled_patterns() -> tuple[Pattern, ...]:
    """Every relation pattern of ``kg/data/patterns/relations.jsonl``, compiled (cached)."""
    return load_patterns(data_path("patterns/relations.jsonl"))


def load_patterns(path: Path) -> tuple[Pattern, ...]:
    """Read, validate and compile a relation pattern file.

    Args:
        path: a JSON-lines file, one pattern a line (``//`` comment lines allowed).

    Returns:
        The compiled patterns, in file order.

    Raises:
        DataFileError: a row misses a field, names an unknown relation or macro, repeats an
            id, or holds an invalid regular expression; the message names the file and the
            pattern id.
    """
    out: list[Pattern] = []
    seen: set[str] = set()
    for n, row in enumerate(read_jsonl(path), 1):
        where = f"{path}: pattern {row.get('id', n)!r}"
        for key in ("id", "relation", "pattern", "example"):
            if key not in row:
                raise DataFileError(f"{where}: missing field {key!r}")
        if row["relation"] not in RELATIONS:
            raise DataFileError(f"{where}: unknown relation {row['relation']!r}; "
                                f"use one of {', '.join(RELATIONS)}")
        if row["id"] in seen:
            raise DataFileError(f"{where}: duplicate id")
        seen.add(row["id"])
        if row.get("provider") not in (None, "kb"):
            raise DataFileError(f"{where}: unknown provider check {row['provider']!r}; use \"kb\"")
        for extra in row.get("also", []):
            if extra not in RELATIONS:
                raise DataFileError(f"{where}: unknown relation {extra!r} in 'also'")
        source = row["pattern"]
        lead = _LEAD.match(source) is not None and "(?P<ap>" not in source and \
            row.get("lead", True)
        if lead:
            source = _LEAD.sub(lambda m: m.group(1) + APPOSITIVE + m.group(2), source, count=1)
        try:
            regex = re.compile(expand(source), re.IGNORECASE)
            requires = re.compile(row["requires"], re.IGNORECASE) if row.get("requires") else None
        except KeyError as err:
            raise DataFileError(f"{where}: unknown macro {{{err.args[0]}}}") from err
        except re.error as err:
            raise DataFileError(f"{where}: invalid regular expression: {err}") from err
        out.append(Pattern(row["id"], row["relation"], regex, row["example"],
                           row.get("subject"), row.get("object"), tuple(row.get("also", [])),
                           requires, bool(row.get("orient", False)), lead,
                           row.get("provider"), _needs(regex, requires)))
    return tuple(out)


@dataclass(frozen=True)
class Cues:
    """Compiled modality and attribution cues."""

    order: tuple[str, ...]
    modality: dict[str, tuple[re.Pattern[str], ...]]
    attribution: tuple[re.Pattern[str], ...]
    documents: tuple[tuple[re.Pattern[str], str], ...]
    #: per modality, regexes one of which matches wherever any of its cues matches: the cues
    #: joined into one (one scan, not one per cue), and apart those with scoped flags such as
    #: ``(?-i:…)``, which would stop the joined regex from being optimised; each with the
    #: index of its literal requirement in :attr:`literals`
    modality_any: dict[str, tuple[tuple[re.Pattern[str], int], ...]] = field(default_factory=dict)
    #: the literal requirements (:func:`required_literals`) of the joined modality cues and of
    #: the attribution cues (after them, in the order of :attr:`attribution`): a cheap test
    #: that skips the scan of most text
    literals: LiteralFilter | None = None

    def scan(self, text: str) -> int:
        """The literals of the cues that ``text`` holds (pass it to :meth:`modality_in`)."""
        assert self.literals is not None
        return self.literals.scan(text)

    def modality_in(self, name: str, text: str, present: int | None = None) -> bool:
        """Whether a cue of modality ``name`` occurs in ``text``; ``present`` is
        :meth:`scan` of ``text`` when the caller has it.

        >>> cues().modality_in("hedged", "The deal could close in May."), cues().modality_in("hedged", "It closed.")
        (True, False)
        """
        assert self.literals is not None
        if present is None:
            present = self.scan(text)
        return any(self.literals.meets(i, present) and regex.search(text)
                   for regex, i in self.modality_any[name])

    def attributions(self, text: str) -> list[re.Match[str]]:
        """Every match of every attribution cue in ``text``, cue by cue."""
        assert self.literals is not None
        present = self.scan(text)
        first = sum(len(v) for v in self.modality_any.values())
        return [m for n, regex in enumerate(self.attribution, first)
                if self.literals.meets(n, present) for m in regex.finditer(text)]


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The modality and attribution cues of ``kg/data/cues.json`` (cached)."""
    raw = load_json("cues.json")
    try:
        modality = {name: tuple(re.compile(p, re.IGNORECASE) for p in pats)
                    for name, pats in raw["modality"].items()}
        attribution = tuple(re.compile(expand(p)) for p in raw["attribution"])
        documents = tuple((re.compile(p, re.IGNORECASE), label) for p, label in raw["document_sources"])
    except (KeyError, re.error) as err:
        raise DataFileError(f"{data_path('cues.json')}: invalid cue: {err}") from err
    modality_any: dict[str, tuple[tuple[re.Pattern[str], int], ...]] = {}
    requirements: list[tuple[tuple[str, ...], ...]] = []
    for name, pats in modality.items():
        plain = [p.pattern for p in pats if "(?-" not in p.pattern and "(?i" not in p.pattern]
        scoped = tuple(p for p in pats if p.pattern not in plain)
        joined = (re.compile("|".join(f"(?:{p})" for p in plain), re.IGNORECASE),) if plain else ()
        entries = []
        for regex in joined + scoped:
            entries.append((regex, len(requirements)))
            requirements.append(required_literals(regex))
        modality_any[name] = tuple(entries)
    requirements.extend(required_literals(r) for r in attribution)
    return Cues(tuple(raw["order"]), modality, attribution, documents, modality_any,
                LiteralFilter(requirements))


def _needs(regex: re.Pattern[str], requires: re.Pattern[str] | None) -> tuple[tuple[str, ...], ...]:
    """The literal groups a sentence must hold for ``regex`` to match and, when given, for the
    pattern's ``requires`` check to pass."""
    groups = required_literals(regex) + (required_literals(requires) if requires else ())
    return tuple(sorted(set(groups), key=lambda g: (_selectivity(g), g)))


def _selectivity(group: Collection[str]) -> tuple[int, int]:
    """Fewer alternatives, then a longer shortest string: the rarer test sorts first."""
    return len(group), -min(len(w) for w in group)


def required_literals(regex: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """Groups of literal strings (lower-cased, 3+ characters, or a value slot's opening
    ``⟦M``) such that every match of ``regex`` contains one string of each group (in some
    case), read off the parsed expression; the most selective group comes first. Empty when
    nothing is known to be required.

    >>> required_literals(re.compile(r"(?:acquir(?:es|ed)|bought)\\s+(?:the\\s+)?stake"))
    (('stake',), ('acquire', 'bought'))
    >>> required_literals(re.compile(r"(?:invest|poured)\\s+in"))
    (('invest', 'poured'),)
    >>> required_literals(re.compile(r"(?:in\\s+)?talks?"))
    (('talk',),)
    """
    import re._constants as c
    import re._parser as sre_parse

    def walk(items) -> list[frozenset[str]]:  # type: ignore[no-untyped-def]
        groups: list[frozenset[str]] = []
        run: list[str] = []

        def flush() -> None:
            # three characters or more, or a value slot's opening ("⟦M" of "⟦M0⟧")
            if len(run) >= 3 or (len(run) == 2 and run[0] == "⟦"):
                groups.append(frozenset({"".join(run).lower()}))
            run.clear()

        for op, av in items:
            if op is c.LITERAL:
                run.append(chr(av))
                continue
            flush()
            if op is c.SUBPATTERN:
                groups.extend(walk(av[3]))
            elif op is c.BRANCH:
                # a string from any branch: each branch's most selective group, united
                alts = [walk(b) for b in av[1]]
                if alts and all(alts):
                    groups.append(frozenset().union(*(min(a, key=_selectivity) for a in alts)))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                if av[0] >= 1:
                    groups.extend(walk(av[2]))
            elif op is c.ATOMIC_GROUP:
                groups.extend(walk(av))
        flush()
        return groups

    found = sorted(set(walk(sre_parse.parse(regex.pattern, regex.flags))),
                   key=lambda g: (_selectivity(g), sorted(g)))
    return tuple(tuple(sorted(g)) for g in found)


#: what ``str.lower`` leaves that Python's case-insensitive matching still equates with an ASCII
#: letter: dotless ı and long ſ (``re.IGNORECASE`` matches them to i and s), and the
#: combining dot that lower-casing İ adds after its i
_FOLD = str.maketrans({"ı": "i", "ſ": "s", "\u0307": None})


def fold(text: str) -> str:
    """``text`` lower-cased so that an ASCII literal a case-insensitive regex would match in
    it is a substring of the result (the literal tests must never miss a match).

    >>> fold("İNVESTED in Sonnet"), "invest" in fold("İnveſt")
    ('invested in sonnet', True)
    """
    low = text.lower()
    if "ı" in low or "ſ" in low or "\u0307" in low:  # rare: str.translate is slow
        return low.translate(_FOLD)
    return low


class LiteralFilter:
    """Which of several literal requirements (groups of strings, as :func:`required_literals`
    gives them) a text meets, found in one Aho–Corasick pass (pyahocorasick) over the text,
    however many strings there are. Each string may carry a payload, reported by :meth:`hits`.

    >>> f = LiteralFilter([(("stake",), ("acquire", "bought")), (("talk",),), ()])
    >>> present = f.scan("Microsoft bought a stake")
    >>> f.meets(0, present), f.meets(1, present), f.meets(2, present)
    (True, False, True)
    """

    def __init__(self, requirements: list[tuple[tuple[str, ...], ...]],
                 payload: dict[str, object] | None = None) -> None:
        import ahocorasick

        literals = sorted({w for needs in requirements for group in needs for w in group})
        bits = {w: 1 << i for i, w in enumerate(literals)}
        #: per requirement, a bit mask for each group: one of its bits must be present
        self.masks = [tuple(sum(bits[w] for w in group) for group in needs)
                      for needs in requirements]
        self._automaton: ahocorasick.Automaton | None = None
        if literals:
            self._automaton = ahocorasick.Automaton()
            for word in literals:
                self._automaton.add_word(word, (bits[word], (payload or {}).get(word)))
            self._automaton.make_automaton()

    def hits(self, text: str) -> Iterator[tuple[int, tuple[int, object]]]:
        """``(end, (bit, payload))`` for every occurrence of a literal in ``text`` (any
        case)."""
        if self._automaton is None:
            return iter(())
        return self._automaton.iter(fold(text))  # type: ignore[no-any-return]

    def scan(self, text: str) -> int:
        """The bits of the literals ``text`` holds, in any case."""
        present = 0
        for _end, (bit, _payload) in self.hits(text):
            present |= bit
        return present

    def meets(self, index: int, present: int) -> bool:
        """Whether requirement ``index`` is met by the literals ``present`` (:meth:`scan`)."""
        return all(present & mask for mask in self.masks[index])


class PatternSelector:
    """Which patterns to run on a sentence: the patterns that hold a literal of each group
    their regex requires (:attr:`Pattern.needs`, checked with a :class:`LiteralFilter`), in
    order. Only patterns with a literal of their first, most selective group present are
    looked at.

    >>> selector = PatternSelector(compiled_patterns())
    >>> ids = [compiled_patterns()[i].id for i in selector.select("⟦e0:company⟧ acquired ⟦e1:company⟧")]
    >>> "acquire.verb" in ids, "raise.verb" in ids, len(ids) < len(compiled_patterns()) // 10
    (True, False, True)
    """

    def __init__(self, patterns: tuple[Pattern, ...]) -> None:
        triggered: dict[str, list[int]] = {}
        for n, p in enumerate(patterns):
            for w in p.needs[0] if p.needs else ():
                triggered.setdefault(w, []).append(n)
        self._filter = LiteralFilter([p.needs for p in patterns],
                                     {w: tuple(v) for w, v in triggered.items()})
        self._always = tuple(n for n, p in enumerate(patterns) if not p.needs)
        # a triggered pattern holds a literal of its first group: only the others are checked
        self._rest = [masks[1:] for masks in self._filter.masks]

    def select(self, text: str) -> list[int]:
        """Indices of the patterns that may match ``text`` (an abstracted sentence)."""
        present = 0
        chosen = set(self._always)
        for _end, (bit, triggered) in self._filter.hits(text):
            present |= bit
            if triggered:
                chosen.update(triggered)  # type: ignore[arg-type]
        rest = self._rest
        out = []
        for n in sorted(chosen):
            for mask in rest[n]:
                if not present & mask:
                    break
            else:
                out.append(n)
        return out
