"""Measuring a program start: time to its first paint, total wall time, peak memory."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PAINTED_MARKER = b"first-paint"  # printed by `--quit-after-load` (ours and bare_app.py)


@dataclass(frozen=True)
class RunTimes:
    to_paint_s: float  # process start -> the marker line on stdout
    wall_s: float  # process start -> exit
    peak_rss_mb: float | None


def run_once(
    cmd: list[str], env: dict[str, str], cwd: Path | None = None, timeout: float = 120.0
) -> RunTimes:
    """Start ``cmd``, time the marker line and the exit; it must exit 0."""
    with tempfile.TemporaryFile() as errfile:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=errfile)
        painted: list[float] = []

        def read() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                if not painted and PAINTED_MARKER in line:
                    painted.append(time.perf_counter() - t0)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        rss_mb: float | None = None
        if hasattr(os, "wait4"):
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() - t0 > timeout:
                    proc.kill()
                    raise RuntimeError(f"timed out: {' '.join(cmd)}")
                time.sleep(0.001)
            wall = time.perf_counter() - t0
            proc.returncode = os.waitstatus_to_exitcode(status)
            kib = usage.ru_maxrss / (1024 if sys.platform == "darwin" else 1)  # macOS: bytes
            rss_mb = kib / 1024
        else:  # Windows: no wait4, no rusage
            proc.wait(timeout=timeout)
            wall = time.perf_counter() - t0
        reader.join(timeout=5)
        errfile.seek(0)
        err = errfile.read().decode(errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"exit status {proc.returncode}: {' '.join(cmd)}\n{err[-2000:]}")
    if not painted:
        raise RuntimeError(f"no '{PAINTED_MARKER.decode()}' line from {' '.join(cmd)}")
    return RunTimes(painted[0], wall, rss_mb)


def format_figure(f: dict[str, object]) -> str:
    """One figure as a row: name, value, floor, ratio, unit, target."""
    value, floor = float(f["value"]), f["floor"]  # type: ignore[arg-type]
    ratio = f"{value / float(floor):6.2f}x" if floor else "      -"  # type: ignore[arg-type]
    floor_s = f"{float(floor):10.3f}" if floor is not None else "         -"  # type: ignore[arg-type]
    row = f"{f['name']:<46} {value:10.3f} {floor_s} {ratio}  {f['unit']!s:<4} {f['target']}"
    return row + (f"\n{'':<6}what stops it: {f['limit']}" if f.get("limit") else "")


def figures_main(doc: str | None, figures: Callable[[], list[dict[str, object]]]) -> int:
    """The command line of a benchmark module: print its figures, optionally write them as JSON."""
    import argparse
    import json

    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    print(f"{'figure':<46} {'value':>10} {'floor':>10} {'ratio':>7}  unit target")
    found = figures()
    for f in found:
        print(format_figure(f), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def watch_ui_thread(late_s: float = 0.04) -> Callable[[], None]:
    """Diagnosis (env ``YANDU_BENCH_WATCH=1``): a thread prints the UI thread's Python stack to
    stderr whenever the probe's last tick is more than ``late_s`` old.  Returns the function
    the probe calls on each tick."""
    import sys
    import threading
    import time
    import traceback

    main_id = threading.get_ident()
    last = [time.perf_counter()]

    def watch() -> None:
        while True:
            time.sleep(0.01)
            late = time.perf_counter() - last[0]
            if late > late_s:
                frame = sys._current_frames().get(main_id)
                stack = "".join(traceback.format_stack(frame, limit=8)) if frame else "?"
                print(f"--- late {late:.3f}\n{stack}", file=sys.stderr)
                last[0] = time.perf_counter()  # one report a stall

    threading.Thread(target=watch, daemon=True).start()

    def ticked() -> None:
        last[0] = time.perf_counter()

    return ticked
