"""Render a :class:`~kg.query.runner.QueryResult` as a table, CSV, TSV or JSON.

Conventions, the same in every format:

- SELECT: the table aligns columns, right-aligns numbers and writes integers with thousands
  separators (``13,000,000,000``); CSV, TSV and JSON keep plain numbers (``13000000000``) so
  they parse back. Unbound values are empty cells (``null`` in JSON).
- ASK: ``true`` or ``false``.
- CONSTRUCT/DESCRIBE: Turtle.

>>> from kg.query.runner import QueryResult
>>> r = QueryResult("select", ["investor", "amount_usd"], [("Microsoft", 13000000000), ("Amazon", None)])
>>> print(format_result(r))
investor       amount_usd
---------  --------------
Microsoft  13,000,000,000
Amazon
(2 rows)
>>> print(format_result(r, "csv"), end="")
investor,amount_usd
Microsoft,13000000000
Amazon,
>>> format_result(QueryResult("ask", boolean=True), "json")
'true'
"""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Literal

from kg.errors import QueryError
from kg.query.runner import QueryResult, Value

__all__ = ["FORMATS", "format_number", "format_result"]

Format = Literal["table", "csv", "tsv", "json"]
FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json")


def format_number(value: float) -> str:
    """A number as the table shows it: thousands separators, at most 4 decimals.

    >>> format_number(13000000000), format_number(61.5), format_number(0.12345)
    ('13,000,000,000', '61.5', '0.1235')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:,}"
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e18:
        return f"{int(value):,}"
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text if text not in ("0", "-0") else f"{value:.3g}"


def _plain(value: Value) -> str:
    """A cell for CSV/TSV: plain numbers, empty for unbound."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _cell(value: Value, max_width: int | None) -> str:
    if value is None:
        return ""
    text = format_number(value) if isinstance(value, (int, float)) else " ".join(str(value).split())
    if max_width is not None and len(text) > max_width:
        text = text[: max(1, max_width - 1)] + "\u2026"
    return text


def _table(result: QueryResult, max_width: int | None) -> str:
    header = list(result.variables)
    cells = [[_cell(v, max_width) for v in row] for row in result.rows]
    numeric = [
        bool(result.rows) and all(
            row[i] is None or (isinstance(row[i], (int, float)) and not isinstance(row[i], bool))
            for row in result.rows) and any(row[i] is not None for row in result.rows)
        for i in range(len(header))
    ]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]

    def line(values: list[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w)
                 for v, w, num in zip(values, widths, numeric)]
        return "  ".join(parts).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in cells)
    count = len(result.rows)
    out.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(out)


def _delimited(result: QueryResult, delimiter: str) -> str:
    buffer = io.StringIO()
    if delimiter == "\t":
        writer = csv.writer(buffer, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar=None,
                            lineterminator="\n")
        clean = [[" ".join(_plain(v).split()) for v in row] for row in result.rows]
        writer.writerow(result.variables)
        writer.writerows(clean)
    else:
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows([[_plain(v) for v in row] for row in result.rows])
    return buffer.getvalue()


def format_result(result: QueryResult, fmt: str = "table", *, max_width: int | None = 60
                  ) -> str:
    """Render a query result.

    Args:
        result: what :func:`kg.query.run_query` returned.
        fmt: ``table`` (aligned text), ``csv``, ``tsv`` (tabs and newlines inside values
            become spaces) or ``json`` (a list of ``{variable: value}`` objects).
        max_width: longest cell of the table; longer text is cut with ``…`` (``None``
            keeps everything). Other formats never cut.

    Returns:
        The text; CSV and TSV end with a newline.

    Raises:
        QueryError: for an unknown format.

    >>> from kg.query.runner import QueryResult
    >>> print(format_result(QueryResult("select", ["a", "n"], [("x", 2.5)]), "json"))
    [
      {
        "a": "x",
        "n": 2.5
      }
    ]
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}")
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    if result.kind == "construct":
        return result.to_turtle()
    if fmt == "table":
        return _table(result, max_width)
    if fmt == "csv":
        return _delimited(result, ",")
    if fmt == "tsv":
        return _delimited(result, "\t")
    return json.dumps(result.records(), indent=2, ensure_ascii=False)
