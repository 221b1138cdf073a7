"""`kg validate`: prints the SHACL report; exit 0 when the graph conforms, 1 when not."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kg.cli.main import app

SMALL = Path(__file__).parent / "data" / "small.trig"

#: An entity without its rdfs:label (its canonical name): a violation, not a warning.
NO_LABEL = """\
@prefix aikg: <https://w3id.org/aikg/ontology#> .
<https://w3id.org/aikg/id/article/a> {
  <https://w3id.org/aikg/id/entity/acme> a aikg:Company .
}
"""


def test_cli_validate_non_conforming_graph_exits_1(tmp_path: Path) -> None:
    graph = tmp_path / "bad.trig"
    graph.write_text(NO_LABEL, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(graph)])
    assert result.exit_code == 1 and "Conforms: False" in result.stdout


def test_cli_validate_report_names_the_focus_node(tmp_path: Path) -> None:
    graph = tmp_path / "bad.trig"
    graph.write_text(NO_LABEL, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(graph)])
    assert "https://w3id.org/aikg/id/entity/acme" in result.stdout


def test_cli_validate_conforming_fixture_exits_0() -> None:
    result = CliRunner().invoke(app, ["validate", str(SMALL)])
    assert result.exit_code == 0 and "Conforms: True" in result.stdout
