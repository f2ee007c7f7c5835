"""PDF export through Qt: the HTML export -> ``QTextDocument`` -> ``QPdfWriter``.

The only export module that imports Qt (lazily).  The bundled CJK font (WenQuanYi Micro
Hei) is registered and set as the document font, so the PDF embeds it and its text is
selectable and searchable.  Qt needs a ``QGuiApplication``: if none exists one is created
(offscreen unless ``QT_QPA_PLATFORM`` says otherwise), so the command line works without
a screen.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.export import ExportError, ExportOptions, Progress
from desktop_app.export.text_formats import render_html

if TYPE_CHECKING:
    from desktop_app.core.annotations import Annotation, Bookmark
    from desktop_app.core.document import Document

_app: list[Any] = []  # a QGuiApplication we created, kept alive


def ensure_gui_app() -> None:
    """A Qt application for fonts and painting: a QApplication (a QGuiApplication that also
    allows widgets later in the same process, e.g. the window or pytest-qt)."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        try:
            from PySide6.QtWidgets import QApplication
        except ImportError:  # pragma: no cover - QtWidgets is part of PySide6-Essentials
            _app.append(QGuiApplication(["yandu-export"]))
        else:
            _app.append(QApplication(["yandu-export"]))


def write_pdf(
    doc: Document,
    anns: list[Annotation],
    bms: list[Bookmark],
    options: ExportOptions,
    out: Path,
    progress: Progress | None = None,
) -> None:
    try:
        ensure_gui_app()
        from PySide6.QtCore import QMarginsF, QSizeF
        from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

        from desktop_app.ui.fonts import load_bundled_font
    except ImportError as exc:  # pragma: no cover - PySide6 is a dependency
        raise ExportError("pdf_unavailable", reason=exc) from exc
    family = load_bundled_font()
    html = render_html(doc, anns, bms, options, pdf=True)
    if progress is not None:
        progress(0.3)
    writer = QPdfWriter(str(out))
    writer.setTitle(doc.title)
    writer.setCreator("Yandu")
    writer.setResolution(300)
    margins = (26, 37, 28, 35) if options.style == "gongwen" else (20, 20, 20, 20)  # left, top, right, bottom
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(margins[2], margins[1], margins[0], margins[3]),
            QPageLayout.Unit.Millimeter,
        )
    )
    text = QTextDocument()
    font = QFont(family)
    font.setPointSizeF(16 if options.style == "gongwen" else 11)
    text.setDefaultFont(font)
    text.setDefaultStyleSheet(f"body, h1, h2, h3, h4, p, blockquote, span {{ font-family: '{family}'; }}")
    text.setHtml(html)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    text.setPageSize(QSizeF(rect.width(), rect.height()))
    if progress is not None:
        progress(0.6)
    text.print_(writer)
    del writer  # finishes and closes the file
