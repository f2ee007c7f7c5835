"""The settings dialog (设置, Ctrl+,): reading font, size and spacing, theme, interface language,
the data folder and the notes' backups.

Every change is saved in :class:`Settings` at once and announced by a signal; the window
applies it (rebuilds the reading view, recolours).  There is nothing to confirm: the dialog
only has "Restore defaults" and "Close".  The dialog does not know the notes store: it is
handed two callables, one listing the backups and one restoring a backup.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.themes import DEFAULT_THEME, SYSTEM, theme
from desktop_app.ui import fonts
from desktop_app.ui.document_builder import (
    BASE_POINT_SIZE,
    LINE_HEIGHT_PERCENT,
    PARAGRAPH_SPACING_EM,
    build_text_document,
)
from desktop_app.ui.settings import (
    FONT_SIZE_MAX,
    FONT_SIZE_MIN,
    LINE_SPACING_MAX,
    LINE_SPACING_MIN,
    PARAGRAPH_SPACING_MAX,
    PARAGRAPH_SPACING_MIN,
    Settings,
)

# Shown in the preview with the chosen font, spacing and theme (a document's text: not translated).
PREVIEW_PARAGRAPHS = [
    "各部门要坚持问题导向，聚焦群众急难愁盼，把各项任务分解到岗、落实到人，确保按期完成。",
    "要加强统筹协调，建立工作台账，定期通报进展情况，对工作中发现的问题及时研究解决。",
]

TYPOGRAPHY_DELAY_MS = 150  # a spin box held down rebuilds the text once it settles, not per step
LANGUAGE_NAMES = (("zh", "中文"), ("en", "English"))  # each in its own language, never translated


def chinese_font_families() -> list[str]:
    """Installed fonts that can draw Chinese (as the system declares them), and the bundled one."""
    bundled = fonts.load_bundled_font()
    found = {
        fam
        for fam in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        if not QFontDatabase.isPrivateFamily(fam)
    }
    found.add(bundled)
    return sorted(found, key=str.casefold)


class SettingsDialog(QDialog):
    """Changes apply at once: each is saved, then announced to the window.

    * ``sig_typography_changed()``: font, size or spacing changed; rebuild the reading view
      (``Settings.typography`` has the new values).
    * ``sig_theme_changed(key)``: ``light``, ``dark``, ``sepia`` or ``system``; apply it
      (``themes.theme(key)`` resolves ``system``).
    * ``sig_language_changed(key)``: ``zh`` or ``en``, saved; it applies at the next start
      (the dialog says so).
    * ``sig_backup_restored(path)``: the notes were replaced by the backup ``path``.
    """

    sig_typography_changed = Signal()
    sig_theme_changed = Signal(str)
    sig_language_changed = Signal(str)
    sig_backup_restored = Signal(object)

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        data_folder: Path | None = None,
        list_backups: Callable[[], Sequence[Path]] | None = None,
        restore_backup: Callable[[Path], object] | None = None,
        language_in_effect: str | None = None,
    ) -> None:
        """``list_backups`` gives the notes' backups (newest first); ``restore_backup(path)``
        puts one back and returns False if it failed and said why itself (an exception is
        shown here).  Without them (no notes store) the backups are not offered."""
        super().__init__(parent)
        from desktop_app import paths
        from desktop_app.core import messages

        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(600)
        self.settings = settings
        self.data_folder = Path(data_folder) if data_folder is not None else paths.data_dir()
        self._list_backups = list_backups
        self._restore_backup = restore_backup
        self._language_in_effect = language_in_effect or messages.language()
        self._typography_timer = QTimer(self, singleShot=True, interval=TYPOGRAPHY_DELAY_MS)
        self._typography_timer.timeout.connect(self.sig_typography_changed.emit)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._make_reading_tab(), self.tr("&Reading"))
        self.tabs.addTab(self._make_data_tab(), self.tr("&Data"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self._show_values()
        self._connect_reading()
        self.refresh_backups()

    # --- the reading tab -----------------------------------------------------------------
    def _make_reading_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.font_box = QComboBox(page)
        self.font_box.setObjectName("fontBox")
        self._automatic = fonts.reading_font_families()
        self.font_box.addItem(self.tr("Automatic (%s)") % self._automatic[0], "")
        for fam in chinese_font_families():
            self.font_box.addItem(fam, fam)
            self.font_box.setItemData(self.font_box.count() - 1, QFont(fam), Qt.ItemDataRole.FontRole)
        self.size_box = QDoubleSpinBox(page)
        self.size_box.setRange(FONT_SIZE_MIN, FONT_SIZE_MAX)
        self.size_box.setDecimals(1)
        self.size_box.setSingleStep(0.5)
        self.size_box.setSuffix(self.tr(" pt"))
        self.line_box = QSpinBox(page)
        self.line_box.setRange(LINE_SPACING_MIN, LINE_SPACING_MAX)
        self.line_box.setSingleStep(5)
        self.line_box.setSuffix("%")
        self.paragraph_box = QDoubleSpinBox(page)
        self.paragraph_box.setRange(PARAGRAPH_SPACING_MIN, PARAGRAPH_SPACING_MAX)
        self.paragraph_box.setDecimals(2)
        self.paragraph_box.setSingleStep(0.05)
        self.paragraph_box.setSuffix(self.tr(" em"))
        self.paragraph_box.setToolTip(self.tr("Space below each paragraph, in character widths"))
        self.theme_box = QComboBox(page)
        for key, name in (
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
            ("sepia", self.tr("Eye care (sepia)")),
            (SYSTEM, self.tr("Follow the system")),
        ):
            self.theme_box.addItem(name, key)
        self.language_box = QComboBox(page)
        for key, name in LANGUAGE_NAMES:
            self.language_box.addItem(name, key)
        self.language_note = QLabel(
            self.tr("The new language takes effect the next time Yandu starts."), page
        )
        self.language_note.setWordWrap(True)
        for label, widget in (
            (self.tr("Reading &font:"), self.font_box),
            (self.tr("Font &size:"), self.size_box),
            (self.tr("&Line spacing:"), self.line_box),
            (self.tr("&Paragraph spacing:"), self.paragraph_box),
            (self.tr("&Theme:"), self.theme_box),
            (self.tr("Interface lan&guage:"), self.language_box),
        ):
            form.addRow(label, widget)
        form.addRow("", self.language_note)
        self.preview = QTextEdit(page)
        self.preview.setObjectName("settingsPreview")
        self.preview.setReadOnly(True)
        self.preview.setMinimumHeight(150)
        form.addRow(QLabel(self.tr("Preview:"), page))
        form.addRow(self.preview)
        # on this page, not under both: beside the backups it would read as "restore the notes"
        self.defaults_button = QPushButton(self.tr("Restore defa&ults"), page)
        self.defaults_button.setToolTip(self.tr("Font, size, spacing and theme as they were at first"))
        self.defaults_button.clicked.connect(self.restore_defaults)
        row = QHBoxLayout()
        row.addWidget(self.defaults_button)
        row.addStretch(1)
        form.addRow(row)
        return page

    def update_preview(self) -> None:
        """A few lines set as the reading view will set them (font, spacing, theme, zoom)."""
        from PySide6.QtGui import QColor, QPalette

        from desktop_app.core.document import Document

        colours = theme(self.settings.theme)
        typo = self.settings.typography(self._automatic)
        qdoc = build_text_document(Document.from_paragraphs(PREVIEW_PARAGRAPHS), typo, colours)
        qdoc.setParent(self.preview)
        self.preview.setFont(qdoc.defaultFont())  # as the reading view does (else Qt resets it)
        self.preview.setDocument(qdoc)
        pal = self.preview.palette()
        pal.setColor(QPalette.ColorRole.Base, QColor(colours.background))
        pal.setColor(QPalette.ColorRole.Text, QColor(colours.text))
        self.preview.setPalette(pal)

    def _show_values(self) -> None:
        """Put the saved values in the widgets (without announcing anything)."""
        s = self.settings
        widgets = (self.font_box, self.size_box, self.line_box, self.paragraph_box)
        for w in (*widgets, self.theme_box, self.language_box):
            w.blockSignals(True)
        index = self.font_box.findData(s.font_family)
        if index < 0:  # chosen once, not installed now: still shown (the automatic fonts draw)
            self.font_box.addItem(s.font_family, s.font_family)
            index = self.font_box.count() - 1
        self.font_box.setCurrentIndex(index)
        self.size_box.setValue(s.font_size)
        self.line_box.setValue(s.line_spacing)
        self.paragraph_box.setValue(s.paragraph_spacing)
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(s.theme)))
        language = s.language or self._language_in_effect
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        for w in (*widgets, self.theme_box, self.language_box):
            w.blockSignals(False)
        self._update_language_note()
        self.update_preview()

    def _connect_reading(self) -> None:
        self.font_box.currentIndexChanged.connect(self._typography_edited)
        self.size_box.valueChanged.connect(self._typography_edited)
        self.line_box.valueChanged.connect(self._typography_edited)
        self.paragraph_box.valueChanged.connect(self._typography_edited)
        self.theme_box.currentIndexChanged.connect(self._theme_edited)
        self.language_box.currentIndexChanged.connect(self._language_edited)

    def _typography_edited(self, _value: object = None) -> None:
        s = self.settings
        s.font_family = str(self.font_box.currentData() or "")
        s.font_size = self.size_box.value()
        s.line_spacing = self.line_box.value()
        s.paragraph_spacing = self.paragraph_box.value()
        self.update_preview()
        self._typography_timer.start()

    def _theme_edited(self, _index: int = 0) -> None:
        key = str(self.theme_box.currentData())
        self.settings.theme = key
        self.update_preview()
        self.sig_theme_changed.emit(key)

    def show_page(self, page: str) -> None:
        """Bring a page forward: ``"data"`` (folder and backups) or ``"reading"``."""
        if page in ("reading", "data"):
            self.tabs.setCurrentIndex(0 if page == "reading" else 1)

    def show_theme(self, key: str) -> None:
        """The theme was changed elsewhere (the 视图 menu): show it, without announcing it again."""
        index = self.theme_box.findData(key)
        if index >= 0 and index != self.theme_box.currentIndex():
            self.theme_box.blockSignals(True)
            self.theme_box.setCurrentIndex(index)
            self.theme_box.blockSignals(False)
            self.update_preview()

    def _language_edited(self, _index: int = 0) -> None:
        key = str(self.language_box.currentData())
        self.settings.language = key
        self._update_language_note()
        self.sig_language_changed.emit(key)

    def _update_language_note(self) -> None:
        self.language_note.setVisible(self.language_box.currentData() != self._language_in_effect)

    def restore_defaults(self) -> None:
        """Font, size, spacing and theme back to the defaults (the language stays as chosen)."""
        s = self.settings
        theme_changed = s.theme != DEFAULT_THEME
        typography_changed = (s.font_family, s.font_size, s.line_spacing, s.paragraph_spacing) != (
            "",
            BASE_POINT_SIZE,
            LINE_HEIGHT_PERCENT,
            PARAGRAPH_SPACING_EM,
        )
        s.reset_typography()
        s.theme = DEFAULT_THEME
        self._show_values()
        if typography_changed:
            self._typography_timer.stop()
            self.sig_typography_changed.emit()
        if theme_changed:
            self.sig_theme_changed.emit(DEFAULT_THEME)

    # --- the data tab --------------------------------------------------------------------
    def _make_data_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("Settings, notes and their backups are kept in this folder:"), page))
        row = QHBoxLayout()
        self.folder_edit = QLineEdit(str(self.data_folder), page)
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setCursorPosition(0)
        self.open_folder_button = QPushButton(self.tr("&Open folder"), page)
        self.open_folder_button.clicked.connect(self.open_data_folder)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.open_folder_button)
        layout.addLayout(row)

        layout.addSpacing(12)
        layout.addWidget(
            QLabel(self.tr("Automatic backups of the notes (one a day, and one before each restore):"), page)
        )
        self.backup_list = QTreeWidget(page)
        self.backup_list.setObjectName("backupList")
        self.backup_list.setHeaderLabels([self.tr("Date"), self.tr("Kind"), self.tr("Size")])
        self.backup_list.setRootIsDecorated(False)
        self.backup_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.backup_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.backup_list.setMinimumHeight(160)
        self.backup_list.itemSelectionChanged.connect(self._update_restore_button)
        self.backup_list.itemDoubleClicked.connect(lambda _item, _col: self.restore_selected())
        layout.addWidget(self.backup_list, 1)
        row = QHBoxLayout()
        self.backup_status = QLabel(page)
        self.backup_status.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("Res&tore the selected backup…"), page)
        self.restore_button.clicked.connect(self.restore_selected)
        row.addWidget(self.backup_status, 1)
        row.addWidget(self.restore_button)
        layout.addLayout(row)
        return page

    def open_data_folder(self) -> None:
        self.data_folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_folder))):
            self.backup_status.setText(self.tr("The folder could not be opened: %s") % self.data_folder)

    def refresh_backups(self) -> None:
        """List the backups again (a restore adds one: the notes as they were before it)."""
        self.backup_list.clear()
        if self._list_backups is None:
            self.backup_list.setEnabled(False)
            self.backup_status.setText(self.tr("The notes are not available, so neither are their backups."))
            self._update_restore_button()
            return
        try:
            backups = list(self._list_backups())
        except OSError as exc:
            backups = []
            self.backup_status.setText(str(exc))
        locale = QLocale()
        for path in backups:
            try:
                stat = path.stat()
            except OSError:
                continue  # removed meanwhile (rotation)
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(stat.st_mtime))
            size = locale.formattedDataSize(stat.st_size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)
            item = QTreeWidgetItem([when, self._backup_kind(path.name), size])
            item.setData(0, Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(0, path.name)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.backup_list.addTopLevelItem(item)
        if not backups and not self.backup_status.text():
            self.backup_status.setText(self.tr("There are no backups yet."))
        self._update_restore_button()

    def _backup_kind(self, name: str) -> str:
        if name.startswith("notes-before-restore-"):
            return self.tr("Before a restore")
        if name.startswith("notes-before-migration-"):
            return self.tr("Before an upgrade")
        if name.startswith("notes-before-"):
            return self.tr("Snapshot")
        return self.tr("Daily")

    def _update_restore_button(self) -> None:
        self.restore_button.setEnabled(
            self._restore_backup is not None and bool(self.backup_list.selectedItems())
        )

    def restore_selected(self) -> None:
        """Restore the selected backup, once the user confirms."""
        items = self.backup_list.selectedItems()
        if not items or self._restore_backup is None:
            return
        path = Path(str(items[0].data(0, Qt.ItemDataRole.UserRole)))
        when = items[0].text(0)
        answer = QMessageBox.question(
            self,
            self.tr("Restore notes"),
            self.tr(
                "Replace all notes with those of the backup of %s?\n\n"
                "The notes as they are now are kept as a backup first, so this can be undone."
            )
            % when,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            result = self._restore_backup(path)
        except Exception as exc:  # the store's error, shown to the user as it is
            QMessageBox.warning(self, self.tr("Restore notes"), str(exc))
            return
        self.refresh_backups()
        if result is False:  # the restorer has already said why
            self.backup_status.setText(self.tr("The notes were not restored."))
            return
        self.backup_status.setText(self.tr("The notes were restored from the backup of %s.") % when)
        self.sig_backup_restored.emit(path)
