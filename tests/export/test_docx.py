"""Word exports read back with python-docx: headings, quotes, notes, fonts, 公文 layout, comments."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from desktop_app.export import ExportOptions, export_notes
from desktop_app.paths import resource
from tests.export.conftest import HOSTILE, Notes, section


def _export(notes: Notes, tmp_path: Path, **kw: object) -> Path:
    opts = ExportOptions(**{"format": "docx", **kw})  # type: ignore[arg-type]
    return export_notes(notes.doc, notes.annotations, notes.bookmarks, opts, tmp_path / "out.docx")


def _east_asia(rpr) -> str | None:  # type: ignore[no-untyped-def]
    rfonts = None if rpr is None else rpr.find(qn("w:rFonts"))
    return None if rfonts is None else rfonts.get(qn("w:eastAsia"))


def test_study_notes_have_headings_quotes_notes_in_reading_order(notes: Notes, tmp_path: Path) -> None:
    d = docx.Document(str(_export(notes, tmp_path)))
    paras = d.paragraphs
    assert paras[0].style.name == "Title" and paras[0].text == notes.doc.title
    head = "\n".join(p.text for p in paras[:8])
    assert "北京市直机关工委" in head and "2023-06-14" in head and "李彦来" in head and "导出日期" in head
    headings = [(p.style.name, p.text) for p in paras if p.style.name.startswith("Heading")]
    first, er, er_yao = (
        section(notes.doc, "第一条经验"),
        section(notes.doc, "二、找准"),
        section(notes.doc, "二要"),
    )
    assert ("Heading 1", first.title) in headings
    assert headings.index(("Heading 1", er.title)) + 1 == headings.index(("Heading 2", er_yao.title))
    texts = [p.text for p in paras]
    order = [texts.index(a.exact) for a in notes.annotations]
    assert order == sorted(order)  # reading order
    yellow = next(a for a in notes.annotations if a.color == "yellow")
    i = texts.index(yellow.exact)
    assert texts[i + 1] == "笔记：第一行\n第二行"
    assert "#重点 #复习" in texts[i + 2] and "二、找准" in texts[i + 2] and "二要" in texts[i + 2]
    n = notes.doc.paragraph_at(yellow.start).index + 1
    assert f"第 {n} 段" in texts[i + 2]
    assert any(HOSTILE in t for t in texts)


def test_quote_runs_are_shaded_or_underlined_in_their_colour(notes: Notes, tmp_path: Path) -> None:
    d = docx.Document(str(_export(notes, tmp_path)))
    by_text = {p.text: p for p in d.paragraphs}
    yellow = next(a for a in notes.annotations if a.color == "yellow")
    shd = by_text[yellow.exact].runs[0]._r.rPr.find(qn("w:shd"))
    assert shd is not None and shd.get(qn("w:fill")) == yellow.color_hex.lstrip("#")
    green = next(a for a in notes.annotations if a.style == "underline")
    u = by_text[green.exact].runs[0]._r.rPr.find(qn("w:u"))
    assert u is not None and u.get(qn("w:color")) == green.color_hex.lstrip("#")


def test_east_asian_fonts_on_styles_and_runs_and_no_theme_fonts(notes: Notes, tmp_path: Path) -> None:
    d = docx.Document(str(_export(notes, tmp_path)))
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Quote"):
        rpr = d.styles[name].element.rPr
        assert _east_asia(rpr), name
        rfonts = rpr.find(qn("w:rFonts"))
        assert rfonts.get(qn("w:asciiTheme")) is None and rfonts.get(qn("w:eastAsiaTheme")) is None
    defaults = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert _east_asia(defaults) == "宋体"
    runs = [r for p in d.paragraphs for r in p.runs if r.text]
    assert runs and all(_east_asia(r._r.rPr) for r in runs)
    assert _east_asia(d.styles["Heading 1"].element.rPr) == "黑体"


WORD_EXPORTS = [
    ("docx", "default"),
    ("docx", "gongwen"),
    ("docx-annotated", "default"),
    ("docx-annotated", "gongwen"),
]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize(("fmt", "style"), WORD_EXPORTS)
def test_every_word_export_is_a4_and_chinese(notes: Notes, tmp_path: Path, fmt: str, style: str) -> None:
    """Read from the file's own XML: A4 portrait (not python-docx's US Letter), sensible margins,
    and zh-CN as the East Asian language (python-docx's settings.xml says ja-JP)."""
    out = _export(notes, tmp_path, format=fmt, style=style)
    with zipfile.ZipFile(out) as z:
        document = ElementTree.fromstring(z.read("word/document.xml"))
        settings = ElementTree.fromstring(z.read("word/settings.xml"))
        styles = ElementTree.fromstring(z.read("word/styles.xml"))
    sections = document.findall(f".//{W}sectPr")
    assert sections
    for sect in sections:
        size = sect.find(f"{W}pgSz")
        assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
        assert size.get(f"{W}orient") in (None, "portrait")
        margins = sect.find(f"{W}pgMar")
        mm = {k: int(margins.get(f"{W}{k}")) / 1440 * 25.4 for k in ("top", "bottom", "left", "right")}
        if style == "gongwen":  # GB/T 9704-2012: 37 / 35 / 28 / 26 mm
            assert [round(mm[k]) for k in ("top", "bottom", "left", "right")] == [37, 35, 28, 26]
        else:  # Word's Chinese A4 default: 2.54 cm top and bottom, 3.17 cm left and right
            assert [round(mm[k], 1) for k in ("top", "bottom", "left", "right")] == [25.4, 25.4, 31.8, 31.8]
    theme_lang = settings.find(f"{W}themeFontLang")
    assert theme_lang is not None and theme_lang.get(f"{W}eastAsia") == "zh-CN"
    default_lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default_lang is not None and default_lang.get(f"{W}eastAsia") == "zh-CN"
    assert "ja-JP" not in ElementTree.tostring(settings, encoding="unicode")


def test_gongwen_layout(notes: Notes, tmp_path: Path) -> None:
    d = docx.Document(str(_export(notes, tmp_path, style="gongwen")))
    s = d.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)  # twips round
    assert [round(m.mm) for m in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [
        37,
        35,
        28,
        26,
    ]
    normal = d.styles["Normal"]
    assert _east_asia(normal.element.rPr) == "仿宋_GB2312" and normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing == Pt(28)
    assert _east_asia(d.styles["Title"].element.rPr) == "方正小标宋简体" and d.styles[
        "Title"
    ].font.size == Pt(22)
    assert _east_asia(d.styles["Heading 1"].element.rPr) == "黑体"
    assert _east_asia(d.styles["Heading 2"].element.rPr) == "楷体_GB2312"
    footer_xml = s.footer._element.xml
    assert "PAGE" in footer_xml and "fldChar" in footer_xml


def test_annotated_copy_has_whole_text_headings_shading_and_comments_on_the_right_runs(
    notes: Notes, tmp_path: Path
) -> None:
    opts = ExportOptions(format="docx-annotated")
    out = export_notes(notes.doc, notes.annotations, [], opts, tmp_path / "copy.docx")
    d = docx.Document(str(out))
    body = [p.text for p in d.paragraphs]
    assert body[: len(notes.doc.paragraphs)] == [p.text for p in notes.doc.paragraphs]
    first = section(notes.doc, "第一条经验")
    assert d.paragraphs[first.paragraph_index].style.name == "Heading 1"
    assert d.paragraphs[0].style.name == "Title"
    comments = {c.comment_id: c for c in d.comments}
    with_notes = [a for a in notes.annotations if a.note or a.tags]
    assert len(comments) == len(with_notes)
    # The text between each commentRangeStart and its commentRangeEnd is the annotation's quote.
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body_elm = d.element.body
    spans: dict[str, list[str]] = {}
    open_ids: set[str] = set()
    for el in body_elm.iter():
        if el.tag == w + "commentRangeStart":
            open_ids.add(el.get(w + "id"))
            spans[el.get(w + "id")] = []
        elif el.tag == w + "commentRangeEnd":
            open_ids.discard(el.get(w + "id"))
        elif el.tag == w + "p" and spans:
            for cid in open_ids:
                spans[cid].append("\n")
        elif el.tag == w + "t":
            for cid in open_ids:
                spans[cid].append(el.text or "")
    got = {comments[int(cid)].text: "".join(t).strip("\n") for cid, t in spans.items()}
    for a in with_notes:
        key = next(k for k in got if k.startswith(a.note.split("\n")[0]))
        assert got[key] == a.exact, a.note
    crossing = next(a for a in notes.annotations if "\n" in a.exact)
    assert crossing.note in got
    yellow = next(a for a in notes.annotations if a.color == "yellow")
    shaded = [
        r.text for p in d.paragraphs for r in p.runs
        if r._r.rPr is not None and r._r.rPr.find(qn("w:shd")) is not None
        and r._r.rPr.find(qn("w:shd")).get(qn("w:fill")) == yellow.color_hex.lstrip("#")
    ]  # fmt: skip
    assert "".join(shaded) == yellow.exact
    er_yao = section(notes.doc, "二要")
    outline = d.paragraphs[er_yao.paragraph_index]._p.pPr.find(qn("w:outlineLvl"))
    assert outline is not None  # a run-in heading is in the navigation pane


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_docx_and_keeps_the_chinese(notes: Notes, tmp_path: Path) -> None:
    """Both looks, as LibreOffice lays them out: A4 pages with the Chinese text."""
    pypdf = pytest.importorskip("pypdf")
    files = []
    for style in ("default", "gongwen"):
        opts = ExportOptions(format="docx", style=style)
        files.append(export_notes(notes.doc, notes.annotations, [], opts, tmp_path / f"{style}.docx"))
    # A user's PC has Chinese fonts; this test machine may have none. Give LibreOffice the bundled
    # one through a private HOME (fontconfig reads ~/.fonts) and a private profile.
    home = tmp_path / "home"
    (home / ".fonts").mkdir(parents=True)
    shutil.copy(resource("fonts", "wqy-microhei.ttf"), home / ".fonts")
    env = {**os.environ, "HOME": str(home)}
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf")]
        + [str(f) for f in files],
        check=True,
        timeout=240,
        capture_output=True,
        env=env,
    )
    for style in ("default", "gongwen"):
        reader = pypdf.PdfReader(str(tmp_path / "pdf" / f"{style}.pdf"))
        for page in reader.pages:  # A4, not US Letter (612 x 792)
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        text = "".join(p.extract_text() for p in reader.pages)
        assert "机关党建" in text.replace("\n", ""), style


