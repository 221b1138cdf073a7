"""Run the docstring examples of kg.remote and kg.serve, so documented behaviour stays true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kg.remote", "kg.remote.client", "kg.remote.query", "kg.remote.push",
           "kg.serve", "kg.serve.results", "kg.serve.worker"]


@pytest.mark.parametrize("module_name", MODULES)
def test_remote_doctests_pass(module_name: str) -> None:
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
