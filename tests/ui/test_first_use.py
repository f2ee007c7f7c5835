"""What a first real use tripped over (issue #10): tested on what a person sees, not only on content.

Real windows offscreen at the sizes people use; each test names the defect it guards.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.ui.reader_view import MIN_MEASURE_EM
from tests.conftest import CORPUS, ROOT
from tests.ui.test_notes import select_text

LAW = CORPUS / "08_paimaifa_2015.txt"


def column_chars(w) -> float:
    """How many characters a line of the reading column holds."""
    view = w.reader
    margin = view.document().documentMargin()
    return (view.viewport().width() - 2 * margin) / view._em


# --- the reading column --------------------------------------------------------------------------


def test_side_panels_yield_before_the_reading_column(make_window, qtbot: QtBot) -> None:
    # at 1024 px the search panel once left ten characters a line
    w = make_window(size=(1024, 700))
    w.open_search_panel()
    qtbot.waitUntil(lambda: w.search_panel.isVisible())
    qtbot.wait(50)
    assert column_chars(w) >= MIN_MEASURE_EM - 0.5
    w.notes.show_panel()
    qtbot.wait(50)
    assert column_chars(w) >= MIN_MEASURE_EM - 0.5
    assert w.toc.isVisible() and w.notes.panel.isVisible()  # they shrank, they did not vanish
    assert w.toc.width() < 330 and w.notes.panel.width() < 400


# --- the passage being worked on -------------------------------------------------------------------


def test_ctrl_m_keeps_the_passage_in_view(make_window, qtbot: QtBot) -> None:
    w = make_window(size=(1024, 700))
    start = w.document.text.index("在疫情期间发挥接诉即办")
    w.reader.scroll_to_offset(start - 120)
    qtbot.wait(50)
    w.reader.select_range(start, start + 11)
    assert w.reader.in_focus_band(start) or w.reader.offset_y(start) > w.reader.verticalScrollBar().value()
    qtbot.keyClick(w, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)  # the panel opens, text re-wraps
    qtbot.waitUntil(lambda: w.notes.panel.isVisible())
    qtbot.wait(100)
    y = w.reader.offset_y(start) - w.reader.verticalScrollBar().value()
    height = w.reader.viewport().height()
    assert 0.1 * height <= y <= 0.7 * height, (y, height)


def test_clicking_a_note_shows_its_passage_in_its_own_colour(make_window, qtbot: QtBot) -> None:
    w = make_window(size=(1024, 700))
    start, _end = select_text(w, "抓队伍")
    w.notes.annotate_selection("green")
    w.reader.scroll_to_offset(0)
    w.notes.show_panel()
    qtbot.wait(50)
    item = w.notes.panel._items()[-1]
    assert item.data(0, Qt.ItemDataRole.UserRole + 1) == w.notes.annotations[0].id
    rect = w.notes.panel.tree.visualItemRect(item)
    qtbot.mouseClick(w.notes.panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.wait(50)
    assert not w.reader.textCursor().hasSelection()  # not hidden under the selection colour
    assert w.reader.in_focus_band(start)  # upper middle, not the bottom edge
    assert w.reader.mark_at(start).color.lower() == w.notes.annotations[0].color_hex.lower()


def test_ctrl_h_drops_the_selection_so_the_colour_shows(make_window, qtbot: QtBot) -> None:
    w = make_window()
    start, end = select_text(w, "踩准点")
    qtbot.keyClick(w, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert [(a.start, a.end) for a in w.notes.annotations] == [(start, end)]
    assert not w.reader.textCursor().hasSelection()


def test_without_a_selection_ctrl_h_and_ctrl_m_hint_without_a_dialog(
    make_window, qtbot: QtBot, monkeypatch
) -> None:
    w = make_window()
    boxes: list[str] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: boxes.append(a[2]))
    hints: list[str] = []
    w.notes.sig_hint.connect(hints.append)
    qtbot.keyClick(w, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert len(hints) == 2 and all("选" in h for h in hints)
    assert boxes == []
    from desktop_app.ui.toast import Toast

    shown = [t for t in w.reader.viewport().findChildren(Toast) if t.isVisible()]
    assert shown and shown[0].text() == hints[-1]
    assert w.statusBar().currentMessage() == hints[-1]


# --- the selection toolbar ---------------------------------------------------------------------------


def test_selection_toolbar_hides_when_a_click_clears_the_selection(make_window, qtbot: QtBot) -> None:
    w = make_window()
    _start, _end = select_text(w, "踩准点")
    w.reader._report_selection()
    assert w.notes.toolbar.isVisible()
    cursor = w.reader.textCursor()
    cursor.clearSelection()
    w.reader.setTextCursor(cursor)  # what a click elsewhere does
    assert not w.notes.toolbar.isVisible()


def test_selection_toolbar_never_covers_the_selected_lines(make_window, qtbot: QtBot) -> None:
    w = make_window(size=(1024, 700))
    doc = w.document
    para = next(p for p in doc.paragraphs if len(p.text) > 120)
    w.reader.scroll_to_offset(para.start, 0.4)
    qtbot.wait(50)
    w.reader.select_range(para.start + 10, para.start + 70)  # two or more lines
    w.reader._report_selection()
    bar = w.notes.toolbar
    assert bar.isVisible()
    lines = w.reader.range_rect(para.start + 10, para.start + 70)
    assert lines.height() > 1.5 * w.reader._em  # really more than one line
    assert not bar.geometry().intersects(lines)


# --- search agrees everywhere ---------------------------------------------------------------------------


def test_find_bar_search_panel_and_cli_count_the_same(
    make_window, qtbot: QtBot, isolated_user_data: Path
) -> None:
    w = make_window()
    w.open_find_bar()
    w.find_bar.edit.setText("党建")
    qtbot.waitUntil(lambda: " / " in w.find_bar.count_label.text(), timeout=3000)
    find_count = len(w.find_bar.matches)
    w.open_search_panel()
    panel = w.search_panel
    qtbot.waitUntil(lambda: w.search_index is not None, timeout=20000)
    panel.query_box.setEditText("党建")
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=5000)
    status = panel.status.text()
    assert status == f"{find_count} 条结果", status  # no timings in the window
    groups = [panel.model.item(r).text() for r in range(panel.model.rowCount())]
    assert groups[0].split(" · ", 1)[1] == "标题"  # the title, not "(before the first heading)"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "--data-dir",
            str(isolated_user_data),
            "search",
            "党建",
            "--limit",
            "0",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    # the window put the speech in the library: the command line searches the library
    assert r.stderr.strip().endswith(f"{find_count} / {find_count} 处，在 1 篇文档中")
    assert find_count == 58


# --- the contents tree ---------------------------------------------------------------------------------


def test_contents_tree_follows_the_zoom(make_window, qtbot: QtBot) -> None:
    w = make_window()
    before = w.toc.tree.font().pointSizeF()
    w.set_zoom(1.2)
    assert abs(w.toc.tree.font().pointSizeF() - before * 1.2) < 0.1
    w.set_zoom(2.5)  # grows less than the text: at 250% a tree as large shows five characters
    assert abs(w.toc.tree.font().pointSizeF() - before * 1.3) < 0.1
    w.set_zoom(1.0)
    assert abs(w.toc.tree.font().pointSizeF() - before) < 0.1
    w.settings.font_size = 18.0  # the size chosen in 设置 counts as well
    w._typography_changed()
    assert abs(w.toc.tree.font().pointSizeF() - before * 1.2) < 0.1
    w.settings.font_size = 15.0
    # never narrower than about eight of its characters
    assert w.toc.tree.minimumWidth() >= 8 * w.toc.tree.fontMetrics().horizontalAdvance("中")


def test_contents_tree_fits_its_titles_on_a_wide_screen(make_window, qtbot: QtBot) -> None:
    w = make_window(size=(1920, 1080))
    qtbot.wait(50)
    fm = w.toc.tree.fontMetrics()
    tree = w.toc.tree
    for r in range(w.toc.model.rowCount()):
        index = w.toc.model.index(r, 0)
        rect = tree.visualRect(index)
        text_width = fm.horizontalAdvance(index.data())
        assert rect.left() + text_width <= tree.viewport().width(), index.data()


def test_a_law_opens_folded_to_chapters_with_article_words(make_window, qtbot: QtBot) -> None:
    w = make_window(LAW, size=(1024, 700))
    model, tree = w.toc.model, w.toc.tree
    chapters = [model.index(r, 0) for r in range(model.rowCount())]
    assert chapters[0].data() == "第一章 总则"
    assert not tree.isExpanded(chapters[0]) or model.rowCount(chapters[0]) < 10
    article = model.index(0, 0, chapters[0])
    assert article.data().startswith("第一条 ") and len(article.data()) > len("第一条 ") + 4
    # the current section is always shown: reading an article unfolds its chapter
    target = w.document.text.index("第三十条")
    w.reader.scroll_to_offset(target)
    qtbot.waitUntil(lambda: w.toc.tree.currentIndex().isValid(), timeout=2000)
    current = w.toc.tree.currentIndex()
    assert current.data(Qt.ItemDataRole.ToolTipRole) == "第三十条"
    parent = current.parent()
    while parent.isValid():
        assert tree.isExpanded(parent)
        parent = parent.parent()


# --- smaller things ------------------------------------------------------------------------------------


def test_status_bar_names_the_place_from_the_first_start(make_window, qtbot: QtBot) -> None:
    w = make_window()
    w.reader.scroll_to_offset(0)
    qtbot.waitUntil(lambda: w._section_label.text() != "", timeout=2000)
    assert w._section_label.text() == "标题"


def test_a_bookmark_is_named_after_its_section_and_paragraph(make_window, qtbot: QtBot) -> None:
    w = make_window()
    doc = w.document
    para = doc.paragraph_at(doc.text.index("二要聚焦关键任务") + 30)
    w.reader.select_range(para.start + 25, para.start + 27)  # mid-sentence
    bm = w.notes.add_bookmark_here()
    assert bm.title.startswith("二要聚焦关键任务 · ")
    words = bm.title.removeprefix("二要聚焦关键任务 · ").rstrip("…")
    assert len(words) >= 8 and words in para.text  # the paragraph's own opening words
    assert para.text.index(words) <= len("二要聚焦关键任务") + 2  # from its start, not mid-sentence


def test_recent_files_menu(make_window, qtbot: QtBot, tmp_path: Path) -> None:
    w = make_window()
    first_file = tmp_path / "R&D 报告.txt"  # an & is part of the name, not a mnemonic
    first_file.write_text("研发报告\n一、第一部分\n正文。", encoding="utf-8")
    other = tmp_path / "另一篇.txt"
    other.write_text("另一篇\n一、第一部分\n正文。", encoding="utf-8")
    for f in (first_file, other):
        with qtbot.waitSignal(w.sig_document_shown, timeout=5000):
            w.open_file(str(f))
    menu = w.actions_.recent_menu
    menu.aboutToShow.emit()
    names = [a.text() for a in menu.actions() if a.text() and a is not w.actions_.clear_recent]
    # newest first; the bundled speech is not listed (a one-file bundle moves it at every start)
    assert names == ["&1 另一篇.txt", "&2 R&&D 报告.txt"]
    first = next(a for a in menu.actions() if "R&&D" in a.text())
    with qtbot.waitSignal(w.sig_document_shown, timeout=5000):
        first.trigger()
    assert w.document.path == str(first_file.resolve())
    other.unlink()
    menu.aboutToShow.emit()
    gone = next(a for a in menu.actions() if a.text().endswith("另一篇.txt"))
    gone.trigger()  # a hint, and it leaves the list
    assert "不在" in w.statusBar().currentMessage()
    w.actions_.clear_recent.trigger()
    menu.aboutToShow.emit()
    assert [a for a in menu.actions() if a.text() and a is not w.actions_.clear_recent] == []
    assert not w.actions_.clear_recent.isEnabled()


def test_open_dialog_speaks_chinese_and_shows_whole_columns(qtbot: QtBot, qapp, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QFileDialog, QLabel, QTreeView

    from desktop_app.ui import file_dialogs
    from desktop_app.ui.app import install_translators

    install_translators(qapp, "zh")
    (tmp_path / "一份很长的文件名称的讲话稿.txt").write_text("讲话", encoding="utf-8")
    dialog = file_dialogs._make(None, "打开", tmp_path, file_dialogs.document_filters())
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    file_dialogs._polish_columns(dialog)
    qtbot.wait(200)
    labels = [lbl.text() for lbl in dialog.findChildren(QLabel) if lbl.isVisible() and lbl.text()]
    words = [re.sub(r"\(&\w\)|&", "", text) for text in labels]  # mnemonics (&L) are Latin
    assert labels and not any(ch.isascii() and ch.isalpha() for text in words for ch in text), labels
    view = dialog.findChild(QTreeView, "treeView")
    header = view.header()
    model = view.model()
    for column in range(1, header.count()):
        label = model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= view.fontMetrics().horizontalAdvance(str(label)), label
    row = view.indexAt(QPoint(5, 5))
    if row.isValid():
        kind = model.index(row.row(), 2, row.parent()).data()
        assert kind in ("文件夹", "txt 文件", "文件") or not str(kind).isascii(), kind
    dialog.close()


# --- integrated view options -------------------------------------------------------------------------


def test_full_width_punctuation_is_a_view_option(make_window, qtbot: QtBot) -> None:
    w = make_window()
    doc = w.document
    start = doc.text.index("第一条经验,主动")
    shown = w.reader.toPlainText()
    assert shown[start : start + 8] == "第一条经验，主动" and len(shown) == len(doc.text)
    w.reader.select_range(start, start + 8)
    w.reader.copy()
    assert QGuiApplication.clipboard().text() == "第一条经验，主动"  # copy gives what is shown
    # the tree, the status bar and the notes panel show titles and quotes the same way
    assert w.toc.model.index(0, 0).data() == "第一条经验，主动在全市中心工作中找准定位"
    w.reader.scroll_to_offset(start + 10)
    qtbot.waitUntil(lambda: w._section_label.text().startswith("第一条经验，"), timeout=2000)
    w.reader.select_range(start + 6, start + 14)
    w.notes.annotate_selection("green")
    w.notes.show_panel()
    group = w.notes.panel.tree.topLevelItem(0)
    assert group.text(0) == "第一条经验，主动在全市中心工作中找准定位"
    w.notes.delete(w.notes.annotations[0].id)
    w.actions_.full_width.setChecked(False)
    assert w.reader.toPlainText()[start : start + 8] == "第一条经验,主动"
    assert w.toc.model.index(0, 0).data() == "第一条经验,主动在全市中心工作中找准定位"
    assert not w.settings.full_width
    w.actions_.full_width.setChecked(True)
    assert w.reader.toPlainText()[start : start + 8] == "第一条经验，主动"
    # offsets do not move: a highlight made on the full-width view is the same text
    w.reader.select_range(start, start + 8)
    w.notes.annotate_selection("blue")
    assert w.notes.annotations[0].exact == "第一条经验,主动"


def test_the_byline_shows_the_date_not_the_clock(make_window) -> None:
    w = make_window()
    byline = w.document.paragraphs[1]
    assert w.reader.document().findBlockByNumber(1).text().rstrip() == "北京市直机关工委 2023-06-14"
    assert w.document.text[byline.start : byline.end].endswith("20:09:45")  # the text is untouched


def test_settings_dialog_applies_at_once(make_window, qtbot: QtBot) -> None:
    w = make_window()
    dialog = w.open_settings()
    qtbot.waitExposed(dialog)
    before = w.reader.document().defaultFont().pointSizeF()
    dialog.size_box.setValue(dialog.size_box.value() + 3)
    qtbot.waitUntil(lambda: w.reader.document().defaultFont().pointSizeF() > before + 2, timeout=3000)
    themes = dialog.theme_box
    themes.setCurrentIndex(themes.findData("sepia"))
    assert w.settings.theme == "sepia" and w.actions_.themes["sepia"].isChecked()
    assert w.reader.palette().color(w.reader.backgroundRole()).name() == "#f3e9d2"
    assert w.open_settings() is dialog  # one dialog, brought forward
    dialog.close()


def test_justified_lines_keep_numbers_together_in_the_window(make_window, qtbot: QtBot) -> None:
    """ "出台 1 0 5 项政策": the digits of a number were spread like the Chinese characters."""
    from tests.ui.test_typesetting import NATURAL, extras, inner_indexes

    w = make_window(size=(1024, 700))
    w.notes.show_panel()  # a narrower column: more spread lines
    start = w.document.text.index("105")
    w.reader.scroll_to_offset(start, 0.3)
    block = w.reader.document().findBlock(start)
    digits = [i for i in inner_indexes(block.text()) if block.text()[i].isdigit()]
    assert digits

    def natural() -> bool:
        gaps = extras(block)
        return all(abs(gaps.get(i, 0.0)) < NATURAL for i in inner_indexes(block.text()))

    qtbot.waitUntil(natural, timeout=3000)
    gaps = extras(block)
    han = [i for i, ch in enumerate(block.text()) if "\u4e00" <= ch <= "\u9fff"]
    assert any(gaps.get(i, 0.0) > NATURAL for i in han)  # the line is still justified


def test_a_note_written_as_html_shows_as_written(make_window, qtbot: QtBot) -> None:
    """A note's HTML was rendered as rich text in tool tips (#11, point 10)."""
    from PySide6.QtGui import QTextDocument

    w = make_window()
    select_text(w, "踩准点")
    ann = w.notes.annotate_selection("yellow")
    w.notes.edit_note(ann.id, "<b>粗体</b> <img src='http://x/y.png'>", [])
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent, QTextCursor
    from PySide6.QtWidgets import QToolTip

    cursor = QTextCursor(w.reader.document())
    cursor.setPosition(ann.start + 1)
    w.reader.ensureCursorVisible()
    at = w.reader.cursorRect(cursor).center()
    w.reader._show_note_tip(QHelpEvent(QEvent.Type.ToolTip, at, w.reader.viewport().mapToGlobal(at)))
    tip = QToolTip.text()  # what the reader shows when the pointer rests on the passage
    assert tip
    shown = QTextDocument()
    shown.setHtml(tip)
    assert shown.toPlainText() == "<b>粗体</b> <img src='http://x/y.png'>"
