"""The export dialog and import in the window: real files written and read back."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.test_notes import select_text


def test_export_docx_from_the_dialog(make_window, qtbot: QtBot, tmp_path: Path) -> None:
    w = make_window()
    select_text(w, "踩准点")
    ann = w.notes.annotate_selection("yellow")
    w.notes.edit_note(ann.id, "要找准定位", ["重点"])
    dialog = w.notes.open_export_dialog()
    assert dialog is not None and dialog.isVisible()
    assert dialog.path_edit.text().endswith(".docx")
    assert "踩准点" in dialog.preview.toPlainText()
    out = tmp_path / "笔记.docx"
    dialog.path_edit.setText(str(out))
    with qtbot.waitSignal(dialog.sig_exported, timeout=20000):
        dialog.export_button.click()
    assert dialog.open_button.isVisible()
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "踩准点" in text and "要找准定位" in text
    assert w.settings.export_folder == str(tmp_path)
    dialog.close()


def test_export_failure_is_explained(make_window, qtbot: QtBot, tmp_path: Path, monkeypatch) -> None:
    w = make_window()
    select_text(w, "发好力")
    w.notes.annotate_selection("green")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    dialog = w.notes.open_export_dialog()
    dialog.path_edit.setText(str(tmp_path / "no" / "such" / "folder" / "x.docx"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "Traceback" not in shown[0]
    dialog.close()


def test_import_round_trip(make_window, qtbot: QtBot, tmp_path: Path, monkeypatch) -> None:
    from desktop_app.export import ExportOptions, export_notes

    w = make_window()
    select_text(w, "抓队伍")
    ann = w.notes.annotate_selection("purple")
    out = tmp_path / "notes.json"
    export_notes(w.document, w.notes.annotations, w.notes.bookmarks, ExportOptions(format="json"), out)
    w.notes.delete(ann.id)
    assert w.notes.annotations == []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w.notes.import_file(out)
    qtbot.waitUntil(lambda: len(w.notes.annotations) == 1, timeout=20000)
    back = w.notes.annotations[0]
    assert (back.id, back.start, back.end, back.color, back.created) == (
        ann.id, ann.start, ann.end, ann.color, ann.created,
    )  # fmt: skip
