"""Printing: the pages as printed to a real PDF, read back and rendered (pdftotext, pdftoppm)."""

from __future__ import annotations

import html
import re
import shutil
import statistics
import subprocess
from pathlib import Path
from typing import NamedTuple

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QImage, QRawFont, QTextCursor, QTextFormat
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from pytestqt.qtbot import QtBot

from desktop_app.core.annotations import Annotation
from desktop_app.core.document import Document
from desktop_app.core.loader import load_document
from desktop_app.core.punctuation import to_display
from desktop_app.ui import fonts, print_text, printing
from tests.conftest import CORPUS, SPEECH

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdftoppm")), reason="poppler-utils not installed"
)

MM = 72 / 25.4
A4 = (595.0, 842.0)
NOTE_1 = "这是打印测试的第一条笔记内容"
NOTE_2 = "第二条笔记说明响应速度"


class Word(NamedTuple):
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@pytest.fixture(scope="module")
def speech() -> Document:
    return load_document(SPEECH)


@pytest.fixture
def families(qapp: object) -> list[str]:
    return fonts.reading_font_families(SPEECH.read_text(encoding="utf-8"))


def _ann(
    doc: Document, phrase: str, colour: str = "yellow", style: str = "highlight", note: str = ""
) -> Annotation:
    start = doc.text.index(phrase)
    end = start + len(phrase)
    return Annotation(
        id=phrase, doc_id="d", start=start, end=end, exact=phrase, color=colour, style=style, note=note
    )


def _speech_marks(doc: Document) -> list[Annotation]:
    return [
        _ann(doc, "市政务服务局是履行“四个服务”职责的重要平台", "yellow", note=NOTE_1),
        _ann(doc, "一要第一时间响应", "green", note=NOTE_2),
        _ann(doc, "机关党建工作说到底是做“人”的工作", "blue", "underline"),
        _ann(doc, "深刻认识机关党建与中心工作融合的重要意义", "pink"),
    ]


def _words(pdf: Path) -> list[Word]:
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, encoding="utf-8", check=True
    ).stdout
    out: list[Word] = []
    for page, body in enumerate(re.findall(r"<page [^>]*>(.*?)</page>", xhtml, re.S), 1):
        for x0, y0, x1, y1, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body
        ):
            out.append(Word(page, float(x0), float(y0), float(x1), float(y1), html.unescape(text)))
    return out


def _body_words(words: list[Word]) -> list[Word]:
    """Words inside the margins (header and footer are in the margins)."""
    top, bottom = 25.4 * MM, A4[1] - 25.4 * MM
    return [w for w in words if w.y0 >= top - 1 and w.y1 <= bottom + 4]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _body_text(words: list[Word]) -> str:
    return _squash("".join(w.text for w in _body_words(words)))


def _em_ratio(family: str) -> float:
    """The height pdftotext gives a word (ascent + descent) per point of font size."""
    from PySide6.QtGui import QFont

    f = QFont(family)
    f.setPixelSize(200)
    raw = QRawFont.fromFont(f)
    return (raw.ascent() + raw.descent()) / 200


def _print(
    tmp_path: Path, doc: Document, anns: list[Annotation], families: list[str], **opts: object
) -> Path:
    pdf = tmp_path / "print.pdf"
    pages = printing.write_pdf(str(pdf), doc, anns, printing.PrintOptions(**opts), families)  # type: ignore[arg-type]
    assert pages == len(PdfReader(pdf).pages)
    return pdf


