"""SHACL validation of an aikg graph with the shipped shapes (``ontology/shapes.ttl``).

The shapes name their target classes explicitly, so pySHACL runs without inference over
the union of all article graphs (an entity described in two articles is checked once).

>>> from kg.rdf.convert import new_dataset
>>> validate(new_dataset()).conforms
True
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from pyshacl import validate as _pyshacl_validate
from rdflib import RDF, Graph, Node
from rdflib.namespace import SH

from kg.errors import DataFileError
from kg.rdf.graphs import merged_graph
from kg.resources import ontology_dir

log = logging.getLogger(__name__)

__all__ = ["ValidationReport", "ValidationResult", "shapes_graph", "validate"]


class ValidationResult(NamedTuple):
    """One violation: the node at fault, the property path, what is wrong, and how bad."""

    focus: Node
    path: Node | None
    message: str
    severity: str

    def __str__(self) -> str:
        where = f"{self.focus}" + (f" {self.path}" if self.path is not None else "")
        return f"{self.severity}: {where}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`: ``conforms``, the results sorted, pySHACL's text."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    text: str = ""

    def messages(self) -> list[str]:
        """One line per result: ``Severity: <focus> <path>: message``."""
        return [str(result) for result in self.results]


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The parsed shapes (cached; treat as read-only).

    Raises:
        DataFileError: the shapes file is missing or not valid Turtle.
    """
    path = ontology_dir() / "shapes.ttl"
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as err:
        message = " ".join(str(err).split())
        raise DataFileError(f"{path}: cannot read the SHACL shapes: {message}") from err


def validate(ds_or_graph: Graph) -> ValidationReport:
    """Validate a dataset (its union) or a graph against ``ontology/shapes.ttl``.

    Args:
        ds_or_graph: an rdflib ``Dataset`` or ``Graph``.

    Returns:
        A :class:`ValidationReport`; ``conforms`` is ``False`` when any result is a
        violation (warnings and infos alone still conform).
    """
    data = merged_graph(ds_or_graph)
    conforms, report, text = _pyshacl_validate(
        data, shacl_graph=shapes_graph(), inference="none", allow_warnings=True,
        abort_on_first=False, advanced=False)
    results = sorted(_results(report), key=lambda r: (str(r.focus), str(r.path), r.message))
    log.debug("SHACL: %s, %d results over %d triples", conforms, len(results), len(data))
    return ValidationReport(bool(conforms), results, str(text))


def _results(report: Graph) -> list[ValidationResult]:
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
        severity = report.value(node, SH.resultSeverity)
        focus = report.value(node, SH.focusNode)
        results.append(ValidationResult(
            focus=focus if focus is not None else node,
            path=report.value(node, SH.resultPath),
            message="; ".join(messages) or "constraint not met",
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        ))
    return results
