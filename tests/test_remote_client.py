"""kg.remote without a server: URL checks, prefixes, query forms, errors, push arguments."""

from __future__ import annotations

from pathlib import Path

import pytest
from servers import free_port

from kg.errors import GraphError, QueryError
from kg.query import run_query
from kg.remote import Endpoint, RemoteError, push
from kg.remote.client import query_form
from kg.remote.query import with_prefixes

DATA = Path(__file__).parent / "data"


def test_remote_client_rejects_non_http_urls() -> None:
    with pytest.raises(RemoteError, match="not an http"):
        Endpoint("ftp://example.org/sparql")


def test_remote_client_store_url_is_beside_the_endpoint() -> None:
    assert Endpoint("http://127.0.0.1:7878/query").store_url == "http://127.0.0.1:7878/store"
    assert Endpoint("http://h:1/ds/sparql").store_url == "http://h:1/ds/store"


@pytest.mark.parametrize(("sparql", "form"), [
    ("SELECT * { ?s ?p ?o }", "SELECT"),
    ("prefix a: <urn:a#> ask { ?s a:p 'SELECT' }", "ASK"),
    ("# SELECT\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("DESCRIBE <urn:x>", "DESCRIBE"),
])
def test_remote_client_query_form(sparql: str, form: str) -> None:
    assert query_form(sparql) == form


def test_remote_client_declares_only_missing_used_prefixes() -> None:
    text = with_prefixes("PREFIX aikg: <urn:mine#> SELECT * { ?f aikg:x ?e . ?e rdfs:label ?l }")
    assert text.splitlines()[0] == "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"
    assert text.count("PREFIX aikg:") == 1


def test_remote_client_guard_runs_before_any_request() -> None:
    closed = f"http://127.0.0.1:{free_port()}/sparql"  # nothing listens: a request would fail
    with pytest.raises(QueryError, match="read-only: SERVICE"):
        run_query(None, "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", endpoint=closed)


def test_remote_client_connection_refused_says_so() -> None:
    closed = f"http://127.0.0.1:{free_port()}/sparql"
    with pytest.raises(RemoteError, match="connection refused"):
        run_query(Endpoint(closed, timeout=5), "ASK { ?s ?p ?o }")


def test_remote_push_needs_named_graphs(tmp_path: Path) -> None:
    flat = tmp_path / "flat.nt"
    flat.write_text("<urn:s> <urn:p> <urn:o> .\n", encoding="utf-8")
    with pytest.raises(GraphError, match="no named graph"):
        push(flat, f"http://127.0.0.1:{free_port()}/sparql", discover=False)
