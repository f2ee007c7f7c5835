"""The search index of one document: Whoosh for candidates and statistics, our scan for offsets.

Nothing here imports whoosh or jieba at import time; :meth:`SearchIndex.open`
does.  See ``desktop_app/search/__init__.py`` for the design in brief.
"""

from __future__ import annotations

import bisect
import contextlib
import heapq
import math
import re
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.search.normalization import NormalizedText, normalized
from desktop_app.search.query import ParsedQuery, parse_query
from desktop_app.search.results import Hit, SearchResult

if TYPE_CHECKING:
    from desktop_app.core.document import Document

SECTION_SEPARATOR = " › "
SNIPPET_RADIUS = 30
SENTENCE_MARKS = "。！？；!?;"

# Ranking: BM25 over exact occurrence counts, times a bonus where the term is one
# of jieba's words in the paragraph (not a match spanning two words), and a
# small bonus for headings.
K1 = 1.2
B = 0.75
WORD_BONUS = 1.0
HEADING_BONUS = 0.25
MAX_WORD_LENGTH = 12

# Planner (calibrated on this machine with benchmarks/search.py, 10 MB): a
# whole-text scan costs SCAN_NS_PER_CHAR per character and term; the Whoosh path
# a fixed INDEX_BASE_NS, POSTING_NS per posting of the query's bigrams,
# POSITIONS_NS per bigram whose positions a phrase must read in a candidate, and
# CANDIDATE_NS per candidate paragraph (our exact scan of it).
SCAN_NS_PER_CHAR = 1.1
INDEX_BASE_NS = 300_000.0
POSTING_NS = 1_000.0
POSITIONS_NS = 15_000.0
CANDIDATE_NS = 8_000.0
INDEX_MIN_CHARS = 400_000  # below this a scan always wins (the speech: a few microseconds)

# Caches of recent terms (typing a query repeats its prefixes), bounded by entries held.
_SCAN_CACHE_TERMS = 32
_SCAN_CACHE_ENTRIES = 1_000_000
_WORD_CACHE_ENTRIES = 1_000_000
_start_of = re.Match.start

Progress = Callable[[float], None]


def _check_bigrams(fingerprint: str, doc: Document) -> Callable[[Any], bool]:
    def check(ix: Any) -> bool:
        from desktop_app.search.analysis import ChineseBigramAnalyzer

        if not isinstance(ix.schema["bi"].analyzer, ChineseBigramAnalyzer):
            return False
        with ix.searcher() as s:
            if not s.reader().is_atomic():
                return False
            if doc.paragraphs:
                first, last = s.stored_fields(0), s.stored_fields(len(doc.paragraphs) - 1)
                if first.get("doc") != fingerprint[:16] or last.get("start") != doc.paragraphs[-1].start:
                    return False
        return True

    return check


def _check_words(ix: Any) -> bool:
    from desktop_app.search.analysis import ChineseWordAnalyzer

    if not isinstance(ix.schema["w"].analyzer, ChineseWordAnalyzer):
        return False
    with ix.searcher() as s:
        return s.reader().is_atomic() or ix.doc_count_all() == 0


def _scaled(progress: Progress | None, lo: float, hi: float) -> Progress | None:
    if progress is None:
        return None
    last = [-1.0]

    def report(f: float) -> None:
        v = lo + (hi - lo) * min(1.0, max(0.0, f))
        if v - last[0] >= 0.005 or f >= 1.0:
            last[0] = v
            progress(v)

    return report


def paragraph_sections(doc: Document) -> list[str]:
    """The section path of every paragraph's start, joined by " › " (one sweep)."""
    out: list[str] = []
    sections = doc.sections
    chain: list[Any] = []
    k = 0
    cache: dict[tuple[int, ...], str] = {}
    for para in doc.paragraphs:
        offset = para.start
        while k < len(sections) and sections[k].start <= offset:
            s = sections[k]
            while chain and chain[-1].level >= s.level:
                chain.pop()
            chain.append(s)
            k += 1
        live = tuple(i for i, s in enumerate(chain) if offset < s.end)
        key = tuple(id(chain[i]) for i in live)
        text = cache.get(key)
        if text is None:
            text = cache[key] = SECTION_SEPARATOR.join(chain[i].title for i in live)
        out.append(text)
    return out


