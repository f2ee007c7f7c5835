"""Which stored document a loaded text is, and moving its notes onto a revised text.

A document has a stable id (uuid).  Its content fingerprints (every version seen,
``document_versions``) and the path where it was last seen only locate it:

* same fingerprint as any version seen -> that document (a moved or renamed file
  keeps its notes; the path is updated);
* else the same path -> the same document, revised;
* else exactly one document with the same title whose file is gone, or is of another
  format (the speech as .txt, then as .docx or .pdf) -> that one, moved *and* revised;
* else a new document.

When the text differs from the one an annotation's offsets describe (its
``anchored_fingerprint``), it is re-anchored (:mod:`desktop_app.core.anchoring`):
found -> offsets, quote, context and section are rewritten for the new text and
``anchored_fingerprint`` becomes the new fingerprint (``original_exact`` keeps the
quote as first made; ``modified`` is the user's and is not touched); not found ->
status ``orphan``, everything else kept, tried again at every later opening.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.anchoring import reanchor_all
from desktop_app.core.annotations import (
    ANCHORED,
    ORPHAN,
    Annotation,
    Bookmark,
    bookmark_selectors,
    new_id,
    now_iso,
    placed_at,
    section_label,
)
from desktop_app.storage import rows
from desktop_app.storage.db import StorageError

if TYPE_CHECKING:
    from desktop_app.core.document import Document


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    id: str
    fingerprint: str  # of the text last seen
    path: str  # where the file was last seen
    title: str
    first_seen: str
    last_seen: str

    @classmethod
    def from_row(cls, r: sqlite3.Row) -> DocumentRecord:
        path, title = rows.path_value(r["path"]), rows.text_value(r["title"])
        return cls(r["id"], r["fingerprint"], path, title, r["first_seen"], r["last_seen"])


@dataclass(frozen=True, slots=True)
class OpenReport:
    """What ``NotesStore.open_document`` found: how the document matched, what moved."""

    doc_id: str
    matched_by: str  # "fingerprint", "path", "title" or "new"
    text_changed: bool  # some notes had to be re-anchored
    reanchored: int = 0  # annotations found again at another place or with another quote
    orphaned: int = 0  # annotations that could not be placed (status "orphan")


@dataclass(slots=True)
class OpenPlan:
    """The document row and the re-anchored notes to write (or, read-only, to keep in memory)."""

    report: OpenReport
    record: DocumentRecord
    annotations: list[Annotation]
    bookmarks: list[Bookmark]
    only_seen: bool = False  # a known document, same text, path and title: only last_seen changes
    facts: tuple[object, ...] = ()  # the library's columns (facts_of)
    unsigned: bool = False  # its row keeps no signature (sign=False): NotesStore.sign_pending


def norm_path(path: str) -> str:
    if not path:
        return ""
    try:
        return str(Path(path).expanduser().resolve())
    except (OSError, ValueError):  # ValueError: a name no file system can hold (NUL, lone surrogate)
        return str(Path(path).absolute())


def match(c: sqlite3.Connection, doc: Document, path: str, *, by_title: bool = True) -> tuple[str, str]:
    """(doc_id, how): same text -> same document; else same path; else same title, old file gone
    (``by_title=False``: not by title; adding to the library offers a new version instead)."""
    r = c.execute(
        """SELECT d.id FROM document_versions v JOIN documents d ON d.id = v.doc_id
           WHERE v.fingerprint = ? ORDER BY (d.fingerprint = v.fingerprint) DESC, d.last_seen DESC
           LIMIT 1""",
        (doc.fingerprint,),
    ).fetchone()
    if r:
        return r[0], "fingerprint"
    if path:
        r = c.execute(
            "SELECT id FROM documents WHERE path = ? ORDER BY last_seen DESC LIMIT 1",
            (rows.path_param(path),),
        ).fetchone()
        if r:
            return r[0], "path"
    title = doc.title.strip()
    if title and by_title:
        found = c.execute(
            "SELECT id, path FROM documents WHERE title = ?", (rows.text_param(title),)
        ).fetchall()
        if len(found) == 1 and found[0][1]:
            old = Path(rows.path_value(found[0][1]))
            # moved and revised (the old file is gone), or the same document in another format
            # (the speech as .txt, then as .docx or .pdf: its notes follow, re-anchored if the
            # text differs a little)
            if not old.exists() or (path and old.suffix.lower() != Path(path).suffix.lower()):
                return found[0][0], "title"
    return new_id(), "new"


def plan_open(c: sqlite3.Connection, doc: Document, *, by_title: bool = True, sign: bool = True) -> OpenPlan:
    """Match ``doc`` and re-anchor the notes that do not describe its text yet (nothing written).

    ``sign=False``: its sentence signature is not computed now (10 MB: 0.15 s of Python, which a
    window still building itself must not compete with); one kept for the same text stays, else
    it is left empty for ``NotesStore.sign_pending`` once the window is idle."""
    now = now_iso()
    path = norm_path(doc.path)
    doc_id, how = match(c, doc, path, by_title=by_title)
    old = c.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    record = DocumentRecord(
        id=doc_id,
        fingerprint=doc.fingerprint,
        path=path or (rows.path_value(old["path"]) if old else ""),
        title=doc.title,
        first_seen=old["first_seen"] if old else now,
        last_seen=now,
    )
    anns = [
        rows.annotation(r)
        for r in c.execute(
            "SELECT * FROM annotations WHERE doc_id = ? AND (anchored_fingerprint != ? OR status = ?)",
            (doc_id, doc.fingerprint, ORPHAN),
        )
    ]
    bms = [
        rows.bookmark(r)
        for r in c.execute(
            "SELECT * FROM bookmarks WHERE doc_id = ? AND (anchored_fingerprint != ? OR status = ?)",
            (doc_id, doc.fingerprint, ORPHAN),
        )
    ]
    new_anns, new_bms = reanchor_notes(doc, anns, bms)
    moved = sum(
        1
        for a, b in zip(anns, new_anns, strict=True)
        if b.status == ANCHORED and (a.start, a.exact) != (b.start, b.exact)
    )
    orphaned = sum(1 for a in new_anns if a.status == ORPHAN)
    report = OpenReport(doc_id, how, bool(anns or bms), moved, orphaned)
    only_seen = bool(
        old is not None
        and not (anns or bms)
        and old["fingerprint"] == record.fingerprint
        and rows.path_value(old["path"]) == record.path
        and rows.text_value(old["title"]) == record.title
        and old["in_library"]
        and (old["signature"] is not None or not sign)
    )
    kept = old["signature"] if old is not None and old["fingerprint"] == record.fingerprint else None
    facts = () if only_seen else facts_of(doc, record.path, sign=sign, signature=kept)
    unsigned = (only_seen and old["signature"] is None) or bool(facts and facts[-1] is None)
    return OpenPlan(report, record, new_anns, new_bms, only_seen, facts, unsigned)


def facts_of(
    doc: Document, path: str, *, sign: bool = True, signature: bytes | None = None
) -> tuple[object, ...]:
    """The library's columns for ``doc`` seen at ``path``: format, size, chars, source, date,
    signature (computed if ``sign``, else ``signature``: the one kept for the same text, or None)."""
    kind = Path(path).suffix.lower().lstrip(".") if path else ""
    try:
        size = Path(path).stat().st_size if path else 0
    except (OSError, ValueError):
        size = 0
    meta = doc.metadata
    if sign:
        from desktop_app.core.similarity import signature as text_signature

        signature = text_signature(doc.text)  # (10 MB: ~0.15 s)
    return (kind, size, len(doc.text), rows.text_param(meta.issuer), meta.date, signature)


def reanchor_notes(
    doc: Document, anns: list[Annotation], bms: list[Bookmark]
) -> tuple[list[Annotation], list[Bookmark]]:
    """The annotations and bookmarks as they are on ``doc``'s text: moved, or orphans."""
    text = doc.text
    out_a: list[Annotation] = []
    for a, res in zip(anns, reanchor_all(anns, text), strict=True):
        a = placed_at(a, doc, res.start, res.end) if res.anchored else replace(a, status=ORPHAN)
        out_a.append(a)
    out_b: list[Bookmark] = []
    for b, res in zip(bms, reanchor_all(bms, text), strict=True):
        if res.anchored:
            pos, exact, prefix, suffix = bookmark_selectors(text, res.start)
            b = replace(
                b,
                offset=pos,
                exact=exact,
                prefix=prefix,
                suffix=suffix,
                section=section_label(doc, pos),
                status=ANCHORED,
                anchored_fingerprint=doc.fingerprint,
            )
        else:
            b = replace(b, status=ORPHAN)
        out_b.append(b)
    return out_a, out_b


