"""What would speed extraction up? Candidate fixes tried in-process, checked, and timed.

Each candidate is a small source patch to one function of ``kg`` (an ``old`` snippet replaced
by a ``new`` one in the function's current source, recompiled in its module) or a wrapper.
Nothing on disk changes. Patches are applied cumulatively, in order; after each, every
article is extracted again and the facts must equal the unpatched run's exactly. The table
gives process-CPU words/s (best of ``--rounds``) and whether the facts stayed the same.
When ``kg`` changes so that a snippet no longer occurs, that row says "stale" — the
measurement is then out of date, not wrong.

The last row, an *oracle*, is an upper bound rather than a fix: each sentence is searched
only with the patterns known (from a recording pass) to match it — what a perfect
trigger-word prefilter (e.g. an Aho–Corasick scan for each pattern's verbs) could reach.

Usage::

    python benchmarks/whatif_extract.py                  # ~1 minute
    python benchmarks/whatif_extract.py --articles 300 --rounds 5
"""

from __future__ import annotations

import argparse
import bisect
import functools
import inspect
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import synth
from machine import describe

from kg.extract import extract, mentions, rules
from kg.resolve import names
from kg.types import Article

#: (label, module, qualified function, old snippet, new snippet) — snippets as they appear in
#: the function's dedented source.
PATCHES: tuple[tuple[str, Any, str, str, str], ...] = (
    ("find_mentions: `covered` set by bisect over token offsets (was tokens × KB mentions)",
     mentions, "find_mentions",
     ("    covered = {parsed.doc[i].idx for c in kb_cands\n"
     "               for i in range(len(parsed.doc)) if c.start <= parsed.doc[i].idx < c.end}\n"),
     ("    _idx = [t.idx for t in parsed.doc]\n"
     "    covered = set()\n"
     "    for c in kb_cands:\n"
     "        covered.update(_idx[bisect.bisect_left(_idx, c.start):"
     "bisect.bisect_left(_idx, c.end)])\n")),
    ("_extend_kb: next token by bisect (was a scan from the document start per mention)",
     mentions, "_extend_kb",
     "        j = next((t.i for t in doc if t.idx >= c.end), None)\n",
     ("        _p = bisect.bisect_left(_idx, c.end)\n"
     "        j = _p if _p < len(_idx) else None\n")),
    ("_Run.run: re-abstract only sentences whose slot types changed (was every sentence twice)",
     rules, "_Run.run",
     ("    self._type_from_context(abstracts)\n"
     "    abstracts = [self._abstract(s) for s in self.parsed.sentences]\n"),
     ("    _before = [tuple(self._slot_type(i) for i in ab.slots) for ab in abstracts]\n"
     "    self._type_from_context(abstracts)\n"
     "    abstracts = [ab if tuple(self._slot_type(i) for i in ab.slots) == b\n"
     "                 else self._abstract(ab.sentence) for ab, b in zip(abstracts, _before)]\n")),
    ("_Run.run: skip the pattern loop for sentences without any entity slot",
     rules, "_Run.run",
     "    for ab in abstracts:\n        for pat in patterns:\n",
     ("    for ab in abstracts:\n        if '⟦' not in ab.text:\n            continue\n"
     "        for pat in patterns:\n")),
)


