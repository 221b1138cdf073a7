"""Normalisers for the literal values news text carries: money, numbers, percents, dates.

Each finder returns spans into the text it was given, so extractors can tie a value to the
words around it.

>>> [m.usd for m in find_money("Microsoft invested $1 billion, then $3.3B more.")]
[1000000000.0, 3300000000.0]
>>> find_money("a ₹500 crore deal")[0].currency
'INR'
>>> [d.value for d in find_dates("In September 2023, and on April 16, 2024.")]
['2023-09', '2024-04-16']
>>> parse_number("1.25", "trillion")
1250000000000.0
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SCALE = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "b": 1e9, "bn": 1e9, "bln": 1e9,
    "trillion": 1e12, "t": 1e12, "tn": 1e12, "tr": 1e12,
    "crore": 1e7, "lakh": 1e5,
}
_CURRENCY_SYMBOL = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
                    "₩": "KRW", "C$": "CAD", "A$": "AUD", "HK$": "HKD", "S$": "SGD"}
_CURRENCY_WORD = {"dollars": "USD", "dollar": "USD", "usd": "USD", "euros": "EUR", "euro": "EUR",
                  "eur": "EUR", "pounds": "GBP", "gbp": "GBP", "yen": "JPY", "jpy": "JPY",
                  "rupees": "INR", "inr": "INR", "yuan": "CNY", "cny": "CNY", "rmb": "CNY",
                  "won": "KRW", "dirhams": "AED", "aed": "AED", "riyals": "SAR"}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_WORDS = r"trillion|billion|million|thousand|crore|lakh|bn|mn|mln|bln|tn|[bmkt]\b"
_SYM = r"US\$|HK\$|C\$|A\$|S\$|[$€£¥₹₩]"
# Each finder opens with a lookahead for the characters a match can start with, so the
# regex engine skips ahead to them instead of trying every alternative at every position.
_MONEY_RE = re.compile(
    r"(?=[\d$€£¥₹₩uhcasegij])"
    rf"(?:(?P<sym>{_SYM})\s?(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE_WORDS}))?(?![\w.]*\d)"
    rf"|(?P<num2>{_NUM})\s?(?P<scale2>trillion|billion|million|thousand|crore|lakh)?\s"
    rf"(?P<word>(?:US |U\.S\. )?dollars|euros|pounds|yen|rupees|yuan|dirhams|riyals)\b"
    rf"|(?P<code>USD|EUR|GBP|INR|JPY|CNY|AED)\s?(?P<num3>{_NUM})(?:\s?(?P<scale3>{_SCALE_WORDS}))?)",
    re.IGNORECASE,
)
_BOUND_RE = re.compile(
    r"(?P<bound>up to|as much as|at least|more than|over|about|around|roughly|nearly|almost|"
    r"some|approximately|an estimated|as little as|less than)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Money:
    """A money expression: the number as written, its currency and the USD value if in USD."""

    start: int
    end: int
    text: str
    amount: float
    currency: str
    bound: str | None = None

    @property
    def usd(self) -> float | None:
        """The amount in US dollars, or None for another currency (never converted)."""
        return self.amount if self.currency == "USD" else None


def parse_number(num: str, scale: str | None = None) -> float:
    """``"1,500"`` → 1500.0; ``("3.3", "billion")`` → 3.3e9."""
    value = float(num.replace(",", ""))
    if scale:
        value *= _SCALE.get(scale.lower().rstrip("."), 1.0)
    return value


def find_money(text: str) -> list[Money]:
    """Every money expression in ``text``, left to right."""
    found: list[Money] = []
    for m in _MONEY_RE.finditer(text):
        if m.group("num"):
            sym = m.group("sym")
            currency = _CURRENCY_SYMBOL.get(sym.upper(), _CURRENCY_SYMBOL.get(sym, "USD"))
            amount = parse_number(m.group("num"), m.group("scale"))
        elif m.group("num2"):
            word = m.group("word").lower().split()[-1]
            currency = _CURRENCY_WORD.get(word, "USD")
            amount = parse_number(m.group("num2"), m.group("scale2"))
        else:
            currency = m.group("code").upper()
            amount = parse_number(m.group("num3"), m.group("scale3"))
        bound_m = _BOUND_RE.search(text[max(0, m.start() - 20):m.start()])
        bound = bound_m.group("bound").lower() if bound_m else None
        found.append(Money(m.start(), m.end(), m.group(0), amount, currency, bound))
    return found


_MONTHS = {name: i for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE_RE = re.compile(
    r"(?=[\dJFMASOND])"
    rf"(?:(?P<iso>\b(?:19|20)\d\d-\d\d(?:-\d\d)?\b)"
    rf"|(?P<mdy>\b{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b)"
    rf"|(?P<dmy>\b\d{{1,2}}\s+{_MONTH_RE}\s+(?:19|20)\d\d\b)"
    rf"|(?P<my>\b{_MONTH_RE}\s+(?:of\s+)?(?:19|20)\d\d\b)"
    rf"|(?P<y>(?<![\w$.,-])(?:19|20)\d\d(?![\w%]|\.\d|,\d)))",
)


@dataclass(frozen=True)
class DateMention:
    """A date expression and its ISO 8601 prefix (``2019``, ``2023-09``, ``2024-04-16``)."""

    start: int
    end: int
    text: str
    value: str


def _month(token: str) -> int:
    return _MONTHS[token.lower().rstrip(".")[:4] if token.lower().startswith("sept")
                   else token.lower().rstrip(".")[:3]]


def find_dates(text: str) -> list[DateMention]:
    """Every explicit date (year, month-year, full date) in ``text``; relative dates are skipped."""
    found: list[DateMention] = []
    for m in _DATE_RE.finditer(text):
        s = m.group(0)
        if m.group("iso"):
            value = s
        elif m.group("mdy"):
            parts = re.findall(r"[A-Za-z]+|\d+", s)
            value = f"{parts[2]}-{_month(parts[0]):02d}-{int(parts[1]):02d}" if len(parts) >= 3 and not parts[1].isalpha() else s
            if parts[1] in ("st", "nd", "rd", "th") or (len(parts) == 4):
                nums = [p for p in parts if p.isdigit()]
                value = f"{nums[1]}-{_month(parts[0]):02d}-{int(nums[0]):02d}"
        elif m.group("dmy"):
            parts = s.replace(".", "").split()
            value = f"{parts[2]}-{_month(parts[1]):02d}-{int(parts[0]):02d}"
        elif m.group("my"):
            parts = s.replace(".", "").split()
            value = f"{parts[-1]}-{_month(parts[0]):02d}"
        else:
            value = s
        found.append(DateMention(m.start(), m.end(), s, value))
    return found


_PERCENT_RE = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)", re.IGNORECASE)
_COUNT_RE = re.compile(
    rf"(?=\d)(?P<num>{_NUM})[\s-]?(?P<scale>trillion|billion|million|thousand|[BMKT]\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A plain number (percent, count) with its span."""

    start: int
    end: int
    text: str
    value: float


