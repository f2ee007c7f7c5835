"""The PDF reader, on PDFs made by real tools from the corpus texts and read back.

Every fixture is made in this session (LibreOffice from a flat ODF text, Qt's PDF writer, a
PDF written object by object), so each test knows the text that went in: the paragraphs and
the tree that come out must be the .txt's.  One exception is stated where it applies: a gap
between Chinese and Latin text is typesetting in a PDF, and LibreOffice draws its automatic
Chinese-Latin spacing (~0.2 em) and some real spaces (~0.26 em) as gaps of nearly the same
width, so a space there may come or go; search and note anchoring ignore those spaces.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop_app.core.formats import pdf, pdf_lines
from desktop_app.core.loader import DocumentError, load_document
from tests.conftest import ROOT, run_module
from tests.formats.pdf_fixtures import (
    SAMPLE,
    SAMPLE_PARAGRAPHS,
    Layout,
    corpus_text,
    encrypted_export,
    image_only_pdf,
    libreoffice_pdf,
    make_sample,
    many_pages_pdf,
    office_home,
    qt_pdf,
    standard_font_pdf,
)

EXPECTED = ROOT / "tests" / "data" / "expected"
SPEECH = ROOT / "resources" / "speech.txt"
_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"

pytestmark = pytest.mark.timeout(300)


def txt_doc(name: str):  # type: ignore[no-untyped-def]
    return load_document(SPEECH if name == "speech" else ROOT / "tests" / "data" / "corpus" / f"{name}.txt")


def tree(doc) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    return [(s.level, s.title) for s in doc.sections]


def unspaced(text: str) -> str:
    """``text`` without the spaces between Chinese and Latin text (see the module's note)."""
    return re.sub(rf"(?<={_CJK}) +(?=\S)|(?<=\S) +(?={_CJK})", "", text)


def assert_reads_as(doc, name: str) -> None:  # type: ignore[no-untyped-def]
    """The PDF's document has the .txt's paragraphs, tree and metadata."""
    want = txt_doc(name)
    got_paragraphs = [p.text for p in doc.paragraphs]
    want_paragraphs = [p.text for p in want.paragraphs]
    assert [unspaced(p) for p in got_paragraphs] == [unspaced(p) for p in want_paragraphs]
    differing = sum(a != b for a, b in zip(got_paragraphs, want_paragraphs, strict=True))
    assert differing <= max(1, len(want_paragraphs) // 20)  # a space here and there, no more
    assert tree(doc) == tree(want)
    if name != "speech":
        expected = json.loads((EXPECTED / f"{name}.json").read_text("utf-8"))
        assert tree(doc) == [(e["level"], e["title"]) for e in expected]
    if doc.text == want.text:
        assert doc.metadata == want.metadata
    assert doc.metadata.title == want.metadata.title


def bookmarks(path: Path) -> list[tuple[int, str]]:
    """The outline as pypdfium2's helpers read it: (depth from 0, title)."""
    import pypdfium2

    return [
        (item.level, item.get_title() if hasattr(item, "get_title") else item.title)  # 5.x / 4.x
        for item in pypdfium2.PdfDocument(path).get_toc()
    ]


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout


# ---------------------------------------------------------------------------------------------
# fixtures, made once per session
# ---------------------------------------------------------------------------------------------

LIBREOFFICE = {
    # name: (corpus text, layout)
    "report-indented-dash-numbers": (
        "03_ershida_baogao_2022",
        Layout(header="高举中国特色社会主义伟大旗帜", footer="dash"),
    ),
    "report-a5-ragged-slash-numbers": (
        "03_ershida_baogao_2022",
        Layout(
            indent=False,
            align="start",
            footer="slash",
            page=(148, 210),
            margins=(20, 20, 18, 18),
            font_pt=10.5,
        ),
    ),
    "constitution-spaced-page-of": (
        "06_xianfa",
        Layout(indent=False, footer="page_of", header="中华人民共和国宪法"),
    ),
    "constitution-two-columns": ("06_xianfa", Layout(columns=2, footer="hyphen", font_pt=10.5)),
    "auction-law-gongwen-page": (
        "08_paimaifa_2015",
        Layout(line_pt=28, font_pt=16, margins=(37, 35, 28, 26), footer="dash"),
    ),
    "regulation-a5-ragged": (
        "09_kouan_kaifang_guiding_1985",
        Layout(align="start", footer="plain", page=(148, 210), margins=(15, 15, 15, 15)),
    ),
    "speech-hyphen-numbers-header": (
        "speech",
        Layout(footer="hyphen", header="推进机关党建与全市中心工作深度融合"),
    ),
    "speech-ragged-spaced": ("speech", Layout(indent=False, align="start", footer="page_of")),
}


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdfs")


@pytest.fixture(scope="session")
def office(made: Path) -> Path:
    return office_home(made / "office-home")


_cache: dict[str, Path] = {}


def libreoffice_fixture(key: str, made: Path, office: Path) -> Path:
    if key not in _cache:
        name, layout = LIBREOFFICE[key]
        paragraphs, headings = corpus_text(name)
        _cache[key] = libreoffice_pdf(made / f"{key}.pdf", paragraphs, headings, layout, home=office)
    return _cache[key]


# ---------------------------------------------------------------------------------------------
# the corpus, through LibreOffice, Qt and a PDF written by hand
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(LIBREOFFICE))
def test_libreoffice_pdfs_read_as_their_text(key: str, made: Path, office: Path) -> None:
    path = libreoffice_fixture(key, made, office)
    doc = load_document(path)
    assert_reads_as(doc, LIBREOFFICE[key][0])
    assert doc.encoding == "pdf"


@pytest.mark.parametrize(
    ("name", "numbers", "header"),
    [
        ("speech", "- {n} -", ""),
        ("06_xianfa", "第 {n} 页 共 {total} 页", "中华人民共和国宪法"),
        ("09_kouan_kaifang_guiding_1985", "{n} / {total}", "国务院关于口岸开放的若干规定"),
    ],
)
def test_qt_pdfs_read_as_their_text(name: str, numbers: str, header: str, made: Path) -> None:
    paragraphs, _ = corpus_text(name)
    path = qt_pdf(made / f"qt-{name}.pdf", paragraphs, page_numbers=numbers, title_header=header)
    assert_reads_as(load_document(path), name)


def test_a_pdf_in_a_standard_font_not_embedded_reads_as_its_text(made: Path) -> None:
    """Adobe's STSong-Light named, not embedded, text in UniGB-UCS2-H (iText's way)."""
    paragraphs, headings = corpus_text("speech")
    path = made / "stsong.pdf"
    path.write_bytes(standard_font_pdf(paragraphs, headings))
    assert_reads_as(load_document(path), "speech")


# ---------------------------------------------------------------------------------------------
# page furniture, lines, columns
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "furniture"),
    [
        ("report-indented-dash-numbers", r"^— ?\d+ ?—$"),
        ("report-a5-ragged-slash-numbers", r"^\d+ ?/ ?\d+$"),
        ("constitution-spaced-page-of", r"^第 ?\d+ ?页 ?共 ?\d+ ?页$"),
        ("constitution-two-columns", r"^- ?\d+ ?-$"),
        ("regulation-a5-ragged", r"^\d+$"),
    ],
)
def test_page_numbers_are_in_the_pdf_and_not_in_the_text(
    key: str, furniture: str, made: Path, office: Path
) -> None:
    path = libreoffice_fixture(key, made, office)
    shown = [line.strip() for line in pdftotext(path).splitlines()]
    numbers = [line for line in shown if re.match(furniture, line)]
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout).group(1))  # type: ignore[union-attr]  # fmt: skip
    assert len(numbers) >= pages - 1 >= 1  # on the pages (poppler may join the last one)
    doc = load_document(path)
    assert not [p.text for p in doc.paragraphs if re.match(furniture, p.text)]
    assert len(doc.paragraphs) == len(txt_doc(LIBREOFFICE[key][0]).paragraphs)


