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
    r = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    menus, panels, message = r.stdout.strip().splitlines()[-3:]
    assert menus.split("|") == ["&File", "&View", "&Search", "&Notes", "&Help"]
    assert panels == "Contents | Search | Notes"
    assert message.startswith("File not found")
