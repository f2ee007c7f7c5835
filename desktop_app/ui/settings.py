"""Per-user and per-document settings (an INI file in the data folder, via QSettings).

Per user: window geometry and state, zoom, theme, language, last file.
Per document (keyed by its content fingerprint): the reading position.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from desktop_app.paths import data_dir

ZOOM_MIN, ZOOM_MAX = 0.6, 2.5
RECENT_MAX = 10


class Settings:
    def __init__(self) -> None:
        self._s = QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._s.sync()

    # --- per user ------------------------------------------------------------------------
    def _get_str(self, key: str, default: str = "") -> str:
        v = self._s.value(key, default)
        return v if isinstance(v, str) else default

    def _get_float(self, key: str, default: float) -> float:
        try:
            return float(self._s.value(key, default))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return default

    @property
    def theme(self) -> str:
        return self._get_str("view/theme", "light")

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
    def language(self) -> str:
        return self._get_str("ui/language", "")

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("ui/language", value)

    @property
    def last_file(self) -> str:
        return self._get_str("session/last_file", "")

    @last_file.setter
    def last_file(self, value: str) -> None:
        self._s.setValue("session/last_file", value)

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
        return [p for p in v if isinstance(p, str) and p][:RECENT_MAX] if isinstance(v, list) else []

    def add_recent_file(self, path: str) -> None:
        files = [path, *[p for p in self.recent_files if p != path]][:RECENT_MAX]
        self._s.setValue("session/recent_files", files)

    def remove_recent_file(self, path: str) -> None:
        self._s.setValue("session/recent_files", [p for p in self.recent_files if p != path])

    def clear_recent_files(self) -> None:
        self._s.setValue("session/recent_files", [])

    @property
    def open_folder(self) -> str:
        """The folder the open dialog showed last."""
        return self._get_str("session/open_folder", "")

    @open_folder.setter
    def open_folder(self, value: str) -> None:
        self._s.setValue("session/open_folder", value)

    @property
    def export_folder(self) -> str:
        return self._get_str("export/folder", "")

    @export_folder.setter
    def export_folder(self, value: str) -> None:
        self._s.setValue("export/folder", value)

    # --- per document --------------------------------------------------------------------
    def reading_position(self, fingerprint: str) -> int:
        try:
            return int(self._s.value(f"positions/{fingerprint}", 0))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return 0

    def set_reading_position(self, fingerprint: str, offset: int) -> None:
        self._s.setValue(f"positions/{fingerprint}", int(offset))
