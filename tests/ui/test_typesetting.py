"""Justified lines keep numbers and Latin words together (real layouts, offscreen)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot

from desktop_app.core.loader import document_from_text, load_document
from desktop_app.core.punctuation import to_display
from desktop_app.themes import DEFAULT_THEME, THEMES
from desktop_app.ui.document_builder import Typography, build_text_document
from desktop_app.ui.first_frame import ALIGN_JUSTIFY
from desktop_app.ui.fonts import load_bundled_font, reading_font_families
from desktop_app.ui.typesetting import (
    RUN,
    RunKeeper,
    compensation,
    glyph_positions,
    settle_block,
    settle_document,
)

NATURAL = 0.02  # px: an inner gap within this of the natural advance is natural
PARAGRAPH = (
    "近年来市政务服务局出台 105 项政策措施推动营商环境改革取得明显成效，"
    "满意度达 91.31%，使用Python开发，ABC word test 测试一下。"
)


def _families() -> list[str]:
    return [load_bundled_font()]  # the same glyphs on every machine: the widths below hold


def justified(
    text: str, width: float, run_format: Callable[[QTextCharFormat], object] | None = None
) -> QTextDocument:
    """A one-paragraph justified document laid out ``width`` px wide (as the reader sets text)."""
    doc = QTextDocument()
    font = QFont()
    font.setFamilies(_families())
    font.setPointSizeF(15)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    cursor = QTextCursor(doc)
    fmt = QTextBlockFormat()
    fmt.setProperty(QTextFormat.Property.BlockAlignment, ALIGN_JUSTIFY)
    cursor.setBlockFormat(fmt)
    cursor.insertText(text)
    if run_format is not None:
        start = text.index("105")
        cursor.setPosition(start)
        cursor.setPosition(start + 3, QTextCursor.MoveMode.KeepAnchor)
        char = QTextCharFormat()
        run_format(char)
        cursor.mergeCharFormat(char)
    doc.setTextWidth(width)
    doc.documentLayout().blockBoundingRect(doc.lastBlock())  # lay it out
    return doc


def extras(block: QTextBlock) -> dict[int, float]:
    """Block character index -> space after it beyond its natural advance (justified lines;
    the last character of each line has no gap)."""
    layout, out = block.layout(), {}
    for n in range(layout.lineCount() - 1):  # the last line is not justified
        line = layout.lineAt(n)
        s, length = line.textStart(), line.textLength()
        glyphs = glyph_positions(line, s, length)
        for i in range(s, s + length - 1):
            if i in glyphs and i + 1 in glyphs:
                out[i] = glyphs[i + 1][0] - glyphs[i][0] - glyphs[i][1]
    return out


def line_starts(qdoc: QTextDocument) -> list[tuple[int, ...]]:
    starts, block = [], qdoc.begin()
    while block.isValid():
        layout = block.layout()
        starts.append(tuple(layout.lineAt(i).textStart() for i in range(layout.lineCount())))
        block = block.next()
    return starts


def inner_indexes(text: str) -> list[int]:
    """Characters inside runs (a run's last character is followed by its neighbour)."""
    return [i for m in RUN.finditer(text) for i in range(m.start(), m.end() - 1)]


def han_indexes(text: str, line_start: int, line_end: int) -> list[int]:
    return [i for i in range(line_start, line_end - 1) if "\u4e00" <= text[i] <= "\u9fff"]


def _width_for_105_on_a_justified_line() -> tuple[QTextDocument, int]:
    doc = justified(PARAGRAPH, 300)
    i = PARAGRAPH.index("105")
    line = doc.begin().layout().lineForTextPosition(i)
    assert line.lineNumber() < doc.begin().layout().lineCount() - 1
    return doc, i


# --- the evidence: what Qt does, and what no format changes ----------------------------------
def test_qt_spreads_the_digits_of_a_number_like_the_han_characters(qapp: object) -> None:
    doc, i = _width_for_105_on_a_justified_line()
    gap = extras(doc.begin())
    line = doc.begin().layout().lineForTextPosition(i)
    han = [gap[k] for k in han_indexes(PARAGRAPH, line.textStart(), line.textStart() + line.textLength())]
    assert min(han) > 0.3  # the line is spread...
    assert gap[i] > 0.3 and gap[i + 1] > 0.3  # ... and so are 1-0 and 0-5
    assert abs(gap[i] - min(han)) < 0.05  # by the same amount


@pytest.mark.parametrize(
    "run_format",
    [
        lambda f: f.setFontFamilies(["DejaVu Sans"]),
        lambda f: (
            f.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing),
            f.setFontLetterSpacing(0.01),
        ),
        lambda f: f.setFontWordSpacing(3),
        lambda f: f.setFontKerning(False),
        lambda f: f.setFontStyleStrategy(QFont.StyleStrategy.PreferNoShaping),
        lambda f: f.setFontCapitalization(QFont.Capitalization.SmallCaps),
        lambda f: f.setFontFixedPitch(True),
        lambda f: f.setFontStretch(100),
        lambda f: f.setObjectType(QTextFormat.ObjectTypes.UserObject + 1),
    ],
    ids=[
        "latin-font",
        "letter-spacing",
        "word-spacing",
        "no-kerning",
        "no-shaping",
        "small-caps",
        "fixed-pitch",
        "stretch",
        "object-type",
    ],
)
def test_no_character_format_keeps_a_number_together(
    qapp: object, run_format: Callable[[QTextCharFormat], object]
) -> None:
    doc = justified(PARAGRAPH, 300, run_format)
    i = PARAGRAPH.index("105")
    assert doc.begin().layout().lineForTextPosition(i).lineNumber() == 0
    gap = extras(doc.begin())
    assert gap[i] > 0.2 and gap[i + 1] > 0.2  # if Qt ever stops this, the module can go


