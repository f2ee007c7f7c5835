"""Highlights, notes and bookmarks in the window: real widgets, a real SQLite file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.storage.notes_store import NotesStore
from desktop_app.themes import THEMES, mark_colours
from tests.ui.test_find_bar import type_chinese


def select_text(w, needle: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = w.document.text.index(needle, start + 1)
    w.reader.select_range(start, start + len(needle))
    return start, start + len(needle)


def stored(data_dir: Path) -> list:
    with NotesStore(data_dir / "notes.sqlite3") as store:
        docs = store.documents()
        return [a for d in docs for a in store.annotations(d.id)]


def test_highlight_survives_restart(make_window, qtbot: QtBot, isolated_user_data: Path) -> None:
    w = make_window()
    start, end = select_text(w, "踩准点")
    w.notes.toolbar.colour_buttons["green"].click()
    assert [(a.start, a.end, a.color) for a in w.notes.annotations] == [(start, end, "green")]
    qtbot.waitUntil(lambda: not w.reader.marks_waiting, timeout=3000)
    green = mark_colours(THEMES["light"], "green").background
    drawn = [r for r, colour, kind in w.reader.mark_shapes() if kind == "fill" and colour.name() == green]
    assert len(drawn) == 1  # painted over the three characters, on their line
    assert drawn[0].toRect().intersects(w.reader.range_rect(start, end))
    w.close()
    assert [(a.start, a.end, a.color) for a in stored(isolated_user_data)] == [(start, end, "green")]

    w2 = make_window()
    assert [(a.start, a.end, a.color) for a in w2.notes.annotations] == [(start, end, "green")]
    assert w2.reader.mark_at(start + 1) is not None


def test_note_typed_in_place_and_shown_on_hover(make_window, qtbot: QtBot) -> None:
    w = make_window()
    start, _end = select_text(w, "发好力")
    qtbot.keyClick(w, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    panel = w.notes.panel
    assert panel.isVisible() and panel.note_edit.hasFocus()
    type_chinese(panel.note_edit, "方法要具体")
    qtbot.waitUntil(lambda: w.notes.annotations and w.notes.annotations[0].note == "方法要具体", timeout=3000)
    assert w.reader.mark_at(start).note == "方法要具体"
    assert "方法要具体" in panel.tree.topLevelItem(0).child(0).text(0)


def test_delete_and_undo_restore_exactly(make_window, qtbot: QtBot) -> None:
    w = make_window()
    select_text(w, "抓队伍")
    w.notes.annotate_selection("blue")
    before = w.notes.annotations[0]
    w.notes.show_panel()
    w.notes.panel.select(before.id)
    qtbot.keyClick(w.notes.panel.tree, Qt.Key.Key_Delete)
    assert w.notes.annotations == []
    qtbot.keyClick(w.notes.panel.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.notes.annotations == [before]


def test_undo_takes_back_a_highlight_and_a_note_and_redo_does_them_again(make_window, qtbot: QtBot) -> None:
    w = make_window()
    start, _end = select_text(w, "踩准点")
    w.notes.annotate_selection("yellow")
    made = w.notes.annotations[0]
    w.notes.edit_note(made.id, "第一稿", [])
    w.notes.edit_note(made.id, "第二稿", [])
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.notes.annotations[0].note == "第一稿"
    w.notes.actions["undo"].trigger()
    w.notes.actions["undo"].trigger()
    assert w.notes.annotations == [] and w.reader.mark_at(start + 1) is None  # the highlight is gone
    qtbot.keyClick(
        w.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert w.notes.annotations == [made] and w.reader.mark_at(start + 1) is not None
    w.notes.actions["redo"].trigger()
    w.notes.actions["redo"].trigger()
    assert w.notes.annotations[0].note == "第二稿"
    assert w.notes.store.annotations(w.notes.doc_id)[0].note == "第二稿"  # stored, not only shown
    w.notes.actions["redo"].trigger()  # nothing left: a hint, no change
    assert w.statusBar().currentMessage() == "没有可以重做的修改。"


def test_filters_and_count(make_window) -> None:
    w = make_window()
    for needle, colour in (("踩准点", "yellow"), ("发好力", "green"), ("抓队伍", "green")):
        select_text(w, needle)
        w.notes.annotate_selection(colour)
    panel = w.notes.panel
    assert panel.count_label.text() == "3 条笔记"
    panel.colour_filter.setCurrentIndex(panel.colour_filter.findData("green"))
    assert [a.exact for a in panel.visible_annotations()] == ["发好力", "抓队伍"]
    assert panel.count_label.text() == "2 / 3 条笔记"
    panel.filter_edit.setText("队伍")
    assert [a.exact for a in panel.visible_annotations()] == ["抓队伍"]


def test_context_menu_offers_colours_and_remove(make_window) -> None:
    w = make_window()
    start, end = select_text(w, "一要第一时间响应")
    menu = QMenu()
    w.reader.menu_provider(menu, start, end)
    labels = [a.text() for a in menu.actions()]
    assert "高亮：黄" in labels and "删除标注(&R)" not in labels
    w.notes.annotate_selection("pink")
    menu2 = QMenu()
    w.reader.menu_provider(menu2, start + 1, start + 1)
    assert "删除标注(&R)" in [a.text() for a in menu2.actions()]


def test_bookmark_and_orphan_of_a_revised_text(make_window, tmp_path: Path, monkeypatch) -> None:
    src = tmp_path / "talk.txt"
    src.write_text(
        "学习笔记\n一、总体要求\n要坚持人民至上，这是根本。\n二、主要任务\n要抓好队伍建设。", encoding="utf-8"
    )
    w = make_window(src)
    select_text(w, "坚持人民至上")
    w.notes.annotate_selection("yellow")
    select_text(w, "抓好队伍建设")
    w.notes.annotate_selection("blue")
    w.notes.add_bookmark_here()
    assert len(w.notes.bookmarks) == 1
    w.close()
    # the text is revised: the first passage is gone, the second moved
    src.write_text(
        "学习笔记\n前言：新加的一段。\n一、总体要求\n要全面学习。\n二、主要任务\n要抓好队伍建设。",
        encoding="utf-8",
    )
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    w2 = make_window(src)
    by_quote = {a.original_exact or a.exact: a for a in w2.notes.annotations}
    moved = by_quote["抓好队伍建设"]
    assert w2.document.text[moved.start : moved.end] == "抓好队伍建设" and not moved.is_orphan
    assert by_quote["坚持人民至上"].is_orphan
    panel = w2.notes.panel
    w2.notes.show_panel()  # the list is built when the panel is shown
    groups = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert any("找不到原位置" in g for g in groups)
    # re-attach the orphan to new text
    start, end = select_text(w2, "全面学习")
    w2.notes.reattach_to_selection(by_quote["坚持人民至上"].id)
    again = {a.id: a for a in w2.notes.annotations}[by_quote["坚持人民至上"].id]
    assert (again.start, again.end, again.is_orphan) == (start, end, False)


def test_restore_backup_and_rename_bookmark(make_window, monkeypatch) -> None:
    from desktop_app.ui.settings_dialog import SettingsDialog

    w = make_window()
    select_text(w, "踩准点")
    w.notes.annotate_selection("yellow")
    store = w.notes.store
    backup = store.backup_now()  # today's backup holds the highlight
    w.notes.delete(w.notes.annotations[0].id)
    assert w.notes.annotations == []
    # 批注 → 从备份恢复笔记 opens the backups page of the settings: dates, kinds, sizes
    w.notes.actions["restore"].trigger()
    dialog = w.findChild(SettingsDialog)
    assert dialog is not None and dialog.tabs.currentIndex() == 1
    rows = [dialog.backup_list.topLevelItem(i) for i in range(dialog.backup_list.topLevelItemCount())]
    row = next(r for r in rows if r.toolTip(0) == backup.name)
    dialog.backup_list.setCurrentItem(row)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.restore_selected()
    assert [a.exact for a in w.notes.annotations] == ["踩准点"]
    dialog.close()

    bm = w.notes.add_bookmark_here()
    w.notes.show_panel()
    w.notes.panel.select(bm.id)
    w.notes.panel.note_edit.setPlainText("重点段落")
    w.notes.panel.flush()
    assert w.notes.bookmarks[0].title == "重点段落"


def test_corrupt_database_is_recovered_and_the_user_told(
    make_window,
    isolated_user_data: Path,
    monkeypatch,
) -> None:
    w = make_window()
    select_text(w, "踩准点")
    w.notes.annotate_selection("yellow")
    w.close()  # the daily backup is refreshed at close
    db = isolated_user_data / "notes.sqlite3"
    for extra in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        extra.unlink(missing_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    w2 = make_window()
    assert [a.exact for a in w2.notes.annotations] == ["踩准点"]  # nothing lost
    assert shown and "备份" in shown[0]  # and the user was told, in plain words
    assert list(isolated_user_data.glob("notes.sqlite3.corrupt-*"))  # set aside, not deleted


def test_read_only_notes_refuse_changes_with_a_message(
    make_window,
    isolated_user_data: Path,
    monkeypatch,
) -> None:
    w = make_window()
    select_text(w, "踩准点")
    w.notes.annotate_selection("yellow")
    w.notes.store.close()
    w.notes.store = NotesStore(isolated_user_data / "notes.sqlite3", read_only=True)  # as on a read-only disk
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    select_text(w, "发好力")
    assert w.notes.annotate_selection("green") is None
    assert shown and "Traceback" not in shown[0]
    assert [a.exact for a in w.notes.annotations] == ["踩准点"]  # what was saved is untouched
    assert [a.exact for a in stored(isolated_user_data)] == ["踩准点"]


def test_a_document_at_the_notes_limit_refuses_one_more_with_the_limit_named(
    make_window, isolated_user_data: Path, monkeypatch
) -> None:
    from desktop_app.storage import notes_store

    monkeypatch.setattr(notes_store, "MAX_NOTES_PER_DOCUMENT", 1)  # the same check, reached sooner
    w = make_window()
    select_text(w, "踩准点")
    assert w.notes.annotate_selection("yellow") is not None
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    select_text(w, "发好力")
    assert w.notes.annotate_selection("green") is None
    assert shown and "笔记已达上限（1 条）" in shown[0]
    assert [a.exact for a in stored(isolated_user_data)] == ["踩准点"]
