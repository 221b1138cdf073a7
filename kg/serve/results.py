"""SPARQL 1.1 query results written out: JSON, XML, CSV, TSV, and RDF for graph results.

The writers take pyoxigraph terms. They exist (rather than pyoxigraph's own serialiser)
because the server cuts a SELECT answer at its row limit while reading it, and then has a
list of solutions, not a pyoxigraph result object, to write.

>>> name = ox.NamedNode("https://w3id.org/aikg/id/entity/openai")
>>> write_solutions(["e", "n"], [(name, ox.Literal("OpenAI"))], "text/csv").splitlines()
['e,n', 'https://w3id.org/aikg/id/entity/openai,OpenAI']
>>> print(write_solutions(["e"], [(name,)], "text/tab-separated-values"), end="")
?e
<https://w3id.org/aikg/id/entity/openai>
>>> write_boolean(True, JSON)
'{"head": {}, "boolean": true}'
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

__all__ = [
    "BOOLEAN_TYPES", "CSV", "GRAPH_TYPES", "JSON", "SOLUTION_TYPES", "TSV", "XML",
    "negotiate", "write_boolean", "write_graph", "write_solutions",
]

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
RDFXML = "application/rdf+xml"

#: Media types offered for each kind of result, the server's preference first.
SOLUTION_TYPES: tuple[str, ...] = (JSON, XML, CSV, TSV)
BOOLEAN_TYPES: tuple[str, ...] = (JSON, XML)
GRAPH_TYPES: tuple[str, ...] = (TURTLE, NTRIPLES, RDFXML)
#: Common names clients send for the same thing.
ALIASES: dict[str, str] = {
    "application/json": JSON, "application/xml": XML, "text/xml": XML,
    "text/plain": NTRIPLES, "application/x-turtle": TURTLE,
}
_RDF_FORMATS = {TURTLE: ox.RdfFormat.TURTLE, NTRIPLES: ox.RdfFormat.N_TRIPLES,
                RDFXML: ox.RdfFormat.RDF_XML}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def negotiate(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the ``Accept`` header likes best (``None``: none acceptable).

    Quality values count; ties go to the server's order; no header means the first offer.

    >>> negotiate("text/html,application/xml;q=0.9,*/*;q=0.8", SOLUTION_TYPES)
    'application/sparql-results+xml'
    >>> negotiate("text/csv", SOLUTION_TYPES), negotiate(None, GRAPH_TYPES)
    ('text/csv', 'text/turtle')
    >>> negotiate("image/png", SOLUTION_TYPES) is None
    True
    """
    if not accept or not accept.strip():
        return offered[0]
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((ALIASES.get(media, media), quality))

    def score(media: str) -> tuple[float, int]:
        best, specificity = 0.0, -1
        major = media.split("/", 1)[0]
        for pattern, quality in ranges:
            rank = (2 if pattern == media else 1 if pattern == f"{major}/*"
                    else 0 if pattern == "*/*" else -1)
            if rank > specificity:
                best, specificity = quality, rank
        return best, specificity

    scored = [(score(m)[0], -i, m) for i, m in enumerate(offered)]
    quality, _, media = max(scored)
    return media if quality > 0 else None


# --------------------------------------------------------------------------- terms


def _json_term(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    raise ValueError(f"cannot write the term {term!r}")


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != _XSD_STRING:
            return (f"<literal datatype={quoteattr(term.datatype.value)}>"
                    f"{escape(term.value)}</literal>")
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>"
                f"{_xml_term(term.predicate)}</predicate><object>{_xml_term(term.object)}"
                "</object></triple>")
    raise ValueError(f"cannot write the term {term!r}")


def _csv_term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return str(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


# --------------------------------------------------------------------------- writers


def write_solutions(variables: Sequence[str], rows: Sequence[Sequence[Any]], media: str) -> str:
    """SELECT results (rows of pyoxigraph terms or ``None``) in one of :data:`SOLUTION_TYPES`."""
    if media == JSON:
        bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None}
                    for row in rows]
        return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}},
                          ensure_ascii=False)
    if media == XML:
        out = ['<?xml version="1.0" encoding="utf-8"?>',
               '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out += ["</head>", "<results>"]
        for row in rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                            for v, t in zip(variables, row) if t is not None)
            out.append(f"<result>{cells}</result>")
        out += ["</results>", "</sparql>"]
        return "\n".join(out) + "\n"
    if media == CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_term(t) for t in row] for row in rows)
        return buffer.getvalue()
    if media == TSV:
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return "\n".join(lines) + "\n"
    raise ValueError(f"no writer for {media}")


def write_boolean(value: bool, media: str) -> str:
    """An ASK answer in one of :data:`BOOLEAN_TYPES`."""
    if media == JSON:
        return json.dumps({"head": {}, "boolean": bool(value)})
    if media == XML:
        return ('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/'
                f'sparql-results#"><head/><boolean>{"true" if value else "false"}</boolean>'
                "</sparql>\n")
    raise ValueError(f"no writer for {media}")


def write_graph(triples: Sequence[ox.Triple], media: str,
                prefixes: dict[str, str] | None = None) -> bytes:
    """CONSTRUCT/DESCRIBE triples in one of :data:`GRAPH_TYPES` (Turtle uses ``prefixes``)."""
    fmt = _RDF_FORMATS[media]
    used = prefixes if media == TURTLE else None
    return ox.serialize(list(triples), format=fmt, prefixes=used) or b""
