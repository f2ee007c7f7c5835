"""Search figures: indexing speed and size, query latency, against plain floors.

    python benchmarks/search.py            # prints the figures
    python benchmarks/search.py --json out.json

``figures()`` returns a list of dicts {name, value, unit, floor, target} for
``benchmarks/run.py``.  Floors: for queries, a Python ``str.find`` loop listing
every occurrence in the same text; for indexing, Whoosh's stock writer
(``add_document`` through our analyzers) on the same text.  The 10 MB corpus is
tests/data/corpus/*.txt and the speech, concatenated until 10 MB.
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEECH = ROOT / "resources" / "speech.txt"
CORPUS = ROOT / "tests" / "data" / "corpus"
sys.path.insert(0, str(ROOT))

from benchmarks.common import figures_main  # noqa: E402

QUERIES = 200
LIMIT = 20  # hits asked for, as the find bar's result list would (total counts all)
MB = 1024 * 1024


def corpus_text(target_bytes: int = 10 * MB) -> str:
    """The corpus documents and the speech, concatenated until ``target_bytes`` of UTF-8."""
    parts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    parts.append(SPEECH.read_text(encoding="utf-8"))
    unit = "\n".join(parts)
    copies = target_bytes // len(unit.encode("utf-8")) + 1
    return "\n".join([unit] * copies)


def make_queries(text: str, n: int = QUERIES, seed: int = 4) -> list[str]:
    """Half jieba words of the text, half random substrings of 1-8 characters (seeded)."""
    from desktop_app.search.tokenizer import words

    rnd = random.Random(seed)
    sample = text[:200_000]
    vocab = sorted({w for w in words(sample) if len(w) >= 2})
    out = [rnd.choice(vocab) for _ in range(n // 2)]
    while len(out) < n:
        i = rnd.randrange(len(text))
        q = text[i : i + rnd.randint(1, 8)]
        if q.strip() and "\n" not in q:
            out.append(q)
    rnd.shuffle(out)
    return out


def _percentiles(samples: list[float]) -> tuple[float, float]:
    s = sorted(samples)
    return statistics.median(s), s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]


def _find_floor(text: str, q: str) -> list[int]:
    out = []
    i = text.find(q)
    while i >= 0:
        out.append(i)
        i = text.find(q, i + len(q))
    return out


def _dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / MB


def _stock_index_seconds(paragraphs: list[str], folder: Path) -> float:
    """Whoosh's own writer (add_document through the analyzer): the floor for indexing."""
    from whoosh.filedb.filestore import FileStorage

    from desktop_app.search.analysis import bigram_schema

    ix = FileStorage(str(folder)).create_index(bigram_schema())
    t0 = time.perf_counter()
    w = ix.writer(procs=1, limitmb=256)
    for i, text in enumerate(paragraphs):
        w.add_document(bi=text, doc="x", p=i, start=0, section="")
    w.commit()
    ix.close()
    return time.perf_counter() - t0


def _query_latencies(index: Any, text: str, queries: list[str]) -> dict[str, tuple[float, float]]:
    ours, plain_doc, floor = [], [], []
    for q in queries:
        t0 = time.perf_counter()
        index.search(q, limit=LIMIT, order="rank")
        ours.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        index.search(q, limit=LIMIT, order="document")
        plain_doc.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        _find_floor(text, q)
        floor.append((time.perf_counter() - t0) * 1000)
    return {"rank": _percentiles(ours), "document": _percentiles(plain_doc), "floor": _percentiles(floor)}


