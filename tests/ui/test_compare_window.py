"""比较版本 in the window: the speech and its hand-made revision (tests/data/revision) side by
side, compared on a worker, changes listed and marked, scrolled together, exported."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.conftest import DATA


def test_compare_the_speech_with_its_revision(make_window, qtbot: QtBot, tmp_path: Path) -> None:
    w = make_window()
    w.ensure_chrome()
    qtbot.waitUntil(lambda: bool(w.session.doc_id), timeout=20000)
    lib = w.library
    assert lib is not None
    lib.add_paths([str(DATA / "revision" / "speech_revised.txt")])
    qtbot.waitUntil(lambda: lib._adding is None and len(lib.model.rows) == 2, timeout=30000)
    revised = next(r.entry for r in lib.model.rows if r.entry.path.endswith("speech_revised.txt"))
    window = lib.compare()  # the open speech is the later one; the revision offered as the other
    window.old_box.setCurrentIndex(window.old_box.findData(w.session.doc_id))
    window.new_box.setCurrentIndex(window.new_box.findData(revised.id))
    qtbot.waitUntil(lambda: window.changes.count() == 7, timeout=20000)
    assert "新增 3 句" in window.summary.text() and "两个确立" in window.summary.text()
    old_html, new_html = window.old_view.toHtml(), window.new_view.toHtml()
    assert "line-through" in old_html and "underline" in new_html
    assert window.old_view.toPlainText().replace("\n", "") == w.document.text.replace("\n", "")
    window.changes.setCurrentRow(6)  # the last change: both panes go there
    assert window.new_view.verticalScrollBar().value() > 0
    bar, other = window.old_view.verticalScrollBar(), window.new_view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)  # scrolling one scrolls the other
    assert abs(other.value() / max(1, other.maximum()) - 0.5) < 0.05
    out = tmp_path / "比较.docx"
    window.export_to(out)
    qtbot.waitUntil(out.is_file, timeout=10000)
    from docx import Document as Docx

    assert any("两个确立" in p.text for p in Docx(str(out)).paragraphs)
    window.close()


def test_pane_positions_are_text_offsets_even_with_runs_of_spaces(qapp: object) -> None:
    from PySide6.QtGui import QTextDocument

    from desktop_app.ui.compare_window import REMOVED_CSS, pane_html

    text = "第一段  有  空格。\n第二段\t制表 <b>不是标记</b>"
    doc = QTextDocument()
    doc.setHtml(pane_html(text, [(5, 6, REMOVED_CSS)]))
    assert doc.toPlainText() == text.replace("\n", "\u2029") or doc.toPlainText() == text
