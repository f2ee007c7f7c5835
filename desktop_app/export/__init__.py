"""Export notes to documents (Word, Markdown, HTML, PDF, text, CSV, W3C JSON) and import them back.

Cheap to import (no python-docx, no Qt): each format lives in its own module, imported
when used.  The export dialog and ``desktop-app notes export/import`` call only this API:

* :data:`FORMATS`, :class:`ExportOptions`, :func:`select_annotations`, :func:`preview_text`,
  :func:`default_file_name`;
* :func:`export_notes` - writes atomically (temporary file in the target folder, then
  ``os.replace``) and raises :class:`ExportError` (``str()`` = the user message);
* :func:`plan_import` -> :class:`~desktop_app.export.importer.ImportPlan`, then :func:`apply_import`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.folding import fold
from desktop_app.export.messages import label

if TYPE_CHECKING:
    from desktop_app.core.annotations import Annotation, Bookmark
    from desktop_app.core.document import Document
    from desktop_app.export.importer import ImportPlan
    from desktop_app.storage.notes_store import NotesStore

from desktop_app.export.options import (  # the package's API; the writers import them from there
    FORMATS,
    STYLED_FORMATS,
    STYLES,
    ExportError,
    ExportOptions,
    FormatInfo,
    Progress,
)


def select_annotations(annotations: Iterable[Annotation], options: ExportOptions) -> list[Annotation]:
    """The annotations the options ask for, in reading order (orphans last)."""
    from desktop_app.storage.search import matches

    out: list[Annotation] = []
    for a in annotations:
        if options.colors is not None and a.color not in options.colors:
            continue
        if options.tags is not None and not options.tags.intersection(a.tags):
            continue
        if options.text and not matches(options.text, a.note, a.exact, " ".join(a.tags)):
            continue
        if a.is_orphan:
            if not options.include_orphans or options.section_start is not None:
                continue
        elif options.section_start is not None and not (
            options.section_start
            <= a.start
            < (options.section_end if options.section_end is not None else 1 << 62)
        ):
            continue
        out.append(a)
    return sorted(out, key=lambda a: (a.is_orphan, a.start, a.end, a.created))


def select_bookmarks(bookmarks: Iterable[Bookmark], options: ExportOptions) -> list[Bookmark]:
    if not options.include_bookmarks:
        return []
    out = []
    for b in bookmarks:
        if options.section_start is not None and (
            b.is_orphan or not options.section_start <= b.offset < (options.section_end or 1 << 62)
        ):
            continue
        out.append(b)
    return sorted(out, key=lambda b: (b.is_orphan, b.offset))


def section_range(doc: Document, title: str) -> tuple[int, int]:
    """``(start, end)`` of the one section titled ``title`` (exact, else the only one containing it)."""

    def norm(s: str) -> str:
        return fold(s).strip()

    want = norm(title)
    exact = [s for s in doc.sections if norm(s.title) == want]
    found = exact or [s for s in doc.sections if want and want in norm(s.title)]
    if len(found) != 1:
        raise ExportError("unknown_section", title=title)
    return found[0].start, found[0].end


def export_notes(
    doc: Document,
    annotations: list[Annotation],
    bookmarks: list[Bookmark],
    options: ExportOptions,
    out: Path,
    progress: Progress | None = None,
) -> Path:
    """Write the selected notes of ``doc`` to ``out`` in ``options.format``; returns ``out``.

    ``annotations``/``bookmarks`` are filtered with :func:`select_annotations` here.  The file
    appears complete or not at all (an existing file is replaced only on success, keeping its
    mode and owner).  ``out`` is checked first (:mod:`desktop_app.export.targets`): a name
    Windows cannot hold or too long, a device, FIFO, socket or folder, a missing or read-only
    folder are refused with a message before anything is drawn; a symlink is written through.
    """
    from desktop_app.export.atomic import atomic_write

    if options.format not in FORMATS:
        raise ExportError("unknown_format", format=options.format)
    anns = select_annotations(annotations, options)
    bms = select_bookmarks(bookmarks, options)

    def produce() -> bytes:
        return _writer(options.format)(doc, anns, bms, options, progress)

    result = atomic_write(Path(out), produce)
    if progress is not None:
        progress(1.0)
    return result


def _writer(fmt: str) -> Callable[..., bytes]:
    """The format's writer: ``(doc, annotations, bookmarks, options, progress) -> bytes``."""
    if fmt == "docx":
        from desktop_app.export.docx_notes import write_docx

        return write_docx
    if fmt == "docx-annotated":
        from desktop_app.export.docx_annotated import write_annotated

        return write_annotated
    if fmt == "pdf":
        from desktop_app.export.pdf import write_pdf

        return write_pdf
    if fmt == "json":
        from desktop_app.export.w3c import write_json

        return write_json
    if fmt in ("outline", "outline-md"):
        from desktop_app.export import study_outline

        return study_outline.write_outline_docx if fmt == "outline" else study_outline.write_outline_md
    from desktop_app.export import text_formats

    return text_formats.WRITERS[fmt]


