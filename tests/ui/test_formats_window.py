"""Every format opens in the window the way a .txt does (#12, point 2): open, drop, the tree,
a note, and a second opening finds the note again."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from desktop_app.paths import resource
from tests.ui.test_notes import select_text

SAMPLES = ["speech.docx", "speech.pdf", "speech.ofd", "speech.html", "speech.md"]


@pytest.mark.parametrize("name", SAMPLES)
def test_each_format_opens_with_its_tree_and_takes_notes(make_window, qtbot: QtBot, name: str) -> None:
    sample = resource("samples", name)
    w = make_window(sample)
    assert w.document.path.endswith(name)
    assert w.document.title.startswith("推进机关党建")
    assert w.toc.model.rowCount() >= 1
    assert "机关党建" in w.reader.toPlainText()
    select_text(w, "机关党建")
    w.notes.annotate_selection("green")
    assert len(w.notes.annotations) == 1
    w.close()
    again = make_window(sample)
    assert [a.exact for a in again.notes.annotations] == ["机关党建"]


def test_a_pdf_dropped_on_the_window_opens(make_window, qtbot: QtBot, tmp_path: Path) -> None:
    pdf = tmp_path / "讲话.pdf"
    pdf.write_bytes(resource("samples", "speech.pdf").read_bytes())
    w = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pdf))])
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(w.sig_document_shown, timeout=10000):
        w.dropEvent(drop)
    assert w.document.path == str(pdf.resolve())
    assert w.document.encoding == "pdf"
