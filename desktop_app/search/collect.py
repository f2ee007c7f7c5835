"""Candidate paragraphs and exact occurrences: Whoosh's bigram phrases or our scan of the text.

A mixin of :class:`desktop_app.search.engine.SearchIndex` (its state is set up there).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, OrderedDict
from collections.abc import Sequence
from itertools import repeat
from typing import Any

from desktop_app.search.fields import BIGRAM_FIELD
from desktop_app.search.normalization import NormalizedText
from desktop_app.search.query import ParsedQuery

# Caches of recent terms (typing a query repeats its prefixes), bounded by entries held.
_SCAN_CACHE_TERMS = 32
_SCAN_CACHE_ENTRIES = 1_000_000
_start_of = re.Match.start


def bigrams_of(term: str) -> list[str]:
    """The consecutive bigrams of a query term (none for one character)."""
    return [term[i : i + 2] for i in range(len(term) - 1)]


class CandidatesMixin:
    """Finding the paragraphs that match a query, and where each term occurs in them."""

    normalized: NormalizedText
    _bi: Any
    _pstarts: Sequence[int]
    _pnext: list[int]
    _pends: Sequence[int]
    _hidden: frozenset[int]  # paragraphs the reader does not show: never a hit
    _hidden_spans: list[tuple[int, int]]  # normalised spans it does not show (a byline's clock)
    _scan_cache: OrderedDict[str, tuple[list[int], list[int]]]

    def _scan(self, term: str) -> tuple[list[int], list[int]]:
        """Every normalised occurrence of ``term`` and the paragraph of each."""
        cached = self._scan_cache.get(term)
        if cached is not None:
            self._scan_cache.move_to_end(term)
            return cached
        pattern = re.compile(re.escape(term))
        starts = list(map(_start_of, pattern.finditer(self.normalized.norm)))
        paras = list(map(bisect.bisect_right, repeat(self._pnext), starts))
        if self._hidden:
            hidden = self._hidden
            kept = [i for i, p in enumerate(paras) if p not in hidden]
            if len(kept) != len(paras):
                starts, paras = [starts[i] for i in kept], [paras[i] for i in kept]
        if self._hidden_spans:
            kept = [i for i, s in enumerate(starts) if not self._in_hidden_span(s)]
            if len(kept) != len(starts):
                starts, paras = [starts[i] for i in kept], [paras[i] for i in kept]
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
                return wq.Prefix(BIGRAM_FIELD, t)
            grams = sorted(set(bigrams_of(t)))  # paragraphs holding every bigram: candidates
            return (
                wq.Term(BIGRAM_FIELD, grams[0])
                if len(grams) == 1
                else wq.And([wq.Term(BIGRAM_FIELD, g) for g in grams])
            )

        def group_query(g: list[str]) -> Any:
            return term_query(g[0]) if len(g) == 1 else wq.Or([term_query(t) for t in g])

        q = group_query(pq.groups[0]) if len(pq.groups) == 1 else wq.And([group_query(g) for g in pq.groups])
        # Excluded terms are not subtracted here: a paragraph holding all of a term's bigrams may
        # not hold the term (no positions); _collect's exact scan drops the ones that do.
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
            if p in self._hidden:
                continue
            s, e = self._pstarts[p], self._pends[p]
            if any(norm.find(t, s, e) >= 0 for t in pq.excluded):
                continue
            lists = {t: list(map(_start_of, patterns[t].finditer(norm, s, e))) for t in terms}
            if self._hidden_spans:
                lists = {t: [x for x in v if not self._in_hidden_span(x)] for t, v in lists.items()}
            if all(any(lists[t] for t in g) for g in pq.groups):
                out.append(p)
                for t in terms:
                    if lists[t]:
                        per[t][p] = lists[t]
        occ.update(per)
        return out, occ

    def _in_hidden_span(self, position: int) -> bool:
        return any(a <= position < b for a, b in self._hidden_spans)

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
