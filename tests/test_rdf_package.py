"""kg.rdf's public surface: lazy re-exports resolve and match ``__all__``."""

from __future__ import annotations

import importlib

import kg.rdf


def test_package_every_export_resolves() -> None:
    for name in kg.rdf.__all__:
        assert getattr(kg.rdf, name) is not None, name


def test_package_all_lists_every_lazy_export() -> None:
    assert sorted(kg.rdf.__all__) == sorted(kg.rdf._EXPORTS)


def test_package_namespace_imports_without_the_rest() -> None:
    # kg.resolve.iri imports kg.rdf.namespace while kg.rdf.convert imports kg.resolve.iri
    module = importlib.import_module("kg.resolve.iri")
    assert str(module.entity_iri("x")).endswith("/entity/x")