def make_snippet(text: str, start: int, end: int, radius: int = SNIPPET_RADIUS) -> tuple[str, int, int]:
    """About ``radius`` characters either side of ``text[start:end]``, cut at sentence marks.

    Returns ``(snippet, match start in snippet, match end in snippet)``; ``…``
    marks a cut that is not at a sentence boundary.
    """
    lo = max(0, start - radius)
    left = text[lo:start]
    cut = max(left.rfind(m) for m in SENTENCE_MARKS)
    if cut >= 0:
        left = left[cut + 1 :].lstrip()
        lo = -1
    right = text[end : end + radius]
    marks = [i for i in (right.find(m) for m in SENTENCE_MARKS) if i >= 0]
    hi_cut = end + radius < len(text)
    if marks:
        right = right[: min(marks) + 1]
        hi_cut = False
    prefix = "…" if lo > 0 else ""
    snippet = prefix + left + text[start:end] + right + ("…" if hi_cut else "")
    s = len(prefix) + len(left)
    return snippet, s, s + (end - start)


class SearchIndex:
    """Full-text search over one :class:`Document`.

    Build it with :meth:`open` (from a worker thread: it may build the index).
    :meth:`search` is thread-safe and never raises for a query.
    """

    def __init__(self, doc: Document, nt: NormalizedText, root: Path, fingerprint: str, bi_ix: Any) -> None:
        self.document = doc
        self.normalized = nt
        self.fingerprint = fingerprint
        self.built: list[str] = []  # the parts (re)built by the last open / ensure_words
        self.problem = ""  # why the index could not be written or used (searching still works)
        self._root = root
        self._lock = threading.RLock()
        self._words_lock = threading.Lock()
        self._bi_ix = bi_ix
        self._bi = bi_ix.searcher() if bi_ix is not None else None
        self._w_ix: Any = None
        self._w: Any = None
        self._broken = False
        starts = nt.paragraph_starts if doc.paragraphs else []
        if len(starts) != len(doc.paragraphs):
            raise ValueError("the document's paragraphs do not match its text")
        self._pstarts = starts
        self._pnext = starts[1:]  # bisect_right(self._pnext, pos) = paragraph of pos
        n = len(nt.norm)
        self._pends = [s - 1 for s in starts[1:]] + ([n] if starts else [])
        self._plen = [e - s for s, e in zip(self._pstarts, self._pends, strict=True)]
        self._avglen = (sum(self._plen) / len(self._plen)) if self._plen else 1.0
        avg = self._avglen or 1.0
        self._norm_len = [K1 * (1.0 - B + B * n / avg) for n in self._plen]
        heads = {s.paragraph_index for s in doc.sections if not s.run_in}
        heads.update(doc.metadata.head_paragraphs[:1])
        self._headings = heads
        self._sections = paragraph_sections(doc)
        # Paragraphs where a section starts or ends inside (not at the start): exact path per hit.
        self._interior = {
            doc.paragraph_at(x).index
            for sec in doc.sections
            for x in (sec.start, sec.end)
            if doc.paragraphs and doc.paragraph_at(x).start < x < doc.paragraph_at(x).end
        }
        self._scan_cache: OrderedDict[str, tuple[list[int], list[int]]] = OrderedDict()
        self._word_cache: OrderedDict[str, frozenset[int]] = OrderedDict()
        self._lexicon: dict[str, bool] = {}
        self._segments_cache: dict[str, tuple[str, ...]] = {}
        self._df_cache: dict[str, int] = {}

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(
        cls,
        doc: Document,
        *,
        cache_dir: Path | None = None,
        progress: Progress | None = None,
        words: bool = True,
    ) -> SearchIndex:
        """Reuse the document's index from the cache folder, or (re)build it.

        ``words=True`` also builds jieba's word index (ranking) when missing,
        loading jieba; with ``words=False`` it is only reused if present and
        :meth:`ensure_words` can build it later.  ``progress(fraction)`` is
        called while building (raising from it cancels the build: nothing is
        left behind and the exception comes out of ``open``).  If the cache
        folder cannot be written, the index searches by scanning alone and
        :attr:`problem` says why.
        """
        from desktop_app.core.document import fingerprint_text
        from desktop_app.search import store

        fingerprint = doc.fingerprint or fingerprint_text(doc.text)
        root = store.index_root(cache_dir)
        nt = normalized(doc.text)
        store.cleanup(root, fingerprint)
        expect = cls._expect(doc, fingerprint)
        words_present = store.open_valid(
            store.part_dir(root, fingerprint, "words"), "words", expect, _check_words
        )
        build_words = words and words_present is None
        split = 0.3 if build_words else 1.0

        def build(folder: Path) -> None:
            cls._build_bigrams(folder, doc, nt, fingerprint, _scaled(progress, 0.0, split))

        problem = ""
        try:
            bi_ix, built = store.obtain(
                root, fingerprint, "bigrams", expect, build, _check_bigrams(fingerprint, doc)
            )
        except OSError as exc:  # cache folder not writable, disk full: search by scanning alone
            bi_ix, built, problem = None, False, f"search index not written: {exc}"
        index = cls(doc, nt, root, fingerprint, bi_ix)
        index.built = ["bigrams"] if built else []
        index.problem = problem
        if words_present is not None:
            index._set_words(words_present)
        elif words and bi_ix is not None:
            try:
                index.ensure_words(_scaled(progress, split, 1.0))
            except (OSError, ImportError) as exc:  # ranking without words, exact all the same
                index.problem = f"word index not written: {exc}"
        if progress is not None:
            progress(1.0)
        return index

    @staticmethod
    def _expect(doc: Document, fingerprint: str) -> dict[str, Any]:
        return {"fingerprint": fingerprint, "paragraphs": len(doc.paragraphs), "chars": len(doc.text)}

    @staticmethod
    def _build_bigrams(
        folder: Path, doc: Document, nt: NormalizedText, fingerprint: str, progress: Progress | None
    ) -> None:
        from whoosh.filedb.filestore import FileStorage

        from desktop_app.search.analysis import bigram_schema
        from desktop_app.search.writer import BulkWriter

        ix = FileStorage(str(folder)).create_index(bigram_schema())
        writer = BulkWriter(ix, "bi")
        try:
            norm = nt.norm
            sections = paragraph_sections(doc)
            starts = nt.paragraph_starts
            ends = [s - 1 for s in starts[1:]] + [len(norm)]
            docid = fingerprint[:16]
            n = len(doc.paragraphs)
            step = max(1, n // 100)
            for i, para in enumerate(doc.paragraphs):
                writer.add_bigrams(
                    norm[starts[i] : ends[i]],
                    {"doc": docid, "p": i, "start": para.start, "section": sections[i]},
                )
                if progress is not None and i % step == 0:
                    progress(0.8 * i / n)
            writer.commit()
        except BaseException:
            with contextlib.suppress(Exception):
                writer.cancel()
            raise
        finally:
            ix.close()
        if progress is not None:
            progress(1.0)

    def ensure_words(self, progress: Progress | None = None) -> bool:
        """Build (or reuse) jieba's word index for ranking; loads jieba.  Returns True if built."""
        from desktop_app.search import store

        with self._words_lock:
            if self._w is not None:
                return False
            expect = self._expect(self.document, self.fingerprint)
            nt = self.normalized

            def build(folder: Path) -> None:
                from whoosh.filedb.filestore import FileStorage

                from desktop_app.search.analysis import word_schema
                from desktop_app.search.tokenizer import warm_up_tokenizer, words
                from desktop_app.search.writer import BulkWriter

                warm_up_tokenizer()
                ix = FileStorage(str(folder)).create_index(word_schema())
                writer = BulkWriter(ix, "w")
                try:
                    norm = nt.norm
                    n = len(self._pstarts)
                    step = max(1, n // 100)
                    for i, (s, e) in enumerate(zip(self._pstarts, self._pends, strict=True)):
                        writer.add_words(words(norm[s:e]))
                        if progress is not None and i % step == 0:
                            progress(0.9 * i / n)
                    writer.commit()
                except BaseException:
                    with contextlib.suppress(Exception):
                        writer.cancel()
                    raise
                finally:
                    ix.close()

            w_ix, built = store.obtain(self._root, self.fingerprint, "words", expect, build, _check_words)
            self._set_words(w_ix)
            if built:
                self.built.append("words")
            if progress is not None:
                progress(1.0)
            return built

    def _set_words(self, w_ix: Any) -> None:
        searcher = w_ix.searcher()
        with self._lock:
            self._w_ix, self._w = w_ix, searcher
            self._word_cache.clear()
            self._lexicon.clear()
            self._segments_cache.clear()

    @property
    def has_words(self) -> bool:
        """True once jieba's word index is there (finer ranking)."""
        return self._w is not None

    def close(self) -> None:
        with self._lock:
            for obj in (self._bi, self._w, self._bi_ix, self._w_ix):
                if obj is not None:
                    with contextlib.suppress(Exception):
                        obj.close()
            self._bi = self._w = self._bi_ix = self._w_ix = None
            self._broken = True  # no index: scans only

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- searching -----------------------------------------------------------

    def search(
        self, query: str, *, limit: int | None = None, order: str = "rank", strategy: str = "auto"
    ) -> SearchResult:
        """Hits for ``query`` (see ``desktop_app.search.query`` for the language).

        ``order="rank"``: best paragraphs first, hits of one paragraph left to
        right; ``order="document"``: left to right.  ``limit=None``: all hits
        (``total`` always counts all).  ``strategy`` ("auto", "index", "scan")
        chooses how candidates are found; every strategy gives the same hits.
        """
        if order not in ("rank", "document"):
            raise ValueError(f"order must be 'rank' or 'document', not {order!r}")
        t0 = time.perf_counter()
        pq = parse_query(query)
        if not pq.groups or not self.document.paragraphs:
            return SearchResult(query, [], 0, pq.notice, (time.perf_counter() - t0) * 1000)
        with self._lock:
            plan = strategy if strategy in ("index", "scan") else self._plan(pq)
            if plan == "index" and (self._bi is None or self._broken):
                plan = "scan"
            try:
                hits, total = self._run(pq, limit, order, plan)
            except Exception:
                if plan == "scan":
                    raise
                self._broken = True  # a damaged index found late: the scan is always exact
                hits, total = self._run(pq, limit, order, "scan")
        return SearchResult(query, hits, total, pq.notice, (time.perf_counter() - t0) * 1000)

    # -- planning ------------------------------------------------------------

    def _plan(self, pq: ParsedQuery) -> str:
        n = len(self.normalized.norm)
        if self._broken or self._bi is None or n < INDEX_MIN_CHARS:
            return "scan"
        all_terms = pq.terms + pq.excluded
        if any(len(t) < 2 for t in all_terms):
            return "scan"
        reader = self._bi.reader()
        index_cost = INDEX_BASE_NS
        group_est = []
        for terms, is_group in [(g, True) for g in pq.groups] + [([t], False) for t in pq.excluded]:
            est = 0
            for t in terms:
                dfs = [reader.doc_frequency("bi", b) for b in _bigrams_of(t)]
                index_cost += sum(dfs) * POSTING_NS
                if len(dfs) > 1:
                    index_cost += min(dfs) * len(dfs) * POSITIONS_NS
                est += min(dfs)
            if is_group:
                group_est.append(est)
        index_cost += min(group_est) * CANDIDATE_NS
        scan_cost = len(all_terms) * n * SCAN_NS_PER_CHAR
        return "index" if index_cost < scan_cost else "scan"

    # -- candidates and occurrences --------------------------------------------

    def _scan(self, term: str) -> tuple[list[int], list[int]]:
        """Every normalised occurrence of ``term`` and the paragraph of each."""
        cached = self._scan_cache.get(term)
        if cached is not None:
            self._scan_cache.move_to_end(term)
            return cached
        pattern = re.compile(re.escape(term))
        starts = list(map(_start_of, pattern.finditer(self.normalized.norm)))
        paras = list(map(bisect.bisect_right, repeat(self._pnext), starts))
        result = (starts, paras)
        cache = self._scan_cache
        cache[term] = result
        held = sum(len(v[0]) for v in cache.values())
        while len(cache) > 1 and (len(cache) > _SCAN_CACHE_TERMS or held > _SCAN_CACHE_ENTRIES):
            _old, (gone, _p) = cache.popitem(last=False)
            held -= len(gone)
        return result

    def _index_candidates(self, pq: ParsedQuery) -> list[int]:
        from whoosh import query as wq

        def term_query(t: str) -> Any:
            if len(t) == 1:
                return wq.Prefix("bi", t)
            grams = _bigrams_of(t)
            return wq.Term("bi", grams[0]) if len(grams) == 1 else wq.Phrase("bi", grams)

        def group_query(g: list[str]) -> Any:
            return term_query(g[0]) if len(g) == 1 else wq.Or([term_query(t) for t in g])

        q = group_query(pq.groups[0]) if len(pq.groups) == 1 else wq.And([group_query(g) for g in pq.groups])
        if pq.excluded:
            q = wq.AndNot(q, wq.Or([term_query(t) for t in pq.excluded]))
        return sorted(self._bi.docs_for_query(q))

    def _collect(
        self, pq: ParsedQuery, plan: str
    ) -> tuple[list[int], dict[str, dict[int, list[int]] | None]]:
        """Matching paragraphs (sorted) and, per term, its occurrences by paragraph.

        For the scan plan the per-paragraph lists are filled lazily (``None``
        means: slice the whole-text scan).
        """
        terms = pq.terms
        occ: dict[str, dict[int, list[int]] | None] = {}
        if plan == "scan":
            paras_of = {t: set(self._scan(t)[1]) for t in terms + pq.excluded}
            cand: set[int] | None = None
            for g in pq.groups:
                s = set().union(*(paras_of[t] for t in g))
                cand = s if cand is None else cand & s
            for t in pq.excluded:
                cand = (cand or set()) - paras_of[t]
            for t in terms:
                occ[t] = None
            return sorted(cand or ()), occ
        norm = self.normalized.norm
        found = self._index_candidates(pq)
        per: dict[str, dict[int, list[int]]] = {t: {} for t in terms}
        patterns = {t: re.compile(re.escape(t)) for t in terms}
        out: list[int] = []
        for p in found:
            s, e = self._pstarts[p], self._pends[p]
            if any(norm.find(t, s, e) >= 0 for t in pq.excluded):
                continue
            lists = {t: list(map(_start_of, patterns[t].finditer(norm, s, e))) for t in terms}
            if all(any(lists[t] for t in g) for g in pq.groups):
                out.append(p)
                for t in terms:
                    if lists[t]:
                        per[t][p] = lists[t]
        occ.update(per)
        return out, occ

    def _occurrences(self, occ: dict[str, dict[int, list[int]] | None], term: str, p: int) -> list[int]:
        d = occ[term]
        if d is not None:
            return d.get(p, [])
        starts = self._scan(term)[0]
        lo = bisect.bisect_left(starts, self._pstarts[p])
        hi = bisect.bisect_left(starts, self._pends[p], lo)
        return starts[lo:hi]

    def _tf(self, occ: dict[str, dict[int, list[int]] | None], term: str) -> dict[int, int]:
        d = occ[term]
        if d is not None:
            return {p: len(v) for p, v in d.items()}
        return Counter(self._scan(term)[1])

    # -- ranking -----------------------------------------------------------------

    def _df(self, term: str) -> int:
        df = self._df_cache.get(term)
        if df is None:
            if len(term) >= 2 and self._bi is not None and not self._broken:
                reader = self._bi.reader()
                df = min(reader.doc_frequency("bi", b) for b in _bigrams_of(term))
            else:
                df = len(set(self._scan(term)[1]))
            self._df_cache[term] = df
        return df

    def _idf(self, term: str) -> float:
        n = len(self._plen)
        df = min(self._df(term), n)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def _has_word(self, word: str) -> bool:
        got = self._lexicon.get(word)
        if got is None:
            got = self._lexicon[word] = self._w.reader().doc_frequency("w", word) > 0
        return got

    def _segments(self, term: str) -> tuple[str, ...]:
        """The term cut into words of the document's vocabulary (longest first)."""
        if self._w is None:
            return ()
        segs = self._segments_cache.get(term)
        if segs is not None:
            return segs
        out: list[str] = []
        if len(term) == 1:
            out = [term] if self._has_word(term) else []
        else:
            i = 0
            while i < len(term):
                for size in range(min(MAX_WORD_LENGTH, len(term) - i), 1, -1):
                    if self._has_word(term[i : i + size]):
                        out.append(term[i : i + size])
                        i += size
                        break
                else:
                    i += 1
        segs = self._segments_cache[term] = tuple(out)
        return segs

    def _word_docs(self, word: str) -> frozenset[int]:
        docs = self._word_cache.get(word)
        if docs is None:
            docs = frozenset(self._w.postings("w", word).all_ids())
            cache = self._word_cache
            cache[word] = docs
            held = sum(len(v) for v in cache.values())
            while len(cache) > 1 and (len(cache) > 256 or held > _WORD_CACHE_ENTRIES):
                held -= len(cache.popitem(last=False)[1])
        else:
            self._word_cache.move_to_end(word)
        return docs

    def _term_scores(self, term: str, tf_of: dict[int, int], only: set[int] | None) -> dict[int, float]:
        """BM25 of one term in each paragraph holding it (only those in ``only``), word bonus included."""
        idf_k = self._idf(term) * (K1 + 1.0)
        nl = self._norm_len
        items = tf_of.items() if only is None else ((p, tf_of[p]) for p in only if p in tf_of)
        scores = {p: idf_k * tf / (tf + nl[p]) for p, tf in items}
        segs = self._segments(term)
        if segs:
            share = 1.0 / len(segs)
            bonus: dict[int, float] = {}
            for seg in segs:
                docs = self._word_docs(seg)
                if len(docs) < len(scores):
                    hit = [p for p in docs if p in scores]
                else:
                    hit = [p for p in scores if p in docs]
                for p in hit:
                    bonus[p] = bonus.get(p, 0.0) + share
            for p, f in bonus.items():
                scores[p] *= 1.0 + WORD_BONUS * f
        return scores

    def _scores(self, pq: ParsedQuery, tfs: dict[str, dict[int, int]], cand: list[int]) -> dict[int, float]:
        """The score of every candidate paragraph (term at a time)."""
        terms = pq.terms
        only = None if len(terms) == 1 and len(pq.groups) == 1 and not pq.excluded else set(cand)
        total: dict[int, float] | None = None
        for t in terms:
            ts = self._term_scores(t, tfs[t], only)
            if total is None:
                total = ts
            else:
                for p, v in ts.items():
                    total[p] = total.get(p, 0.0) + v
        total = total or {}
        for p in self._headings:
            if p in total:
                total[p] *= 1.0 + HEADING_BONUS
        return total

    # -- hits ------------------------------------------------------------------

    def _run(self, pq: ParsedQuery, limit: int | None, order: str, plan: str) -> tuple[list[Hit], int]:
        terms = pq.terms
        if plan == "scan" and order == "document" and pq.plain:
            return self._run_plain_in_order(terms[0], limit)
        cand, occ = self._collect(pq, plan)
        tfs = {t: self._tf(occ, t) for t in terms}
        if self.normalized.has_expansions or (len(terms) > 1 and _may_overlap(terms)):
            total = sum(len(self._para_spans(occ, terms, p)) for p in cand)
        elif len(terms) == 1 and len(pq.groups) == 1 and not pq.excluded:
            total = sum(tfs[terms[0]].values())
        else:
            total = sum(tf.get(p, 0) for tf in tfs.values() for p in cand)
        want = total if limit is None else max(0, min(limit, total))
        hits: list[Hit] = []
        if not want:
            return hits, total
        if order == "rank":
            scores = self._scores(pq, tfs, cand)
            if limit is not None and want < len(cand):
                ranked = heapq.nsmallest(want, ((-v, p) for p, v in scores.items()))
            else:
                ranked = sorted((-v, p) for p, v in scores.items())
            paras = [(p, -neg) for neg, p in ranked]
        else:
            head = cand[:want]  # each paragraph holds at least one hit
            scores = self._scores(pq, {t: {p: tf[p] for p in head if p in tf} for t, tf in tfs.items()}, head)
            paras = [(p, scores.get(p, 0.0)) for p in head]
        for p, score in paras:
            for a, b in self._para_spans(occ, terms, p):
                hits.append(self._hit(p, a, b, score))
                if len(hits) >= want:
                    return hits, total
        return hits, total

    def _run_plain_in_order(self, term: str, limit: int | None) -> tuple[list[Hit], int]:
        """One term, left to right: the first ``limit`` occurrences, no ranking of all paragraphs."""
        starts, paras = self._scan(term)
        nt = self.normalized
        size = len(term)
        hits: list[Hit] = []
        if not nt.has_expansions:
            total = len(starts)
            want = total if limit is None else max(0, min(limit, total))
            head = sorted(set(paras[:want]))
            tf = {p: self._pcount(starts, p) for p in head}
            scores = self._scores(ParsedQuery(raw=term, groups=[[term]], plain=True), {term: tf}, head)
            for s, p in zip(starts[:want], paras[:want], strict=True):
                a, b = nt.span_to_orig(s, s + size)
                hits.append(self._hit(p, a, b, scores.get(p, 0.0)))
            return hits, total
        occ: dict[str, dict[int, list[int]] | None] = {term: None}
        cand = sorted(set(paras))
        spans = [(p, self._para_spans(occ, [term], p)) for p in cand]
        total = sum(len(x) for _p, x in spans)
        want = total if limit is None else max(0, min(limit, total))
        head = []
        taken = 0
        for p, x in spans:
            if taken >= want:
                break
            head.append(p)
            taken += len(x)
        scores = self._scores(
            ParsedQuery(raw=term, groups=[[term]], plain=True),
            {term: {p: self._pcount(starts, p) for p in head}},
            head,
        )
        for p, x in spans:
            for a, b in x:
                if len(hits) >= want:
                    return hits, total
                hits.append(self._hit(p, a, b, scores.get(p, 0.0)))
        return hits, total

    def _pcount(self, starts: list[int], p: int) -> int:
        lo = bisect.bisect_left(starts, self._pstarts[p])
        return bisect.bisect_left(starts, self._pends[p], lo) - lo

    def _para_spans(
        self, occ: dict[str, dict[int, list[int]] | None], terms: list[str], p: int
    ) -> list[tuple[int, int]]:
        """Non-overlapping hits of paragraph ``p``, as original offsets, left to right."""
        spans: list[tuple[int, int]] = []
        for t in terms:
            size = len(t)
            spans.extend((s, s + size) for s in self._occurrences(occ, t, p))
        if len(terms) > 1:
            spans.sort(key=lambda se: (se[0], -se[1]))
            kept: list[tuple[int, int]] = []
            last = -1
            for s, e in spans:
                if s >= last:
                    kept.append((s, e))
                    last = e
            spans = kept
        nt = self.normalized
        if nt.identity:
            return spans
        out: list[tuple[int, int]] = []
        last = -1
        for s, e in spans:
            a, b = nt.span_to_orig(s, e)
            if a >= last:
                out.append((a, b))
                last = b
        return out

    def _section_of(self, p: int, offset: int) -> str:
        if p in self._interior:
            return SECTION_SEPARATOR.join(s.title for s in self.document.section_path(offset))
        return self._sections[p]

    def _hit(self, p: int, start: int, end: int, score: float) -> Hit:
        para = self.document.paragraphs[p]
        snippet, s0, s1 = make_snippet(para.text, start - para.start, end - para.start)
        return Hit(
            start=start,
            end=end,
            paragraph_index=p,
            section=self._section_of(p, start),
            snippet=snippet,
            snippet_start=s0,
            snippet_end=s1,
            score=round(score, 6),
        )


def _may_overlap(terms: list[str]) -> bool:
    """Whether occurrences of two different terms can share characters."""
    for i, a in enumerate(terms):
        for b in terms[i + 1 :]:
            if a in b or b in a:
                return True
            for k in range(1, min(len(a), len(b))):
                if a.endswith(b[:k]) or b.endswith(a[:k]):
                    return True
    return False


def _bigrams_of(term: str) -> list[str]:
    return [term[i : i + 2] for i in range(len(term) - 1)]
