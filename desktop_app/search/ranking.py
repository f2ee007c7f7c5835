"""Ranking: BM25 over the exact occurrence counts, times a word bonus and a heading bonus.

A mixin of :class:`desktop_app.search.engine.SearchIndex` (its state is set up there).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from desktop_app.search.collect import CandidatesMixin, bigrams_of
from desktop_app.search.fields import BIGRAM_FIELD, WORD_FIELD
from desktop_app.search.query import ParsedQuery

# Ranking: BM25 over exact occurrence counts, times a bonus where the term is one
# of jieba's words in the paragraph (not a match spanning two words), and a
# small bonus for headings.
K1 = 1.2
B = 0.75
WORD_BONUS = 1.0
HEADING_BONUS = 0.25
MAX_WORD_LENGTH = 12
_WORD_CACHE_ENTRIES = 1_000_000  # paragraphs held by the cache of recent words' postings


class RankingMixin(CandidatesMixin):
    """Scores of paragraphs for a query (every hit of a paragraph shares its score)."""

    _w: Any
    _broken: bool
    _plen: Sequence[int]
    _norm_len: Sequence[float]
    _headings: set[int]
    _word_cache: OrderedDict[str, frozenset[int]]
    _lexicon: dict[str, bool]
    _segments_cache: dict[str, tuple[str, ...]]
    _df_cache: dict[str, int]

    def _df(self, term: str) -> int:
        df = self._df_cache.get(term)
        if df is None:
            if len(term) >= 2 and self._bi is not None and not self._broken:
                reader = self._bi.reader()
                df = min(reader.doc_frequency(BIGRAM_FIELD, b) for b in bigrams_of(term))
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
            got = self._lexicon[word] = self._w.reader().doc_frequency(WORD_FIELD, word) > 0
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
            docs = frozenset(self._w.postings(WORD_FIELD, word).all_ids())
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
