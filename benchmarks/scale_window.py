"""The window at scale (issue 14): 10,000 notes, 5 MB and 10 MB documents, a fresh data folder.

    python benchmarks/scale_window.py            # prints the figures
    python benchmarks/scale_window.py --json out.json

``figures()`` returns dicts {name, value, unit, floor, target} for ``benchmarks/run.py``.
Every window run happens in its own process and data folder (``--child``), and the figures are
medians of several runs, each against a floor measured in the same run:

* the speech with 10,000 highlights (a third with notes) until the highlights on screen are
  painted (the reader's ``sig_marks_painted``, right after that paint), against the same
  document with none until it is shown; and a 1 MB text with 10,000 highlights against it
  with none;
* the longest UI stall: a 5 ms QTimer on the real window's UI thread records the gaps between
  its ticks, started before the document is opened and kept running until every worker has
  ended and the window has nothing left to do (the search index build is left out: it is
  the search engine's own row of the issue, measured there);
* 10 MB, first paint: the window (open_file -> the text and tree painted), against a bare
  QTextBrowser given the same text (setPlainText -> painted), in the same process;
* the first start on an empty data folder and the warm start, against the bare window
  (benchmarks/bare_app.py), as ``run.py --only startup`` measures them.

The 10 MB text is tests/data/corpus/*.txt and the speech, concatenated until 10 MB (as
benchmarks/search.py makes it); 5 MB and 1 MB are its first megabytes, cut at a paragraph.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEECH = ROOT / "resources" / "speech.txt"
CORPUS = ROOT / "tests" / "data" / "corpus"
sys.path.insert(0, str(ROOT))

from benchmarks.common import figures_main, run_once  # noqa: E402

MB = 1024 * 1024
NOTES = 10_000
RUNS = 3


def corpus_text(target_bytes: int) -> str:
    """The corpus documents and the speech, concatenated until ``target_bytes`` of UTF-8
    (cut at the end of a paragraph)."""
    parts = [p.read_text(encoding="utf-8").strip() for p in sorted(CORPUS.glob("*.txt"))]
    parts.append(SPEECH.read_text(encoding="utf-8").strip())
    unit = "\n".join(parts)
    copies = target_bytes // len(unit.encode("utf-8")) + 1
    text = "\n".join([unit] * copies)
    data = text.encode("utf-8")[:target_bytes]
    return data[: data.rfind(b"\n")].decode("utf-8")


def _env(data_dir: str) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT)
    env["YANDU_DATA_DIR"] = data_dir
    env.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    return env


# --- the child: one window, one document ---------------------------------------------------
def seed_notes(path: Path, count: int) -> None:
    """Store ``count`` highlights spread evenly over ``path``'s text (every third with a note),
    in one transaction (how they were made does not matter to the window)."""
    from desktop_app.core.annotations import COLORS, new_annotation
    from desktop_app.core.loader import load_document
    from desktop_app.storage.notes_store import NotesStore

    doc = load_document(path)
    n = len(doc.text)
    with NotesStore() as store:
        doc_id = store.open_document(doc)
        anns = []
        for i in range(count):
            start = (i * (n - 8)) // max(1, count)
            note = f"笔记 {i}" if i % 3 == 0 else ""
            style = "underline" if i % 7 == 3 else "highlight"
            anns.append(
                new_annotation(
                    doc, start, start + 6, color=COLORS[i % 5].key, style=style, note=note, doc_id=doc_id
                )
            )
        store.upsert_many(anns)


def child(path: Path, notes: int, floor_browser: bool) -> dict[str, Any]:
    """Open ``path`` in the real window with a probe on its UI thread; timings as a dict."""
    seed_notes(path, notes)  # with none too: the same database, the document registered
    if os.environ.get("SCALE_SWITCH"):
        sys.setswitchinterval(float(os.environ["SCALE_SWITCH"]))
    if os.environ.get("SCALE_NO_GC"):  # diagnosis: are the stalls the collector's?
        import gc

        gc.disable()
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.app import create_application
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.settings import Settings

    app = create_application()
    assert isinstance(app, QApplication)
    out: dict[str, Any] = {"mb": path.stat().st_size / MB, "notes": notes}

    if floor_browser:  # the floor: a bare QTextBrowser given the same text, until painted
        from PySide6.QtWidgets import QTextBrowser

        text = path.read_text(encoding="utf-8")
        bare = QTextBrowser()
        bare.resize(1200, 820)
        bare.show()
        app.processEvents()
        painted = [0.0]
        t0 = time.perf_counter()
        bare.setPlainText(text)
        bare.viewport().repaint()
        painted[0] = time.perf_counter() - t0
        out["bare_paint_s"] = painted[0]
        bare.close()
        bare.deleteLater()
        del text
        app.processEvents()

    from desktop_app.ui.search_feature import SearchFeature

    # the index build is the search engine's own row (scale_search.py measures the window with it)
    SearchFeature.start_indexing = lambda _self, _doc: None  # type: ignore[method-assign]
    window = MainWindow(Settings())
    window.resize(1200, 820)
    window.show()
    app.processEvents()

    clock = QElapsedTimer()
    clock.start()
    gaps: list[tuple[float, float]] = []  # (gap, when it ended, s after open_file)
    last = [clock.nsecsElapsed()]
    t_open = [0]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append(((now - last[0]) / 1e9, (now - t_open[0]) / 1e9))
        last[0] = now

    if os.environ.get("SCALE_WATCH"):  # diagnosis: print the UI thread's stack when a tick is late
        import threading
        import traceback

        main_id = threading.get_ident()

        def watch() -> None:
            while True:
                time.sleep(0.02)
                late = (clock.nsecsElapsed() - last[0]) / 1e9
                if late > 0.06:
                    frames = sys._current_frames()
                    for ident, frame in frames.items():
                        if ident == threading.get_ident():
                            continue
                        who = "UI thread" if ident == main_id else f"thread {ident}"
                        stack = "".join(traceback.format_stack(frame, limit=4))
                        print(f"--- late {late:.3f}, {who}\n{stack}", file=sys.stderr)

        threading.Thread(target=watch, daemon=True).start()

    probe = QTimer()
    probe.setInterval(5)
    probe.timeout.connect(tick)
    probe.start()

    marks = {"first_paint": None, "shown": None, "complete": None, "marks_painted": None}
    loop = QEventLoop()

    def stamp(key: str) -> None:
        if marks[key] is None:
            marks[key] = (clock.nsecsElapsed() - t_open[0]) / 1e9

    def shown(_doc: object) -> None:
        stamp("shown")
        loop.quit()

    window.sig_first_paint.connect(lambda: stamp("first_paint"))
    window.sig_document_shown.connect(shown)
    window.reader.sig_marks_painted.connect(lambda: stamp("marks_painted"))  # right after that paint
    t_open[0] = clock.nsecsElapsed()
    last[0] = t_open[0]
    window.open_file(str(path))
    loop.exec()
    # fully shown: every highlight on screen painted (the reader says so right after that paint;
    # with no notes, the document shown is all there is to show)
    deadline = time.perf_counter() + 120
    while time.perf_counter() < deadline:
        feature = window.notes
        pending = feature is not None and (
            getattr(feature, "marks_pending", False) or getattr(window.reader, "marks_waiting", False)
        )
        if feature is not None and not pending:
            break
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    # keep probing until nothing is left: no worker busy for 300 ms (layout, backups ...)
    quiet_since = time.perf_counter()
    while time.perf_counter() - quiet_since < 0.3 and time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if QThreadPool.globalInstance().activeThreadCount():
            quiet_since = time.perf_counter()
    probe.stop()
    # the window complete (shown) and, with notes, their marks painted too: whichever is later
    # (the marks may be painted between the window's last steps, before it says it is shown)
    marks["complete"] = max(marks["marks_painted"] or 0.0, marks["shown"]) if notes else marks["shown"]
    every = getattr(window.reader, "marks", None)  # every mark the view has (Qt: those near the view)
    drawn = len(every()) if every is not None else len(window.reader.extraSelections())
    expected = len(window.notes.marks()) if window.notes is not None else 0
    worst = max(gaps, default=(0.0, 0.0))
    if os.environ.get("SCALE_GAPS"):  # for a look at where the window stalls
        print([(round(g, 3), round(t, 3)) for g, t in gaps if g > 0.03], marks, file=sys.stderr)
    import resource

    out.update(
        first_paint_s=marks["first_paint"],
        shown_s=marks["shown"],
        complete_s=marks["complete"],
        max_stall_s=worst[0],
        max_stall_at_s=worst[1],
        stalls_over_50ms=sum(1 for g, _ in gaps if g > 0.05),
        marks_drawn=drawn,
        marks_expected=expected,
        peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
    window.close()
    return out


def run_child(path: Path, notes: int = 0, floor_browser: bool = False, cache: bool = False) -> dict[str, Any]:
    """One child in a fresh data folder (``cache``: open once before, so the parsed document
    comes from the cache as on any later opening)."""
    with tempfile.TemporaryDirectory() as data:
        cmd = [sys.executable, __file__, "--child", str(path), str(notes)]
        if floor_browser:
            cmd.append("--floor-browser")
        if cache:
            subprocess.run([*cmd[:3], str(path), "0"], env=_env(data), capture_output=True, check=True)
        out = subprocess.run(cmd, env=_env(data), capture_output=True, text=True)
        if out.returncode:
            raise RuntimeError(out.stderr[-3000:])
        return json.loads(out.stdout.strip().splitlines()[-1])


# --- the figures ---------------------------------------------------------------------------
def _med(rows: list[dict[str, Any]], key: str) -> float:
    return statistics.median(float(r[key]) for r in rows)


# What stops a goal this machine does not reach, measured (printed under the row when missed;
# how each was measured is in the issue-14 notes and README "At scale").
LIMITS = {
    "notes the speech": "the work 10,000 notes add after the first paint, which an empty database does not "
    "have, measured on the window (/tmp timeline harness wrapping the store's steps, openings of "
    "2026-11-27): the database's quick_check 11-16 ms (0.3 empty), registering the document +2-10 ms, "
    "the marks read 31-35 ms beside the window's own steps (as six JSON columns since 397a1a1: the "
    "part holding the interpreter lock 3-4 ms, was 12-17; end to end no measurable change), their first "
    "paint 20-35 ms for the pieces plus ~15 ms of Qt's text drawing (two notes on every character: "
    "~600 pieces on the first screen), and the paint waits for the window's own remaining steps. With "
    "none, the window is complete 45-60 ms after its first paint: 1.3x of ~0.1 s leaves ~30 ms for all "
    "of that. Earlier rounds took today's backup (32-40 ms) out of the opening and PySide's source "
    "reading out of both, which made both faster and the ratio larger",
    "notes 1 MB": "as for the speech: reading 10,000 notes from a 10 MB database on a worker while the "
    "window builds itself (the marks are painted at once, the layout is not waited for any more; "
    "measured 0.98-1.06x since the notes are read as JSON)",
    "stall the speech": "the first paint of the marks (~20 ms) and the window's own steps",
    "first paint": "the bare browser is given a text already read; before its first paint the window "
    "reads the parsed text from the cache (0.07-0.15 s: marshal 0.04, the paragraph and section "
    "records ~0.04) and builds it on a worker (0.16-0.22 s: the text 0.10-0.12, 13,384 headings "
    "styled with one cursor in one edit 0.06-0.09; 0.37-0.41 s two rounds ago), then the contents "
    "tree (10-20 ms). Styling headings after the paint was tried twice and dropped: at once, a "
    "change ahead of Qt's layout makes it lay the text out up to there (2-3.5 s stalls); in step "
    "with ui/layout_pacer.py, a change just ahead of the layout makes Qt's layoutFlow place every "
    "later block at zero height and mark the layout finished (unless 2,000 px of laid-out text "
    "follow the change), so the pacer stopped and the rest was laid out in one go",
    "start": (
        "run-to-run noise on this 2-core machine: the same code measured 1.22-1.29x warm and "
        "1.23-1.40x on a first start in one day's interleaved runs, and 1.23-1.41x in three runs of"
        " one later hour in which the bare window's own start went from 0.156 to 0.30 s. What the "
        "window still does that the bare one does not, before its first paint (aligned to the "
        "process's launch, medians of 11): imports ~45 of our modules (~20 ms; PySide no longer "
        "reads their source: ui/import_scan.py), loads the bundled font and translations (~10 ms), "
        "reads the reading place (~5 ms) and builds the formatted text and its tree (~15 ms). The "
        "first start reads the speech from its shipped record (resources/speech.marshal) instead of"
        " parsing it (~25 ms of pattern compiling)"
    ),
}


def _limit(missed: bool, key: str) -> dict[str, str]:
    return {"limit": LIMITS[key]} if missed else {}


def notes_figures(runs: int, tmp: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    mb1 = tmp / "one_mb.txt"
    mb1.write_text(corpus_text(MB), encoding="utf-8")
    for label, path in (("the speech", SPEECH), ("1 MB", mb1)):
        none, many = [], []
        for _ in range(runs):  # interleaved: drift hits both alike
            none.append(run_child(path, 0))
            many.append(run_child(path, NOTES))
        assert all(r["marks_drawn"] >= r["marks_expected"] > 0 for r in many), many
        shown, floor, stall = _med(many, "complete_s"), _med(none, "complete_s"), _med(many, "max_stall_s")
        out.append(
            {"name": f"open {label} with {NOTES:,} notes, all drawn", "value": shown,
             "unit": "s", "floor": floor, "target": "target <= 1.3x with none",
             **_limit(shown > 1.3 * floor, f"notes {label}")}
        )  # fmt: skip
        out.append(
            {"name": f"  longest UI stall doing it ({label})", "value": stall,
             "unit": "s", "floor": None, "target": "target <= 0.1 s",
             **_limit(stall > 0.1 and label == "the speech", "stall the speech")}
        )  # fmt: skip
    return out


def large_figures(runs: int, tmp: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    ten = tmp / "ten_mb.txt"
    ten.write_text(corpus_text(10 * MB), encoding="utf-8")
    five = tmp / "five_mb.txt"
    five.write_text(corpus_text(5 * MB), encoding="utf-8")
    rows5 = [run_child(five) for _ in range(runs)]
    out.append(
        {"name": "open 5 MB: longest UI stall", "value": _med(rows5, "max_stall_s"), "unit": "s",
         "floor": None, "target": "target <= 0.1 s (index build excluded)"}
    )  # fmt: skip
    out.append(
        {"name": "  open 5 MB until shown (first opening)", "value": _med(rows5, "shown_s"), "unit": "s",
         "floor": None, "target": "reported"}
    )  # fmt: skip
    rows10 = [run_child(ten, floor_browser=True, cache=True) for _ in range(runs)]
    paint, bare = _med(rows10, "first_paint_s"), _med(rows10, "bare_paint_s")
    out.append(
        {"name": "10 MB: open to first paint (parsed before)", "value": paint,
         "unit": "s", "floor": bare, "target": "target <= 1.5x bare QTextBrowser",
         **_limit(paint > 1.5 * bare, "first paint")}
    )  # fmt: skip
    out.append(
        {"name": "  10 MB: longest UI stall", "value": _med(rows10, "max_stall_s"), "unit": "s",
         "floor": None, "target": "target <= 0.1 s"}
    )  # fmt: skip
    out.append(
        {"name": "  10 MB: peak memory", "value": max(r["peak_mb"] for r in rows10), "unit": "MB",
         "floor": None, "target": "reported"}
    )  # fmt: skip
    rows10f = [run_child(ten, floor_browser=True) for _ in range(runs)]
    out.append(
        {"name": "  10 MB: first opening to first paint", "value": _med(rows10f, "first_paint_s"),
         "unit": "s", "floor": _med(rows10f, "bare_paint_s"), "target": "reported (parses 10 MB)"}
    )  # fmt: skip
    return out


def start_figures(runs: int) -> list[dict[str, Any]]:
    from benchmarks.run import compile_sources

    compile_sources()
    bare = [sys.executable, str(ROOT / "benchmarks" / "bare_app.py"), "--quit-after-load"]
    ours = [sys.executable, "-m", "desktop_app", str(SPEECH), "--quit-after-load"]
    b, warm, first = [], [], []
    with tempfile.TemporaryDirectory() as data:
        env = _env(data)
        run_once(ours, env)  # warms the data folder (and the disk cache)
        run_once(bare, env)
        for _ in range(runs):
            b.append(run_once(bare, env).to_paint_s)
            warm.append(run_once(ours, env).to_paint_s)
            with tempfile.TemporaryDirectory() as fresh:
                first.append(run_once(ours, _env(fresh)).to_paint_s)
    floor, cold, used = statistics.median(b), statistics.median(first), statistics.median(warm)
    return [
        {"name": "first start, empty data folder", "value": cold, "unit": "s",
         "floor": floor, "target": "target <= 1.3x bare window", **_limit(cold > 1.3 * floor, "start")},
        {"name": "start, data folder in use", "value": used, "unit": "s",
         "floor": floor, "target": "target <= 1.3x bare window", **_limit(used > 1.3 * floor, "start")},
    ]  # fmt: skip


def figures(runs: int = RUNS, only: str = "") -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        if not only or "notes" in only:
            out += notes_figures(runs, Path(tmp))
        if not only or "large" in only:
            out += large_figures(runs, Path(tmp))
        if not only or "start" in only:
            out += start_figures(max(runs, 7))
    return out


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        result = child(Path(sys.argv[2]), int(sys.argv[3]), "--floor-browser" in sys.argv)
        print(json.dumps(result))
        sys.exit(0)
    only = os.environ.get("SCALE_ONLY", "")
    sys.exit(figures_main(__doc__, lambda: figures(int(os.environ.get("SCALE_RUNS", RUNS)), only)))
