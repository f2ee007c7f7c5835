"""PDF export of the notes, A4 portrait, drawn by Yandu itself (no Qt).

The outline (:func:`.model.outline`: headings, each note's quote, note, tags and place) is
set as :class:`.pdf_layout.Block` paragraphs in the bundled CJK font (WenQuanYi Micro Hei),
placed on pages by :class:`.pdf_layout.PageSetter` and written by :class:`.pdf_file.PdfFile`
with the font embedded as a subset, so the text is selectable and searchable.  10,000 notes
(~1,300 pages) take ~0.9 s in the process (the command: 1.2-1.5 s) where Qt's rich-text
engine took 4.5-6 s (issue 14).

When a note holds a character the bundled font lacks (an emoji, a rare ideograph outside GBK),
the export goes through Qt instead (:mod:`.pdf_qt`), which finds it in the system's fonts: same
look, slower.

Two looks, as in the Word export: ``default`` (12 pt body, 20 pt title, 16/14/13 pt
headings, Word's Chinese A4 margins) and ``gongwen`` (GB/T 9704-2012 page: margins
37/35/28/26 mm, 16 pt body on a 28 pt line, 22 pt title, page numbers "— 1 —" in 14 pt
7 mm below the text block).  The bundled font has one face (no bold, no 仿宋/楷体), so
headings are told apart by size and colour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.export.messages import label
from desktop_app.export.model import Heading, document_title, outline, title_lines
from desktop_app.export.options import ExportError, ExportOptions, Progress
from desktop_app.export.pdf_file import PdfFile
from desktop_app.export.pdf_layout import Block, Look, PageSetter, blocks_text
from desktop_app.export.truetype import FontError, bundled_font

if TYPE_CHECKING:
    from desktop_app.core.annotations import Annotation, Bookmark
    from desktop_app.core.document import Document
    from desktop_app.export.model import Entry

MM_PER_INCH = 25.4
PT_PER_MM = 72 / MM_PER_INCH
A4_MM = (210.0, 297.0)
HEADING_COLOUR = "#8B1A1A"
META_COLOUR = "#555555"  # the title block's lines, tags
WHERE_COLOUR = "#666666"  # a note's place in the document
NUMBER_COLOUR = "#333333"
PLAIN, HEADING, META, WHERE = Look(), Look(HEADING_COLOUR), Look(META_COLOUR), Look(WHERE_COLOUR)


@dataclass(frozen=True, slots=True)
class PdfLook:
    body_pt: float
    title_pt: float
    heading_pt: tuple[float, float, float]  # outline levels 1..3
    small_pt: float  # title-block lines, tags and locations
    line_percent: int | None  # proportional line height of body text, or
    line_exact_pt: float | None  # an exact line pitch (公文)
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right
    page_number_pt: float
    page_number_gap_mm: float  # from the bottom of the text block to the top of the number
    first_line_indent: bool


DEFAULT = PdfLook(
    body_pt=12,  # 小四
    title_pt=20,
    heading_pt=(16, 14, 13),
    small_pt=10.5,  # 五号
    line_percent=160,
    line_exact_pt=None,
    margins_mm=(25.4, 25.4, 31.75, 31.75),  # Word's and WPS's Chinese A4 defaults (2.54 / 3.17 cm)
    page_number_pt=10.5,
    page_number_gap_mm=9,
    first_line_indent=False,
)
GONGWEN = PdfLook(
    body_pt=16,  # 三号
    title_pt=22,  # 二号
    heading_pt=(18, 16, 16),  # 小二 for level 1; the standard's 三号 below, in colour
    small_pt=14,  # 四号
    line_percent=None,
    line_exact_pt=28,  # 22 lines in the 225 mm text block
    margins_mm=(37, 35, 28, 26),  # GB/T 9704-2012 §5.2.1
    page_number_pt=14,  # 四号, "— 1 —", 7 mm below the text block (§7.5)
    page_number_gap_mm=7,
    first_line_indent=True,
)
LOOKS = {"default": DEFAULT, "gongwen": GONGWEN}

# Space above and below a heading of outline level 1..3, in body sizes.
HEADING_SPACE = ((1.2, 0.5), (1.0, 0.4), (0.8, 0.3))

# Characters that shape text but are not drawn (a soft hyphen, zero-width spaces and joiners,
# direction marks, a byte-order mark, variation selectors): Qt leaves them out of the page and of
# the copied text, and so does this writer (drawn, they were a "-" mid-word, or broke a search).
INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u206a-\u206f\ufeff"
    "\ufe00-\ufe0f\U000e0100-\U000e01ef]"
)
LINE_SEPARATORS = str.maketrans("\u2028\u2029", "\n\n")


def drawn(text: str) -> str:
    """``text`` as the page shows it: without :data:`INVISIBLE` characters, a line or paragraph
    separator as a line break."""
    if INVISIBLE.search(text) is not None:
        text = INVISIBLE.sub("", text)
    if "\u2028" in text or "\u2029" in text:
        text = text.translate(LINE_SEPARATORS)
    return text


class NoteBlocks:
    """The notes' outline as blocks in one look."""

    def __init__(self, look: PdfLook, natural: float, underline_colour: dict[str, str]) -> None:
        self.look = look
        self.natural = natural  # the font's line height per point of size
        self.underline_colour = underline_colour
        self._marks: dict[tuple[str, str], Look] = {}  # (colour, style) -> the quote's look
        self._heads = {True: f"{label('bookmark')}：", False: f"{label('note')}："}
        self._where = f"{label('location')}："
        self._body_pitch = self.pitch(look.body_pt)
        self._small_pitch = self.pitch(look.small_pt)

    def pitch(self, size: float) -> float:
        """From one line of ``size`` points to the next."""
        look = self.look
        if look.line_exact_pt is not None:  # at least the exact pitch; more for larger text
            return max(look.line_exact_pt, self.natural * size)
        return self.natural * size * (look.line_percent or 100) / 100

    def title(self, doc: Document, count: int) -> list[Block]:
        look = self.look
        title_pitch = (
            look.title_pt * 1.6 if look.line_exact_pt is not None else self.natural * look.title_pt * 1.3
        )
        title = [(drawn(document_title(doc)), PLAIN)]
        out = [Block(title, look.title_pt, title_pitch, after=look.body_pt, centre=True)]
        small = look.small_pt
        for key, value in title_lines(doc, count):
            text = drawn(f"{key}：{value}" if key else value)
            out.append(Block([(text, META)], small, self.pitch(small), centre=True))
        return out

    def heading(self, level: int, title: str) -> Block:
        look = self.look
        size = look.heading_pt[min(level, 3) - 1]
        above, below = HEADING_SPACE[min(level, 3) - 1]
        body = look.body_pt
        return Block(
            [(drawn(title), HEADING)],
            size,
            self.pitch(size),
            before=above * body,
            after=below * body,
            keep_with_next=True,
        )

    def entry(self, item: Entry) -> list[Block]:
        look = self.look
        body = look.body_pt
        colour, style = item.color_hex, item.style
        mark = self._marks.get((colour, style))
        if mark is None:
            if style == "underline":
                mark = Look(underline=self.underline_colour.get(colour, colour))
            else:
                mark = Look(background=colour)
            self._marks[colour, style] = mark
        pitch = self._body_pitch
        quote = [(drawn(item.quote), mark)]
        out = [Block(quote, body, pitch, before=0.6 * body, after=0.2 * body, indent=2 * body)]
        note = drawn(item.note)
        if note:
            out.append(
                Block(
                    [(self._heads[item.is_bookmark], HEADING), (note, PLAIN)],
                    body,
                    pitch,
                    after=0.3 * body,
                    first_indent=2 * body if look.first_line_indent else 0,
                )
            )
        runs: list[tuple[str, Look]] = []
        for tag in item.tags:
            if runs:
                runs.append((" ", WHERE))
            runs.append((drawn(f"#{tag}"), META))
        if item.location:
            if runs:
                runs.append((" ", WHERE))
            runs.append((drawn(f"{self._where}{item.location}"), WHERE))
        if runs:
            out.append(Block(runs, look.small_pt, self._small_pitch, after=0.6 * body))
        return out


