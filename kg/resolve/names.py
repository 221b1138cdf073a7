"""Name normalisation: cleaning surface strings, corporate suffixes, match keys, acronyms.

The match key (:func:`name_key`) is the one FACTS.md describes: two names match when
their keys are equal, which ignores case, punctuation, a leading "The", corporate suffixes
(from ``kg/data/corporate_suffixes.json``) and diacritics.

>>> name_key("The Microsoft Corp.") == name_key("microsoft")
True
>>> acronym("Amazon Web Services")
'AWS'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.errors import DataFileError
from kg.resources import load_json

__all__ = [
    "acronym",
    "clean_name",
    "corporate_suffixes",
    "is_acronym_of",
    "name_key",
    "strip_suffix",
]

#: Quote characters trimmed from both ends of a surface string.
_QUOTES = "\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a"
#: Punctuation trimmed from the end of a surface string (a period only when not an abbreviation).
_TRAILING = ",;:!?\u2026)]}"
_POSSESSIVE = re.compile(r"(?<=[\w.])[\u2019']s?$")
_DOTTED_INITIALS = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
#: Words that do not contribute an initial to an acronym.
_FUNCTION_WORDS = frozenset({
    "a", "an", "and", "as", "at", "by", "de", "der", "des", "du", "for", "from", "in", "la",
    "le", "of", "on", "or", "the", "to", "und", "with", "&",
})


@lru_cache(maxsize=1)
def corporate_suffixes() -> frozenset[str]:
    """The corporate suffixes, lower-cased and without periods.

    Returns:
        The set read from ``kg/data/corporate_suffixes.json``.

    Raises:
        DataFileError: if the file lacks a ``suffixes`` list of strings.

    >>> {"inc", "corp", "nv", "pbc"} <= corporate_suffixes()
    True
    """
    data = load_json("corporate_suffixes.json")
    suffixes = data.get("suffixes") if isinstance(data, dict) else None
    if not isinstance(suffixes, list) or not all(isinstance(s, str) and s for s in suffixes):
        raise DataFileError("kg/data/corporate_suffixes.json: 'suffixes' must be a list of "
                            "non-empty strings")
    return frozenset(_suffix_form(s) for s in suffixes)


def _suffix_form(word: str) -> str:
    """A word as compared against the suffix list: lower case, no periods, no commas."""
    return word.replace(".", "").replace(",", "").casefold()


def _is_abbreviation(word: str) -> bool:
    """Whether a final period belongs to ``word`` ("Inc.", "U.S.") rather than a sentence."""
    if _DOTTED_INITIALS.search(word):
        return True
    bare = word.rstrip(".")
    return bare.casefold() in corporate_suffixes() or bare.casefold() in {"jr", "sr", "st", "bros"}


def clean_name(surface: str) -> str:
    """Trim a surface string: whitespace, quotes, a possessive and trailing punctuation.

    A final period is kept when it ends an abbreviation ("Inc.", "U.S.").

    Args:
        surface: text as found in an article.

    Returns:
        The cleaned name (possibly empty).

    >>> clean_name("  \u201cMicrosoft\u2019s ")
    'Microsoft'
    >>> clean_name("OpenAI's,")
    'OpenAI'
    >>> clean_name("Nvidia Corp.")
    'Nvidia Corp.'
    >>> clean_name("the U.S.")
    'the U.S.'
    >>> clean_name("Anthropic.")
    'Anthropic'
    """
    text = " ".join(surface.split())
    previous = None
    while text != previous:
        previous = text
        text = text.strip(_QUOTES + " ")
        text = text.rstrip(_TRAILING + " ")
        text = _POSSESSIVE.sub("", text)
        if text.endswith(".") and not _is_abbreviation(text.split(" ")[-1]):
            text = text[:-1]
    return text


def strip_suffix(name: str) -> str:
    """Remove trailing corporate suffixes ("Inc.", "Corp", ", Ltd"), keeping at least one word.

    Args:
        name: a company name.

    Returns:
        The name without its suffixes; unchanged when it is nothing but a suffix.

    >>> strip_suffix("Microsoft Corp.")
    'Microsoft'
    >>> strip_suffix("Broadcom Inc.")
    'Broadcom'
    >>> strip_suffix("JPMorgan Chase & Co.")
    'JPMorgan Chase'
    >>> strip_suffix("Alibaba Group Holding Limited")
    'Alibaba'
    >>> strip_suffix("Group")
    'Group'
    """
    words = name.split()
    suffixes = corporate_suffixes()
    while len(words) > 1 and _suffix_form(words[-1]) in suffixes:
        rest = words[:-1]
        trimmed = list(rest)
        if _suffix_form(words[-1]) == "co":  # "Johnson & Co." loses the "&" too
            while trimmed and trimmed[-1] in {"&", "and"}:
                trimmed.pop()
        words = trimmed or rest
        words[-1] = words[-1].rstrip(",") or words[-1]
    return " ".join(words)


def _fold(text: str) -> str:
    """Diacritics removed (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The match key of a name.

    Case-folded, diacritics folded, corporate suffixes and a leading "the" removed,
    punctuation removed (hyphens and slashes count as spaces), whitespace collapsed.

    Args:
        name: any name or surface string.

    Returns:
        The key; empty only when the name has no letters or digits.

    >>> name_key("The Wall Street Journal")
    'wall street journal'
    >>> name_key("NVIDIA Corporation")
    'nvidia'
    >>> name_key("Société Générale S.A.")
    'societe generale'
    >>> name_key("GPT-4o")
    'gpt 4o'
    >>> name_key("U.S.")
    'us'
    """
    text = _fold(_fold(name).casefold())
    text = re.sub(r"[-\u2010-\u2015/_]+", " ", text)
    text = re.sub(r"[^\w\s]+", "", text).replace("_", " ")
    text = " ".join(text.split())
    text = text.removeprefix("the ")
    text = strip_suffix(text)
    return text


def _initials(name: str, *, skip_function_words: bool) -> str:
    letters = []
    for word in re.split(r"[\s\-\u2010-\u2015/]+", name):
        word = word.strip(".,()'\"")
        if not word:
            continue
        if word.casefold() in _FUNCTION_WORDS:
            if skip_function_words:
                continue
            letters.append(word[0].upper())
            continue
        if word[0].isupper():
            letters.append(word[0])
    return "".join(letters)


def acronym(name: str) -> str:
    """Initials of the capitalised words of ``name``, skipping function words.

    Hyphenated parts count as words; a leading "The" and corporate suffixes are ignored.

    Args:
        name: a multi-word name.

    Returns:
        The acronym in upper case (empty if no word is capitalised).

    >>> acronym("Amazon Web Services")
    'AWS'
    >>> acronym("Center for Emerging Risk Research")
    'CERR'
    >>> acronym("International Business Machines Corporation")
    'IBM'
    >>> acronym("Hewlett-Packard Enterprise")
    'HPE'
    """
    text = re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.IGNORECASE)
    return _initials(strip_suffix(text), skip_function_words=True).upper()


def is_acronym_of(short: str, long: str) -> bool:
    """Whether ``short`` abbreviates ``long`` by initials.

    Periods in ``short`` are ignored ("U.S."); initials may skip or keep function words
    ("DoE" or "DE" for "Department of Energy"). ``short`` must start with a capital letter
    and have 2–10 letters.

    Args:
        short: the candidate acronym.
        long: the full name.

    Returns:
        True when the initials match, case-insensitively.

    >>> is_acronym_of("AWS", "Amazon Web Services")
    True
    >>> is_acronym_of("U.S.", "United States")
    True
    >>> is_acronym_of("DOE", "Department of Energy")
    True
    >>> is_acronym_of("AWS", "Amazon")
    False
    """
    letters = re.sub(r"[.\s&]", "", short)
    if not (2 <= len(letters) <= 10) or not letters.isalpha() or not letters[0].isupper():
        return False
    if name_key(letters) == name_key(long):
        return False
    text = re.sub(r"^the\s+", "", " ".join(long.split()), flags=re.IGNORECASE)
    text = strip_suffix(text)
    target = letters.upper()
    candidates = {
        _initials(text, skip_function_words=True).upper(),
        _initials(text, skip_function_words=False).upper(),
    }
    return target in candidates
