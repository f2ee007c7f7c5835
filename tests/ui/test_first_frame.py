"""The first frame's rules (ui/first_frame.py): the numbers it spells, and a real start that keeps them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QBrush, QColor, QTextCursor
from PySide6.QtWidgets import QMainWindow, QTextEdit
from pytestqt.qtbot import QtBot

from desktop_app.ui import first_frame
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_spelled_values_are_qts() -> None:
    spelled = {
        first_frame.DISPLAY_ROLE: Qt.ItemDataRole.DisplayRole,
        first_frame.TOOLTIP_ROLE: Qt.ItemDataRole.ToolTipRole,
        first_frame.USER_ROLE: Qt.ItemDataRole.UserRole,
        first_frame.ALIGN_LEFT: Qt.AlignmentFlag.AlignLeft,
        first_frame.ALIGN_HCENTER: Qt.AlignmentFlag.AlignHCenter,
        first_frame.ALIGN_JUSTIFY: Qt.AlignmentFlag.AlignJustify,
    }
    assert len(spelled) == 6
    for number, enum in spelled.items():
        assert number == enum.value, enum


def test_solid_brush_is_qbrush_of_the_colour(qapp) -> None:
    made = first_frame.solid_brush("#7a1f1f")
    assert made == QBrush(QColor("#7a1f1f"))
    assert made.style() == Qt.BrushStyle.SolidPattern


def test_text_formatting_aligns_as_setalignment_would(make_window) -> None:
    w = make_window()
    qdoc = w.reader.document()
    assert qdoc.findBlockByNumber(0).blockFormat().alignment() == Qt.AlignmentFlag.AlignHCenter  # title
    heading = w.document.sections[0]
    assert qdoc.findBlock(heading.start).blockFormat().alignment() == Qt.AlignmentFlag.AlignLeft
    body = w.document.paragraph_at(heading.start).index + 1
    assert qdoc.findBlockByNumber(body).blockFormat().alignment() == Qt.AlignmentFlag.AlignJustify
    fg = QTextCursor(qdoc.findBlockByNumber(body)).charFormat().foreground()
    assert fg.style() == Qt.BrushStyle.SolidPattern and fg.color().alpha() == 255


def test_tree_roles_and_flags(make_window) -> None:
    w = make_window()
    index = w.toc.model.index(0, 0)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == w.document.sections[0].title  # the title itself
    shown = w.reader.toPlainText()
    start = w.document.sections[0].start
    assert index.data(Qt.ItemDataRole.DisplayRole) == shown[start : start + len(w.document.sections[0].title)]
    assert index.data(w.toc.model.START_ROLE) == w.document.sections[0].start
    flags = w.toc.model.flags(index)
    assert flags & Qt.ItemFlag.ItemIsEnabled and flags & Qt.ItemFlag.ItemIsSelectable
    assert not flags & Qt.ItemFlag.ItemIsEditable


def test_contents_dock_on_the_left_at_first_start(qtbot: QtBot) -> None:
    w = MainWindow(Settings())  # no saved state: the first start ever
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.dockWidgetArea(w.toc) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert abs(w.toc.width() - 330) <= 30  # its size hint, as resizeDocks used to set


def test_saved_state_without_the_contents_dock_still_docks_it(qtbot: QtBot) -> None:
    other = QMainWindow()  # a window state that knows no contents dock
    other.setCentralWidget(QTextEdit())
    settings = Settings()
    settings.set_window_geometry(QByteArray(), other.saveState())
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    assert w.dockWidgetArea(w.toc) == Qt.DockWidgetArea.LeftDockWidgetArea  # in the first frame
    assert w.toc.isVisible()
    w.ensure_chrome()
    assert w.dockWidgetArea(w.toc) == Qt.DockWidgetArea.LeftDockWidgetArea


def test_keyboard_selection_once_the_window_is_complete(make_window) -> None:
    w = make_window()
    assert w.reader.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert w.reader.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def test_a_real_start_paints_before_building_the_qt_namespace(isolated_user_data: Path) -> None:
    """The second start (with a saved window state, as every start after the first) keeps the rule."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "YANDU_DATA_DIR": str(isolated_user_data),
        "YANDU_TRACE_STARTUP": "1",
        "PYTHONPATH": str(ROOT),
    }
    probe = "import PySide6.QtCore as c; print('Qt' in vars(c))"
    eager = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60)
    if eager.stdout.strip() == "True":
        pytest.skip("this PySide6 builds the Qt namespace on import: nothing for the first frame to avoid")
    cmd = [sys.executable, "-m", "desktop_app", "--quit-after-load"]
    runs = [subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120) for _ in range(2)]
    for r in runs:
        assert r.returncode == 0, r.stderr
        assert "first-paint" in r.stdout
    for r in runs:  # the first start too: it restores FIRST_STATE instead of placing the dock
        assert "first paint with tree (Qt namespace built: False;" in r.stderr, r.stderr
    for r in runs:  # the notes store is opened after the first paint: beside it, its imports
        # (~40 ms of Python) held the speech's first paint back ~30-50 ms
        assert "notes store imported: False;" in r.stderr, r.stderr
    # the first start has no database to read a reading place from: sqlite3 waits (~4 ms)
    assert "sqlite3 imported: False)" in runs[0].stderr, runs[0].stderr
    for r in runs:  # cli.cmd_window turns collection off for the start; the painted window turns it on
        assert "garbage collection resumed" in r.stderr, r.stderr