def notes_blocks(
    doc: Document, anns: list[Annotation], bms: list[Bookmark], look: PdfLook, natural: float
) -> list[Block]:
    from desktop_app.themes import THEMES, mark_colours

    # An underline in the note's pale colour vanishes on paper: the reader's darker line colour.
    colours = {a.color_hex for a in anns}
    underline = {c: mark_colours(THEMES["light"], c).underline for c in colours}
    make = NoteBlocks(look, natural, underline)
    blocks = make.title(doc, len(anns))
    for item in outline(doc, anns, bms):
        if isinstance(item, Heading):
            blocks.append(make.heading(item.level, item.title))
        else:
            blocks += make.entry(item)
    return blocks


def write_pdf(
    doc: Document,
    anns: list[Annotation],
    bms: list[Bookmark],
    options: ExportOptions,
    progress: Progress | None = None,
) -> bytes:
    """The PDF's bytes (written to the file by the caller, atomically)."""
    look = LOOKS.get(options.style, DEFAULT)
    try:
        font = bundled_font()
    except (OSError, FontError) as exc:
        raise ExportError("pdf_unavailable", reason=exc) from exc
    natural = (font.ascent - font.descent) / font.units_per_em
    blocks = notes_blocks(doc, anns, bms, look, natural)
    if font.missing(blocks_text(blocks)):  # Qt finds those characters in the system's fonts
        from desktop_app.export.pdf_qt import write_pdf as write_through_qt

        return write_through_qt(doc, anns, bms, options, progress)
    if progress is not None:
        progress(0.1)
    page_w, page_h = (v * PT_PER_MM for v in A4_MM)
    top, bottom, left, right = (v * PT_PER_MM for v in look.margins_mm)
    pdf = PdfFile(font, (page_w, page_h), document_title(doc))
    box_height = page_h - top - bottom
    number_top = top + box_height + look.page_number_gap_mm * PT_PER_MM

    def page_number(n: int) -> tuple[str, float, float, str]:
        return f"— {n + 1} —", look.page_number_pt, number_top, NUMBER_COLOUR

    setter = PageSetter(pdf, (left, top, page_w - left - right, box_height), page_number)
    setter.place(blocks, None if progress is None else lambda f: progress(0.1 + 0.8 * f))
    setter.finish()
    return pdf.finish()
