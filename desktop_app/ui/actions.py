"""The window's actions and menus, kept out of the main window (which only wires)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenuBar

from desktop_app.ui.themes import THEMES


class WindowActions(QObject):
    """Creates every action once; the main window connects their ``triggered`` signals."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        tr = self.tr
        self.open = QAction(tr("&Open…"), window, shortcut=QKeySequence.StandardKey.Open)
        self.open_speech = QAction(tr("Open the &bundled speech"), window)
        self.quit = QAction(tr("&Quit"), window, shortcut=QKeySequence.StandardKey.Quit)

        self.zoom_in = QAction(tr("Zoom &in"), window)
        self.zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++"), QKeySequence.StandardKey.ZoomIn])
        self.zoom_out = QAction(tr("Zoom &out"), window)
        self.zoom_out.setShortcuts([QKeySequence("Ctrl+-"), QKeySequence.StandardKey.ZoomOut])
        self.zoom_reset = QAction(tr("&Actual size"), window, shortcut=QKeySequence("Ctrl+0"))

        self.theme_group = QActionGroup(window)
        self.theme_group.setExclusive(True)
        names = {"light": tr("&Light"), "dark": tr("&Dark"), "sepia": tr("&Eye care (sepia)")}
        self.themes: dict[str, QAction] = {}
        for key in THEMES:
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

        self.toggle_toc = QAction(tr("&Contents"), window, checkable=True, shortcut=QKeySequence("Ctrl+T"))
        self.about = QAction(tr("&About Yandu"), window)

        for act in (self.open, self.quit, self.zoom_in, self.zoom_out, self.zoom_reset, self.toggle_toc):
            window.addAction(act)  # shortcuts work even when the menu bar is hidden

    def build_menus(self, bar: QMenuBar) -> None:
        tr = self.tr
        file_menu = bar.addMenu(tr("&File"))
        file_menu.addAction(self.open)
        file_menu.addAction(self.open_speech)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        view = bar.addMenu(tr("&View"))
        view.addAction(self.toggle_toc)
        view.addSeparator()
        view.addAction(self.zoom_in)
        view.addAction(self.zoom_out)
        view.addAction(self.zoom_reset)
        view.addSeparator()
        theme_menu = view.addMenu(tr("&Theme"))
        for act in self.themes.values():
            theme_menu.addAction(act)
        lang_menu = view.addMenu(tr("Language (语言)"))
        for act in self.languages.values():
            lang_menu.addAction(act)

        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(self.about)
