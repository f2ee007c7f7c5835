"""Word (.docx): real files made by python-docx and by LibreOffice from the corpus texts,
read back through load_document and the real command line, against the .txt of the same text."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from desktop_app.core.formats import identify
from desktop_app.core.formats.docx import is_encrypted_office, read
from desktop_app.core.formats.docx_numbering import format_number
from desktop_app.core.loader import DocumentError, load_document
from tests.conftest import CORPUS, DATA, ROOT, SPEECH, run_module
from tests.formats.docx_fixtures import (
    FEATURES_ABSENT,
    FEATURES_TEXT,
    W,
    convert_with_libreoffice,
    docx_from_paragraphs,
    heading_levels,
    html_of,
    soffice,
    write_features_odt,
    write_odt_with_lists,
)

TEXTS = [*sorted(CORPUS.glob("*.txt")), SPEECH]
NAMES = [p.stem for p in TEXTS]
SAMPLE = ROOT / "resources" / "samples" / "speech.docx"
needs_office = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")


def tree(doc) -> list[tuple[int, str]]:
    return [(s.level, s.title) for s in doc.sections]


def texts_of(path: Path) -> list[str]:
    return [p.text for p in load_document(path).paragraphs]


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """name -> {variant -> .docx} for every corpus text and the speech (python-docx variants)."""
    out = tmp_path_factory.mktemp("python-docx")
    files: dict[str, dict[str, Path]] = {}
    for source in TEXTS:
        doc = load_document(source)
        texts = [p.text for p in doc.paragraphs]
        heads = heading_levels(doc)
        files[source.stem] = {
            "plain": docx_from_paragraphs(texts, out / f"{source.stem}-plain.docx"),
            "numbered": docx_from_paragraphs(texts, out / f"{source.stem}-numbered.docx", numbered=True),
            "headings": docx_from_paragraphs(texts, out / f"{source.stem}-headings.docx", headings=heads),
            "headings+numbered": docx_from_paragraphs(
                texts, out / f"{source.stem}-headings-numbered.docx", headings=heads, numbered=True
            ),
        }
    return files


@pytest.fixture(scope="session")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """name -> {variant -> .docx} made by LibreOffice: from the .txt, from an .html with
    h1-h6, from an .odt with list numbering; "features" -> the features .odt converted."""
    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    work = tmp_path_factory.mktemp("libreoffice")
    home = tmp_path_factory.mktemp("lo-home")
    htmls, odts = [], []
    for source in TEXTS:
        doc = load_document(source)
        html = work / f"{source.stem}.html"
        html.write_text(html_of(doc, heading_levels(doc)), encoding="utf-8")
        htmls.append(html)
        odts.append(write_odt_with_lists(doc, work / f"{source.stem}.odt"))
    odts.append(write_features_odt(work / "features.odt"))
    from_txt = convert_with_libreoffice(TEXTS, work / "txt", home, "Text (encoded):UTF8,LF,,,")
    from_html = convert_with_libreoffice(htmls, work / "html", home, "HTML (StarWriter)")
    from_odt = convert_with_libreoffice(odts, work / "odt", home)
    files = {
        s.stem: {"txt": a, "html": b, "odt": c}
        for s, a, b, c in zip(TEXTS, from_txt, from_html, from_odt, strict=False)
    }
    files["features"] = {"odt": from_odt[-1]}
    return files


# ---------------------------------------------------------------- the corpus, as Word files


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("variant", ["plain", "numbered"])
def test_python_docx_file_reads_as_its_text(made, name: str, variant: str) -> None:
    """Text, tree and metadata equal the .txt's; "numbered": the 一、（一）第一条 第一章 第一节
    of the text are Word list numbering, rebuilt from numbering.xml."""
    txt = load_document(next(p for p in TEXTS if p.stem == name))
    doc = load_document(made[name][variant])
    assert doc.text == txt.text
    assert tree(doc) == tree(txt)
    assert doc.metadata == txt.metadata
    assert doc.encoding == "docx"
    expected = DATA / "expected" / f"{name}.json"
    if expected.is_file():
        assert tree(doc) == [(e["level"], e["title"]) for e in json.loads(expected.read_text("utf-8"))]


def test_the_numbered_files_hold_no_typed_numbers(made) -> None:
    """The numbered fixtures really number by Word: their XML text lacks the numbers."""
    body = zipfile.ZipFile(made["03_ershida_baogao_2022"]["numbered"]).read("word/document.xml").decode()
    assert "一、过去五年" not in body and "过去五年的工作" in body
    assert "（一）构建" not in body and "<w:numId" in body
    law = zipfile.ZipFile(made["06_xianfa"]["numbered"]).read("word/document.xml").decode()
    assert "第一百零一条" not in law and "第一章" not in law
    assert load_document(made["06_xianfa"]["numbered"]).text.count("第一百零一条") == 1


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("variant", ["headings", "headings+numbered"])
def test_heading_styles_make_the_tree(made, name: str, variant: str) -> None:
    """Headings in Heading N styles; "+numbered": they take their number from the style's numPr
    (style-linked list).  The text's own numbering finds every one of them, so the tree is the
    text's, run-in headings (第一条, 一是) included under them."""
    txt = load_document(next(p for p in TEXTS if p.stem == name))
    doc = load_document(made[name][variant])
    assert doc.text == txt.text
    assert tree(doc) == tree(txt)


