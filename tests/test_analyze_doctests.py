"""Run the docstring examples of kg.analyze, so documented behaviour stays true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kg.analyze", "kg.analyze.graph", "kg.analyze.centrality"]


@pytest.mark.parametrize("module_name", MODULES)
def test_analyze_doctests_pass(module_name: str) -> None:
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