def test_a_running_title_on_every_page_is_left_out(made: Path, office: Path) -> None:
    path = libreoffice_fixture("constitution-spaced-page-of", made, office)
    assert pdftotext(path).count("中华人民共和国宪法\n") >= 10  # the header, page after page
    doc = load_document(path)
    assert [p.text for p in doc.paragraphs].count("中华人民共和国宪法") == 1  # the title itself


def test_lines_join_without_spaces_between_chinese(made: Path, office: Path) -> None:
    path = libreoffice_fixture("report-indented-dash-numbers", made, office)
    wrapped = [line for line in pdftotext(path).splitlines() if len(line) > 30]
    assert len(wrapped) > 500  # the report's paragraphs run over many lines
    doc = load_document(path)
    assert not re.search(rf"{_CJK} {_CJK}", doc.text)


def test_two_columns_drawn_across_the_page_are_read_one_after_the_other(made: Path) -> None:
    paragraphs, _ = corpus_text("08_paimaifa_2015")
    path = qt_pdf(made / "qt-two-columns.pdf", paragraphs, columns=2)
    # drawn line by line across both columns: a reader in drawing order interleaves them
    raw = pdftotext(path, "-raw").replace("\n", "")
    assert paragraphs[5] not in raw
    assert_reads_as(load_document(path), "08_paimaifa_2015")


