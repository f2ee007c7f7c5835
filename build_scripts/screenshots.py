"""Render the window's main states to PNG, to look at after every change to the window.

    python build_scripts/screenshots.py OUTDIR [--sizes 1024x700,1920x1080] [--lang zh|en]

Runs offscreen (no display needed; under Xvfb set QT_QPA_PLATFORM=xcb to use the real
X11 plugin) with a temporary data folder, on the bundled speech, and writes one PNG per
state and size: reading with the contents tree, the find bar, the search panel, the notes
panel with a note, the export dialog, the dark and 护眼 themes, the settings dialog, print
preview.  ``docs/screenshot.png`` (the README's picture) is ``reading-1400x900.png``.
Open the pictures and look at them the way a user would.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QWidget

    from desktop_app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _wait(ms: int) -> None:
    """Run the event loop for ``ms``.  Not QTest.qWait: PySide keeps the interpreter lock while
    it sleeps between events, so no worker thread (the notes, the search index) ran meanwhile
    and the search panel was pictured still "preparing"."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--sizes", default="1024x700,1920x1080")
    parser.add_argument("--lang", default="zh", choices=["zh", "en"])
    parser.add_argument("--only", default="", help="comma-separated state names")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    data = Path(tempfile.mkdtemp(prefix="yandu-shots-"))
    os.environ["YANDU_DATA_DIR"] = str(data)
    os.environ["HOME"] = str(data / "home")
    (data / "home" / "Documents").mkdir(parents=True)

    from desktop_app import paths
    from desktop_app.ui import fonts
    from desktop_app.ui.app import create_application, install_translators

    paths.set_data_dir(data)
    app = create_application()
    install_translators(app, args.lang)
    fonts.apply_ui_font(fonts.reading_font_families())
    args.outdir.mkdir(parents=True, exist_ok=True)
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.sizes.split(",") if s]
    only = {s for s in args.only.split(",") if s}
    written: list[Path] = []
    for width, height in sizes:
        for name, state in STATES.items():
            if only and name not in only:
                continue
            window = _new_window(width, height)
            try:
                shot = state(window)
                target = shot if shot is not None else window
                out = args.outdir / f"{name}-{width}x{height}.png"
                target.grab().save(str(out))
                written.append(out)
                if shot is not None:
                    shot.close()
            finally:
                _close(window)
    for p in written:
        print(p)
    return 0


def _new_window(width: int, height: int) -> MainWindow:
    from desktop_app.paths import bundled_speech
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.settings import Settings

    settings = Settings()
    settings.theme = "light"
    window = MainWindow(settings)
    window.resize(width, height)
    window.show()
    window.open_file(str(bundled_speech()))
    _wait(300)
    window.ensure_chrome()
    _wait(300)
    return window


def _close(window: MainWindow) -> None:
    window.close()
    window.deleteLater()
    _wait(50)


def _with_note(window: MainWindow) -> None:
    doc = window.document
    start = doc.text.index("主动在全市中心工作中找准定位")
    window.reader.select_range(start, start + 14)
    window.notes.annotate_selection("yellow")
    other = doc.text.index("二要聚焦关键任务")
    window.reader.select_range(other, other + 8)
    ann = window.notes.annotate_selection("green")
    window.notes.edit_note(ann.id, "服务保障大事要事：本单位可以对照的三件事。", ["对照"])
    third = doc.text.index("“四个服务”")
    window.reader.select_range(third, third + 6)
    window.notes.annotate_selection("blue", "underline")
    window.reader.scroll_to_offset(doc.text.index("第一条经验"))
    _wait(200)


def state_reading(window: MainWindow) -> None:
    _with_note(window)
    return None


def state_find(window: MainWindow) -> None:
    window.open_find_bar()
    window.find_bar.edit.setText("党建")
    _wait(400)
    window.find_bar.find_next()
    window.find_bar.find_next()
    _wait(200)
    return None


def state_search(window: MainWindow) -> None:
    window.open_search_panel()
    window.search.panel.query_box.setEditText("中心工作")
    for _ in range(50):
        _wait(100)
        if window.search.panel.model.rowCount():
            break
    _wait(200)
    return None


def state_notes(window: MainWindow) -> None:
    _with_note(window)
    window.notes.show_panel()
    _wait(300)
    return None


def state_export(window: MainWindow) -> QWidget:
    _with_note(window)
    dialog = window.notes.open_export_dialog()
    _wait(300)
    return dialog


def _theme(key: str) -> Callable:
    def shot_then_reset(window: MainWindow) -> _Snapshot:
        _with_note(window)
        window.set_theme(key)
        window.notes.show_panel()
        _wait(300)
        return _Snapshot(window, lambda: window.set_theme("light"))

    return shot_then_reset


class _Snapshot:
    """Grab now, tidy up when closed (themes are application-wide)."""

    def __init__(self, window: MainWindow, tidy: Callable[[], None]) -> None:
        self._pixmap = window.grab()
        self._tidy = tidy

    def grab(self) -> QPixmap:
        return self._pixmap

    def close(self) -> None:
        self._tidy()


def state_settings(window: MainWindow) -> QWidget | _Snapshot:
    if not hasattr(window, "open_settings"):
        return _Snapshot(window, lambda: None)
    dialog = window.open_settings()
    _wait(300)
    return dialog


def state_print_preview(window: MainWindow) -> QWidget | None:
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.printing import PrintPreviewDialog

    _with_note(window)
    window.print_preview()
    _wait(800)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreviewDialog)]
    return dialogs[-1] if dialogs else None


STATES: dict[str, Callable] = {
    "reading": state_reading,
    "find": state_find,
    "search": state_search,
    "notes": state_notes,
    "export": state_export,
    "dark": _theme("dark"),
    "sepia": _theme("sepia"),
    "settings": state_settings,
    "print-preview": state_print_preview,
}


if __name__ == "__main__":
    sys.exit(main())
