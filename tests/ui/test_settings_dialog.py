"""The settings dialog and the settings it keeps: real widgets, a real INI file, a real notes
database with real backups in the isolated data folder (only message boxes and the desktop's
"open folder" are stood in for)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.core.loader import load_document
from desktop_app.paths import bundled_speech
from desktop_app.themes import THEMES
from desktop_app.ui import fonts
from desktop_app.ui.document_builder import Typography, build_text_document, reading_typography
from desktop_app.ui.settings import Settings
from desktop_app.ui.settings_dialog import SettingsDialog, chinese_font_families


@pytest.fixture
def dialog(qtbot: QtBot):
    def make(**kwargs) -> SettingsDialog:
        dlg = SettingsDialog(Settings(), None, **kwargs)
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitExposed(dlg)
        return dlg

    return make


def _body_block(qdoc, doc):
    """A body paragraph's block (not the head, not a heading)."""
    heading = doc.sections[0]
    return qdoc.findBlockByNumber(doc.paragraph_at(heading.start).index + 1)


# --- the settings ---------------------------------------------------------------------------
def test_values_never_chosen_give_the_typography_of_before(isolated_user_data: Path) -> None:
    s = Settings()
    assert (s.font_family, s.font_size, s.line_spacing, s.paragraph_spacing) == ("", 15.0, 175, 0.55)
    assert s.theme == "light" and s.language == ""
    # exactly what the window built before there were choices: Typography(families, 15 * zoom)
    assert s.typography(["Fam"]) == Typography(("Fam",), 15.0)
    s.zoom = 1.2
    assert s.typography(["Fam"]) == Typography(("Fam",), 15.0 * 1.2)


def test_bad_stored_values_fall_back(isolated_user_data: Path) -> None:
    (isolated_user_data / "settings.ini").write_text(
        "[view]\n"
        "theme=purple\n"
        "font_size=huge\n"
        "line_spacing=-40\n"
        "paragraph_spacing=nan\n"
        "font_family=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x18)\n"
        "zoom=inf\n"
        "[ui]\n"
        "language=fr\n",
        encoding="utf-8",
    )
    s = Settings()
    assert s.theme == "light"
    assert s.font_size == 15.0
    assert s.line_spacing == 100  # the nearest allowed
    assert s.paragraph_spacing == 0.55
    assert s.font_family == ""
    assert s.zoom == 1.0
    assert s.language == ""
    (isolated_user_data / "settings.ini").write_text(
        "[view]\ntheme=system\nfont_size=99\nline_spacing=1000\nparagraph_spacing=2.5\n", encoding="utf-8"
    )
    s = Settings()
    assert (s.theme, s.font_size, s.line_spacing, s.paragraph_spacing) == ("system", 36.0, 300, 2.5)


def test_choices_survive_a_restart(isolated_user_data: Path) -> None:
    s = Settings()
    s.font_family, s.font_size, s.line_spacing, s.paragraph_spacing = "思源宋体", 18.5, 200, 1.2
    s.theme, s.language = "system", "en"
    s.sync()
    again = Settings()
    assert (again.font_family, again.font_size, again.line_spacing, again.paragraph_spacing) == (
        "思源宋体",
        18.5,
        200,
        1.2,
    )
    assert (again.theme, again.language) == ("system", "en")
    assert again.typography(["Auto", "思源宋体"]).families == ("思源宋体", "Auto")


def test_the_reading_text_is_set_as_chosen(qapp) -> None:
    doc = load_document(bundled_speech())
    auto = fonts.reading_font_families(doc.text)
    default = build_text_document(doc, Typography(tuple(auto)), THEMES["light"])
    block = _body_block(default, doc)
    em = block.blockFormat().textIndent() / 2
    assert block.blockFormat().lineHeight() == 175
    assert block.blockFormat().bottomMargin() == pytest.approx(em * 0.55)

    typo = reading_typography(auto, fonts.BUNDLED_FAMILY, 20, 220, 1.5, zoom=1.1)
    assert typo.families[0] == fonts.BUNDLED_FAMILY and len(set(typo.families)) == len(typo.families)
    chosen = build_text_document(doc, typo, THEMES["light"])
    block = _body_block(chosen, doc)
    em = block.blockFormat().textIndent() / 2
    assert chosen.defaultFont().pointSizeF() == pytest.approx(22.0)
    assert chosen.defaultFont().families()[0] == fonts.BUNDLED_FAMILY
    assert block.blockFormat().lineHeight() == 220
    assert block.blockFormat().bottomMargin() == pytest.approx(em * 1.5)