def test_declared_headings_keep_the_run_in_sections_under_them(made) -> None:
    txt = load_document(CORPUS / "08_paimaifa_2015.txt")
    doc = load_document(made["08_paimaifa_2015"]["headings"])
    assert [s.title for s in doc.sections] == [s.title for s in txt.sections]


@needs_office
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("variant", ["txt", "odt"])
def test_libreoffice_file_reads_as_its_text(office, name: str, variant: str) -> None:
    """LibreOffice's own XML: from the .txt, and from an .odt whose 一、（一） are list numbering
    (LibreOffice writes them as taiwaneseCountingThousand levels)."""
    txt = load_document(next(p for p in TEXTS if p.stem == name))
    doc = load_document(office[name][variant])
    assert doc.text == txt.text
    assert tree(doc) == tree(txt)
    assert doc.metadata == txt.metadata


@needs_office
@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_headings_from_html(office, name: str) -> None:
    txt = load_document(next(p for p in TEXTS if p.stem == name))
    doc = load_document(office[name]["html"])
    assert doc.text == txt.text
    assert tree(doc) == tree(txt)  # the declared headings are all found by the numbering


@needs_office
def test_libreoffice_numbering_is_really_automatic(office) -> None:
    z = zipfile.ZipFile(office["speech"]["odt"])
    assert "word/numbering.xml" in z.namelist()
    assert "一、深刻认识" not in z.read("word/document.xml").decode()


def test_the_command_line_reads_a_word_file_as_its_text(made, isolated_user_data: Path) -> None:
    for source, docx_file in (
        (SPEECH, made["speech"]["numbered"]),
        (CORPUS / "06_xianfa.txt", made["06_xianfa"]["numbered"]),
    ):
        for command in ("text", "toc"):
            a = run_module("desktop_app", command, str(source), data_dir=isolated_user_data)
            b = run_module("desktop_app", command, str(docx_file), data_dir=isolated_user_data)
            assert a.returncode == b.returncode == 0, b.stderr
            assert a.stdout == b.stdout and a.stdout
    found = run_module(
        "desktop_app",
        "search",
        "--doc",
        str(made["speech"]["numbered"]),
        "一要第一时间响应",
        data_dir=isolated_user_data,
    )
    assert found.returncode == 0 and "一要第一时间响应" in found.stdout


def test_a_word_file_renamed_txt_opens_as_word(made, tmp_path: Path) -> None:
    renamed = tmp_path / "讲话.txt"
    renamed.write_bytes(made["speech"]["numbered"].read_bytes())
    assert load_document(renamed).text == load_document(SPEECH).text


# ---------------------------------------------------------------- what is and is not the body


@needs_office
def test_notes_boxes_tables_changes_fields_from_libreoffice(office) -> None:
    path = office["features"]["odt"]
    paragraphs = texts_of(path)
    assert paragraphs == FEATURES_TEXT
    text = load_document(path).text
    for absent in FEATURES_ABSENT:
        assert absent not in text
    names = zipfile.ZipFile(path).namelist()  # the parts that were left out are really there
    assert {"word/footnotes.xml", "word/endnotes.xml", "word/comments.xml"} <= set(names)
    body = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert body.count("<w:txbxContent") == 2 and "<w:delText" in body and "PAGE" in body


