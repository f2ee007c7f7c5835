"""Shared fixtures: every test gets its own empty user-data folder, and Qt runs offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "corpus"
SPEECH = ROOT / "resources" / "speech.txt"


@pytest.fixture(autouse=True)
def isolated_user_data(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point all user data (settings, notes, caches, logs) at a fresh temporary folder."""
    from desktop_app import paths
    from desktop_app.core import messages

    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("YANDU_DATA_DIR", str(data))
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    paths.set_data_dir(data)
    messages.set_language("zh")
    yield data
    paths.set_data_dir(None)


@pytest.fixture
def speech_path() -> Path:
    return SPEECH


def run_module(module: str, *args: str, data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m module --data-dir DIR ARGS`` as a real process from the source tree."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", **env}
    full_env.pop("YANDU_DATA_DIR", None)  # --data-dir must be enough
    return subprocess.run(
        [sys.executable, "-m", module, "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        timeout=120,
        cwd=ROOT,
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """What the application does when it quits (it never quits under pytest-qt): a card on the
    clipboard becomes text (a PySide QMimeData still on the clipboard at interpreter exit
    crashes the process; ui/note_card.hand_over_clipboard)."""
    import sys

    if "PySide6.QtGui" not in sys.modules:
        return
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        from desktop_app.ui.note_card import hand_over_clipboard

        hand_over_clipboard()
