"""Searching every document of the library at once.

Each document keeps its own index (reused from the cache folder, built when it was added
or first opened); a library search asks each one and groups the hits by document, best
document first.  ``LibrarySearch.prepare`` reads the documents and opens their indexes once
(on a worker in the window); each search after that only asks the open indexes.  A file
that is not where it was cannot be searched (its notes can: ``NotesStore.search_notes``);
it is listed in ``unavailable``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core import messages

if TYPE_CHECKING:
    from desktop_app.core.document import Document
    from desktop_app.search import SearchIndex, SearchResult
    from desktop_app.search.results import LibraryHit
    from desktop_app.storage.library import LibraryEntry

PER_DOCUMENT = 50  # hits listed per document (each document's count covers all)


@dataclass
class DocumentHits:
    """The hits of one document (``result.total`` counts them all)."""

    entry: LibraryEntry
    result: SearchResult

    @property
    def best(self) -> float:
        return max((h.score for h in self.result.hits[:1]), default=0.0)


@dataclass
class LibraryResult:
    query: str
    groups: list[DocumentHits] = field(default_factory=list)  # best document first
    total: int = 0  # hits in all documents
    notice: str = ""
    elapsed_ms: float = 0.0
    unavailable: list[tuple[LibraryEntry, str]] = field(default_factory=list)  # (entry, why)


class LibrarySearch:
    """The open indexes of the library's documents.  ``search`` is thread-safe."""

    def __init__(self, entries: list[LibraryEntry], cache_dir: Path | None) -> None:
        self.entries = [e for e in entries if e.in_library]
        self.cache_dir = cache_dir
        self.unavailable: list[tuple[LibraryEntry, str]] = []
        self._open: list[tuple[LibraryEntry, SearchIndex]] = []
        self._lock = threading.Lock()
        self.prepared = False

    def prepare(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancel: threading.Event | None = None,
        known: dict[str, Document] | None = None,
    ) -> None:
        """Read each document (the parsed-documents cache) and open its index (built if
        missing).  ``known``: documents already read, by id (the one open in the window)."""
        from desktop_app.core.doc_cache import load_document_cached
        from desktop_app.core.loader import DocumentError
        from desktop_app.search import SearchIndex

        docs_cache = self.cache_dir / "documents" if self.cache_dir is not None else None
        opened: list[tuple[LibraryEntry, SearchIndex]] = []
        unavailable: list[tuple[LibraryEntry, str]] = []
        for i, entry in enumerate(self.entries):
            if cancel is not None and cancel.is_set():
                for _e, ix in opened:
                    ix.close()
                return
            if progress is not None:
                progress(i, len(self.entries))
            doc = (known or {}).get(entry.id)
            if doc is None:
                if entry.missing:
                    unavailable.append((entry, messages.message("library_missing", path=entry.path)))
                    continue
                try:
                    doc = load_document_cached(entry.path, docs_cache)
                except (DocumentError, OSError, MemoryError, ValueError) as exc:
                    unavailable.append((entry, str(exc) or type(exc).__name__))
                    continue
            try:
                opened.append((entry, SearchIndex.open(doc, cache_dir=self.cache_dir, words=False)))
            except (OSError, ValueError) as exc:
                unavailable.append((entry, str(exc) or type(exc).__name__))
        with self._lock:
            old, self._open = self._open, opened
            self.unavailable = unavailable
            self.prepared = True
        for _e, ix in old:
            ix.close()
        if progress is not None:
            progress(len(self.entries), len(self.entries))

    def search(
        self, query: str, *, per_document: int = PER_DOCUMENT, limit: int | None = None
    ) -> LibraryResult:
        """Every document's hits for ``query`` (the query language of one document's search),
        at most ``per_document`` listed per document (0: all), at most ``limit`` documents."""
        from desktop_app.search import parse_query

        t0 = time.perf_counter()
        pq = parse_query(query)
        order = "document" if pq.plain else "rank"
        groups: list[DocumentHits] = []
        total = 0
        with self._lock:
            indexes = list(self._open)
            unavailable = list(self.unavailable)
        notice = pq.notice
        for entry, index in indexes:
            result = index.search(query, limit=per_document or None, order=order)
            if result.total:
                groups.append(DocumentHits(entry, result))
                total += result.total
        # best document first: for a plain word the most occurrences, else the best-ranked
        # paragraph (then the most hits); then the newest
        if pq.plain:
            groups.sort(key=lambda g: (-g.result.total, -g.best, _negated_date(g.entry.date)))
        else:
            groups.sort(key=lambda g: (-g.best, -g.result.total, _negated_date(g.entry.date)))
        if limit:
            groups = groups[:limit]
        elapsed = (time.perf_counter() - t0) * 1000
        return LibraryResult(query, groups, total, notice, elapsed, unavailable)

    def close(self) -> None:
        with self._lock:
            opened, self._open = self._open, []
        for _e, ix in opened:
            ix.close()

    def __enter__(self) -> LibrarySearch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def flat_hits(result: LibraryResult, limit: int | None = None) -> list[LibraryHit]:
    """The hits of every document in one list (best document first), each saying its document."""
    from desktop_app.search.results import LibraryHit

    out: list[LibraryHit] = []
    for group in result.groups:
        e = group.entry
        for h in group.result.hits:
            if limit is not None and len(out) >= limit:
                return out
            out.append(LibraryHit(*_fields(h), doc_id=e.id, title=e.title, path=e.path))
    return out


def _fields(h: object) -> tuple[object, ...]:
    return (h.start, h.end, h.paragraph_index, h.section, h.snippet, h.snippet_start, h.snippet_end, h.score)  # type: ignore[attr-defined]


def _negated_date(date: str) -> tuple[int, ...]:
    """A date sorted newest first (unknown last)."""
    digits = [int(p) for p in date.split("-") if p.isdigit()]
    return tuple(-d for d in digits) if digits else (1,)