def test_a4_twelve_point_body_larger_title_and_margins(
    tmp_path: Path, speech: Document, families: list[str]
) -> None:
    pdf = _print(tmp_path, speech, [], families)
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 4
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - A4[0]) <= 1
        assert abs(float(page.mediabox.height) - A4[1]) <= 1

    words = _words(pdf)
    ratio = _em_ratio(families[0])
    title = next(w for w in words if w.page == 1 and "推进机关党建与全市中心工作深度融合" in w.text)
    body_line = speech.paragraphs[4].text[:8]
    body = next(w for w in words if w.page == 1 and body_line in w.text)
    body_sizes = [(w.y1 - w.y0) / ratio for w in _body_words(words) if w.page > 1 and len(w.text) > 12]
    assert abs((body.y1 - body.y0) / ratio - 12) < 0.3
    assert abs(statistics.median(body_sizes) - 12) < 0.3
    assert (title.y1 - title.y0) / ratio > 16  # 18 pt
    assert title.y0 < body.y0

    # the text stays inside A4 margins of about 2.5 cm (left/right 3.18 cm, as Word sets them)
    inside = _body_words(words)
    assert min(w.x0 for w in inside) >= 31.8 * MM - 1
    assert max(w.x1 for w in inside) <= A4[0] - 31.8 * MM + 1
    # a full page of text reaches near the bottom margin (not a quarter-size block of text)
    page2 = [w for w in inside if w.page == 2]
    assert max(w.y1 for w in page2) > A4[1] - 25.4 * MM - 40


def test_page_numbers_and_running_title(tmp_path: Path, speech: Document, families: list[str]) -> None:
    pdf = _print(tmp_path, speech, [], families)
    words = _words(pdf)
    pages = len(PdfReader(pdf).pages)
    for n in range(1, pages + 1):
        footer = _squash("".join(w.text for w in words if w.page == n and w.y0 > A4[1] - 25.4 * MM))
        page = QCoreApplication.translate("Printing", "Page %1 of %2")  # in the language in effect
        assert footer == _squash(page.replace("%1", str(n)).replace("%2", str(pages)))
        header = _squash("".join(w.text for w in words if w.page == n and w.y1 < 25.4 * MM))
        assert header == ("" if n == 1 else "推进机关党建与全市中心工作深度融合")


def test_every_visible_paragraph_printed_once(tmp_path: Path, speech: Document, families: list[str]) -> None:
    # with notes: a heading moved to the next page once lost the blocks after it
    pdf = _print(tmp_path, speech, _speech_marks(speech), families)
    text = re.sub(r"\[\d+\]", "", _body_text(_words(pdf)))
    for p in speech.paragraphs[4:]:
        assert text.count(_squash(to_display(p.text))) == 1, p.text[:20]  # as the reader shows it
    # the title is repeated after the byline in the text; the reader hides it, and so does print
    assert text.count(_squash(to_display(speech.metadata.title))) == 1
    assert "20:09" not in text  # the byline's clock time is left out; the date stays
    assert "北京市直机关工委2023-06-14" in text


def test_notes_numbered_under_their_paragraph(tmp_path: Path, speech: Document, families: list[str]) -> None:
    pdf = _print(tmp_path, speech, _speech_marks(speech), families, notes=True)
    text = _body_text(_words(pdf))
    assert text.count(NOTE_1) == 1 and text.count(NOTE_2) == 1
    # the marker ends the passage; the note follows its paragraph, before the next paragraph
    first = speech.paragraphs[6].text
    assert "市政务服务局是履行“四个服务”职责的重要平台[1]" in text
    assert text.index(_squash(first[-10:])) < text.index("[1]" + NOTE_1) < text.index("第一条经验")
    assert "一要第一时间响应[2]" in text
    assert text.index("一要第一时间响应") < text.index("[2]" + NOTE_2) < text.index("二要聚焦关键任务")


def test_no_notes_when_not_asked(tmp_path: Path, speech: Document, families: list[str]) -> None:
    pdf = _print(tmp_path, speech, _speech_marks(speech), families, notes=False)
    text = _body_text(_words(pdf))
    assert NOTE_1 not in text and NOTE_2 not in text
    assert "[1]" not in text
    assert "市政务服务局是履行“四个服务”职责的重要平台" in text


