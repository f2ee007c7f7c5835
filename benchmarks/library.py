"""The library's figures (issue 15, points 10 and 11), each against a floor of the same run.

    python benchmarks/library.py        (or: python benchmarks/run.py --only library)

* Adding 100 documents (about 20 MB of non-repetitive text: 70 .txt, 10 .docx, 10 .html,
  10 .md) in the real window, in the background: documents per second, against the same
  files read and indexed in a plain loop with no window; the window's longest stall
  meanwhile (a 5 ms timer on the UI thread, from before the add until no worker runs),
  against the same window left idle as long.
* Library-wide search over those 100 documents: p95 of 20 queries x 5, against a
  ``str.find`` loop counting the same plain words in all the texts.
* Start to first paint with 1,000 documents in the library, against the bare window.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DOCS = 100
TOTAL_BYTES = 20 * 1024 * 1024
QUERIES = (
    "党建", "人民代表大会", "中心工作 融合", "高质量发展", '"全面从严治党"', "改革 -开放", "民", "国务院",
    "社会主义现代化", "干部队伍", "群众", "监督 OR 检查", "经济", "法律", "生态文明", "科技创新",
    "基层", "新时代", "安全", "不存在的词语组合",
)  # fmt: skip


def make_library_folder(folder: Path) -> tuple[list[Path], int]:
    """DOCS documents of generated text in four formats; their paths and total text bytes."""
    from benchmarks.scale_search import generated_text

    folder.mkdir(parents=True, exist_ok=True)
    lines = generated_text(TOTAL_BYTES).split("\n")
    per = len(lines) // DOCS
    paths: list[Path] = []
    total = 0
    for i in range(DOCS):
        part = [f"第{i + 1}号文件：关于推进第{i + 1}项重点工作的报告", *lines[i * per : (i + 1) * per]]
        total += sum(len(x.encode("utf-8")) + 1 for x in part)
        kind = "txt" if i < 70 else ("docx" if i < 80 else ("html" if i < 90 else "md"))
        path = folder / f"doc{i:03d}.{kind}"
        if kind == "txt":
            path.write_text("\n".join(part), encoding="utf-8")
        elif kind == "md":
            path.write_text("\n\n".join(["# " + part[0], *part[1:]]), encoding="utf-8")
        elif kind == "html":
            import html

            body = "".join(f"<p>{html.escape(p)}</p>" for p in part[1:])
            page = f"<html><head><title>{part[0]}</title></head><body><h1>{part[0]}</h1>{body}</body></html>"
            path.write_text(page, encoding="utf-8")
        else:
            from docx import Document as Docx

            d = Docx()
            d.add_heading(part[0], level=1)
            for p in part[1:]:
                d.add_paragraph(p)
            d.save(str(path))
        paths.append(path)
    return paths, total


def _floor_add(paths: list[Path], cache: Path) -> float:
    """The same files read and indexed in a plain loop (no store, no window): seconds."""
    from desktop_app.core.loader import load_document
    from desktop_app.search import SearchIndex

    t0 = time.perf_counter()
    for p in paths:
        SearchIndex.open(load_document(p), cache_dir=cache, words=False).close()
    return time.perf_counter() - t0


def _window_add(folder: Path, idle_s: float) -> dict[str, float]:
    """(child) The real window with the speech; then the folder added (or, ``idle_s`` > 0, the
    window left alone that long: the floor).  Gaps of a 5 ms UI timer are recorded."""
    from PySide6.QtCore import QElapsedTimer, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.paths import bundled_speech
    from desktop_app.ui.app import create_application
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.settings import Settings

    app = create_application()
    assert isinstance(app, QApplication)
    window = MainWindow(Settings())
    window.resize(1200, 820)
    window.show()
    clock = QElapsedTimer()
    clock.start()
    gaps: list[float] = []
    long_gaps: list[tuple[int, float, str]] = []
    last = [0]
    state = {"started": 0.0, "done": 0.0}

    def tick() -> None:
        now = clock.nsecsElapsed()
        if state["started"]:
            gaps.append((now - last[0]) / 1e9)
            if gaps[-1] > 0.05:  # where the long ones fall (which file was being added)
                label = window.library.view.busy_label.text() if window.library is not None else ""
                long_gaps.append((round(gaps[-1] * 1000), round(now / 1e9 - state["started"], 2), label))
        last[0] = now
        lib = window.library
        if state["started"] and not state["done"]:
            finished = (
                now / 1e9 - state["started"] >= idle_s
                if idle_s
                else (
                    lib is not None
                    and lib._adding is None
                    and not QThreadPool.globalInstance().activeThreadCount()
                )
            )
            if finished:
                state["done"] = now / 1e9
                app.quit()

    def start() -> None:
        window.ensure_chrome()
        state["started"] = clock.nsecsElapsed() / 1e9
        last[0] = clock.nsecsElapsed()
        if not idle_s:
            assert window.library is not None
            window.library.add_paths([str(folder)])

    def when_idle() -> None:
        """The speech's own background work (its notes, its index and jieba's words) done
        first: the probe then measures the add alone."""
        index = window.search.index if window.search is not None else None
        if index is not None and index.has_words and not QThreadPool.globalInstance().activeThreadCount():
            QTimer.singleShot(500, start)
        else:
            QTimer.singleShot(100, when_idle)

    def when_shown(_doc: object) -> None:
        QTimer.singleShot(500, when_idle)

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    window.sig_document_shown.connect(when_shown)
    QTimer.singleShot(0, lambda: window.open_file(str(bundled_speech())))
    QTimer.singleShot(900_000, app.quit)
    app.exec()
    rows = len(window.session.store.library()) if window.session.store is not None else 0
    long_gaps.sort(reverse=True)
    return {
        "seconds": state["done"] - state["started"],
        "max_stall_s": max(gaps or [0.0]),
        "documents": rows,
        "long_gaps": long_gaps[:8],
    }


def _child(args: list[str], data: Path) -> dict[str, Any]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "YANDU_DATA_DIR": str(data),
        "QT_LOGGING_RULES": "qt.qpa.*=false",
    }
    res = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(res.stdout.strip().splitlines()[-1])


def _search_figures(store_path: Path, cache: Path, texts: list[str]) -> tuple[float, float, float]:
    """(p95 ms, median ms, floor ms) of library-wide searches, prepared once."""
    from desktop_app.library.searching import LibrarySearch
    from desktop_app.search import parse_query
    from desktop_app.storage.notes_store import NotesStore

    with NotesStore(store_path) as store:
        entries = store.library()
    with LibrarySearch(entries, cache) as library:
        library.prepare()
        samples: list[float] = []
        for _ in range(5):
            for q in QUERIES:
                t0 = time.perf_counter()
                library.search(q)
                samples.append((time.perf_counter() - t0) * 1000)
    floors: list[float] = []
    plain = [q for q in QUERIES if parse_query(q).plain]
    for _ in range(5):
        for q in plain:
            t0 = time.perf_counter()
            for t in texts:
                i = t.find(q)
                while i >= 0:
                    i = t.find(q, i + 1)
            floors.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    return p95, statistics.median(samples), statistics.median(floors)


def _library_of(count: int, data: Path) -> None:
    """A data folder whose library holds ``count`` small documents (files on disk)."""
    from desktop_app.core.loader import load_document
    from desktop_app.storage.notes_store import NotesStore

    files = data / "files"
    files.mkdir(parents=True, exist_ok=True)
    speech = (ROOT / "resources" / "speech.txt").read_text(encoding="utf-8").split("\n")
    with NotesStore(data / "notes.sqlite3") as store:
        for i in range(count):
            p = files / f"d{i:04d}.txt"
            body = speech[(i % 20) : (i % 20) + 6]
            p.write_text("\n".join([f"第{i}号通知", *body, f"编号{i}"]), encoding="utf-8")
            store.add_to_library(load_document(p))


def figures() -> list[dict[str, Any]]:
    from benchmarks.common import run_once
    from benchmarks.run import _env, compile_sources

    out: list[dict[str, Any]] = []

    def fig(name: str, value: float, unit: str, floor: float | None = None, target: str = "") -> None:
        out.append({"name": name, "value": value, "unit": unit, "floor": floor, "target": target})

    tmp = Path(tempfile.mkdtemp(prefix="yandu-library-"))
    try:
        folder = tmp / "docs"
        paths, total = make_library_folder(folder)
        floor_s = _floor_add(paths, tmp / "floor-cache")
        added = _child(["--add", str(folder), "0"], tmp / "data")
        idle = _child(["--add", str(folder), str(added["seconds"])], tmp / "idle")
        fig(
            f"library: add {DOCS} documents ({total / 2**20:.0f} MB, 4 formats)",
            DOCS / added["seconds"],
            "doc/s",
            DOCS / floor_s,
            "reported; floor: read + index in a plain loop",
        )
        fig(
            "library: longest window stall while adding",
            added["max_stall_s"] * 1000,
            "ms",
            idle["max_stall_s"] * 1000,
            "target <= 100 ms; floor: the window idle",
        )
        from desktop_app.core.loader import load_document

        texts = [load_document(p).text for p in paths]
        p95, median, floor = _search_figures(tmp / "data" / "notes.sqlite3", tmp / "data" / "cache", texts)
        fig(
            f"library search over {DOCS} documents, p95", p95, "ms", floor, "target <= 50 ms; floor: str.find"
        )
        fig(f"library search over {DOCS} documents, median", median, "ms", floor, "reported")

        big = tmp / "big-library"
        _library_of(1000, big)
        compile_sources()
        bare = [sys.executable, str(ROOT / "benchmarks" / "bare_app.py"), "--quit-after-load"]
        ours = [
            sys.executable,
            "-m",
            "desktop_app",
            str(ROOT / "resources" / "speech.txt"),
            "--quit-after-load",
        ]
        small = tmp / "small-library"
        small.mkdir()
        starts: dict[str, list[float]] = {"bare": [], "ours": [], "small": []}
        for rnd in range(8):
            for label, cmd, folder in (("bare", bare, big), ("ours", ours, big), ("small", ours, small)):
                r = run_once(cmd, _env(str(folder)))
                if rnd:
                    starts[label].append(r.to_paint_s)
        fig(
            "start to first paint, 1,000 documents in library",
            statistics.median(starts["ours"]),
            "s",
            statistics.median(starts["bare"]),
            "target <= 1.3x bare window",
        )
        fig(
            "  same, floor = the start with only the speech",
            statistics.median(starts["ours"]),
            "s",
            statistics.median(starts["small"]),
            "unchanged: ~1.0x",
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def main() -> int:
    from benchmarks.common import figures_main

    return figures_main(__doc__, figures)  # type: ignore[arg-type]


if __name__ == "__main__" and sys.argv[1:2] == ["--add"]:
    print(json.dumps(_window_add(Path(sys.argv[2]), float(sys.argv[3]))))
    sys.exit(0)
if __name__ == "__main__":
    sys.exit(main())
