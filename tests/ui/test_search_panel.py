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
    assert any(g.startswith("三、把推进机关党建与中心工作融合落到实处 › 一是踩准点") for g in groups)
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