@pytest.mark.parametrize("style", ["default", "gongwen"])
def test_study_notes_written_as_text_equal_the_notes_built_as_a_tree(
    notes: Notes, tmp_path: Path, style: str
) -> None:
    """The Word study notes write their paragraphs straight into word/document.xml (never a tree
    of 10,000 notes in memory); the file is the one python-docx writes from the tree, part for part."""
    from lxml import etree

    from desktop_app.export.docx_notes import build_notes
    from desktop_app.export.docx_style import to_bytes

    opts = ExportOptions(format="docx", style=style)
    streamed = to_bytes(*build_notes(notes.doc, notes.annotations, notes.bookmarks, opts, deferred=True))
    tree, rest = build_notes(notes.doc, notes.annotations, notes.bookmarks, opts, deferred=False)
    assert rest == []
    built = to_bytes(tree)

    def parts(data: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            out = {}
            for name in z.namelist():
                raw = z.read(name)
                if name.endswith(".xml") or name.endswith(".rels"):
                    raw = etree.tostring(etree.fromstring(raw), method="c14n")  # redundant xmlns dropped
                out[name] = raw
            return out

    a, b = parts(streamed), parts(built)
    assert sorted(a) == sorted(b)
    for name in a:
        if name != "docProps/core.xml":  # holds the time it was written
            assert a[name] == b[name], name
    body = docx.Document(io.BytesIO(streamed)).paragraphs
    assert len(body) > 10 and body[0].style.name == "Title"
    assert [p.text for p in body] == [p.text for p in docx.Document(io.BytesIO(built)).paragraphs]


def test_every_comment_range_holds_exactly_its_passage(notes: Notes, tmp_path: Path) -> None:
    """Annotated copy, many overlapping notes (across paragraphs, ending on a line break, sharing
    runs): walking the body, the text inside each comment's range is its passage, line breaks aside."""
    import random

    from desktop_app.core.annotations import new_annotation
    from desktop_app.export.docx_annotated import write_annotated

    doc = notes.doc
    rng = random.Random(7)
    anns = []
    for i in range(300):
        start = rng.randrange(0, len(doc.text) - 2)
        end = min(len(doc.text), start + rng.choice([1, 3, 8, 30, 200]))
        anns.append(new_annotation(doc, start, end, note=f"注{i}", doc_id=notes.doc_id))
    para = doc.paragraphs[5]
    anns.append(new_annotation(doc, para.end - 2, para.end + 1, note="到换行为止", doc_id=notes.doc_id))
    data = write_annotated(doc, anns, [], ExportOptions(format="docx-annotated"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = ElementTree.fromstring(z.read("word/document.xml")).find(qn("w:body"))
        comments = ElementTree.fromstring(z.read("word/comments.xml"))
    note_of = {
        c.get(qn("w:id")): "".join(t.text or "" for t in c.iter(qn("w:t")))
        for c in comments.iter(qn("w:comment"))
    }
    open_ranges: dict[str, list[str]] = {}
    inside: dict[str, str] = {}
    for el in body.iter():
        if el.tag == qn("w:commentRangeStart"):
            open_ranges[el.get(qn("w:id"))] = []
        elif el.tag == qn("w:commentRangeEnd"):
            cid = el.get(qn("w:id"))
            inside[cid] = "".join(open_ranges.pop(cid))
        elif el.tag == qn("w:t"):
            for parts in open_ranges.values():
                parts.append(el.text or "")
    assert not open_ranges  # every range closed
    by_note = {a.note: a for a in anns}
    assert len(inside) == len(anns)
    for cid, text in inside.items():
        a = by_note[note_of[cid]]
        assert text == doc.text[a.start : a.end].replace("\n", ""), a.note
