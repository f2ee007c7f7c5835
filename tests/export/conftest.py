"""Fixtures for the export tests: the speech with a store holding varied notes and a bookmark."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.core.annotations import Annotation, Bookmark, new_annotation, new_bookmark
from desktop_app.core.document import Document
from desktop_app.core.loader import load_document
from desktop_app.storage.notes_store import NotesStore
from tests.conftest import SPEECH

HOSTILE = '<script>alert("x")</script> **粗体** [链接](http://e.com) # 标题 & &amp;'


@dataclass
class Notes:
    doc: Document
    store: NotesStore
    doc_id: str
    annotations: list[Annotation]
    bookmarks: list[Bookmark]


PDF_WRITERS = ["own", "qt"]


@pytest.fixture(params=PDF_WRITERS)
def pdf_writer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each PDF test twice: Yandu's own writer (every character in the bundled font) and Qt's,
    which the export takes when a note holds a character the bundled font lacks."""
    if request.param == "qt":
        force_qt_pdf(monkeypatch)
    return str(request.param)


def force_qt_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDF export through Qt whatever the text (as if a character were missing)."""
    from desktop_app.export import pdf, pdf_qt

    monkeypatch.setattr(pdf, "write_pdf", pdf_qt.write_pdf)


@pytest.fixture
def speech_doc(tmp_path: Path) -> Document:
    target = tmp_path / "docs" / "speech.txt"
    target.parent.mkdir()
    shutil.copyfile(SPEECH, target)
    return load_document(target)


@pytest.fixture
def store() -> Iterator[NotesStore]:
    s = NotesStore()
    yield s
    s.close()


def section(doc: Document, prefix: str):  # type: ignore[no-untyped-def]
    return next(s for s in doc.sections if s.title.startswith(prefix))


@pytest.fixture
def notes(speech_doc: Document, store: NotesStore) -> Notes:
    doc = speech_doc
    doc_id = store.open_document(doc)
    er_yao = section(doc, "二要")  # a run-in level-2 heading inside 二、找准…
    first = section(doc, "第一条经验")
    body = doc.paragraphs[first.paragraph_index + 1]
    specs = [
        (er_yao.start + len(er_yao.title) + 2, 18, "yellow", "highlight", "第一行\n第二行", ["重点", "复习"]),
        (body.start + 5, 12, "green", "underline", HOSTILE, ["安全"]),
        (body.end - 6, 14, "blue", "highlight", "跨段落的笔记", []),  # runs into the next paragraph
        (first.start, 4, "pink", "highlight", "", []),  # a bare highlight on a heading
    ]
    for start, length, color, style, note, tags in specs:
        store.add(
            new_annotation(
                doc, start, start + length, color=color, style=style, note=note, tags=tags, doc_id=doc_id
            )
        )
    store.add_bookmark(new_bookmark(doc, er_yao.start, title="书签一", doc_id=doc_id))
    return Notes(doc, store, doc_id, store.annotations(doc_id), store.bookmarks(doc_id))
