"""``kg push``, ``kg query --endpoint`` and ``kg serve`` against real servers on loopback.

Oxigraph (from PyPI) and Virtuoso (Debian's package) are started by the fixtures of
``tests/servers.py``, each in its own temporary folder, and stopped after the module; ``kg
serve`` runs as a real subprocess. A missing server program fails with the command that
installs it; ``bash .ci/run`` installs both.
"""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from servers import kg_serve, oxigraph_server, virtuoso_server
from typer.testing import CliRunner

from kg.cli.main import app
from kg.query import named_queries
from kg.remote import Endpoint, fetch_dataset, push
from kg.remote.fetch import graph_sizes
from kg.render import external_references

pytestmark = pytest.mark.integration

DATA = Path(__file__).parent / "data"
SEED = DATA / "corpus" / "00-microsoft-openai-alliance.txt"
FIXTURE = DATA / "query_fixture.trig"
#: Columns that are GROUP_CONCATs: engines concatenate in any order.
CONCATENATED = {"sources", "aliases", "relations"}
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _kg(*args: str | Path) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "seed.trig"
    _kg("build", SEED, "-o", out)
    return out


@pytest.fixture(scope="module")
def local(seed: Path) -> ox.Store:
    """What the servers hold after the pushes of this module: the seed and the fixture."""
    store = ox.Store()
    for path in (seed, FIXTURE):
        store.load(path=str(path), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
           seed: Path) -> Iterator[tuple[str, str]]:
    """(name, query endpoint URL) of a running server holding the seed and the fixture."""
    start = oxigraph_server if request.param == "oxigraph" else virtuoso_server
    with start(tmp_path_factory.mktemp(request.param)) as url:
        for graph in (seed, FIXTURE):
            _kg("push", graph, "--endpoint", url)
        yield request.param, url


def _normalised(rows: list[tuple[Any, ...]], columns: list[str]) -> list[tuple[Any, ...]]:
    """Rows with engine-dependent details evened out: an empty GROUP_CONCAT is "" or unbound,
    and its parts come in any order."""
    out = []
    for row in rows:
        cells = []
        for name, value in zip(columns, row):
            if value is None:
                value = ""
            if name in CONCATENATED and isinstance(value, str):
                value = ", ".join(sorted(value.split(", ")))
            cells.append(value)
        out.append(tuple(cells))
    return out


def _triples(path: Path) -> int:
    return sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TRIG))


def _get(url: str, headers: dict[str, str] | None = None, data: bytes | None = None
         ) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with _DIRECT.open(request, timeout=60) as answer:
            return answer.status, dict(answer.headers.items()), answer.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers.items()), err.read()


def _query_url(base: str, sparql: str) -> str:
    return base + "sparql?" + urllib.parse.urlencode({"query": sparql})


# --------------------------------------------------------------------------- push + query


def test_remote_push_method_per_server(server: tuple[str, str], seed: Path) -> None:
    name, url = server
    report = push(seed, url)
    assert (report.method, report.graphs) == ({"oxigraph": "gsp", "virtuoso": "update"}[name], 1)


def test_remote_query_investments_same_rows_as_local(server: tuple[str, str],
                                                     tmp_path: Path, seed: Path) -> None:
    _, url = server
    local_graph = tmp_path / "both.nq"
    store = ox.Store()
    for path in (seed, FIXTURE):
        store.load(path=str(path), format=ox.RdfFormat.TRIG)
    store.dump(output=str(local_graph), format=ox.RdfFormat.N_QUADS)
    remote = _kg("query", "--endpoint", url, "investments", "--format", "csv")
    assert remote == _kg("query", local_graph, "investments", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(remote)))
    assert {("Microsoft", "OpenAI", "13000000000"), ("Microsoft", "OpenAI", "1000000000")} <= {
        (r["investor"], r["investee"], r["amount_usd"]) for r in rows}


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_remote_named_query_same_rows_as_local(server: tuple[str, str], local: ox.Store,
                                               name: str) -> None:
    _, url = server
    query = named_queries()[name]
    params = {"entity": "OpenAI"} if any(p.required for p in query.params) else {}
    here = query.run(local, **params)
    there = query.run(Endpoint(url), **params)
    assert there.variables == here.variables
    assert _normalised(there.rows, there.variables) == _normalised(here.rows, here.variables)


def test_remote_push_twice_same_triples(server: tuple[str, str], seed: Path,
                                        local: ox.Store) -> None:
    _, url = server
    before = graph_sizes(url)
    push(seed, url)
    push(seed, url)
    assert graph_sizes(url) == before
    expected = {g.value: sum(1 for _ in local.quads_for_pattern(None, None, None, g))
                for g in local.named_graphs()}
    assert before == expected


