"""Small icons drawn with QPainter: no symbol outside the bundled font ever shows as □.

Office PCs often have no emoji or symbol fonts, and the bundled WenQuanYi Micro Hei
lacks ⧉, ✎, 🔖 and the combining underline, so the toolbar's and panels' symbols are
drawn here, in the colour of the widget's text (redrawn when the theme changes).
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPainterPath, QPen, QPixmap

NAMES = ("underline", "note", "copy", "card", "remove", "bookmark", "previous", "next", "close")
SIZE = 16  # logical pixels; drawn at the screen's device pixel ratio


def sharp_pixmap(size: int) -> QPixmap:
    """A transparent ``size`` x ``size`` pixmap with as many pixels as the screen shows
    (device pixel ratio 1.5 at 150%): drawn icons stay sharp on high-DPI screens."""
    screen = QGuiApplication.primaryScreen()
    ratio = max(1.0, screen.devicePixelRatio() if screen is not None else 1.0)
    pix = QPixmap(round(size * ratio), round(size * ratio))
    pix.setDevicePixelRatio(ratio)
    pix.fill(Qt.GlobalColor.transparent)
    return pix


@functools.lru_cache(maxsize=128)
def icon(name: str, colour: str = "#333333", size: int = SIZE) -> QIcon:
    """The icon ``name`` (one of NAMES) drawn in ``colour``."""
    pix = sharp_pixmap(size)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(colour), max(1.4, size / 11))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    s = float(size)
    _DRAW[name](p, s, QColor(colour))
    p.end()
    return QIcon(pix)


def _underline(p: QPainter, s: float, c: QColor) -> None:
    path = QPainterPath()  # a "U" above a bar
    path.moveTo(s * 0.28, s * 0.12)
    path.lineTo(s * 0.28, s * 0.52)
    path.arcTo(QRectF(s * 0.28, s * 0.3, s * 0.44, s * 0.44), 180, 180)
    path.lineTo(s * 0.72, s * 0.12)
    p.drawPath(path)
    p.drawLine(QPointF(s * 0.18, s * 0.88), QPointF(s * 0.82, s * 0.88))


def _note(p: QPainter, s: float, c: QColor) -> None:
    path = QPainterPath()  # a pencil at 45 degrees
    path.moveTo(s * 0.18, s * 0.82)
    path.lineTo(s * 0.24, s * 0.62)
    path.lineTo(s * 0.68, s * 0.18)
    path.lineTo(s * 0.82, s * 0.32)
    path.lineTo(s * 0.38, s * 0.76)
    path.closeSubpath()
    p.drawPath(path)
    p.drawLine(QPointF(s * 0.24, s * 0.62), QPointF(s * 0.38, s * 0.76))
    p.drawLine(QPointF(s * 0.58, s * 0.28), QPointF(s * 0.72, s * 0.42))


def _copy(p: QPainter, s: float, c: QColor) -> None:
    p.drawRoundedRect(QRectF(s * 0.14, s * 0.14, s * 0.46, s * 0.52), s * 0.06, s * 0.06)
    p.setBrush(QGuiApplication.palette().base())
    p.drawRoundedRect(QRectF(s * 0.40, s * 0.34, s * 0.46, s * 0.52), s * 0.06, s * 0.06)


def _card(p: QPainter, s: float, c: QColor) -> None:
    p.drawRoundedRect(QRectF(s * 0.12, s * 0.2, s * 0.76, s * 0.6), s * 0.08, s * 0.08)  # a card
    p.drawLine(QPointF(s * 0.24, s * 0.38), QPointF(s * 0.76, s * 0.38))  # its lines of text
    p.drawLine(QPointF(s * 0.24, s * 0.52), QPointF(s * 0.76, s * 0.52))
    p.drawLine(QPointF(s * 0.24, s * 0.66), QPointF(s * 0.56, s * 0.66))


def _remove(p: QPainter, s: float, c: QColor) -> None:
    p.drawLine(QPointF(s * 0.25, s * 0.25), QPointF(s * 0.75, s * 0.75))
    p.drawLine(QPointF(s * 0.75, s * 0.25), QPointF(s * 0.25, s * 0.75))


def _bookmark(p: QPainter, s: float, c: QColor) -> None:
    path = QPainterPath()  # a ribbon with a notch
    path.moveTo(s * 0.28, s * 0.1)
    path.lineTo(s * 0.72, s * 0.1)
    path.lineTo(s * 0.72, s * 0.9)
    path.lineTo(s * 0.5, s * 0.68)
    path.lineTo(s * 0.28, s * 0.9)
    path.closeSubpath()
    fill = QColor(c)
    fill.setAlpha(90)
    p.setBrush(fill)
    p.drawPath(path)


def _chevron(p: QPainter, s: float, up: bool) -> None:
    y0, y1 = (s * 0.64, s * 0.36) if up else (s * 0.36, s * 0.64)
    p.drawPolyline([QPointF(s * 0.22, y0), QPointF(s * 0.5, y1), QPointF(s * 0.78, y0)])


_DRAW = {
    "underline": _underline,
    "note": _note,
    "copy": _copy,
    "card": _card,
    "remove": _remove,
    "close": _remove,
    "bookmark": _bookmark,
    "previous": lambda p, s, c: _chevron(p, s, up=True),
    "next": lambda p, s, c: _chevron(p, s, up=False),
}


def text_colour() -> str:
    """The palette's text colour (icons follow the theme)."""
    from PySide6.QtGui import QPalette

    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()
