"""Load jieba's dictionary on a worker thread and report the longest stall of the UI thread.

python benchmarks/tokenizer_stall.py     (one JSON line; run twice: first builds the cache)
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.search import warm_up_tokenizer

    app = QApplication([])
    last = [time.perf_counter()]
    gaps: list[float] = []

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    done: list[float] = []

    def work() -> None:
        t0 = time.perf_counter()
        warm_up_tokenizer()
        done.append(time.perf_counter() - t0)

    QTimer.singleShot(50, lambda: threading.Thread(target=work).start())
    QTimer.singleShot(2500, app.quit)
    app.exec()
    print(json.dumps({"load_s": done[0] if done else None, "max_stall_s": max(gaps)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
