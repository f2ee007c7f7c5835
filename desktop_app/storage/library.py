"""The library: every document the person opened or added, in the notes database.

The ``documents`` table is the library (schema version 3): where the file is, its title,
source and date, format and size, when it was added and last opened, the reading position
and progress, whether it was removed (its notes are kept unless deleted with it), and which
earlier version it continues.  The notes store offers these methods (``LibraryMixin``); the
window, the command line and ``desktop_app.library`` (adding files, searching them all)
use them.  No Qt.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.annotations import ORPHAN, Annotation, Bookmark, new_id, now_iso
from desktop_app.core.similarity import SAME_DOCUMENT, SAME_TITLE_SHARE, kept_share
from desktop_app.storage import rows
from desktop_app.storage.db import StorageError
from desktop_app.storage.documents import OpenReport, apply_open, norm_path, plan_open, reanchor_notes

if TYPE_CHECKING:
    from desktop_app.core.document import Document

_ENTRY_SELECT = """SELECT d.id, d.title, d.path, d.source, d.doc_date, d.format, d.size, d.chars,
    d.first_seen, d.last_opened, d.position, d.progress, d.in_library, d.version_of, d.fingerprint,
    (SELECT COUNT(*) FROM annotations a WHERE a.doc_id = d.id) AS notes
    FROM documents d"""


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One document of the library, as the library view and ``library list`` show it."""

    id: str
    title: str
    path: str
    source: str  # the issuer (from the head of the text)
    date: str  # the document's own date, YYYY-MM-DD ("" unknown)
    format: str  # txt, docx, pdf, ofd ...
    size: int  # bytes of the file when last seen
    chars: int
    added: str  # ISO time
    last_opened: str  # ISO time, "" never in the window
    position: int
    progress: float  # 0..1
    in_library: bool
    version_of: str  # the earlier version's id, "" none
    fingerprint: str
    notes: int

    @classmethod
    def from_row(cls, r: tuple[object, ...]) -> LibraryEntry:
        id_, title, path, source, date, kind, size, chars, added, opened, pos, progress, kept, ver, fp, n = r
        return cls(
            str(id_),
            rows.text_value(title),
            rows.path_value(path),
            rows.text_value(source),
            str(date or ""),
            str(kind or ""),
            int(size or 0),  # type: ignore[call-overload]
            int(chars or 0),  # type: ignore[call-overload]
            str(added),
            str(opened or ""),
            int(pos or 0),  # type: ignore[call-overload]
            float(progress or 0.0),  # type: ignore[arg-type]
            bool(kept),
            str(ver or ""),
            str(fp),
            int(n or 0),  # type: ignore[call-overload]
        )

    @property
    def missing(self) -> bool:
        """The file is not where it was last seen (moved, deleted, an unplugged drive)."""
        try:
            return not self.path or not Path(self.path).is_file()
        except (OSError, ValueError):
            return True

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "path": self.path,
            "source": self.source,
            "date": self.date,
            "format": self.format,
            "size": self.size,
            "chars": self.chars,
            "added": self.added,
            "last_opened": self.last_opened,
            "position": self.position,
            "progress": round(self.progress, 4),
            "notes": self.notes,
            "missing": self.missing,
            "version_of": self.version_of,
        }


@dataclass(frozen=True, slots=True)
class AddedDocument:
    """What adding one text to the library did."""

    report: OpenReport  # matched_by "new": added; else it was there already (same text or path)
    entry: LibraryEntry
    was_removed: bool  # it had been removed from the library and is back
    versions: tuple[tuple[LibraryEntry, float], ...]  # earlier versions it may continue (share kept)


@dataclass(frozen=True, slots=True)
class CarriedNotes:
    """Notes of an earlier version carried onto a new one (new ids; the old ones stay)."""

    carried: int
    orphans: tuple[Annotation, ...]  # carried, but their passage is not in the new text
    bookmarks: int


