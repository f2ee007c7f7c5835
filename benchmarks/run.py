"""Measure Yandu's figures against floors measured in the same run, and print the ratios.

    python benchmarks/run.py            # all figures of the source tree
    python benchmarks/run.py --json out.json
    python benchmarks/run.py --bundle   # also the PyInstaller bundle's (builds it: minutes)

Benchmarks report numbers; they are not tests and never fail on a slow machine.
Each figure: our value, the floor (the same work done the plainest way), their ratio,
and the issue's target where it names one.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEECH = ROOT / "resources" / "speech.txt"
sys.path.insert(0, str(ROOT))

from benchmarks.common import RunTimes, run_once  # noqa: E402


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    floor: float | None = None
    target: str = ""
    limit: str = ""  # a goal not reached: what stops it, measured (printed below the row)

    @property
    def ratio(self) -> float | None:
        return None if not self.floor else self.value / self.floor

    def line(self) -> str:
        ratio = f"{self.ratio:6.2f}x" if self.ratio is not None else "      -"
        floor = f"{self.floor:10.3f}" if self.floor is not None else "         -"
        row = f"{self.name:<46} {self.value:10.3f} {floor} {ratio}  {self.unit:<4} {self.target}"
        return row + (f"\n{'':<6}what stops it: {self.limit}" if self.limit else "")


def _env(data_dir: str) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # A user's start uses compiled bytecode (pip compiles it at install); without it every run
    # compiles ~30 modules from source, ~60 ms that no installed copy pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT)
    env["YANDU_DATA_DIR"] = data_dir
    env.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    return env


def compile_sources() -> None:
    """Write the bytecode of our package (and the bare app) as an installed copy has it."""
    import compileall

    compileall.compile_dir(str(ROOT / "desktop_app"), quiet=1)
    compileall.compile_file(str(ROOT / "benchmarks" / "bare_app.py"), quiet=1)


def time_starts(programs: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, list[RunTimes]]:
    """Start each program ``runs`` times, interleaved so that drift hits all alike (round 0 warms up)."""
    samples: dict[str, list[RunTimes]] = {k: [] for k in programs}
    for rnd in range(runs + 1):
        for label, cmd in programs.items():
            r = run_once(cmd, env)
            if rnd:
                samples[label].append(r)
    return samples


def startup_figures(runs: int) -> list[Figure]:
    """Start to first paint of the speech with its tree, against a bare PySide6 window."""
    compile_sources()
    with tempfile.TemporaryDirectory() as data:
        samples = time_starts(
            {
                "bare": [sys.executable, str(ROOT / "benchmarks" / "bare_app.py"), "--quit-after-load"],
                "bare+font": [
                    sys.executable,
                    str(ROOT / "benchmarks" / "bare_app.py"),
                    "--quit-after-load",
                    "--cjk-font",
                    str(ROOT / "resources" / "fonts" / "wqy-microhei.ttf"),
                ],
                "ours": [sys.executable, "-m", "desktop_app", str(SPEECH), "--quit-after-load"],
            },
            _env(data),
            runs,
        )

        # The very first start: an empty data folder (no parsed-document cache, no saved window).
        ours = [sys.executable, "-m", "desktop_app", str(SPEECH), "--quit-after-load"]
        first: list[RunTimes] = []
        for _ in range(max(3, runs // 2)):
            with tempfile.TemporaryDirectory() as fresh:
                first.append(run_once(ours, _env(fresh)))
        samples["first"] = first

    def med(label: str, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in samples[label])

    def peak(label: str) -> float:
        return max(r.peak_rss_mb or 0.0 for r in samples[label])

    from benchmarks.scale_window import LIMITS  # what the window still does before its first paint

    ours_s, bare_s = med("ours", "to_paint_s"), med("bare", "to_paint_s")
    return [
        Figure(
            "start to first paint (speech + tree)",
            ours_s,
            "s",
            bare_s,
            "target <= 1.3x bare window",
            LIMITS["start"] if ours_s > 1.3 * bare_s else "",
        ),
        Figure(
            "  same, floor = bare window + the same CJK font",
            med("ours", "to_paint_s"),
            "s",
            med("bare+font", "to_paint_s"),
            "context: without it the bare floor draws boxes",
        ),
        Figure(
            "  the first start ever (empty data folder)",
            med("first", "to_paint_s"),
            "s",
            med("bare", "to_paint_s"),
            "reported: parses the file, places the dock",
        ),
        Figure(
            "start to exit (with --quit-after-load)",
            med("ours", "wall_s"),
            "s",
            med("bare", "wall_s"),
            "reported",
        ),
        Figure("peak memory at start", peak("ours"), "MB", peak("bare"), "reported"),
    ]


def large_file_figures() -> list[Figure]:
    """Open a 5 MB text in the running window; the floor is a bare QTextEdit given the same text."""
    with tempfile.TemporaryDirectory() as data:
        big = Path(data) / "big.txt"
        text = SPEECH.read_text(encoding="utf-8")
        copies = 5 * 1024 * 1024 // len(text.encode("utf-8")) + 1
        big.write_text("\n".join([text] * copies), encoding="utf-8")
        out = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "open_large.py"), str(big)],
            env=_env(data),
            capture_output=True,
            text=True,
            check=True,
        )
    r = json.loads(out.stdout.strip().splitlines()[-1])
    return [
        Figure(f"open {r['mb']:.1f} MB text until shown", r["open_s"], "s", r["bare_s"], "target < 2 s"),
        Figure("longest UI stall while opening it", r["max_stall_s"], "s", None, "responsive: < 0.1 s"),
        Figure("loading in the worker (read+decode+tree)", r["load_s"], "s", None, ""),
        Figure("peak memory with 5 MB open", r["peak_mb"], "MB", None, "reported"),
    ]


def notes_window_figures(runs: int) -> list[Figure]:
    """Opening the speech with 500 highlights against opening it with none (until painted)."""
    times: dict[int, list[float]] = {0: [], 500: []}
    for _ in range(runs):
        for count in times:
            with tempfile.TemporaryDirectory() as data:
                out = subprocess.run(
                    [sys.executable, str(ROOT / "benchmarks" / "open_with_notes.py"), str(count)],
                    env=_env(data), capture_output=True, text=True, check=True,
                )  # fmt: skip
            times[count].append(json.loads(out.stdout.strip().splitlines()[-1])["open_s"])
    return [
        Figure("open the speech with 500 highlights", statistics.median(times[500]), "s",
               statistics.median(times[0]), "target <= 1.3x with none"),
    ]  # fmt: skip


def helper_figures(module: str) -> list[Figure]:
    """Figures of benchmarks/<module>.py (search, notes, export), each a dict."""
    import importlib

    mod = importlib.import_module(f"benchmarks.{module}")
    return [
        Figure(**{k: f[k] for k in ("name", "value", "unit", "floor", "target", "limit") if k in f})
        for f in mod.figures()
    ]


def tokenizer_figures() -> list[Figure]:
    """The UI thread's longest stall while jieba loads on a worker (second run: from our cache)."""
    with tempfile.TemporaryDirectory() as data:
        for _ in range(2):
            out = subprocess.run(
                [sys.executable, str(ROOT / "benchmarks" / "tokenizer_stall.py")],
                env=_env(data), capture_output=True, text=True, check=True,
            )  # fmt: skip
    r = json.loads(out.stdout.strip().splitlines()[-1])
    return [
        Figure(
            "longest UI stall while jieba loads (cached)", r["max_stall_s"], "s", None, "responsive: < 0.1 s"
        )
    ]