def test_the_start_is_finished_once(qapp, monkeypatch) -> None:
    """Collection back on and the icon set; a later call (another document, the fallback
    timer) leaves collection alone, as the tokenizer turns it off while loading jieba."""
    import gc

    from desktop_app import gcpolicy
    from desktop_app.ui import app as app_module

    monkeypatch.setattr(app_module, "_start_finished", False)
    gcpolicy.pause()  # as cli.cmd_window does
    try:
        app_module.finish_start(qapp)
        assert gc.isenabled() and not qapp.windowIcon().isNull() and gcpolicy.pauses() == 0
        gcpolicy.pause()  # as the tokenizer does while it loads jieba
        app_module.finish_start(qapp)
        assert not gc.isenabled()  # the later call leaves the worker's pause alone
        gcpolicy.resume()
        assert gc.isenabled()
    finally:
        while gcpolicy.pauses():
            gcpolicy.resume()
        gc.enable()
        gc.unfreeze()


def test_collection_pauses_nest() -> None:
    """jieba loading during the start's pause: collection comes back when both have ended."""
    import gc

    from desktop_app import gcpolicy

    try:
        assert gcpolicy.resume() is False  # no pause taken: nothing to do
        gcpolicy.pause()  # the start
        with gcpolicy.paused():  # the tokenizer, meanwhile
            assert not gc.isenabled()
        assert not gc.isenabled() and gcpolicy.pauses() == 1  # the start's pause still holds
        assert gcpolicy.resume() is True and gc.isenabled()
    finally:
        while gcpolicy.pauses():
            gcpolicy.resume()
        gc.enable()
        gc.unfreeze()