def _palette() -> list[str]:
    """The colours a printed page can have: paper, text greys, the marks and their underlines."""
    from desktop_app.core.annotations import COLORS

    marks = [c.hex for c in COLORS] + [QColor(c.hex).darker(150).name() for c in COLORS]
    greys = ["#ffffff", "#000000", "#555555", "#999999", "#cccccc"]
    return [QColor(c).name() for c in (*greys, print_text.MARKER_COLOUR, *marks)]


def _colour_pixels(pdf: Path, tmp_path: Path, colour: str, dpi: int = 60) -> int:
    """Pixels of the rendered pages nearest to ``colour`` among the colours a page can have."""
    stem = tmp_path / f"page{dpi}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(stem)], check=True)
    palette = _palette()
    index = palette.index(QColor(colour).name())
    table = [QColor(c).rgb() for c in palette]
    count = 0
    for png in sorted(tmp_path.glob(f"page{dpi}-*.png")):
        image = QImage(str(png)).convertToFormat(
            QImage.Format.Format_Indexed8, table, Qt.ImageConversionFlag.ThresholdDither
        )
        data, per_line = bytes(image.constBits()), image.bytesPerLine()
        count += sum(
            data[y * per_line : y * per_line + image.width()].count(index) for y in range(image.height())
        )
        png.unlink()
    return count


def test_highlight_colours_on_the_page(tmp_path: Path, speech: Document, families: list[str]) -> None:
    marks = _speech_marks(speech)
    yellow, green = marks[0].color_hex, marks[1].color_hex
    pdf = _print(tmp_path, speech, marks, families, notes=False)
    # 22 characters of 12 pt at 60 dpi: about 22 x 10 x 12 pixels, most of them background
    assert _colour_pixels(pdf, tmp_path, yellow) > 1000
    assert _colour_pixels(pdf, tmp_path, green) > 300
    plain = _print(tmp_path, speech, marks, families, notes=False, highlights=False)
    assert _colour_pixels(plain, tmp_path, yellow) < 20
    assert _colour_pixels(plain, tmp_path, green) < 20


def test_underline_printed_in_its_colour(tmp_path: Path, speech: Document, families: list[str]) -> None:
    mark = _ann(speech, "机关党建工作说到底是做“人”的工作", "blue", "underline")
    line = QColor(mark.color_hex).darker(150).name()
    start, end = printing.section_range(speech, mark.start)  # type: ignore[misc]
    pdf = _print(tmp_path, speech, [mark], families, start=start, end=end)
    assert _colour_pixels(pdf, tmp_path, line, dpi=150) > 100  # 17 characters: about 250 pixels long
    none = _print(tmp_path, speech, [], families, start=start, end=end)
    assert _colour_pixels(none, tmp_path, line, dpi=150) == 0


def test_headings_kept_with_the_text_they_head(speech: Document, families: list[str]) -> None:
    for doc, marks in ((speech, _speech_marks(speech)), (load_document(CORPUS / "06_xianfa.txt"), [])):
        qdoc = printing.build_print_document(doc, marks, families=families)
        height = qdoc.pageSize().height()
        layout = qdoc.documentLayout()
        headings = 0
        block = qdoc.begin()
        while block.isValid():
            nxt = block.next()
            if block.blockFormat().hasProperty(QTextFormat.Property.UserProperty + 2) and nxt.isValid():
                headings += 1
                page = layout.blockBoundingRect(block).top() // height
                line = nxt.layout().lineAt(0)
                next_line_bottom = nxt.layout().position().y() + line.y() + line.height() - 1
                assert next_line_bottom // height == page, block.text()
            block = nxt
        assert headings >= 6