def test_remote_push_by_update_in_chunks_is_idempotent(server: tuple[str, str],
                                                       seed: Path) -> None:
    name, url = server
    update_url = url.replace("/query", "/update") if name == "oxigraph" else url
    before = graph_sizes(url)
    report = push(seed, Endpoint(update_url), discover=False, chunk=50)
    assert report.method == "update" and report.requests == -(-_triples(seed) // 50)
    assert graph_sizes(url) == before


def test_remote_push_to_an_explicit_graph_store(server: tuple[str, str], seed: Path) -> None:
    name, url = server
    store = {"oxigraph": url.replace("/query", "/store"),
             "virtuoso": url.replace("/sparql", "/sparql-graph-crud")}[name]
    before = graph_sizes(url)
    out = _kg("push", seed, "--endpoint", url, "--gsp", store)
    assert out.startswith(f"pushed 1 graph, {_triples(seed)} triples to {store} by Graph Store")
    assert graph_sizes(url) == before


def test_remote_push_from_a_store(server: tuple[str, str], seed: Path, tmp_path: Path) -> None:
    _, url = server
    _kg("build", SEED, "--store", tmp_path / "graph.db")
    before = graph_sizes(url)
    out = _kg("push", "--store", tmp_path / "graph.db", "--endpoint", url)
    assert out.startswith(f"pushed 1 graph, {_triples(seed)} triples to ")
    assert graph_sizes(url) == before


def test_remote_facts_same_as_local(server: tuple[str, str], local: ox.Store,
                                    tmp_path: Path) -> None:
    from kg.rdf import fact_records, load_graph

    _, url = server
    path = tmp_path / "local.nq"
    local.dump(output=str(path), format=ox.RdfFormat.N_QUADS)

    def key(record: dict[str, Any]) -> str:
        return json.dumps(record, sort_keys=True, ensure_ascii=False)

    fetched = sorted(map(key, fact_records(fetch_dataset(url))))
    assert fetched == sorted(map(key, fact_records(load_graph(path))))


def test_remote_cli_facts_over_endpoint(server: tuple[str, str], seed: Path) -> None:
    _, url = server
    remote = set(_kg("facts", "--endpoint", url).splitlines())
    assert set(_kg("facts", seed).splitlines()) <= remote


def test_remote_query_refuses_updates_before_sending(server: tuple[str, str]) -> None:
    _, url = server
    result = CliRunner().invoke(app, ["query", "--endpoint", url,
                                      "INSERT DATA { <urn:a> <urn:b> <urn:c> }"])
    assert result.exit_code == 2 and "read-only" in result.stderr


def test_remote_unreachable_endpoint_is_one_line_error() -> None:
    from servers import free_port

    url = f"http://127.0.0.1:{free_port()}/sparql"
    result = CliRunner().invoke(app, ["query", "--endpoint", url, "investments"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "connection refused" in result.stderr


# --------------------------------------------------------------------------- kg serve


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, seed: Path) -> Iterator[tuple[str, int]]:
    """``kg serve seed.trig --limit 5 --timeout 1``: (base URL, pid)."""
    with kg_serve(seed, "--limit", "5", "--timeout", "1",
                  folder=tmp_path_factory.mktemp("serve")) as running:
        yield running


def test_serve_answers_investments_as_local(served: tuple[str, int], seed: Path) -> None:
    base, _ = served
    remote = _kg("query", "--endpoint", base + "sparql", "investments", "--format", "csv")
    assert remote == _kg("query", seed, "investments", "--format", "csv")


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_serve_answers_named_query(served: tuple[str, int], seed: Path, name: str) -> None:
    base, _ = served
    query = named_queries()[name]
    params = {"entity": "OpenAI"} if any(p.required for p in query.params) else {}
    here = query.run(str(seed), **params)
    there = query.run(Endpoint(base + "sparql"), **params)
    assert there.variables == here.variables
    assert _normalised(there.rows, there.variables) == _normalised(here.rows[:5], here.variables)


def test_serve_protocol_forms_agree(served: tuple[str, int]) -> None:
    base, _ = served
    sparql = "SELECT (COUNT(*) AS ?n) WHERE { ?f a aikg:Investment }"
    by_get = _get(_query_url(base, sparql), {"Accept": "application/sparql-results+json"})
    by_form = _get(base + "sparql", {"Content-Type": "application/x-www-form-urlencoded"},
                   urllib.parse.urlencode({"query": sparql}).encode())
    by_body = _get(base + "sparql", {"Content-Type": "application/sparql-query"},
                   sparql.encode())
    bodies = {json.loads(answer[2])["results"]["bindings"][0]["n"]["value"]
              for answer in (by_get, by_form, by_body)}
    assert [a[0] for a in (by_get, by_form, by_body)] == [200, 200, 200] and bodies == {"2"}


@pytest.mark.parametrize(("accept", "media"), [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("*/*", "application/sparql-results+json"),
])
def test_serve_select_formats(served: tuple[str, int], accept: str, media: str) -> None:
    base, _ = served
    status, headers, body = _get(_query_url(base, "SELECT ?l WHERE { entity:openai rdfs:label ?l }"),
                                 {"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(media)
    assert b"OpenAI" in body


def test_serve_construct_as_ntriples(served: tuple[str, int]) -> None:
    base, _ = served
    status, headers, body = _get(
        _query_url(base, "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a aikg:Company ; rdfs:label ?l }"),
        {"Accept": "application/n-triples"})
    triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    assert 0 < len(triples) <= 5


def test_serve_refuses_updates_with_403(served: tuple[str, int]) -> None:
    base, _ = served
    insert = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    answers = [
        _get(base + "sparql", {"Content-Type": "application/x-www-form-urlencoded"},
             urllib.parse.urlencode({"update": insert}).encode()),
        _get(base + "sparql", {"Content-Type": "application/sparql-update"}, insert.encode()),
        _get(_query_url(base, insert)),
    ]
    for status, _, body in answers:
        assert status == 403 and body.decode().startswith("read-only")
        assert body.decode().count("\n") == 1
    count = _get(_query_url(base, "ASK { <urn:a> <urn:b> <urn:c> }"))
    assert json.loads(count[2])["boolean"] is False


def test_serve_refuses_service_with_400(served: tuple[str, int]) -> None:
    base, _ = served
    status, _, body = _get(_query_url(
        base, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"))
    assert status == 400 and b"SERVICE" in body


def test_serve_truncates_at_the_limit(served: tuple[str, int]) -> None:
    base, _ = served
    status, headers, body = _get(_query_url(base, "SELECT * WHERE { ?s ?p ?o }"),
                                 {"Accept": "application/sparql-results+json"})
    assert status == 200 and headers.get("X-Result-Truncated") == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 5
    small = _get(_query_url(base, "SELECT ?l WHERE { entity:openai rdfs:label ?l }"))
    assert "X-Result-Truncated" not in small[1] and small[1]["X-Result-Limit"] == "5"


def test_serve_times_out_a_slow_query_then_recovers(served: tuple[str, int]) -> None:
    import time

    base, _ = served
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    status, _, body = _get(_query_url(base, slow))
    assert status == 503 and b"longer than 1 s" in body
    assert time.monotonic() - started < 10
    for _ in range(3):  # the killed worker's replacement takes over
        assert _get(_query_url(base, "ASK { ?s ?p ?o }"))[0] == 200


def test_serve_page_at_root_is_offline(served: tuple[str, int]) -> None:
    base, _ = served
    status, headers, body = _get(base)
    html = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "vis.Network(" in html and external_references(html) == []
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)


def test_serve_binds_loopback_by_default(served: tuple[str, int]) -> None:
    base, _ = served
    host_port = urllib.parse.urlsplit(base)
    assert host_port.hostname == "127.0.0.1"
    listening = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, port = local.split(":")
        if state == "0A" and int(port, 16) == host_port.port:  # 0A: LISTEN
            listening.add(address)
    assert listening == {"0100007F"}  # 127.0.0.1, little-endian hex


def test_serve_unknown_path_and_method(served: tuple[str, int]) -> None:
    base, _ = served
    assert _get(base + "nope")[0] == 404
    request = urllib.request.Request(base + "sparql", data=b"x", method="PUT")
    try:
        _DIRECT.open(request, timeout=10)
        status = 200
    except urllib.error.HTTPError as err:
        status = err.code
    assert status == 403


def test_serve_a_store_in_place(tmp_path: Path, seed: Path) -> None:
    store = tmp_path / "graph.db"
    _kg("build", SEED, "--store", store)
    with kg_serve("--store", store, folder=tmp_path / "serve") as (base, _):
        remote = _kg("query", "--endpoint", base + "sparql", "investments", "--format", "csv")
    assert remote == _kg("query", seed, "investments", "--format", "csv")
