"""The find bar: typing marks every occurrence, shows "n / N", Enter/F3 step, Esc closes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot


def type_chinese(widget: QWidget, text: str) -> None:
    """Type as a Chinese input method does: each character committed by an input-method event."""
    for ch in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(ch)
        QApplication.sendEvent(widget, event)


def test_typing_counts_and_selects(make_window, qtbot: QtBot) -> None:
    w = make_window()
    text = w.document.text
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = w.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    type_chinese(bar.edit, "中心工作")
    hidden = w.document.paragraphs[2]  # the title repeated after the byline: not shown, not found
    assert not w.reader.document().findBlockByNumber(2).isVisible()
    all_starts = [i for i in range(len(text)) if text.startswith("中心工作", i)]
    visible = [i for i in all_starts if not hidden.start <= i < hidden.end]
    expected = len(visible)
    assert expected == len(all_starts) - 1 > 10
    qtbot.waitUntil(lambda: bar.count_label.text() == f"1 / {expected}", timeout=3000)
    starts = [s for s, _e in bar.matches]
    assert starts == visible
    # the current match is not selected (the selection colour would hide its mark): the cursor
    # is at it, and its mark is the strongest one
    cursor = w.reader.textCursor()
    assert not cursor.hasSelection() and cursor.position() == bar.matches[0][0]
    assert len(w.reader.extraSelections()) == expected

    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count_label.text() == f"2 / {expected}"
    assert w.reader.textCursor().position() == bar.matches[1][0]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == f"1 / {expected}"
    qtbot.keyClick(w, Qt.Key.Key_F3)
    qtbot.keyClick(w, Qt.Key.Key_F3)
    assert bar.count_label.text() == f"3 / {expected}"
    qtbot.keyClick(w, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == f"2 / {expected}"
    # the view scrolled the current match into its upper middle, not to an edge
    assert w.reader.in_focus_band(bar.matches[1][0])
    for _ in range(6):  # matches far down the text too
        qtbot.keyClick(w, Qt.Key.Key_F3)
        assert w.reader.in_focus_band(bar.matches[bar.current][0])
    current = bar.matches[bar.current]

    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert w.reader.extraSelections() == []
    cursor = w.reader.textCursor()  # closing selects what was found (ready for Ctrl+H)
    assert (cursor.selectionStart(), cursor.selectionEnd()) == current


def test_width_variants_and_no_match(make_window, qtbot: QtBot) -> None:
    w = make_window()
    w.open_find_bar()
    bar = w.find_bar
    # the speech writes a half-width comma; a full-width one in the query still finds it
    bar.edit.setText("第一条经验，主动")
    qtbot.waitUntil(lambda: bar.count_label.text() == "1 / 1", timeout=3000)
    s, e = bar.matches[0]
    assert w.document.text[s:e] == "第一条经验,主动"
    bar.edit.setText("不存在的词语")
    qtbot.waitUntil(lambda: bar.count_label.text() == "无匹配", timeout=3000)
    assert bar.matches == []


def test_marks_survive_zoom(make_window, qtbot: QtBot) -> None:
    w = make_window()
    start = w.document.text.index("踩准点")
    w.reader.select_range(start, start + 3)
    w.notes.annotate_selection("green")
    w.open_find_bar()
    w.find_bar.edit.setText("融合")
    qtbot.waitUntil(lambda: " / " in w.find_bar.count_label.text(), timeout=3000)
    before = len(w.reader.extraSelections())
    qtbot.keyClick(w, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)  # zoom rebuilds the text
    after = w.reader.extraSelections()
    assert len(after) == before == len(w.find_bar.matches)  # the highlight is painted by the reader
    assert all(s.cursor.document() is w.reader.document() for s in after)
    assert [m.start for m in w.reader.marks()] == [start]  # and the marks stay on the new text
