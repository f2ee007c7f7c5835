"""High-DPI screens, as Windows has them: 125 %, 150 %, 200 %, and per monitor (a laptop at 150 %
with an office monitor at 100 %: moving the window changes its scale).

Qt 6 scales per monitor by default (on Windows it makes the process per-monitor DPI aware
itself; the PyInstaller manifest sets no DPI mode that would stop it, see tests/build) and keeps
fractional factors (rounding policy PassThrough: 150 % is 1.5, not 2).  The program must not
switch that off, and no text may be cut at any factor.  Each start is a real window in its own
process: offscreen with QT_SCALE_FACTOR, and offscreen with screens of Windows' logical DPIs
(120, 144, 192 against a base of 96), which is how Windows tells Qt a monitor's scale.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SPEECH

SCRIPT = r"""
import json, sys
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QFontMetricsF, QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from desktop_app.ui.app import create_application, install_translators
app = create_application()
install_translators(app, "zh")  # the Chinese labels, as users see them
from desktop_app.ui import fonts
fonts.apply_ui_font(fonts.reading_font_families())  # as run_app does
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import Settings

window = MainWindow(Settings())
window.resize(1000, 640)
window.show()
window.open_file(sys.argv[1])
moves = json.loads(sys.argv[2])  # screen origins to move the window to, one check at each
report = []

def cut_text():
    # every visible label, button and menu title whose text needs more room than it has
    cut, checked = [], []
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.width() <= 0:
            continue
        if isinstance(w, QLabel) and w.text() and not w.wordWrap() and w.pixmap().isNull():
            checked.append(w.text())
            fm = QFontMetricsF(w.font())
            room = w.contentsRect()
            if fm.horizontalAdvance(w.text()) > room.width() + 0.5 or fm.height() > room.height() + 0.5:
                cut.append(f"label {w.text()!r}")
        elif isinstance(w, QAbstractButton) and (w.text() or not w.icon().isNull()):
            checked.append(w.text() or w.toolTip() or w.objectName())
            hint = w.sizeHint()
            if hint.width() > w.width() or hint.height() > w.height():
                cut.append(f"button {w.text() or w.toolTip()!r} {w.size().toTuple()} < {hint.toTuple()}")
    bar = window.menuBar()
    for action in bar.actions():
        checked.append(action.text())
        need = QFontMetricsF(bar.font()).horizontalAdvance(action.text().replace("&", ""))
        if bar.actionGeometry(action).width() < need:
            cut.append(f"menu {action.text()!r}")
    return cut, checked

def look():
    app.processEvents()
    cut, checked = cut_text()
    icon = window.actions_.open.icon() if hasattr(window.actions_, "open") else None
    report.append({
        "screen": window.screen().name(),
        "dpr": window.devicePixelRatioF(),
        "cut": cut,
        "checked": checked,
        "hscroll": window.reader.horizontalScrollBar().maximum(),
        "text_width": window.reader.document().idealWidth(),
        "viewport": window.reader.viewport().width(),
    })

def step():
    look()
    if moves:
        x, y = moves.pop(0)
        window.move(QPoint(x + 40, y + 40))
        QTimer.singleShot(300, step)
    else:
        print(json.dumps({"policy": QGuiApplication.highDpiScaleFactorRoundingPolicy().name,
                          "report": report}, ensure_ascii=False))
        app.quit()

def painted():
    window.ensure_chrome()
    window.open_find_bar()
    QTimer.singleShot(300, step)

window.sig_first_paint.connect(painted)
QTimer.singleShot(60000, lambda: app.exit(3))
sys.exit(app.exec())
"""


def start(tmp_path: Path, moves: list[tuple[int, int]] = (), args: list[str] = (), **env: str) -> dict:  # type: ignore[assignment]
    full = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", **env}
    full["YANDU_DATA_DIR"] = str(tmp_path / "data")
    full.pop("QT_SCALE_FACTOR_ROUNDING_POLICY", None)
    r = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(SPEECH), json.dumps(list(moves)), *args],
        capture_output=True, text=True, encoding="utf-8", env=full, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def assert_nothing_cut(look: dict) -> None:
    checked = look["checked"]
    assert {"查找：", "文件(&F)", "帮助(&H)"} <= set(checked) and len(checked) >= 12, checked  # in Chinese
    assert look["cut"] == [], look["cut"]
    assert look["hscroll"] == 0 and look["text_width"] <= look["viewport"], look  # no line cut off


@pytest.mark.parametrize("factor", ["1.5", "2"])
def test_the_window_at_150_and_200_percent_cuts_no_text(tmp_path: Path, factor: str) -> None:
    got = start(tmp_path, QT_SCALE_FACTOR=factor)
    (look,) = got["report"]
    assert look["dpr"] == float(factor)
    assert_nothing_cut(look)


def test_per_monitor_scale_follows_the_window_from_screen_to_screen(tmp_path: Path) -> None:
    """A laptop at 150 %, a monitor at 100 %, another at 125 %, a 4K one at 200 %: as Windows
    reports them (logical DPI against 96).  The window takes each screen's own scale when moved
    there, 125 % stays 1.25 (not rounded), and nothing is cut on any of them."""
    screens = [
        ("laptop", 0, 144),
        ("monitor", 3000, 96),
        ("monitor-125", 6000, 120),
        ("monitor-4k", 9000, 192),
    ]
    config = {
        "screens": [
            {"name": name, "x": x, "y": 0, "width": 2560, "height": 1600, "logicalDpi": dpi,
             "logicalBaseDpi": 96, "dpr": 1}
            for name, x, dpi in screens
        ]
    }  # fmt: skip
    path = tmp_path / "screens.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    # a screen's geometry is in its own device-independent pixels: its origin stays put
    got = start(
        tmp_path,
        moves=[(x, 0) for _, x, _ in screens[1:]],
        QT_QPA_PLATFORM=f"offscreen:configfile={path}",
    )
    assert got["policy"] == "PassThrough"
    seen = [(look["screen"], look["dpr"]) for look in got["report"]]
    assert seen == [("laptop", 1.5), ("monitor", 1.0), ("monitor-125", 1.25), ("monitor-4k", 2.0)]
    for look in got["report"]:
        assert_nothing_cut(look)


def test_the_program_never_switches_high_dpi_scaling_off() -> None:
    """Nothing in the program (or the entry point the bundle runs) turns Qt's scaling off, forces a
    factor or a rounding, or sets the process' DPI awareness: Qt's per-monitor default stands."""
    forbidden = re.compile(
        r"QT_ENABLE_HIGHDPI_SCALING|QT_AUTO_SCREEN_SCALE_FACTOR|QT_SCALE_FACTOR|QT_SCREEN_SCALE_FACTORS"
        r"|QT_FONT_DPI|AA_DisableHighDpiScaling|AA_Use96Dpi\b\s*,\s*True|setHighDpiScaleFactorRoundingPolicy"
        r"|dpiawareness|SetProcessDpiAware"
    )
    sources = [*(ROOT / "desktop_app").rglob("*.py"), ROOT / "build_scripts" / "entry.py"]
    found = [
        f"{p.relative_to(ROOT)}:{i}: {line.strip()}"
        for p in sources
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if forbidden.search(line)
    ]
    assert found == []
