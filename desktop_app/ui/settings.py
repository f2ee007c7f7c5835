"""Per-user and per-document settings (an INI file in the data folder, via QSettings).

Per user: window geometry and state, zoom, theme, language, last file, the reading
typography (font, size, line and paragraph spacing).  Every value read is checked: a
bad or hand-edited entry gives the default (or the nearest allowed value), never an error.
Per document (keyed by its content fingerprint): the reading position.
"""

from __future__ import annotations

import contextlib
import math

from PySide6.QtCore import QByteArray, QSettings

from desktop_app.paths import data_dir
from desktop_app.privacy import create_private_file
from desktop_app.themes import DEFAULT_THEME, THEME_CHOICES
from desktop_app.ui.document_builder import (
    BASE_POINT_SIZE,
    LINE_HEIGHT_PERCENT,
    PARAGRAPH_SPACING_EM,
    Typography,
    reading_typography,
)

ZOOM_MIN, ZOOM_MAX = 0.6, 2.5
RECENT_MAX = 10
FONT_SIZE_MIN, FONT_SIZE_MAX = 9.0, 36.0  # points, before the zoom
LINE_SPACING_MIN, LINE_SPACING_MAX = 100, 300  # percent
PARAGRAPH_SPACING_MIN, PARAGRAPH_SPACING_MAX = 0.0, 3.0  # em
LANGUAGES = ("zh", "en")
FAMILY_MAX_CHARS = 200


_FS_BYTES = "fs-bytes:"  # a path that is not valid Unicode, as the file system's bytes (base64)


