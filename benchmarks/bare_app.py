"""The yardstick for ``benchmarks/bundle.py``: the barest PySide6 reading window.

A QMainWindow with a read-only QTextEdit showing the speech, nothing else.  It is
frozen with the same PyInstaller spec and trimming as Yandu (``build.py --bare``),
so the difference in size, start time and memory is what Yandu itself costs.

    python benchmarks/bare_app.py [--quit-after-load]

With ``--quit-after-load`` it quits (status 0) right after the text is first painted.
``--qt-info`` prints, as JSON, where Qt finds its plugins and translations and whether
``qtbase_zh_CN`` loads (a check that a frozen build's Qt is wired up), then exits.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit


def speech_path() -> Path:
    """The speech: next to the frozen program, else in the source tree's resources/."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "speech.txt"
    return Path(__file__).resolve().parent.parent / "resources" / "speech.txt"


class _FirstPaint(QObject):
    """Quit the application once the watched widget has been painted.

    The marker is printed when the frame that holds the first paint is done (a
    zero-delay timer from the Paint event), the same moment Yandu's marker marks,
    not when that paint is about to begin.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self._app = app
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        print("first-paint", flush=True)  # the same marker as desktop-app --quit-after-load
        self._app.quit()


def qt_info(app: QApplication) -> dict[str, object]:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return {
        "qt": QLibraryInfo.version().toString(),
        "platform": app.platformName(),
        "plugins": QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath),
        "translations": translations,
        "qtbase_zh_CN": QTranslator().load("qtbase_zh_CN", translations),
        "speech": str(speech_path()),
    }


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    app = QApplication(sys.argv[:1])
    if "--qt-info" in argv:
        import json

        print(json.dumps(qt_info(app), ensure_ascii=False))
        return 0
    window = QMainWindow()
    window.setWindowTitle("bare")
    edit = QTextEdit(window)
    edit.setReadOnly(True)
    if "--cjk-font" in argv:  # context floor: the same text drawn with a real Chinese font
        from PySide6.QtGui import QFont, QFontDatabase

        font_id = QFontDatabase.addApplicationFont(argv[argv.index("--cjk-font") + 1])
        edit.setFont(QFont(QFontDatabase.applicationFontFamilies(font_id)[0], 15))
    edit.setPlainText(speech_path().read_text(encoding="utf-8"))
    window.setCentralWidget(edit)
    window.resize(1200, 820)  # the size Yandu opens at: the same number of glyphs to draw
    if "--quit-after-load" in argv:
        watcher = _FirstPaint(app)
        edit.viewport().installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