def test_print_sizes_ignore_the_window_zoom(speech: Document, families: list[str]) -> None:
    from PySide6.QtGui import QGuiApplication

    qdoc = printing.build_print_document(speech, [], families=families)
    before = qdoc.pageCount()
    font = QGuiApplication.font()
    bigger = QGuiApplication.font()
    bigger.setPointSizeF(font.pointSizeF() * 2)
    QGuiApplication.setFont(bigger)
    try:
        assert printing.build_print_document(speech, [], families=families).pageCount() == before
    finally:
        QGuiApplication.setFont(font)
    cursor = QTextCursor(qdoc)
    cursor.setPosition(qdoc.findBlockByNumber(5).position() + 2)
    assert cursor.charFormat().font().pointSizeF() == 12


def test_section_and_selection_prints(tmp_path: Path, speech: Document, families: list[str]) -> None:
    start, end = printing.section_range(speech, speech.text.index("一要第一时间响应"))  # type: ignore[misc]
    assert speech.text[start:].startswith("二、找准")
    pdf = _print(tmp_path, speech, [], families, start=start, end=end)
    text = _body_text(_words(pdf))
    assert text.startswith("推进机关党建与全市中心工作深度融合")  # the head is printed
    assert _squash(QCoreApplication.translate("Printing", "(Excerpt)")) in text
    assert "二、找准机关党建与中心工作融合的有效路径" in text and "四要注重走出机关" in text
    assert "第一条经验" not in text and "三、把推进机关党建" not in text

    sel = speech.text.index("北京承担的党和国家重大活动比较多")
    pdf = _print(tmp_path, speech, [], families, start=sel, end=sel + 16)
    text = _body_text(_words(pdf))
    label = QCoreApplication.translate("Printing", "(Excerpt from: %1)")
    assert _squash(label.replace("%1", "二、找准机关党建与中心工作融合的有效路径")) in text
    assert text.endswith("北京承担的党和国家重大活动比较多")
    assert "二要聚焦关键任务" not in text


def test_statute_and_report_print(tmp_path: Path, families: list[str]) -> None:
    report = load_document(CORPUS / "03_ershida_baogao_2022.txt")
    pdf = _print(tmp_path, report, [], families)
    first = _squash("".join(w.text for w in _words(pdf) if w.page == 1))
    # the two title lines, the ——subtitle on a line of its own, the date and the speaker
    assert first.startswith(
        "高举中国特色社会主义伟大旗帜为全面建设社会主义现代化国家而团结奋斗"
        "——在中国共产党第二十次全国代表大会上的报告（2022年10月16日）习近平同志们："
    )
    law = load_document(CORPUS / "08_paimaifa_2015.txt")
    pdf = _print(tmp_path, law, [], families)
    text = _body_text(_words(pdf))
    assert text.count("第六十八条") == 1 and text.endswith(_squash(law.paragraphs[-1].text))
    assert "《关于修改<中华人民共和国拍卖法>的决定》" in text


def test_bundled_font_embedded(tmp_path: Path, speech: Document, families: list[str]) -> None:
    pdf = _print(tmp_path, speech, _speech_marks(speech), families)
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in out.splitlines()[2:]]
    assert names and all(name.replace(" ", "").startswith(families[0].replace(" ", "")) for name in names)


def test_preview_shows_the_pages_and_switches_options(qtbot: QtBot, speech: Document, tmp_path: Path) -> None:
    families = fonts.reading_font_families(speech.text)
    marks = _speech_marks(speech)
    expected = printing.write_pdf(str(tmp_path / "a.pdf"), speech, marks, printing.PrintOptions(), families)
    sel = (speech.text.index("一要第一时间响应"), speech.text.index("二要聚焦关键任务"))
    dialog = printing.open_print_preview(None, speech, marks, selection=sel, current_offset=sel[0])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preview_widget.pageCount() > 0)
    assert dialog.isVisible()
    assert dialog.preview_widget.pageCount() == expected == dialog.pages_painted
    assert dialog.scope_box.count() == 3  # whole document, current section, selection
    # the two options are in view (a row of their own, not in the overflow of Qt's tool bar)
    assert dialog.notes_box.isVisible() and dialog.scope_box.isVisible()
    assert dialog.scope_box.mapTo(dialog, dialog.scope_box.rect().bottomRight()).x() <= dialog.width()

    with qtbot.waitSignal(dialog.sig_options_changed) as sig:
        dialog.notes_box.setChecked(False)
    assert sig.args[0].notes is False
    without_notes = printing.write_pdf(
        str(tmp_path / "b.pdf"), speech, marks, printing.PrintOptions(notes=False), families
    )
    assert dialog.preview_widget.pageCount() == without_notes

    dialog.scope_box.setCurrentIndex(2)  # the selection: one page
    assert dialog.options[2:4] == sel
    assert dialog.preview_widget.pageCount() == 1
    dialog.close()


