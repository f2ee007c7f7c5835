"""帮助: the shortcut list (generated from the real window), the user guide, the about box."""

from __future__ import annotations

import fnmatch
import html
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu
from pytestqt.qtbot import QtBot

from desktop_app import __version__
from desktop_app.core import messages
from desktop_app.paths import data_dir, resource
from desktop_app.ui import fonts, help
from tests.conftest import ROOT

GUIDES = {"zh": resource("guide", "guide_zh.html"), "en": resource("guide", "guide_en.html")}
SECTIONS = [
    "first-steps",
    "search",
    "notes",
    "export",
    "print",
    "settings",
    "data",
    "command-line",
    "problems",
]
WIDGET_KEYS = {"Enter", "Shift+Enter", "Esc", "Ctrl+C"}  # the find bar's, the panels', the text's own

# Menu items the guide describes that the window does not have yet (the lead wires them).  The test
# fails when one appears, so the guide's wording is checked against it then: remove it from here.
NOT_YET_IN_WINDOW: dict[str, set[str]] = {
    "zh": set(),
    "en": set(),
}


# --- the shortcut list ----------------------------------------------------------------------------
def shown_rows(dialog: help.ShortcutsDialog) -> list[tuple[str, str, list[str]]]:
    """(group, command, keys) of every row the dialog shows, read from its tree."""
    rows = []
    sep = dialog.tr(" or ")
    for i in range(dialog.tree.topLevelItemCount()):
        group = dialog.tree.topLevelItem(i)
        for j in range(group.childCount()):
            item = group.child(j)
            if not item.isHidden() and not group.isHidden():
                rows.append((group.text(0), item.text(0), item.text(1).split(sep)))
    return rows


def live_actions_with_keys(window) -> list[QAction]:
    """Every action of the window that has a shortcut and can fire (it is on the window or a menu)."""
    return [
        a
        for a in window.findChildren(QAction)
        if a.shortcuts() and any(o is window or isinstance(o, QMenu) for o in a.associatedObjects())
    ]


def actions_below(menu: QMenu) -> list[QAction]:
    return [a for sub in menu.findChildren(QMenu) for a in sub.actions()]


def typable(seq: QKeySequence) -> bool:
    return all(seq[i].key().value < Qt.Key.Key_Help.value for i in range(seq.count()))


def test_clean_action_text() -> None:
    assert help.clean_action_text("&Open…") == "Open"
    assert help.clean_action_text("打开(&O)…") == "打开"
    assert help.clean_action_text("导出笔记（&E）...") == "导出笔记"
    assert help.clean_action_text("Save && &quit") == "Save & quit"
    assert help.clean_action_text("Language (语言)") == "Language (语言)"


def test_every_shortcut_of_the_real_window_is_listed(make_window, qtbot: QtBot) -> None:
    w = make_window()
    w.ensure_chrome()
    expected = live_actions_with_keys(w)
    assert len(expected) >= 15  # open, zoom, find, search panel, notes …: the window really has them
    dialog = help.show_shortcuts(w)
    qtbot.addWidget(dialog)
    rows = shown_rows(dialog)
    bar_menus = [a.menu() for a in w.menuBar().actions() if a.menu() is not None]
    for act in expected:
        name = help.clean_action_text(act.text())
        keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in act.shortcuts() if typable(s)]
        matching = [r for r in rows if r[1] == name and r[2] == keys]
        assert len(matching) == 1, (name, keys, rows)
        top = next(
            (
                m
                for m in bar_menus
                if act in m.actions() or any(act in s.actions() for s in m.findChildren(QMenu))
            ),
            None,
        )
        group = matching[0][0]
        if top is not None:
            assert group.split(" → ")[0] == help.clean_action_text(top.title())
        else:
            assert group == dialog.tr("Other")
    assert len(rows) == len(expected)  # nothing listed twice, nothing invented
    assert "&" not in "".join(r[1] for r in rows) and "…" not in "".join(r[1] for r in rows)
    # the zoom keys read as keys: Ctrl+= listed, a keyboard's dedicated zoom key is not
    zoom = next(r for r in rows if r[1] == help.clean_action_text(w.actions_.zoom_in.text()))
    assert "Ctrl+=" in zoom[2] and all("Ctrl" in k for k in zoom[2])
    dialog.close()