# --- the dialog: reading ----------------------------------------------------------------------
def test_fonts_offered_draw_chinese(dialog) -> None:
    dlg = dialog()
    assert dlg.font_box.itemData(0) == ""  # automatic first
    assert fonts.reading_font_families()[0] in dlg.font_box.itemText(0)
    offered = [dlg.font_box.itemData(i) for i in range(1, dlg.font_box.count())]
    assert offered == chinese_font_families()
    assert fonts.BUNDLED_FAMILY in offered
    for fam in offered:
        assert not fonts.missing_characters(fam, "研读中华人民共和国"), fam


def test_each_change_is_saved_and_announced(dialog, qtbot: QtBot) -> None:
    dlg = dialog()
    with qtbot.waitSignal(dlg.sig_typography_changed, timeout=2000):
        dlg.size_box.setValue(18)
        dlg.line_box.setValue(200)
        dlg.paragraph_box.setValue(1.0)
        dlg.font_box.setCurrentIndex(dlg.font_box.findData(fonts.BUNDLED_FAMILY))
    s = Settings()  # read back from the file's store, as the next start will
    assert (s.font_size, s.line_spacing, s.paragraph_spacing, s.font_family) == (
        18.0,
        200,
        1.0,
        fonts.BUNDLED_FAMILY,
    )
    # the preview is set as the reading view will be
    block = dlg.preview.document().firstBlock()
    assert block.blockFormat().lineHeight() == 200
    assert dlg.preview.document().defaultFont().pointSizeF() == pytest.approx(18.0)

    with qtbot.waitSignal(dlg.sig_theme_changed, timeout=1000) as got:
        dlg.theme_box.setCurrentIndex(dlg.theme_box.findData("dark"))
    assert got.args == ["dark"] and Settings().theme == "dark"
    base = dlg.preview.palette().color(QPalette.ColorRole.Base).name()
    assert base == THEMES["dark"].background
    with qtbot.waitSignal(dlg.sig_theme_changed, timeout=1000) as got:
        dlg.theme_box.setCurrentIndex(dlg.theme_box.findData("system"))
    assert got.args == ["system"] and Settings().theme == "system"


def test_a_held_spin_box_rebuilds_once(dialog, qtbot: QtBot) -> None:
    dlg = dialog()
    count = []
    dlg.sig_typography_changed.connect(lambda: count.append(1))
    for size in (16, 17, 18, 19, 20):
        dlg.size_box.setValue(size)
    qtbot.waitUntil(lambda: count == [1], timeout=2000)
    qtbot.wait(300)
    assert count == [1]


def test_language_applies_at_the_next_start(dialog, qtbot: QtBot) -> None:
    dlg = dialog(language_in_effect="zh")
    assert dlg.language_box.currentData() == "zh" and dlg.language_note.isHidden()
    with qtbot.waitSignal(dlg.sig_language_changed, timeout=1000) as got:
        dlg.language_box.setCurrentIndex(dlg.language_box.findData("en"))
    assert got.args == ["en"] and Settings().language == "en"
    assert dlg.language_note.isVisible()
    dlg.language_box.setCurrentIndex(dlg.language_box.findData("zh"))
    assert dlg.language_note.isHidden()


def test_restore_defaults(dialog, qtbot: QtBot) -> None:
    s = Settings()
    s.font_family, s.font_size, s.line_spacing, s.paragraph_spacing = fonts.BUNDLED_FAMILY, 20, 250, 2
    s.theme, s.language = "sepia", "en"
    dlg = dialog()
    assert dlg.size_box.value() == 20 and dlg.theme_box.currentData() == "sepia"
    with (
        qtbot.waitSignal(dlg.sig_typography_changed, timeout=1000),
        qtbot.waitSignal(dlg.sig_theme_changed, timeout=1000) as theme,
    ):
        dlg.defaults_button.click()
    assert theme.args == ["light"]
    s = Settings()
    assert (s.font_family, s.font_size, s.line_spacing, s.paragraph_spacing, s.theme) == (
        "",
        15.0,
        175,
        0.55,
        "light",
    )
    assert s.language == "en"  # the interface language is not a reading default
    assert (dlg.font_box.currentIndex(), dlg.size_box.value(), dlg.line_box.value()) == (0, 15.0, 175)
    with qtbot.assertNotEmitted(dlg.sig_typography_changed), qtbot.assertNotEmitted(dlg.sig_theme_changed):
        dlg.defaults_button.click()  # already the defaults: nothing to rebuild


