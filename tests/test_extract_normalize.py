"""Money, date, percent, count and capacity normalisers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.normalize import (
    find_capacities,
    find_counts,
    find_dates,
    find_money,
    find_percents,
    parse_number,
)

MONEY = [
    ("Microsoft invested $1 billion in OpenAI", 1e9, "USD", None),
    ("a $3.3B commitment", 3.3e9, "USD", None),
    ("Representing a $38B commitment", 38e9, "USD", None),
    ("up to $4 billion", 4e9, "USD", "up to"),
    ("the $1.25 trillion company", 1.25e12, "USD", None),
    ("a €2 billion round", 2e9, "EUR", None),
    ("raised ₹500 crore", 5e9, "INR", None),
    ("1.5 billion dollars", 1.5e9, "USD", None),
    ("US$700 million", 7e8, "USD", None),
    ("$124 million", 1.24e8, "USD", None),
    ("$1,500,000", 1.5e6, "USD", None),
    ("a USD 5 billion facility", 5e9, "USD", None),
]


@pytest.mark.parametrize(("text", "amount", "currency", "bound"), MONEY)
def test_normalize_money_amount_currency_and_bound(text: str, amount: float, currency: str,
                                                   bound: str | None) -> None:
    (money,) = find_money(text)
    assert money.amount == pytest.approx(amount)
    assert money.currency == currency
    assert money.bound == bound


def test_normalize_money_usd_only_for_dollars() -> None:
    assert find_money("€2 billion")[0].usd is None
    assert find_money("$2 billion")[0].usd == 2e9


DATES = [
    ("in 2019", "2019"),
    ("In September 2023, Amazon", "2023-09"),
    ("April 16, 2024 – G42", "2024-04-16"),
    ("on Jan. 5, 2020", "2020-01-05"),
    ("on 3 March 2021", "2021-03-03"),
    ("published 2024-10-02", "2024-10-02"),
    ("Sept. 2022", "2022-09"),
]


@pytest.mark.parametrize(("text", "iso"), DATES)
def test_normalize_dates_iso_prefix(text: str, iso: str) -> None:
    assert [d.value for d in find_dates(text)] == [iso]


@pytest.mark.parametrize("text", ["Windows 11", "$2023 million", "grew 2023%", "on Monday"])
def test_normalize_dates_ignore_non_dates(text: str) -> None:
    assert find_dates(text) == []


def test_normalize_percents() -> None:
    assert [p.value for p in find_percents("a 25% share and 49 percent of it")] == [25.0, 49.0]


def test_normalize_counts_skip_money() -> None:
    assert [c.value for c in find_counts("500 billion parameters and $5 billion")] == [5e11]


def test_normalize_capacities_as_written() -> None:
    found = [c.text for c in find_capacities("at least 10 gigawatts, then 4.5 GW and up to one million TPUs")]
    assert found == ["at least 10 gigawatts", "4.5 GW", "up to one million TPUs"]


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["million", "billion", "trillion"]))
def test_normalize_money_round_trips_written_amounts(n: int, scale: str) -> None:
    factor = {"million": 1e6, "billion": 1e9, "trillion": 1e12}[scale]
    (money,) = find_money(f"It raised ${n} {scale} from investors.")
    assert money.amount == pytest.approx(n * factor)


@given(st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False))
def test_normalize_parse_number_plain(value: object) -> None:
    text = f"{value:,}"
    assert parse_number(text) == pytest.approx(float(str(value)))


@given(st.integers(min_value=1990, max_value=2039), st.integers(min_value=1, max_value=12))
def test_normalize_month_year(year: int, month: int) -> None:
    names = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
    assert [d.value for d in find_dates(f"In {names[month - 1]} {year}, it grew.")] == \
        [f"{year}-{month:02d}"]
