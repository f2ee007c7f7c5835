"""Opening document after document does not grow the window (issue #11, point 9).

Before: every open kept its QTextDocument (a child of the reading view) and, through a
reference cycle between a worker's relay and its callbacks, its Document: 1.2 MB per open.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.core.document import Document
from tests.conftest import SPEECH

OPENS = 50


def _settle(qtbot: QtBot) -> None:
    for _ in range(3):
        QThreadPool.globalInstance().waitForDone()
        qtbot.wait(120)  # the index is opened 300 ms after a document shows; let it run and report
        QApplication.processEvents()
    gc.collect()


def _rss_mb() -> float:
    with contextlib.suppress(OSError):  # not glibc: no trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 2**20


def test_fifty_documents_in_turn_keep_memory_flat(make_window, qtbot: QtBot, tmp_path: Path) -> None:
    text = SPEECH.read_text(encoding="utf-8")
    files = []
    for i in range(10):  # ten different documents (different fingerprints, indexes, notes)
        p = tmp_path / f"讲话{i}.txt"
        p.write_text(text.replace("机关", f"机关{i}"), encoding="utf-8")
        files.append(p)
    w = make_window(files[0])
    w.ensure_chrome()

    def open_next(n: int) -> None:
        with qtbot.waitSignal(w.sig_document_shown, timeout=20000):
            w.open_file(str(files[n % len(files)]))

    for n in range(2 * len(files)):  # warm up: every index built, jieba loaded, caches full
        open_next(n)
        if n % 10 == 9:
            _settle(qtbot)
    rss_before = _rss_mb()
    for n in range(OPENS):
        open_next(n)
        if n % 10 == 9:
            _settle(qtbot)
    # the documents this test opened (other tests' fixtures may hold documents of their own)
    mine = str(tmp_path)
    documents = [o for o in gc.get_objects() if isinstance(o, Document) and o.path.startswith(mine)]
    assert len(documents) <= 2, len(documents)  # the one shown (and at most one in flight)
    assert len(w.reader.findChildren(QTextDocument)) <= 2
    growth = _rss_mb() - rss_before
    assert growth < 10, f"{growth:.1f} MB more after {OPENS} opens"  # was 1.2 MB per open