class LibraryMixin:
    """The library's methods of :class:`~desktop_app.storage.notes_store.NotesStore`."""

    if TYPE_CHECKING:
        _lock: object
        _conn: sqlite3.Connection
        read_only: bool
        path: Path
        _known_docs: set[str]
        _doc_by_fingerprint: dict[str, str]
        _unsigned: dict[str, Document]

        def _read(self, sql: str, params: tuple[object, ...] = (), *, plain: bool = False) -> list: ...
        def _write(self) -> contextlib.AbstractContextManager[sqlite3.Connection]: ...
        def _write_one(self, sql: str, params: tuple[object, ...]) -> int: ...
        def annotations(self, doc_id: str) -> list[Annotation]: ...
        def bookmarks(self, doc_id: str) -> list[Bookmark]: ...

    # ----- reading ----------------------------------------------------------------------

    def library(self, *, removed: bool = False) -> list[LibraryEntry]:
        """The documents of the library, last opened (else added) first; ``removed``: those too."""
        where = "" if removed else " WHERE d.in_library = 1"
        sql = f"{_ENTRY_SELECT}{where} ORDER BY MAX(d.last_opened, d.first_seen) DESC"
        return [LibraryEntry.from_row(r) for r in self._read(sql, plain=True)]

    def library_entry(self, doc_id: str) -> LibraryEntry | None:
        found = self._read(f"{_ENTRY_SELECT} WHERE d.id = ?", (doc_id,), plain=True)
        return LibraryEntry.from_row(found[0]) if found else None

    def library_ids(self, prefix: str) -> list[str]:
        """The ids starting with ``prefix`` (the command line takes the first 8 characters)."""
        like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return [r[0] for r in self._read("SELECT id FROM documents WHERE id LIKE ? ESCAPE '\\'", (like,))]

    def version_candidates(self, doc_id: str) -> list[tuple[LibraryEntry, float]]:
        """Documents of the library ``doc_id`` may be a new version of: the same title, or
        most of their sentences kept (core.similarity); best first, with the share kept."""
        mine = self._read("SELECT title, signature, version_of FROM documents WHERE id = ?", (doc_id,))
        if not mine:
            return []
        title, sig = rows.text_value(mine[0]["title"]).strip(), mine[0]["signature"]
        out: list[tuple[LibraryEntry, float]] = []
        for r in self._read(
            "SELECT id, title, signature FROM documents WHERE id != ? AND in_library = 1", (doc_id,)
        ):
            share = kept_share(r["signature"], sig)
            same_title = bool(title) and rows.text_value(r["title"]).strip() == title
            # the same title with some text in common (a generic title such as 通知 alone is not enough)
            if share >= SAME_DOCUMENT or (same_title and share >= SAME_TITLE_SHARE):
                entry = self.library_entry(r["id"])
                if entry is not None and entry.version_of != doc_id:  # not its own later version
                    out.append((entry, share))
        return sorted(out, key=lambda pair: (-pair[1], pair[0].added))

    def signature(self, doc_id: str) -> bytes | None:
        """The document's sentence signature (core.similarity), None if unknown."""
        found = self._read("SELECT signature FROM documents WHERE id = ?", (doc_id,))
        return found[0][0] if found else None

    def sign_document(self, doc_id: str, doc: Document, pause: float = 0.0) -> bool:
        """Compute and keep ``doc``'s sentence signature if its row has none for this text.
        Computed without the store's lock (10 MB: ~0.15-0.3 s; ``pause``: see
        ``core.similarity.sentence_hashes``).  True if written."""
        from desktop_app.core.similarity import signature

        found = self._read("SELECT fingerprint, signature FROM documents WHERE id = ?", (doc_id,))
        if not found or found[0][1] is not None or found[0][0] != doc.fingerprint:
            return False
        blob = signature(doc.text, pause)
        sql = "UPDATE documents SET signature = ? WHERE id = ? AND fingerprint = ? AND signature IS NULL"
        return self._write_one(sql, (blob, doc_id, doc.fingerprint)) > 0

    @property
    def signing_due(self) -> bool:
        """Documents opened with ``open_document(sign=False)`` wait for :meth:`sign_pending`."""
        return bool(self._unsigned)

    def sign_pending(self, pause: float = 0.0, *, keep: Document | None = None) -> int:
        """Sign the documents opened with ``sign=False`` since, but the document ``keep`` (the
        window calls this once it is idle, and for those it left; :meth:`close` does for any
        left).  Each is taken off the list before it is computed, so two callers never compute
        one twice.  How many were written."""
        signed = 0
        while True:
            with self._lock:  # type: ignore[attr-defined]
                doc_id = next((d for d, doc in self._unsigned.items() if doc is not keep), "")
                if not doc_id:
                    return signed
                doc = self._unsigned.pop(doc_id)
            signed += self.sign_document(doc_id, doc, pause)

    def reading_place(self, doc_id: str) -> tuple[int, float]:
        found = self._read("SELECT position, progress FROM documents WHERE id = ?", (doc_id,))
        return (int(found[0][0]), float(found[0][1])) if found else (0, 0.0)

    # ----- changing -------------------------------------------------------------------------

    def add_to_library(self, doc: Document) -> AddedDocument:
        """Add ``doc`` (read from its file): a new entry, or the one with the same text or path
        (a removed one comes back).  Never merged by title: a revised text is a new entry, and
        ``versions`` lists what it may continue (carry_notes moves their notes over)."""
        with self._lock:  # type: ignore[attr-defined]
            with self._write() as c:
                plan = plan_open(c, doc, by_title=False)
                was = c.execute("SELECT in_library FROM documents WHERE id = ?", (plan.report.doc_id,))
                before = was.fetchone()
                apply_open(c, plan)
            self._known_docs.add(plan.report.doc_id)
            self._doc_by_fingerprint[doc.fingerprint] = plan.report.doc_id
            entry = self.library_entry(plan.report.doc_id)
            assert entry is not None
            versions = tuple(self.version_candidates(entry.id)) if plan.report.matched_by == "new" else ()
            return AddedDocument(plan.report, entry, bool(before is not None and not before[0]), versions)

    def remove_from_library(self, doc_id: str, *, delete_notes: bool = False) -> int:
        """Take ``doc_id`` out of the library; its notes stay (found again when the file is
        opened or added again) unless ``delete_notes``: then they go with it.  Returns how
        many notes and bookmarks were deleted."""
        with self._write() as c:
            if not c.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
                raise StorageError("no_document")
            if not delete_notes:
                c.execute("UPDATE documents SET in_library = 0 WHERE id = ?", (doc_id,))
                return 0
            gone = c.execute("DELETE FROM annotations WHERE doc_id = ?", (doc_id,)).rowcount
            gone += c.execute("DELETE FROM bookmarks WHERE doc_id = ?", (doc_id,)).rowcount
            c.execute("UPDATE documents SET version_of = '' WHERE version_of = ?", (doc_id,))
            c.execute("DELETE FROM document_versions WHERE doc_id = ?", (doc_id,))
            c.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        self._known_docs.discard(doc_id)
        for fp in [f for f, d in self._doc_by_fingerprint.items() if d == doc_id]:
            del self._doc_by_fingerprint[fp]
        return gone

    def relocate(self, doc_id: str, path: str) -> None:
        """The file of ``doc_id`` is now at ``path`` (found again after a move).  Its notes are
        re-anchored when it is next opened if the text there differs."""
        if not self._write_one(
            "UPDATE documents SET path = ?, in_library = 1 WHERE id = ?",
            (rows.path_param(norm_path(path)), doc_id),
        ):
            raise StorageError("no_document")

    def mark_opened(self, doc_id: str) -> None:
        """The window shows ``doc_id`` now (the library's "last opened")."""
        sql = "UPDATE documents SET last_opened = ?, in_library = 1 WHERE id = ?"
        self._write_one(sql, (now_iso(), doc_id))

    def set_reading_place(self, doc_id: str, position: int, progress: float) -> None:
        self._write_one(
            "UPDATE documents SET position = ?, progress = ? WHERE id = ?",
            (max(0, int(position)), min(1.0, max(0.0, float(progress))), doc_id),
        )

    def adopt_positions(self, positions: dict[str, int]) -> set[str]:
        """Reading positions kept elsewhere before (the settings file, by fingerprint) moved
        in: each goes to the document whose current text has that fingerprint, unless it has
        one already.  Returns the fingerprints placed (the others are for texts not stored)."""
        placed: set[str] = set()
        if not positions:
            return placed
        with self._write() as c:
            for fp, pos in positions.items():
                r = c.execute("SELECT id, position FROM documents WHERE fingerprint = ?", (fp,)).fetchone()
                if r is None:
                    continue
                if not r[1] and pos > 0:
                    c.execute("UPDATE documents SET position = ? WHERE id = ?", (int(pos), r[0]))
                placed.add(fp)
        return placed

    def carry_notes(self, old_id: str, new_doc: Document, target_id: str) -> CarriedNotes:
        """Copy the notes and bookmarks of ``old_id`` onto ``target_id`` (its new version,
        ``new_doc``), re-anchored to the new text; both versions keep theirs.  The new one
        records which version it continues."""
        if old_id == target_id:
            raise StorageError("no_document")
        anns = [replace(a, id=new_id(), doc_id=target_id) for a in self.annotations(old_id)]
        bms = [replace(b, id=new_id(), doc_id=target_id) for b in self.bookmarks(old_id)]
        placed_a, placed_b = reanchor_notes(new_doc, anns, bms)
        with self._write() as c:
            for who in (old_id, target_id):
                if not c.execute("SELECT 1 FROM documents WHERE id = ?", (who,)).fetchone():
                    raise StorageError("no_document")
            for a in placed_a:
                c.execute(rows.ANNOTATION_UPSERT, rows.annotation_params(a))
            for b in placed_b:
                c.execute(rows.BOOKMARK_UPSERT, rows.bookmark_params(b))
            c.execute("UPDATE documents SET version_of = ? WHERE id = ?", (old_id, target_id))
        orphans = tuple(a for a in placed_a if a.status == ORPHAN)
        return CarriedNotes(len(placed_a), orphans, len(placed_b))
