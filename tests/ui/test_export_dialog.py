"""The export dialog and import in the window: real files written and read back."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.core.annotations import Annotation, new_annotation
from desktop_app.core.document import Document
from desktop_app.core.loader import load_document
from desktop_app.export import FORMATS
from desktop_app.export.options import STYLED_FORMATS
from desktop_app.ui.export_dialog import ExportDialog
from tests.conftest import SPEECH
from tests.ui.test_notes import select_text

# Where 公文 (GB/T 9704) means something: the formats with a page.
PAGED = set(STYLED_FORMATS)  # docx, docx-annotated, pdf and the Word study outline


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
    again = w.notes.open_export_dialog()  # the next export starts where the last one went
    assert Path(again.path_edit.text()).parent == tmp_path
    again.close()


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


# --- the dialog on its own -------------------------------------------------------------------


@pytest.fixture
def speech() -> tuple[Document, list[Annotation]]:
    doc = load_document(SPEECH)
    first = doc.sections[0]
    body = doc.paragraphs[first.paragraph_index + 1]
    anns = [
        new_annotation(doc, body.start, body.start + 12, color="yellow", note="要找准定位", doc_id="d"),
        new_annotation(doc, body.start + 20, body.start + 30, color="green", note="第二条笔记", doc_id="d"),
    ]
    return doc, anns


def dialog_for(qtbot: QtBot, speech: tuple[Document, list[Annotation]], **kw: object) -> ExportDialog:
    doc, anns = speech
    dialog = ExportDialog(None, doc, anns, [], **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def choose(dialog: ExportDialog, fmt: str) -> None:
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(fmt))


def test_gongwen_shows_what_is_used_and_comes_back_with_a_paged_format(qtbot: QtBot, speech) -> None:
    dialog = dialog_for(qtbot, speech)
    assert dialog.format_box.currentData() == "docx"
    assert dialog.gongwen.isEnabled() and not dialog.gongwen.isChecked()
    dialog.gongwen.click()  # the user asks for 公文
    for fmt in FORMATS:
        choose(dialog, fmt)
        paged = fmt in PAGED
        assert dialog.gongwen.isEnabled() == paged, fmt
        assert dialog.gongwen.isChecked() == paged, fmt  # ticked only where it is used ...
        assert (dialog.options().style == "gongwen") == paged, fmt  # ... and used where ticked
        assert dialog.path_edit.text().endswith(FORMATS[fmt].extension)
    choose(dialog, "md")
    dialog.gongwen.click()  # greyed: a click changes nothing
    assert not dialog.gongwen.isChecked() and dialog.options().style == "default"
    assert dialog.gongwen.toolTip()  # says why
    choose(dialog, "pdf")
    assert dialog.gongwen.isChecked() and not dialog.gongwen.toolTip()
    dialog.gongwen.click()  # the user drops 公文 ...
    choose(dialog, "csv")
    choose(dialog, "docx-annotated")
    assert dialog.gongwen.isEnabled() and not dialog.gongwen.isChecked()  # ... and it stays dropped
    assert dialog.options().style == "default"


def test_gongwen_pdf_from_the_dialog_is_gongwen(qtbot: QtBot, speech, tmp_path: Path) -> None:
    from tests.export.test_pdf import runs

    dialog = dialog_for(qtbot, speech, folder=str(tmp_path))
    dialog.gongwen.click()
    choose(dialog, "txt")
    choose(dialog, "pdf")
    with qtbot.waitSignal(dialog.sig_exported, timeout=20000) as sent:
        dialog.export_button.click()
    drawn = runs(Path(sent.args[0]))
    sizes = {round(r.size, 1) for r in drawn if "第二条笔记" in r.text}
    assert sizes == {16.0}  # the 公文 body size, not the default 12 pt


def test_the_saved_line_goes_when_an_option_changes(qtbot: QtBot, speech, tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, speech, folder=str(tmp_path))

    def export() -> None:
        with qtbot.waitSignal(dialog.sig_exported, timeout=20000):
            dialog.export_button.click()
        assert str(dialog.written) in dialog.result_label.text()
        assert dialog.open_button.isVisible() and dialog.folder_button.isVisible()

    def cleared() -> bool:
        return (
            dialog.result_label.text() == ""
            and not dialog.open_button.isVisible()
            and not dialog.folder_button.isVisible()
            and dialog.written is None
        )

    choose(dialog, "txt")
    export()
    choose(dialog, "md")  # another format
    assert cleared()
    export()
    dialog.with_bookmarks.click()  # another option
    assert cleared()
    choose(dialog, "docx")
    export()
    dialog.gongwen.click()  # another look
    assert cleared()
    export()
    dialog.scope_filter.setEnabled(True)
    dialog.scope_filter.click()  # another scope
    assert cleared()


def test_the_default_folder_is_the_last_export_else_documents(qtbot: QtBot, speech, tmp_path: Path) -> None:
    documents = Path.home() / "Documents"
    documents.mkdir()
    dialog = dialog_for(qtbot, speech)  # no export yet
    assert Path(dialog.path_edit.text()).parent == documents
    last = tmp_path / "上次导出"
    last.mkdir()
    dialog = dialog_for(qtbot, speech, folder=str(last))
    assert Path(dialog.path_edit.text()).parent == last
    choose(dialog, "pdf")  # the folder stays as the format changes
    assert Path(dialog.path_edit.text()).parent == last
    dialog = dialog_for(qtbot, speech, folder=str(tmp_path / "since removed"))
    assert Path(dialog.path_edit.text()).parent == documents