def path_to_setting(path: str) -> str:
    """A path as QSettings can keep it.  A file name that is not valid UTF-8 (GBK bytes from a
    Windows zip) holds lone surrogates, which Qt silently drops: keep its bytes instead."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        import base64
        import os

        return _FS_BYTES + base64.b64encode(os.fsencode(path)).decode("ascii")
    return path


def path_from_setting(value: str) -> str:
    if not value.startswith(_FS_BYTES):
        return value
    import base64
    import binascii
    import os

    try:
        return os.fsdecode(base64.b64decode(value[len(_FS_BYTES) :], validate=True))
    except (binascii.Error, ValueError):
        return ""


class Settings:
    def __init__(self) -> None:
        path = data_dir() / "settings.ini"
        # Recent files and reading positions are the user's own: the INI is 0600.  Qt rewrites it
        # through QSaveFile, which keeps the mode of the file it replaces, so it is made (empty,
        # 0600) here before Qt first writes it; an existing one with a wider mode is tightened.
        with contextlib.suppress(OSError):
            create_private_file(path)
        self._s = QSettings(str(path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._s.sync()

    # --- per user ------------------------------------------------------------------------
    def _get_str(self, key: str, default: str = "") -> str:
        v = self._s.value(key, default)
        return v if isinstance(v, str) else default

    def _get_float(self, key: str, default: float) -> float:
        try:
            value = float(self._s.value(key, default))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return default
        return value if math.isfinite(value) else default

    def _get_bounded(self, key: str, default: float, low: float, high: float) -> float:
        return min(high, max(low, self._get_float(key, default)))

    @property
    def theme(self) -> str:
        """``light``, ``dark``, ``sepia`` or ``system`` (themes.theme() resolves it)."""
        value = self._get_str("view/theme", DEFAULT_THEME)
        return value if value in THEME_CHOICES else DEFAULT_THEME

    @theme.setter
    def theme(self, value: str) -> None:
        self._s.setValue("view/theme", value)

    @property
    def zoom(self) -> float:
        return min(ZOOM_MAX, max(ZOOM_MIN, self._get_float("view/zoom", 1.0)))

    @zoom.setter
    def zoom(self, value: float) -> None:
        self._s.setValue("view/zoom", round(value, 3))

    @property
    def font_family(self) -> str:
        """The reading font chosen in the settings; empty: automatic (fonts.reading_font_families)."""
        value = self._get_str("view/font_family", "").strip()
        return value if len(value) <= FAMILY_MAX_CHARS and value.isprintable() else ""

    @font_family.setter
    def font_family(self, value: str) -> None:
        self._s.setValue("view/font_family", value.strip())

    @property
    def font_size(self) -> float:
        """The reading size in points at zoom 100%."""
        return self._get_bounded("view/font_size", BASE_POINT_SIZE, FONT_SIZE_MIN, FONT_SIZE_MAX)

    @font_size.setter
    def font_size(self, value: float) -> None:
        self._s.setValue("view/font_size", round(float(value), 2))

    @property
    def line_spacing(self) -> int:
        """Line height in percent of the font's single line."""
        return round(
            self._get_bounded("view/line_spacing", LINE_HEIGHT_PERCENT, LINE_SPACING_MIN, LINE_SPACING_MAX)
        )

    @line_spacing.setter
    def line_spacing(self, value: int) -> None:
        self._s.setValue("view/line_spacing", int(value))

    @property
    def paragraph_spacing(self) -> float:
        """Space below a paragraph, in character widths (em)."""
        return self._get_bounded(
            "view/paragraph_spacing", PARAGRAPH_SPACING_EM, PARAGRAPH_SPACING_MIN, PARAGRAPH_SPACING_MAX
        )

    @paragraph_spacing.setter
    def paragraph_spacing(self, value: float) -> None:
        self._s.setValue("view/paragraph_spacing", round(float(value), 2))

    def typography(self, automatic: list[str] | tuple[str, ...]) -> Typography:
        """The reading typography for these choices and the zoom, over the ``automatic``
        families (which still draw what the chosen font lacks)."""
        return reading_typography(
            automatic,
            self.font_family,
            self.font_size,
            self.line_spacing,
            self.paragraph_spacing,
            zoom=self.zoom,
        )

    def reset_typography(self) -> None:
        """Back to the defaults: automatic font, 15 pt, 175% lines, 0.55 em between paragraphs."""
        for key in ("view/font_family", "view/font_size", "view/line_spacing", "view/paragraph_spacing"):
            self._s.remove(key)

    @property
    def full_width(self) -> bool:
        """Show half-width , ; : ( ) ! ? between Chinese characters full-width (on by default)."""
        return self._get_str("view/fullwidth_punctuation", "true") != "false"

    @full_width.setter
    def full_width(self, value: bool) -> None:
        self._s.setValue("view/fullwidth_punctuation", "true" if value else "false")

    @property
    def system_was_dark(self) -> bool:
        """What the system's colour scheme was at the last look: the first frame of a start with
        the theme "follow the system" uses it (asking Qt costs ~25 ms before the first paint)."""
        return self._get_str("view/system_was_dark", "false") == "true"

    @system_was_dark.setter
    def system_was_dark(self, value: bool) -> None:
        self._s.setValue("view/system_was_dark", "true" if value else "false")

    @property
    def language(self) -> str:
        """``zh``, ``en``, or empty when never chosen (the default, Chinese, applies)."""
        value = self._get_str("ui/language", "")
        return value if value in LANGUAGES else ""

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("ui/language", value)

    @property
    def last_file(self) -> str:
        return path_from_setting(self._get_str("session/last_file", ""))

    @last_file.setter
    def last_file(self, value: str) -> None:
        self._s.setValue("session/last_file", path_to_setting(value))

    def window_geometry(self) -> tuple[QByteArray | None, QByteArray | None]:
        g, s = self._s.value("window/geometry"), self._s.value("window/state")
        return (g if isinstance(g, QByteArray) else None, s if isinstance(s, QByteArray) else None)

    def set_window_geometry(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)

    @property
    def search_history(self) -> list[str]:
        v = self._s.value("search/history", [])
        if isinstance(v, str):
            return [v]
        return [q for q in v if isinstance(q, str)] if isinstance(v, list) else []

    def set_search_history(self, queries: list[str]) -> None:
        self._s.setValue("search/history", list(queries))

    @property
    def recent_files(self) -> list[str]:
        """Documents opened, newest first (at most RECENT_MAX)."""
        v = self._s.value("session/recent_files", [])
        if isinstance(v, str):
            v = [v]
        files = [path_from_setting(p) for p in v if isinstance(p, str) and p] if isinstance(v, list) else []
        return files[:RECENT_MAX]

    def _set_recent(self, files: list[str]) -> None:
        self._s.setValue("session/recent_files", [path_to_setting(p) for p in files])

    def add_recent_file(self, path: str) -> None:
        self._set_recent([path, *[p for p in self.recent_files if p != path]][:RECENT_MAX])

    def remove_recent_file(self, path: str) -> None:
        self._set_recent([p for p in self.recent_files if p != path])

    def clear_recent_files(self) -> None:
        self._s.setValue("session/recent_files", [])

    @property
    def open_folder(self) -> str:
        """The folder the open dialog showed last."""
        return path_from_setting(self._get_str("session/open_folder", ""))

    @open_folder.setter
    def open_folder(self, value: str) -> None:
        self._s.setValue("session/open_folder", path_to_setting(value))

    @property
    def export_folder(self) -> str:
        return path_from_setting(self._get_str("export/folder", ""))

    @export_folder.setter
    def export_folder(self, value: str) -> None:
        self._s.setValue("export/folder", path_to_setting(value))

    # --- per document --------------------------------------------------------------------
    def reading_position(self, fingerprint: str) -> int:
        try:
            return int(self._s.value(f"positions/{fingerprint}", 0))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return 0

    def set_reading_position(self, fingerprint: str, offset: int) -> None:
        """Only when the notes database cannot be written: reading positions live in the
        library (storage/library.py); this file kept them before (moved in by positions())."""
        self._s.setValue(f"positions/{fingerprint}", int(offset))

    def positions(self) -> dict[str, int]:
        """Every reading position this file still keeps, by fingerprint (for the library to adopt)."""
        out: dict[str, int] = {}
        self._s.beginGroup("positions")
        try:
            for key in self._s.childKeys():
                try:
                    out[key] = int(self._s.value(key, 0))  # type: ignore[arg-type]
                except (TypeError, ValueError):
                    continue
        finally:
            self._s.endGroup()
        return out

    def forget_positions(self, fingerprints: set[str]) -> None:
        """The library holds these now: removed from this file."""
        for fp in fingerprints:
            self._s.remove(f"positions/{fp}")
