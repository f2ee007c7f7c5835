"""The search index of one document: Whoosh for candidates and statistics, our scan for offsets.

Nothing here imports whoosh or jieba at import time; :meth:`SearchIndex.open`
does.  See ``desktop_app/search/__init__.py`` for the design in brief.  The
work of a search is split by step: ``planner.py`` (index or scan),
``collect.py`` (candidates and occurrences), ``ranking.py`` (BM25 and
bonuses), ``hits.py`` (hits in order, snippets from ``snippets.py``);
``building.py`` builds and checks the Whoosh indexes.
"""

from __future__ import annotations

import contextlib
import operator
import threading
import time
from array import array
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.search.building import (
    Progress,
    build_bigrams,
    build_words,
    check_bigrams,
    check_words,
    scaled,
)
from desktop_app.search.hits import HitsMixin
from desktop_app.search.normalization import NormalizedText, normalized
from desktop_app.search.planner import choose_plan
from desktop_app.search.query import ParsedQuery, parse_query
from desktop_app.search.ranking import K1, B
from desktop_app.search.results import SearchResult
from desktop_app.search.snippets import SECTION_SEPARATOR, make_snippet, paragraph_sections

if TYPE_CHECKING:
    from desktop_app.core.document import Document

__all__ = ["SECTION_SEPARATOR", "Progress", "SearchIndex", "make_snippet", "paragraph_sections"]


class SearchIndex(HitsMixin):
    """Full-text search over one :class:`Document`.

    Build it with :meth:`open` (from a worker thread: it may build the index).
    :meth:`search` is thread-safe and never raises for a query.
    """

    def __init__(
        self,
        doc: Document,
        nt: NormalizedText,
        root: Path,
        fingerprint: str,
        bi_ix: Any,
        sections: list[str] | None = None,
    ) -> None:
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
        # per paragraph, as arrays (8 bytes a paragraph; lists of ints took 36: ~6 MB more for
        # the 42,000 paragraphs of 10 MB)
        starts = nt.paragraph_starts if doc.paragraphs else array("q")
        if len(starts) != len(doc.paragraphs):
            raise ValueError("the document's paragraphs do not match its text")
        self._pstarts = starts
        # bisect_right(self._pnext, pos) = paragraph of pos; a list: bisect reads a list's items
        # directly, an array's through new int objects (every match of a common character)
        self._pnext = starts[1:].tolist()
        n = len(nt.norm)
        self._pends = array("q", map((-1).__add__, self._pnext))
        if starts:
            self._pends.append(n)
        self._plen = array("q", map(operator.sub, self._pends, self._pstarts))
        self._avglen = (sum(self._plen) / len(self._plen)) if self._plen else 1.0
        avg = self._avglen or 1.0
        self._norm_len = array("d", [K1 * (1.0 - B + B * n / avg) for n in self._plen])
        heads = {s.paragraph_index for s in doc.sections if not s.run_in}
        heads.update(doc.metadata.head_paragraphs[:1])
        self._headings = heads
        self._hidden = frozenset(doc.hidden_paragraphs())
        from desktop_app.core.display import clock_spans  # what else the reader does not show

        self._hidden_spans = [(nt.from_orig(a), nt.from_orig(b)) for a, b in clock_spans(doc)]
        self._sections = paragraph_sections(doc) if sections is None else sections
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
            store.part_dir(root, fingerprint, "words"), "words", expect, check_words
        )
        build_words = words and words_present is None
        split = 0.3 if build_words else 1.0

        sections = paragraph_sections(doc)  # (once: the build's stored fields and the index's)

        def build(folder: Path) -> None:
            build_bigrams(folder, doc, nt, fingerprint, scaled(progress, 0.0, split), sections)

        problem = ""
        try:
            bi_ix, built = store.obtain(
                root, fingerprint, "bigrams", expect, build, check_bigrams(fingerprint, doc)
            )
        except OSError as exc:  # cache folder not writable, disk full: search by scanning alone
            bi_ix, built, problem = None, False, f"search index not written: {exc}"
        index = cls(doc, nt, root, fingerprint, bi_ix, sections)
        index.built = ["bigrams"] if built else []
        index.problem = problem
        if words_present is not None:
            index._set_words(words_present)
        elif words and bi_ix is not None:
            try:
                index.ensure_words(scaled(progress, split, 1.0))
            except (OSError, ImportError) as exc:  # ranking without words, exact all the same
                index.problem = f"word index not written: {exc}"
        if progress is not None:
            progress(1.0)
        return index

    @staticmethod
    def _expect(doc: Document, fingerprint: str) -> dict[str, Any]:
        return {"fingerprint": fingerprint, "paragraphs": len(doc.paragraphs), "chars": len(doc.text)}

    def ensure_words(self, progress: Progress | None = None) -> bool:
        """Build (or reuse) jieba's word index for ranking; loads jieba.  Returns True if built."""
        from desktop_app.search import store

        with self._words_lock:
            if self._w is not None:
                return False
            expect = self._expect(self.document, self.fingerprint)
            nt = self.normalized

            def build(folder: Path) -> None:
                build_words(folder, nt, self._pstarts, self._pends, progress)

            w_ix, built = store.obtain(self._root, self.fingerprint, "words", expect, build, check_words)
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
        return choose_plan(pq, len(self.normalized.norm), None if self._broken else self._bi)
