"""Typed literals for numbers and dates, and reading them back.

Numbers are written as ``xsd:decimal`` in plain positional notation (never ``1E+9``, which is
not a valid decimal lexical form); dates are typed by their shape.

>>> decimal_literal(1e9)
rdflib.term.Literal('1000000000', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
>>> date_literal("2023-05").datatype == XSD.gYearMonth
True
>>> number_value(decimal_literal(25.5)), number_value(decimal_literal(25.0))
(25.5, 25)
"""

from __future__ import annotations

import logging
import math
import re
from decimal import Decimal, InvalidOperation

from rdflib import XSD, Literal, Node

log = logging.getLogger(__name__)

__all__ = ["DATE_PATTERN", "date_literal", "decimal_lexical", "decimal_literal", "number_value"]

#: ISO 8601 prefixes a fact date may take: ``2019``, ``2023-05``, ``2024-10-02``.
DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
_DATETIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?"
                       r"(Z|[+-][0-9]{2}:[0-9]{2})?$")
_BY_LENGTH = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}


def decimal_lexical(value: float | str | Decimal) -> str:
    """The ``xsd:decimal`` lexical form of a number: integral values without a point.

    Integral floats are written as the exact integer they hold (as ``Fact.record`` reads
    them); other floats go through ``repr`` so that ``0.1`` stays ``0.1``.

    >>> decimal_lexical(1.5e9), decimal_lexical(0.1), decimal_lexical("2.50"), decimal_lexical(1e-7)
    ('1500000000', '0.1', '2.5', '0.0000001')

    Raises:
        ValueError: ``value`` is not a finite number.
    """
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def decimal_literal(value: float | str | Decimal) -> Literal:
    """An ``xsd:decimal`` literal of ``value`` (see :func:`decimal_lexical`)."""
    return Literal(decimal_lexical(value), datatype=XSD.decimal)


def date_literal(text: str) -> Literal:
    """A date typed by its shape: ``xsd:gYear``, ``xsd:gYearMonth``, ``xsd:date`` or
    ``xsd:dateTime``; any other text stays a plain string (and SHACL reports it).

    >>> str(date_literal("2019").datatype).rsplit("#", 1)[1]
    'gYear'
    """
    text = text.strip()
    if re.match(DATE_PATTERN, text):
        return Literal(text, datatype=_BY_LENGTH[len(text)])
    if _DATETIME.match(text):
        return Literal(text, datatype=XSD.dateTime)
    log.warning("date %r is not an ISO 8601 date; kept as a plain string", text)
    return Literal(text)


def number_value(node: Node) -> float:
    """A number literal back as ``int`` when integral, else ``float``.

    Raises:
        ValueError: ``node`` is not a numeric literal.
    """
    try:
        number = Decimal(str(node))
    except InvalidOperation:
        raise ValueError(f"not a number: {node!r}") from None
    if number == number.to_integral_value():
        return int(number)
    result = float(number)
    if math.isinf(result):
        raise ValueError(f"number out of range: {node!r}")
    return result
