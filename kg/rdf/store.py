"""A persistent on-disk graph: a pyoxigraph (RocksDB) store in a folder, one named graph per article.

For anything beyond a small file, ``kg build --store DIR`` writes here instead of a TriG file.
The folder is a plain pyoxigraph store (``pyoxigraph.Store(DIR)`` opens it, and so does
``oxigraph serve --location DIR``) plus a lock file, :data:`LOCK_FILE`.

One writer at a time: :func:`writing` takes an exclusive, non-blocking ``flock`` on the lock
file (and writes its pid there), so a second writer fails at once with :class:`StoreBusyError`
naming the first one's pid. Readers do not lock: :func:`open_store` opens the store read-only
alongside a writer and sees what was committed when it opened.

:func:`add_extraction` replaces one article's graph in two steps (drop the graph, then add the
new one in one transaction). Builds write through a :class:`BatchWriter`, 100 articles at a
time and twice as fast: the quads are bulk-loaded and each article's content hash, the mark of
an article done, is written last; an interrupted build can leave part of an article, never
marked as done, and building again puts it back whole because its content hash is missing.

>>> import tempfile
>>> from kg.types import Article, Entity, Extraction, Fact
>>> folder = tempfile.mkdtemp()
>>> ex = Extraction(Article.from_text("Microsoft invested $1 billion in OpenAI.", key="demo"),
...                 entities=(Entity("microsoft", "Microsoft", "Company"),
...                           Entity("openai", "OpenAI", "Company")),
...                 facts=(Fact("Microsoft", "invests_in", "OpenAI", amount_usd=1e9),))
>>> with writing(folder) as store:
...     _ = add_extraction(store, ex)
>>> store = open_store(folder)
>>> article_keys(store), has_article(store, "demo", ex.article.content_hash)
(['demo'], True)
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.errors import GraphError

if TYPE_CHECKING:
    from rdflib import Dataset

    from kg.types import Extraction

log = logging.getLogger(__name__)

__all__ = [
    "FLUSH_EVERY_ARTICLES", "LOCK_FILE", "BatchWriter", "StoreBusyError", "add_extraction", "add_nquads", "add_nquads_to_dataset",
    "article_hash",
    "article_keys", "extraction_nquads", "extraction_quads", "find_articles", "has_article",
    "is_store", "open_store", "remove_article", "to_dataset", "write_article", "writing",
]

#: The lock file a writer holds (``flock``) inside the store folder; it holds the writer's pid.
LOCK_FILE = "aikg.lock"

#: A build flushes the store after this many articles. RocksDB otherwise keeps writes in
#: memtables (one per index) until they are large: measured on 4,000 articles of 250 quads,
#: RSS climbed to 740 MB without flushes, and stayed under 100 MB flushing every 100.
FLUSH_EVERY_ARTICLES = 100

_ARTICLE_NS = "https://w3id.org/aikg/id/article/"
_AIKG = "https://w3id.org/aikg/ontology#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_ARTICLE = ox.NamedNode(_AIKG + "Article")
_CONTENT_HASH = ox.NamedNode(_AIKG + "contentHash")
_PATH = ox.NamedNode(_AIKG + "path")
_URL = ox.NamedNode("https://schema.org/url")
_ANY_URI = ox.NamedNode("http://www.w3.org/2001/XMLSchema#anyURI")


class StoreBusyError(GraphError):
    """Another process is writing the store; ``pid`` is its process id when known."""

    def __init__(self, path: str | Path, pid: int | None) -> None:
        self.path = str(path)
        self.pid = pid
        who = f"pid {pid}" if pid is not None else "pid unknown"
        super().__init__(f"store {path} is being written by another process ({who}); "
                         "try again when it finishes")


# --------------------------------------------------------------------------- opening


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a folder holding a pyoxigraph store.

    >>> import tempfile
    >>> is_store(tempfile.mkdtemp())
    False
    """
    return (Path(path) / "CURRENT").is_file()