def test_first_paint_is_announced_after_the_text_and_the_tree_are_painted(qtbot: QtBot) -> None:
    from PySide6.QtCore import QEvent, QObject

    from desktop_app.paths import bundled_speech

    class CountPaints(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    w = MainWindow(Settings())
    qtbot.addWidget(w)
    text, tree = CountPaints(), CountPaints()
    w.reader.viewport().installEventFilter(text)
    w.toc.tree.viewport().installEventFilter(tree)
    seen: list[tuple[int, int, int]] = []
    w.sig_first_paint.connect(lambda: seen.append((text.count, tree.count, w.toc.model.rowCount())))
    w.show()
    with qtbot.waitSignal(w.sig_first_paint, timeout=20000):
        w.open_file(str(bundled_speech()))
    ((painted_text, painted_tree, rows),) = seen
    assert painted_text >= 1 and painted_tree >= 1 and rows == 6


def test_reading_fonts_are_unhinted(qapp) -> None:
    """Exact metrics, and no auto-hinter over every CJK glyph of the first screen (start-up speed)."""
    from PySide6.QtGui import QFont

    from desktop_app.ui.document_builder import Typography

    for font in (Typography(("WenQuanYi Micro Hei",)).font(), Typography(("x",)).font(1.45, bold=True)):
        assert font.hintingPreference() == QFont.HintingPreference.PreferNoHinting


def test_a_failing_panel_does_not_stop_the_window(qtbot: QtBot, monkeypatch) -> None:
    """The menus and panels are made one per event-loop turn; one that fails leaves the rest."""
    from desktop_app.paths import bundled_speech

    def broken(self: MainWindow) -> None:
        raise RuntimeError("search panel broke")

    monkeypatch.setattr(MainWindow, "_make_search_panel", broken)
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    w.show()
    shown: list[object] = []
    w.sig_document_shown.connect(shown.append)
    with qtbot.capture_exceptions() as raised, qtbot.waitSignal(w.sig_document_shown, timeout=20000):
        w.open_file(str(bundled_speech()))
    assert [str(e[1]) for e in raised] == ["search panel broke"]
    assert shown == [w.document]
    assert w.actions_ is not None and w.notes is not None  # the steps before and after it ran


def test_a_start_following_the_system_theme_keeps_the_rule(isolated_user_data: Path) -> None:
    """ "Follow the system" asks Qt for the colour scheme (which builds the namespace) only after
    the first paint; the first frame uses the answer of the last start."""
    (isolated_user_data / "settings.ini").write_text(
        "[view]\ntheme=system\nsystem_was_dark=true\n", encoding="utf-8"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "YANDU_DATA_DIR": str(isolated_user_data),
        "YANDU_TRACE_STARTUP": "1",
        "PYTHONPATH": str(ROOT),
    }
    probe = "import PySide6.QtCore as c; print('Qt' in vars(c))"
    eager = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60)
    if eager.stdout.strip() == "True":
        pytest.skip("this PySide6 builds the Qt namespace on import: nothing for the first frame to avoid")
    cmd = [sys.executable, "-m", "desktop_app", "--quit-after-load"]
    runs = [subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120) for _ in range(2)]
    for r in runs:
        assert r.returncode == 0, r.stderr
    for r in runs:
        assert "first paint with tree (Qt namespace built: False;" in r.stderr, r.stderr


def test_the_first_state_is_what_placing_the_contents_dock_gives(qtbot: QtBot, monkeypatch) -> None:
    """FIRST_STATE (restored on the first start) must place the contents dock as
    place_contents_dock() does: on the left, docked, shown, the same width.  (Byte equality is
    not asked: the state also holds a size that follows the font.)"""
    from desktop_app.ui import window_place

    def shown(window: MainWindow) -> tuple[object, ...]:
        qtbot.addWidget(window)
        window.resize(1200, 820)
        window.show()
        qtbot.waitExposed(window)
        toc = window.toc
        return window.dockWidgetArea(toc), toc.isFloating(), toc.isVisible(), toc.width()

    restored = shown(MainWindow(Settings()))  # a fresh data folder: FIRST_STATE restored
    monkeypatch.setattr(window_place, "FIRST_STATE", b"")  # not restorable: placed by hand
    placed = shown(MainWindow(Settings()))
    assert restored == placed
    assert restored[:3] == (Qt.DockWidgetArea.LeftDockWidgetArea, False, True)
    assert abs(int(restored[3]) - window_place.TOC_WIDTH) <= window_place.TOC_WIDTH * 0.2
