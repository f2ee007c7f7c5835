"""PDFs made by real tools for the PDF reader's tests and benchmark.

* LibreOffice (``soffice --headless --convert-to pdf``) from a flat ODF text (.fodt) written
  here from a corpus text: heading paragraphs as outline headings (so the PDF has bookmarks),
  body paragraphs with a first-line indent or with space between them, a running header and
  a page-number footer in the forms Chinese documents use, one or two columns.
* Qt (``QTextDocument`` laid out on a ``QPdfWriter``, as desktop_app/export/pdf_qt.py does): no
  outline, page numbers drawn in the bottom margin.
* An image-only PDF (a page rendered by ``pdftoppm`` and drawn into a QPdfWriter): a scan.
* A PDF of many pages written by hand (a few bytes per page): the page limit.

LibreOffice gets its own HOME (profile) in a temporary folder and, through ``~/.fonts``, the
CJK font bundled with the program: the test machines have no Chinese system font.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

from desktop_app.core.loader import load_document

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttf"
FONT_NAME = "WenQuanYi Micro Hei"


class Layout(NamedTuple):
    """How a fixture's pages look."""

    indent: bool = True  # first-line indent of two characters (else space between paragraphs)
    align: str = "justify"  # or "start" (ragged right)
    header: str = ""  # a running header on every page ("" none)
    footer: str = "dash"  # page numbers: dash "— 3 —", hyphen "- 3 -", page_of "第 3 页 共 9 页",
    #                        slash "3 / 9", plain "3", "" none
    columns: int = 1
    page: tuple[float, float] = (210, 297)  # mm
    margins: tuple[float, float, float, float] = (25, 25, 28, 26)  # top, bottom, left, right in mm
    font_pt: float = 12
    line_pt: float = 0  # an exact line pitch (0: the font's own)
    hanging: bool = False  # punctuation may hang into the margin (LibreOffice 7.4 then drops
    #                        some of those commas from the PDF altogether: not on the page)


def corpus_text(name: str) -> tuple[list[str], dict[int, int]]:
    """The paragraphs of a corpus text (or resources/speech.txt) as the program reads them,
    and the level of each paragraph that is a whole heading in its tree (not a run-in one)."""
    path = ROOT / "resources" / "speech.txt" if name == "speech" else CORPUS / f"{name}.txt"
    doc = load_document(path)
    paragraphs = [p.text for p in doc.paragraphs]
    levels = {s.paragraph_index: s.level for s in doc.sections if not s.run_in}
    return paragraphs, levels


# ---------------------------------------------------------------------------------------------
# LibreOffice
# ---------------------------------------------------------------------------------------------

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


def _page_number(footer: str) -> str:
    page = '<text:page-number text:select-page="current">1</text:page-number>'
    count = "<text:page-count>1</text:page-count>"
    return {
        "dash": f"— {page} —",
        "hyphen": f"- {page} -",
        "page_of": f"第 {page} 页 共 {count} 页",
        "slash": f"{page} / {count}",
        "plain": page,
    }.get(footer, "")