def open_store(path: str | Path, *, read_only: bool = True) -> ox.Store:
    """Open the store in the folder ``path``.

    Args:
        path: the store folder.
        read_only: open read-only (the default; safe while another process writes). A
            writable store is created when the folder is missing or empty; prefer
            :func:`writing`, which also takes the writer's lock.

    Returns:
        The store.

    Raises:
        GraphError: there is no store at ``path`` (read-only), the folder holds something
            else, or RocksDB cannot open it.
    """
    path = Path(path)
    if read_only:
        if not is_store(path):
            what = "no such folder" if not path.exists() else "not an aikg store"
            raise GraphError(f"{path}: {what}; build one with `kg build --store {path} ARTICLES`")
        try:
            return ox.Store.read_only(str(path))
        except OSError as err:
            raise GraphError(f"{path}: cannot open the store: {_one_line(err)}") from err
    _check_writable(path)
    try:
        return ox.Store(str(path))
    except OSError as err:
        raise GraphError(f"{path}: cannot open the store for writing: {_one_line(err)}") from err


def _check_writable(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise GraphError(f"{path}: is a file, not a store folder")
    if path.is_dir() and not is_store(path) and any(
            p.name != LOCK_FILE for p in path.iterdir()):
        raise GraphError(f"{path}: the folder is not empty and is not an aikg store; "
                         "give a new or empty folder to --store")


@contextmanager
def write_lock(path: str | Path) -> Iterator[None]:
    """Hold the store's writer lock (non-blocking) for the ``with`` block.

    Raises:
        StoreBusyError: another process holds it.
    """
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    fd = os.open(path / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise StoreBusyError(path, _read_pid(fd)) from err
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _read_pid(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 32, 0).decode().strip())
    except (OSError, ValueError):
        return None


@contextmanager
def writing(path: str | Path) -> Iterator[ox.Store]:
    """Lock the store folder ``path`` for writing and open it (created when missing).

    The store is flushed when the block ends; the lock is released even on error. RocksDB
    closes the store when the last reference to it goes: drop the ``as`` variable before
    opening the folder for writing again in the same process.

    Raises:
        StoreBusyError: another process is writing the store.
        GraphError: the folder is not a store (see :func:`open_store`).
    """
    _check_writable(Path(path))
    with write_lock(path):
        store = open_store(path, read_only=False)
        try:
            yield store
            store.flush()
        finally:
            del store  # RocksDB closes when the last reference goes


# --------------------------------------------------------------------------- articles


def _article_node(ref: str) -> ox.NamedNode:
    from kg.resolve.iri import article_iri

    return ox.NamedNode(ref if ref.startswith(_ARTICLE_NS) else str(article_iri(ref)))


def article_keys(store: ox.Store) -> list[str]:
    """The keys of the articles in ``store`` (their graph names after ``id:article/``), sorted.

    A key given back to :func:`has_article` or :func:`remove_article` finds its article.
    """
    return sorted(g.value[len(_ARTICLE_NS):] for g in store.named_graphs()
                  if isinstance(g, ox.NamedNode) and g.value.startswith(_ARTICLE_NS))


def article_hash(store: ox.Store, key: str) -> str | None:
    """The content hash stored for the article ``key`` (``Article.key`` or its slug), if any."""
    node = _article_node(key)
    for quad in store.quads_for_pattern(node, _CONTENT_HASH, None, node):
        if isinstance(quad.object, ox.Literal):
            return quad.object.value
    return None


def has_article(store: ox.Store, ref: str, content_hash: str | None = None) -> bool:
    """Whether ``store`` holds the article ``ref`` (its key, IRI, URL, path or content hash).

    With ``content_hash``, only when the stored article has that hash too (it is unchanged).
    """
    found = find_articles(store, ref)
    if content_hash is None:
        return bool(found)
    return any(article_hash(store, node.value) == content_hash for node in found)


def find_articles(store: ox.Store, ref: str) -> list[ox.NamedNode]:
    """The graphs of the articles ``ref`` names: by key (``Article.key`` or its slug), graph
    IRI, URL or path as recorded, else by content hash. Sorted, without duplicates."""
    found: set[ox.NamedNode] = set()
    node = _article_node(ref)
    if store.contains_named_graph(node):
        found.add(node)
    for prop, literal in ((_URL, ox.Literal(ref, datatype=_ANY_URI)), (_URL, ox.Literal(ref)),
                          (_PATH, ox.Literal(ref))):
        found.update(_graphs_with(store, prop, literal))
    if not found:
        found.update(_graphs_with(store, _CONTENT_HASH, ox.Literal(ref)))
    return sorted(found, key=lambda n: n.value)


def _graphs_with(store: ox.Store, prop: ox.NamedNode, value: ox.Literal) -> Iterator[ox.NamedNode]:
    for quad in store.quads_for_pattern(None, prop, value, None):
        graph = quad.graph_name
        if isinstance(graph, ox.NamedNode) and quad.subject == graph:
            yield graph


def remove_article(store: ox.Store, ref: str) -> list[str]:
    """Drop the graph of every article ``ref`` names (see :func:`find_articles`).

    Entities are described inside each article's graph, so an entity another article
    mentions stays, and one only this article mentioned disappears.

    Returns:
        The keys of the articles removed (empty when ``ref`` names none).
    """
    removed = []
    for node in find_articles(store, ref):
        store.remove_graph(node)
        removed.append(node.value[len(_ARTICLE_NS):])
    return removed


# --------------------------------------------------------------------------- writing


def extraction_quads(extraction: Extraction) -> tuple[ox.NamedNode, list[ox.Quad]]:
    """The article's named graph (as :func:`kg.rdf.convert.add_extraction` writes it) as quads.

    Returns:
        The graph name and its quads, sorted.
    """
    from kg.rdf.convert import article_triples
    from kg.rdf.io import _to_oxigraph

    iri, triples = article_triples(extraction)
    name = ox.NamedNode(str(iri))
    terms: dict[Any, Any] = {}

    def term(t: Any) -> Any:
        found = terms.get(t)
        if found is None:
            found = terms[t] = _to_oxigraph(t)
        return found

    quads = [ox.Quad(term(s), term(p), term(o), name) for s, p, o in triples]
    quads.sort(key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))
    return name, quads


