"""Exporting the notes of any document of the library, its file there or not.

A document whose file was moved or deleted keeps its notes, and they stay exportable: the
notes carry their own quotes, sections and context, so the study notes (Word, PDF, Markdown,
HTML, text, CSV, JSON) need only the document's title, source and date, which the library
keeps.  Only the annotated copy needs the text itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.core.document import Document
    from desktop_app.storage.library import LibraryEntry
    from desktop_app.storage.notes_store import NotesStore

NEEDS_TEXT = ("docx-annotated",)


def document_for_notes(entry: LibraryEntry, docs_cache: Path | None = None) -> tuple[Document, bool]:
    """(the document, whether it is the real text): read from its file, else a stand-in
    with the library's title, source, date and fingerprint (what a JSON export names)."""
    from desktop_app.core.doc_cache import load_document_cached
    from desktop_app.core.document import Document, Metadata
    from desktop_app.core.loader import DocumentError

    if not entry.missing:
        try:
            return load_document_cached(entry.path, docs_cache), True
        except (DocumentError, OSError):
            pass
    title = entry.title or Path(entry.path).stem
    doc = Document.from_paragraphs([title], path=entry.path, fingerprint=entry.fingerprint)
    doc.metadata = Metadata(title=title, issuer=entry.source, date=entry.date, head_paragraphs=(0,))
    return doc, False


def export_entry_notes(
    store: NotesStore, entry: LibraryEntry, fmt: str, out: Path, docs_cache: Path | None = None
) -> Path:
    """Write ``entry``'s notes (and bookmarks) to ``out`` in ``fmt``; ExportError when it cannot
    (the annotated copy of a document whose file is gone: the text is needed)."""
    from desktop_app.export import ExportError, ExportOptions, export_notes

    doc, real = document_for_notes(entry, docs_cache)
    if fmt in NEEDS_TEXT and not real:
        raise ExportError("needs_text", path=entry.path)
    options = ExportOptions(format=fmt, include_bookmarks=True)
    return export_notes(doc, store.annotations(entry.id), store.bookmarks(entry.id), options, out)
