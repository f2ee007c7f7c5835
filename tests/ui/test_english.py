"""The window in English (a separate process: the test session's application speaks Chinese)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SCRIPT = """
import sys
from desktop_app.ui.app import create_application, install_translators
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import Settings
app = create_application()
install_translators(app, "en")
w = MainWindow(Settings())
w.ensure_chrome()
print("|".join(a.text() for a in w.menuBar().actions()))
print(w.toc.windowTitle(), "|", w.search_panel.windowTitle(), "|", w.notes.panel.windowTitle())
panel = w.notes.panel
print("|".join(panel.colour_filter.itemText(i) for i in range(panel.colour_filter.count())))
print("|".join(b.toolTip() for b in w.notes.toolbar.colour_buttons.values()))
print(panel._count_text(1, 1), "|", panel._count_text(2, 2))
from desktop_app.core.loader import DocumentError
try:
    from desktop_app.core.loader import load_document
    load_document("/nonexistent/x.txt")
except DocumentError as exc:
    print(exc)
"""


def test_menus_panels_and_messages_in_english(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "YANDU_DATA_DIR": str(tmp_path),
    }
    # the saved setting says Chinese: the language in effect (English here) must win everywhere
    (tmp_path / "settings.ini").write_text("[ui]\nlanguage=zh\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    menus, panels, colours, tips, counts, message = r.stdout.strip().splitlines()[-6:]
    assert menus.split("|") == ["&File", "&Edit", "&View", "&Search", "&Notes", "&Help"]
    assert panels == "Contents | Search | Notes"
    assert colours.split("|")[:4] == ["All colours", "Yellow", "Green", "Blue"]
    assert tips.split("|")[0] == "Highlight: Yellow"
    assert counts == "1 note | 2 notes"
    assert message.startswith("File not found")
