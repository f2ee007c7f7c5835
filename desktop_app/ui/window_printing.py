"""The main window's printing and copying with a citation (a mixin of MainWindow)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop_app.core.punctuation import to_display

if TYPE_CHECKING:
    from desktop_app.ui.printing import PrintOptions


class PrintingMixin:
    """Print preview, Ctrl+P and Ctrl+Shift+C of :class:`MainWindow`."""

    _print_options: PrintOptions | None

    def _selection(self) -> tuple[int, int] | None:
        cursor = self.reader.textCursor()
        return (cursor.selectionStart(), cursor.selectionEnd()) if cursor.hasSelection() else None

    def _print_annotations(self) -> list:
        return list(self.notes.annotations) if self.notes is not None else []

    def print_preview(self) -> None:
        """文件 → 打印预览: the document with its highlights and (optionally) notes, A4."""
        from desktop_app.ui import printing

        if self.document is None:
            return
        dialog = printing.open_print_preview(
            self,
            self.document,
            self._print_annotations(),
            self._print_options,
            selection=self._selection(),
            current_offset=self.reader.top_offset(),
            families=self._families,
        )
        # the notes choice made there is kept for Ctrl+P (a native print dialog has no room for it)
        dialog.sig_options_changed.connect(
            lambda o: setattr(self, "_print_options", o._replace(start=0, end=None))
        )

    def print_document(self) -> None:
        """Ctrl+P: the system's print dialog, then print."""
        from desktop_app.ui import printing

        if self.document is None:
            return
        printing.print_document(
            self,
            self.document,
            self._print_annotations(),
            self._print_options,
            selection=self._selection(),
            families=self._families,
        )

    def copy_with_citation(self) -> None:
        """Ctrl+Shift+C: the selected passage, then where it is from (title, speaker, date, section)."""
        from PySide6.QtGui import QGuiApplication

        from desktop_app.core.citation import cite

        sel = self._selection()
        if self.document is None or sel is None:
            self.show_hint(
                QCoreApplication.translate(
                    "MainWindow", "Select a passage first, then copy it with its citation."
                )
            )
            return
        text = cite(self.document, *sel, shown=self.reader.toPlainText())
        if self.settings.full_width:  # the source line's titles as the text shows them
            text = to_display(text)
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Copied with its citation."), 3000
        )
