"""Real SPARQL servers on loopback for the ``@pytest.mark.integration`` tests (imported as
``servers``).

- :func:`oxigraph_server`: the ``oxigraph`` server from PyPI (``pip install oxigraph``, in the
  ``test`` extra), ``oxigraph serve --location DIR --bind 127.0.0.1:PORT``;
- :func:`virtuoso_server`: Debian's ``virtuoso-opensource``, a private instance with its own
  ``virtuoso.ini`` (the package's, with free ports and every file in a temporary folder),
  the anonymous ``SPARQL`` user granted ``SPARQL_UPDATE``;
- :func:`kg_serve`: ``kg serve`` itself, as a subprocess on a port it picks (``--port 0``).

A missing server program fails the test with the command that installs it (``bash .ci/run``
installs both): these tests are never skipped. Every server is stopped, by its own process,
when its ``with`` block ends.
"""

from __future__ import annotations

import configparser
import glob
import os
import select
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import kg

#: Seconds a server may take to answer after it starts (Virtuoso makes a database first).
START_TIMEOUT = 120.0
VIRTUOSO_PASSWORD = "dba"  # a fresh Virtuoso database's dba password


def free_port() -> int:
    """A TCP port nothing listens on at the moment, on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fail_missing(program: str, how: str) -> None:
    pytest.fail(f"{program} is not installed; {how} (bash .ci/run installs it)", pytrace=False)


def _wait_http(url: str, process: subprocess.Popen[bytes], log: Path,
               timeout: float = START_TIMEOUT) -> None:
    """Poll ``url`` until it answers 200, failing if the process exits first."""
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with status {process.returncode} before answering; "
                        f"its log:\n{_tail(log)}", pytrace=False)
        try:
            with opener.open(url, timeout=5) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    pytest.fail(f"no answer from {url} within {timeout:g} s; the server's log:\n{_tail(log)}",
                pytrace=False)


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _stop(process: subprocess.Popen[bytes], grace: float = 30.0) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# --------------------------------------------------------------------------- Oxigraph


def oxigraph_program() -> str:
    """The ``oxigraph`` server program (beside this Python, or on PATH)."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if found is None:
        _fail_missing("the oxigraph server", "pip install oxigraph (or pip install '.[test]')")
    return found  # type: ignore[return-value]


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    """Run ``oxigraph serve`` on a free loopback port; yields its query endpoint URL
    (``http://127.0.0.1:PORT/query``; the graph store is ``/store``, updates ``/update``)."""
    program = oxigraph_program()
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = folder / "oxigraph.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [program, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_http(f"{base}/query?query=ASK%7B%7D", process, log)
        yield f"{base}/query"
    finally:
        _stop(process)


# --------------------------------------------------------------------------- Virtuoso


def virtuoso_programs() -> tuple[str, str, str]:
    """``virtuoso-t``, ``isql-vt`` and the package's ``virtuoso.ini``."""
    server = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
    isql = shutil.which("isql-vt") or "/usr/bin/isql-vt"
    templates = sorted(glob.glob("/etc/virtuoso-opensource-*/virtuoso.ini"))
    if not (os.access(server, os.X_OK) and os.access(isql, os.X_OK) and templates):
        _fail_missing("Virtuoso", "apt-get install virtuoso-opensource")
    return server, isql, templates[-1]


def virtuoso_ini(template: str, folder: Path, sql_port: int, http_port: int) -> str:
    """The package's ``virtuoso.ini`` with its files in ``folder`` and loopback ports."""
    ini = configparser.ConfigParser(strict=False, interpolation=None,
                                    inline_comment_prefixes=(";",), comment_prefixes=(";", "#"))
    ini.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    ini.read(template)
    where = str(folder)
    ini["Database"].update(
        DatabaseFile=f"{where}/virtuoso.db", ErrorLogFile=f"{where}/virtuoso.log",
        LockFile=f"{where}/virtuoso.lck", TransactionFile=f"{where}/virtuoso.trx",
        xa_persistent_file=f"{where}/virtuoso.pxa")
    ini["TempDatabase"].update(DatabaseFile=f"{where}/virtuoso-temp.db",
                               TransactionFile=f"{where}/virtuoso-temp.trx")
    ini["Parameters"].update(ServerPort=f"127.0.0.1:{sql_port}", DirsAllowed=f"., {where}",
                             NumberOfBuffers="10000", MaxDirtyBuffers="6000")
    ini["HTTPServer"]["ServerPort"] = f"127.0.0.1:{http_port}"
    if ini.has_section("Plugins"):  # hosting plugins are not needed for SPARQL
        ini.remove_section("Plugins")
    path = folder / "virtuoso.ini"
    with path.open("w") as out:
        ini.write(out)
    return str(path)


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[str]:
    """Run a private Virtuoso on free loopback ports; yields ``http://127.0.0.1:PORT/sparql``.

    The anonymous ``SPARQL`` user may update (``grant SPARQL_UPDATE``), as ``kg push`` needs.
    """
    server, isql, template = virtuoso_programs()
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = virtuoso_ini(template, folder, sql_port, http_port)
    log = folder / "virtuoso.log"
    with (folder / "stdout.log").open("wb") as out:
        process = subprocess.Popen([server, "+configfile", ini, "+foreground"], cwd=folder,
                                   stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    try:
        endpoint = f"http://127.0.0.1:{http_port}/sparql"
        _wait_http(endpoint + "?query=ASK%7B%7D", process, log)
        grant = subprocess.run(
            [isql, f"127.0.0.1:{sql_port}", "dba", VIRTUOSO_PASSWORD,
             'exec=grant SPARQL_UPDATE to "SPARQL";'],
            capture_output=True, text=True, timeout=60, check=False)
        if grant.returncode != 0 or "Error" in grant.stdout + grant.stderr:
            pytest.fail(f"isql could not grant SPARQL_UPDATE: {grant.stdout}{grant.stderr}",
                        pytrace=False)
        yield endpoint
    finally:
        _stop(process)


# --------------------------------------------------------------------------- kg serve


def kg_command() -> list[str]:
    """How to run ``kg`` as a process with the same ``kg`` these tests import."""
    return [sys.executable, "-m", "kg.cli.main"]


def kg_env() -> dict[str, str]:
    """The environment for a ``kg`` process: the folder holding the imported ``kg`` first."""
    env = dict(os.environ)
    root = str(Path(kg.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


@contextmanager
def kg_serve(*arguments: str | Path, folder: Path) -> Iterator[tuple[str, int]]:
    """Run ``kg serve ARGUMENTS... --port 0``; yields its base URL (ending in ``/``) and its
    process id."""
    log = folder / "kg-serve.log"
    folder.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as err:
        process = subprocess.Popen([*kg_command(), "serve", *map(str, arguments), "--port", "0"],
                                   stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL,
                                   env=kg_env())
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT)
        line = process.stdout.readline().decode() if ready else ""
        if " at http://" not in line:
            _stop(process)
            pytest.fail(f"kg serve did not start: {line!r}; its log:\n{_tail(log)}",
                        pytrace=False)
        url = line.split(" at ", 1)[1].split()[0]  # http://127.0.0.1:PORT/sparql
        yield url.removesuffix("sparql"), process.pid
    finally:
        if process.poll() is None:
            process.terminate()  # SIGTERM: the server stops its workers, removes its files
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()
