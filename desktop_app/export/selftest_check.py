"""The selftest's export check: a note on the speech -> .docx -> read back with python-docx; and
-> .pdf (Yandu's own writer, the bundled font unpacked and subset) -> read back with PDFium."""

from __future__ import annotations

import tempfile
from pathlib import Path

from desktop_app.core.document import Document


def check_export(ctx: dict[str, object]) -> str:
    """Add a note to the speech in the (temporary) data folder, export Word, read the file back."""
    import docx
    from docx.oxml.ns import qn

    from desktop_app.core.annotations import new_annotation
    from desktop_app.core.formats.pdf import read as read_pdf
    from desktop_app.core.loader import load_document
    from desktop_app.export import ExportOptions, export_notes
    from desktop_app.paths import bundled_speech
    from desktop_app.storage.notes_store import NotesStore

    doc = ctx.get("doc")
    if not isinstance(doc, Document):
        doc = load_document(bundled_speech())
    section = next((s for s in doc.sections if s.end - s.start > 40), None)
    start = (section.start if section else doc.paragraphs[-1].start) + 10
    note = "自检导出 selftest export"
    store = NotesStore()
    try:
        doc_id = store.open_document(doc)
        ann = store.add(new_annotation(doc, start, start + 12, color="blue", note=note, doc_id=doc_id))
        anns, bms = store.annotations(doc_id), store.bookmarks(doc_id)
    finally:
        store.close()
    with tempfile.TemporaryDirectory(prefix="yandu-selftest-") as tmp:
        pdf = export_notes(doc, anns, bms, ExportOptions(format="pdf"), Path(tmp) / "notes.pdf")
        pdf_text = "".join("".join(read_pdf(pdf.read_bytes(), pdf).paragraphs).split())
        out = export_notes(doc, anns, bms, ExportOptions(format="docx"), Path(tmp) / "notes.docx")
        size = out.stat().st_size
        d = docx.Document(str(out))
        texts = [p.text for p in d.paragraphs]
        headings = [
            p.text for p in d.paragraphs if p.style is not None and p.style.name.startswith("Heading")
        ]
        east_asia = any(
            r._r.rPr is not None and r._r.rPr.rFonts is not None and r._r.rPr.rFonts.get(qn("w:eastAsia"))
            for p in d.paragraphs
            for r in p.runs
        )
    if ann.exact not in texts or not any(note in t for t in texts):
        raise AssertionError("the exported document lacks the note or its quote")
    if section is not None and section.title not in headings:
        raise AssertionError(f"the section heading {section.title!r} is not a Word heading")
    if not east_asia:
        raise AssertionError("no East Asian font set on the runs")
    if "".join(note.split()) not in pdf_text or "".join(ann.exact.split()) not in pdf_text:
        raise AssertionError("the exported PDF lacks the note or its quote")
    return (
        f"exported a note to .docx ({size} bytes) and read it back: heading, quote, note, fonts;"
        " to .pdf and read it back: quote, note"
    )