def preview_text(doc: Document, annotations: list[Annotation], options: ExportOptions, limit: int = 5) -> str:
    """A plain-text preview of the first ``limit`` entries the options select (for the dialog)."""
    from desktop_app.export.text_formats import render_txt

    anns = select_annotations(annotations, options)
    text = render_txt(doc, anns[:limit], [], options, header=False)
    if not anns:
        return label("none")
    if len(anns) > limit:
        text += "\n" + label("more", count=len(anns) - limit)
    return text


_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


def safe_file_name(name: str, *, limit: int = 120) -> str:
    """``name`` made valid on Windows, macOS and Linux (no reserved characters or names)."""
    from desktop_app.export.targets import windows_device

    name = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip().rstrip(". ")
    name = name[:limit].rstrip(". ")
    if not name or windows_device(name):
        name = "_" + name
    return name


def default_file_name(doc: Document, options: ExportOptions, today: date | None = None) -> str:
    """E.g. ``推进机关党建与全市中心工作深度融合-学习笔记-2026-11-24.docx``."""
    title = doc.title.split("——")[0].split("--")[0].strip() or "yandu"
    if len(title) > 30:
        title = title[:29] + "…"
    kind = label("annotated") if options.format == "docx-annotated" else label("notes_of")
    day = (today or date.today()).isoformat()
    ext = FORMATS[options.format].extension if options.format in FORMATS else ""
    return safe_file_name(f"{title}-{kind}-{day}") + ext


def plan_import(store: NotesStore, doc: Document, path: Path, *, allow_skips: bool = False) -> ImportPlan:
    """Read ``path`` (W3C Web Annotation JSON) and work out what importing it would change.

    A file with malformed entries is refused whole (``ExportError("import_bad_items")``), so
    nothing is half-imported, unless ``allow_skips`` (then the plan lists what it leaves out).
    """
    from desktop_app.export.importer import plan_import as plan

    result = plan(store, doc, Path(path))
    if result.skipped and not allow_skips:
        first = result.skipped[0]
        first_text = f"{first.label}: {first.reason}"
        raise ExportError("import_bad_items", count=len(result.skipped), first=first_text)
    return result


def apply_import(store: NotesStore, plan: ImportPlan) -> None:
    """Apply a plan from :func:`plan_import` in one transaction (all or nothing)."""
    from desktop_app.export.importer import apply_import as apply

    apply(store, plan)


__all__ = [
    "FORMATS",
    "STYLED_FORMATS",
    "STYLES",
    "ExportError",
    "ExportOptions",
    "FormatInfo",
    "Progress",
    "apply_import",
    "default_file_name",
    "export_notes",
    "plan_import",
    "preview_text",
    "safe_file_name",
    "section_range",
    "select_annotations",
    "select_bookmarks",
]
