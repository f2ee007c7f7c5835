"""The main window's view settings: zoom, theme (and following the system's), full-width
punctuation, language, the settings dialog, the help windows.  A mixin of MainWindow: it
only changes how the open document is shown (``_rebuild``), never what is open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from desktop_app.core import messages
from desktop_app.themes import SYSTEM, THEMES, Theme, apply_to_application
from desktop_app.themes import theme as theme_by_key
from desktop_app.ui.settings import ZOOM_MAX, ZOOM_MIN

if TYPE_CHECKING:
    from desktop_app.ui.settings_dialog import SettingsDialog

ZOOM_STEP = 1.1


class ViewSettingsMixin:
    """Zoom, theme, punctuation, language and settings of :class:`MainWindow`."""

    def set_zoom(self, zoom: float) -> None:
        self.settings.zoom = min(ZOOM_MAX, max(ZOOM_MIN, zoom))
        self._rebuild()
        self.toc.set_zoom(self._reading_scale(), QGuiApplication.font().pointSizeF())
        self._fit_toc_width()
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Zoom %d%%") % round(self.settings.zoom * 100), 1500
        )

    def _follow_system_scheme(self) -> None:
        """With "follow the system", a change of the system's light/dark setting applies at once."""
        from PySide6.QtGui import QGuiApplication

        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(lambda _scheme: self._check_system_theme())

    def set_full_width(self, on: bool) -> None:
        """视图 → 全角标点: show half-width marks between Chinese full-width (the text is unchanged)."""
        if on != self.settings.full_width:
            self.settings.full_width = on
            self._normalized = None
            self._rebuild()

    def open_settings(self, page: str = "") -> SettingsDialog:
        """Ctrl+, : the settings dialog; its changes apply at once.  ``page="data"``: the
        data folder and the backups (批注 → 从备份恢复笔记 opens it there)."""
        from PySide6.QtCore import Qt

        from desktop_app.ui.settings_dialog import SettingsDialog

        self.ensure_chrome()
        existing = self.findChild(SettingsDialog)
        if existing is not None:
            existing.show_page(page)
            existing.raise_()
            existing.activateWindow()
            return existing
        notes = self.notes
        dialog = SettingsDialog(
            self.settings,
            self,
            list_backups=(lambda: notes.store.backups()) if notes is not None and notes.store else None,
            restore_backup=notes.restore_backup if notes is not None and notes.store else None,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_typography_changed.connect(self._typography_changed)
        dialog.sig_theme_changed.connect(self.set_theme)
        dialog.sig_language_changed.connect(self._language_chosen)
        dialog.show_page(page)
        dialog.open()
        return dialog

    def _typography_changed(self) -> None:
        self._rebuild()
        self._keep_reading_column()
        self.toc.set_zoom(self._reading_scale(), QGuiApplication.font().pointSizeF())
        self._fit_toc_width()

    def _language_chosen(self, key: str) -> None:
        if self.actions_ is not None:
            for choice, act in self.actions_.languages.items():
                act.setChecked(choice == key)

    def _theme(self) -> Theme:
        """The theme in effect: the chosen one, or for "follow the system" light or dark as the
        system is (before the first paint as it was last time: asking Qt costs ~25 ms there)."""
        key = self.settings.theme
        if key != SYSTEM:
            return theme_by_key(key)
        dark = self.settings.system_was_dark if self._system_dark is None else self._system_dark
        return THEMES["dark" if dark else "light"]

    def _check_system_theme(self) -> None:
        """Ask the system for its scheme (after the first paint); follow it if it changed."""
        from desktop_app.themes import system_is_dark

        dark = system_is_dark()
        changed = self._system_dark is not None and dark != self._system_dark
        if self._system_dark is None and dark != self.settings.system_was_dark:
            changed = True
        self._system_dark = dark
        self.settings.system_was_dark = dark
        if changed and self.settings.theme == SYSTEM:
            self.set_theme(SYSTEM)

    def set_theme(self, key: str) -> None:
        self.settings.theme = key
        if key == SYSTEM and self._system_dark is None:
            self._check_system_theme()
        apply_to_application(self._theme())
        self.reader.apply_theme(self._theme())
        if self.actions_ is not None:
            for choice, act in self.actions_.themes.items():
                act.setChecked(choice == key)
        from desktop_app.ui.settings_dialog import SettingsDialog

        dialog = self.findChild(SettingsDialog)
        if dialog is not None:  # changed from the menu while the dialog is open
            dialog.show_theme(key)
        self._rebuild()

    def set_language(self, key: str) -> None:
        """视图 → 语言: saved; it applies at the next start (said in a hint, no dialog)."""
        if key == (self.settings.language or messages.language()):
            return
        self.settings.language = key
        if key != messages.language():
            self.show_hint(
                QCoreApplication.translate(
                    "MainWindow", "The new language takes effect the next time Yandu starts."
                )
            )

    def show_about(self) -> None:
        from desktop_app.ui import help as help_dialogs

        help_dialogs.show_about(self)

    def show_guide(self) -> None:
        from desktop_app.ui import help as help_dialogs

        help_dialogs.show_guide(self)

    def show_shortcuts(self) -> None:
        from desktop_app.ui import help as help_dialogs

        help_dialogs.show_shortcuts(self)
