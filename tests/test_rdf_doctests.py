"""Run the docstring examples of kg.rdf, so documented behaviour stays true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kg.rdf

MODULES = ["kg.rdf"] + sorted(f"kg.rdf.{m.name}" for m in pkgutil.iter_modules(kg.rdf.__path__))


@pytest.mark.parametrize("module_name", MODULES)
def test_rdf_doctests_pass(module_name: str) -> None:
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
