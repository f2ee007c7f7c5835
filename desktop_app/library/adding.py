"""Adding files and folders to the library: each file read, registered and indexed.

``collect`` turns what the person chose (files, folders, a mix) into the files to read;
``add_files`` reads each (from the parsed-documents cache when unchanged), adds it to the
library and builds its search index, reporting progress per file, and says at the end
what was added, what was there already, and what could not be read and why.  One bad
file never stops the others.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core import messages
from desktop_app.core.formats import SUFFIXES

if TYPE_CHECKING:
    from desktop_app.storage.library import AddedDocument
    from desktop_app.storage.notes_store import NotesStore

MAX_FILES = 5_000  # files in one add (a whole drive chosen by mistake is refused, not crawled)

Progress = Callable[[int, int, str], None]  # (done, total, the file being read)


@dataclass
class AddSummary:
    """What one add did, for the summary the person sees."""

    added: list[AddedDocument] = field(default_factory=list)  # new to the library (or back)
    already: list[AddedDocument] = field(default_factory=list)  # there already, unchanged
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, why, in plain words)
    skipped: int = 0  # files in the folders that are not documents (images, archives ...)
    cancelled: bool = False

    @property
    def versions(self) -> list[AddedDocument]:
        """Added documents that look like new versions of documents already there."""
        return [a for a in self.added if a.versions]

    def lines(self) -> list[str]:
        """The summary in the language in effect, one line each."""
        out = [messages.message("library_added", added=len(self.added), already=len(self.already))]
        if self.skipped:
            out.append(messages.message("library_skipped", count=self.skipped))
        if self.failed:
            out.append(messages.message("library_failed", count=len(self.failed)))
            out.extend(f"  {messages.printable(Path(p).name)}: {why}" for p, why in self.failed)
        if self.cancelled:
            out.append(messages.message("library_cancelled"))
        return out


_LOCK_FILES = ("~$", ".~lock")  # Word's and LibreOffice's lock files beside an open document


def is_document_name(name: str) -> bool:
    return name.lower().endswith(SUFFIXES) and not name.startswith(_LOCK_FILES)


def collect(chosen: Iterable[str]) -> tuple[list[str], list[tuple[str, str]], int]:
    """(the files to read, what cannot be used and why, how many files were not documents).

    Folders are walked (their sub-folders too; hidden ones and symbolic links to folders
    are not followed, so a link loop cannot trap the walk).  A file chosen by name is read
    whatever its name says; in folders only document kinds are taken (SUFFIXES).
    """
    files: list[str] = []
    problems: list[tuple[str, str]] = []
    skipped = 0
    seen: set[str] = set()

    def take(path: str) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            files.append(path)

    for item in chosen:
        p = Path(item)
        try:
            is_dir = p.is_dir()
        except (OSError, ValueError):
            is_dir = False
        if not is_dir:
            take(str(p))  # the loader says what is wrong with it, if anything
            continue

        def walk_error(exc: OSError, item: str = item) -> None:
            problems.append((str(exc.filename or item), messages.os_reason(exc)))

        for root, dirs, names in os.walk(p, onerror=walk_error):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if is_document_name(name):
                    take(os.path.join(root, name))
                elif not name.startswith((".", *_LOCK_FILES)):
                    skipped += 1
            if len(files) > MAX_FILES:
                problems.append((str(p), messages.message("library_too_many", limit=MAX_FILES)))
                return files[:MAX_FILES], problems, skipped
    return files, problems, skipped


def add_files(
    store: NotesStore,
    files: list[str],
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    index: bool = True,
    cache_dir: Path | None = None,
) -> AddSummary:
    """Read, add and (``index``) index each of ``files``; never raises for one bad file.

    ``cancel`` set: stops after the file being read (what was added stays added).
    A StorageError (the database cannot be written) stops the add and is raised.
    """
    from desktop_app.core.doc_cache import load_document_cached
    from desktop_app.core.loader import DocumentError

    summary = AddSummary()
    docs_cache = cache_dir / "documents" if cache_dir is not None else None
    for i, path in enumerate(files):
        if cancel is not None and cancel.is_set():
            summary.cancelled = True
            break
        if progress is not None:
            progress(i, len(files), path)
        try:
            doc = load_document_cached(path, docs_cache)
        except DocumentError as exc:
            summary.failed.append((path, str(exc)))
            continue
        except (OSError, MemoryError, ValueError) as exc:  # a reader's own failure
            summary.failed.append(
                (path, messages.message("library_unreadable", error=str(exc) or type(exc).__name__))
            )
            continue
        added = store.add_to_library(doc)
        fresh = added.report.matched_by == "new" or added.was_removed or added.report.text_changed
        (summary.added if fresh else summary.already).append(added)
        if index and cache_dir is not None:
            _index(doc, cache_dir)
    if progress is not None and not summary.cancelled:
        progress(len(files), len(files), "")
    return summary


def _index(doc: object, cache_dir: Path) -> None:
    """Build (or find) the document's search index now, so searching the library is quick;
    a cache that cannot be written only means a slower search later."""
    from desktop_app.search import SearchIndex

    with contextlib.suppress(OSError):
        SearchIndex.open(doc, cache_dir=cache_dir, words=False).close()  # type: ignore[arg-type]
