"""What the window does with errors: a file it cannot open, and an exception nobody caught.

* A file that cannot be opened is said in a box that does not block (the window stays usable
  and a requested quit still quits) and in the status bar.  In a scripted start
  (``--quit-after-load``) nobody is there to read a box: the message goes to stderr and the
  program ends with the command line's status for bad input.
* An exception that reaches the event loop (a slot, an event handler) or ends a Python thread
  is written with its traceback to the error log (``crashlog``), and the user is told once,
  in plain words and without the traceback, where the log is: one box for the whole session,
  never one per exception; later ones go to the log and the status bar.

Imported only when an error happens: ``ui/app.py`` installs small hooks that load this
module on their first call, so the start does not pay for it.
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from desktop_app.core.messages import message, printable
from desktop_app.ui.app import SCRIPTED_PROPERTY  # set by run_app for --quit-after-load

if TYPE_CHECKING:
    import threading

LOAD_BOX = "cannotOpenBox"
ERROR_BOX = "unexpectedErrorBox"

_told = False  # the user was told where the log is (once per session)


def is_scripted() -> bool:
    app = QApplication.instance()
    return bool(app is not None and app.property(SCRIPTED_PROPERTY))


def cannot_open(parent: QWidget, title: str, text: str) -> bool:
    """Say that a file could not be opened.  True when this ends a scripted start."""
    if is_scripted():
        _to_stderr(f"desktop-app: {printable(text)}\n")
        from desktop_app.cli import EXIT_BAD_INPUT

        QTimer.singleShot(0, lambda: QApplication.exit(EXIT_BAD_INPUT))
        return True
    if isinstance(parent, QMainWindow):
        parent.statusBar().showMessage(text, 15000)
    show_notice(parent, title, text, LOAD_BOX)
    return False


def show_notice(parent: QWidget | None, title: str, text: str, name: str) -> QMessageBox:
    """A warning box that does not block: the window stays usable behind it and quits when asked.

    One per ``name`` and window: a second message replaces the text of a box still open.
    """
    box = parent.findChild(QMessageBox, name) if parent is not None else None
    if box is None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
        box.setObjectName(name)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextFormat(Qt.TextFormat.PlainText)  # a file name is not markup
    else:
        box.setWindowTitle(title)
        box.setText(text)
    box.show()
    box.raise_()
    return box


def report_unexpected(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, *, thread: str = ""
) -> None:
    """The hook for exceptions nobody caught: log them; tell the user once where the log is."""
    exc = exc if exc is not None else exc_type()
    if exc.__traceback__ is None and tb is not None:
        exc = exc.with_traceback(tb)
    from desktop_app.crashlog import log_exception

    log, failure = log_exception(exc, context=f"thread {thread}" if thread else "window")
    if failure is None:  # logged (else it went to stderr already): a terminal still shows it
        _to_stderr("".join(traceback.format_exception(exc)))
        text = message("unexpected_in_window", where=str(log))
    else:
        text = message("unexpected_not_logged", log=str(log), reason=failure)
    _relay().sig_report.emit(text)  # widgets only on the UI thread, after this turn


def _tell_user(text: str) -> None:
    global _told
    window = _main_window()
    if window is not None:
        window.statusBar().showMessage(text, 15000)
    if _told:
        return
    _told = True
    show_notice(window, message("unexpected_title"), text, ERROR_BOX)


def thread_hook(args: threading.ExceptHookArgs) -> None:
    """``threading.excepthook``: an exception that ended a Python thread."""
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    report_unexpected(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback, thread=name)


def _main_window() -> QMainWindow | None:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    active = app.activeWindow()
    if isinstance(active, QMainWindow):
        return active
    windows = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
    return windows[0] if windows else None


def _to_stderr(text: str) -> None:
    err = sys.stderr
    if err is None:  # a windowed .exe has none
        return
    try:
        err.write(text)
        err.flush()
    except (OSError, ValueError, UnicodeEncodeError):
        pass


class _Relay(QObject):
    """Brings a report from any thread to the UI thread (a queued signal): a box is not shown
    from inside the hook, in the middle of whatever failed, nor from a worker thread."""

    sig_report = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.sig_report.connect(self._on_report, Qt.ConnectionType.QueuedConnection)

    def _on_report(self, text: str) -> None:
        try:
            _tell_user(text)
        except Exception:  # never report a failure to report: that would loop
            _to_stderr(traceback.format_exc())


_relay_object: _Relay | None = None


def _relay() -> _Relay:
    global _relay_object
    if _relay_object is None:
        _relay_object = _Relay()
        app = QApplication.instance()
        if app is not None:
            _relay_object.moveToThread(app.thread())
    return _relay_object
