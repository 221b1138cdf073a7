"""kg.rdf.store: one writer at a time (a real second process holds the lock); readers alongside."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import kg
from kg.query import run_query
from kg.rdf.store import StoreBusyError, add_extraction, writing
from kg.types import Article, Entity, Extraction

#: A writer in another process: holds the store open and locked until its stdin closes.
HOLDER = """
import sys
from kg.rdf.store import writing
with writing(sys.argv[1]):
    print("locked", flush=True)
    sys.stdin.readline()
"""


def child_env() -> dict[str, str]:
    """The environment of a child Python that imports this same ``kg``."""
    return {**os.environ, "PYTHONPATH": str(Path(kg.__file__).resolve().parent.parent)}


@pytest.fixture
def held(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    folder = tmp_path / "store"
    with writing(folder) as store:
        add_extraction(store, Extraction(Article.from_text("OpenAI news.", key="a"),
                                         entities=(Entity("openai", "OpenAI", "Company"),)))
    del store  # RocksDB closes with the last reference; the child opens it next
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], env=child_env(),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        yield folder, proc
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait()


def test_store_lock_refuses_a_second_writer(held: tuple[Path, subprocess.Popen[str]]) -> None:
    folder, proc = held
    with pytest.raises(StoreBusyError) as caught, writing(folder):
        pass
    assert caught.value.pid == proc.pid
    assert str(caught.value) == (f"store {folder} is being written by another process "
                                 f"(pid {proc.pid}); try again when it finishes")


def test_store_lock_lets_readers_query_while_written(
        held: tuple[Path, subprocess.Popen[str]]) -> None:
    folder, _ = held
    assert run_query(str(folder), "ASK { ?e rdfs:label 'OpenAI' }").boolean is True


def test_store_lock_is_released_when_the_writer_ends(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    proc = subprocess.run([sys.executable, "-c", HOLDER, str(folder)], env=child_env(),
                          input="\n", capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "locked"
    with writing(folder):
        assert (folder / "aikg.lock").read_text().strip() == str(os.getpid())
