"""Errors aikg raises. Messages say what failed, where, and how to fix it.

The CLI prints ``str(error)`` as one line and exits non-zero; no traceback reaches the user.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error aikg raises on purpose."""


class InputError(KGError):
    """An input file or article cannot be read. The message names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class DataFileError(KGError):
    """A shipped or user data file (patterns, cues, knowledge base, queries) is invalid."""


class GraphError(KGError):
    """A graph file cannot be read or written."""


class QueryError(KGError):
    """A SPARQL query is malformed, unknown, or failed."""
