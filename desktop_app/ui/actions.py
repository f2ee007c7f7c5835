"""The window's actions and menus, kept out of the main window (which only wires)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from desktop_app.themes import THEME_CHOICES

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QMenuBar


def _unique(*keys: str | QKeySequence.StandardKey) -> list[QKeySequence]:
    """Shortcuts without repeats: a key bound twice to one action is ambiguous and never fires."""
    out: list[QKeySequence] = []
    for k in keys:
        seqs = QKeySequence.keyBindings(k) if isinstance(k, QKeySequence.StandardKey) else [QKeySequence(k)]
        out.extend(s for s in seqs if not s.isEmpty() and s not in out)
    return out


class WindowActions(QObject):
    """Creates every action once; the main window connects their ``triggered`` signals."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.open = QAction(self.tr("&Open…"), window, shortcut=QKeySequence.StandardKey.Open)
        self.open_speech = QAction(self.tr("Open the &bundled speech"), window)
        self.clear_recent = QAction(self.tr("&Clear the list"), window)
        self.close_document = QAction(self.tr("&Close the document"), window, shortcut=QKeySequence("Ctrl+W"))
        self.print_preview = QAction(self.tr("Print pre&view…"), window)
        self.print_ = QAction(self.tr("&Print…"), window, shortcut=QKeySequence.StandardKey.Print)
        self.settings = QAction(self.tr("&Settings…"), window)
        self.settings.setShortcuts(_unique("Ctrl+,", QKeySequence.StandardKey.Preferences))
        self.settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit = QAction(self.tr("&Quit"), window, shortcut=QKeySequence.StandardKey.Quit)

        self.copy_citation = QAction(
            self.tr("Copy with &citation"), window, shortcut=QKeySequence("Ctrl+Shift+C")
        )

        self.zoom_in = QAction(self.tr("Zoom &in"), window)
        self.zoom_in.setShortcuts(_unique("Ctrl+=", "Ctrl++", QKeySequence.StandardKey.ZoomIn))
        self.zoom_out = QAction(self.tr("Zoom &out"), window)
        self.zoom_out.setShortcuts(_unique("Ctrl+-", QKeySequence.StandardKey.ZoomOut))
        self.zoom_reset = QAction(self.tr("&Actual size"), window, shortcut=QKeySequence("Ctrl+0"))

        self.theme_group = QActionGroup(window)
        self.theme_group.setExclusive(True)
        names = {
            "light": self.tr("&Light"),
            "dark": self.tr("&Dark"),
            "sepia": self.tr("&Eye care (sepia)"),
            "system": self.tr("Follow the &system"),
        }
        self.themes: dict[str, QAction] = {}
        for key in THEME_CHOICES:
            act = QAction(names.get(key, key), window, checkable=True)
            act.setData(key)
            self.theme_group.addAction(act)
            self.themes[key] = act

        self.language_group = QActionGroup(window)
        self.languages: dict[str, QAction] = {}
        for key, label in (("zh", "中文"), ("en", "English")):
            act = QAction(label, window, checkable=True)
            act.setData(key)
            self.language_group.addAction(act)
            self.languages[key] = act

        self.toggle_toc = QAction(
            self.tr("&Contents"), window, checkable=True, shortcut=QKeySequence("Ctrl+T")
        )
        self.full_width = QAction(self.tr("Full-width &punctuation"), window, checkable=True)
        self.full_width.setToolTip(
            self.tr("Show , ; : ( ) ! ? between Chinese characters as ，；：（）！？ (the file is unchanged)")
        )
        self.find = QAction(self.tr("&Find in text…"), window, shortcut=QKeySequence.StandardKey.Find)
        self.find_next = QAction(self.tr("Find &next"), window)
        self.find_next.setShortcuts(_unique("F3", QKeySequence.StandardKey.FindNext))
        self.find_previous = QAction(self.tr("Find &previous"), window)
        self.find_previous.setShortcuts(_unique("Shift+F3", QKeySequence.StandardKey.FindPrevious))

        self.search_panel = QAction(
            self.tr("Full-text &search…"), window, shortcut=QKeySequence("Ctrl+Shift+F")
        )
        self.terms = QAction(self.tr("&Key formulations"), window, shortcut=QKeySequence("Ctrl+Shift+K"))

        self.shortcuts = QAction(self.tr("&Keyboard shortcuts"), window, shortcut=QKeySequence("Ctrl+/"))
        self.guide = QAction(self.tr("User &guide"), window, shortcut=QKeySequence.StandardKey.HelpContents)
        self.about = QAction(self.tr("&About Yandu"), window)

        for act in (
            self.open,
            self.close_document,
            self.quit,
            self.zoom_in,
            self.zoom_out,
            self.zoom_reset,
            self.toggle_toc,
            self.find,
            self.find_next,
            self.find_previous,
            self.search_panel,
            self.terms,
            self.print_,
            self.settings,
            self.copy_citation,
            self.shortcuts,
            self.guide,
        ):
            window.addAction(act)  # shortcuts work even when the menu bar is hidden

    def fill_library_menu(self, actions: dict[str, QAction]) -> None:
        """The library feature's actions in the 文件 menu (文库, 添加到文库 …, 上一篇)."""
        for key in ("library", "add_files", "add_folder", "previous", "compare"):
            self.file_menu.insertAction(self.library_menu_anchor, actions[key])

    def build_menus(self, bar: QMenuBar) -> None:
        file_menu = self.file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.open)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))  # filled by the window
        file_menu.addAction(self.open_speech)
        file_menu.addSeparator()
        self.library_menu_anchor = file_menu.addSeparator()  # the library's actions go above it
        file_menu.addAction(self.close_document)
        file_menu.addSeparator()
        file_menu.addAction(self.print_preview)
        file_menu.addAction(self.print_)
        file_menu.addSeparator()
        file_menu.addAction(self.settings)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit = bar.addMenu(self.tr("&Edit"))
        self.edit_menu = edit
        edit.addAction(self.copy_citation)

        view = bar.addMenu(self.tr("&View"))
        view.addAction(self.toggle_toc)
        view.addSeparator()
        view.addAction(self.zoom_in)
        view.addAction(self.zoom_out)
        view.addAction(self.zoom_reset)
        view.addSeparator()
        view.addAction(self.full_width)
        view.addSeparator()
        theme_menu = view.addMenu(self.tr("&Theme"))
        for act in self.themes.values():
            theme_menu.addAction(act)
        lang_menu = view.addMenu(self.tr("Language (语言)"))
        for act in self.languages.values():
            lang_menu.addAction(act)

        search_menu = bar.addMenu(self.tr("&Search"))
        search_menu.addAction(self.find)
        search_menu.addAction(self.find_next)
        search_menu.addAction(self.find_previous)
        search_menu.addSeparator()
        search_menu.addAction(self.search_panel)
        search_menu.addAction(self.terms)

        self.notes_menu = bar.addMenu(self.tr("&Notes"))  # filled by the notes feature

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.guide)
        help_menu.addAction(self.shortcuts)
        help_menu.addSeparator()
        help_menu.addAction(self.about)
