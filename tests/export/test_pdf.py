"""The PDF export measured on paper: A4 pages, print-size text, margins, page numbers.

Two independent readings of the written file: pypdf's text runs with their font size (the
``Tf`` size through the text and graphics matrices), and poppler's ``pdftotext -bbox``
word boxes (a Chinese ideograph is one em wide, so a word's width over its length is its
size in points).  The first export shrank everything to a third (3.6 pt body text).
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from html import unescape
from itertools import takewhile
from pathlib import Path
from typing import NamedTuple

import pytest

from desktop_app.core.annotations import new_annotation
from desktop_app.export import ExportOptions, export_notes
from tests.export.conftest import Notes, section

pypdf = pytest.importorskip("pypdf")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

A4 = (595.28, 841.89)
MM = 72 / 25.4


class Look(NamedTuple):
    style: str
    body: float
    title: float
    heading: float  # a level-1 heading
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right


LOOKS = [
    Look("default", 12, 20, 16, (25.4, 25.4, 31.75, 31.75)),
    Look("gongwen", 16, 22, 18, (37, 35, 28, 26)),  # GB/T 9704-2012
]


class Run(NamedTuple):
    page: int
    text: str
    size: float  # points
    x: float
    baseline: float  # points from the top of the page


class Word(NamedTuple):
    page: int
    text: str
    x0: float
    y0: float  # from the top
    x1: float
    y1: float


def runs(path: Path) -> list[Run]:
    """Every text run as drawn, with its size and baseline on the page."""
    out: list[Run] = []
    for n, page in enumerate(pypdf.PdfReader(str(path)).pages, 1):
        height = float(page.mediabox.height)

        def visit(text, cm, tm, _font, size, n=n, height=height) -> None:  # type: ignore[no-untyped-def]
            if not text.strip():
                return
            det = (tm[0] * tm[3] - tm[1] * tm[2]) * (cm[0] * cm[3] - cm[1] * cm[2])
            scale = math.sqrt(abs(det))
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            out.append(Run(n, text, size * scale, x, height - y))

        page.extract_text(visitor_text=visit)
    return out


def words(path: Path) -> list[Word]:
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    out: list[Word] = []
    for n, page in enumerate(xml.split("<page ")[1:], 1):
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page
        ):
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            out.append(Word(n, unescape(m.group(5)), x0, y0, x1, y1))
    return out


def run_size(all_runs: list[Run], text: str) -> float:
    found = [r.size for r in all_runs if text in r.text]
    assert found, f"{text!r} not drawn"
    return found[0]


def em(word: Word) -> float:
    """A word of ideographs: its width over its length is its size (one em each)."""
    assert re.fullmatch(r"[\u4e00-\u9fff]+", word.text), word.text
    return (word.x1 - word.x0) / len(word.text)


def export(notes: Notes, tmp_path: Path, style: str, anns: list | None = None) -> Path:  # type: ignore[type-arg]
    opts = ExportOptions(format="pdf", style=style)
    chosen = notes.annotations if anns is None else anns
    return export_notes(notes.doc, chosen, [], opts, tmp_path / f"{style}.pdf")


@pytest.mark.parametrize("look", LOOKS, ids=[lk.style for lk in LOOKS])
def test_pdf_is_a4_with_print_size_text(
    notes: Notes, tmp_path: Path, qapp: object, look: Look, pdf_writer: str
) -> None:
    out = export(notes, tmp_path, look.style)
    for page in pypdf.PdfReader(str(out)).pages:
        assert float(page.mediabox.width) == pytest.approx(A4[0], abs=1)
        assert float(page.mediabox.height) == pytest.approx(A4[1], abs=1)
    drawn = runs(out)
    title = notes.doc.title
    title_runs = list(takewhile(lambda r: r.text.strip() in title, drawn))  # the lines of the title
    assert "".join(r.text.strip() for r in title_runs) == title.replace(" ", "")
    assert title_runs and all(r.size == pytest.approx(look.title, abs=0.2) for r in title_runs)
    heading = section(notes.doc, "第一条经验").title
    assert run_size(drawn, heading[:8]) == pytest.approx(look.heading, abs=0.2)
    assert run_size(drawn, "跨段落的笔记") == pytest.approx(look.body, abs=0.2)  # a note
    blue = next(a for a in notes.annotations if a.color == "blue")
    assert run_size(drawn, blue.exact.split("\n")[0][:4]) == pytest.approx(look.body, abs=0.2)  # a quote
    assert look.title > look.heading > look.body


@needs_poppler
@pytest.mark.parametrize("look", LOOKS, ids=[lk.style for lk in LOOKS])
def test_pdf_glyphs_margins_and_page_numbers_on_paper(
    notes: Notes, tmp_path: Path, qapp: object, look: Look, pdf_writer: str
) -> None:
    out = export(notes, tmp_path, look.style)
    found = words(out)
    top, bottom, left, right = (m * MM for m in look.margins_mm)
    second_line = next(w for w in found if w.text == "第二行")  # the yellow note's second line
    assert em(second_line) == pytest.approx(look.body, abs=0.3)
    first_line = next(w for w in found if w.text.endswith("第一行"))
    title_word = found[0]
    assert title_word.page == 1 and title_word.text in notes.doc.title.replace(" ", "")
    height_ratio = (title_word.y1 - title_word.y0) / (second_line.y1 - second_line.y0)
    assert height_ratio == pytest.approx(look.title / look.body, rel=0.03)
    pages = max(w.page for w in found)
    numbers = [w for w in found if w.y0 > A4[1] - bottom]
    content = [w for w in found if w not in numbers]
    # The text block: inside the margins, and reaching the left one.
    assert min(w.x0 for w in content) == pytest.approx(left, abs=0.5)
    assert max(w.x1 for w in content) <= A4[0] - right + 0.5
    assert min(w.y0 for w in content) >= top - 0.5
    assert min(w.y0 for w in content if w.page == 1) <= top + look.title
    # Quotes are indented two characters (Qt does not scale horizontal CSS lengths like vertical ones).
    blue = next(a for a in notes.annotations if a.color == "blue")
    quote = next(w for w in content if w.text.startswith(blue.exact[:3]))
    assert quote.x0 == pytest.approx(left + 2 * look.body, abs=0.5)
    # "— n —" centred under the text block on every page.
    for n in range(1, pages + 1):
        mine = [w for w in numbers if w.page == n]
        assert [w.text for w in mine] == ["—", str(n), "—"]
        centre = (mine[0].x0 + mine[-1].x1) / 2
        assert centre == pytest.approx(left + (A4[0] - left - right) / 2, abs=1)
    if look.style == "gongwen":
        # 28 pt from line to line (22 lines in the 225 mm text block); notes indented two characters
        pitch = second_line.y1 - first_line.y1
        assert pitch == pytest.approx(28, abs=0.3)
        note = next(w for w in content if w.text.startswith("笔记：跨段落"))
        assert note.x0 == pytest.approx(left + 2 * look.body, abs=0.5)
        number = next(w for w in numbers if w.text == "1")
        assert number.y0 - (A4[1] - bottom) == pytest.approx(7 * MM, abs=2)  # GB/T 9704 §7.5


def test_pdf_text_is_embedded_once_and_selectable(
    notes: Notes, tmp_path: Path, qapp: object, pdf_writer: str
) -> None:
    out = export(notes, tmp_path, "default")
    reader = pypdf.PdfReader(str(out))
    text = "".join("".join(p.extract_text().split()) for p in reader.pages)
    assert text.count("跨段落的笔记") == 1  # no fake bold drawing text twice
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object()
            assert "/ToUnicode" in font.get_object()


def test_pages_break_between_lines_with_no_heading_left_at_a_foot(
    notes: Notes, tmp_path: Path, qapp: object, pdf_writer: str
) -> None:
    """A long note, one line longer each time, pushes the next section's heading down page 1
    and over to page 2: some lengths leave room for the heading but not for the quote under it.
    Each line is in the text layer once, on the page that shows it (a line at a page's foot
    was also drawn, clipped, on the page before: found twice by search and copy)."""
    doc = notes.doc
    first, second = doc.sections[0], doc.sections[1]
    under_second = doc.paragraphs[second.paragraph_index + 1].start
    block_bottom = A4[1] - 25.4 * MM
    seen_pages = set()
    for lines in range(10, 20):
        long_note = "\n".join(f"第{i}行笔记" for i in range(lines))
        anns = [
            new_annotation(doc, first.start, first.start + 4, note=long_note, doc_id=notes.doc_id),
            new_annotation(doc, under_second, under_second + 6, note="短笔记", doc_id=notes.doc_id),
        ]
        drawn = runs(export(notes, tmp_path, "default", anns))
        pages = max(r.page for r in drawn)
        seen_pages.add(pages)
        for n in range(1, pages + 1):
            on_page = [r for r in drawn if r.page == n]
            assert "".join(on_page[-1].text.split()) == f"—{n}—"  # the page number is drawn last
            assert all(r.baseline < block_bottom for r in on_page[:-1])
            last = on_page[-2]
            assert last.size < 13, (lines, n, last.text)  # body text or smaller, not a heading
        text = "".join(r.text for r in drawn)
        assert all(text.count(f"第{i}行笔记") == 1 for i in range(lines)), lines
    assert seen_pages == {1, 2}
