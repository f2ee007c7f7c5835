"""What is on the screen: every character drawable, every action reachable from the keyboard,
accessible names, sharp icons at high DPI (issue #10, points 3 and 20)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop_app.ui import fonts
from tests.conftest import ROOT

_TAGS = re.compile(r"<[^>]+>|&[a-z]+;|&#\d+;")


def _menu_actions(menu: QMenu) -> list[QAction]:
    out: list[QAction] = []
    for act in menu.actions():
        if act.isSeparator():
            continue
        out.append(act)
        if act.menu() is not None:
            out.extend(_menu_actions(act.menu()))
    return out


def _texts_of(widget: QWidget) -> list[str]:
    """Every string a widget and its children show: text, titles, tool tips, items."""
    out: list[str] = [widget.windowTitle(), widget.toolTip()]
    for w in [widget, *widget.findChildren(QWidget)]:
        out += [w.toolTip(), w.accessibleName(), w.windowTitle()]
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append(w.text())
        if isinstance(w, QLineEdit):
            out += [w.text(), w.placeholderText()]
        if isinstance(w, QPlainTextEdit):
            out += [w.toPlainText()[:2000], w.placeholderText()]
        if isinstance(w, QTextEdit) and w.objectName() != "readerView":
            out.append(w.toPlainText()[:20000])
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            stack = [
                model.index(r, c)
                for r in range(min(model.rowCount(), 200))
                for c in range(model.columnCount())
            ]
            for c in range(model.columnCount()):
                out.append(str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
            while stack:
                index = stack.pop()
                out += [str(index.data() or ""), str(index.data(3) or "")]  # display, tool tip
                stack += [model.index(r, 0, index) for r in range(min(model.rowCount(index), 50))]
        for act in w.actions():
            out += [act.text(), act.toolTip()]
    return [_TAGS.sub("", t) for t in out if t]


def _uncovered(texts: list[str]) -> set[str]:
    families = list(dict.fromkeys([*QGuiApplication.font().families(), *fonts.reading_font_families()]))
    return fonts.font_covering(families, "".join(texts))


def test_every_character_shown_is_in_the_fonts_in_use(make_window, qtbot: QtBot) -> None:
    """The bundled font lacks ⧉, ✎ and 🔖 (they showed as □): no text of the window, its docks,
    menus or dialogs may use a character the fonts in use cannot draw."""
    from desktop_app.ui import help as help_dialogs

    w = make_window()
    w.ensure_chrome()
    start = w.document.text.index("踩准点")
    w.reader.select_range(start, start + 3)
    ann = w.notes.annotate_selection("yellow")
    w.notes.edit_note(ann.id, "要具体", ["方法"])
    w.notes.add_bookmark_here()
    w.notes.show_panel()
    w.open_search_panel()
    w.open_find_bar()
    texts = _texts_of(w)
    for menu_action in w.menuBar().actions():
        texts.append(menu_action.text())
        for act in _menu_actions(menu_action.menu()):
            texts += [act.text(), act.toolTip(), act.statusTip()]
    dialogs: list[QDialog] = [
        w.notes.open_export_dialog(),
        help_dialogs.show_shortcuts(w),
        help_dialogs.show_guide(w),
        help_dialogs.show_about(w),
    ]
    if hasattr(w, "open_settings"):
        dialogs.append(w.open_settings())
    for d in dialogs:
        qtbot.wait(20)
        texts += _texts_of(d)
    missing = _uncovered(texts)
    assert not missing, "".join(sorted(missing))
    assert len("".join(texts)) > 5000  # the walk really read the window
    for d in dialogs:
        d.close()


def test_every_menu_command_is_reachable_from_the_keyboard(make_window) -> None:
    """Alt+letter opens each menu, a letter picks each entry (no two alike in one menu), or the
    entry has a shortcut of its own."""
    w = make_window()
    w.ensure_chrome()
    tops = [a for a in w.menuBar().actions() if not a.isSeparator()]
    assert len(tops) >= 6

    def mnemonic(text: str) -> str | None:
        found = re.search(r"&([^&])", text)
        return found.group(1).lower() if found else None

    top_keys = [mnemonic(a.text()) for a in tops]
    assert None not in top_keys and len(set(top_keys)) == len(top_keys), top_keys
    for top in tops:
        entries = [a for a in top.menu().actions() if not a.isSeparator() and a.isVisible()]
        keys = [mnemonic(a.text()) for a in entries]
        for act, key in zip(entries, keys, strict=True):
            reachable = key is not None or not act.shortcut().isEmpty() or act.menu() is not None
            # colour and language entries name themselves (中文, 黄…): reachable by arrow keys and Enter
            assert reachable or act.isCheckable() or act.icon() is not None, act.text()
        duplicated = {k for k in keys if k is not None and keys.count(k) > 1}
        assert not duplicated, (top.text(), duplicated)


def test_shortcuts_are_unique(make_window) -> None:
    w = make_window()
    w.ensure_chrome()
    seen: dict[str, str] = {}
    for act in w.findChildren(QAction):
        for seq in act.shortcuts():
            key = seq.toString(QKeySequence.SequenceFormat.PortableText)
            if key in seen and seen[key] != act.text():
                raise AssertionError(f"{key}: {seen[key]} and {act.text()}")
            seen[key] = act.text()


def test_the_panels_widgets_have_accessible_names(make_window) -> None:
    """A screen reader (and the tests) can tell every field of the docks and the find bar apart."""
    w = make_window()
    w.ensure_chrome()
    for container in (w.toc, w.search_panel, w.notes.panel, w.find_bar):
        for widget in container.findChildren(QWidget):
            if widget.focusPolicy().value == 0 or not widget.isEnabled():  # Qt.FocusPolicy.NoFocus
                continue
            if isinstance(widget, QAbstractButton) and widget.text():
                continue
            inside_combo = any(isinstance(p, QComboBox) for p in _ancestors(widget))
            if not inside_combo and not widget.objectName().startswith("qt_"):
                if type(widget).__name__ in ("QScrollBar", "QDockWidgetTitleButton"):
                    continue
                assert widget.accessibleName(), f"{container.objectName()}: {type(widget).__name__}"


def _ancestors(widget: QWidget) -> list[QWidget]:
    out = []
    parent = widget.parentWidget()
    while parent is not None:
        out.append(parent)
        parent = parent.parentWidget()
    return out


def test_icons_are_drawn_for_the_screen_scale(tmp_path: Path) -> None:
    """At 150% or 200% (common on office laptops) the drawn icons have the screen's pixels."""
    script = (
        "from desktop_app.ui.app import create_application\n"
        "app = create_application()\n"
        "from desktop_app.ui.icons import icon\n"
        "from desktop_app.ui.selection_toolbar import colour_icon\n"
        "for ic in (icon('note'), colour_icon('#FFE066')):\n"
        "    pm = ic.pixmap(16, 16)\n"
        "    print(pm.devicePixelRatio(), pm.width())\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "QT_SCALE_FACTOR": "2",
        "YANDU_DATA_DIR": str(tmp_path),
    }
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    for line in r.stdout.split("\n"):
        if line.strip():
            ratio, width = line.split()
            assert float(ratio) == 2.0 and int(width) == 32, line
