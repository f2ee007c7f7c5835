"""Yandu's own PDF writer, part by part: the bundled font read and subset (checked against
fontTools), Chinese line breaking (properties over generated text), and the written file read
by three readers (pypdf, PDFium, poppler), down to the pixels of a highlight and an underline.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.export import ExportOptions, export_notes
from desktop_app.export.pdf_layout import NO_LINE_END, NO_LINE_START, break_lines
from desktop_app.export.truetype import KEPT_TABLES, FontError, bundled_font, read_font
from desktop_app.paths import bundled_font_bytes
from tests.export.conftest import Notes

fontTools = pytest.importorskip("fontTools")
pypdf = pytest.importorskip("pypdf")
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")


def _tt(data: bytes):  # type: ignore[no-untyped-def]
    from fontTools.ttLib import TTFont

    return TTFont(io.BytesIO(data))


def test_font_read_as_fonttools_reads_it() -> None:
    font = bundled_font()
    ref = _tt(bundled_font_bytes())
    order = ref.getGlyphOrder()
    cmap = ref.getBestCmap()
    assert font.glyph_of == {code: order.index(name) for code, name in cmap.items()}
    assert list(font.advances) == [ref["hmtx"][name][0] for name in order]
    assert font.units_per_em == ref["head"].unitsPerEm
    assert (font.ascent, font.descent) == (ref["hhea"].ascent, ref["hhea"].descent)
    assert font.underline_position == ref["post"].underlinePosition
    assert font.postscript_name == ref["name"].getDebugName(6)


def test_subset_keeps_ids_and_the_outlines_drawn_only() -> None:
    from fontTools.pens.recordingPen import DecomposingRecordingPen

    font = bundled_font()
    text = "推进机关党建，“引号”ÀÁ½ abc 123"
    drawn = {font.glyph_of[ord(c)] for c in text}
    subset = font.subset(drawn)
    assert (
        sum(int.from_bytes(subset[i : i + 4], "big") for i in range(0, len(subset), 4)) % 2**32 == 0xB1B0AFBA
    )
    small, ref = _tt(subset), _tt(bundled_font_bytes())
    assert {t.encode() for t in small.reader.keys()} == set(KEPT_TABLES)  # noqa: SIM118 - not a dict
    assert len(small.getGlyphOrder()) == len(ref.getGlyphOrder())  # glyph ids kept
    names, ref_names = small.getGlyphOrder(), ref.getGlyphOrder()
    composite = [g for g in drawn if ref["glyf"][ref_names[g]].isComposite()]
    assert composite  # most ideographs of this font are made of parts: the parts come along
    blank = font.glyph_of[ord(" ")]
    for gid in drawn:
        mine, theirs = (
            DecomposingRecordingPen(small.getGlyphSet()),
            DecomposingRecordingPen(ref.getGlyphSet()),
        )
        small.getGlyphSet()[names[gid]].draw(mine)
        ref.getGlyphSet()[ref_names[gid]].draw(theirs)
        assert mine.value == theirs.value and (mine.value or gid == blank), chr(
            next(c for c in map(ord, text) if font.glyph_of[c] == gid)
        )
    undrawn = font.glyph_of[ord("融")]
    assert small["glyf"][names[undrawn]].numberOfContours == 0  # left empty
    assert len(subset) < len(bundled_font_bytes()) / 5


@pytest.mark.parametrize("data", [b"", b"not a font at all", b"\x00\x01\x00\x00\x00\x09", "head"])
def test_a_broken_font_is_refused_in_words(data: bytes | str) -> None:
    raw = bundled_font_bytes()[:3000] if data == "head" else data
    with pytest.raises(FontError):
        read_font(raw)  # type: ignore[arg-type]


# --- line breaking ---------------------------------------------------------------------------

UNITS_PER_EM = 2048


def _units(text: str) -> dict[str, int]:
    font = bundled_font()
    return {c: font.advances[font.glyph_of.get(ord(c), 0)] for c in set(text)}


def _lines(text: str, width_em: float, first_em: float = 0) -> list[str]:
    # a size of 1 pt: widths in points are widths in ems
    spans = break_lines(text, _units(text), 1 / UNITS_PER_EM, width_em, first_em)
    return [text[s:e] for s, e in spans]


def test_ideographs_fill_the_line_and_marks_keep_their_places() -> None:
    assert _lines("一二三四五六七八九十", 4) == ["一二三四", "五六七八", "九十"]
    # 。 would begin the second line: 三 goes down with it
    assert _lines("一二三四。五六", 4) == ["一二三", "四。五六"]
    # 「 would end the first line: it goes down with what it opens
    assert _lines("一二三「四五」六", 4) == ["一二三", "「四五」", "六"]
    assert _lines("一二——三四", 3) == ["一", "二——", "三四"]  # —— stays whole, after what it follows
    assert _lines("一二\n三", 10) == ["一二", "三"]
    assert _lines("一二三四五六", 4, first_em=2) == ["一二", "三四五六"]


def test_full_width_brackets_keep_to_what_they_enclose() -> None:
    assert _lines("一二三［四五］六", 4) == ["一二三", "［四五］", "六"]
    assert _lines("一二三四］五", 4) == ["一二三", "四］五"]
    assert _lines("一二三〖四五〗", 4) == ["一二三", "〖四五〗"]


def test_an_address_is_one_word() -> None:
    assert _lines("见见见见见见http://e.com/x", 10) == ["见见见见见见", "http://e.com/x"]


def test_latin_words_and_numbers_are_not_cut() -> None:
    lines = _lines("integration and 2023-06-14 numbers", 8)
    assert all(not line.startswith(" ") and not line.endswith(" ") for line in lines)
    assert " ".join(lines).split() == ["integration", "and", "2023-06-14", "numbers"]
    assert "2023-06-14" in lines
    assert _lines("x" * 40, 5)  # one word longer than the line: cut where the line is full


CJK = st.sampled_from("一二三四五六七八九十党建融合")
MARKS = st.sampled_from("，。、；：？！）》」”…—（《「“")
LATIN = st.sampled_from("abcXYZ019-.")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(CJK, MARKS, LATIN, st.just(" "), st.just("\n")), max_size=120), st.integers(3, 30))
def test_lines_hold_every_character_in_order_and_the_rules(chars: list[str], width: int) -> None:
    text = "".join(chars)
    spans = break_lines(text, _units(text), 1 / UNITS_PER_EM, width, 0)
    at = 0
    units = _units(text)
    for start, end in spans:
        assert start >= at and text[at:start].strip(" \n") == ""  # only spaces and breaks dropped
        line = text[start:end]
        assert sum(units[c] for c in line) <= width * UNITS_PER_EM + 1
        at = end
    assert text[at:].strip(" \n") == ""
    for (_, end), (start, _) in pairwise(spans):
        if text[end:start].strip(" ") != "" or not (start > 0 and end > 0):
            continue  # a hard break
        nxt, prev = text[start : start + 1], text[end - 1 : end]
        breakable = [i for i in range(start - 30, start) if i > 0 and text[i] in NO_LINE_START]
        if nxt in NO_LINE_START or prev in NO_LINE_END:
            # only when no better place was within reach (a run of marks longer than the line)
            assert len(breakable) > 0 or width < 6, (text, spans)


# --- the file ---------------------------------------------------------------------------------


def _export(notes: Notes, tmp_path: Path, anns: list | None = None) -> Path:  # type: ignore[type-arg]
    chosen = notes.annotations if anns is None else anns
    return export_notes(notes.doc, chosen, [], ExportOptions(format="pdf"), tmp_path / "own.pdf")


def test_three_readers_read_the_same_text(notes: Notes, tmp_path: Path) -> None:
    import pypdfium2

    out = _export(notes, tmp_path)
    reader = pypdf.PdfReader(str(out), strict=True)
    assert reader.metadata is not None and reader.metadata.producer == "Yandu"
    pdfium = pypdfium2.PdfDocument(out)
    assert len(pdfium) == len(reader.pages)
    for n, page in enumerate(reader.pages):
        theirs = "".join(pdfium[n].get_textpage().get_text_range().split())
        assert "".join(page.extract_text().split()) == theirs
    whole = "".join("".join(p.extract_text().split()) for p in reader.pages)
    for a in notes.annotations:
        assert "".join(a.exact.split()) in whole
        for line in a.note.split("\n"):
            assert "".join(line.split()) in whole


def test_a_glyph_two_characters_share_copies_as_the_unified_one() -> None:
    from desktop_app.export.pdf_file import GlyphCodes

    font = bundled_font()
    twin = "\uf967"  # CJK compatibility ideograph: the same glyph as 不 in the bundled font
    assert font.glyph_of[ord(twin)] == font.glyph_of[ord("不")]
    for text in (twin + "不", "不" + twin):
        codes = GlyphCodes(font)
        codes.hex(text)
        assert codes.used[font.glyph_of[ord("不")]] == "不"


def test_characters_that_are_not_drawn_stay_out_of_the_page(notes: Notes, tmp_path: Path) -> None:
    """A soft hyphen, zero-width spaces and joiners, direction marks, a byte-order mark: not
    drawn (a soft hyphen showed as "-") and not in the copied text (search failed on them); a
    line separator breaks the line.  Without sending the export through Qt."""
    from desktop_app.core.annotations import new_annotation

    a = notes.annotations[0]
    note = "零\u200b宽\u200d字\ufeff符 soft\u00adhyphen \u202a方向\u202c\u2028第二行"
    odd = new_annotation(notes.doc, a.start, a.end, note=note, doc_id=notes.doc_id)
    out = _export(notes, tmp_path, [odd])
    reader = pypdf.PdfReader(str(out))
    assert reader.metadata is not None and reader.metadata.producer == "Yandu"
    text = reader.pages[0].extract_text()
    assert "零宽字符 softhyphen 方向" in text
    assert not set(text) & set("\u200b\u200d\ufeff\u00ad\u202a\u202c\u2028")
    lines = [line for line in text.split("\n") if "方向" in line or "第二行" in line]
    assert len(lines) == 2  # the line separator broke the line
    assert "-" not in lines[0]  # the soft hyphen is not drawn


def test_a_character_the_font_lacks_goes_through_qt(notes: Notes, tmp_path: Path, qapp: object) -> None:
    from desktop_app.core.annotations import new_annotation

    rare = "\U0002a6a5"  # an ideograph of CJK extension B, not in the bundled font
    assert bundled_font().missing(rare) == {rare}
    a = notes.annotations[0]
    odd = new_annotation(notes.doc, a.start, a.end, note=f"生僻字{rare}在此", doc_id=notes.doc_id)
    out = _export(notes, tmp_path, [odd])
    reader = pypdf.PdfReader(str(out))
    assert reader.metadata is not None and reader.metadata.producer.startswith("Qt ")
    assert "生僻字" in "".join(reader.pages[0].extract_text().split())


def _pixels(path: Path, dpi: int) -> tuple[int, int, bytes]:
    ppm = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", str(path)],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", ppm)
    assert m
    return int(m.group(1)), int(m.group(2)), ppm[m.end() :]


@needs_poppler
def test_highlight_and_underline_are_painted_where_the_quotes_are(notes: Notes, tmp_path: Path) -> None:
    """The page as pixels: the yellow highlight fills the box behind its quote; the green
    underline is a line under its quote in the darker line colour, not a fill."""
    from desktop_app.themes import THEMES, mark_colours
    from tests.export.test_pdf import words

    yellow = next(a for a in notes.annotations if a.color == "yellow")
    green = next(a for a in notes.annotations if a.color == "green")
    out = _export(notes, tmp_path, [yellow, green])
    dpi = 144
    width, _, rgb = _pixels(out, dpi)
    scale = dpi / 72

    def colours_in(box: tuple[float, float, float, float]) -> dict[tuple[int, int, int], int]:
        x0, y0, x1, y1 = (round(v * scale) for v in box)
        found: dict[tuple[int, int, int], int] = {}
        for y in range(y0, y1):
            row = rgb[3 * (y * width) : 3 * ((y + 1) * width)]
            for x in range(x0, x1):
                px = tuple(row[3 * x : 3 * x + 3])
                found[px] = found.get(px, 0) + 1  # type: ignore[index]
        return found

    def hex_rgb(colour: str) -> tuple[int, int, int]:
        return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]

    found = words(out)
    first = next(w for w in found if w.text.startswith(unicodedata.normalize("NFC", yellow.exact[:2])))
    inside = colours_in((first.x0, first.y0, first.x1, first.y1))
    fill = hex_rgb(yellow.color_hex)
    assert max(inside, key=inside.__getitem__) == fill  # the box behind the text is the highlight
    quote = next(w for w in found if w.text.startswith(green.exact[:2]))
    line = hex_rgb(mark_colours(THEMES["light"], green.color_hex).underline)
    under = colours_in((quote.x0, quote.y1 - 4, quote.x1, quote.y1 + 3))
    behind = colours_in((quote.x0, quote.y0, quote.x1, quote.y1 - 5))
    assert under.get(line, 0) >= 0.95 * (quote.x1 - quote.x0) * scale  # a line as long as the quote
    assert behind.get(line, 0) == 0 and hex_rgb(green.color_hex) not in behind  # not a fill
