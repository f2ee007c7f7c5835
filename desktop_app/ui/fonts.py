"""Choosing the reading font: the system's own CJK font if it has one, else the bundled one.

The bundled font (WenQuanYi Micro Hei, Apache-2.0, covers GBK) lives in
``resources/fonts`` (xz-compressed in the standalone bundle, unpacked to the cache
folder on first use) and is loaded only when needed: on a machine without any
Chinese font, or when the system font lacks characters the document uses.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from desktop_app.qtfonts import BUNDLED_FAMILY as BUNDLED_FAMILY  # re-exported: the window asks here
from desktop_app.qtfonts import BUNDLED_FONT_FILE as BUNDLED_FONT_FILE
from desktop_app.qtfonts import LOADED, load_bundled_font

if TYPE_CHECKING:
    from desktop_app.core.document import Document

# Good reading fonts, best first: Song/Ming (serif) faces, then Hei (sans) faces.
PREFERRED_FAMILIES = (
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Source Han Serif CN",
    "思源宋体",
    "SimSun",
    "宋体",
    "NSimSun",
    "Songti SC",
    "AR PL UMing CN",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "微软雅黑",
    "PingFang SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
)


@functools.cache  # asked at start-up and again for each document; installed fonts stay put
def system_cjk_family() -> str | None:
    """The best Chinese font installed on this system, or None."""
    installed = set(QFontDatabase.families())
    for fam in PREFERRED_FAMILIES:
        if fam in installed and fam not in LOADED:
            return fam
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    for fam in chinese:
        if fam not in LOADED and not QFontDatabase.isPrivateFamily(fam):
            return fam
    return None


def missing_characters(family: str, chars: Iterable[str]) -> set[str]:
    """Characters (not spaces or controls) the font ``family`` has no glyph for."""
    from PySide6.QtGui import QRawFont

    raw = QRawFont.fromFont(QFont(family))
    return {
        ch
        for ch in set(chars)
        if not ch.isspace() and ch.isprintable() and not raw.supportsCharacter(ord(ch))
    }


def reading_font_families(sample_text: Collection[str] = "") -> list[str]:
    """Families for the reading view, first choice first; the bundled font closes the list
    when the system has none or its font misses characters of ``sample_text`` (a text, or its
    characters: ``Document.characters()``)."""
    system = system_cjk_family()
    if system is None:
        return [load_bundled_font()]
    if sample_text and missing_characters(system, sample_text):
        return [system, load_bundled_font()]
    return [system]


def document_font_families(doc: Document) -> list[str]:
    """:func:`reading_font_families` for ``doc``: its characters (``Document.characters()``,
    0.07-0.15 s for 10 MB the first time) are looked at only where the system has a Chinese font
    of its own; with none, the bundled font is the answer whatever the text."""
    if system_cjk_family() is None:
        return [load_bundled_font()]
    return reading_font_families(doc.characters())


def font_covering(families: list[str], text: str) -> set[str]:
    """Characters of ``text`` that none of ``families`` can draw (empty = all covered)."""
    missing = set(text)
    for fam in families:
        missing = missing_characters(fam, missing)
        if not missing:
            break
    return {ch for ch in missing if not ch.isspace() and ch.isprintable()}


def apply_ui_font(families: tuple[str, ...] | list[str]) -> None:
    """Let menus, the tree and dialogs draw Chinese with the reading fonts as fallback,
    at a size that reads well (Qt's default is small for Chinese)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    font = QGuiApplication.font()
    base = [f for f in font.families() if f not in families]
    font.setFamilies([*base, *families])
    if font.pointSizeF() < 10.5:
        font.setPointSizeF(10.5)
    if font != QGuiApplication.font():
        QGuiApplication.setFont(font)