def fodt(paragraphs: list[str], headings: dict[int, int], layout: Layout | None = None) -> str:
    """A flat ODF text document: ``headings`` (paragraph index -> level) become outline
    headings, the first paragraph a centred title, the rest body text."""
    lay = layout or Layout()
    pt = lay.font_pt
    line = f' fo:line-height="{lay.line_pt}pt"' if lay.line_pt else ""
    indent = f"{2 * pt}pt" if lay.indent else "0pt"
    gap = "0pt" if lay.indent else f"{pt * 0.8}pt"
    text_props = (
        f'style:font-name="{FONT_NAME}" style:font-name-asian="{FONT_NAME}" '
        f'fo:font-size="{pt}pt" style:font-size-asian="{pt}pt" fo:language="zh" fo:country="CN" '
        'style:language-asian="zh" style:country-asian="CN"'
    )
    top, bottom, left, right = lay.margins
    columns = (
        f'<style:columns fo:column-count="{lay.columns}" fo:column-gap="8mm"/>' if lay.columns > 1 else ""
    )
    header = (
        f'<style:header><text:p text:style-name="Header">{escape(lay.header)}</text:p></style:header>'
        if lay.header
        else ""
    )
    footer = (
        f'<style:footer><text:p text:style-name="Footer">{_page_number(lay.footer)}</text:p></style:footer>'
        if lay.footer
        else ""
    )
    hf = (
        '<style:header-style><style:header-footer-properties fo:min-height="0mm" fo:margin-bottom="5mm"/>'
        "</style:header-style>"
    )
    ff = (
        '<style:footer-style><style:header-footer-properties fo:min-height="0mm" fo:margin-top="5mm"/>'
        "</style:footer-style>"
    )
    heading_styles = "".join(
        f'<style:style style:name="H{n}" style:family="paragraph" style:default-outline-level="{n}">'
        f'<style:paragraph-properties fo:margin-top="{pt * 0.6}pt" fo:margin-bottom="{pt * 0.6}pt" '
        f'fo:text-indent="0pt" fo:keep-with-next="always"/>'
        f'<style:text-properties fo:font-size="{pt + 4 - n}pt" style:font-size-asian="{pt + 4 - n}pt"/>'
        "</style:style>"
        for n in (1, 2, 3, 4)
    )
    body: list[str] = []
    for i, text in enumerate(paragraphs):
        t = escape(text)
        if i in headings:
            n = min(4, headings[i])
            body.append(f'<text:h text:style-name="H{n}" text:outline-level="{n}">{t}</text:h>')
        elif i == 0:
            body.append(f'<text:p text:style-name="Title">{t}</text:p>')
        else:
            body.append(f'<text:p text:style-name="Body">{t}</text:p>')
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {_NS} office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="{FONT_NAME}" svg:font-family="'{FONT_NAME}'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties{line} style:punctuation-wrap="{"hanging" if lay.hanging else "simple"}"/>
  <style:text-properties {text_props}/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:text-indent="{indent}" fo:margin-top="0pt" fo:margin-bottom="{gap}"
   fo:text-align="{lay.align}"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="{pt}pt"/>
  <style:text-properties fo:font-size="{pt + 6}pt" style:font-size-asian="{pt + 6}pt"/>
 </style:style>
 <style:style style:name="Header" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="{pt - 3}pt" style:font-size-asian="{pt - 3}pt"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
 </style:style>
 {heading_styles}
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="{lay.page[0]}mm" fo:page-height="{lay.page[1]}mm"
   fo:margin-top="{top}mm" fo:margin-bottom="{bottom}mm" fo:margin-left="{left}mm"
   fo:margin-right="{right}mm">{columns}</style:page-layout-properties>
  {hf}{ff}
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">{header}{footer}</style:master-page>
</office:master-styles>
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body>
</office:document>
"""


def office_home(folder: Path) -> Path:
    """A HOME for LibreOffice: its own profile, and the bundled CJK font in ~/.fonts."""
    fonts = folder / ".fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    if not (fonts / FONT.name).exists():
        shutil.copyfile(FONT, fonts / FONT.name)
    return folder


def soffice_pdf(source: Path, out_dir: Path, home: Path, export: str = "") -> Path:
    """``source`` converted to PDF by LibreOffice (``export``: the PDF filter's JSON options)."""
    target = "pdf:writer_pdf_Export" + (f":{export}" if export else "")
    env = {**os.environ, "HOME": str(home), "SAL_USE_VCLPLUGIN": "svp"}
    env.pop("DISPLAY", None)
    proc = subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{home}/lo-profile",
         "--convert-to", target, "--outdir", str(out_dir), str(source)],
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    pdf = out_dir / (source.stem + ".pdf")
    if proc.returncode or not pdf.exists():
        raise RuntimeError(f"soffice failed ({proc.returncode}): {proc.stdout} {proc.stderr}")
    return pdf


def libreoffice_pdf(
    out: Path,
    paragraphs: list[str],
    headings: dict[int, int],
    layout: Layout | None = None,
    home: Path | None = None,
    export: str = "",
) -> Path:
    """A PDF of ``paragraphs`` made by LibreOffice, at ``out``."""
    work = out.parent / f".{out.stem}-work"
    work.mkdir(parents=True, exist_ok=True)
    source = work / f"{out.stem}.fodt"
    source.write_text(fodt(paragraphs, headings, layout), encoding="utf-8")
    pdf = soffice_pdf(source, work, home or office_home(work / "home"), export)
    pdf.replace(out)
    return out


