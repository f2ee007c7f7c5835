"""The search panel: results while typing, grouped by section, a click selects the match."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.ui.search_panel import END_ROLE, HTML_ROLE, START_ROLE
from tests.ui.test_find_bar import type_chinese


def test_results_grouped_and_activated(make_window, qtbot: QtBot) -> None:
    w = make_window()
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = w.search_panel
    assert panel.isVisible()
    qtbot.waitUntil(lambda: w.search_index is not None, timeout=20000)
    type_chinese(panel.query_box.lineEdit(), "踩准点")
    model = panel.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=5000)
    text = w.document.text
    expected = [i for i in range(len(text)) if text.startswith("踩准点", i)]
    hits = [
        model.index(r, 0, model.index(g, 0))
        for g in range(model.rowCount())
        for r in range(model.rowCount(model.index(g, 0)))
    ]
    assert sorted(h.data(START_ROLE) for h in hits) == expected
    groups = [model.index(g, 0).data() for g in range(model.rowCount())]
    # "2 · 三、把推进… › 一是踩准点": the count first (a long title is cut at the panel's edge)
    assert any(
        g.split(" · ", 1)[1].startswith("三、把推进机关党建与中心工作融合落到实处 › 一是踩准点")
        for g in groups
    )
    assert "踩准点" in hits[0].data(HTML_ROLE) and "background" in hits[0].data(HTML_ROLE)
    assert (
        panel.status.text().startswith(f"{len(expected)} ") or f"共 {len(expected)} 处" in panel.status.text()
    )

    target = hits[-1]
    rect = panel.results.visualRect(target)
    qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    cursor = w.reader.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (
        target.data(START_ROLE),
        target.data(END_ROLE),
    )
    assert cursor.selectedText() == "踩准点"
    assert panel.history()[0] == "踩准点"
    assert w.settings.search_history[0] == "踩准点"


def test_malformed_query_explained_not_raised(make_window, qtbot: QtBot) -> None:
    w = make_window()
    w.open_search_panel()
    panel = w.search_panel
    qtbot.waitUntil(lambda: w.search_index is not None, timeout=20000)
    panel.query_box.setEditText('"中心工作')  # unbalanced quote
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=5000)
    panel.query_box.setEditText("，。；")  # only punctuation
    qtbot.waitUntil(lambda: panel.status.text() != "", timeout=5000)
    assert "Traceback" not in panel.status.text()


def test_scope_notes_finds_my_note(make_window, qtbot: QtBot) -> None:
    w = make_window()
    start = w.document.text.index("发好力")
    w.reader.select_range(start, start + 3)
    ann = w.notes.annotate_selection("green")
    w.notes.edit_note(ann.id, "三会一课要落实", [])
    w.open_search_panel()
    panel = w.search_panel
    qtbot.waitUntil(lambda: w.search_index is not None, timeout=20000)
    panel.scope.setCurrentIndex(panel.scope.findData("notes"))
    panel.query_box.setEditText("三会一课")  # also in the text, but only the note is wanted

    def only_the_note() -> bool:
        group = panel.model.index(0, 0)
        return panel.model.rowCount() == 1 and (group.data() or "").split(" · ", 1)[-1].startswith("笔记")

    qtbot.waitUntil(only_the_note, timeout=5000)
    group = panel.model.index(0, 0)
    assert panel.model.rowCount(group) == 1
    hit = panel.model.index(0, 0, group)
    assert (hit.data(START_ROLE), hit.data(END_ROLE)) == (start, start + 3)
    panel.scope.setCurrentIndex(panel.scope.findData("both"))
    qtbot.waitUntil(lambda: panel.model.rowCount() >= 2, timeout=5000)  # the note and the text


def test_results_cleared_when_another_document_opens(make_window, qtbot: QtBot, tmp_path) -> None:
    w = make_window()
    w.open_search_panel()
    panel = w.search_panel
    qtbot.waitUntil(lambda: w.search_index is not None, timeout=20000)
    panel.query_box.setEditText("中心工作")
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=5000)
    other = tmp_path / "other.txt"
    other.write_text("另一份\n一、甲\n中心工作在这里。\n二、乙\n正文。", encoding="utf-8")
    with qtbot.waitSignal(w.sig_document_shown, timeout=10000):
        w.open_file(str(other))
    qtbot.waitUntil(
        lambda: w.search_index is not None and w.search_index.document is w.document, timeout=20000
    )
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)  # searched again, in the new text
    hit = panel.model.index(0, 0, panel.model.index(0, 0))
    assert w.document.text[hit.data(START_ROLE) : hit.data(END_ROLE)] == "中心工作"