def find_percents(text: str) -> list[Quantity]:
    """``"a 25% market share"`` → 25.0."""
    return [Quantity(m.start(), m.end(), m.group(0), float(m.group("num")))
            for m in _PERCENT_RE.finditer(text)]


def find_counts(text: str) -> list[Quantity]:
    """Scaled counts not preceded by a currency sign: ``"500 billion parameters"`` → 5e11."""
    out = []
    for m in _COUNT_RE.finditer(text):
        before = text[max(0, m.start() - 4):m.start()]
        if re.search(rf"(?:{_SYM})\s?$", before):
            continue
        out.append(Quantity(m.start(), m.end(), m.group(0),
                            parse_number(m.group("num"), m.group("scale"))))
    return out


_CAPACITY_RE = re.compile(
    r"(?:(?:at least|up to|more than|over|well over|nearly|about)\s+)?"
    r"(?:\d+(?:\.\d+)?|one|two|three|four|five|ten|a|several|hundreds of thousands of|tens of millions of|millions of)"
    r"\s?(?:-\s?)?(?:gigawatts?|GW|megawatts?|MW|terawatts?|TW)\b"
    r"|(?:up to\s+)?(?:\d+(?:\.\d+)?|one|a)\s+million\s+(?:TPUs|GPUs|chips)",
    re.IGNORECASE,
)


def find_capacities(text: str) -> list[Quantity]:
    """Power or compute capacity as written: ``"1 GW"``, ``"4.5 gigawatts"``, ``"one million TPUs"``."""
    return [Quantity(m.start(), m.end(), m.group(0), 0.0) for m in _CAPACITY_RE.finditer(text)]