def encrypted_export(user_password: str = "", owner_password: str = "") -> str:
    """LibreOffice's PDF filter options for an encrypted PDF (an open password, or only
    restricted permissions behind an owner password)."""
    opts = ['"EncryptFile":{"type":"boolean","value":"true"}']
    if user_password:
        opts.append(f'"DocumentOpenPassword":{{"type":"string","value":"{user_password}"}}')
    if owner_password:
        opts.append('"RestrictPermissions":{"type":"boolean","value":"true"}')
        opts.append(f'"PermissionPassword":{{"type":"string","value":"{owner_password}"}}')
        opts.append('"EnableCopyingOfContent":{"type":"boolean","value":"false"}')
    return "{" + ",".join(opts) + "}"


# ---------------------------------------------------------------------------------------------
# Qt
# ---------------------------------------------------------------------------------------------


def _qt() -> None:
    from desktop_app.export.pdf_qt import ensure_gui_app

    ensure_gui_app()


def _qt_font_family() -> str:
    from PySide6.QtGui import QFontDatabase

    fid = QFontDatabase.addApplicationFont(str(FONT))
    families = QFontDatabase.applicationFontFamilies(fid)
    return families[0] if families else FONT_NAME


def qt_pdf(
    out: Path,
    paragraphs: list[str],
    *,
    page_numbers: str = "- {n} -",
    title_header: str = "",
    columns: int = 1,
    watermark: str = "",
) -> Path:
    """A PDF of ``paragraphs`` written by Qt: A4, 12 pt, first-line indent of two characters,
    ``page_numbers`` (``{n}`` the page, ``{total}`` the count) centred under the text and
    ``title_header`` centred above it on every page.  Each line is drawn on its own page (as
    desktop_app/export/pdf.py does).  With ``columns=2`` the text flows down a left and then a
    right column, and the lines are drawn across the page in turn (left 1, right 1, left 2 ...):
    the drawing order of PDFs that are read wrongly line by line.  ``watermark``: a large grey
    text drawn turned across every page, under the text."""
    _qt()
    from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF
    from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

    from desktop_app.export.pdf_qt import lines_by_page, measure_css_units

    family = _qt_font_family()
    writer = QPdfWriter(str(out))
    writer.setResolution(1200)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    dpmm = 1200 / 25.4
    page_w, page_h = 210 * dpmm, 297 * dpmm
    margin_x, margin_top, margin_bottom = 28 * dpmm, 30 * dpmm, 30 * dpmm
    gutter = 8 * dpmm
    text_w = (page_w - 2 * margin_x - (columns - 1) * gutter) / columns
    text_h = page_h - margin_top - margin_bottom
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    font = QFont(family)
    font.setPointSizeF(12)
    doc.setDefaultFont(font)
    units = measure_css_units(writer)  # Qt's CSS pixels on a 1200 dpi writer (export/pdf_qt.py)
    indent = f"{24 * units.across:.2f}px"
    body = "".join(
        f'<p style="text-indent: {0 if i == 0 else indent}; margin: 0;'
        f'{" text-align: center; font-size: 16pt;" if i == 0 else ""}">{escape(t)}</p>'
        for i, t in enumerate(paragraphs)
    )
    doc.setHtml(f"<body>{body}</body>")
    doc.setDocumentMargin(0)
    doc.setPageSize(QSizeF(text_w, text_h))
    doc.documentLayout().documentSize()  # lays the whole text out
    # (page, column) -> the lines on it, each with where it is drawn
    placed: dict[tuple[int, int], list[tuple[object, QPointF]]] = {}
    for on, line, x, y in lines_by_page(doc, text_h):
        page, col = divmod(on, columns)
        left = margin_x + col * (text_w + gutter)
        placed.setdefault((page, col), []).append((line, QPointF(left + x, margin_top + y)))
    pages = max(page for page, _ in placed) + 1
    small = QFont(family)
    small.setPointSizeF(10.5)
    painter = QPainter(writer)
    try:
        for n in range(pages):
            if n:
                writer.newPage()
            if watermark:
                big = QFont(family)
                big.setPointSizeF(60)
                painter.save()
                painter.setFont(big)
                painter.setPen(QColor(200, 200, 200))
                painter.translate(page_w / 2, page_h / 2)
                painter.rotate(-35)
                painter.drawText(QRectF(-page_w / 2, -40 * dpmm, page_w, 80 * dpmm), 0x84, watermark)
                painter.restore()
            runs = [placed.get((n, c), []) for c in range(columns)]
            for row in range(max(len(r) for r in runs)):
                for run in runs:
                    if row < len(run):
                        line, where = run[row]
                        line.draw(painter, where)  # type: ignore[attr-defined]
            painter.setFont(small)
            number = page_numbers.format(n=n + 1, total=pages)
            painter.drawText(QRectF(0, page_h - margin_bottom + 8 * dpmm, page_w, 8 * dpmm), 0x84, number)
            if title_header:
                painter.drawText(QRectF(0, margin_top - 16 * dpmm, page_w, 8 * dpmm), 0x84, title_header)
    finally:
        painter.end()
        doc.documentLayout().setPaintDevice(None)
    return out


