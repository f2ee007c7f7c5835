"""The planner: per query, Whoosh's bigram index or a scan of the whole normalised text.

Both plans give identical hits; this only estimates which is faster.
"""

from __future__ import annotations

from typing import Any

from desktop_app.search.collect import bigrams_of
from desktop_app.search.fields import BIGRAM_FIELD
from desktop_app.search.query import ParsedQuery

# Planner (calibrated on this machine with benchmarks/search.py, 10 MB): a
# whole-text scan costs SCAN_NS_PER_CHAR per character and term; the Whoosh path
# a fixed INDEX_BASE_NS, POSTING_NS per posting of the query's bigrams, and
# CANDIDATE_NS per candidate paragraph (our exact scan of it; the index holds no
# positions, so paragraphs holding every bigram of a term are its candidates).
SCAN_NS_PER_CHAR = 1.1
INDEX_BASE_NS = 300_000.0
POSTING_NS = 1_000.0
CANDIDATE_NS = 8_000.0
INDEX_MIN_CHARS = 400_000  # below this a scan always wins (the speech: a few microseconds)


def choose_plan(pq: ParsedQuery, n: int, bi: Any) -> str:
    """``"index"`` or ``"scan"`` for ``pq`` over ``n`` normalised characters.

    ``bi`` is the bigram index's searcher, or None when there is no usable index.
    """
    if bi is None or n < INDEX_MIN_CHARS:
        return "scan"
    all_terms = pq.terms + pq.excluded
    if any(len(t) < 2 for t in all_terms):
        return "scan"
    reader = bi.reader()
    index_cost = INDEX_BASE_NS
    group_est = []
    for terms, is_group in [(g, True) for g in pq.groups] + [([t], False) for t in pq.excluded]:
        est = 0
        for t in terms:
            dfs = [reader.doc_frequency(BIGRAM_FIELD, b) for b in bigrams_of(t)]
            index_cost += sum(dfs) * POSTING_NS
            est += min(dfs)
        if is_group:
            group_est.append(est)
    index_cost += min(group_est) * CANDIDATE_NS
    scan_cost = len(all_terms) * n * SCAN_NS_PER_CHAR
    return "index" if index_cost < scan_cost else "scan"
