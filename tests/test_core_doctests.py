"""Docstring examples of the core modules run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kg.types", "kg.pipeline", "kg.resources", "kg.extract", "kg.extract.normalize",
           "kg.extract.document", "kg.extract.mentions", "kg.extract.patterns",
           "kg.extract.rules"]


@pytest.mark.parametrize("name", MODULES)
def test_core_doctests_pass(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