def test_punctuation_hanging_into_the_gutter_stays_in_its_column(made: Path, office: Path) -> None:
    """LibreOffice lets punctuation hang past a column's edge (and leaves some of those commas
    out of the PDF altogether: they are on no page, so not in the text either)."""
    paragraphs, headings = corpus_text("08_paimaifa_2015")
    layout = Layout(columns=2, footer="plain", header="中华人民共和国拍卖法", hanging=True)
    path = libreoffice_pdf(made / "hanging.pdf", paragraphs, headings, layout, home=office)
    doc = load_document(path)
    marks = "，。、；："
    dropped = str.maketrans("", "", marks)
    assert [unspaced(p.text).translate(dropped) for p in doc.paragraphs] == [
        unspaced(p).translate(dropped) for p in paragraphs
    ]
    assert tree(doc) == tree(txt_doc("08_paimaifa_2015"))
    drawn = pdftotext(path)
    assert sum(doc.text.count(m) for m in marks) == sum(drawn.count(m) for m in marks)


def test_a_watermark_turned_across_the_page_is_not_text(made: Path) -> None:
    import pypdfium2

    paragraphs, _ = corpus_text("09_kouan_kaifang_guiding_1985")
    path = qt_pdf(made / "watermark.pdf", paragraphs, watermark="内部资料 注意保存")
    layer = pypdfium2.PdfDocument(path)[0].get_textpage().get_text_range()
    assert "内部资料" in layer  # in the text layer, drawn turned
    doc = load_document(path)
    assert "内部资料" not in doc.text
    assert_reads_as(doc, "09_kouan_kaifang_guiding_1985")


# ---------------------------------------------------------------------------------------------
# the outline
# ---------------------------------------------------------------------------------------------


def test_an_outline_gives_the_tree_the_numbering_cannot(made: Path, office: Path) -> None:
    speech, _ = corpus_text("speech")
    body = [p for p in speech[4:] if len(p) > 60]
    paragraphs = ["关于做好年度重点工作的通知", "总体要求", body[0], body[1], "主要任务", "深化机关党建",
                  body[2], body[3], "服务中心大局", body[4], "保障措施", body[5]]  # fmt: skip
    headings = {1: 1, 4: 1, 5: 2, 8: 2, 10: 1}
    path = libreoffice_pdf(
        made / "outline.pdf", paragraphs, headings, Layout(header=paragraphs[0]), home=office
    )
    assert bookmarks(path) == [(headings[i] - 1, paragraphs[i]) for i in sorted(headings)]
    doc = load_document(path)
    assert [p.text for p in doc.paragraphs] == paragraphs
    assert [(s.level, s.title, s.paragraph_index) for s in doc.sections] == [
        (headings[i], paragraphs[i], i) for i in sorted(headings)
    ]
    # without the outline the same text has no headings: a flat list of its paragraphs
    plain = made / "no-outline.pdf"
    plain.write_bytes(standard_font_pdf(paragraphs))
    assert {s.kind for s in load_document(plain).sections} == {"paragraph"}


