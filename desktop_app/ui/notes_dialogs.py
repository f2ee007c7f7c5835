"""The notes' dialogs: export (Ctrl+E), import from JSON, restore from a backup.

A mixin of NotesFeature (its strings are translated in that context): each dialog gathers
what the person chose and hands the work to the store or the exporter on a worker.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt

if TYPE_CHECKING:
    from desktop_app.ui.export_dialog import ExportDialog


def settled(method: Callable) -> Callable:
    """A change of the notes: first the notes still being read on a worker, read now."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: object, **kwargs: object) -> object:
        self.settle()
        return method(self, *args, **kwargs)

    return wrapper


_settled = settled


class NotesDialogsMixin:
    """Export, import and backup restore of :class:`~desktop_app.ui.notes_feature.NotesFeature`."""

    def restore_backup(self, path: Path) -> bool:
        from desktop_app.storage.notes_store import StorageError

        if self.store is None:
            return False
        try:
            self.store.restore_backup(path)
        except StorageError as exc:
            self.sig_message.emit(str(exc))
            return False
        if self.doc is not None:
            self.set_document(self.doc)
        self.sig_status.emit(QCoreApplication.translate("NotesFeature", "Notes restored from %s") % path.name)
        return True

    @_settled
    def open_export_dialog(self) -> ExportDialog | None:
        """Ctrl+E: the export dialog for the current document's notes."""
        from desktop_app.ui.export_dialog import ExportDialog, filtered_options

        if self.doc is None:
            return None
        path = self.doc.section_path(self.reader.top_offset())
        settings = self.settings
        dialog = ExportDialog(
            self.window,
            self.doc,
            self.annotations,
            self.bookmarks,
            section=path[0] if path else None,
            filtered=filtered_options(self.panel),
            folder=settings.export_folder,
            shown=self.panel.shown,
        )
        dialog.sig_exported.connect(lambda p: setattr(settings, "export_folder", str(Path(p).parent)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def choose_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self.window,
            QCoreApplication.translate("NotesFeature", "Import notes"),
            "",
            QCoreApplication.translate("NotesFeature", "Notes (*.json);;All files (*)"),
        )
        if path:
            self.import_file(Path(path))

    @_settled
    def import_file(self, path: Path, *, confirm: bool = True) -> None:
        """Plan the import off the UI thread, show what it will change, then apply it (all or nothing)."""
        from desktop_app.export import apply_import, plan_import
        from desktop_app.ui.tasks import run_in_background

        store, doc = self.store, self.doc
        if store is None or doc is None:
            return

        def planned(plan: object) -> None:
            from PySide6.QtWidgets import QMessageBox

            summary = plan.summary()  # type: ignore[attr-defined]
            if not plan.changes:  # type: ignore[attr-defined]
                QMessageBox.information(
                    self.window, QCoreApplication.translate("NotesFeature", "Import notes"), summary
                )
                return
            if confirm:
                answer = QMessageBox.question(
                    self.window,
                    QCoreApplication.translate("NotesFeature", "Import notes"),
                    summary + "\n\n" + QCoreApplication.translate("NotesFeature", "Import these notes?"),
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return
            run_in_background(
                lambda: apply_import(store, plan), lambda _r: self._imported(), failed, owner=self
            )

        def failed(exc: BaseException) -> None:
            self.sig_message.emit(str(exc))

        run_in_background(lambda: plan_import(store, doc, path), planned, failed, owner=self)

    def _imported(self) -> None:
        self.reload()
        self.sig_status.emit(QCoreApplication.translate("NotesFeature", "Notes imported."))
