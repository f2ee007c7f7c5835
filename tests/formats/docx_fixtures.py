"""Word files made by real tools from the corpus texts, for tests/formats/test_docx.py.

* python-docx: the text's paragraphs as they are; or with the headings the .txt tree finds in
  Word heading styles; or with "一、", "（一）", "第一条", "第一章", "第一节" taken out of the
  text and given back by list numbering (a numbering.xml written here: chineseCounting levels,
  suffixes, restarts, startOverride where the text's numbers do not simply count on), and the
  headings' numbers coming from their style's numPr.
* LibreOffice (``soffice --headless --convert-to docx``) from the .txt, from an .html with
  h1-h6, and from an .odt whose "一、" / "（一）" are ODF list numbering: LibreOffice writes its
  own styles and numbering.xml, different from python-docx's.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from desktop_app.core.document import Document
from desktop_app.core.loader import load_document
from desktop_app.core.numerals import parse_chinese_number

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"

_CN = "一二三四五六七八九十百零〇"
# kind -> (pattern of the typed number, list, level, lvlText); lists: A 一、（一）(一), B 条, C 章 节
NUMBER_KINDS = {
    "chapter": (re.compile(rf"第([{_CN}]+)章"), "C", 0, "第%1章"),
    "section": (re.compile(rf"第([{_CN}]+)节"), "C", 1, "第%2节"),
    "article": (re.compile(rf"第([{_CN}]+)条"), "B", 0, "第%1条"),
    "dun": (re.compile(rf"([{_CN}]+)、"), "A", 0, "%1、"),
    "paren": (re.compile(rf"（([{_CN}]+)）"), "A", 1, "（%2）"),
    "half_paren": (re.compile(rf"\(([{_CN}]+)\)"), "A", 2, "(%3)"),
}
LISTS = {"A": 10, "B": 20, "C": 30}  # list -> abstractNumId (its first num has the same id)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


# ---------------------------------------------------------------- python-docx


def docx_from_paragraphs(
    texts: list[str],
    out: Path,
    *,
    headings: dict[int, int] | None = None,
    numbered: bool = False,
    title: str = "",
) -> Path:
    """A .docx of ``texts`` (one Word paragraph each) made with python-docx.  ``headings``:
    index -> level, given the style "Heading N".  ``numbered``: typed list numbers become
    Word list numbering (see module doc)."""
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    numbering = _ListWriter(document) if numbered else None
    for i, text in enumerate(texts):
        level = (headings or {}).get(i)
        style = f"Heading {level}" if level else None
        if numbering is not None:
            text = numbering.take(text, heading_level=level)
        paragraph = document.add_paragraph(text, style=style)
        if numbering is not None:
            numbering.apply(paragraph)
    if numbering is not None:
        numbering.finish()
    document.save(str(out))
    return out


class _ListWriter:
    """Turns typed numbers into Word list numbering, counting as Word counts (a level restarts
    when a higher one of its list is used); a typed number that does not follow gets a new num
    with a startOverride.  Headings (heading 1 / 2 styles) take their numPr from the style."""

    def __init__(self, document: object) -> None:
        self.document = document
        self.root = document.part.numbering_part.element  # type: ignore[attr-defined]
        self.current = {name: ab for name, ab in LISTS.items()}  # list -> numId in use
        self.counts: dict[str, dict[int, int]] = {name: {} for name in LISTS}
        self.overrides: dict[int, tuple[int, int, int]] = {}  # numId -> (abstract, level, start)
        self.next_num = 100
        self.suffixes: dict[tuple[str, int], str] = {}
        self.pending: tuple[int, int] | None = None
        self.style_lists: dict[int, tuple[str, int]] = {}  # heading level -> (list, level)
        self.heading: int | None = None
        self.made: list[tuple[object, int | None, tuple[int, int] | None]] = []

    def take(self, text: str, heading_level: int | None) -> str:
        """The text without its typed number (remembered for :meth:`apply`)."""
        self.pending = None
        self.heading = heading_level
        for _kind, (pattern, name, level, _lvl_text) in NUMBER_KINDS.items():
            m = pattern.match(text)
            if not m:
                continue
            value = parse_chinese_number(m.group(1))
            rest = text[m.end() :]
            if value is None or not rest:
                return text
            # the suffix: a typed space becomes w:suff space; after a mark Word's tab shows nothing
            if rest.startswith(" "):
                rest, suffix = rest[1:], "space"
            elif m.group(0)[-1] in "、）)":
                suffix = "tab"
            else:
                suffix = "nothing"
            if self.suffixes.setdefault((name, level), suffix) != suffix:
                return text  # this level's suffix is already another: keep the number typed
            counts = self.counts[name]
            expected = counts[level] + 1 if level in counts else 1
            if value != expected:  # the text restarts or skips: a new num from this value
                num = self.next_num
                self.next_num += 1
                self.overrides[num] = (LISTS[name], level, value)
                self.current[name] = num
                counts.clear()
            counts[level] = value
            for deeper in [k for k in counts if k > level]:
                del counts[deeper]
            num = self.current[name]
            linked = heading_level in (1, 2) and num == LISTS[name]
            if linked and self.style_lists.setdefault(heading_level, (name, level)) == (name, level):
                self.pending = (-1, heading_level)  # numbered by its heading style
                return rest
            self.pending = (num, level)
            return rest
        return text

    def apply(self, paragraph: object) -> None:
        self.made.append((paragraph, self.heading, self.pending))

    def _num_pr(self, paragraph: object, num: int, level: int | None) -> None:
        ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
        num_pr = etree.SubElement(ppr, W + "numPr")
        if level is not None:
            etree.SubElement(num_pr, W + "ilvl").set(W + "val", str(level))
        etree.SubElement(num_pr, W + "numId").set(W + "val", str(num))

    def finish(self) -> None:
        for paragraph, heading, pending in self.made:
            if pending is not None and pending[0] != -1:
                self._num_pr(paragraph, *pending)
            elif pending is None and heading in self.style_lists:
                self._num_pr(paragraph, 0, None)  # a heading of a numbered style, not numbered
        root = self.root
        for child in list(root):
            root.remove(child)  # the template's own lists are not used
        for name, abstract in LISTS.items():
            ab = etree.SubElement(root, W + "abstractNum")
            ab.set(W + "abstractNumId", str(abstract))
            etree.SubElement(ab, W + "multiLevelType").set(W + "val", "multilevel")
            for _kind, (_pattern, list_name, level, lvl_text) in NUMBER_KINDS.items():
                if list_name != name:
                    continue
                lvl = etree.SubElement(ab, W + "lvl")
                lvl.set(W + "ilvl", str(level))
                etree.SubElement(lvl, W + "start").set(W + "val", "1")
                etree.SubElement(lvl, W + "numFmt").set(W + "val", "chineseCounting")
                for heading, linked in self.style_lists.items():
                    if linked == (name, level):
                        etree.SubElement(lvl, W + "pStyle").set(W + "val", f"Heading{heading}")
                suffix = self.suffixes.get((name, level), "tab")
                if suffix != "tab":
                    etree.SubElement(lvl, W + "suff").set(W + "val", suffix)
                etree.SubElement(lvl, W + "lvlText").set(W + "val", lvl_text)
        for abstract in LISTS.values():
            self._num(abstract, abstract)
        for num, (abstract, level, start) in self.overrides.items():
            el = self._num(num, abstract)
            override = etree.SubElement(el, W + "lvlOverride")
            override.set(W + "ilvl", str(level))
            etree.SubElement(override, W + "startOverride").set(W + "val", str(start))
        styles = self.document.styles  # type: ignore[attr-defined]
        for heading, (name, _level) in self.style_lists.items():
            ppr = styles[f"Heading {heading}"].element.get_or_add_pPr()
            num_pr = etree.SubElement(ppr, W + "numPr")  # no ilvl: the level naming the style
            etree.SubElement(num_pr, W + "numId").set(W + "val", str(LISTS[name]))

    def _num(self, num_id: int, abstract: int) -> object:
        el = etree.SubElement(self.root, W + "num")
        el.set(W + "numId", str(num_id))
        etree.SubElement(el, W + "abstractNumId").set(W + "val", str(abstract))
        return el


def heading_levels(doc: Document) -> dict[int, int]:
    """Paragraph index -> level of the .txt tree's headings that are whole paragraphs (a
    run-in heading shares its paragraph with body text and cannot be given a heading style)."""
    return {s.paragraph_index: s.level for s in doc.sections if not s.run_in}


# ---------------------------------------------------------------- LibreOffice


def html_of(doc: Document, headings: dict[int, int]) -> str:
    body = []
    for i, p in enumerate(doc.paragraphs):
        tag = f"h{headings[i]}" if i in headings else "p"
        body.append(f"<{tag}>{escape(p.text)}</{tag}>")
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>t</title></head><body>\n'
        + "\n".join(body)
        + "\n</body></html>\n"
    )


_ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2"'
)


def write_odt_with_lists(doc: Document, out: Path) -> Path:
    """An .odt where the "一、" and "（一）" paragraphs are items of one ODF list (levels 1 and 2,
    num-format 一, 二, 三 and suffixes "、" / prefix "（" suffix "）"), the rest plain paragraphs.
    Where the typed numbers do not count on, the paragraph keeps its number typed."""
    dun, paren = NUMBER_KINDS["dun"][0], NUMBER_KINDS["paren"][0]
    items = []
    counts: dict[int, int] = {}
    for p in doc.paragraphs:
        text = p.text
        level = value = None
        for lvl, pattern in ((1, dun), (2, paren)):
            m = pattern.match(text)
            if m and len(text) > m.end() and text[m.end()] != " ":
                value = parse_chinese_number(m.group(1))
                level = lvl
                rest = text[m.end() :]
                break
        if level is not None and value == counts.get(level, 0) + 1 and (level == 1 or 1 in counts):
            counts[level] = value
            if level == 1:
                counts.pop(2, None)
            items.append((level, rest))
        else:
            items.append((0, text))
    parts = []
    open_list = False
    for level, text in items:
        if level and not open_list:  # the list goes on after the paragraphs between its items
            go_on = ' text:continue-numbering="true"' if any("<text:list " in x for x in parts) else ""
            parts.append(f'<text:list text:style-name="CN"{go_on}>')
            open_list = True
        if not level and open_list:
            parts.append("</text:list>")
            open_list = False
        t = escape(text)
        if level == 1:
            parts.append(f"<text:list-item><text:p>{t}</text:p></text:list-item>")
        elif level == 2:
            parts.append(f"<text:list-item><text:list><text:list-item><text:p>{t}</text:p>"
                         "</text:list-item></text:list></text:list-item>")  # fmt: skip
        else:
            parts.append(f"<text:p>{t}</text:p>")
    if open_list:
        parts.append("</text:list>")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODT_NS}>'
        "<office:automatic-styles>"
        '<text:list-style style:name="CN">'
        '<text:list-level-style-number text:level="1" style:num-format="一, 二, 三, ..." '
        'style:num-suffix="、"/>'
        '<text:list-level-style-number text:level="2" style:num-format="一, 二, 三, ..." '
        'style:num-prefix="（" style:num-suffix="）"/>'
        "</text:list-style></office:automatic-styles>"
        "<office:body><office:text>" + "".join(parts) + "</office:text></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out


def convert_with_libreoffice(inputs: list[Path], outdir: Path, home: Path, infilter: str = "") -> list[Path]:
    """Convert ``inputs`` (one kind) to .docx with LibreOffice headless, its profile in ``home``."""
    import os

    office = soffice()
    assert office, "LibreOffice is needed"
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [office, "--headless", "--norestore", f"-env:UserInstallation=file://{home}/lo-profile"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    cmd += ["--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), *map(str, inputs)]
    env = {**os.environ, "HOME": str(home)}
    subprocess.run(cmd, check=True, capture_output=True, timeout=300, env=env)
    outs = [outdir / (p.stem + ".docx") for p in inputs]
    missing = [p for p in outs if not p.is_file()]
    assert not missing, f"LibreOffice made no {missing}"
    return outs


def corpus_document(path: Path) -> Document:
    return load_document(path)


# ---------------------------------------------------------------- Word's other parts

_ODT_FEATURE_NS = (
    _ODT_NS + ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    ' xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
    ' xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
_CHANGE_INFO = (
    "<office:change-info><dc:creator>审稿人</dc:creator>"
    "<dc:date>2023-06-14T10:00:00</dc:date></office:change-info>"
)
# What the body of features.odt reads as, paragraph by paragraph, once in Word.
FEATURES_TEXT = [
    "关于做好年度工作的通知",
    "正文第一段，见脚注。后文接着写。",
    "锚定文本框的段落。",
    "文本框里的说明文字。",
    "表格前的段落。",
    "甲单元格",
    "乙单元格第一段",
    "乙单元格第二段",
    "丙单元格",
    "丁单元格",
    "表格后的段落。",
    "保留的文字，插入的文字。",
    "第一行",
    "第二行",
    "制表符 之后",
    "本页是第 1 页。",
    "批注所在的段落。",
]
# What must not be read as the body.
FEATURES_ABSENT = ["脚注内容", "尾注内容", "删除的文字", "批注内容", "PAGE"]


_NOTES = (
    "<text:p>正文第一段，见脚注。"
    '<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
    "<text:note-body><text:p>脚注内容</text:p></text:note-body></text:note>后文接着写。"
    '<text:note text:id="n2" text:note-class="endnote"><text:note-citation>i</text:note-citation>'
    "<text:note-body><text:p>尾注内容</text:p></text:note-body></text:note></text:p>"
)
_BOX = (
    "<text:p>锚定文本框的段落。"
    '<draw:frame draw:name="box" text:anchor-type="paragraph" svg:width="6cm" svg:height="2cm" '
    'svg:x="1cm" svg:y="0cm" draw:z-index="0"><draw:text-box><text:p>文本框里的说明文字。</text:p>'
    "</draw:text-box></draw:frame></text:p>"
)
_CHANGES = (
    '<text:p>保留的文字，<text:change text:change-id="c1"/><text:change-start text:change-id="c2"/>'
    '插入的文字<text:change-end text:change-id="c2"/>。</text:p>'
)
_FIELD = '<text:p>本页是第 <text:page-number text:select-page="current">1</text:page-number> 页。</text:p>'
_COMMENT = (
    "<text:p><office:annotation><dc:creator>审稿人</dc:creator><text:p>批注内容</text:p>"
    "</office:annotation>批注所在的段落。</text:p>"
)


def _cell(*paragraphs: str) -> str:
    return "<table:table-cell>" + "".join(f"<text:p>{t}</text:p>" for t in paragraphs) + "</table:table-cell>"


def write_features_odt(out: Path) -> Path:
    """An .odt with what a Word file may hold besides plain paragraphs: a footnote and an
    endnote, a text box, a table (one cell of two paragraphs), tracked changes (a deletion and
    an insertion), a line break, a tab, a page-number field and a comment.  LibreOffice turns
    each into its Word form (footnotes.xml, wps:txbx + VML fallback, w:ins/w:del, fldChar ...)."""
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {_ODT_FEATURE_NS}><office:body><office:text>
<text:tracked-changes>
 <text:changed-region text:id="c1"><text:deletion>{_CHANGE_INFO}<text:p>删除的文字</text:p>
 </text:deletion></text:changed-region>
 <text:changed-region text:id="c2"><text:insertion>{_CHANGE_INFO}</text:insertion></text:changed-region>
</text:tracked-changes>
<text:p>关于做好年度工作的通知</text:p>
{_NOTES}
{_BOX}
<text:p>表格前的段落。</text:p>
<table:table table:name="表一"><table:table-column table:number-columns-repeated="2"/>
 <table:table-row>{_cell("甲单元格")}{_cell("乙单元格第一段", "乙单元格第二段")}</table:table-row>
 <table:table-row>{_cell("丙单元格")}{_cell("丁单元格")}</table:table-row>
</table:table>
<text:p>表格后的段落。</text:p>
{_CHANGES}
<text:p>第一行<text:line-break/>第二行</text:p>
<text:p>制表符<text:tab/>之后</text:p>
{_FIELD}
{_COMMENT}
</office:text></office:body></office:document-content>"""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out


def make_sample(out: Path, work: Path) -> Path:
    """resources/samples/speech.docx: the speech's paragraphs up to the one after its "二、"
    heading, its "一、" and "二、" being Word list numbering (LibreOffice from an .odt list)."""
    from desktop_app.core.loader import document_from_text

    speech = load_document(Path(__file__).resolve().parents[2] / "resources" / "speech.txt")
    second = next(s for s in speech.sections if s.title.startswith("二、"))
    texts = [p.text for p in speech.paragraphs[: second.paragraph_index + 2]]
    odt = write_odt_with_lists(document_from_text("\n".join(texts)), work / f"{out.stem}.odt")
    [made] = convert_with_libreoffice([odt], work / "out", work / "home")
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(made, out)
    return out


if __name__ == "__main__":  # python3 -m tests.formats.docx_fixtures: remake the selftest's sample
    import tempfile

    root = Path(__file__).resolve().parents[2]
    with tempfile.TemporaryDirectory() as tmp:
        print(make_sample(root / "resources" / "samples" / "speech.docx", Path(tmp)))