def test_an_action_added_later_is_listed(make_window, qtbot: QtBot) -> None:
    w = make_window()
    dialog = help.show_shortcuts(w)
    qtbot.addWidget(dialog)
    before = shown_rows(dialog)
    dialog.close()
    help_menu = w.menuBar().actions()[-1].menu()
    extra = QAction("Read &aloud…", w)
    extra.setShortcuts([QKeySequence("Ctrl+Alt+J"), QKeySequence(Qt.Key.Key_ZoomIn), QKeySequence("F9")])
    help_menu.addAction(extra)
    sub = help_menu.addMenu("&Tools")
    deep = sub.addAction("Count characters")
    deep.setShortcut(QKeySequence("Ctrl+Alt+K"))
    again = help.show_shortcuts(w)
    assert again is dialog  # one dialog per window, read again when shown
    rows = shown_rows(again)
    group = help.clean_action_text(help_menu.title())
    assert (group, "Read aloud", ["Ctrl+Alt+J", "F9"]) in rows
    assert (f"{group} → Tools", "Count characters", ["Ctrl+Alt+K"]) in rows
    assert len(rows) == len(before) + 2
    help_menu.removeAction(extra)
    assert "Read aloud" not in [r[1] for r in shown_rows(help.show_shortcuts(w))]
    again.close()


def test_filter_by_command_menu_or_key(make_window, qtbot: QtBot) -> None:
    w = make_window()
    dialog = help.show_shortcuts(w)
    qtbot.addWidget(dialog)
    total = len(shown_rows(dialog))
    export_name = help.clean_action_text(w.notes.actions["export"].text())
    qtbot.keyClicks(dialog.filter_edit, "ctrl + e")  # case and spaces do not matter
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter in the filter presses no button
    assert [r[1] for r in shown_rows(dialog)] == [export_name]
    assert "1" in dialog.count_label.text() and str(total) in dialog.count_label.text()
    dialog.filter_edit.setText(help.clean_action_text(w.actions_.find.text())[:3])
    assert help.clean_action_text(w.actions_.find.text()) in [r[1] for r in shown_rows(dialog)]
    search_menu = help.clean_action_text(w.menuBar().actions()[2].text())
    dialog.filter_edit.setText(search_menu)  # a menu's name shows all of it
    search_rows = [r for r in shown_rows(dialog) if r[0] == search_menu]
    assert len(search_rows) >= 4
    dialog.filter_edit.setText("没有这个命令")
    assert shown_rows(dialog) == []
    assert all(dialog.tree.topLevelItem(i).isHidden() for i in range(dialog.tree.topLevelItemCount()))
    dialog.filter_edit.clear()
    assert len(shown_rows(dialog)) == total
    dialog.close()


def test_copy_the_list_or_the_selected_rows(make_window, qtbot: QtBot) -> None:
    w = make_window()
    dialog = help.show_shortcuts(w)
    qtbot.addWidget(dialog)
    dialog.filter_edit.setText("Ctrl+Shift")
    shown = shown_rows(dialog)
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    for _group, command, keys in shown:
        assert f"{command}\t{dialog.tr(' or ').join(keys)}" in copied
    assert "Ctrl+O" not in copied
    dialog.filter_edit.clear()
    find = help.clean_action_text(w.actions_.find.text())
    item = next(
        dialog.tree.topLevelItem(i).child(j)
        for i in range(dialog.tree.topLevelItemCount())
        for j in range(dialog.tree.topLevelItem(i).childCount())
        if dialog.tree.topLevelItem(i).child(j).text(0) == find
    )
    dialog.tree.setCurrentItem(item)
    dialog.tree.setFocus()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert f"{find}\tCtrl+F" in copied and len(copied.strip().splitlines()) == 2  # its menu, the row
    dialog.close()


# --- the user guide -------------------------------------------------------------------------------
def anchors_and_links(browser) -> tuple[set[str], list[str]]:
    """Anchor names and link targets as Qt parsed them from the guide."""
    names: set[str] = set()
    hrefs: list[str] = []
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            names.update(fmt.anchorNames())
            if fmt.isAnchor() and fmt.anchorHref():
                hrefs.append(fmt.anchorHref())
            it += 1
        block = block.next()
    return names, hrefs


def headings(browser, level: int) -> list[str]:
    out = []
    block = browser.document().begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == level:
            out.append(block.text())
        block = block.next()
    return out


@pytest.mark.parametrize(("language", "title"), [("zh", "研读 使用指南"), ("en", "Yandu user guide")])
def test_guide_opens_in_the_interface_language(qtbot: QtBot, language: str, title: str) -> None:
    messages.set_language(language)
    dialog = help.GuideDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.browser.toPlainText()
    assert headings(dialog.browser, 1) == [title]
    sections = headings(dialog.browser, 2)
    assert len(sections) == len(SECTIONS)
    names, hrefs = anchors_and_links(dialog.browser)
    assert set(SECTIONS) <= names
    internal = [h for h in hrefs if h.startswith("#")]
    assert {h[1:] for h in internal} >= set(SECTIONS)  # the contents list links every section
    assert {h[1:] for h in internal} <= names  # no broken internal link
    assert all(h.startswith("#") for h in hrefs)  # and no link out of the program
    assert str(data_dir()) in text and "{{" not in text and __version__ in text
    # the Chinese guide is Chinese, the English one English
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    assert (cjk > len(text) / 3) if language == "zh" else (cjk < len(text) / 50)
    dialog.close()