# --- the fix -------------------------------------------------------------------------------
def test_a_settled_number_keeps_its_natural_advances_while_the_han_characters_spread(qapp: object) -> None:
    doc, i = _width_for_105_on_a_justified_line()
    block = doc.begin()
    before, starts = extras(block), line_starts(doc)
    line = block.layout().lineForTextPosition(i)
    s, e = line.textStart(), line.textStart() + line.textLength()
    assert settle_block(block)
    after = extras(block)
    assert abs(after[i]) < NATURAL and abs(after[i + 1]) < NATURAL  # 1-0, 0-5 at natural advance
    for k in han_indexes(PARAGRAPH, s, e):  # the Han characters take the digits' share
        assert after[k] >= before[k] - 1 / 64
        assert after[k] > 0.3
    # the line still ends flush at the right edge and breaks where it did
    glyphs = glyph_positions(line, s, e - s)
    last = max(glyphs)
    assert abs(glyphs[last][0] + glyphs[last][1] - line.width()) < 0.05
    assert line_starts(doc) == starts
    assert doc.toPlainText() == PARAGRAPH  # text and positions untouched
    assert block.charFormat() == doc.begin().charFormat()


def test_every_run_on_a_justified_line_settles(qapp: object) -> None:
    """91.31% (digits around "." and before "%") and a Latin word between Han characters."""
    for width in (240, 262, 300, 333):
        doc = justified(PARAGRAPH, width)
        starts = line_starts(doc)
        settle_block(doc.begin())
        after = extras(doc.begin())
        for k in inner_indexes(PARAGRAPH):
            if k in after:
                assert abs(after[k]) < NATURAL, (width, k, PARAGRAPH[k], after[k])
        assert line_starts(doc) == starts


def test_latin_words_with_spaces_need_nothing(qapp: object) -> None:
    """Qt gives a line with Latin word spaces all its space there: nothing inside words moves."""
    text = "测试测试测试测试，ABC word test again here 中文中文中文中文中文中文中文"
    doc = justified(text, 300)
    block = doc.begin()
    line0 = block.layout().lineAt(0)
    assert "word" in text[: line0.textLength()]
    assert all(abs(extras(block)[k]) < NATURAL for k in inner_indexes(text) if k < line0.textLength())
    assert not [r for r in compensation(block) if r[0] < line0.textLength()]


def test_settling_is_stable(qapp: object) -> None:
    doc, _ = _width_for_105_on_a_justified_line()
    block = doc.begin()
    settle_block(block)
    applied = [(r.start, r.length, r.format.fontLetterSpacing()) for r in block.layout().formats()]
    assert applied
    assert compensation(block) == applied  # measured again with the spacing in place: the same
    settle_block(block)
    assert [(r.start, r.length, r.format.fontLetterSpacing()) for r in block.layout().formats()] == applied


def test_left_aligned_and_single_line_paragraphs_are_left_alone(qapp: object) -> None:
    doc = justified(PARAGRAPH, 300)
    fmt = doc.begin().blockFormat()
    fmt.setProperty(QTextFormat.Property.BlockAlignment, 0x0001)  # left
    QTextCursor(doc.begin()).setBlockFormat(fmt)
    doc.documentLayout().blockBoundingRect(doc.begin())
    assert compensation(doc.begin()) == []
    short = justified("出台 105 项政策", 300)
    assert short.begin().layout().lineCount() == 1
    assert compensation(short.begin()) == []
    assert not settle_block(short.begin())