def test_an_outline_of_chapters_only_keeps_the_articles_the_numbering_finds(made: Path, office: Path) -> None:
    path = libreoffice_fixture("auction-law-gongwen-page", made, office)
    toc = [title for _, title in bookmarks(path)]
    assert toc and all(t.startswith("第") and ("章" in t or "节" in t) for t in toc)
    doc = load_document(path)
    assert sum(1 for s in doc.sections if s.title.endswith("条")) > 60  # the articles are there


def test_bookmarks_are_placed_by_their_text_where_their_height_is_wrong() -> None:
    def line(page: int, top: float, text: str) -> pdf_lines.Line:
        return pdf_lines.Line(page, text, 80, 500, top, top - 12, 12, 12, False)

    lines = [line(0, 700, "标题"), line(0, 680, "总体要求"), line(0, 660, "正文。"),
             line(1, 700, "正文续。"), line(1, 680, "主要任务"), line(1, 660, "正文。")]  # fmt: skip
    marks = [
        pdf_lines.Mark("总体要求", 1, 0, None),  # no height
        pdf_lines.Mark("主要任务", 1, 1, 760.0),  # above the page's first line
        pdf_lines.Mark("没有这一行", 1, 1, 700.0),  # not in the text: left out
        pdf_lines.Mark("正文。", 2, 5, 10.0),  # a page that does not exist: after the one before
    ]
    assert pdf_lines._place_marks(lines, marks) == {1: 1, 4: 1, 5: 2}


# ---------------------------------------------------------------------------------------------
# what cannot be read, and limits
# ---------------------------------------------------------------------------------------------


def test_a_scan_without_text_is_said_to_hold_only_images(made: Path, office: Path) -> None:
    source = libreoffice_fixture("regulation-a5-ragged", made, office)
    scan = image_only_pdf(made / "scan.pdf", source)
    assert pdftotext(scan).strip() == ""
    with pytest.raises(DocumentError) as info:
        load_document(scan)
    assert info.value.key == "pdf_images_only"
    assert "扫描" in str(info.value)


def test_pages_without_text_among_pages_with_text_are_reported(made: Path) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter, QPdfWriter

    from tests.formats.pdf_fixtures import _qt

    _qt()
    path = made / "mixed.pdf"
    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    painter.drawText(QRectF(0, 0, 4000, 400), 0, "Page one has text.")
    writer.newPage()
    image = QImage(200, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("gray"))
    painter.drawImage(QRectF(0, 0, 2000, 2000), image)
    painter.end()
    parsed = pdf.read(path.read_bytes(), path)
    assert parsed.paragraphs == ["Page one has text."]
    assert len(parsed.notices) == 1 and "2" in parsed.notices[0]


def test_an_encrypted_pdf_opens_without_a_password_and_not_with_one(made: Path, office: Path) -> None:
    paragraphs, headings = corpus_text("09_kouan_kaifang_guiding_1985")
    locked = libreoffice_pdf(
        made / "locked.pdf", paragraphs, headings, home=office, export=encrypted_export(user_password="mima")
    )
    owner = libreoffice_pdf(
        made / "owner.pdf", paragraphs, headings, home=office, export=encrypted_export(owner_password="mima")
    )
    for path, option in ((locked, "-upw"), (owner, "-opw")):
        assert (
            "Encrypted:       yes"
            in subprocess.run(
                ["pdfinfo", option, "mima", str(path)], capture_output=True, text=True, check=True
            ).stdout
        )
    assert_reads_as(load_document(owner), "09_kouan_kaifang_guiding_1985")  # permissions only
    with pytest.raises(DocumentError) as info:
        load_document(locked)
    assert info.value.key == "password_protected"