def image_only_pdf(out: Path, source_pdf: Path, pages: int = 2) -> Path:
    """A scan: the first ``pages`` pages of ``source_pdf`` rendered to PNG by pdftoppm and drawn
    as images into a PDF by Qt; no text layer."""
    _qt()
    from PySide6.QtCore import QMarginsF, QRectF
    from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

    work = out.parent / f".{out.stem}-png"
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", str(pages), str(source_pdf), str(work / "p")],
        check=True, timeout=120,
    )  # fmt: skip
    writer = QPdfWriter(str(out))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    painter = QPainter(writer)
    try:
        for n, png in enumerate(sorted(work.glob("p*.png"))):
            if n:
                writer.newPage()
            image = QImage(str(png))
            painter.drawImage(QRectF(0, 0, writer.width(), writer.height()), image)
    finally:
        painter.end()
    return out


# ---------------------------------------------------------------------------------------------
# By hand
# ---------------------------------------------------------------------------------------------


def many_pages_pdf(out: Path, pages: int) -> Path:
    """A valid PDF of ``pages`` small pages that all show one line of text (one shared
    content stream), written object by object with a correct cross-reference table."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    content = b"BT /F1 12 Tf 20 40 Td (Page text.) Tj ET"
    objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    first_page = len(objects) + 1
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects[1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, kids)
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Resources << /Font << /F1 3 0 R >> >>"
        b" /Contents 4 0 R >>"
    )
    objects.extend([page] * pages)
    out.write_bytes(pdf_from_objects(objects))
    return out


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1; object 1 the catalog) with its xref table."""
    parts = [b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"]
    offsets = []
    pos = len(parts[0])
    for n, body in enumerate(objects, start=1):
        chunk = b"%d 0 obj\n%s\nendobj\n" % (n, body)
        offsets.append(pos)
        parts.append(chunk)
        pos += len(chunk)
    xref = [b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)]
    xref += [b"%010d 00000 n \n" % off for off in offsets]
    parts += xref
    parts.append(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, pos))
    return b"".join(parts)


# ---------------------------------------------------------------------------------------------
# Written by hand: Adobe's standard Chinese font, not embedded (as iText and older portal
# software write Chinese PDFs); a few KB
# ---------------------------------------------------------------------------------------------

_OPENING_PUNCT = "“‘《（(「『【"
_CLOSING_PUNCT = "，。、；：？！）》」』】”’…,.;:?!)"


def _advance(ch: str, size: float) -> float:
    return size / 2 if ch.isascii() else size


def _wrap(text: str, width: float, size: float, indent: float) -> list[str]:
    """Greedy lines: a closing mark never starts a line, an opening one never ends it."""
    lines: list[str] = []
    line = ""
    room = width - indent
    used = 0.0
    for ch in text:
        w = _advance(ch, size)
        if used + w > room and line:
            carry = ""
            if ch in _CLOSING_PUNCT:  # take the last character down with it
                carry, line = line[-1], line[:-1]
            while line and line[-1] in _OPENING_PUNCT:
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line)
            line = carry
            used = sum(_advance(c, size) for c in line)
            room = width
        line += ch
        used += w
    if line:
        lines.append(line)
    return lines


