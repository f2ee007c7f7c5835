"""The selftest's notes check: add a note, close, re-open, find it again on a revised text."""

from __future__ import annotations

from desktop_app.core.document import Document


def check_notes(ctx: dict[str, object]) -> str:
    """Add a note to the speech in the (temporary) data folder, re-open the store, find it re-anchored.

    The text is revised before the second opening (a paragraph inserted at the top), so
    the note must be found at its new offset with the same quote and note.
    """
    from desktop_app.core.annotations import new_annotation
    from desktop_app.core.loader import load_document
    from desktop_app.paths import bundled_speech
    from desktop_app.storage.notes_store import NotesStore

    doc = ctx.get("doc")
    if not isinstance(doc, Document):
        doc = load_document(bundled_speech())
    para = max(doc.paragraphs, key=lambda p: len(p.text))
    start = para.start + len(para.text) // 3
    store = NotesStore()
    try:
        store.open_document(doc)
        ann = store.add(
            new_annotation(doc, start, start + 20, color="green", note="自检 selftest", tags=["自检"])
        )
    finally:
        store.close()

    inserted = "自检插入的一段文字，用来检验笔记能否在修改过的文本中找回。"
    revised = Document.from_paragraphs([inserted, *(p.text for p in doc.paragraphs)], path=doc.path)
    store = NotesStore()
    try:
        doc_id = store.open_document(revised)
        found = [a for a in store.annotations(doc_id) if a.id == ann.id]
        if store.notices:
            raise AssertionError(f"unexpected notices: {store.notices}")
    finally:
        store.close()
    if not found:
        raise AssertionError("the note was not found after re-opening the store")
    got = found[0]
    expected = start + len(inserted) + 1
    if (got.status, got.start, got.exact, got.note) != ("anchored", expected, ann.exact, ann.note):
        raise AssertionError(f"re-anchored wrongly: {got.status} {got.start} (expected {expected})")
    return f"note re-anchored {ann.start} -> {got.start} after a revision; database {store.path.name}"