def test_headers_footers_comments_hidden_text_and_nested_tables(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "页眉：内部资料"
    section.footer.paragraphs[0].text = "— 1 —"
    document.add_paragraph("第一段正文。")
    para = document.add_paragraph("有批注的段落。")
    document.add_comment(para.runs, text="批注：请核实", author="审稿人")
    hidden = document.add_paragraph("看得见的文字")
    run = hidden.add_run("隐藏的文字")
    run.font.hidden = True
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "外表格左"
    inner = table.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内表格一"
    inner.cell(0, 1).text = "内表格二"
    document.add_paragraph("表格之后。")
    path = tmp_path / "parts.docx"
    document.save(str(path))
    assert texts_of(path) == [
        "第一段正文。",
        "有批注的段落。",
        "看得见的文字",
        "外表格左",
        "内表格一",
        "内表格二",
        "表格之后。",
    ]


def _body_docx(
    tmp_path: Path, body_xml: str, *, numbering: str = "", styles: str = "", name: str = "x"
) -> Path:
    """A python-docx file whose body is ``body_xml`` (w: prefixed) and, when given, whose
    numbering.xml holds ``numbering`` and styles.xml also ``styles``."""
    import docx

    document = docx.Document()
    ns = f'xmlns:w="{W[1:-1]}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    body = document.element.body
    for child in list(body):
        if child.tag != W + "sectPr":
            body.remove(child)
    for el in etree.fromstring(f"<w:body {ns}>{body_xml}</w:body>"):
        body.insert(len(body) - 1, el)
    if numbering:
        root = document.part.numbering_part.element
        for child in list(root):
            root.remove(child)
        for el in etree.fromstring(f"<w:numbering {ns}>{numbering}</w:numbering>"):
            root.append(el)
    if styles:
        root = document.styles.element
        for el in etree.fromstring(f"<w:styles {ns}>{styles}</w:styles>"):
            root.append(el)
    path = tmp_path / f"{name}.docx"
    document.save(str(path))
    return path


def p(text: str, ppr: str = "") -> str:
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def num(num_id: int, ilvl: int | None = 0) -> str:
    level = "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
    return f'<w:numPr>{level}<w:numId w:val="{num_id}"/></w:numPr>'


def lvl(ilvl: int, fmt: str, text: str, *, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def abstract(aid: int, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}">{extra}{"".join(levels)}</w:abstractNum>'


def num_def(num_id: int, aid: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


GONGWEN = abstract(
    1,
    lvl(0, "chineseCounting", "%1、"),
    lvl(1, "chineseCounting", "（%2）"),
    lvl(2, "decimal", "%3.", extra='<w:suff w:val="nothing"/>'),
    lvl(3, "decimal", "（%4）"),
)


def test_tracked_changes_fields_and_breaks(tmp_path: Path) -> None:
    body = (
        '<w:p><w:r><w:t>保留</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>'
        '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>移走</w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="4" w:author="a"><w:r><w:t>移来</w:t></w:r></w:moveTo></w:p>'
        # a deleted paragraph mark: the paragraph runs on into the next
        '<w:p><w:pPr><w:rPr><w:del w:id="5" w:author="a"/></w:rPr></w:pPr>'
        "<w:r><w:t>前半句，</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>后半句。</w:t></w:r></w:p>"
        # a field: its code never shows, its result does; a nested field in the code neither
        '<w:p><w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>9</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:instrText> = 1 "x" "y"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r></w:p>'
        '<w:p><w:fldSimple w:instr=" DATE "><w:r><w:t>2023年6月14日</w:t></w:r></w:fldSimple></w:p>'
        # a field left open: its code is not shown, and it does not swallow what follows
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:t>坏域代码</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>下一段照常。</w:t></w:r></w:p>"
        # breaks and tabs; hidden text; a symbol; a footnote reference
        "<w:p><w:r><w:t>北京市人民政府</w:t><w:br/><w:t>2023年6月14日</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>项目</w:t><w:tab/><w:t>金额</w:t></w:r>"
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr>'
        '<w:t>显示</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'
        '<w:r><w:sym w:font="Symbol" w:char="F061"/></w:r></w:p>'
    )
    assert texts_of(_body_docx(tmp_path, body)) == [
        "保留插入移来",
        "前半句，后半句。",
        "第3页",
        "2023年6月14日",
        "下一段照常。",
        "北京市人民政府",
        "2023年6月14日",
        "项目 金额显示a",
    ]


def test_a_deleted_table_row_and_content_controls(tmp_path: Path) -> None:
    row = "<w:tr>{}<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc></w:tr>"
    body = (
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>控件里的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        "<w:tbl>"
        + row.format("", "留下的行")
        + row.format('<w:trPr><w:del w:id="1" w:author="a"/></w:trPr>', "删掉的行")
        + "<w:sdt><w:sdtContent>"
        + row.format("", "控件里的行")
        + "</w:sdtContent></w:sdt></w:tbl>"
        "<w:p><w:sdt><w:sdtContent><w:r><w:t>行内控件</w:t></w:r></w:sdtContent></w:sdt>"
        "<w:hyperlink><w:r><w:t>和链接</w:t></w:r></w:hyperlink></w:p>"
    )
    assert texts_of(_body_docx(tmp_path, body)) == [
        "控件里的段落",
        "留下的行",
        "控件里的行",
        "行内控件和链接",
    ]


# ---------------------------------------------------------------- numbering


def test_levels_restart_under_their_parent(tmp_path: Path) -> None:
    body = "".join(
        p(t, num(1, i))
        for t, i in [("甲", 0), ("乙", 1), ("丙", 1), ("丁", 0), ("戊", 1), ("己", 2), ("庚", 3), ("辛", 2)]
    )
    path = _body_docx(tmp_path, body, numbering=GONGWEN + num_def(1, 1))
    assert texts_of(path) == [
        "一、甲",
        "（一）乙",
        "（二）丙",
        "二、丁",
        "（一）戊",
        "1.己",
        "（1）庚",
        "2.辛",
    ]


def test_lists_continue_restart_and_override(tmp_path: Path) -> None:
    """Nums sharing an abstract list go on counting; a startOverride starts anew; lvlRestart 0
    keeps a level counting across its parents; numId 0 turns numbering off."""
    numbering = (
        GONGWEN
        + abstract(
            2,
            lvl(0, "chineseCounting", "第%1章", extra='<w:suff w:val="space"/>'),
            lvl(1, "chineseCounting", "第%2条", extra='<w:lvlRestart w:val="0"/><w:suff w:val="space"/>'),
        )
        + num_def(1, 1)
        + num_def(2, 1)
        + num_def(3, 1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>')
        + num_def(4, 2)
    )
    body = "".join(
        [
            p("a", num(1)),
            p("b", num(2)),
            p("c", num(1)),
            p("d", num(3)),
            p("e", num(3)),
            p("无编号", num(0)),
            p("总则", num(4, 0)),
            p("目的", num(4, 1)),
            p("范围", num(4, 1)),
            p("分则", num(4, 0)),
            p("内容", num(4, 1)),
        ]
    )
    assert texts_of(_body_docx(tmp_path, body, numbering=numbering)) == [
        "一、a",
        "二、b",
        "三、c",
        "五、d",
        "六、e",
        "无编号",
        "第一章 总则",
        "第一条 目的",
        "第二条 范围",
        "第二章 分则",
        "第三条 内容",
    ]


def test_numbering_from_styles_and_outline_levels(tmp_path: Path) -> None:
    """A style's numPr is inherited (basedOn); a style-linked list finds the level that names the
    style; heading levels come from heading styles, 标题 N, outlineLvl in the chain or the paragraph."""
    numbering = abstract(
        3,
        lvl(0, "chineseCounting", "%1、", extra='<w:pStyle w:val="Heading1"/>'),
        lvl(1, "chineseCounting", "（%2）", extra='<w:pStyle w:val="Heading2"/>'),
    ) + num_def(7, 3)
    styles = (
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
        '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="GW1"><w:name w:val="公文一级标题"/>'
        '<w:basedOn w:val="Heading1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="标题 3"/></w:style>'
    )
    body = "".join(
        [
            p("关于做好年度工作的通知"),
            p("总体要求", '<w:pStyle w:val="Heading1"/>'),
            p("指导思想", '<w:pStyle w:val="Heading2"/>'),
            p("正文。"),
            p("主要任务", '<w:pStyle w:val="GW1"/>'),
            p("第三层", '<w:pStyle w:val="a5"/>'),
            p("直接大纲级别", '<w:outlineLvl w:val="3"/>'),
            p("不编号的标题", f'<w:pStyle w:val="Heading1"/>{num(0)}'),
            p("正文级别", '<w:pStyle w:val="Heading2"/><w:outlineLvl w:val="9"/>'),
        ]
    )
    path = _body_docx(tmp_path, body, numbering=numbering, styles=styles)
    parsed = read(path.read_bytes(), path)
    assert [p.strip() for p in parsed.paragraphs] == [
        "关于做好年度工作的通知",
        "一、总体要求",
        "（一）指导思想",
        "正文。",
        "二、主要任务",
        "第三层",
        "直接大纲级别",
        "不编号的标题",
        "（一）正文级别",
    ]
    assert parsed.headings == {1: 1, 2: 2, 4: 1, 5: 3, 6: 4, 7: 1}
    doc = load_document(path)
    assert tree(doc) == [
        (1, "一、总体要求"),
        (2, "（一）指导思想"),
        (1, "二、主要任务"),
        (2, "第三层"),
        (3, "直接大纲级别"),
        (1, "不编号的标题"),
    ]


def test_number_formats_and_level_text(tmp_path: Path) -> None:
    fmts = [
        ("chineseLegalSimplified", 11, "%1、", "壹拾壹、"),
        ("upperLetter", 27, "%1.", "AA."),
        ("lowerRoman", 4, "(%1)", "(iv)"),
        ("decimalEnclosedCircle", 1, "%1", "①"),
        ("ideographTraditional", 3, "%1、", "丙、"),
        ("decimalZero", 7, "%1", "07"),
        ("chineseCountingThousand", 101, "第%1条", "第一百零一条"),
    ]
    numbering, body = [], []
    for i, (fmt, start, text, _shown) in enumerate(fmts, start=1):
        numbering.append(abstract(i, lvl(0, fmt, text, start=start, extra='<w:suff w:val="nothing"/>')))
        body.append(p("项", num(i)))
    # Word 2010's custom format in mc:Choice, its classic fallback read
    custom = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent><mc:Choice Requires="w14">'
        '<w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice><mc:Fallback>'
        '<w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>'
        '<w:suff w:val="nothing"/><w:lvlText w:val="%1"/></w:lvl>'
    )
    numbering.append(abstract(20, custom))
    body.append(p("项", num(20)))
    # isLgl: every level shown decimal; a bullet in a symbol font's private code
    numbering.append(
        abstract(
            21,
            lvl(0, "chineseCounting", "%1、"),
            lvl(1, "decimal", "%1.%2", extra='<w:isLgl/><w:suff w:val="nothing"/>'),
        )
    )
    body += [p("项", num(21, 0)), p("项", num(21, 1))]
    numbering.append(abstract(22, lvl(0, "bullet", "\uf06c")))
    body.append(p("项", num(22)))
    nums = "".join(num_def(i, i) for i in [*range(1, len(fmts) + 1), 20, 21, 22])
    path = _body_docx(tmp_path, "".join(body), numbering="".join(numbering) + nums)
    shown = [f[3] + "项" for f in fmts] + ["01项", "一、项", "1.1项", "•项"]
    assert texts_of(path) == shown


def test_format_number_by_itself() -> None:
    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 99, 100, 101, 110, 1001, 10005)] == [
        "一",
        "十",
        "十一",
        "二十",
        "九十九",
        "一百",
        "一百零一",
        "一百一十",
        "一千零一",
        "一万零五",
    ]
    assert format_number(21, "decimalEnclosedCircle") == "㉑"
    assert format_number(28, "lowerLetter") == "bb"
    assert format_number(3, "decimalFullWidth") == "３"
    assert format_number(2023, "ideographDigital") == "二〇二三"
    assert format_number(13, "ideographZodiac") == "子"
    assert format_number(5, "unknownFormat") == "5"


def test_an_empty_numbered_paragraph_still_counts(tmp_path: Path) -> None:
    body = p("甲", num(1)) + "<w:p><w:pPr>" + num(1) + "</w:pPr></w:p>" + p("丙", num(1))
    assert texts_of(_body_docx(tmp_path, body, numbering=GONGWEN + num_def(1, 1))) == [
        "一、甲",
        "二、",
        "三、丙",
    ]


# ---------------------------------------------------------------- what the file says of itself


def test_the_title_of_the_core_properties(tmp_path: Path) -> None:
    """Used when the text's head gives no title (a text that opens with body text); a title in
    the text wins (core titles are often a template's or "Microsoft Word - 文档1")."""
    opening = "为贯彻落实市委工作部署，进一步做好年度各项工作，经研究，现就有关事项安排如下。" * 3
    body = [opening, "一、总体要求", "认真学习。", "二、具体安排", "按时完成。"]
    path = docx_from_paragraphs(body, tmp_path / "t.docx", title="年度工作安排")
    assert read(path.read_bytes(), path).title == "年度工作安排"
    doc = load_document(path)
    assert doc.metadata.title == "年度工作安排"
    assert tree(doc) == [(1, "一、总体要求"), (1, "二、具体安排")]
    titled = docx_from_paragraphs(["关于年度工作的安排", *body], tmp_path / "t2.docx", title="文档1")
    assert load_document(titled).metadata.title == "关于年度工作的安排"


GONGWEN_TEXT = [
    "北京市人民政府文件",
    "京政发〔2023〕12号",
    "北京市人民政府关于做好2023年度重点工作的通知",
    "各区人民政府，市政府各委、办、局：",
    "为贯彻落实市委工作部署，现就做好2023年度重点工作通知如下。",
    "一、总体要求",
    "坚持稳中求进工作总基调。",
    "二、具体安排",
    "按时完成各项任务。",
    "北京市人民政府",
    "2023年6月14日",
]


def test_a_gongwen_docx_has_the_metadata_of_its_text(tmp_path: Path) -> None:
    """The metadata is found from the text's head, the same for .docx and .txt."""
    txt = tmp_path / "通知.txt"
    txt.write_text("\n".join(GONGWEN_TEXT), encoding="utf-8")
    word = docx_from_paragraphs(GONGWEN_TEXT, tmp_path / "通知.docx", numbered=True)
    a, b = load_document(txt), load_document(word)
    assert (a.text, tree(a), a.metadata) == (b.text, tree(b), b.metadata)
    assert tree(b) == [(1, "一、总体要求"), (1, "二、具体安排")]


def test_a_gongwen_head_gives_title_issuer_and_date(tmp_path: Path) -> None:
    word = docx_from_paragraphs(GONGWEN_TEXT, tmp_path / "通知.docx")
    meta = load_document(word).metadata
    assert meta.title == "北京市人民政府关于做好2023年度重点工作的通知"
    assert (meta.issuer, meta.date) == ("北京市人民政府", "2023-06-14")
    assert meta.doc_number == "京政发〔2023〕12号"
    assert meta.head_paragraphs == (0, 1, 2)  # 版头, 发文字号, title; the 主送 line is body text


# ---------------------------------------------------------------- bad input (issue point 8)


def _error(path: Path) -> DocumentError:
    start = time.perf_counter()
    with pytest.raises(DocumentError) as info:
        load_document(path)
    assert time.perf_counter() - start < 10
    assert str(path) in str(info.value)
    return info.value


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.fixture
def speech_docx(made) -> Path:
    return made["speech"]["numbered"]


def test_a_truncated_word_file(speech_docx: Path, tmp_path: Path) -> None:
    bad = tmp_path / "讲话.docx"
    bad.write_bytes(speech_docx.read_bytes()[: speech_docx.stat().st_size // 2])
    assert _error(bad).key == "damaged_file"


def test_a_word_file_with_a_damaged_member(speech_docx: Path, tmp_path: Path) -> None:
    data = bytearray(speech_docx.read_bytes())
    members = zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()
    info = next(i for i in members if i.filename == "word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + 200):
        data[i] ^= 0x5A  # corrupt the deflated bytes; the directory stays intact
    bad = tmp_path / "坏.docx"
    bad.write_bytes(bytes(data))
    assert _error(bad).key == "damaged_file"


def test_a_zip_bomb_is_refused_before_it_is_unpacked(speech_docx: Path, tmp_path: Path) -> None:
    members = _members(speech_docx)
    body = members["word/document.xml"]
    filler = b"<w:p/>" * (60 * 1024 * 1024 // 6)  # 60 MB that pack to ~60 KB
    members["word/document.xml"] = body.replace(b"</w:body>", filler + b"</w:body>")
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_zip(members))
    assert bomb.stat().st_size < 1024 * 1024
    assert _error(bomb).key == "zip_bomb"


def test_a_member_larger_than_its_header_says(speech_docx: Path, tmp_path: Path) -> None:
    data = bytearray(speech_docx.read_bytes())
    z = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = z.getinfo("word/document.xml")
    # shrink the size in the central directory (the one zipfile believes) to 100 bytes
    central = data.rindex(b"PK\x01\x02", 0, len(data))
    while True:
        name_len = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + name_len] == b"word/document.xml":
            break
        central = data.rindex(b"PK\x01\x02", 0, central)
    assert int.from_bytes(data[central + 24 : central + 28], "little") == info.file_size
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")
    liar = tmp_path / "liar.docx"
    liar.write_bytes(bytes(data))
    assert _error(liar).key in ("zip_bomb", "damaged_file")


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE w:document [<!ENTITY a "讲话讲话讲话讲话"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/evil.dtd">',
        "<!--" + "x" * 8000 + '--><!DOCTYPE w:document [<!ENTITY a "x">]>',
    ],
)
def test_xml_with_a_doctype_is_refused(speech_docx: Path, tmp_path: Path, prolog: str) -> None:
    members = _members(speech_docx)
    xml = members["word/document.xml"].decode()
    head, rest = xml.split("?>", 1)
    body = rest.replace(
        "<w:t>", "<w:t>&b;" if "ENTITY b" in prolog else "<w:t>&xxe;" if "xxe" in prolog else "<w:t>", 1
    )
    members["word/document.xml"] = (head + "?>" + prolog + body).encode()
    bad = tmp_path / "dtd.docx"
    bad.write_bytes(_zip(members))
    assert _error(bad).key == "xml_refused"


def test_a_doctype_in_the_styles_is_refused(speech_docx: Path, tmp_path: Path) -> None:
    members = _members(speech_docx)
    xml = members["word/styles.xml"].decode()
    head, rest = xml.split("?>", 1)
    members["word/styles.xml"] = (
        head + '?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>' + rest
    ).encode()
    bad = tmp_path / "styles.docx"
    bad.write_bytes(_zip(members))
    assert _error(bad).key == "xml_refused"


def test_empty_and_not_a_zip(tmp_path: Path) -> None:
    empty = tmp_path / "空.docx"
    empty.write_bytes(b"")
    assert _error(empty).key == "empty"
    garbage = tmp_path / "乱码.docx"
    garbage.write_bytes(bytes(range(256)) * 40)
    _error(garbage)
    not_word = tmp_path / "包.docx"
    not_word.write_bytes(_zip({"a.txt": b"x"}))
    assert _error(not_word).key == "not_supported_zip"
    no_body = tmp_path / "无正文.docx"
    no_body.write_bytes(
        _zip({"word/document.xml": f'<w:document xmlns:w="{W[1:-1]}"><w:body/></w:document>'.encode()})
    )
    assert _error(no_body).key == "empty"
    broken = tmp_path / "断.docx"
    broken.write_bytes(_zip({"word/document.xml": f'<w:document xmlns:w="{W[1:-1]}"><w:body><w:p>'.encode()}))
    assert _error(broken).key == "damaged_file"


def test_binary_junk_named_docx_is_not_called_text(tmp_path: Path) -> None:
    garbage = tmp_path / "乱码.docx"
    garbage.write_bytes(bytes(range(256)) * 40)
    assert _error(garbage).key != "named_but_text"


# The peak is the process's own high-water mark (VmHWM: ru_maxrss would start at the size of
# the parent that forked it, which here holds the 50 MB it wrote).
_BIG_SCRIPT = """
import sys, time
sys.path.insert(0, {root!r})
from desktop_app.core.loader import load_document, DocumentError
def peak():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024
before = peak()
start = time.perf_counter()
try:
    doc = load_document({path!r})
    result = len(doc.paragraphs)
except DocumentError as exc:
    result = exc.key
print(result, time.perf_counter() - start, peak() - before)
"""


def _big_docx(path: Path, paragraph: str, count: int) -> Path:
    members = {
        "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W[1:-1]}"><w:body>'
            + paragraph * count
            + "</w:body></w:document>"
        ).encode(),
    }
    path.write_bytes(_zip(members))
    return path


def _open_in_a_process(path: Path) -> tuple[str, float, float]:
    if not Path("/proc/self/status").is_file():
        pytest.skip("the peak memory is read from /proc")
    out = subprocess.run(
        [sys.executable, "-c", _BIG_SCRIPT.format(root=str(ROOT), path=str(path))],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result, seconds, grown_mb = out.stdout.split()
    return result, float(seconds), float(grown_mb)


def _corpus_lines() -> list[str]:
    """The corpus's lines: ~190 KB that repeat farther apart than deflate's 32 KB window, so a
    big part made of them packs like real text (3-5x), not like a bomb."""
    from xml.sax.saxutils import escape

    return [escape(line) for p in TEXTS for line in p.read_text("utf-8").splitlines() if line.strip()]


def test_a_50_mb_document_xml_opens_in_bounded_memory(tmp_path: Path) -> None:
    lines = _corpus_lines()
    paras, size, count = [], 0, 0
    while size < 50 * 1024 * 1024:
        line = lines[count % len(lines)]
        para = (
            '<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>'
            f"<w:t>{line}</w:t></w:r></w:p>"
        )
        paras.append(para)
        size += len(para.encode())
        count += 1
    big = _big_docx(tmp_path / "big.docx", "".join(paras), 1)
    result, seconds, grown_mb = _open_in_a_process(big)
    assert int(result) >= count
    assert seconds < 30
    # the part's own 50 MB, its text and the Document: not a tree of ~6x the part
    assert grown_mb < 250, grown_mb


def test_a_50_mb_single_text_node_is_refused(tmp_path: Path) -> None:
    lines = _corpus_lines()
    text = "".join(lines * (50 * 1024 * 1024 // len("".join(lines).encode()) + 1))
    big = _big_docx(tmp_path / "one.docx", f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>", 1)
    result, seconds, _grown = _open_in_a_process(big)
    assert result == "damaged_file" and seconds < 10


# ---------------------------------------------------------------- password-protected files


def test_a_password_protected_word_file_is_told(speech_docx: Path, tmp_path: Path) -> None:
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with speech_docx.open("rb") as f:
        OOXMLFile(f).encrypt("密码123", out)
    data = out.getvalue()
    assert msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted()
    assert identify(data, ".docx") == "ole"
    assert is_encrypted_office(data)
    assert not is_encrypted_office(speech_docx.read_bytes())
    for cut in (100, 511, 600, len(data) // 2):  # a damaged one: False, never an error
        assert is_encrypted_office(data[:cut]) in (False, True)
    assert not is_encrypted_office(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000))


@needs_office
def test_a_plain_legacy_doc_is_not_encrypted(tmp_path: Path) -> None:
    home = tmp_path / "home"
    office = soffice()
    env = {**os.environ, "HOME": str(home)}
    subprocess.run(
        [
            office,
            "--headless",
            f"-env:UserInstallation=file://{home}/p",
            "--infilter=Text (encoded):UTF8,LF,,,",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(SPEECH),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env=env,
    )
    data = (tmp_path / "speech.doc").read_bytes()
    assert identify(data, ".doc") == "ole" and not is_encrypted_office(data)


# ---------------------------------------------------------------- the selftest's sample


def test_the_sample_is_small_and_reads_as_the_speech() -> None:
    assert SAMPLE.stat().st_size < 16 * 1024
    doc = load_document(SAMPLE)
    speech = load_document(SPEECH)
    assert speech.text.startswith(doc.text)
    assert "一、深刻认识机关党建与中心工作融合的重要意义" in [s.title for s in doc.sections]
    body = zipfile.ZipFile(SAMPLE).read("word/document.xml").decode()
    assert "一、深刻认识" not in body  # its 一、 is Word numbering
    assert doc.metadata.title == speech.metadata.title


def test_a_list_defined_by_a_numbering_style(tmp_path: Path) -> None:
    """w:numStyleLink: the list's levels are those of the list the numbering style points to,
    and both nums count together."""
    numbering = (
        abstract(30, extra='<w:numStyleLink w:val="GWList"/>')
        + abstract(32, lvl(0, "chineseCounting", "%1、"), extra='<w:styleLink w:val="GWList"/>')
        + num_def(30, 30)
        + num_def(31, 32)
    )
    styles = (
        '<w:style w:type="numbering" w:styleId="GWList"><w:name w:val="公文列表"/>'
        '<w:pPr><w:numPr><w:numId w:val="31"/></w:numPr></w:pPr></w:style>'
    )
    body = p("甲", num(30)) + p("乙", num(31)) + p("丙", num(30))
    path = _body_docx(tmp_path, body, numbering=numbering, styles=styles)
    assert texts_of(path) == ["一、甲", "二、乙", "三、丙"]