def test_ten_thousand_pages_are_refused_at_once(made: Path) -> None:
    path = many_pages_pdf(made / "pages.pdf", 10_000)
    assert (
        "Pages:           10000"
        in subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    )
    started = time.perf_counter()
    with pytest.raises(DocumentError) as info:
        load_document(path)
    assert time.perf_counter() - started < 2
    assert info.value.key == "too_many_pages"
    assert info.value.params["pages"] == 10_000 and info.value.params["limit"] == pdf.MAX_PAGES
    small = many_pages_pdf(made / "three.pdf", 3)  # the same line on every page is the text
    assert load_document(small).text.count("Page text.") == 3


def test_a_broken_cross_reference_table_is_repaired_or_said(made: Path, office: Path) -> None:
    data = libreoffice_fixture("regulation-a5-ragged", made, office).read_bytes()
    start = list(re.finditer(rb"startxref\s+(\d+)", data))[-1]
    wrong_start = data[: start.start(1)] + b"999" + data[start.end(1) :]
    table = data.rfind(b"\nxref")
    zeroed = data[:table] + re.sub(rb"\d{10} (\d{5}) n", rb"0000000000 \1 n", data[table:])
    for broken in (wrong_start, zeroed):  # PDFium rebuilds the table by scanning the file
        path = made / "broken.pdf"
        path.write_bytes(broken)
        assert_reads_as(load_document(path), "09_kouan_kaifang_guiding_1985")
    for hopeless in (data[: len(data) // 3], b"%PDF-1.7\n" + bytes(range(256)) * 20, b"%PDF-1.4\n%%EOF\n"):
        path = made / "hopeless.pdf"
        path.write_bytes(hopeless)
        with pytest.raises(DocumentError) as info:
            load_document(path)
        assert info.value.key == "damaged_file"


def test_two_threads_reading_at_once_get_the_same_text(made: Path, office: Path) -> None:
    path = libreoffice_fixture("speech-hyphen-numbers-header", made, office)
    want = load_document(path).text
    results: list[str] = []

    def work() -> None:
        for _ in range(3):
            results.append(load_document(path).text)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [want] * 9


def test_pypdfium2_is_imported_only_when_a_pdf_is_read() -> None:
    code = (
        "import sys; import desktop_app.core.formats.pdf, desktop_app.core.loader;"
        "print('pypdfium2_raw' in sys.modules, 'pypdfium2' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False", "False"]


# ---------------------------------------------------------------------------------------------
# the command line and the sample
# ---------------------------------------------------------------------------------------------


def test_the_command_line_prints_the_same_as_for_the_txt(
    made: Path, office: Path, isolated_user_data: Path
) -> None:
    path = libreoffice_fixture("regulation-a5-ragged", made, office)
    txt = ROOT / "tests" / "data" / "corpus" / "09_kouan_kaifang_guiding_1985.txt"
    for command in ("text", "toc"):
        got = run_module("desktop_app", command, str(path), data_dir=isolated_user_data)
        want = run_module("desktop_app", command, str(txt), data_dir=isolated_user_data)
        assert got.returncode == 0, got.stderr
        assert got.stdout == want.stdout and got.stdout.strip()
    found = run_module("desktop_app", "search", "--doc", str(path), "联检场地", data_dir=isolated_user_data)
    assert found.returncode == 0, found.stderr
    assert "联检场地" in found.stdout


def test_the_sample_is_the_generators_and_reads_as_the_speech() -> None:
    assert SAMPLE.read_bytes() == make_sample()  # regenerate: python3 -m tests.formats.pdf_fixtures
    assert SAMPLE.stat().st_size < 12_000
    paragraphs, _ = corpus_text("speech")
    doc = load_document(SAMPLE)
    assert doc.text == "\n".join(paragraphs[:SAMPLE_PARAGRAPHS])
    assert [s.title for s in doc.sections] == [paragraphs[7], paragraphs[10]]
