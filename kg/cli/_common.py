"""What the command modules share: error reporting, logging set-up and output formatting.

Every error aikg raises on purpose (:class:`~kg.errors.KGError`), and every ``OSError``,
reaches the user as one line ``kg <command>: error: <message>`` on stderr with exit code 2;
the traceback is logged at debug level only (``kg -vv``).
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from kg.errors import InputError, KGError

log = logging.getLogger("kg.cli")

#: Exit code of a handled error (the same as a usage error).
EXIT_ERROR = 2
#: Exit code of a bug: an exception aikg did not raise on purpose.
EXIT_BUG = 1

_SPACES = re.compile(r"\s*\n\s*")

#: Exceptions that are typer's way to exit or report usage errors: never ours to report.
_CONTROL_FLOW: tuple[type[BaseException], ...] = (
    typer.Exit, typer.Abort, typer.exceptions.TyperException, SystemExit,
)


class TableFormat(str, Enum):
    """Output formats of commands that print rows."""

    table = "table"
    csv = "csv"
    json = "json"


def one_line(text: str) -> str:
    """Collapse a message to one line.

    >>> one_line("bad query\\n  at line 2")
    'bad query; at line 2'
    """
    return _SPACES.sub("; ", text.strip())


def error_message(err: BaseException) -> str:
    """The user-facing message of an error: what failed and where, on one line.

    >>> error_message(FileNotFoundError(2, "No such file or directory", "g.trig"))
    'g.trig: No such file or directory'
    """
    if isinstance(err, OSError) and not isinstance(err, KGError) and err.strerror:
        where = err.filename if err.filename is not None else ""
        return one_line(f"{where}: {err.strerror}" if where else err.strerror)
    return one_line(str(err) or type(err).__name__)


def report_error(command: str | None, err: BaseException) -> None:
    """Print ``kg <command>: error: <message>`` on stderr."""
    prefix = f"kg {command}" if command else "kg"
    typer.echo(f"{prefix}: error: {error_message(err)}", err=True)


def run_guarded(ctx: Any, invoke: Callable[[], Any]) -> Any:
    """Call ``invoke()`` and turn errors into one line and an exit code (see module doc).

    Args:
        ctx: The group's (typer) context; ``ctx.invoked_subcommand`` names the command.
        invoke: The callable that runs the command.

    Returns:
        What ``invoke`` returned.
    """
    try:
        return invoke()
    except _CONTROL_FLOW:
        raise
    except BrokenPipeError:  # `kg facts g.trig | head`: stop quietly
        _silence_stdout()
        ctx.exit(EXIT_BUG)
    except (KGError, OSError) as err:
        log.debug("%s failed", ctx.invoked_subcommand, exc_info=True)
        report_error(ctx.invoked_subcommand, err)
        ctx.exit(EXIT_ERROR)
    except Exception as err:  # a bug: still one line, traceback with -vv
        log.debug("%s crashed", ctx.invoked_subcommand, exc_info=True)
        report_error(ctx.invoked_subcommand,
                     RuntimeError(f"internal error: {type(err).__name__}: {error_message(err)} "
                                  "(run with -vv for the traceback and please report it)"))
        ctx.exit(EXIT_BUG)


def _silence_stdout() -> None:
    try:
        sys.stdout = open("/dev/null", "w")  # noqa: SIM115 - interpreter shutdown flushes it
    except OSError:
        pass


class _EchoHandler(logging.Handler):
    """Log records as ``kg: warning: message`` on the *current* stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            if record.exc_info and record.levelno <= logging.DEBUG:
                message += "\n" + logging.Formatter().formatException(record.exc_info)
            typer.echo(f"kg: {record.levelname.lower()}: {message}", err=True)
        except Exception:  # noqa: BLE001  # pragma: no cover - logging must never raise
            self.handleError(record)


class _DropReportedSkips(logging.Filter):
    """Drop the pipeline's warnings about skipped inputs: ``kg build`` reports those itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == "kg.pipeline" and record.args
                    and isinstance(record.args, tuple) and isinstance(record.args[0], InputError))


def configure_logging(verbosity: int) -> Callable[[], None]:
    """Send aikg's log records to stderr: warnings by default, ``-v`` info, ``-vv`` debug.

    Args:
        verbosity: How many ``-v`` were given.

    Returns:
        A function that undoes the set-up (the CLI calls it when the command ends, so that
        running commands in-process, as the tests do, leaves logging as it was).
    """
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    logger = logging.getLogger("kg")
    previous = logger.level
    handler = _EchoHandler(level)
    handler.addFilter(_DropReportedSkips())
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > level:
        logger.setLevel(level)

    def restore() -> None:
        logger.removeHandler(handler)
        logger.setLevel(previous)

    return restore


def parse_params(values: Sequence[str] | None) -> dict[str, str]:
    """``["k=v", ...]`` → ``{"k": "v"}``.

    Raises:
        typer.BadParameter: A value has no ``=`` or an empty name.

    >>> parse_params(["entity=OpenAI", "year=2024"])
    {'entity': 'OpenAI', 'year': '2024'}
    """
    params: dict[str, str] = {}
    for value in values or ():
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(f"expected NAME=VALUE, got {value!r}", param_hint="--param")
        params[name.strip()] = text
    return params


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}" if not value.is_integer() or abs(value) < 1 else f"{value:.0f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def format_rows(rows: Sequence[Mapping[str, Any]], fmt: TableFormat | str,
                columns: Sequence[str] | None = None) -> str:
    """Rows of dicts as a text table, CSV or JSON.

    Args:
        rows: The rows; columns default to the keys of the first row, in order.
        fmt: ``table``, ``csv`` or ``json``.
        columns: The columns to show, in order.

    Returns:
        The text, ending in a newline (empty rows give an empty table or ``[]``).

    >>> print(format_rows([{"name": "OpenAI", "pagerank": 0.25}], "csv"), end="")
    name,pagerank
    OpenAI,0.25
    """
    fmt = TableFormat(fmt)
    cols = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    if fmt is TableFormat.json:
        return json.dumps([{c: row.get(c) for c in cols} for row in rows],
                          ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt is TableFormat.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(cols)
        for row in rows:
            writer.writerow(["; ".join(map(str, v)) if isinstance(v, (list, tuple))
                             else ("" if v is None else v) for v in (row.get(c) for c in cols)])
        return buffer.getvalue()
    return _text_table(rows, cols)


def _text_table(rows: Sequence[Mapping[str, Any]], cols: Sequence[str]) -> str:
    """A plain aligned table (rich renders it; no colour, so it pipes cleanly)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for col in cols:
        numeric = any(isinstance(row.get(col), (int, float)) and not isinstance(row.get(col), bool)
                      for row in rows)
        table.add_column(col, justify="right" if numeric else "left", overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in cols))
    buffer = io.StringIO()
    Console(file=buffer, width=200, color_system=None, soft_wrap=False).print(table)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def echo_block(text: str) -> None:
    """Print a block of text on stdout, ending it with exactly one newline."""
    typer.echo(text.rstrip("\n"))


def write_output(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output`` (UTF-8), or to stdout when ``output`` is ``None``."""
    if output is None:
        typer.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")


def jsonl(records: Iterable[Mapping[str, Any]]) -> str:
    """Records as JSON lines, non-ASCII kept as is.

    >>> jsonl([{"subject": "Mistral AI", "amount": 600000000}])
    '{"subject": "Mistral AI", "amount": 600000000}\\n'
    """
    return "".join(json.dumps(dict(r), ensure_ascii=False, default=str) + "\n" for r in records)