def extraction_nquads(extraction: Extraction) -> str:
    """The article's named graph as N-Quads text, sorted (the same extraction, the same text)."""
    _, quads = extraction_quads(extraction)
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    return data.decode("utf-8") if data else ""


def add_extraction(store: ox.Store, extraction: Extraction) -> ox.NamedNode:
    """Write ``extraction`` as its article's named graph, replacing what ``store`` had there.

    Returns:
        The graph name (the article IRI).

    Raises:
        ValueError: as :func:`kg.rdf.convert.add_extraction`; the store is then unchanged.
    """
    name, quads = extraction_quads(extraction)
    _replace(store, name, quads)
    return name


def add_nquads(store: ox.Store, text: str | bytes) -> list[ox.NamedNode]:
    """Replace the graphs named in the N-Quads ``text`` by its quads (one article each, as
    :func:`extraction_nquads` writes them; dask workers send this).

    Returns:
        The graph names replaced, in order of first appearance.
    """
    quads = list(ox.parse(text, format=ox.RdfFormat.N_QUADS))
    names = list(dict.fromkeys(q.graph_name for q in quads
                               if isinstance(q.graph_name, ox.NamedNode)))
    for name in names:
        store.remove_graph(name)
    store.extend(quads)
    return names


def add_nquads_to_dataset(ds: Dataset, text: str | bytes) -> list[Any]:
    """:func:`add_nquads` for an rdflib ``Dataset`` (a build into a graph file on Dask).

    Returns:
        The graph names replaced (rdflib ``URIRef``), in order of first appearance.
    """
    import warnings

    from rdflib import URIRef

    from kg.rdf.io import to_rdflib_term as _to_rdflib

    quads = list(ox.parse(text, format=ox.RdfFormat.N_QUADS))
    names = list(dict.fromkeys(URIRef(q.graph_name.value) for q in quads
                               if isinstance(q.graph_name, ox.NamedNode)))
    with warnings.catch_warnings():  # rdflib's remove_graph uses its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        for name in names:
            ds.remove_graph(name)
    graphs = {name: ds.graph(name) for name in names}
    ds.addN((_to_rdflib(q.subject), _to_rdflib(q.predicate), _to_rdflib(q.object),
             graphs[URIRef(q.graph_name.value)]) for q in quads
            if isinstance(q.graph_name, ox.NamedNode))
    return names