# --- the speech, built as the reader builds it ------------------------------------------------
def _speech_document(
    speech_path: Path, width_em: float, copies: int = 1, numbered_only: bool = False
) -> tuple[QTextDocument, str]:
    paragraphs = [p.text for p in load_document(speech_path).paragraphs]
    if numbered_only:  # the paragraphs holding numbers of two digits or more
        paragraphs = [p for p in paragraphs if re.search(r"[0-9]{2}", p)]
    text = "\n".join(paragraphs * copies)
    shown = to_display(text)
    doc = document_from_text(shown)
    typo = Typography(tuple(reading_font_families(doc.text[:20000])))
    qdoc = build_text_document(doc, typo, THEMES[DEFAULT_THEME])
    em = QFontMetricsF(typo.font()).horizontalAdvance("中")
    qdoc.setTextWidth(width_em * em + 2 * qdoc.documentMargin())
    qdoc.documentLayout().blockBoundingRect(qdoc.lastBlock())
    return qdoc, shown


@pytest.mark.parametrize("width_em", [22, 25.7, 30, 33.3, 40])
def test_the_speech_keeps_its_numbers_together_at_every_width(
    qapp: object, speech_path: Path, width_em: float
) -> None:
    qdoc, shown = _speech_document(speech_path, width_em)
    starts = line_starts(qdoc)
    settle_document(qdoc)
    assert line_starts(qdoc) == starts  # not one line breaks elsewhere
    assert qdoc.toPlainText() == shown  # one block per paragraph, offsets as they were
    spread = 0
    block = qdoc.begin()
    while block.isValid():
        gap = extras(block)
        for k in inner_indexes(block.text()):
            if k in gap:
                assert abs(gap[k]) < NATURAL, (width_em, block.text()[k - 5 : k + 5], gap[k])
        spread += sum(1 for v in gap.values() if v > 0.1)
        block = block.next()
    assert spread > 100  # the text is justified all the same


def test_settling_never_relayouts_the_document_and_costs_little(qapp: object, speech_path: Path) -> None:
    """The lines are made again in place: no document relayout (which walks every block:
    20 ms per paragraph on a 10 MB text), and the cost does not grow with the text."""
    qdoc, _ = _speech_document(speech_path, 30, copies=60)  # ~900 KB
    relayouts: list[object] = []
    qdoc.documentLayout().update.connect(lambda *_: relayouts.append(1))
    block, blocks = qdoc.lastBlock(), []
    while block.isValid() and len(blocks) < 40:
        if RUN.search(block.text()):
            blocks.append(block)
        block = block.previous()
    t0 = time.perf_counter()
    changed = sum(settle_block(b) for b in blocks)
    elapsed = time.perf_counter() - t0
    assert changed > 5
    assert relayouts == []
    assert elapsed < 0.4  # ~15 ms here for the 40 paragraphs; generous for slow CI machines


# --- in a view -----------------------------------------------------------------------------
def test_the_keeper_settles_what_the_view_shows(qtbot: QtBot, speech_path: Path) -> None:
    qdoc, _ = _speech_document(speech_path, 30, copies=4, numbered_only=True)
    view = QTextEdit()
    qtbot.addWidget(view)
    view.setReadOnly(True)
    view.resize(560, 420)
    view.setDocument(qdoc)
    view.show()
    qtbot.waitExposed(view)

    def visible_blocks() -> list[QTextBlock]:
        layout, out = qdoc.documentLayout(), []
        top = view.verticalScrollBar().value()
        bottom = top + view.viewport().height()
        block = qdoc.begin()
        while block.isValid():
            rect = layout.blockBoundingRect(block)
            if rect.bottom() >= top and rect.top() <= bottom:
                out.append(block)
            block = block.next()
        return out

    def all_natural(blocks: list[QTextBlock]) -> bool:
        return all(
            abs(gap[k]) < NATURAL
            for b in blocks
            for gap in [extras(b)]
            for k in inner_indexes(b.text())
            if k in gap
        )

    assert not all_natural(visible_blocks())  # Qt spreads some number on screen
    keeper = RunKeeper(view)
    qtbot.waitUntil(lambda: all_natural(visible_blocks()))
    last = qdoc.lastBlock()
    while not RUN.search(last.text()) or last.layout().lineCount() < 2:
        last = last.previous()
    assert not last.layout().formats()  # off screen: not measured yet
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    # settled as the scroll happens, before any paint
    assert last.layout().formats()
    assert all_natural(visible_blocks())
    assert keeper.settle_visible() == 0  # nothing left to do for this layout
    view.resize(470, 420)  # a narrower column re-wraps every line
    qtbot.waitUntil(lambda: qdoc.textWidth() < 470)
    qtbot.waitUntil(lambda: all_natural(visible_blocks()))
    # another document in the same view (the reader swaps them on zoom, theme, a new file)
    view.verticalScrollBar().setValue(0)  # so that the swap does not scroll
    qdoc, _ = _speech_document(speech_path, 30, copies=4, numbered_only=True)
    view.setDocument(qdoc)
    assert not all_natural(visible_blocks())
    qtbot.waitUntil(lambda: all_natural(visible_blocks()))