def _hex(text: str) -> bytes:
    return b"<" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def standard_font_pdf(paragraphs: list[str], headings: dict[int, int] | None = None) -> bytes:
    """A PDF of ``paragraphs`` in STSong-Light (not embedded; UniGB-UCS2-H): A4, 12 pt on
    a 21 pt pitch, body paragraphs indented two characters, the first paragraph a centred
    16 pt title, "— n —" under each page, ``headings`` as the outline."""
    headings = headings or {}
    page_w, page_h = 595.0, 842.0
    left, right, top, bottom = 79.0, 79.0, 90.0, 90.0
    width = page_w - left - right
    pages: list[list[bytes]] = [[]]
    marks: list[tuple[str, int, int, float]] = []  # title, level, page, y
    y = page_h - top
    for i, text in enumerate(paragraphs):
        size = 16.0 if i == 0 else 12.0
        indent = 0.0 if i == 0 or i in headings else 2 * size
        lines = _wrap(text, width, size, indent)
        for n, line in enumerate(lines):
            pitch = 1.75 * size
            if y - pitch < bottom:
                pages.append([])
                y = page_h - top
            y -= pitch
            if n == 0 and i in headings:
                marks.append((text, headings[i], len(pages) - 1, y + size))
            run = sum(_advance(c, size) for c in line)
            x = left + (width - run) / 2 if i == 0 else left + (indent if n == 0 else 0)
            pages[-1].append(b"BT /F1 %.1f Tf %.2f %.2f Td %s Tj ET" % (size, x, y, _hex(line)))
    objects: list[bytes] = [b"", b"", b""]  # catalog, page tree, outline root: below
    font = len(objects) + 1
    objects.append(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
        b" /DescendantFonts [%d 0 R] >>" % (font + 1)
    )
    objects.append(
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >>"
        b" /FontDescriptor %d 0 R /DW 1000 /W [1 95 500] >>" % (font + 2)
    )
    objects.append(
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
    )
    page_ids = []
    for n, body in enumerate(pages):
        number = f"— {n + 1} —"
        run = sum(_advance(c, 10.5) for c in number)
        body = [*body, b"BT /F1 10.5 Tf %.2f %.2f Td %s Tj ET" % ((page_w - run) / 2, 50.0, _hex(number))]
        stream = b"\n".join(body)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >>"
            b" /Contents %d 0 R >>" % (font, len(objects))
        )
        page_ids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (
        len(page_ids),
        b" ".join(b"%d 0 R" % p for p in page_ids),
    )
    first_mark = len(objects) + 1
    items = []
    for k, (title, _level, page, y) in enumerate(marks):  # one level: enough for the sample
        prev = b" /Prev %d 0 R" % (first_mark + k - 1) if k else b""
        nxt = b" /Next %d 0 R" % (first_mark + k + 1) if k + 1 < len(marks) else b""
        items.append(
            b"<< /Title %s /Parent 3 0 R%s%s /Dest [%d 0 R /XYZ %.1f %.1f 0] >>"
            % (_hex("\ufeff" + title), prev, nxt, page_ids[page], left, y)
        )
    objects.extend(items)
    if marks:
        objects[2] = b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>" % (
            first_mark,
            first_mark + len(marks) - 1,
            len(marks),
        )
        objects[0] = b"<< /Type /Catalog /Pages 2 0 R /Outlines 3 0 R /PageMode /UseOutlines >>"
    else:
        objects[2] = b"<< /Type /Outlines /Count 0 >>"
        objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    return pdf_from_objects(objects)


SAMPLE = ROOT / "resources" / "samples" / "speech.pdf"
SAMPLE_PARAGRAPHS = 12  # the head and the first two headings of the speech


def make_sample() -> bytes:
    """resources/samples/speech.pdf (for the selftest): the speech's first paragraphs."""
    paragraphs, headings = corpus_text("speech")
    return standard_font_pdf(
        paragraphs[:SAMPLE_PARAGRAPHS], {i: lv for i, lv in headings.items() if i < SAMPLE_PARAGRAPHS}
    )


if __name__ == "__main__":  # python3 -m tests.formats.pdf_fixtures: write the sample again
    SAMPLE.parent.mkdir(exist_ok=True)
    SAMPLE.write_bytes(make_sample())
    print(SAMPLE, SAMPLE.stat().st_size, "bytes")
