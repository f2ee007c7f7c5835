"""The bundled font (resources/fonts/wqy-microhei.ttf, made by build_scripts/make_font.py):
one face, the family the program asks for, every character of GB2312 and of the texts people
read with it, and trimmed (no second face, no glyph-name table)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from desktop_app.paths import resource
from desktop_app.ui.fonts import BUNDLED_FAMILY, BUNDLED_FONT_FILE
from tests.conftest import SPEECH

ROOT = Path(__file__).resolve().parents[2]
FONT = resource(*BUNDLED_FONT_FILE.split("/"))


def gb2312_hanzi() -> str:
    """The 6,763 characters of GB2312's two levels (rows 16-87)."""
    out = []
    for row in range(0xB0, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                out.append(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(out)


def tables(data: bytes) -> dict[str, int]:
    """Table tag -> length, from a TrueType font's table directory."""
    (count,) = struct.unpack(">H", data[4:6])
    out = {}
    for i in range(count):
        tag, _sum, _offset, length = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        out[tag.decode("latin-1")] = length
    return out


def test_the_font_is_one_trimmed_truetype_face() -> None:
    data = FONT.read_bytes()
    assert data[:4] == b"\x00\x01\x00\x00"  # a TrueType font, not a collection (b"ttcf")
    found = tables(data)
    assert {"glyf", "cmap", "hmtx", "GPOS", "fpgm", "vmtx"} <= set(found)  # outlines, hinting, layout kept
    post_offset = next(
        struct.unpack(">I", data[12 + 16 * i + 8 : 12 + 16 * i + 12])[0]
        for i in range(struct.unpack(">H", data[4:6])[0])
        if data[12 + 16 * i : 16 + 16 * i] == b"post"
    )
    assert data[post_offset : post_offset + 4] == b"\x00\x03\x00\x00"  # no glyph names
    assert len(data) < 4_200_000  # the upstream collection was 5,177,387 bytes


def test_qt_loads_it_as_the_family_the_program_asks_for(qapp: object) -> None:
    font_id = QFontDatabase.addApplicationFont(str(FONT))
    try:
        assert QFontDatabase.applicationFontFamilies(font_id) == [BUNDLED_FAMILY]
    finally:
        QFontDatabase.removeApplicationFont(font_id)


def test_it_covers_gb2312_and_every_text_we_ship_or_test_with(qapp: object) -> None:
    raw = QRawFont(str(FONT), 16)
    assert raw.isValid() and raw.familyName() == BUNDLED_FAMILY
    texts = [gb2312_hanzi(), SPEECH.read_text(encoding="utf-8")]
    texts += [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))
    ]
    wanted = {ch for text in texts for ch in text if ch.isprintable() and not ch.isspace()}
    assert len(wanted) > 6763  # GB2312 and then some
    missing = sorted(ch for ch in wanted if not raw.supportsCharacter(ord(ch)))
    assert missing == [], "".join(missing[:50])
    for extra in "，。、；：？！“”‘’（）《》〔〕【】—…·①１Ａａ한":  # punctuation, full-width, circled, Hangul
        assert raw.supportsCharacter(ord(extra)), extra


def _packed_resources(tmp_path: Path) -> Path:
    """A resources folder as the standalone bundle has it: the font only as .xz."""
    import lzma

    res = tmp_path / "bundle-resources"
    (res / "fonts").mkdir(parents=True)
    (res / "speech.txt").write_text("研读", encoding="utf-8")
    (res / "fonts" / "wqy-microhei.ttf.xz").write_bytes(lzma.compress(FONT.read_bytes()))
    return res


def test_the_bundles_packed_font_is_unpacked_once_into_the_cache(tmp_path: Path, monkeypatch) -> None:
    import stat

    from desktop_app import paths

    res = _packed_resources(tmp_path)
    monkeypatch.setattr(paths, "resources_dir", lambda: res)
    first = paths.bundled_font_file()
    assert first.parent == paths.cache_dir() / "fonts"
    assert first.read_bytes() == FONT.read_bytes()
    assert stat.S_IMODE(first.stat().st_mode) == 0o600  # the cache is private, as everything in it
    before = first.stat().st_mtime_ns
    assert paths.bundled_font_file() == first and first.stat().st_mtime_ns == before  # reused
    assert [p.name for p in first.parent.iterdir()] == [first.name]  # no .part left behind
    assert paths.bundled_font_bytes() == FONT.read_bytes()


def test_the_packed_font_loads_from_memory_when_the_cache_cannot_take_it(
    qapp, tmp_path: Path, monkeypatch
) -> None:
    from desktop_app import paths
    from desktop_app import qtfonts as fonts

    res = _packed_resources(tmp_path)
    monkeypatch.setattr(paths, "resources_dir", lambda: res)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(paths, "cache_dir", lambda: blocker)  # fonts/ cannot be made under a file
    with pytest.raises(OSError):
        paths.bundled_font_file()
    monkeypatch.setattr(fonts, "LOADED", [])
    ids: list[int] = []
    real = QFontDatabase.addApplicationFontFromData

    class Spy:  # the real database, the id it gives recorded
        def __getattr__(self, name: str):
            return getattr(QFontDatabase, name)

        @staticmethod
        def addApplicationFontFromData(data):
            ids.append(real(data))
            return ids[-1]

    monkeypatch.setattr(fonts, "QFontDatabase", Spy())
    family = fonts.load_bundled_font()
    assert len(ids) == 1 and ids[0] >= 0  # registered from the unpacked bytes
    assert BUNDLED_FAMILY in QFontDatabase.applicationFontFamilies(ids[0])
    assert family == BUNDLED_FAMILY
    raw = QRawFont.fromFont(QFont(family))
    assert all(raw.supportsCharacter(ord(c)) for c in "研读全面从严治党")
