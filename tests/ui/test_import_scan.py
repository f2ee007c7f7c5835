"""PySide no longer reads our modules' and the standard library's source at import (ui/import_scan.py).

Run in a child process: which modules are imported already decides what PySide asks about.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import inspect, json, sys
    import desktop_app.ui.app  # imports PySide and answers its question by name
    from desktop_app.ui import import_scan
    feature = sys.modules["shibokensupport.feature"]
    read = []
    original = inspect.getsource
    inspect.getsource = lambda obj: (read.append(getattr(obj, "__name__", "?")), original(obj))[1]
    for name in ("colorsys", "desktop_app.core.similarity", "third_party_widget", "third_party_plain"):
        assert name not in sys.modules, name
        exec(f"from {name} import __name__")  # an import statement (PySide hooks those), of the module itself
    table = feature.pyside_feature_dict
    print(json.dumps({
        "found": import_scan.spare_source_reads(),
        "read": read,
        "values": {n: table.get(n) for n in ("colorsys", "desktop_app.core.similarity",
                                             "third_party_widget", "third_party_plain")},
    }))
    """
)


def test_pyside_reads_only_third_party_sources(tmp_path: Path) -> None:
    (tmp_path / "third_party_widget.py").write_text("from PySide6 import QtCore  # uses PySide6\n")
    (tmp_path / "third_party_plain.py").write_text("VALUE = 1\n")
    path = os.pathsep.join([str(ROOT), str(tmp_path)])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": path}
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["found"] is True  # the pinned PySide still has the hook (else: look at import_scan)
    # ours and the standard library's are answered by name, without reading them
    assert "colorsys" not in got["read"] and "desktop_app.core.similarity" not in got["read"]
    assert got["values"]["desktop_app.core.similarity"] == 0  # "no feature", as for a PySide module
    assert got["values"]["colorsys"] == -1  # "not a PySide module"
    # a third party's module is still asked the original way, and answered as before
    assert {"third_party_widget", "third_party_plain"} <= set(got["read"])
    assert got["values"]["third_party_widget"] == 0
    assert got["values"]["third_party_plain"] == -1