def test_guide_links_scroll_to_their_section(qtbot: QtBot) -> None:
    dialog = help.GuideDialog(language="zh")
    qtbot.addWidget(dialog)
    dialog.resize(700, 500)
    dialog.show()
    qtbot.waitExposed(dialog)
    bar = dialog.browser.verticalScrollBar()
    positions = []
    for name in SECTIONS:
        dialog.follow_link(QUrl(f"#{name}"))
        positions.append(bar.value())
    assert positions[0] > 0 and positions == sorted(positions) and len(set(positions)) >= len(SECTIONS) - 2
    dialog.close()


def test_guide_find_box(qtbot: QtBot) -> None:
    dialog = help.GuideDialog(language="zh")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.browser.setFocus()
    qtbot.keyClick(dialog.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is dialog.find_edit
    dialog.find_edit.setText("数据文件夹")  # QTest types Latin-1 only
    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter finds; it does not press Close
    assert dialog.browser.textCursor().selectedText() == "数据文件夹"
    first = dialog.browser.textCursor().position()
    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_F3)  # the next one, then round to the first again
    second = dialog.browser.textCursor().position()
    assert second != first and dialog.browser.textCursor().selectedText() == "数据文件夹"
    seen = [first, second]
    while seen[-1] != first and len(seen) < 30:
        assert dialog.find_next()
        seen.append(dialog.browser.textCursor().position())
    assert seen[-1] == first and len(seen) > 3  # found several, then from the top again
    dialog.find_edit.setText("没有这句话的")
    assert not dialog.find_next() and dialog.find_status.text()
    dialog.close()


def test_guide_language_follows_the_language_in_effect() -> None:
    messages.set_language("en")
    assert help.guide_path() == GUIDES["en"]
    messages.set_language("zh")
    assert help.guide_path() == GUIDES["zh"]


def test_both_guides_have_the_same_sections_and_chinese_lines_are_not_broken() -> None:
    for path in GUIDES.values():
        source = path.read_text(encoding="utf-8")
        assert re.findall(r'<h2><a name="([^"]+)">', source) == SECTIONS, path.name
    # a line break inside a Chinese paragraph shows as a space between two characters
    for n, line in enumerate(GUIDES["zh"].read_text(encoding="utf-8").splitlines(), 1):
        for tag in ("p", "li", "td"):
            assert len(re.findall(rf"<{tag}[ >]", line)) == line.count(f"</{tag}>"), (n, line)


def test_the_guide_ships_in_the_wheel() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["desktop_app.resources"]
    for path in GUIDES.values():
        rel = path.relative_to(ROOT / "resources").as_posix()
        assert any(fnmatch.fnmatchcase(rel, p) for p in patterns), rel


def guide_claims(language: str) -> tuple[set[str], set[str]]:
    """The menu paths (文件 → 打开) and the keys (<kbd>) the guide names."""
    source = GUIDES[language].read_text(encoding="utf-8")
    paths = {html.unescape(p) for p in re.findall(r'<b class="menu">(.*?)</b>', source)}
    keys = {html.unescape(k) for k in re.findall(r"<kbd>(.*?)</kbd>", source)}
    return paths, keys


def _norm(path: str) -> str:
    parts = [re.sub(r"\s*[(（][^()（）]*[)）]$", "", help.clean_action_text(p)) for p in path.split(" → ")]
    return " → ".join(parts).casefold()


def window_facts(entries: list[help.MenuEntry]) -> tuple[set[str], set[str]]:
    """The menu paths (menus and their items) and the portable keys of a window."""
    paths: set[str] = set()
    keys: set[str] = set()
    for e in entries:
        full = [*e.path, help.clean_action_text(e.action.text())]
        for n in range(1, len(full) + 1):
            paths.add(_norm(" → ".join(full[:n])))
        keys.update(s.toString() for s in e.action.shortcuts())
    return paths, keys


def check_guide_against(language: str, paths: set[str], keys: set[str]) -> None:
    claimed_paths, claimed_keys = guide_claims(language)
    pending = {_norm(p) for p in NOT_YET_IN_WINDOW[language]}
    missing = {p for p in claimed_paths if _norm(p) not in paths and _norm(p) not in pending}
    assert missing == set(), f"the {language} guide names menu items the window lacks"
    arrived = {p for p in pending if p in paths}
    assert arrived == set(), "now in the window: check the guide's wording, then drop from NOT_YET_IN_WINDOW"
    assert len(claimed_paths) >= 15
    unknown = {k for k in claimed_keys - WIDGET_KEYS if QKeySequence(k).toString() not in keys}
    assert unknown == set(), f"the {language} guide names shortcuts no action has"


