"""build_scripts/screenshots.py waits with the event loop: worker threads run meanwhile (with
QTest.qWait they did not, and the search panel was pictured before its index existed)."""

from __future__ import annotations

import importlib.util
import threading
import time

from tests.conftest import ROOT


def test_waiting_lets_worker_threads_run(qapp) -> None:  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "build_scripts" / "screenshots.py")
    assert spec is not None and spec.loader is not None
    screenshots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(screenshots)
    ticks: list[float] = []
    stop = threading.Event()

    def worker() -> None:
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.005)

    thread = threading.Thread(target=worker)
    thread.start()
    time.sleep(0.02)
    before = len(ticks)
    screenshots._wait(300)
    during = len(ticks) - before
    stop.set()
    thread.join()
    assert during >= 10, during  # ~60 ticks of 5 ms in 300 ms; none while the lock was held