def emit(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _resolve(module: Any, qualname: str) -> tuple[Any, str, Callable[..., Any]]:
    owner = module
    *path, name = qualname.split(".")
    for part in path:
        owner = getattr(owner, part)
    return owner, name, getattr(owner, name)


#: Current source of each patched function (read once, at start-up: ``inspect`` reads the
#: file on disk, which may have been edited since the module was imported).
_SOURCES: dict[str, str] = {}


def _source(module: Any, qualname: str) -> str:
    key = f"{module.__name__}.{qualname}"
    if key not in _SOURCES:
        _SOURCES[key] = textwrap.dedent(inspect.getsource(_resolve(module, qualname)[2]))
    return _SOURCES[key]


def apply_patch(module: Any, qualname: str, old: str, new: str) -> bool:
    """Recompile ``module.qualname`` with ``old`` replaced by ``new``; False when stale."""
    owner, name, fn = _resolve(module, qualname)
    source = _source(module, qualname)
    if old not in source:
        return False
    if "_idx" in new and "_idx = [t.idx for t in doc]" not in source and name == "_extend_kb":
        source = source.replace("    by_char = {t.idx: t.i for t in doc}\n",
                                "    by_char = {t.idx: t.i for t in doc}\n"
                                "    _idx = [t.idx for t in doc]\n")
    source = source.replace(old, new)
    _SOURCES[f"{module.__name__}.{qualname}"] = source
    namespace: dict[str, Any] = dict(fn.__globals__)
    namespace["bisect"] = bisect
    exec(compile(source, f"<patched {qualname}>", "exec"), namespace)  # noqa: S102
    setattr(owner, name, namespace[name])
    if owner is module:  # other modules imported the function by name
        for mod in list(sys.modules.values()):
            if getattr(mod, "__name__", "").startswith("kg.") and getattr(mod, name, None) is fn:
                setattr(mod, name, namespace[name])
    return True


def memoise_name_key() -> bool:
    """``name_key`` is a pure function of a string: cache it everywhere it was imported."""
    original = names.name_key
    cached = functools.lru_cache(maxsize=1 << 16)(original)
    for mod in list(sys.modules.values()):
        if getattr(mod, "__name__", "").startswith("kg") and getattr(mod, "name_key", None) \
                is original:
            mod.name_key = cached
    return True


def oracle_prefilter(articles: list[Article]) -> bool:
    """Search each sentence only with the patterns that match it (recorded first)."""
    seen: dict[str, set[str]] = {}
    original = rules._Run._apply

    def recording(self: Any, pat: Any, m: Any, ab: Any) -> Any:
        seen.setdefault(ab.text, set()).add(pat.id)
        return original(self, pat, m, ab)

    rules._Run._apply = recording
    try:
        for a in articles:
            extract(a)
    finally:
        rules._Run._apply = original
    ok = apply_patch(rules, "_Run.run",
                     "        for pat in patterns:\n",
                     "        _want = _ORACLE.get(ab.text, ())\n"
                     "        for pat in patterns:\n"
                     "            if pat.id not in _want:\n"
                     "                continue\n")
    if ok:
        rules._Run.run.__globals__["_ORACLE"] = seen
    return ok


def facts_of(articles: list[Article]) -> list[tuple[str, ...]]:
    return [tuple(sorted(repr(f.record()) for f in extract(a).facts)) for a in articles]


def cpu_rate(articles: list[Article], n_words: int, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for a in articles:
            extract(a)
        best = min(best, time.process_time() - t0)
    return n_words / best


def main(argv: list[str] | None = None) -> int:
    for _, module, qualname, _, _ in PATCHES:
        _source(module, qualname)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100,
                        help="synthetic articles (default: %(default)s)")
    parser.add_argument("--corpus", type=int, default=3,
                        help="copies of the real corpus added (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes, best kept")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    from kg.ingest import read_inputs

    corpus = [a for a in read_inputs([ROOT / "tests" / "data" / "corpus"])
              if isinstance(a, Article)]
    arts = list(synth.articles(args.articles, args.seed)) + corpus * args.corpus
    n_words = sum(len(a.text.split()) for a in arts)
    extract(arts[0])
    baseline = facts_of(arts)
    base_rate = cpu_rate(arts, n_words, args.rounds)
    emit(f"# whatif_extract — {describe()}")
    emit()
    emit(f"{args.articles} synthetic articles + real corpus × {args.corpus}: {len(arts)} "
         f"articles, {n_words:,} words; process CPU time, best of {args.rounds}")
    emit()
    emit("| change (cumulative) | words/s (CPU) | × baseline | same facts |")
    emit("| --- | ---: | ---: | --- |")
    emit(f"| baseline (kg as it is) | {base_rate:,.0f} | 1.00× | — |")
    steps: list[tuple[str, Callable[[], bool]]] = [
        (label, functools.partial(apply_patch, mod, qual, old, new))
        for label, mod, qual, old, new in PATCHES[:2]]
    steps.append(("name_key memoised (lru_cache; pure function of a string)", memoise_name_key))
    steps += [(label, functools.partial(apply_patch, mod, qual, old, new))
              for label, mod, qual, old, new in PATCHES[2:]]
    steps.append(("upper bound: oracle pattern prefilter (only patterns that match)",
                  functools.partial(oracle_prefilter, arts)))
    for label, step in steps:
        if not step():
            emit(f"| {label} | stale: snippet not in current source | | |")
            continue
        same = facts_of(arts) == baseline
        rate = cpu_rate(arts, n_words, args.rounds)
        emit(f"| {label} | {rate:,.0f} | {rate / base_rate:.2f}× | {'yes' if same else 'NO'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
