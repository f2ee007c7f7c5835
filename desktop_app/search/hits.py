"""Hits: the matches of a query as :class:`Hit` (original offsets, section, snippet, score), in order.

A mixin of :class:`desktop_app.search.engine.SearchIndex` (its state is set up there).
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

from desktop_app.search.query import ParsedQuery
from desktop_app.search.ranking import RankingMixin
from desktop_app.search.results import Hit
from desktop_app.search.snippets import SECTION_SEPARATOR, make_snippet

if TYPE_CHECKING:
    from desktop_app.core.document import Document


class HitsMixin(RankingMixin):
    """Running a parsed query with a plan ("index" or "scan") into ranked or ordered hits."""

    document: Document
    _sections: list[str]
    _interior: set[int]

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