def test_running_title(tmp_path: Path, speech: Document) -> None:
    assert printing.header_title(speech) == "推进机关党建与全市中心工作深度融合"
    path = tmp_path / "关于加强档案管理的通知.txt"
    path.write_text("各单位要高度重视档案管理工作。\n请各单位认真贯彻执行。", encoding="utf-8")
    # no title found in the text: its file name, not the first words of its first paragraph
    assert printing.header_title(load_document(path)) == "关于加强档案管理的通知"


def test_preview_without_selection_offers_what_exists(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("第一段文字。\n第二段文字。", encoding="utf-8")
    doc = load_document(path)
    dialog = printing.open_print_preview(None, doc, [], current_offset=3)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preview_widget.pageCount() > 0)
    assert dialog.scope_box.count() == 1 and not dialog.scope_box.isEnabled()
    assert dialog.preview_widget.pageCount() == 1
    dialog.close()


def test_print_dialog_selection(
    qtbot: QtBot, speech: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = tmp_path / "printed.pdf"
    printer = printing.new_printer(speech.title)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf))
    offered: list[bool] = []

    def accept(self: QPrintDialog) -> int:  # the user picks "Selection" and clicks Print
        offered.append(self.testOption(QPrintDialog.PrintDialogOption.PrintSelection))
        self.printer().setPrintRange(QPrinter.PrintRange.Selection)
        return QPrintDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    sel = speech.text.index("北京承担的党和国家重大活动比较多")
    assert printing.print_document(None, speech, [], selection=(sel, sel + 16), printer=printer)
    assert offered == [True]
    text = _body_text(_words(pdf))
    assert text.endswith("北京承担的党和国家重大活动比较多")
    assert len(PdfReader(pdf).pages) == 1

    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Rejected.value)
    assert not printing.print_document(None, speech, [], printer=printing.new_printer())


def test_a_long_document_is_not_laid_out_whole_without_asking(
    qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:
    """A 10 MB text once froze the window for minutes in the preview: a long text opens on its
    current section, and the whole of it is laid out only when the user agrees."""
    from PySide6.QtWidgets import QMessageBox

    big = tmp_path / "long.txt"
    big.write_text("\n".join([SPEECH.read_text(encoding="utf-8")] * 70), encoding="utf-8")
    doc = load_document(big)
    assert printing.is_long(doc)
    asked: list[str] = []

    def say_no(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", say_no)
    at = doc.text.index("二要聚焦关键任务")
    dialog = printing.open_print_preview(None, doc, [], current_offset=at)
    qtbot.addWidget(dialog)
    assert dialog.scope_box.currentIndex() == 1  # the current section
    pages = dialog.preview_widget.pageCount()
    assert 0 < pages < 10
    dialog.scope_box.setCurrentIndex(0)  # the whole text: asked first, and "no" keeps the section
    assert (len(asked) == 1 and "页" in asked[0]) or "pages" in asked[0]
    assert dialog.scope_box.currentIndex() == 1 and dialog.preview_widget.pageCount() == pages
    dialog.close()
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: pytest.fail("no print dialog after a no"))
    assert printing.print_document(None, doc, []) is False
    assert len(asked) == 2
