"""Errors in the window: hostile files opened or dropped, exceptions nobody caught, unusable folders.

Real widgets and real files; what is checked is what a person meets: a box that does not block
(the window keeps its document and can still be used and closed), one plain sentence, the error
log holding the traceback, and never one box per exception."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QObject, QPointF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.ui import errors
from desktop_app.ui.main_window import MainWindow
from tests import hostile
from tests.conftest import ROOT, SPEECH
from tests.ui.test_find_bar import type_chinese


class ModalWatch:
    """Fails the test if a modal dialog waits for a click (and closes it, so the test goes on)."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self._timer = QTimer(interval=50)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    def _check(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            self.seen.append(modal.windowTitle() + ": " + getattr(modal, "text", lambda: "")())
            modal.close()

    def stop(self) -> list[str]:
        self._timer.stop()
        return self.seen


@pytest.fixture
def modal_watch() -> Iterator[ModalWatch]:
    watch = ModalWatch()
    yield watch
    watch.stop()


def load_box(w: MainWindow) -> QMessageBox | None:
    box = w.findChild(QMessageBox, errors.LOAD_BOX)
    return box if box is not None and box.isVisible() else None


def drop(w: MainWindow, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    w.dropEvent(event)


def written(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    return make


HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "binary": (written("bin.txt", bytes(range(256)) * 50), "二进制"),
    "empty": (written("empty.txt", b""), "空"),
    "fifo": (hostile.make_fifo, "管道"),
    "device": (hostile.make_char_device, "设备"),
    "folder": (lambda tmp: tmp, "文件夹"),
    "link loop": (hostile.make_loop, "符号链接"),
    "missing": (lambda tmp: tmp / "gone.txt", "找不到文件"),
}


@pytest.mark.parametrize(
    ("kind", "how"),
    # a dropped folder is added to the library instead (tests/ui/test_library.py)
    [(k, h) for k in HOSTILE for h in ("open", "drop") if (k, h) != ("folder", "drop")],
)
def test_a_hostile_file_gives_a_message_that_does_not_block_and_the_document_stays(
    make_window, tmp_path: Path, kind: str, how: str, modal_watch: ModalWatch, qtbot: QtBot
) -> None:
    w = make_window()
    before = w.document
    make, words = HOSTILE[kind]
    path = make(tmp_path)
    (w.open_file if how == "open" else lambda p: drop(w, Path(p)))(str(path))  # a FIFO hung here
    box = load_box(w)
    assert box is not None and words in box.text() and str(path) in box.text()
    assert box.windowModality() == Qt.WindowModality.NonModal and not box.isModal()
    assert "Traceback" not in box.text()
    assert w.document is before and w.reader.toPlainText()  # the window keeps its document
    assert w.statusBar().currentMessage() == box.text()
    qtbot.wait(120)
    assert modal_watch.stop() == []  # nothing waited for a click


def test_one_box_for_several_failures_and_the_window_still_works(
    make_window, tmp_path: Path, modal_watch: ModalWatch, qtbot: QtBot
) -> None:
    w = make_window()
    w.open_file(str(hostile.make_fifo(tmp_path)))
    w.open_file(str(tmp_path / "gone.txt"))
    boxes = [b for b in w.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and "找不到文件" in boxes[0].text()  # the newest message, one box
    good = tmp_path / "good.txt"
    good.write_text(hostile.LAW, encoding="utf-8")
    with qtbot.waitSignal(w.sig_document_shown, timeout=20000):
        w.open_file(str(good))  # with the box still open
    assert w.document.paragraphs[1].text.startswith("第一条")
    assert modal_watch.stop() == []


def test_a_large_file_that_fails_on_the_worker_says_so_without_blocking(
    make_window, tmp_path: Path, modal_watch: ModalWatch, qtbot: QtBot
) -> None:
    """Files over 512 KB load off the UI thread: their failure comes back the same way."""
    w = make_window()
    before = w.document
    big = tmp_path / "big.txt"
    big.write_bytes(bytes(range(256)) * 4096)  # 1 MB of binary
    w.open_file(str(big))
    qtbot.waitUntil(lambda: load_box(w) is not None, timeout=20000)
    assert "二进制" in load_box(w).text()
    assert w.document is before and not w._busy.isVisible()
    assert modal_watch.stop() == []


def test_a_text_longer_than_the_window_takes_is_refused_with_the_limit_named(
    make_window, tmp_path: Path, modal_watch: ModalWatch, qtbot: QtBot, monkeypatch
) -> None:
    """Beyond MAX_WINDOW_CHARS a polite refusal naming the size and the limit, not a crawl; the
    command line still reads it."""
    from desktop_app.ui import window_loading

    assert window_loading.MAX_WINDOW_CHARS == 20_000_000
    monkeypatch.setattr(window_loading, "MAX_WINDOW_CHARS", 300_000)  # the same check, on a smaller text
    w = make_window()
    before = w.document
    long_text = tmp_path / "长文.txt"
    long_text.write_text(("坚持以人民为中心的发展思想。" * 20 + "\n") * 1200, encoding="utf-8")  # 337,200
    w.open_file(str(long_text))
    qtbot.waitUntil(lambda: load_box(w) is not None, timeout=20000)
    text = load_box(w).text()
    assert "33 万字" in text and "上限（30 万字）" in text and "命令行" in text
    assert w.document is before and not w._busy.isVisible()
    assert modal_watch.stop() == []
    proc = subprocess.run(
        [sys.executable, "-m", "desktop_app", "toc", str(long_text)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert proc.returncode == 0


def test_the_window_can_be_closed_with_the_message_open(make_window, tmp_path: Path, qtbot: QtBot) -> None:
    w = make_window()
    w.open_file(str(tmp_path / "gone.txt"))
    assert load_box(w) is not None
    assert w.close()  # a requested quit is not held by the box
    assert not w.isVisible()


def test_a_file_whose_name_is_not_utf8_opens_is_searched_and_takes_notes(
    make_window, tmp_path: Path, qtbot: QtBot, modal_watch: ModalWatch
) -> None:
    """GBK bytes in the file name (a Windows zip unpacked on Linux): the real file works throughout."""
    path = hostile.gbk_named_file(tmp_path)
    w = make_window(path)
    assert w.document.paragraphs[1].text.startswith("第一条") and "拍卖行为" in w.reader.toPlainText()
    assert os.fsencode(w.document.path).endswith(hostile.GBK_NAME)
    # searchable
    w.open_search_panel()
    qtbot.waitUntil(lambda: w.search_index is not None, timeout=20000)
    type_chinese(w.search_panel.query_box.lineEdit(), "拍卖")
    qtbot.waitUntil(lambda: w.search_panel.model.rowCount() > 0, timeout=5000)
    # takes notes, kept across a restart
    start = w.document.text.index("拍卖行为")
    w.reader.select_range(start, start + 4)
    w.notes.annotate_selection("yellow", note="看这里")
    assert [a.note for a in w.notes.annotations] == ["看这里"]
    w.close()
    w2 = make_window(path)
    assert [a.note for a in w2.notes.annotations] == ["看这里"]
    assert modal_watch.stop() == []


# --- exceptions nobody caught ---------------------------------------------------------------


class Emitter(QObject):
    sig_go = Signal()


@pytest.fixture
def error_hooks(isolated_user_data: Path) -> Iterator[Path]:
    """The window's hooks installed as run_app installs them; the error log's path."""
    from desktop_app.ui import app

    saved = sys.excepthook, threading.excepthook
    app.install_error_hooks()
    errors._told = False
    yield isolated_user_data / "logs" / "errors.log"
    sys.excepthook, threading.excepthook = saved
    errors._told = False
    for box in QApplication.topLevelWidgets():
        if box.objectName() == errors.ERROR_BOX:
            box.close()


def error_boxes() -> list[QMessageBox]:
    return [
        b
        for b in QApplication.topLevelWidgets()
        if isinstance(b, QMessageBox) and b.objectName() == errors.ERROR_BOX and b.isVisible()
    ]


@pytest.mark.qt_no_exception_capture  # pytest-qt would put its own sys.excepthook in place of ours
def test_an_exception_in_a_slot_is_logged_and_told_once(
    make_window, qtbot: QtBot, error_hooks: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    w = make_window()
    emitter = Emitter()

    def broken_slot() -> None:
        raise ZeroDivisionError("第一个槽函数错误")

    emitter.sig_go.connect(broken_slot)
    emitter.sig_go.emit()  # Qt calls the slot; the exception reaches sys.excepthook
    qtbot.waitUntil(lambda: bool(error_boxes()), timeout=3000)
    log = error_hooks.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and 'raise ZeroDivisionError("第一个槽函数错误")' in log
    (box,) = error_boxes()
    assert (
        str(error_hooks) in box.text() and "Traceback" not in box.text() and "ZeroDivision" not in box.text()
    )
    assert not box.isModal() and QApplication.activeModalWidget() is None
    # a second one: logged, in the status bar, but no second box
    QTimer.singleShot(0, lambda: (_ for _ in ()).throw(KeyError("第二个错误")))
    qtbot.waitUntil(lambda: "第二个错误" in error_hooks.read_text(encoding="utf-8"), timeout=3000)
    qtbot.wait(100)
    assert len(error_boxes()) == 1
    assert str(error_hooks) in w.statusBar().currentMessage()
    assert w.isVisible() and w.document is not None  # the window goes on


@pytest.mark.qt_no_exception_capture
def test_an_exception_that_ends_a_thread_is_logged_and_told_on_the_ui_thread(
    make_window, qtbot: QtBot, error_hooks: Path
) -> None:
    make_window()

    def work() -> None:
        raise ValueError("线程里的错误")

    t = threading.Thread(target=work, name="worker-1")
    t.start()
    t.join()
    log = error_hooks.read_text(encoding="utf-8")
    assert "(thread worker-1)" in log and 'raise ValueError("线程里的错误")' in log
    qtbot.waitUntil(lambda: bool(error_boxes()), timeout=3000)
    assert error_boxes()[0].thread() is QApplication.instance().thread()


@pytest.mark.qt_no_exception_capture
def test_when_the_log_cannot_be_written_the_box_says_where_the_details_went(
    make_window, qtbot: QtBot, error_hooks: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    make_window()
    error_hooks.parent.parent.mkdir(parents=True, exist_ok=True)
    error_hooks.parent.write_text("不是文件夹", encoding="utf-8")  # logs is a file
    QTimer.singleShot(0, lambda: (_ for _ in ()).throw(RuntimeError("写不进日志")))
    qtbot.waitUntil(lambda: bool(error_boxes()), timeout=3000)
    err = capfd.readouterr().err
    assert "Traceback (most recent call last)" in err and "RuntimeError: 写不进日志" in err  # in full
    text = error_boxes()[0].text()
    assert str(error_hooks) in text and "无法写入" in text


def test_a_scripted_start_with_an_error_in_a_slot_logs_it_and_exits_non_zero(tmp_path: Path) -> None:
    """A real start (--quit-after-load) where a slot raises: the log has it, the status says so."""
    script = tmp_path / "start.py"
    script.write_text(
        "import sys\n"
        "from desktop_app.ui import main_window\n"
        "shown = main_window.MainWindow._after_first_paint\n"
        "def broken(self):\n"
        "    shown(self)\n"
        "    raise RuntimeError('slot failed after the first paint')\n"
        "main_window.MainWindow._after_first_paint = broken\n"
        "from desktop_app.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("YANDU_DATA_DIR", None)
    r = subprocess.run(
        [sys.executable, str(script), "--data-dir", str(data), str(SPEECH), "--quit-after-load"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert r.returncode == 70, r.stderr
    log = (data / "logs" / "errors.log").read_text(encoding="utf-8")
    assert "(window)" in log and "RuntimeError: slot failed after the first paint" in log


def test_an_unusable_data_folder_is_said_before_the_window_starts(
    tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A normal start: a box saying which folder and what to do (then the command line exits 1)."""
    from desktop_app import paths
    from desktop_app.ui.app import run_app

    afile = tmp_path / "yandu"
    afile.write_text("x", encoding="utf-8")
    paths.set_data_dir(afile)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a, **k: said.append(text))
    with pytest.raises(paths.FolderError):
        run_app(str(SPEECH))
    assert len(said) == 1 and str(afile) in said[0] and "文件" in said[0]


WATCH_START = """
import sys
from PySide6.QtCore import QTimer
from desktop_app.ui import main_window
from desktop_app.ui.app import create_application

shown = main_window.MainWindow.show
def show(self):
    self.statusBar().messageChanged.connect(lambda text: print("STATUS:", text, flush=True))
    shown(self)
main_window.MainWindow.show = show
main_window.MainWindow.warn_second_copy = lambda self: print("SECOND COPY", flush=True)
app = create_application()
QTimer.singleShot(4000, app.quit)
from desktop_app.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_read_only_data_folder_is_not_taken_for_another_copy(tmp_path: Path) -> None:
    """The lock cannot be taken in a read-only folder: the window says the folder is read-only
    (it said another copy was running), and reads all the same."""
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o500)
    script = tmp_path / "watch.py"
    script.write_text(WATCH_START, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("YANDU_DATA_DIR", None)
    cmd = hostile.unprivileged([sys.executable, str(script), "--data-dir", str(data), str(SPEECH)])
    r = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert "SECOND COPY" not in r.stdout
    assert any("数据文件夹不能写入" in line and str(data) in line for line in r.stdout.splitlines()), r.stdout


def test_a_start_whose_file_cannot_be_opened_shows_the_speech_and_a_message(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, modal_watch: ModalWatch
) -> None:
    """A normal start (not scripted): the message does not block, and there is something to read."""
    from desktop_app.ui.settings import Settings

    w = MainWindow(Settings())
    qtbot.addWidget(w)
    w.show()
    fifo = hostile.make_fifo(tmp_path)
    with qtbot.waitSignal(w.sig_document_shown, timeout=20000):
        w.open_file(str(fifo))
    assert w.document is not None and Path(w.document.path) == SPEECH.resolve()
    box = load_box(w)
    assert box is not None and "管道" in box.text()
    assert modal_watch.stop() == []
    w.close()
