"""The bundled CJK font, registered with Qt once: for the window, printing and the PDF export.

Outside ``ui`` so the PDF export (``export/pdf.py``) uses it without importing the window's
modules.  Imports Qt: imported only where Qt is in use (``ui/fonts.py`` chooses the reading
font; this only registers the file).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFontDatabase

from desktop_app.paths import BUNDLED_FONT, bundled_font_bytes, bundled_font_file

BUNDLED_FONT_FILE = "/".join(BUNDLED_FONT)
BUNDLED_FAMILY = "WenQuanYi Micro Hei"

LOADED: list[str] = []  # families of the bundled file, once registered (empty before)


def load_bundled_font() -> str:
    """Register the bundled CJK font with Qt (once); return its main family name."""
    if not LOADED:
        try:
            font_id = QFontDatabase.addApplicationFont(str(bundled_font_file()))
        except OSError:  # the bundle's packed font, and no cache folder to unpack it in
            font_id = QFontDatabase.addApplicationFontFromData(QByteArray(bundled_font_bytes()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        LOADED.extend(families or [BUNDLED_FAMILY])
    return BUNDLED_FAMILY if BUNDLED_FAMILY in LOADED else LOADED[0]