def figures() -> list[dict[str, Any]]:
    from desktop_app.core.loader import document_from_text, load_document
    from desktop_app.search import SearchIndex, find_all
    from desktop_app.search.normalization import NormalizedText
    from desktop_app.search.tokenizer import warm_up_tokenizer

    out: list[dict[str, Any]] = []

    def fig(name: str, value: float, unit: str, floor: float | None = None, target: str = "") -> None:
        out.append({"name": name, "value": value, "unit": unit, "floor": floor, "target": target})

    tmp = Path(tempfile.mkdtemp(prefix="yandu-search-bench-"))
    try:
        t0 = time.perf_counter()
        warm_up_tokenizer()
        fig("jieba dictionary load (worker thread)", time.perf_counter() - t0, "s", None, "off the UI thread")

        # -- the speech ------------------------------------------------------
        speech = load_document(SPEECH)
        t0 = time.perf_counter()
        ix = SearchIndex.open(speech, cache_dir=tmp / "speech")
        build_s = time.perf_counter() - t0
        ix.close()
        floor_s = _stock_index_seconds([p.text for p in speech.paragraphs], Path(tempfile.mkdtemp(dir=tmp)))
        fig("index the speech (bigrams + words)", build_s, "s", floor_s, "target <= 0.3 s")
        fig("index size on disk, speech", _dir_mb(tmp / "speech") * 1024, "KB", None, "reported")
        t0 = time.perf_counter()
        ix = SearchIndex.open(speech, cache_dir=tmp / "speech")
        fig("reopen the speech's index (checked)", time.perf_counter() - t0, "s", None, "reused, no rebuild")
        queries = make_queries(speech.text)
        lat = _query_latencies(ix, speech.text, queries)
        ix.close()
        fig("query p50, speech (rank, 20 hits)", lat["rank"][0], "ms", lat["floor"][0], "")
        fig("query p95, speech (rank, 20 hits)", lat["rank"][1], "ms", lat["floor"][1], "target <= 10 ms")

        # -- the corpus once (no repetition: every bigram is new to the index) ---
        unique = document_from_text(corpus_text(1))
        umb = len(unique.text.encode("utf-8")) / MB
        t0 = time.perf_counter()
        SearchIndex.open(unique, cache_dir=tmp / "unique", words=False).close()
        fig(
            f"indexing the corpus once ({umb * 1024:.0f} KB): bigrams",
            umb / (time.perf_counter() - t0),
            "MB/s",
        )

        # -- 10 MB -----------------------------------------------------------
        text = corpus_text()
        mb = len(text.encode("utf-8")) / MB
        big = document_from_text(text)
        t0 = time.perf_counter()
        ix = SearchIndex.open(big, cache_dir=tmp / "big", words=False)
        bigram_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        ix.ensure_words()
        words_s = time.perf_counter() - t0
        sample = [p.text for p in big.paragraphs[: max(1, len(big.paragraphs) // 20)]]
        sample_mb = sum(len(s.encode("utf-8")) + 1 for s in sample) / MB
        stock_s = _stock_index_seconds(sample, Path(tempfile.mkdtemp(dir=tmp)))
        fig(
            f"indexing {mb:.0f} MB: bigrams (searchable)",
            mb / bigram_s,
            "MB/s",
            sample_mb / stock_s,
            "target >= 1 MB/s",
        )
        fig(f"indexing {mb:.0f} MB: jieba words (ranking)", mb / words_s, "MB/s", None, "reported")
        fig(f"indexing {mb:.0f} MB: both", mb / (bigram_s + words_s), "MB/s", None, "reported")
        fig(f"index size on disk, {mb:.0f} MB text", _dir_mb(tmp / "big"), "MB", mb, "reported")
        ix.close()
        t0 = time.perf_counter()
        ix = SearchIndex.open(big, cache_dir=tmp / "big")
        fig(f"reopen the {mb:.0f} MB index (checked)", time.perf_counter() - t0, "s", None, "no rebuild")
        queries = make_queries(text)
        lat = _query_latencies(ix, text, queries)
        fig(f"query p50, {mb:.0f} MB (rank, 20 hits)", lat["rank"][0], "ms", lat["floor"][0], "")
        fig(
            f"query p95, {mb:.0f} MB (rank, 20 hits)",
            lat["rank"][1],
            "ms",
            lat["floor"][1],
            "target <= 50 ms",
        )
        fig(f"query p95, {mb:.0f} MB (document order)", lat["document"][1], "ms", lat["floor"][1], "")
        ix.close()
        t0 = time.perf_counter()
        nt = NormalizedText(text)
        fig(f"normalise {mb:.0f} MB for the find bar (once)", time.perf_counter() - t0, "s", None, "")
        samples = []
        for q in queries:
            t0 = time.perf_counter()
            nt.find_all(q)
            samples.append((time.perf_counter() - t0) * 1000)
        floor = [0.0] * len(queries)
        for k, q in enumerate(queries):
            t0 = time.perf_counter()
            _find_floor(text, q)
            floor[k] = (time.perf_counter() - t0) * 1000
        fig(
            f"find_all p95, {mb:.0f} MB (every hit)",
            _percentiles(samples)[1],
            "ms",
            _percentiles(floor)[1],
            "",
        )
        assert find_all(speech.text, "中心工作")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def main() -> int:
    return figures_main(__doc__, figures)  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