GROUPS = ("startup", "large", "search", "notes", "export", "formats", "scale", "library", "study")
# "scale" (issue 14: 10,000 notes, 10 MB and 50 MB texts) takes ~15 minutes and "library" (issue 15:
# 100 documents, 20 MB, added in the window; 1,000 in the library at start) ~5: not in the default run
DEFAULT_GROUPS = tuple(g for g in GROUPS if g not in ("scale", "library"))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--runs", type=int, default=9, help="process starts per median (default 9)")
    parser.add_argument("--bundle", action="store_true", help="also build and measure the bundle")
    parser.add_argument("--only", metavar="GROUPS", help=f"comma-separated subset of {','.join(GROUPS)}")
    args = parser.parse_args()

    print(
        f"Yandu benchmarks on {platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()})"
    )
    print(f"{'figure':<46} {'value':>10} {'floor':>10} {'ratio':>7}  unit target")
    figures: list[Figure] = []
    chosen = set(args.only.split(",")) if args.only else set(DEFAULT_GROUPS)
    groups = {
        "startup": lambda: startup_figures(args.runs),
        "large": large_file_figures,
        "search": lambda: [*tokenizer_figures(), *helper_figures("search")],
        "notes": lambda: [*notes_window_figures(args.runs), *helper_figures("notes")],
        "export": lambda: helper_figures("export"),
        "formats": lambda: [*helper_figures("open_formats"), *helper_figures("open_pdf")],
        "scale": lambda: [
            *helper_figures("scale_notes"),
            *helper_figures("scale_search"),
            *(helper_figures("scale_window") if (ROOT / "benchmarks" / "scale_window.py").is_file() else []),
        ],
        "library": lambda: helper_figures("library"),
        "study": lambda: helper_figures("study"),
    }
    for name, group in groups.items():
        if name not in chosen:
            continue
        if name == "export" and not (ROOT / "benchmarks" / "export.py").is_file():
            continue
        for f in group():
            figures.append(f)
            print(f.line(), flush=True)
    if args.bundle:
        from benchmarks import bundle

        for f in bundle.figures():
            figures.append(Figure(**f) if isinstance(f, dict) else f)
            print(figures[-1].line(), flush=True)
    if args.json:
        Path(args.json).write_text(
            json.dumps([{**asdict(f), "ratio": f.ratio} for f in figures], ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
