"""Where things live: bundled resources, user data, cache.

User data goes to the platform's application-data folder (the folder Qt calls
``AppDataLocation``: ``~/.local/share/yandu`` on Linux,
``%APPDATA%\\yandu`` on Windows) unless ``--data-dir`` or ``YANDU_DATA_DIR``
names another.  No Qt here: the command line uses it too.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop_app import APP_ID

DATA_DIR_ENV = "YANDU_DATA_DIR"
_data_dir_override: Path | None = None


def resources_dir() -> Path:
    """The folder holding the bundled speech, fonts, icons and translations."""
    here = Path(__file__).resolve().parent
    candidates = [here / "resources", here.parent / "resources"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / "desktop_app" / "resources")
    for c in candidates:
        if (c / "speech.txt").is_file():
            return c
    raise FileNotFoundError("resources folder not found next to the desktop_app package")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def bundled_speech() -> Path:
    return resource("speech.txt")


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Use ``path`` for all user data (the ``--data-dir`` option)."""
    global _data_dir_override
    _data_dir_override = Path(path).expanduser().resolve() if path else None


def data_dir() -> Path:
    """The user data folder, created on first use."""
    if _data_dir_override is not None:
        d = _data_dir_override
    elif os.environ.get(DATA_DIR_ENV):
        d = Path(os.environ[DATA_DIR_ENV]).expanduser().resolve()
    else:
        import platformdirs

        d = Path(platformdirs.user_data_dir(APP_ID, appauthor=False, roaming=True))
    d.mkdir(parents=True, exist_ok=True)
    return d


def cache_dir() -> Path:
    """Rebuildable files (search index, tokenizer cache).

    Inside the data folder when one is set explicitly, so a test or a portable
    install keeps everything in one place; else the platform's cache folder.
    """
    if _data_dir_override is not None or os.environ.get(DATA_DIR_ENV):
        d = data_dir() / "cache"
    else:
        import platformdirs

        d = Path(platformdirs.user_cache_dir(APP_ID, appauthor=False))
    d.mkdir(parents=True, exist_ok=True)
    return d
