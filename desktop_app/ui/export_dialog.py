"""The export dialog (Ctrl+E): format, scope, 公文 style, a preview, then the export off the UI thread.

The dialog gathers options and shows what the core says; :func:`desktop_app.export.export_notes`
does the work on a worker thread (atomically: a failed export leaves no half file).
Afterwards the user can open the file or show it in its folder, until an option changes.

What is shown is what is used: the 公文 box is ticked only where the format has a page
layout (Word, the annotated copy, PDF); elsewhere it is unticked and greyed, and the user's
own choice comes back with such a format.  Files go to the last export's folder, else the
user's Documents folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.export import FORMATS, STYLED_FORMATS, ExportOptions, default_file_name, preview_text
from desktop_app.ui.folders import start_folder
from desktop_app.ui.tasks import run_in_background

if TYPE_CHECKING:
    from desktop_app.core.annotations import Annotation, Bookmark
    from desktop_app.core.document import Document, Section


class _Progress(QObject):
    sig_progress = Signal(float)


class ExportDialog(QDialog):
    sig_exported = Signal(object)  # the path written (str; object keeps a GBK name whole)

    def __init__(
        self,
        parent: QWidget | None,
        doc: Document,
        annotations: list[Annotation],
        bookmarks: list[Bookmark],
        *,
        section: Section | None = None,
        filtered: ExportOptions | None = None,
        folder: str = "",
        shown: Callable[[str], str] = str,
    ) -> None:
        """``folder``: the last export's folder ("" if none; a folder since removed is ignored)."""
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export notes"))
        self.setMinimumWidth(620)
        self.doc, self.annotations, self.bookmarks = doc, annotations, bookmarks
        self._section = section
        self._filtered = filtered
        self.written: Path | None = None
        self._busy = False  # an export is running
        self._progress = _Progress()
        self._progress.sig_progress.connect(lambda f: self.progress.setValue(round(f * 100)))

        self.format_box = QComboBox(self)
        for key, info in FORMATS.items():
            self.format_box.addItem(info.name, key)
        self.scope_all = QRadioButton(self.tr("All notes of this document (%d)") % len(annotations), self)
        self.scope_section = QRadioButton(self)
        self.scope_filter = QRadioButton(self.tr("The notes shown in the notes panel (its filter)"), self)
        self.scope_group = QButtonGroup(self)
        for b in (self.scope_all, self.scope_section, self.scope_filter):
            self.scope_group.addButton(b)
        self.scope_all.setChecked(True)
        if section is not None:
            self.scope_section.setText(self.tr("Only the section “%s”") % shown(section.title))
        else:
            self.scope_section.setText(self.tr("Only the current section"))
            self.scope_section.setEnabled(False)
        self.scope_filter.setEnabled(filtered is not None)
        self.gongwen = QCheckBox(self.tr("Official-document layout (公文, GB/T 9704)"), self)
        self._gongwen_wanted = False  # the user's choice, kept while a format has no 公文 layout
        self.with_bookmarks = QCheckBox(self.tr("Include bookmarks"), self)
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("exportPreview")
        self.preview.setReadOnly(True)
        self.preview.setMinimumHeight(180)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("exportPath")
        browse = QPushButton(self.tr("Browse…"), self)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open the file"), self)
        self.folder_button = QPushButton(self.tr("Show in folder"), self)
        after = QHBoxLayout()
        after.addWidget(self.result_label, 1)
        after.addWidget(self.open_button)
        after.addWidget(self.folder_button)
        self.open_button.hide()
        self.folder_button.hide()
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)

        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format_box)
        scope = QVBoxLayout()
        for w in (self.scope_all, self.scope_section, self.scope_filter):
            scope.addWidget(w)
        form.addRow(self.tr("Notes:"), scope)
        form.addRow("", self.gongwen)
        form.addRow("", self.with_bookmarks)
        form.addRow(self.tr("Save as:"), path_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Preview of the first entries:"), self))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.progress)
        layout.addLayout(after)
        layout.addWidget(self.buttons)

        self._folder = start_folder(folder)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.scope_group.buttonToggled.connect(lambda *_a: self._options_changed())
        self.gongwen.toggled.connect(self._gongwen_toggled)
        self.with_bookmarks.toggled.connect(lambda _c: self._options_changed())
        browse.clicked.connect(self._browse)
        self.export_button.clicked.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(lambda: self._open(self.written))
        self.folder_button.clicked.connect(lambda: self._open(self.written.parent if self.written else None))
        self._format_changed()

    # --- options ---------------------------------------------------------------------------
    def options(self) -> ExportOptions:
        fmt = self.format_box.currentData()
        opts = ExportOptions(format=fmt)
        if self.scope_filter.isChecked() and self._filtered is not None:
            opts.colors, opts.tags, opts.text = (
                self._filtered.colors,
                self._filtered.tags,
                self._filtered.text,
            )
        if self.scope_section.isChecked() and self._section is not None:
            opts.section_start, opts.section_end = self._section.start, self._section.end
        opts.style = "gongwen" if self.gongwen.isChecked() and fmt in STYLED_FORMATS else "default"
        opts.include_bookmarks = self.with_bookmarks.isChecked()
        return opts

    def _format_changed(self) -> None:
        """Tick 公文 as the user chose where the format has it; elsewhere untick and grey it."""
        styled = self.format_box.currentData() in STYLED_FORMATS
        blocked = self.gongwen.blockSignals(True)
        self.gongwen.setEnabled(styled)
        self.gongwen.setChecked(self._gongwen_wanted and styled)
        self.gongwen.blockSignals(blocked)
        self.gongwen.setToolTip(
            "" if styled else self.tr("The 公文 layout applies to Word documents and PDF only.")
        )
        self._options_changed()

    def _gongwen_toggled(self, checked: bool) -> None:
        self._gongwen_wanted = checked
        self._options_changed()

    def _options_changed(self) -> None:
        self._clear_result()
        opts = self.options()
        self.preview.setPlainText(preview_text(self.doc, self.annotations, opts))
        current = Path(self.path_edit.text()) if self.path_edit.text() else None
        folder = current.parent if current is not None else self._folder
        self.path_edit.setText(str(folder / default_file_name(self.doc, opts)))

    def _clear_result(self) -> None:
        """The last export's "Saved" line and its buttons speak of other options: remove them
        (a running export keeps its progress and reports its file when done)."""
        self.written = None
        self.open_button.hide()
        self.folder_button.hide()
        if not self._busy:
            self.result_label.clear()
            self.progress.hide()

    def _browse(self) -> None:
        opts = self.options()
        info = FORMATS[opts.format]
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export notes"),
            self.path_edit.text(),
            f"{info.name} (*{info.extension})",
        )
        ext = info.extension
        if path:
            self.path_edit.setText(path if path.endswith(ext) else path + ext)

    # --- exporting -------------------------------------------------------------------------
    def start_export(self) -> None:
        from desktop_app.export import export_notes

        out = Path(self.path_edit.text()).expanduser()
        opts = self.options()
        doc, anns, bms = self.doc, self.annotations, self.bookmarks
        progress = self._progress.sig_progress.emit
        self._busy = True
        self.export_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.result_label.setText(self.tr("Exporting…"))
        run_in_background(
            lambda: export_notes(doc, anns, bms, opts, out, progress),
            self._done,
            self._failed,
            owner=self,
        )

    def _done(self, path: object) -> None:
        self._busy = False
        self.written = Path(str(path))
        self.progress.setValue(100)
        self.export_button.setEnabled(True)
        self.result_label.setText(self.tr("Saved: %s") % self.written)
        self.open_button.show()
        self.folder_button.show()
        self.sig_exported.emit(str(self.written))

    def _failed(self, exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        self._busy = False
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.result_label.setText("")
        QMessageBox.warning(self, self.tr("Export failed"), str(exc))

    @staticmethod
    def _open(path: Path | None) -> None:
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def filtered_options(panel: object) -> ExportOptions | None:
    """The notes panel's current filter as export options (None when nothing is filtered)."""
    colour = panel.colour_filter.currentData()  # type: ignore[attr-defined]
    tag = panel.tag_filter.currentData()  # type: ignore[attr-defined]
    text = panel.filter_edit.text().strip()  # type: ignore[attr-defined]
    if not (colour or tag or text):
        return None
    return ExportOptions(colors={colour} if colour else None, tags={tag} if tag else None, text=text)
