"""A plain `pip install .` (a wheel) must carry the resources the program reads at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_contains_resources(tmp_path: Path) -> None:
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    wheel = next(tmp_path.glob("yandu-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "desktop_app/resources/speech.txt",
        "desktop_app/resources/fonts/wqy-microhei.ttc",
        "desktop_app/resources/fonts/LICENSE-wqy-microhei.txt",
        "desktop_app/resources/translations/yandu_zh_CN.qm",
        "desktop_app/core/structure.py",
        "desktop_app/ui/main_window.py",
    ):
        assert needed in names, needed
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "desktop-app = desktop_app.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
    assert not any(n.startswith("tests/") for n in names)
