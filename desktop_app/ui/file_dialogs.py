"""The open and save dialogs: in the interface language, readable columns, a sensible start folder.

Where the platform has a native dialog (Windows, a desktop with a portal) Qt uses it and
it already speaks the system's language.  Elsewhere (Kylin, UOS and other Linux desktops
without a Qt platform theme) Qt draws its own dialog: its labels are translated by Qt's
catalogue plus ours (``resources/translations/qt_extra_zh_CN.ts`` has the few Qt 6 left
out, "&Look in:", "Files of &type:", "Folder"), it opens in the detail view with columns
wide enough to read, and it starts in the folder used last, else the Documents folder.

Tests replace :func:`choose_open_file` / :func:`choose_save_file` (the dialog is the
one thing outside the program).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView, QTreeView

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

DIALOG_SIZE = (860, 540)


def document_filters() -> str:
    """The open dialog's filters: every format the program opens, each kind, then all files."""
    from desktop_app.core.formats import SUFFIXES

    every = " ".join(f"*{s}" for s in SUFFIXES)
    return ";;".join(
        (
            QCoreApplication.translate("FileDialogs", "Documents (%1)").replace("%1", every),
            QCoreApplication.translate("FileDialogs", "Word documents (*.docx *.doc *.wps)"),
            QCoreApplication.translate("FileDialogs", "PDF and OFD (*.pdf *.ofd)"),
            QCoreApplication.translate("FileDialogs", "Web pages (*.html *.htm *.mhtml *.mht)"),
            QCoreApplication.translate("FileDialogs", "Text files (*.txt *.text *.md *.markdown)"),
            QCoreApplication.translate("FileDialogs", "All files (*)"),
        )
    )


def _make(parent: QWidget | None, title: str, folder: Path, filters: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(folder), filters)
    if not dialog.testOption(QFileDialog.Option.DontUseNativeDialog):
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.resize(*DIALOG_SIZE)
    return dialog


def _polish_columns(dialog: QFileDialog) -> None:
    """Qt's own dialog: the name column takes the room, the others fit their contents."""
    view = dialog.findChild(QTreeView, "treeView")
    if view is None:
        return
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, header.count()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


def _run(dialog: QFileDialog) -> str:
    files = _run_many(dialog)
    return files[0] if files else ""


def _run_many(dialog: QFileDialog) -> list[str]:
    dialog.show()  # Qt's own dialog makes its widgets when shown; a native one ignores this
    _polish_columns(dialog)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    files = dialog.selectedFiles() if accepted else []
    dialog.deleteLater()
    return list(files)


def choose_open_files(parent: QWidget | None, title: str, folder: Path, filters: str) -> list[str]:
    """The files the user chose (several may be), or [] if they cancelled."""
    dialog = _make(parent, title, folder, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    return _run_many(dialog)


def choose_folder(parent: QWidget | None, title: str, folder: Path) -> str:
    """The folder the user chose, or ""."""
    dialog = _make(parent, title, folder, "")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _run(dialog)


def choose_open_file(parent: QWidget | None, title: str, folder: Path, filters: str) -> str:
    """The path the user chose to open, or "" if they cancelled."""
    dialog = _make(parent, title, folder, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    return _run(dialog)


def choose_save_file(parent: QWidget | None, title: str, suggested: Path, filters: str) -> str:
    """The path the user chose to save to (they confirmed replacing it), or ""."""
    dialog = _make(parent, title, suggested.parent, filters)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(suggested.name)
    return _run(dialog)


def shown_file_name(path: str) -> str:
    """A file's name to show: a name that is not valid UTF-8 (lone surrogates, which Qt drops)
    is read as GBK first, the usual case on Chinese office PCs (Windows zips unpacked on
    Linux), else shown with replacement characters."""
    import os

    name = os.path.basename(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(name)
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            from desktop_app.core.messages import printable

            return printable(name)
    return name
