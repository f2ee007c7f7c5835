"""Full-text search built for Chinese, through Whoosh (issue 4).

The rest of the program imports only this package, never whoosh or jieba, and
importing it costs nothing: the heavy modules load on first use.

* :class:`SearchIndex` ``.open(doc)`` reuses or builds the document's index in
  the cache folder (call it from a worker thread); ``.search(query)`` returns a
  :class:`SearchResult` of :class:`Hit` (offsets into ``Document.text``).
* :func:`find_all` / :class:`NormalizedText`: exact normalised occurrences in a
  text, no index (the find bar, as the user types).
* :func:`warm_up_tokenizer`: load the word segmenter (worker thread).

Design, in brief:

* Normalisation (``normalization.py``): NFKC, case folding, invisible characters
  removed, spaces inside Chinese dropped; character by character, with a map
  back to original offsets.  Queries and text go through the same function.
* The index unit is the paragraph (stored: document id, offset, section path).
  Whoosh holds the normalised paragraph as overlapping character bigrams with
  positions (``analysis.py``): a query is the phrase of its bigrams (one
  character: a prefix), which finds every substring whatever the word
  boundaries.  Whoosh never highlights: offsets and snippets are computed by
  our scan of the candidate paragraphs, so long paragraphs are indexed whole.
* jieba's words are a second index, used only for ranking (a real word above a
  match spanning two words).  It is built after the bigrams (``words=False`` +
  :meth:`SearchIndex.ensure_words` lets a caller search before jieba is loaded;
  ranking is then BM25 only).  Queries never need jieba: a query's words are
  looked up in the word index's own vocabulary.
* Ranking: BM25 over the exact occurrence counts, times a word bonus and a
  heading bonus.  Each hit is one occurrence; hits share their paragraph's score.
* A planner picks, per query, Whoosh (candidate paragraphs from bigram phrases)
  or a scan of the whole normalised text (faster for small texts, frequent
  terms and one-character queries).  Both give identical hits (tested).
* Indexes live in ``<cache>/search/v<format>/<fingerprint>.{bigrams,words}``,
  are checked (sizes, hashes, Whoosh opening them) and rebuilt when stale, and
  are published by an atomic rename (``store.py``).  A fast writer feeds
  Whoosh's codec directly (``writer.py``; same postings as Whoosh's writer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop_app.search.results import Hit, SearchResult

if TYPE_CHECKING:
    from desktop_app.search.engine import SearchIndex
    from desktop_app.search.normalization import NormalizedText, find_all, normalize
    from desktop_app.search.query import ParsedQuery, parse_query
    from desktop_app.search.tokenizer import warm_up_tokenizer

__all__ = [
    "Hit",
    "NormalizedText",
    "ParsedQuery",
    "SearchIndex",
    "SearchResult",
    "find_all",
    "normalize",
    "parse_query",
    "warm_up_tokenizer",
]

_LAZY = {
    "SearchIndex": "desktop_app.search.engine",
    "NormalizedText": "desktop_app.search.normalization",
    "find_all": "desktop_app.search.normalization",
    "normalize": "desktop_app.search.normalization",
    "ParsedQuery": "desktop_app.search.query",
    "parse_query": "desktop_app.search.query",
    "warm_up_tokenizer": "desktop_app.search.tokenizer",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'desktop_app.search' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
