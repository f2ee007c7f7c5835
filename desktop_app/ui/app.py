"""Start the window: QApplication, translations, settings, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop_app import APP_ID, APP_NAME, __version__
from desktop_app.core import messages
from desktop_app.paths import bundled_speech, resource


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("")
    app.setDesktopFileName(APP_ID)
    icon = resource("icons", "yandu.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def install_translators(app: QApplication, language: str) -> None:
    """Chinese (zh_CN) by default; English is the source language of every ``tr()``."""
    messages.set_language(language)
    if language != "zh":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ours = QTranslator(app)
    if ours.load(str(resource("translations", "yandu_zh_CN.qm"))):
        app.installTranslator(ours)
    qt = QTranslator(app)  # Qt's own dialogs (file dialog, message box buttons)
    if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)


def run_app(file: str | None = None, quit_after_load: bool = False, language: str | None = None) -> int:
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.settings import Settings

    app = create_application()
    settings = Settings()
    lang = language or settings.language or os.environ.get("YANDU_LANG", "zh")
    install_translators(app, "en" if lang.startswith("en") else "zh")
    window = MainWindow(settings)
    if quit_after_load:
        window.sig_document_shown.connect(lambda _doc: QTimer.singleShot(0, app.quit))
    window.show()
    target = file or settings.last_file
    if not target or (not file and not Path(target).is_file()):
        target = str(bundled_speech())
    window.open_file(target)
    return app.exec()
