"""Run the docstring examples of kg.render, so documented behaviour stays true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kg.render", "kg.render.page"]


@pytest.mark.parametrize("module_name", MODULES)
def test_render_doctests_pass(module_name: str) -> None:
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
