"""Meta-tests of the command line: every command is registered, helped, and documented."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

import kg
from kg.cli.main import COMMANDS, app

ROOT = Path(__file__).resolve().parent.parent
GROUP = typer.main.get_command(app)
NAMES = sorted(GROUP.commands)  # type: ignore[attr-defined]


def test_cli_every_command_module_is_registered() -> None:
    modules = {p.stem for p in Path(kg.cli.main.__file__).parent.glob("*.py")
               if not p.stem.startswith("_") and p.stem not in {"main"}}
    assert {m.__name__.rsplit(".", 1)[1] for m in COMMANDS.values()} == modules
    assert sorted(COMMANDS) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_cli_every_command_has_help_text_with_example(name: str) -> None:
    help_text = GROUP.commands[name].help or ""  # type: ignore[attr-defined]
    summary, _, rest = help_text.partition("\n\n")
    assert summary.strip().endswith(".") and len(rest.split()) >= 20
    assert re.search(rf"Example: `kg {name}\b[^`]*`", help_text)


@pytest.mark.parametrize("name", NAMES)
def test_cli_every_command_help_runs(name: str) -> None:
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0 and "Example" in result.stdout


@pytest.mark.parametrize("name", NAMES)
def test_cli_every_command_is_in_readme(name: str) -> None:
    readme = ROOT / "README.md"
    assert readme.is_file(), "README.md is missing"
    assert re.search(rf"\bkg {name}\b", readme.read_text(encoding="utf-8")), \
        f"`kg {name}` is not documented in README.md"


def test_cli_version_option() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert (result.exit_code, result.stdout.strip()) == (0, f"kg (aikg) {kg.__version__}")


def test_cli_no_arguments_shows_help() -> None:
    result = CliRunner().invoke(app, [])
    assert "build" in result.output and "Usage" in result.output


def test_cli_import_kg_is_lazy() -> None:
    code = ("import sys, kg; heavy = {'rdflib', 'spacy', 'networkx', 'typer', 'trafilatura'};"
            "print(sorted(heavy & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cli_package_reexports_public_functions() -> None:
    from kg.pipeline import build

    assert kg.build is build and set(kg.__all__) >= {
        "build", "run_query", "centrality_table", "render_html", "fact_records",
        "entity_records", "validate", "run_demo"}


def test_cli_package_unknown_attribute_raises() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        kg.nope  # noqa: B018
