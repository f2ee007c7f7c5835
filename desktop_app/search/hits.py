"""Hits: the matches of a query as :class:`Hit` (original offsets, section, snippet, score), in order.

A mixin of :class:`desktop_app.search.engine.SearchIndex` (its state is set up there).
"""

from __future__ import annotations

import heapq
from collections import Counter
from itertools import repeat
from typing import TYPE_CHECKING

from desktop_app.search.query import ParsedQuery
from desktop_app.search.ranking import RankingMixin
from desktop_app.search.results import Hit, HitList
from desktop_app.search.snippets import SECTION_SEPARATOR, make_snippet

if TYPE_CHECKING:
    from desktop_app.core.document import Document


class HitsMixin(RankingMixin):
    """Running a parsed query with a plan ("index" or "scan") into ranked or ordered hits."""

    document: Document
    _sections: list[str]
    _interior: set[int]

    def _run(self, pq: ParsedQuery, limit: int | None, order: str, plan: str) -> tuple[HitList, int]:
        terms = pq.terms
        if plan == "scan" and order == "document" and pq.plain:
            return self._run_plain_in_order(terms[0], limit)
        cand, occ = self._collect(pq, plan)
        tfs = {t: self._tf(occ, t) for t in terms}
        nt = self.normalized
        if nt.has_expansions or (len(terms) > 1 and _may_overlap(terms)):
            total = sum(len(self._para_spans(occ, terms, p)) for p in cand)
        elif len(terms) == 1 and len(pq.groups) == 1 and not pq.excluded:
            total = sum(tfs[terms[0]].values())
        else:
            total = sum(tf.get(p, 0) for tf in tfs.values() for p in cand)
        want = total if limit is None else max(0, min(limit, total))
        if not want:
            return HitList(0, self._hit_at), total
        if order == "rank":
            scores = self._scores(pq, tfs, cand)
            if limit is not None and want < len(cand):
                paras = [p for _neg, p in heapq.nsmallest(want, ((-v, p) for p, v in scores.items()))]
            else:  # best first, ties in reading order (a stable sort of the paragraphs in order)
                paras = sorted(sorted(scores), key=scores.__getitem__, reverse=True)
        else:
            paras = cand[:want]  # each paragraph holds at least one hit
            scores = self._scores(
                pq, {t: {p: tf[p] for p in paras if p in tf} for t, tf in tfs.items()}, paras
            )
        if len(terms) == 1 and not nt.has_expansions:
            # one term: its normalised starts, paragraph by paragraph; original offsets when read
            term = terms[0]
            if occ[term] is None and want == total and not pq.excluded:  # every scanned start
                starts, owners = self._grouped(term, paras)
            else:
                starts, owners = [], []
                for p in paras:
                    found = self._occurrences(occ, term, p)
                    starts.extend(found[: want - len(starts)])
                    owners.extend(repeat(p, len(starts) - len(owners)))
                    if len(starts) >= want:
                        break
            return self._lazy_norm_hits(starts, owners, len(term), scores), total
        rows: list[tuple[int, int, int, float]] = []
        for p in paras:
            score = scores.get(p, 0.0)
            for a, b in self._para_spans(occ, terms, p):
                rows.append((p, a, b, score))
                if len(rows) >= want:
                    return HitList(len(rows), lambda i: self._hit(*rows[i])), total
        return HitList(len(rows), lambda i: self._hit(*rows[i])), total

    def _grouped(self, term: str, paras: list[int]) -> tuple[list[int], list[int]]:
        """Every scanned start of ``term`` with its paragraph, paragraphs in the order of ``paras``.

        A stable sort of the hits by their paragraph's place (left to right inside one), in C.
        """
        starts, owners = self._scan(term)
        place = {p: k for k, p in enumerate(paras)}
        keys = list(map(place.__getitem__, owners))
        order = sorted(range(len(keys)), key=keys.__getitem__)
        return list(map(starts.__getitem__, order)), list(map(owners.__getitem__, order))

    def _lazy_norm_hits(
        self, starts: list[int], owners: list[int], size: int, scores: dict[int, float]
    ) -> HitList:
        """Hits at normalised ``starts`` (paragraph ``owners``), mapped to the original when read."""
        to_orig = self.normalized.span_to_orig

        def make(i: int) -> Hit:
            s, p = starts[i], owners[i]
            a, b = to_orig(s, s + size)
            return self._hit(p, a, b, scores.get(p, 0.0))

        return HitList(len(starts), make)

    def _hit_at(self, i: int) -> Hit:
        raise IndexError(i)  # an empty list has no hits to make

    def _run_plain_in_order(self, term: str, limit: int | None) -> tuple[HitList, int]:
        """One term, left to right: the first ``limit`` occurrences, no ranking of all paragraphs."""
        starts, paras = self._scan(term)
        nt = self.normalized
        pq = ParsedQuery(raw=term, groups=[[term]], plain=True)
        if not nt.has_expansions:
            total = len(starts)
            want = total if limit is None else max(0, min(limit, total))
            if want < total:
                head_paras = set(paras[:want])
                tf = {p: self._pcount(starts, p) for p in head_paras}  # whole paragraphs' counts
                starts, paras = starts[:want], paras[:want]
            else:
                tf = Counter(paras)
            scores = self._scores(pq, {term: tf}, list(tf))
            return self._lazy_norm_hits(starts, paras, len(term), scores), total
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
        scores = self._scores(pq, {term: {p: self._pcount(starts, p) for p in head}}, head)
        rows = [(p, a, b, scores.get(p, 0.0)) for p, x in spans for a, b in x][:want]
        return HitList(len(rows), lambda i: self._hit(*rows[i])), total

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
