"""The ``kg`` command: a typer app whose commands live one per module in :mod:`kg.cli`.

Each command calls one library function and formats what it returns. Errors are reported
by :class:`KGGroup` as one line ``kg <command>: error: <message>`` with exit code 2.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

import kg
from kg.cli import (
    build,
    centrality,
    demo,
    entities,
    evaluate,
    facts,
    push,
    query,
    remove,
    render,
    serve,
    validate,
)
from kg.cli._common import EXIT_BUG, configure_logging, report_error, run_guarded


class KGGroup(TyperGroup):
    """A typer group that turns aikg's errors into one line and exit code 2."""

    def invoke(self, ctx: Any) -> Any:  # typer's Context (from its vendored click)
        """Run the group and its command, reporting errors as one line."""
        return run_guarded(ctx, lambda: super(KGGroup, self).invoke(ctx))


app = typer.Typer(
    name="kg",
    cls=KGGroup,
    help="Build knowledge graphs of the AI industry from news articles, then query, "
         "analyse, render and validate them.\n\n"
         "Start with `kg demo`, or `kg build articles/ -o graph.trig`.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: Command name → module; each module's ``command`` function is the command.
COMMANDS = {
    "build": build,
    "query": query,
    "centrality": centrality,
    "render": render,
    "facts": facts,
    "entities": entities,
    "eval": evaluate,
    "validate": validate,
    "remove": remove,
    "demo": demo,
    "push": push,
    "serve": serve,
}

for _name, _module in COMMANDS.items():
    app.command(_name)(_module.command)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg (aikg) {kg.__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    verbose: Annotated[int, typer.Option(
        "--verbose", "-v", count=True,
        help="Say more on stderr: -v progress details, -vv debug output and tracebacks.")] = 0,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True,
        help="Print the version and exit.")] = False,
) -> None:
    """Build knowledge graphs of the AI industry from news articles."""
    ctx.call_on_close(configure_logging(verbose))


def main() -> None:
    """Entry point of the ``kg`` console script.

    The group already reports aikg's errors; this is the last guard, so that nothing
    (not even a failure while starting up) shows a traceback.
    """
    try:
        app(prog_name="kg")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        typer.echo("kg: interrupted", err=True)
        sys.exit(130)
    except Exception as err:  # noqa: BLE001  # pragma: no cover - the group reports errors first
        report_error(None, err)
        sys.exit(EXIT_BUG)


if __name__ == "__main__":  # pragma: no cover
    main()
