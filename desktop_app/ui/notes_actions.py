"""The notes' actions: the 批注 menu, their shortcuts, and the reading view's context menu.

A mixin of NotesFeature (its strings are translated in that context): actions only call
the feature's commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from desktop_app.core.annotations import COLORS
from desktop_app.ui.selection_toolbar import colour_icon, colour_name

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu


class NotesActionsMixin:
    """The actions and menus of :class:`~desktop_app.ui.notes_feature.NotesFeature`."""

    def _make_actions(self) -> dict[str, QAction]:
        w = self.window
        acts = {
            "highlight": QAction(
                QCoreApplication.translate("NotesFeature", "&Highlight selection"),
                w,
                shortcut=QKeySequence("Ctrl+H"),
            ),
            "underline": QAction(
                QCoreApplication.translate("NotesFeature", "&Underline selection"),
                w,
                shortcut=QKeySequence("Ctrl+U"),
            ),
            "note": QAction(
                QCoreApplication.translate("NotesFeature", "Add a &note…"), w, shortcut=QKeySequence("Ctrl+M")
            ),
            "remove": QAction(QCoreApplication.translate("NotesFeature", "&Remove highlight"), w),
            "bookmark": QAction(
                QCoreApplication.translate("NotesFeature", "Add a &bookmark"),
                w,
                shortcut=QKeySequence("Ctrl+D"),
            ),
            "undo": QAction(
                QCoreApplication.translate("NotesFeature", "Undo the &last change"),
                w,
                shortcut=QKeySequence.StandardKey.Undo,
            ),
            "redo": QAction(QCoreApplication.translate("NotesFeature", "Re&do"), w),
            "panel": QAction(
                QCoreApplication.translate("NotesFeature", "Notes &panel"),
                w,
                shortcut=QKeySequence("Ctrl+Shift+N"),
            ),
            "restore": QAction(
                QCoreApplication.translate("NotesFeature", "Restore notes from a bac&kup…"), w
            ),
            "export": QAction(
                QCoreApplication.translate("NotesFeature", "&Export notes…"),
                w,
                shortcut=QKeySequence("Ctrl+E"),
            ),
            "import": QAction(QCoreApplication.translate("NotesFeature", "&Import notes…"), w),
        }
        acts["export"].triggered.connect(self.open_export_dialog)
        acts["import"].triggered.connect(self.choose_import)
        # (the window connects "restore": it opens the settings' list of backups)
        acts["highlight"].triggered.connect(lambda: self.annotate_selection(self.last_colour, "highlight"))
        acts["underline"].triggered.connect(lambda: self.annotate_selection(self.last_colour, "underline"))
        acts["note"].triggered.connect(self.note_on_selection)
        acts["remove"].triggered.connect(self.remove_in_selection)
        acts["bookmark"].triggered.connect(self.add_bookmark_here)
        acts["undo"].triggered.connect(self._undo_requested)
        acts["redo"].setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])  # both habits
        acts["redo"].triggered.connect(self._redo_requested)
        acts["panel"].triggered.connect(self.show_panel)
        for a in acts.values():
            w.addAction(a)
        return acts

    def fill_menu(self, menu: QMenu) -> None:
        """The 批注 (notes) menu of the menu bar."""
        for key in ("highlight", "underline", "note", "remove"):
            menu.addAction(self.actions[key])
        colours = menu.addMenu(QCoreApplication.translate("NotesFeature", "Highlight in &colour"))
        # Each action made with the submenu as its parent and kept here: PySide6 6.9 (the
        # compatibility build's) lets the action addAction(icon, text) returns die with its
        # Python wrapper (tests/ui/test_help.py found the five dead under 6.9)
        self.colour_actions = []
        for c in COLORS[:5]:
            a = QAction(colour_icon(c.hex), colour_name(c), colours)
            a.triggered.connect(lambda _=False, k=c.key: self.annotate_selection(k, "highlight"))
            colours.addAction(a)
            self.colour_actions.append(a)
        menu.addSeparator()
        menu.addAction(self.actions["bookmark"])
        menu.addAction(self.actions["undo"])
        menu.addAction(self.actions["redo"])
        menu.addSeparator()
        menu.addAction(self.actions["panel"])
        menu.addAction(self.actions["restore"])
        menu.addSeparator()
        menu.addAction(self.actions["export"])
        menu.addAction(self.actions["import"])

    def _fill_menu(self, menu: QMenu, start: int, end: int) -> None:
        menu.addSeparator()
        if end > start:
            for c in COLORS[:5]:
                # parented to the menu (PySide6 6.9: what addAction(icon, text) returns can die)
                a = QAction(
                    colour_icon(c.hex),
                    QCoreApplication.translate("NotesFeature", "Highlight: %s") % colour_name(c),
                    menu,
                )
                a.triggered.connect(lambda _=False, k=c.key: self.annotate_selection(k, "highlight"))
                menu.addAction(a)
            menu.addAction(self.actions["underline"])
            menu.addAction(self.actions["note"])
            card = QAction(QCoreApplication.translate("NotesFeature", "Copy as a note card"), menu)
            card.triggered.connect(self.copy_card_of_selection)
            menu.addAction(card)
        if any(m.start < max(end, start + 1) and m.end > start for m in self.reader.marks()):
            menu.addAction(self.actions["remove"])
        menu.addAction(self.actions["bookmark"])
