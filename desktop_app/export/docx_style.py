"""Word formatting helpers shared by the two .docx exports (python-docx plus a little raw XML).

Fonts: python-docx's ``font.name`` sets only the Latin slots; Word and WPS take Chinese
text from the East Asian slot, and fall back to the theme font when a style names a
theme (``w:asciiTheme``/``w:eastAsiaTheme``...).  :func:`set_fonts` therefore writes
all four ``w:rFonts`` slots explicitly and removes the theme attributes.

Font fallback cannot be written into a run (``w:altName`` belongs to the font table);
we name the primary font (e.g. 仿宋_GB2312) and Word/WPS/LibreOffice substitute a
similar installed font (仿宋, FangSong) when it is missing.

Every export is A4 portrait and declares Chinese (``zh-CN``) as the East Asian language.
Two looks: ``default`` (宋体 body, 黑体 headings, Word's Chinese A4 margins) and ``gongwen``
(GB/T 9704-2012: margins 37/35/28/26 mm, 方正小标宋简体 22 pt title, 仿宋_GB2312 16 pt
body with 28 pt exact line spacing, 黑体 / 楷体_GB2312 headings, page numbers "— 1 —" at the
bottom).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

LATIN = "Times New Roman"
CHINESE = "zh-CN"
A4_MM = (210, 297)  # Mm(210) and Mm(297) are 11906 x 16838 twips, Word's A4
# Elements that follow w:shd in w:rPr (CT_RPr's sequence; Word rejects them out of order).
_RPR_AFTER_SHD = (
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)
_RPR_AFTER_RFONTS = (
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    *_RPR_AFTER_SHD,
)
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


@dataclass(frozen=True, slots=True)
class Look:
    body: str
    body_size: float
    title: str
    title_size: float
    headings: tuple[str, str, str]  # East Asian fonts of Heading 1..3
    heading_sizes: tuple[float, float, float]
    quote: str
    line_exact: float | None  # exact line spacing in points, or None for the template's
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right (on A4)
    heading_bold: tuple[bool, bool, bool]
    first_line_indent: bool


DEFAULT = Look(
    body="宋体",
    body_size=12,
    title="黑体",
    title_size=18,
    headings=("黑体", "黑体", "楷体"),
    heading_sizes=(16, 14, 12),
    quote="楷体",
    line_exact=None,
    margins_mm=(25.4, 25.4, 31.75, 31.75),  # Word's and WPS's defaults for Chinese A4 (2.54 / 3.17 cm)
    heading_bold=(True, True, True),
    first_line_indent=False,
)
GONGWEN = Look(
    body="仿宋_GB2312",
    body_size=16,  # 三号
    title="方正小标宋简体",
    title_size=22,  # 二号
    headings=("黑体", "楷体_GB2312", "仿宋_GB2312"),
    heading_sizes=(16, 16, 16),
    quote="楷体_GB2312",
    line_exact=28,
    margins_mm=(37, 35, 28, 26),
    heading_bold=(False, False, True),
    first_line_indent=True,
)
LOOKS = {"default": DEFAULT, "gongwen": GONGWEN}


def set_fonts(element: Any, east_asia: str, latin: str = LATIN) -> None:
    """Write all ``w:rFonts`` slots of a run's or a style's ``w:rPr``; drop theme fonts."""
    rpr = element if element.tag == qn("w:rPr") else element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert_element_before(rfonts, *_RPR_AFTER_RFONTS)
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), latin)


def run_fonts(run: Run, east_asia: str, latin: str = LATIN) -> Run:
    set_fonts(run._r, east_asia, latin)
    return run


def shade(run: Run, hex_colour: str) -> None:
    """Background shading (``w:shd``) in an exact colour: shows in Word, WPS and LibreOffice."""
    rpr = run._r.get_or_add_rPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_colour.lstrip("#").upper())
    rpr.insert_element_before(shd, *_RPR_AFTER_SHD)


def underline(run: Run, hex_colour: str) -> None:
    u = run._r.get_or_add_rPr().get_or_add_u()
    u.set(qn("w:val"), "thick")
    u.set(qn("w:color"), hex_colour.lstrip("#").upper())


def mark(run: Run, style: str, hex_colour: str) -> None:
    """Show an annotation's style: shading for a highlight, a coloured thick underline otherwise."""
    if style == "underline":
        underline(run, hex_colour)
    else:
        shade(run, hex_colour)


