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
        "desktop_app/resources/speech.marshal",  # the speech parsed (core/doc_cache.py)
        "desktop_app/resources/fonts/wqy-microhei.ttf",
        "desktop_app/resources/fonts/LICENSE-wqy-microhei.txt",
        "desktop_app/resources/translations/yandu_zh_CN.qm",
        "desktop_app/core/structure.py",
        "desktop_app/ui/main_window.py",
        "desktop_app/search/engine.py",
        "desktop_app/storage/notes_store.py",
        "desktop_app/export/docx_notes.py",
    ):
        assert needed in names, needed
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "desktop-app = desktop_app.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
    assert not any(n.startswith("tests/") for n in names)
    # every package of the source tree is in the wheel (a new one must be listed in pyproject.toml)
    packages = {p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "desktop_app").rglob("__init__.py")}
    assert packages <= {n.rsplit("/", 1)[0] for n in names}
