"""Every UI string has its Chinese, and the committed .qm matches the .ts."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import ROOT

TS = ROOT / "resources" / "translations" / "yandu_zh_CN.ts"


def test_every_string_is_translated() -> None:
    tree = ET.parse(TS)
    untranslated = [
        m.findtext("source")
        for m in tree.iter("message")
        if not (m.findtext("translation") or "").strip() or m.find("translation").get("type") == "unfinished"
    ]
    assert untranslated == []


def test_sources_have_no_strings_missing_from_the_ts(tmp_path: Path) -> None:
    """lupdate over the sources finds nothing that the committed .ts lacks."""
    fresh = tmp_path / "fresh.ts"
    import PySide6

    lupdate = Path(PySide6.__file__).parent / "lupdate"
    sources = sorted(str(p) for p in (ROOT / "desktop_app" / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), "-silent", *sources, "-ts", str(fresh)], check=True, capture_output=True)

    def keys(path: Path) -> set[tuple[str, str]]:
        return {
            (ctx.findtext("name") or "", m.findtext("source") or "")
            for ctx in ET.parse(path).iter("context")
            for m in ctx.iter("message")
        }

    assert keys(fresh) - keys(TS) == set(), "run build_scripts/compile_translations.py --update"


def test_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    import PySide6

    lrelease = Path(PySide6.__file__).parent / "lrelease"
    out = tmp_path / "x.qm"
    subprocess.run([str(lrelease), "-silent", str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == TS.with_suffix(".qm").read_bytes(), "run build_scripts/compile_translations.py"
