"""Turn a :class:`Document` into a formatted ``QTextDocument`` for the reading view.

One paragraph is one text block, so a ``QTextCursor`` position is exactly an
offset into ``Document.text``.  The head (title, byline, speaker) is styled as a
header; a title repeated after the byline is hidden, not removed, so offsets
stay true.  The document is built detached from any widget (fast: no layout
runs until the view takes it), then handed to the view.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from desktop_app.core.chunks import line_slices
from desktop_app.core.document import Document
from desktop_app.themes import Theme
from desktop_app.ui.first_frame import ALIGN_HCENTER, ALIGN_JUSTIFY, ALIGN_LEFT, solid_brush

LINE_HEIGHT_PERCENT = 175  # comfortable for Chinese body text (1.6-1.8)
BASE_POINT_SIZE = 15.0
PARAGRAPH_SPACING_EM = 0.55  # space below a body paragraph, in character widths


class Typography(NamedTuple):  # not a dataclass: made at start-up, a NamedTuple is ten times faster
    """How the reading text is set; the defaults are what a user who never chose sees."""

    families: tuple[str, ...]
    point_size: float = BASE_POINT_SIZE  # the body size, zoom included
    line_height: int = LINE_HEIGHT_PERCENT  # percent of the single line height
    paragraph_spacing: float = PARAGRAPH_SPACING_EM  # below each body paragraph, in em

    def font(self, scale: float = 1.0, bold: bool = False) -> QFont:
        f = QFont()
        f.setFamilies(list(self.families))
        f.setPointSizeF(self.point_size * scale)
        f.setBold(bold)
        f.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
        # Unhinted outlines: the typographically exact metrics (lines break the same at every
        # zoom and as in print), and no auto-hinter run over each CJK glyph, which made
        # laying out and drawing the first screen twice as slow (~15 ms of the start).
        f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return f


def reading_typography(
    automatic: Sequence[str],
    family: str = "",
    point_size: float = BASE_POINT_SIZE,
    line_height: int = LINE_HEIGHT_PERCENT,
    paragraph_spacing: float = PARAGRAPH_SPACING_EM,
    zoom: float = 1.0,
) -> Typography:
    """The typography for the user's choices (the settings dialog's): ``family`` first when
    chosen, then the ``automatic`` families (fonts.reading_font_families), which still draw
    any character the chosen font lacks; the size times the zoom."""
    families = tuple(automatic)
    if family:
        families = (family, *(f for f in families if f != family))
    return Typography(families, point_size * zoom, line_height, paragraph_spacing)


def _block_format(
    line_height: int,
    indent: float = 0.0,
    top: float = 0.0,
    bottom: float = 0.0,
    align: int = ALIGN_JUSTIFY,
) -> QTextBlockFormat:
    f = QTextBlockFormat()
    f.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    f.setTextIndent(indent)
    f.setTopMargin(top)
    f.setBottomMargin(bottom)
    # = setAlignment(), which would need PySide's Qt namespace (see first_frame)
    f.setProperty(QTextFormat.Property.BlockAlignment, align)
    return f


def build_text_document(
    doc: Document, typo: Typography, theme: Theme, shown: str | None = None
) -> QTextDocument:
    """A QTextDocument with ``doc``'s text, paragraph formats, header and headings.

    ``shown``: the text as the reader shows it (``core.display.shown_text``: full-width
    punctuation, no clock time in the byline), the same length as ``doc.text``."""
    body_font = typo.font()
    em = QFontMetricsF(body_font).horizontalAdvance("中")
    qdoc = QTextDocument()
    qdoc.setUndoRedoEnabled(False)
    qdoc.setDefaultFont(body_font)
    qdoc.setDocumentMargin(em * 1.5)

    text_fmt = QTextCharFormat()
    text_fmt.setForeground(solid_brush(theme.text))
    cursor = QTextCursor(qdoc)
    cursor.setBlockFormat(_block_format(typo.line_height, indent=2 * em, bottom=em * typo.paragraph_spacing))
    cursor.setCharFormat(text_fmt)
    text = shown if shown is not None and len(shown) == len(doc.text) else doc.text
    for piece in line_slices(text):  # every block inherits the body format
        cursor.insertText(piece)  # slices: the window runs between them (core.chunks)

    meta = doc.metadata
    head = set(meta.head_paragraphs)
    hidden = doc.hidden_paragraphs()
    center = ALIGN_HCENTER
    for idx in sorted(head):
        para = doc.paragraphs[idx]
        block = qdoc.findBlockByNumber(idx)
        c = QTextCursor(block)
        char = QTextCharFormat()
        if idx in hidden:
            block.setVisible(False)  # the title again, after the byline
            continue
        if idx == 0 or para.text == meta.title or para.text in meta.title.split(" "):
            c.setBlockFormat(_block_format(130, top=0, bottom=em * 0.3, align=center))
            char.setFont(typo.font(1.45, bold=True))
            char.setForeground(solid_brush(theme.heading))
        else:
            c.setBlockFormat(_block_format(150, bottom=em * 0.2, align=center))
            char.setFont(typo.font(0.9))
            char.setForeground(solid_brush(theme.muted))
        c.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        c.setCharFormat(char)
    if head:
        last = qdoc.findBlockByNumber(max(head))
        fmt = last.blockFormat()
        fmt.setBottomMargin(em * 1.6)
        QTextCursor(last).setBlockFormat(fmt)

    heading_brush = solid_brush(theme.heading)  # made once: 13,000 headings in a 10 MB text
    run_in_char = QTextCharFormat()
    run_in_char.setFontWeight(QFont.Weight.Bold)
    run_in_char.setForeground(heading_brush)
    heading_chars: dict[int, QTextCharFormat] = {}
    heading_blocks: dict[int, QTextBlockFormat] = {}
    body_blocks: dict[int, QTextBlockFormat] = {}  # the body's format with a run-in heading's level
    level_property = QTextFormat.Property.UserProperty + 1  # the heading level on the block
    keep_anchor = QTextCursor.MoveMode.KeepAnchor  # (an enum member looked up 13,000 times: once)
    end_of_block = QTextCursor.MoveOperation.EndOfBlock
    paragraphs = doc.paragraphs
    c = QTextCursor(qdoc)  # one cursor moved from heading to heading (10 MB: 0.37 -> 0.2x s)
    # one edit: Qt finishes each change outside one (its signals, the cursor's x), 10 MB:
    # the whole build 0.20 -> 0.16 s
    c.beginEditBlock()
    for s in doc.sections:
        if s.kind == "paragraph":  # the flat fallback tree: no heading to style
            continue
        level = s.level
        if not s.run_in:
            char = heading_chars.get(level)
            if char is None:
                char = heading_chars[level] = QTextCharFormat(run_in_char)
                char.setFont(typo.font({1: 1.18, 2: 1.06}.get(level, 1.0), bold=True))
                fmt = _block_format(
                    typo.line_height,
                    indent=0 if level == 1 else 2 * em,
                    top=em * (1.0 if level == 1 else 0.5),
                    bottom=em * 0.5,
                    align=ALIGN_LEFT,
                )
                fmt.setProperty(level_property, level)
                heading_blocks[level] = fmt
            c.setPosition(s.start)
            c.setBlockFormat(heading_blocks[level])
            c.movePosition(end_of_block, keep_anchor)
            c.mergeCharFormat(char)
            continue
        para = paragraphs[s.paragraph_index] if 0 <= s.paragraph_index < len(paragraphs) else None
        if para is None or not para.start <= s.start <= para.end:  # (not as the parser made it)
            block = qdoc.findBlock(s.start)
            end = block.position() + block.length() - 1
        else:
            end = para.end
        c.setPosition(s.start)
        c.setPosition(min(s.start + len(s.title), end), keep_anchor)
        c.mergeCharFormat(run_in_char)
        if s.paragraph_index in head:  # a head paragraph keeps its own format, level added
            fmt = c.block().blockFormat()
            fmt.setProperty(level_property, level)
        else:
            fmt = body_blocks.get(level)
            if fmt is None:
                fmt = body_blocks[level] = QTextBlockFormat(c.block().blockFormat())
                fmt.setProperty(level_property, level)
        c.setBlockFormat(fmt)
    c.endEditBlock()
    return qdoc
