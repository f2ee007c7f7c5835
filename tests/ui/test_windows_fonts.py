"""On Windows the reading font is the system's own: SimSun (宋体) or Microsoft YaHei (微软雅黑).

No Windows and no Chinese system fonts here, so the Windows fonts are made: copies of the bundled
font (every character it has) renamed with fontTools to the family names Windows gives them, in
English and, as a Chinese Windows lists them, in Chinese only.  They are installed as system
fonts are found (fontconfig's user folder, $XDG_DATA_HOME/fonts) for a real start of the window
in its own process, so the fonts of the other tests' processes stay as they were.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.paths import resource
from desktop_app.ui.fonts import BUNDLED_FONT_FILE, PREFERRED_FAMILIES
from tests.conftest import ROOT, SPEECH

ttLib = pytest.importorskip("fontTools.ttLib", reason="fontTools is in the test extra")

WINDOWS_FONTS = {
    "simsun": ("SimSun", "宋体"),
    "msyh": ("Microsoft YaHei", "微软雅黑"),
    "noto-sans": ("Noto Sans CJK SC", None),
}

# The window is started, the speech opened, and once painted the fonts in use are printed.
SCRIPT = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontInfo
from desktop_app.ui.app import create_application
app = create_application()
from desktop_app.ui import fonts
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import Settings
window = MainWindow(Settings())
window.show()
window.open_file(sys.argv[1])
def painted():
    font = QFont()
    font.setFamilies(list(window._families))
    view = window.reader.document().defaultFont()
    print(json.dumps({
        "system": fonts.system_cjk_family(),
        "families": list(window._families),
        "resolved": QFontInfo(font).family(),
        "view": view.families() or [view.family()],
        "bundled_loaded": list(fonts.LOADED),
    }, ensure_ascii=False))
    app.quit()
window.sig_first_paint.connect(painted)
QTimer.singleShot(60000, lambda: app.exit(3))
sys.exit(app.exec())
"""


def windows_font(out: Path, english: str | None, chinese: str | None) -> Path:
    """The bundled font, renamed: family names only in English, only in Chinese, or both."""
    font = ttLib.TTFont(str(resource(*BUNDLED_FONT_FILE.split("/"))))
    name = font["name"]
    name.names = [r for r in name.names if r.nameID not in (1, 2, 3, 4, 6, 16, 17)]
    postscript = (english or "Font").replace(" ", "")
    name.setName("Regular", 2, 3, 1, 0x409)
    name.setName(f"{postscript}-Regular", 3, 3, 1, 0x409)
    name.setName(postscript, 6, 3, 1, 0x409)
    for family, lang in ((english, 0x409), (chinese, 0x804)):
        if family:
            name.setName(family, 1, 3, 1, lang)
            name.setName(family, 4, 3, 1, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    return out


def start_with_fonts(tmp_path: Path, fonts: dict[str, tuple[str | None, str | None]]) -> dict:
    data = tmp_path / "xdg-data"
    for file, (english, chinese) in fonts.items():
        windows_font(data / "fonts" / f"{file}.ttf", english, chinese)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(data),  # fontconfig's user fonts: $XDG_DATA_HOME/fonts
        "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"),
        "YANDU_DATA_DIR": str(tmp_path / "yandu"),
    }
    r = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(SPEECH)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_without_a_chinese_system_font_the_bundled_one_is_used(tmp_path: Path) -> None:
    """The yardstick: this machine has no Chinese font, so the renamed copies are what changes."""
    got = start_with_fonts(tmp_path, {})
    assert got["system"] is None and got["families"] == ["WenQuanYi Micro Hei"]


def test_simsun_is_the_reading_font_when_installed(tmp_path: Path) -> None:
    got = start_with_fonts(tmp_path, {k: WINDOWS_FONTS[k] for k in ("simsun", "msyh")})
    assert got["system"] == "SimSun" and got["families"] == ["SimSun"]
    assert got["resolved"] == "SimSun" and "SimSun" in got["view"]
    assert got["bundled_loaded"] == []  # the system's font covers the text: nothing else loaded


def test_microsoft_yahei_when_it_is_the_only_chinese_font(tmp_path: Path) -> None:
    got = start_with_fonts(tmp_path, {"msyh": WINDOWS_FONTS["msyh"]})
    assert got["families"] == ["Microsoft YaHei"] and got["resolved"] == "Microsoft YaHei"


def test_a_windows_song_face_comes_before_a_hei_face_another_program_installed(tmp_path: Path) -> None:
    got = start_with_fonts(tmp_path, dict(WINDOWS_FONTS))
    assert got["families"] == ["SimSun"]


@pytest.mark.parametrize(("english", "chinese"), [(None, "宋体"), (None, "微软雅黑")])
def test_a_font_named_only_in_chinese_is_found(tmp_path: Path, english: str | None, chinese: str) -> None:
    """A Chinese Windows may list its fonts by their Chinese names."""
    got = start_with_fonts(tmp_path, {"font": (english, chinese)})
    assert got["families"] == [chinese] and got["resolved"] == chinese


def test_the_windows_families_are_preferred_by_both_their_names() -> None:
    for english, chinese in (WINDOWS_FONTS["simsun"], WINDOWS_FONTS["msyh"]):
        assert english in PREFERRED_FAMILIES and chinese in PREFERRED_FAMILIES
    order = list(PREFERRED_FAMILIES)
    assert order.index("SimSun") < order.index("Microsoft YaHei") < order.index("WenQuanYi Micro Hei")
