"""How fast articles go into the on-disk store, against an rdflib dataset, and with --jobs.

Generates synthetic articles (``benchmarks/synth.py``), extracts them once, then times
writing the same extractions (a) into an rdflib ``Dataset``, (b) into a pyoxigraph store on
disk (:func:`kg.rdf.store.add_extraction`), (c) as N-Quads text into a store (what the client
does with Dask workers' results), and (d) the whole build with ``--jobs 1`` and ``--jobs N``.

Usage::

    python benchmarks/bench_store.py --count 500 --jobs 2
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import generate

from kg.pipeline import build_articles
from kg.rdf import add_extraction as add_to_dataset
from kg.rdf import new_dataset
from kg.rdf.store import add_extraction, add_nquads, extraction_nquads, writing
from kg.types import Article


def _articles(count: int, seed: int) -> list[Article]:
    return [Article.from_text(a["text"], key=a["url"], title=a["title"], url=a["url"],
                              date=a["date"], publisher=a["publisher"])
            for a in generate(count, seed)]


def _rate(label: str, seconds: float, articles: int, quads: int, cpu: float | None = None
          ) -> None:
    mine = f"  (this process: {cpu:.2f} s CPU)" if cpu is not None else ""
    print(f"{label:<34} {seconds:8.2f} s  {articles / seconds:8.1f} articles/s  "
          f"{quads / seconds:10.0f} quads/s{mine}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    from kg.extract import extract

    articles = _articles(args.count, args.seed)
    extract(articles[0])  # load the extractor outside the timings
    start = time.perf_counter()
    extractions = [extract(a) for a in articles]
    _rate("extract (1 process)", time.perf_counter() - start, len(articles), 0)

    ds = new_dataset()
    start = time.perf_counter()
    for ex in extractions:
        add_to_dataset(ds, ex)
    quads = len(list(ds.quads((None, None, None, None))))
    _rate("write rdflib Dataset", time.perf_counter() - start, len(articles), quads)

    with tempfile.TemporaryDirectory() as tmp:
        with writing(Path(tmp) / "s") as store:
            start = time.perf_counter()
            for ex in extractions:
                add_extraction(store, ex)
            store.flush()
            _rate("write store (add_extraction)", time.perf_counter() - start,
                  len(articles), len(store))
        texts = [extraction_nquads(ex) for ex in extractions]
        with writing(Path(tmp) / "n") as store:
            start = time.perf_counter()
            for text in texts:
                add_nquads(store, text)
            store.flush()
            _rate("write store (N-Quads, as Dask)", time.perf_counter() - start,
                  len(articles), len(store))
        for jobs in sorted({1, args.jobs}):
            with writing(Path(tmp) / f"j{jobs}") as store:
                start, cpu = time.perf_counter(), time.process_time()
                build_articles(articles, store=store, jobs=jobs)
                store.flush()
                _rate(f"build into store, --jobs {jobs}", time.perf_counter() - start,
                      len(articles), len(store), time.process_time() - cpu)


if __name__ == "__main__":
    main()
