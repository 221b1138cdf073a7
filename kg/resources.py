"""One place that finds and loads the data files aikg ships.

The ontology, SHACL shapes and knowledge base live in the top-level ``ontology/`` folder of
the source tree; the wheel carries them as ``kg/ontology``. Patterns, cues, styles and sample
articles live in ``kg/data``.

>>> (ontology_dir() / "aikg.ttl").is_file()
True
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import DataFileError

_PKG = Path(__file__).resolve().parent


def ontology_dir() -> Path:
    """The folder holding ``aikg.ttl``, ``shapes.ttl`` and ``kb.jsonl``."""
    inside = _PKG / "ontology"
    if inside.is_dir():
        return inside
    return _PKG.parent / "ontology"


def data_dir() -> Path:
    """The package data folder (patterns, cues, styles, samples)."""
    return _PKG / "data"


def data_path(name: str) -> Path:
    """Path of one package data file, e.g. ``data_path("cues.json")``."""
    path = data_dir() / name
    if not path.exists():
        raise DataFileError(f"{path}: missing data file; reinstall aikg")
    return path


@cache
def load_json(name: str) -> Any:
    """Load a JSON data file from ``kg/data`` (cached). Errors name the file and line."""
    path = data_path(name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise DataFileError(f"{path}:{err.lineno}: invalid JSON: {err.msg}") from err


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read a JSON-lines file; blank lines and ``//`` comment lines are skipped."""
    rows: list[dict[str, Any]] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise DataFileError(f"{path}:{lineno}: invalid JSON: {err.msg}") from err
        if not isinstance(row, dict):
            raise DataFileError(f"{path}:{lineno}: expected a JSON object")
        rows.append(row)
    return rows
