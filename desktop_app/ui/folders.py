"""Where file dialogs start: the folder used last, else the user's Documents folder.

Never the program's own install folder (the working directory of a menu start).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def documents_folder() -> Path:
    """The user's Documents folder (文档), or the home folder when there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def start_folder(remembered: str) -> Path:
    """``remembered`` if it is still a folder, else :func:`documents_folder`."""
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return documents_folder()
