"""Draw Yandu's icon with Qt and the bundled font; write it into resources/icons/.

    python build_scripts/make_icons.py [--out DIR]

A rounded ink-red square with the character 研 in paper white, drawn offscreen with
QPainter (no display, no system Chinese font: the glyph comes from the bundled
WenQuanYi Micro Hei).  Writes

    yandu.png      256 px   window icon, Linux menu (hicolor 256x256)
    yandu-48.png    48 px   Linux menu (hicolor 48x48)
    yandu.ico      16-256   Windows exe icon: PNG images in an ICO container, written by hand
                            (no Qt ico plugin needed; Windows Vista and later read PNG entries)
    yandu.svg               the same drawing as vector paths (the glyph as outlines, so no font needed)

The outputs are checked in; rerun this only when the design changes.  Deterministic:
the same Qt and font give the same bytes.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttf"
OUT = ROOT / "resources" / "icons"

GLYPH = "研"
BG_TOP = "#b03a2e"  # cinnabar, the colour of a seal
BG_BOTTOM = "#7d1f1a"
INK = "#fdf6e3"  # paper
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZES = {"yandu.png": 256, "yandu-48.png": 48}

# Geometry in a 256-unit square, scaled for every size.
CORNER = 52.0
MARGIN = 8.0
GLYPH_HEIGHT = 168.0  # the glyph's ink box height


def _glyph_path(family: str):  # -> QPainterPath in 256 units, centred
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFont, QPainterPath

    font = QFont(family)
    font.setPixelSize(200)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    path = QPainterPath()
    path.addText(QPointF(0, 0), font, GLYPH)
    box = path.boundingRect()
    scale = GLYPH_HEIGHT / box.height()
    from PySide6.QtGui import QTransform

    t = QTransform()
    t.translate(128.0, 128.0 + 2.0)  # optical centre a touch low
    t.scale(scale, scale)
    t.translate(-box.center().x(), -box.center().y())
    return t.map(path)


def _background_path():
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainterPath

    bg = QPainterPath()
    side = 256.0 - 2 * MARGIN
    bg.addRoundedRect(QRectF(MARGIN, MARGIN, side, side), CORNER, CORNER)
    return bg


def render(size: int, glyph):  # -> QImage
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter

    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.scale(size / 256.0, size / 256.0)
    grad = QLinearGradient(QPointF(0, 0), QPointF(0, 256))
    grad.setColorAt(0.0, QColor(BG_TOP))
    grad.setColorAt(1.0, QColor(BG_BOTTOM))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(grad)
    p.drawPath(_background_path())
    p.setBrush(QColor(INK))
    p.drawPath(glyph)
    p.end()
    return img


def png_bytes(img) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not img.save(buf, "PNG"):
        raise RuntimeError("PNG encoding failed")
    buf.close()
    return bytes(data.data())


def ico_bytes(images: list[tuple[int, bytes]]) -> bytes:
    """An ICO file holding PNG-encoded images: ICONDIR, one ICONDIRENTRY each, then the data."""
    header = struct.pack("<HHH", 0, 1, len(images))  # reserved, type 1 = icon, count
    offset = 6 + 16 * len(images)
    entries = b""
    blobs = b""
    for size, data in images:
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def svg_text(glyph) -> str:
    """The icon as SVG: the gradient square and the glyph outline as path data."""
    from PySide6.QtGui import QPainterPath

    def path_d(path: QPainterPath) -> str:
        out: list[str] = []
        i = 0
        n = path.elementCount()
        while i < n:
            e = path.elementAt(i)
            if e.isMoveTo():
                out.append(f"{'Z' if out else ''}M{e.x:.2f} {e.y:.2f}")
                i += 1
            elif e.isLineTo():
                out.append(f"L{e.x:.2f} {e.y:.2f}")
                i += 1
            else:  # CurveTo followed by two CurveToData elements
                c2, end = path.elementAt(i + 1), path.elementAt(i + 2)
                out.append(f"C{e.x:.2f} {e.y:.2f} {c2.x:.2f} {c2.y:.2f} {end.x:.2f} {end.y:.2f}")
                i += 3
        return "".join(out) + "Z"

    side = 256 - 2 * MARGIN
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">\n'
        "  <title>Yandu 研读</title>\n"
        '  <defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="256" gradientUnits="userSpaceOnUse">'
        f'<stop offset="0" stop-color="{BG_TOP}"/><stop offset="1" stop-color="{BG_BOTTOM}"/>'
        "</linearGradient></defs>\n"
        f'  <rect x="{MARGIN:g}" y="{MARGIN:g}" width="{side:g}" height="{side:g}" rx="{CORNER:g}" '
        'fill="url(#bg)"/>\n'
        f'  <path fill="{INK}" fill-rule="nonzero" d="{path_d(glyph)}"/>\n'
        "</svg>\n"
    )


def make_icons(out: Path = OUT) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    font_id = QFontDatabase.addApplicationFont(str(FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise RuntimeError(f"cannot load {FONT}")
    glyph = _glyph_path(families[0])
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, size in PNG_SIZES.items():
        (out / name).write_bytes(png_bytes(render(size, glyph)))
        written.append(out / name)
    ico = ico_bytes([(s, png_bytes(render(s, glyph))) for s in ICO_SIZES])
    (out / "yandu.ico").write_bytes(ico)
    written.append(out / "yandu.ico")
    (out / "yandu.svg").write_text(svg_text(glyph), encoding="utf-8")
    written.append(out / "yandu.svg")
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT})")
    args = ap.parse_args(argv)
    for path in make_icons(args.out):
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