def test_the_chinese_guide_names_real_menus_and_keys(make_window) -> None:
    w = make_window()
    w.ensure_chrome()
    check_guide_against("zh", *window_facts(help.menu_entries(w)))


ENGLISH_WINDOW = """
import json
from desktop_app.ui.app import create_application, install_translators
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import Settings
from desktop_app.ui.help import clean_action_text, menu_entries
app = create_application()
install_translators(app, "en")
w = MainWindow(Settings())
w.ensure_chrome()
rows = [[[*e.path, clean_action_text(e.action.text())], [s.toString() for s in e.action.shortcuts()]]
        for e in menu_entries(w)]
print(json.dumps(rows))
"""


def test_the_english_guide_names_real_menus_and_keys(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "YANDU_DATA_DIR": str(tmp_path),
    }
    r = subprocess.run(
        [sys.executable, "-c", ENGLISH_WINDOW], capture_output=True, text=True, env=env, timeout=120
    )
    assert r.returncode == 0, r.stderr
    paths: set[str] = set()
    keys: set[str] = set()
    for full, seqs in json.loads(r.stdout.strip().splitlines()[-1]):
        for n in range(1, len(full) + 1):
            paths.add(_norm(" → ".join(full[:n])))
        keys.update(seqs)
    assert _norm("File → Open") in paths  # the window really is in English
    check_guide_against("en", paths, keys)


# --- what the user sees: every character drawable ------------------------------------------------
def test_guides_and_dialogs_use_only_characters_the_bundled_font_has(make_window, qtbot: QtBot) -> None:
    bundled = [fonts.load_bundled_font()]
    for language in GUIDES:
        messages.set_language(language)
        guide = help.GuideDialog()
        qtbot.addWidget(guide)
        assert fonts.font_covering(bundled, guide.browser.toPlainText()) == set(), language
        guide.close()
    w = make_window()
    texts: list[str] = []
    for dialog in (help.show_shortcuts(w), help.show_about(w), help.show_guide(w)):
        qtbot.addWidget(dialog)
        texts.append(dialog.windowTitle())
        for widget in dialog.findChildren(QLabel):
            texts.append(widget.text())
        for button in dialog.findChildren(QAbstractButton):
            texts.append(button.text())
        dialog.close()
    texts.append(help.ShortcutsDialog(w).as_text())
    assert fonts.font_covering(bundled, "".join(texts)) == set()


# --- the about box ----------------------------------------------------------------------------------
def test_about_shows_version_data_folder_and_licences(make_window, qtbot: QtBot, monkeypatch) -> None:
    w = make_window()
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url)) or True)
    dialog = help.show_about(w)
    qtbot.addWidget(dialog)
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert __version__ in labels
    assert str(data_dir()) in labels
    assert "MIT" in labels and "Apache" in labels and qVersion() in labels
    dialog.open_folder_button.click()
    assert [Path(u.toLocalFile()) for u in opened] == [data_dir()]
    link = re.search(r"href='([^']+)'", dialog.licence_label.text()).group(1)
    dialog.licence_label.linkActivated.emit(link)
    licence = Path(opened[-1].toLocalFile())
    assert licence.is_file() and "Apache" in licence.read_text(encoding="utf-8")
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert __version__ in copied and qVersion() in copied
    assert help.show_about(w) is dialog  # one about box per window
    dialog.close()


def test_links_are_readable_in_the_dark_theme(make_window, qtbot: QtBot) -> None:
    from desktop_app.themes import apply_to_application, contrast, theme

    w = make_window()
    guide = help.show_guide(w)
    qtbot.addWidget(guide)
    about = help.show_about(w)
    qtbot.addWidget(about)
    try:
        for key in ("dark", "sepia", "light"):
            apply_to_application(theme(key))
            page = QGuiApplication.palette().color(QPalette.ColorRole.Base).name()
            help.show_guide(w)  # shown again after the theme changed
            help.show_about(w)
            block = guide.browser.document().begin()
            colours = set()
            while block.isValid():
                it = block.begin()
                while not it.atEnd():
                    fmt = it.fragment().charFormat()
                    if fmt.isAnchor() and fmt.anchorHref():
                        colours.add(fmt.foreground().color().name())
                    elif block.blockFormat().headingLevel():  # a heading is a target, not a link
                        assert fmt.foreground().style() == Qt.BrushStyle.NoBrush, block.text()
                    it += 1
                block = block.next()
            colours.add(re.search(r"color:(#[0-9a-fA-F]{6})", about.licence_label.text()).group(1))
            assert colours and all(contrast(c, page) >= 4.5 for c in colours), (key, colours, page)
    finally:
        apply_to_application(theme("light"))
    guide.close()
    about.close()
