"""Start the window: QApplication, translations, settings, the main window."""

from __future__ import annotations

import contextlib
import os
import sys
import threading  # already imported by then (PySide, the standard library): costs nothing
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QThreadPool, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from desktop_app import APP_ID, APP_NAME, __version__, gcpolicy
from desktop_app.core import messages
from desktop_app.paths import bundled_speech, resource
from desktop_app.ui.import_scan import spare_source_reads

spare_source_reads()  # before the window's modules are imported: PySide need not read their source


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
    return app


def set_window_icon(app: QApplication) -> None:
    """The program's icon on every window.  Set after the first paint: a QIcon is not needed
    to draw the text, and its first use builds enums (see ui/first_frame.py)."""
    from PySide6.QtGui import QIcon

    icon = resource("icons", "yandu.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))


def install_translators(app: QApplication, language: str) -> None:
    """Chinese (zh_CN) by default; English is the source language of every ``tr()``."""
    messages.set_language(language)
    if language != "zh":
        QLocale.setDefault(QLocale("en_US"))
        return
    QLocale.setDefault(QLocale("zh_CN"))
    ours = QTranslator(app)
    if ours.load(str(resource("translations", "yandu_zh_CN.qm"))):
        app.installTranslator(ours)
    qt = QTranslator(app)  # Qt's own dialogs (file dialog, message box buttons)
    if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    extra = QTranslator(app)  # what Qt's catalogue leaves in English ("&Look in:"); asked first
    if extra.load(str(resource("translations", "qt_extra_zh_CN.qm"))):
        app.installTranslator(extra)


PAINTED_MARKER = "first-paint"  # printed by --quit-after-load; benchmarks time the start to it


def _announce_painted_and_quit(app: QApplication) -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):  # a windowed .exe has no stdout
        print(PAINTED_MARKER, flush=True)
    QTimer.singleShot(0, app.quit)


_start_finished = False


def finish_start(app: QApplication) -> None:
    """What waits for the first paint (or, if nothing can be shown, a second): the window
    icon, and cyclic garbage collection, which ``cli.cmd_window`` turned off for the start.

    Runs once: later documents' first paints change nothing, and a worker that pauses
    collection on its own (the tokenizer loading jieba) is left alone.  What the start
    made lives as long as the program, so it is frozen first: collections skip it.
    """
    global _start_finished
    if _start_finished:
        return
    _start_finished = True
    set_window_icon(app)
    if gcpolicy.resume():  # the pause cli.cmd_window took (jieba's, if loading, still holds)
        from desktop_app import trace

        trace.mark("garbage collection resumed")


SCRIPTED_PROPERTY = "yanduScriptedStart"  # on the QApplication: --quit-after-load (see ui/errors.py)
_unexpected = 0  # exceptions that reached the hooks below in this run


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: object) -> None:
    """``sys.excepthook`` while the window runs: an exception nobody caught (a slot, an event
    handler) goes to the error log and the user is told once where it is (ui/errors.py,
    imported only now: the start does not pay for it)."""
    global _unexpected
    _unexpected += 1
    try:
        from desktop_app.ui import errors

        errors.report_unexpected(exc_type, exc, tb)  # type: ignore[arg-type]
    except Exception:  # reporting must never raise from the hook: Python's own report then
        sys.__excepthook__(exc_type, exc, tb)  # type: ignore[arg-type]


def _thread_excepthook(args: object) -> None:
    """``threading.excepthook``: an exception that ended a Python thread, reported the same way."""
    global _unexpected
    _unexpected += 1
    try:
        from desktop_app.ui import errors

        errors.thread_hook(args)  # type: ignore[arg-type]
    except Exception:
        threading.__excepthook__(args)  # type: ignore[arg-type]


def install_error_hooks() -> None:
    """Exceptions nobody caught in the window reach the error log (a windowed .exe has no stderr)."""
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook


def _cannot_start(text: str, scripted: bool) -> None:
    """The data folder cannot be used: said before the program ends (a box unless scripted)."""
    if not scripted:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, APP_NAME, text)  # nothing else is open: the box is the end


def run_app(file: str | None = None, quit_after_load: bool = False, language: str | None = None) -> int:
    from desktop_app import trace
    from desktop_app.paths import FolderError, data_dir
    from desktop_app.ui import fonts
    from desktop_app.ui.first_frame import qt_namespace_built
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.settings import Settings
    from desktop_app.ui.single_instance import SingleInstance

    trace.mark("ui modules imported")
    app = create_application()
    if quit_after_load:  # nobody is there to read a box: errors go to stderr and end the run
        app.setProperty(SCRIPTED_PROPERTY, True)
    try:
        folder = data_dir()
    except FolderError as exc:
        _cannot_start(str(exc), quit_after_load)
        raise  # the command line prints it and exits non-zero
    instance = SingleInstance(folder)
    primary = instance.try_become_primary()
    read_only = None
    second_copy = False
    if not primary:
        from desktop_app.paths import folder_problem

        read_only = folder_problem(folder)  # no lock in a folder that cannot be written
    if not primary and read_only is None:
        path = str(Path(file).resolve()) if file else ""
        if instance.forward(path):
            print(messages.message("forwarded"), file=sys.stderr)
            return 0
        # The other copy does not answer (starting, or hung): run anyway; SQLite keeps
        # the notes safe, and the window says that another copy is running.
        second_copy = True
    previous_hooks = sys.excepthook, threading.excepthook
    install_error_hooks()
    settings = Settings()
    lang = language or settings.language or os.environ.get("YANDU_LANG", "zh")
    install_translators(app, "en" if lang.startswith("en") else "zh")
    # Before any widget exists: a later application font change re-lays out every widget.
    fonts.apply_ui_font(fonts.reading_font_families())
    trace.mark("application ready")
    window = MainWindow(settings)
    trace.mark("main window built")
    if quit_after_load:
        window.sig_first_paint.connect(lambda: _announce_painted_and_quit(app))
    window.show()
    target = file or settings.last_file
    if not target or (not file and not Path(target).is_file()):
        target = str(bundled_speech())
    window.open_file(target)
    trace.mark("document opened")
    window.sig_first_paint.connect(
        lambda: trace.mark(
            f"first paint with tree (Qt namespace built: {qt_namespace_built()};"
            f" notes store imported: {'desktop_app.storage.notes_store' in sys.modules};"
            f" sqlite3 imported: {'sqlite3' in sys.modules})"
        )
    )
    window.sig_first_paint.connect(lambda: finish_start(app))
    QTimer.singleShot(1000, lambda: finish_start(app))  # also when nothing could be shown
    if second_copy:
        window.sig_first_paint.connect(window.warn_second_copy)
    elif read_only is not None:  # reading works; the notes panel says what it cannot save
        window.sig_first_paint.connect(lambda: window.statusBar().showMessage(read_only, 30000))
    else:
        window.sig_first_paint.connect(instance.start_server)
    instance.sig_open_requested.connect(window.open_requested)
    QTimer.singleShot(200, window.ensure_chrome)  # menus even when no document could be shown
    try:
        code = app.exec()
    finally:
        instance.release()
        QThreadPool.globalInstance().waitForDone()  # no worker may outlive the interpreter
        sys.excepthook, threading.excepthook = previous_hooks
    from desktop_app.cli import EXIT_INTERNAL

    return EXIT_INTERNAL if code == 0 and _unexpected else code
