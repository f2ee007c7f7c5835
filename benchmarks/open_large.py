"""Open one large text in the real main window and report timings as one JSON line.

    python benchmarks/open_large.py FILE

Run by ``benchmarks/run.py`` in a fresh process (and a temporary data folder).
The floor is a bare QTextEdit given the same text with setPlainText, until painted.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QTextEdit

    from desktop_app.core.loader import load_document
    from desktop_app.ui.app import create_application
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.settings import Settings

    path = Path(sys.argv[1])
    app = create_application()
    assert isinstance(app, QApplication)

    # The floor: the same text in a bare QTextEdit, until it has painted once.
    text = path.read_text(encoding="utf-8")
    bare = QTextEdit()
    bare.resize(1000, 760)
    bare.show()
    t0 = time.perf_counter()
    bare.setPlainText(text)
    bare.repaint()
    app.processEvents()
    bare_s = time.perf_counter() - t0
    bare.close()
    bare.deleteLater()  # or it keeps laying out its 5 MB while we measure
    del text
    app.processEvents()

    t0 = time.perf_counter()
    load_document(path)
    load_s = time.perf_counter() - t0

    window = MainWindow(Settings())
    window.resize(1200, 820)
    window.show()
    app.processEvents()

    # Measure the longest gap between ticks of a 5 ms timer: how long the UI was blocked.
    stalls: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        stalls.append((now - last[0]) / 1e9)
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()

    loop = QEventLoop()
    window.sig_document_shown.connect(lambda _d: loop.quit())
    t0 = time.perf_counter()
    window.open_file(str(path))
    loop.exec()
    open_s = time.perf_counter() - t0
    # keep measuring while the layout finishes in the background
    end = time.perf_counter() + 1.5
    while time.perf_counter() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    timer.stop()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "mb": path.stat().st_size / 2**20,
                "open_s": open_s,
                "bare_s": bare_s,
                "load_s": load_s,
                "max_stall_s": max(stalls) if stalls else 0.0,
                "peak_mb": peak_mb,
            }
        )
    )
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
