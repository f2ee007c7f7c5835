"""The reading window with pytest-qt: real widgets, the real speech, offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.ui import fonts
from desktop_app.ui.main_window import MainWindow

SPEECH_TOP = [
    "第一条经验，主动在全市中心工作中找准定位",  # the tree shows titles as the text does
    "第二条经验，打造与中心工作相匹配的干部队伍",
    "第三条经验，用群众的获得感和满意度检验工作成效",
    "一、深刻认识机关党建与中心工作融合的重要意义",
    "二、找准机关党建与中心工作融合的有效路径",
    "三、把推进机关党建与中心工作融合落到实处",
]


def tree_titles(w: MainWindow) -> list[str]:
    m = w.toc.model
    return [m.index(r, 0).data() for r in range(m.rowCount())]


def find_index(w: MainWindow, title: str):
    m = w.toc.model
    hits = m.match(
        m.index(0, 0),
        Qt.ItemDataRole.DisplayRole,
        title,
        1,
        Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly,
    )
    assert hits, title
    return hits[0]


def test_speech_shown_with_tree(make_window) -> None:
    w = make_window()
    assert w.document is not None
    from desktop_app.core.display import shown_text

    assert w.reader.toPlainText() == shown_text(w.document)  # the text, one for one as shown
    assert len(w.reader.toPlainText()) == len(w.document.text)
    assert tree_titles(w) == SPEECH_TOP
    assert "研读" in w.windowTitle() and "推进机关党建" in w.windowTitle()
    er = find_index(w, "二、找准机关党建与中心工作融合的有效路径")
    assert [w.toc.model.index(r, 0, er).data() for r in range(4)] == [
        "一要第一时间响应",
        "二要聚焦关键任务",
        "三要提升素质能力",
        "四要注重走出机关",
    ]


def test_repeated_title_is_hidden_not_removed(make_window) -> None:
    w = make_window()
    qdoc = w.reader.document()
    assert qdoc.findBlockByNumber(0).isVisible()
    assert not qdoc.findBlockByNumber(2).isVisible()  # the title again after the byline
    hidden = w.document.paragraphs[2]
    assert len(qdoc.findBlockByNumber(2).text()) == len(hidden.text)
    assert qdoc.findBlockByNumber(2).text() == w.reader.toPlainText()[hidden.start : hidden.end]


def test_tree_click_scrolls_heading_to_top(make_window, qtbot: QtBot) -> None:
    w = make_window()
    index = find_index(w, "三、把推进机关党建与中心工作融合落到实处")
    start = w.toc.model.section(index).start
    rect = w.toc.tree.visualRect(index)
    qtbot.mouseClick(w.toc.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: w.document.paragraph_at(w.reader.top_offset()).start == start, timeout=3000)
    assert w.reader.verticalScrollBar().value() > 0


def test_current_section_follows_scroll(make_window, qtbot: QtBot) -> None:
    w = make_window()
    doc = w.document
    target = doc.text.index("二要聚焦关键任务") + 20  # inside 二要's paragraph
    w.reader.scroll_to_offset(target)
    qtbot.waitUntil(lambda: w.toc.tree.currentIndex().data() == "二要聚焦关键任务", timeout=3000)
    status = w._section_label.text()
    assert status == "二、找准机关党建与中心工作融合的有效路径 › 二要聚焦关键任务"
    assert w._progress_label.text().endswith("%")
    # scroll with the scroll bar, as a user would, to the very end
    bar = w.reader.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: w._progress_label.text() == "100%", timeout=3000)
    assert w.toc.tree.currentIndex().data() == "三是抓队伍"


def test_position_zoom_theme_restored_after_restart(make_window, qtbot: QtBot) -> None:
    w = make_window()
    target = w.document.text.index("一是踩准点")
    w.reader.scroll_to_offset(target)
    qtbot.keyClick(w, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    w.set_theme("sepia")
    qtbot.waitUntil(lambda: w.reader.top_offset() >= target - 5, timeout=3000)
    zoom = w.settings.zoom
    assert zoom > 1.0
    w.close()

    w2 = make_window()
    assert w2.settings.zoom == pytest.approx(zoom)
    assert w2.settings.theme == "sepia"
    assert w2.actions_.themes["sepia"].isChecked()
    assert w2.reader.palette().base().color().name() == "#f3e9d2"
    para = w2.document.paragraph_at(w2.reader.top_offset())
    assert para.text.startswith("一是踩准点")


def test_zoom_shortcuts(make_window, qtbot: QtBot) -> None:
    w = make_window()
    size0 = w.reader.document().defaultFont().pointSizeF()
    qtbot.keyClick(w, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    size1 = w.reader.document().defaultFont().pointSizeF()
    qtbot.keyClick(w, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    size2 = w.reader.document().defaultFont().pointSizeF()
    qtbot.keyClick(w, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert size1 > size0 > size2
    assert w.reader.document().defaultFont().pointSizeF() == pytest.approx(size0)


def test_every_character_of_the_speech_is_covered_by_the_font_used(make_window) -> None:
    w = make_window()
    families = w.reader.document().defaultFont().families()
    assert families, "the reading view names its fonts"
    assert fonts.font_covering(families, w.document.text) == set()


def test_bad_file_gives_a_message_and_keeps_the_document(make_window, tmp_path: Path, monkeypatch) -> None:
    from desktop_app.ui import errors

    w = make_window()
    before = w.document
    shown: list[str] = []

    def message() -> str:
        box = w.findChild(QMessageBox, errors.LOAD_BOX)  # one box, not modal, reused
        assert box is not None and not box.isModal()
        return box.text()

    for name, data in (("bin.txt", bytes(range(256)) * 50), ("empty.txt", b"")):
        p = tmp_path / name
        p.write_bytes(data)
        w.open_file(str(p))
        shown.append(message())
    w.open_file(str(tmp_path / "missing.txt"))
    shown.append(message())
    assert "二进制" in shown[0] and "空" in shown[1] and "找不到" in shown[2]
    assert w.document is before


def test_open_with_dialog_and_drop(make_window, tmp_path: Path, monkeypatch, qtbot: QtBot) -> None:
    from desktop_app.ui import file_dialogs

    w = make_window()
    documents = Path.home() / "Documents"  # HOME is a fresh folder for each test
    documents.mkdir()
    folder = tmp_path / "来文"
    folder.mkdir()
    other = folder / "other.txt"
    other.write_text("另一份文件\n一、第一部分\n正文内容。\n二、第二部分\n更多内容。", encoding="gb18030")
    asked: list[Path] = []

    def choose(_parent, _title, start: Path, _filters: str) -> str:
        asked.append(start)
        return str(other)

    monkeypatch.setattr(file_dialogs, "choose_open_file", choose)
    with qtbot.waitSignal(w.sig_document_shown, timeout=5000):
        qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert tree_titles(w) == ["一、第一部分", "二、第二部分"]
    # first in the Documents folder (never the program's folder), then where the user went last
    with qtbot.waitSignal(w.sig_document_shown, timeout=5000):
        qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert asked == [documents, folder]

    third = tmp_path / "third.txt"
    third.write_text("第三份\n第一章 总则\n第一条 正文。", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(third))])
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(w.sig_document_shown, timeout=5000):
        w.dropEvent(drop)
    assert w.document.path == str(third.resolve())
    assert tree_titles(w)[0] == "第一章 总则"


def test_large_file_loads_in_background(
    make_window, tmp_path: Path, qtbot: QtBot, speech_path: Path, qtlog
) -> None:
    w = make_window()
    big = tmp_path / "big.txt"
    big.write_text("\n".join([speech_path.read_text(encoding="utf-8")] * 80), encoding="utf-8")  # ~1.2 MB
    with qtbot.waitSignal(w.sig_document_shown, timeout=30000):
        w.open_file(str(big))
        assert w._busy.isVisible() or w.document.path == str(big.resolve())  # progress while loading
    assert w.document.path == str(big.resolve())
    assert not w._busy.isVisible()
    # the busy bar sits among the permanent widgets, left of the reading progress (an index
    # out of Qt's range made it warn on the console and append the bar at the end)
    w._busy.show()
    qtbot.waitUntil(lambda: w._busy.isVisible() and w._progress_label.isVisible())
    assert w._busy.geometry().right() < w._progress_label.geometry().left()
    w._busy.hide()
    assert not [m for m in qtlog.records if "insertPermanentWidget" in m.message]


def test_ui_speaks_chinese_by_default(make_window) -> None:
    w = make_window()
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus[0].startswith("文件")
    assert w.toc.windowTitle() == "目录"


def test_reader_position_maps_to_text(make_window) -> None:
    w = make_window()
    cur = w.reader.cursorForPosition(QPoint(10, 10))
    assert 0 <= cur.position() <= len(w.document.text)


def test_place_kept_when_the_column_width_changes(make_window, qtbot: QtBot) -> None:
    w = make_window()
    target = w.document.text.index("三要提升素质能力")
    w.reader.scroll_to_offset(target)
    qtbot.waitUntil(lambda: w.reader.top_offset() == target, timeout=3000)
    w.resize(800, 700)  # the text re-wraps
    qtbot.waitUntil(lambda: w.document.paragraph_at(w.reader.top_offset()).start == target, timeout=3000)
    w.resize(1300, 700)
    qtbot.wait(50)
    assert w.document.paragraph_at(w.reader.top_offset()).start == target


def test_window_geometry_and_docks_restored(qtbot: QtBot, qapp) -> None:
    from desktop_app.ui.settings import Settings

    w = MainWindow(Settings())
    qtbot.addWidget(w)
    w.resize(720, 520)  # inside the offscreen screen (800x600): restoreGeometry keeps windows on screen
    w.show()
    w.ensure_chrome()
    w.toc.hide()
    w.close()
    w2 = MainWindow(Settings())
    qtbot.addWidget(w2)
    w2.show()
    w2.ensure_chrome()
    assert (w2.width(), w2.height()) == (720, 520)
    assert not w2.toc.isVisible()
    assert not w2.actions_.toggle_toc.isChecked()
    w2.close()
