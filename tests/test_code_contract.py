"""What ARCHITECTURE.md and the README promise about the code, checked: the domain layers import
no Qt and nothing from the window, and ruff finds nothing (lint and format)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "desktop_app"
DOMAIN = (
    "core",
    "search",
    "storage",
    "export",
    "library",
    "study",
)  # the layers with no Qt (ARCHITECTURE.md)
QT = ("PySide6", "shiboken6")
# Known exceptions, each lazily imported inside a function so the layer still loads without Qt.
# Issue 15 (point 3) moves them out; this list may only shrink.
ALLOWED = {
    "export/pdf_qt.py": {
        "PySide6.QtCore",
        "PySide6.QtGui",
        "PySide6.QtWidgets",
    },
}


def imported_names(path: Path) -> list[tuple[str, bool]]:
    """Every module ``path`` imports, and whether the import is at module level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    out: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(alias.name, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.module, id(node) in top))
    return out


def domain_modules() -> list[Path]:
    return sorted(p for layer in DOMAIN for p in (PACKAGE / layer).rglob("*.py"))


def test_the_domain_layers_import_no_qt_and_nothing_from_the_window() -> None:
    found: list[str] = []
    for path in domain_modules():
        rel = path.relative_to(PACKAGE).as_posix()
        allowed = ALLOWED.get(rel, set())
        for name, at_top in imported_names(path):
            bad = name.split(".")[0] in QT or name == "desktop_app.ui" or name.startswith("desktop_app.ui.")
            if bad and (name not in allowed or at_top):
                found.append(f"{rel}: {name}{' (module level)' if at_top else ''}")
    assert found == []


def test_the_exceptions_are_still_needed() -> None:
    """An entry of ALLOWED that its module no longer imports is removed (the list only shrinks)."""
    for rel, names in ALLOWED.items():
        imported = {name for name, _top in imported_names(PACKAGE / rel)}
        assert names <= imported, (rel, names - imported)


def test_importing_every_domain_module_loads_no_qt() -> None:
    """In a fresh interpreter: every module of the four layers imported, and no Qt module loaded."""
    names = []
    for path in domain_modules():
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')"
        " or m.startswith('desktop_app.ui')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert len(names) > 60
    assert out.stdout.strip() == "[]"


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "desktop_app", "tests", "benchmarks", "build_scripts"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_ruff_finds_nothing() -> None:
    """ruff comes with the test extras (pyproject.toml), so CI runs this on every change."""
    lint = _ruff("check", "--no-cache")
    assert lint.returncode == 0, lint.stdout[-4000:]
    fmt = _ruff("format", "--check", "--no-cache")
    assert fmt.returncode == 0, fmt.stdout[-4000:]