def outline_level(paragraph: Paragraph, level: int) -> None:
    """Put a body paragraph in the navigation pane at ``level`` (1-based) without a heading style."""
    ppr = paragraph._p.get_or_add_pPr()
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), str(level - 1))
    ppr.insert_element_before(lvl, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _style_fonts(styles: Any, name: str, east_asia: str, size: float | None, look: Look) -> Any:
    try:
        style = styles[name]
    except KeyError:
        return None
    set_fonts(style.element, east_asia)
    if size:
        style.font.size = Pt(size)
    if look.line_exact:
        pf = style.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(look.line_exact)
    return style


def prepare(document: DocxDocument, look: Look) -> None:
    """Page setup, document defaults, and fonts/sizes of the styles we use."""
    styles = document.styles
    # Document defaults (w:docDefaults) name theme fonts in python-docx's template.
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            set_fonts(rpr, look.body)
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = OxmlElement("w:lang")
                rpr.insert_element_before(lang, *_RPR_AFTER_SHD[_RPR_AFTER_SHD.index("w:lang") + 1 :])
            lang.set(qn("w:val"), lang.get(qn("w:val")) or "en-US")
            lang.set(qn("w:eastAsia"), CHINESE)
    declare_chinese(document)
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
        top, bottom, left, right = look.margins_mm
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
    normal = _style_fonts(styles, "Normal", look.body, look.body_size, look)
    if normal is not None and look.line_exact:
        normal.paragraph_format.space_after = Pt(0)
    title = _style_fonts(styles, "Title", look.title, look.title_size, look)
    if title is not None:
        title.font.color.rgb = RGBColor(0, 0, 0)
        title.font.bold = look is not GONGWEN
        title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if look.line_exact:  # a 22 pt title needs more than the body's 28 pt line
            title.paragraph_format.line_spacing = Pt(36)
        # python-docx's Title has a bottom border and a theme colour; keep it plain.
        ppr = title.element.pPr
        if ppr is not None:
            for border in ppr.findall(qn("w:pBdr")):
                ppr.remove(border)
    for i in range(3):
        h = _style_fonts(styles, f"Heading {i + 1}", look.headings[i], look.heading_sizes[i], look)
        if h is not None:
            h.font.color.rgb = RGBColor(0, 0, 0)
            h.font.bold = look.heading_bold[i]
            h.font.italic = False
    for name in ("Quote", "Subtitle", "Caption"):
        style = _style_fonts(styles, name, look.quote if name == "Quote" else look.body, None, look)
        if style is not None:
            # python-docx's are italic: Chinese has no italic, Word slants the glyphs instead.
            style.font.italic = False
    add_page_numbers(document, look)


def declare_chinese(document: DocxDocument) -> None:
    """Say the East Asian language is Chinese (python-docx's template says ja-JP in
    ``w:themeFontLang``: Word then picks Japanese theme fonts and Japanese line breaking),
    and compress punctuation as Chinese Word and WPS do by default (只压缩标点符号)."""
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is None:  # python-docx's template has one; keep the schema's order if not
        lang = OxmlElement("w:themeFontLang")
        follower = settings.find(qn("w:clrSchemeMapping"))
        if follower is not None:
            follower.addprevious(lang)
        else:
            settings.append(lang)
    lang.set(qn("w:val"), lang.get(qn("w:val")) or "en-US")
    lang.set(qn("w:eastAsia"), CHINESE)
    spacing = settings.find(qn("w:characterSpacingControl"))
    if spacing is not None:
        spacing.set(qn("w:val"), "compressPunctuation")


def add_page_numbers(document: DocxDocument, look: Look) -> None:
    """A centred ``— PAGE —`` field in every section's footer."""
    for section in document.sections:
        p = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run_fonts(p.add_run("— "), "宋体")
        add_field(p, "PAGE", "1")
        run_fonts(p.add_run(" —"), "宋体")
        for r in p.runs:
            r.font.size = Pt(14 if look is GONGWEN else 10.5)  # 四号 in 公文


def add_field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A complex field (``w:fldChar`` begin/separate/end) such as PAGE."""

    def char(kind: str) -> None:
        r = paragraph.add_run()
        fc = OxmlElement("w:fldChar")
        fc.set(qn("w:fldCharType"), kind)
        r._r.append(fc)

    char("begin")
    r = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    r._r.append(instr)
    char("separate")
    run_fonts(paragraph.add_run(placeholder), "宋体")
    char("end")


def add_text(paragraph: Paragraph, text: str, east_asia: str) -> list[Run]:
    """Runs for ``text`` with line breaks (``w:br``) where it has ``\\n``."""
    runs: list[Run] = []
    for line in text.split("\n"):
        if runs:
            runs[-1].add_break()
        runs.append(run_fonts(paragraph.add_run(line), east_asia))
    return runs


class Appender:
    """Appends paragraphs to a document body in O(1) each.

    python-docx's ``add_paragraph`` searches the whole body for ``w:sectPr`` and looks the
    style up by name every time: quadratic, seconds for a thousand notes.  This keeps the
    ``w:sectPr`` and the style ids.
    """

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self._body = document._body
        body = document.element.body
        self._sect = body.find(qn("w:sectPr"))
        self._body_elm = body
        self._ids: dict[str, str | None] = {}

    def style_id(self, name: str) -> str | None:
        if name not in self._ids:
            try:
                self._ids[name] = self.document.styles[name].style_id
            except KeyError:
                self._ids[name] = None
        return self._ids[name]

    def paragraph(self, style: str | None = None) -> Paragraph:
        from docx.text.paragraph import Paragraph

        p = OxmlElement("w:p")
        sid = self.style_id(style) if style else None
        if sid:
            p.style = sid
        if self._sect is not None:
            self._sect.addprevious(p)
        else:
            self._body_elm.append(p)
        return Paragraph(p, self._body)

    def xml(self, xml: str) -> Any:
        """Append a paragraph given as XML (:func:`para_xml`); returns its ``w:p`` element."""
        from docx.oxml import parse_xml

        p = parse_xml(xml)
        if self._sect is not None:
            self._sect.addprevious(p)
        else:
            self._body_elm.append(p)
        return p


# ----- fast paths: paragraphs as XML text, parsed once each ----------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """``text`` escaped for XML, with characters XML cannot hold dropped."""
    # & < > as xml.sax.saxutils.escape does (importing xml.sax pulls pyexpat into the bundle)
    return html.escape(_NOT_XML.sub("", text), quote=False)


def run_xml(
    text: str,
    east_asia: str,
    *,
    latin: str = LATIN,
    bold: bool = False,
    colour: str | None = None,
    size: float | None = None,
    style: str | None = None,
    mark_hex: str | None = None,
) -> str:
    """One ``w:r`` (line breaks in ``text`` become ``w:br``); ``style``/``mark_hex`` mark a note."""
    props = [
        f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{xml_text(east_asia)}" w:cs="{latin}"/>'
    ]
    if bold:
        props.append("<w:b/>")
    if colour:
        props.append(f'<w:color w:val="{colour.lstrip("#")}"/>')
    if size:
        half = round(size * 2)
        props.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    if mark_hex and style == "underline":
        props.append(f'<w:u w:val="thick" w:color="{mark_hex.lstrip("#").upper()}"/>')
    elif mark_hex:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{mark_hex.lstrip("#").upper()}"/>')
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{xml_text(line)}</w:t>' for line in text.split("\n"))
    return f"<w:r><w:rPr>{''.join(props)}</w:rPr>{body}</w:r>"


def para_xml(
    runs: str,
    *,
    style_id: str | None = None,
    left_indent: float | None = None,
    first_line: float | None = None,
    center: bool = False,
    outline: int | None = None,
) -> str:
    """One ``w:p`` around ``runs``; indents in points, ``outline`` a 1-based navigation level."""
    ppr = []
    if style_id:
        ppr.append(f'<w:pStyle w:val="{style_id}"/>')
    if left_indent or first_line:
        ind = f' w:left="{round(left_indent * 20)}"' if left_indent else ""
        ind += f' w:firstLine="{round(first_line * 20)}"' if first_line else ""
        ppr.append(f"<w:ind{ind}/>")
    if center:
        ppr.append('<w:jc w:val="center"/>')
    if outline:
        ppr.append(f'<w:outlineLvl w:val="{outline - 1}"/>')
    return f"<w:p {_W}><w:pPr>{''.join(ppr)}</w:pPr>{runs}</w:p>"