def apply_open(c: sqlite3.Connection, plan: OpenPlan) -> None:
    """Write a plan (inside the caller's transaction, the one that made it)."""
    d = plan.record
    c.execute(
        """INSERT INTO documents (id, fingerprint, path, title, first_seen, last_seen)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint, path = excluded.path,
           title = excluded.title, last_seen = excluded.last_seen""",
        (d.id, d.fingerprint, rows.path_param(d.path), rows.text_param(d.title), d.first_seen, d.last_seen),
    )
    c.execute(
        "INSERT OR IGNORE INTO document_versions (doc_id, fingerprint, first_seen) VALUES (?, ?, ?)",
        (d.id, d.fingerprint, d.last_seen),
    )
    if plan.facts:
        c.execute(
            """UPDATE documents SET in_library = 1, format = ?, size = ?, chars = ?, source = ?,
               doc_date = ?, signature = ? WHERE id = ?""",
            (*plan.facts, d.id),
        )
    for a in plan.annotations:
        c.execute(rows.ANNOTATION_UPSERT, rows.annotation_params(a))
    for b in plan.bookmarks:
        c.execute(rows.BOOKMARK_UPSERT, rows.bookmark_params(b))


def doc_id_for(c: sqlite3.Connection, doc_id: str, fingerprint: str) -> str:
    """``doc_id`` if stored, else the document a text with ``fingerprint`` belongs to."""
    if doc_id:
        if c.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
            return doc_id
    elif fingerprint:
        r = c.execute(
            "SELECT doc_id FROM document_versions WHERE fingerprint = ? LIMIT 1", (fingerprint,)
        ).fetchone()
        if r:
            return str(r[0])
    raise StorageError("no_document")