def write_article(target: ox.Store | Dataset, made: Any) -> tuple[int, set[str]]:
    """Write one article's graph into a store or an rdflib dataset, replacing its old graph.

    Args:
        target: a ``pyoxigraph.Store`` or an rdflib ``Dataset``.
        made: an :class:`~kg.types.Extraction`, or a :class:`kg.cluster.ArticleGraph`
            (N-Quads made by a worker).

    Returns:
        The number of facts and the keys of the entities the article describes.

    Raises:
        ValueError: the extraction cannot be converted (see :func:`add_extraction`).
    """
    from kg.types import Extraction

    if isinstance(made, Extraction):
        if isinstance(target, ox.Store):
            add_extraction(target, made)
        else:
            from kg.rdf.convert import add_extraction as add_to_dataset

            add_to_dataset(target, made)
        return len(made.facts), {e.key for e in made.entities}
    if isinstance(target, ox.Store):
        add_nquads(target, made.nquads)
    else:
        add_nquads_to_dataset(target, made.nquads)
    return made.facts, set(made.entities)


class BatchWriter:
    """Writes article graphs into a store a batch at a time, about twice as fast as one
    transaction per article.

    Each batch first removes the graphs it replaces, then adds their quads with pyoxigraph's
    bulk loader, and only then, in a transaction, each article's content hash: the mark
    :func:`article_hash` reads to skip an unchanged article. The bulk loader gives no
    transactional guarantee, so a build stopped inside a batch can leave some graphs in part,
    but without their marks: the next build of the same articles writes them again.

    >>> import pyoxigraph as ox
    >>> from kg.types import Article, Extraction, Fact
    >>> store = ox.Store()
    >>> writer = BatchWriter(store)
    >>> article = Article.from_text("Microsoft invested in OpenAI.", key="demo")
    >>> facts, keys = writer.add(Extraction(article, facts=(Fact("Microsoft", "invests_in", "OpenAI"),)))
    >>> article_hash(store, "demo") is None  # not written yet
    True
    >>> writer.commit(); article_hash(store, "demo") == article.content_hash
    True
    """

    def __init__(self, store: ox.Store, batch: int = FLUSH_EVERY_ARTICLES) -> None:
        self.store = store
        self.batch = batch
        self._pending: dict[ox.NamedNode, list[ox.Quad]] = {}

    def add(self, made: Any) -> tuple[int, set[str]]:
        """Queue one article's graph (an :class:`~kg.types.Extraction`, or a
        :class:`kg.cluster.ArticleGraph` of N-Quads), replacing a queued or stored graph of
        the same name; writes the batch when it is full.

        Returns:
            The number of facts and the keys of the entities the article describes.

        Raises:
            ValueError: the extraction cannot be converted (see :func:`add_extraction`);
                nothing is queued then.
        """
        from kg.types import Extraction

        if isinstance(made, Extraction):
            name, quads = extraction_quads(made)
            self._pending[name] = quads
            counts: tuple[int, set[str]] = (len(made.facts), {e.key for e in made.entities})
        else:
            by_name: dict[ox.NamedNode, list[ox.Quad]] = {}
            for quad in ox.parse(made.nquads, format=ox.RdfFormat.N_QUADS):
                if isinstance(quad.graph_name, ox.NamedNode):
                    by_name.setdefault(quad.graph_name, []).append(quad)
            self._pending.update(by_name)
            counts = (made.facts, set(made.entities))
        if len(self._pending) >= self.batch:
            self.commit()
        return counts

    def commit(self) -> None:
        """Write the queued graphs (see the class documentation for the order)."""
        if not self._pending:
            return
        for name in self._pending:
            self.store.remove_graph(name)
        body = [q for quads in self._pending.values() for q in quads
                if q.predicate != _CONTENT_HASH]
        marks = [q for quads in self._pending.values() for q in quads
                 if q.predicate == _CONTENT_HASH]
        if body:
            self.store.bulk_extend(body)
        if marks:
            self.store.extend(marks)
        self._pending.clear()


def _replace(store: ox.Store, name: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
    store.remove_graph(name)
    store.extend(quads)


# --------------------------------------------------------------------------- reading


def to_dataset(store: ox.Store | str | Path) -> Dataset:
    """Copy a store (or the store in a folder) into an rdflib ``Dataset`` (for SHACL,
    rendering and centrality on graphs that fit in memory), with aikg's prefixes bound.

    Terms come back as :func:`kg.rdf.load_graph` makes them (canonical decimals, plain
    strings), so a store and a TriG file of the same build give isomorphic datasets.
    """
    from kg.rdf.convert import new_dataset
    from kg.rdf.io import add_oxigraph_quads

    if not isinstance(store, ox.Store):
        store = open_store(store)
    ds = new_dataset()
    add_oxigraph_quads(ds, store.quads_for_pattern(None, None, None, None))
    return ds


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__