# --- the dialog: data -------------------------------------------------------------------------
def test_data_folder_shown_and_opened(dialog, monkeypatch, isolated_user_data: Path) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dlg = dialog()
    assert dlg.folder_edit.text() == str(isolated_user_data)
    dlg.open_folder_button.click()
    assert [u.toLocalFile() for u in opened] == [str(isolated_user_data)]


def _notes_with_backup(doc):
    """A real notes database with one highlight in its backup and two highlights now."""
    from desktop_app.core.annotations import new_annotation
    from desktop_app.storage.notes_store import NotesStore

    store = NotesStore()
    doc_id = store.open_document(doc)
    store.add(new_annotation(doc, 10, 20, doc_id=doc_id))
    backup = store.backup_now()
    assert backup is not None
    old = backup.with_name("notes-2024-05-01.sqlite3")  # an older daily backup, two days back
    backup.rename(old)
    past = time.time() - 2 * 86400
    os.utime(old, (past, past))
    store.add(new_annotation(doc, 30, 40, color="green", doc_id=doc_id))
    return store, doc_id, old


def test_backups_listed_and_restored_after_confirming(dialog, qtbot: QtBot, monkeypatch) -> None:
    doc = load_document(bundled_speech())
    store, doc_id, old = _notes_with_backup(doc)
    try:
        dlg = dialog(list_backups=store.backups, restore_backup=store.restore_backup)
        dlg.tabs.setCurrentIndex(1)
        assert dlg.backup_list.topLevelItemCount() == 1
        item = dlg.backup_list.topLevelItem(0)
        assert item.text(0) == time.strftime("%Y-%m-%d %H:%M", time.localtime(old.stat().st_mtime))
        assert item.text(1) == dlg.tr("Daily") and any(ch.isdigit() for ch in item.text(2))
        assert not dlg.restore_button.isEnabled()  # nothing selected yet
        dlg.backup_list.setCurrentItem(item)
        assert dlg.restore_button.isEnabled()

        asked: list[str] = []

        def answer(reply):
            def question(_parent, _title, text, *args):
                asked.append(text)
                return reply

            return question

        monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
        with qtbot.assertNotEmitted(dlg.sig_backup_restored):
            dlg.restore_button.click()
        assert len(store.annotations(doc_id)) == 2  # said no: nothing changed
        assert item.text(0) in asked[0]

        monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
        with qtbot.waitSignal(dlg.sig_backup_restored, timeout=3000) as got:
            dlg.restore_button.click()
        assert got.args == [old]
        assert [(a.start, a.end) for a in store.annotations(doc_id)] == [(10, 20)]
        kinds = [dlg.backup_list.topLevelItem(i).text(1) for i in range(dlg.backup_list.topLevelItemCount())]
        assert dlg.tr("Before a restore") in kinds  # the notes as they were: it can be undone
        assert dlg.backup_status.text()
    finally:
        store.close()


def test_a_damaged_backup_is_reported(dialog, monkeypatch) -> None:
    doc = load_document(bundled_speech())
    store, doc_id, old = _notes_with_backup(doc)
    try:
        old.write_bytes(b"not a database at all" * 100)
        warned: list[str] = []
        monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
        monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
        dlg = dialog(list_backups=store.backups, restore_backup=store.restore_backup)
        dlg.backup_list.setCurrentItem(dlg.backup_list.topLevelItem(0))
        dlg.restore_button.click()
        assert warned and old.name in warned[0]
        assert len(store.annotations(doc_id)) == 2
    finally:
        store.close()


def test_without_a_notes_store_no_backups_are_offered(dialog) -> None:
    dlg = dialog()
    assert not dlg.backup_list.isEnabled()
    assert not dlg.restore_button.isEnabled()
    assert dlg.backup_status.text()


def test_every_mnemonic_on_a_page_is_unique(dialog) -> None:
    """Alt+letter reaches one thing: the tabs, the dialog's buttons and each page's own."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    dlg = dialog()

    def letters(texts: list[str]) -> list[str]:
        return [m.group(1).casefold() for t in texts for m in [re.search(r"&([^&])", t)] if m]

    tabs = [dlg.tabs.tabText(i) for i in range(dlg.tabs.count())]
    outside = [b.text() for b in dlg.findChildren(QAbstractButton) if not dlg.tabs.isAncestorOf(b)]
    for i in range(dlg.tabs.count()):
        page = dlg.tabs.widget(i)
        own = [w.text() for w in page.findChildren(QLabel)] + [
            b.text() for b in page.findChildren(QAbstractButton)
        ]
        found = letters(tabs + outside + own)
        assert len(found) == len(set(found)), (dlg.tabs.tabText(i), sorted(found))
        assert len(letters(own)) >= 2
