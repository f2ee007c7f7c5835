"""A note card: a passage, the person's note on it and where it is from, as a picture (PNG,
for pasting into a chat) and as text.  Drawn with the reading font on a card of the theme's
paper colour; the text version is what a chat without pictures gets.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument

if TYPE_CHECKING:
    from desktop_app.core.document import Document

WIDTH = 720  # the card's width in pixels (a chat shows it whole)
MARGIN = 36
MAX_QUOTE = 600  # characters of the passage on a card (longer: cut with …)


def card_text(doc: Document, start: int, end: int, note: str = "") -> str:
    """The card as text: the passage in quotes, the note, then the source line."""
    from desktop_app.core.citation import cite
    from desktop_app.core.punctuation import to_display

    text = to_display(cite(doc, start, end))
    if note.strip():
        quote, _, source = text.rpartition("\n")  # the source is the last line; the quote may have several
        text = f"{quote}\n{note.strip()}\n{source}".rstrip()
    return text


def card_html(doc: Document, start: int, end: int, note: str = "", accent: str = "#8B1A1A") -> str:
    from desktop_app.core.citation import citation_source, format_source, passage_text, quote_passage
    from desktop_app.core.punctuation import to_display

    passage = passage_text(doc, start, end)
    if len(passage) > MAX_QUOTE:
        passage = passage[: MAX_QUOTE - 1] + "…"
    # as a Chinese reader expects it: full-width marks between Chinese, inner quotes single
    quoted = to_display(quote_passage(passage))
    source = to_display(format_source(citation_source(doc, start, end)))
    parts = [
        f'<p style="font-size:20px; line-height:160%; margin:0">{html.escape(quoted)}</p>',
    ]
    if note.strip():
        parts.append(
            f'<p style="font-size:17px; line-height:150%; color:#333; margin-top:14px; '
            f'border-left:4px solid {accent}; padding-left:10px">{html.escape(note.strip())}</p>'
        )
    if source:
        parts.append(
            f'<p style="font-size:14px; color:#666; margin-top:16px" align="right">{html.escape(source)}</p>'
        )
    return "".join(parts)


def render_card(
    doc: Document, start: int, end: int, note: str = "", families: tuple[str, ...] = (), scale: float = 2.0
) -> QImage:
    """The card as an image (``scale`` x its logical size: sharp on a high-DPI screen and in a chat)."""
    from PySide6.QtGui import QFont

    from desktop_app.ui.fonts import document_font_families

    text_doc = QTextDocument()
    font = QFont()
    font.setFamilies(list(families or document_font_families(doc)))
    text_doc.setDefaultFont(font)
    text_doc.setDocumentMargin(0)
    text_doc.setTextWidth(WIDTH - 2 * MARGIN)
    text_doc.setHtml(card_html(doc, start, end, note))
    height = int(text_doc.size().height()) + 2 * MARGIN
    image = QImage(int(WIDTH * scale), int(height * scale), QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    image.setDevicePixelRatio(scale)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#D8CFC0"))
    painter.setBrush(QColor("#FBF8F1"))
    painter.drawRoundedRect(QRectF(0.5, 0.5, WIDTH - 1, height - 1), 14, 14)
    painter.setBrush(QColor("#8B1A1A"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(0, 0, WIDTH, 8), 4, 4)  # the accent band along the top
    painter.translate(QPointF(MARGIN, MARGIN))
    text_doc.drawContents(painter)
    painter.end()
    return image


def copy_card(doc: Document, start: int, end: int, note: str = "", families: tuple[str, ...] = ()) -> None:
    """Put the card on the clipboard (picture and text).

    PySide's QMimeData handed to the clipboard must not outlive the interpreter: a clipboard
    still holding it when Python shuts down crashes the process on exit (seen with Qt 6 and
    PySide 6).  So when the application quits the card is replaced by its text, which Qt
    keeps on its own (a clipboard manager then keeps the text; the picture goes with us).
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    global _hand_over_connected
    QGuiApplication.clipboard().setMimeData(card_mime(doc, start, end, note, families))
    app = QCoreApplication.instance()
    if app is not None and not _hand_over_connected:
        app.aboutToQuit.connect(hand_over_clipboard)
        _hand_over_connected = True


_hand_over_connected = False


def hand_over_clipboard() -> None:
    """The card on the clipboard becomes plain text (Qt's own), before the interpreter ends."""
    from PySide6.QtGui import QGuiApplication

    clipboard = QGuiApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and data.hasImage() and data.hasText():
        clipboard.setText(data.text())


def card_png(doc: Document, start: int, end: int, note: str = "", families: tuple[str, ...] = ()) -> bytes:
    """The card as PNG bytes (for a file)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    render_card(doc, start, end, note, families).save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def save_card(doc: Document, start: int, end: int, note: str, out: Path) -> Path:
    """The card written to ``out`` as PNG, replaced atomically (ExportError in words if it cannot be)."""
    from desktop_app.export.atomic import atomic_write

    png = card_png(doc, start, end, note)  # drawn here, on the UI thread (Qt paints only there)
    return atomic_write(out, lambda: png)


def card_mime(
    doc: Document, start: int, end: int, note: str = "", families: tuple[str, ...] = ()
) -> QMimeData:
    """For the clipboard: the picture and the text (a chat takes the one it can)."""
    mime = QMimeData()
    mime.setImageData(render_card(doc, start, end, note, families))
    mime.setText(card_text(doc, start, end, note))
    return mime
