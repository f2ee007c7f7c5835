"""The OFD reader, on packages made per GB/T 33190 from the corpus texts laid out as 公文
(tests/formats/ofd_fixtures.py), read back through load_document and the real command line."""

from __future__ import annotations

import io
import json
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.core.formats import identify, ofd
from desktop_app.core.loader import DocumentError, load_document
from tests.conftest import ROOT, run_module
from tests.formats.ofd_fixtures import (
    SAMPLE,
    SAMPLE_PARAGRAPHS,
    Options,
    corpus,
    make_ofd,
    make_sample,
    package,
    privatize,
)

EXPECTED = ROOT / "tests" / "data" / "expected"
SMALL = "09_kouan_kaifang_guiding_1985"


def write(tmp_path: Path, data: bytes, name: str = "文件.ofd") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def tree(doc: object) -> list[tuple[int, str]]:
    return [(s.level, s.title) for s in doc.sections]  # type: ignore[attr-defined]


def txt_doc(name: str) -> object:
    return load_document(
        ROOT / "resources" / "speech.txt" if name == "speech" else ROOT / "tests/data/corpus" / f"{name}.txt"
    )


def unpack(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def drawn_lines(data: bytes) -> list[str]:
    """The lines drawn on the pages, page furniture included (before the reader removes it)."""
    from lxml import etree

    from desktop_app.core.formats.layout import lines_from_glyphs

    glyphs = []
    for name, part in sorted(unpack(data).items()):
        if "/pages/page_" in name.lower():
            page = int(name.lower().split("/page_")[1].split("/")[0])
            for obj in etree.fromstring(part).iter("{*}TextObject"):
                glyphs += ofd.text_object_glyphs(obj, page)
    return [line.text for line in lines_from_glyphs(glyphs)]


def rewrite(data: bytes, edit: Callable[[dict[str, bytes]], None]) -> bytes:
    """The package with its parts changed by ``edit`` (a dict of name -> bytes)."""
    files = unpack(data)
    edit(files)
    return package(files)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# the corpus, each laid out with other producers' habits
# ---------------------------------------------------------------------------------------------

CORPUS_CASES = {
    "09_kouan_kaifang_guiding_1985": Options(),
    "08_paimaifa_2015": Options(objects="paragraph", layers=2, running_head="中华人民共和国拍卖法"),
    "speech": Options(objects="split", g_runs=True, red_header="中共北京市委市直机关工作委员会文件"),
    "06_xianfa": Options(ctm=True, g_runs=True, namespace="none", running_head="中华人民共和国宪法"),
    "03_ershida_baogao_2022": Options(objects="char", namespace="default", bold=frozenset(range(5, 168, 7))),
}


@pytest.mark.parametrize("name", sorted(CORPUS_CASES))
def test_text_and_tree_equal_the_txt(tmp_path: Path, name: str) -> None:
    paragraphs, head = corpus(name)
    data, pages = make_ofd(paragraphs, head, CORPUS_CASES[name])
    assert len(pages) >= 4  # several pages, each with its number drawn
    assert f"— {len(pages)} —" in drawn_lines(data)

    doc = load_document(write(tmp_path, data))
    expected = txt_doc(name)
    assert doc.text == expected.text  # type: ignore[attr-defined]
    assert tree(doc) == tree(expected)
    assert doc.metadata == expected.metadata  # type: ignore[attr-defined]
    assert doc.encoding == "ofd"
    if (EXPECTED / f"{name}.json").exists():
        hand_checked = [
            (e["level"], e["title"]) for e in json.loads((EXPECTED / f"{name}.json").read_text("utf-8"))
        ]
        assert tree(doc) == hand_checked


VARIANTS = {
    "one object per line": Options(),
    "one object per character": Options(objects="char"),
    "one object per paragraph, X left out": Options(objects="paragraph"),
    "a line in two codes, the second without X/Y": Options(objects="split"),
    "DeltaX with g runs": Options(g_runs=True),
    "CTM 0.5 with doubled coordinates": Options(ctm=True),
    "absolute coordinates": Options(absolute=True),
    "three layers": Options(layers=3),
    "fake bold": Options(bold=frozenset(range(30))),
    "no namespace, names from the root": Options(namespace="none", leading_slash=True),
    "default namespace, names in lower case": Options(namespace="default", other_case=True),
    "signatures that are not XML": Options(signatures=True),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_producers_variations_read_the_same(tmp_path: Path, variant: str) -> None:
    paragraphs, head = corpus(SMALL)
    data = make_ofd(paragraphs, head, VARIANTS[variant])[0]
    assert load_document(write(tmp_path, data)).text == "\n".join(paragraphs)


def test_the_variations_are_in_the_files() -> None:
    """The fixtures really carry what the variations claim (else the test above proves nothing)."""
    paragraphs, head = corpus(SMALL)

    def xml(options: Options) -> str:
        return b"".join(unpack(make_ofd(paragraphs, head, options)[0]).values()).decode()

    assert 'DeltaX="g ' in xml(Options(g_runs=True)) and 'DeltaX="g ' not in xml(Options())
    assert 'CTM="0.5 0 0 0.5 0 0"' in xml(Options(ctm=True)) and 'Size="11.2"' in xml(Options(ctm=True))
    assert "<TextCode DeltaX=" in xml(Options(objects="split", namespace="none"))  # no X, no Y
    assert 'BaseLoc="/Doc_0/Pages/Page_0/Content.xml"' in xml(Options(leading_slash=True))
    assert xml(Options(layers=3)).count('<ofd:Layer ID="') > 3 * xml(Options()).count('<ofd:Layer ID="')
    assert "doc_0/pages/page_0/content.xml" in unpack(make_ofd(paragraphs, head, Options(other_case=True))[0])


def test_spaces_that_are_not_drawn_are_seen_in_the_gaps(tmp_path: Path) -> None:
    paragraphs, head = corpus("speech")
    data, pages = make_ofd(paragraphs, head, Options(drop_spaces=True))
    assert "2023-06-14 20:09:45" not in b"".join(unpack(data).values()).decode()
    # a space at the end of a line leaves no gap to see: those are lost, the others found
    lines: dict[int, list[str]] = {}
    for page in pages:
        for line in page:
            lines.setdefault(line.paragraph, []).append(line.text)
    expected = ["".join(t.rstrip(" ") for t in texts[:-1]) + texts[-1] for texts in lines.values()]
    doc = load_document(write(tmp_path, data))
    assert doc.text == "\n".join(expected)
    assert "北京市直机关工委 2023-06-14 20:09:45" in doc.text and "已举办 6 场" in doc.text


# ---------------------------------------------------------------------------------------------
# placing characters
# ---------------------------------------------------------------------------------------------


def text_object(xml: str) -> object:
    from lxml import etree

    return etree.fromstring(f'<ofd:TextObject xmlns:ofd="http://www.ofdspec.org/2016" {xml}</ofd:TextObject>')


def placed(xml: str) -> list[tuple[str, float, float]]:
    return [
        (g.text, round(g.x, 3), round(g.y + g.height, 3)) for g in ofd.text_object_glyphs(text_object(xml), 0)
    ]


def test_g_runs_are_written_out_and_bounded() -> None:
    assert ofd.deltas("1 g 3 2.5 4", 10) == [1.0, 2.5, 2.5, 2.5, 4.0]
    assert ofd.deltas("g 1000000000 1", 5) == [1.0] * 5  # never more steps than characters
    assert ofd.deltas("", 5) is None and ofd.deltas("1 x", 5) is None


def test_boundary_ctm_and_deltas_place_each_character() -> None:
    plain = placed(
        'Boundary="28 37 156 8" Size="5"><ofd:TextCode X="1" Y="5" DeltaX="5 g 2 6">一二三四</ofd:TextCode>'
    )
    assert plain == [("一", 29, 42), ("二", 34, 42), ("三", 40, 42), ("四", 46, 42)]
    scaled = placed(
        'Boundary="28 37 156 8" Size="10" CTM="0.5 0 0 0.5 0 0">'
        '<ofd:TextCode X="2" Y="10" DeltaX="10 g 2 12">一二三四</ofd:TextCode>'
    )
    assert scaled == plain
    moved = placed(
        'Boundary="0 0 210 297" Size="5" CTM="1 0 0 1 28 37"><ofd:TextCode X="1" Y="5">一</ofd:TextCode>'
    )
    assert moved == [("一", 29, 42)]


def test_codes_without_x_or_y() -> None:
    glyphs = placed(
        'Boundary="0 0 100 100" Size="5">'
        '<ofd:TextCode X="10" Y="20" DeltaX="5 5">一二三</ofd:TextCode>'  # pen ends at 25
        "<ofd:TextCode>四五</ofd:TextCode>"  # neither: goes on where the last ended
        '<ofd:TextCode Y="30">六</ofd:TextCode>'  # Y only: the previous code's X (the standard)
        '<ofd:TextCode X="40">七</ofd:TextCode>'  # X only: the previous code's Y
    )
    assert glyphs == [
        ("一", 10, 20), ("二", 15, 20), ("三", 20, 20), ("四", 25, 20), ("五", 30, 20),
        ("六", 10, 30), ("七", 40, 30),
    ]  # fmt: skip


def test_vertical_text_is_one_unit_and_turned_text_is_left_out() -> None:
    vertical = placed(
        'Boundary="0 0 100 100" Size="5"><ofd:TextCode X="10" Y="20" DeltaY="5 5">内部资料</ofd:TextCode>'
    )
    assert vertical == [("内部资料", 10, 20)]
    turned = 'Boundary="0 0 100 100" Size="5" CTM="0.7 0.7 -0.7 0.7 0 0">'
    watermark = placed(turned + '<ofd:TextCode X="0" Y="5">样本</ofd:TextCode>')
    assert watermark == []


def test_a_watermark_across_the_page_is_not_text(tmp_path: Path) -> None:
    paragraphs, head = corpus(SMALL)

    def add_watermark(files: dict[str, bytes]) -> None:
        for name in files:
            if name.endswith("Content.xml"):
                mark = (
                    '<ofd:Layer ID="9999" Type="Foreground">'
                    '<ofd:TextObject ID="9998" Boundary="40 120 150 40" Size="20" '
                    'CTM="0.707 -0.707 0.707 0.707 0 30"><ofd:TextCode X="0" Y="20" DeltaX="g 3 20">'
                    "内部资料</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content>"
                )
                files[name] = files[name].replace(b"</ofd:Content>", mark.encode())

    data = rewrite(make_ofd(paragraphs, head)[0], add_watermark)
    assert load_document(write(tmp_path, data)).text == "\n".join(paragraphs)


# ---------------------------------------------------------------------------------------------
# page furniture and templates
# ---------------------------------------------------------------------------------------------


def test_the_red_header_on_a_template_is_not_text(tmp_path: Path) -> None:
    paragraphs, head = corpus(SMALL)
    data = make_ofd(paragraphs, head, Options(red_header="国务院文件"))[0]
    files = unpack(data)
    assert "国务院文件" in files["Doc_0/Tpls/Tpl_0/Content.xml"].decode()
    assert b"TemplateID" in files["Doc_0/Pages/Page_0/Content.xml"]
    doc = load_document(write(tmp_path, data))
    assert doc.text == "\n".join(paragraphs) and "国务院文件" not in doc.text


def test_a_file_drawn_only_on_templates_is_read_from_them(tmp_path: Path) -> None:
    """Some producers put a page's text on its template: with no text on the pages themselves,
    the templates are read."""
    paragraphs = ["关于开展安全检查的通知", "各单位：", "请于本月底前完成安全检查，并报送检查情况。"]
    data, pages = make_ofd(paragraphs, (0,), Options(page_numbers=False))
    assert len(pages) == 1

    def move_to_template(files: dict[str, bytes]) -> None:
        page = files.pop("Doc_0/Pages/Page_0/Content.xml")
        files["Doc_0/Tpls/Tpl_0/Content.xml"] = page
        files["Doc_0/Pages/Page_0/Content.xml"] = (
            b'<?xml version="1.0"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016">'
            b'<ofd:Template TemplateID="900"/><ofd:Content/></ofd:Page>'
        )
        files["Doc_0/Document.xml"] = files["Doc_0/Document.xml"].replace(
            b"</ofd:CommonData>",
            b'<ofd:TemplatePage ID="900" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>',
        )

    doc = load_document(write(tmp_path, rewrite(data, move_to_template)))
    assert doc.text == "\n".join(paragraphs)


def test_page_numbers_and_running_heads_are_removed_and_nothing_else(tmp_path: Path) -> None:
    paragraphs, head = corpus("08_paimaifa_2015")
    bare = make_ofd(paragraphs, head, Options(page_numbers=False))[0]
    furnished, pages = make_ofd(paragraphs, head, Options(running_head="中华人民共和国拍卖法"))
    a, b = load_document(write(tmp_path, bare, "a.ofd")), load_document(write(tmp_path, furnished, "b.ofd"))
    assert a.text == b.text == "\n".join(paragraphs)
    assert [p.text for p in b.paragraphs].count("中华人民共和国拍卖法") == 1  # the title, not its repeats
    assert drawn_lines(furnished).count("中华人民共和国拍卖法") == len(pages) + 1
    assert len(pages) > 5


# ---------------------------------------------------------------------------------------------
# outlines
# ---------------------------------------------------------------------------------------------

NOTICE = [
    "关于加强机关作风建设的通知",
    "各区人民政府，市政府各委、办、局：",
    "为进一步加强机关作风建设，提高工作效率和服务水平，经市政府同意，现就有关事项通知如下。",
    "总体要求",
    "坚持以人民为中心的发展思想，聚焦群众和企业反映强烈的突出问题，以改进作风的实际成效取信于民，"
    "为全市经济社会发展提供坚强保障。",
    "重点任务",
    "强化理论学习",
    "各单位要把理论学习作为加强作风建设的首要任务，健全学习制度，创新学习方式，切实提高学习质量。",
    "改进工作方法",
    "深入基层调查研究，精简会议文件，减少督查检查考核事项，把更多时间和精力用在抓落实上。",
    "组织保障",
    "各单位主要负责同志要亲自抓、负总责，层层压实责任，确保各项要求落到实处。",
]
NOTICE_OUTLINE = {3: 1, 5: 1, 6: 2, 8: 2, 10: 1}
NOTICE_TREE = [(1, "总体要求"), (1, "重点任务"), (2, "强化理论学习"), (2, "改进工作方法"), (1, "组织保障")]


@pytest.mark.parametrize("bookmarks", [False, True])
def test_an_outline_gives_the_tree_the_numbering_cannot(tmp_path: Path, bookmarks: bool) -> None:
    data = make_ofd(NOTICE, (0,), Options(outline=NOTICE_OUTLINE, bookmarks=bookmarks))[0]
    doc = load_document(write(tmp_path, data))
    assert doc.text == "\n".join(NOTICE)
    assert tree(doc) == NOTICE_TREE
    text_only = write(tmp_path, "\n".join(NOTICE).encode(), "通知.txt")
    assert tree(load_document(text_only)) != NOTICE_TREE  # better than the text alone


def test_an_outline_goes_to_its_page_when_the_title_is_also_elsewhere(tmp_path: Path) -> None:
    """A contents list at the start repeats the headings: the outline's page and height pick
    the heading itself, not its line in the contents."""
    contents = ["目录", "总体要求", "重点任务", "组织保障"]
    body = NOTICE[2:] * 4  # long enough for the headings to fall on later pages
    paragraphs = [NOTICE[0], *contents, *body]
    offset = 1 + len(contents) + 3 * len(NOTICE[2:])  # the last copy of the body
    outline = {offset + i - 2: level for i, level in NOTICE_OUTLINE.items()}
    data, pages = make_ofd(paragraphs, (0,), Options(outline=outline))
    assert len(pages) >= 3
    doc = load_document(write(tmp_path, data))
    assert tree(doc) == NOTICE_TREE
    assert [s.paragraph_index for s in doc.sections] == sorted(outline)


def test_an_outline_the_numbering_already_finds_keeps_the_numbering_tree(tmp_path: Path) -> None:
    """A law's outline of its chapters and sections: the numbering finds them and the articles
    too (a run-in 第一条 is titled by its words, not its whole paragraph)."""
    paragraphs, head = corpus("08_paimaifa_2015")
    expected = txt_doc("08_paimaifa_2015")
    outline = {s.paragraph_index: s.level for s in expected.sections if s.kind in ("chapter", "section")}  # type: ignore[attr-defined]
    assert len(outline) > 8
    data = make_ofd(paragraphs, head, Options(outline=outline))[0]
    parsed = ofd.read(data, Path("x.ofd"))
    assert parsed.headings is None
    assert tree(load_document(write(tmp_path, data))) == tree(expected)


def test_outline_titles_not_in_the_text_are_left_out(tmp_path: Path) -> None:
    data = make_ofd(NOTICE, (0,), Options(outline=NOTICE_OUTLINE))[0]
    data = rewrite(
        data,
        lambda f: f.update(
            {"Doc_0/Document.xml": f["Doc_0/Document.xml"].replace("组织保障".encode(), "附件".encode())}
        ),
    )
    assert tree(load_document(write(tmp_path, data))) == NOTICE_TREE[:-1]


# ---------------------------------------------------------------------------------------------
# private-use characters
# ---------------------------------------------------------------------------------------------


def test_text_in_a_fonts_private_codes_is_refused(tmp_path: Path) -> None:
    paragraphs, head = corpus(SMALL)
    data = make_ofd(privatize(paragraphs, 1), head)[0]
    with pytest.raises(DocumentError) as info:
        load_document(write(tmp_path, data))
    assert info.value.key == "ofd_private_font" and "字体" in str(info.value)


def test_a_few_private_characters_are_marked_and_said(tmp_path: Path) -> None:
    paragraphs, head = corpus(SMALL)
    marked = privatize(paragraphs, 40)
    data = make_ofd(marked, head)[0]
    expected = "\n".join("".join("□" if "\ue000" <= c <= "\uf8ff" else c for c in p) for p in marked)
    count = expected.count("□")
    assert count > 20
    parsed = ofd.read(data, Path("x.ofd"))
    assert any(str(count) in notice and "□" in notice for notice in parsed.notices)
    assert load_document(write(tmp_path, data)).text == expected


# ---------------------------------------------------------------------------------------------
# bad input: a clear message within seconds
# ---------------------------------------------------------------------------------------------


def refused(tmp_path: Path, data: bytes) -> DocumentError:
    path = write(tmp_path, data)
    start = time.perf_counter()
    with pytest.raises(DocumentError) as info:
        load_document(path)
    assert time.perf_counter() - start < 5
    assert str(path) in str(info.value)
    return info.value


def small() -> bytes:
    paragraphs, head = corpus(SMALL)
    return make_ofd(paragraphs, head)[0]


def test_not_a_zip_and_truncated(tmp_path: Path) -> None:
    for data in (b"not a zip at all", small()[: len(small()) // 2]):
        with pytest.raises(DocumentError) as info:
            ofd.read(data, tmp_path / "x.ofd")
        assert info.value.key == "damaged_file"
    truncated = refused(tmp_path, small()[: len(small()) // 2])
    assert truncated.key in ("damaged_file", "not_supported_zip")


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    bomb = rewrite(small(), lambda f: f.update({"Doc_0/Pages/Page_0/Content.xml": b" " * 40_000_000}))
    assert len(bomb) < 200_000
    assert refused(tmp_path, bomb).key == "zip_bomb"


@pytest.mark.parametrize("where", ["document", "page"])
def test_a_doctype_or_entity_is_refused(tmp_path: Path, where: str) -> None:
    paragraphs, head = corpus(SMALL)
    data = make_ofd(paragraphs, head, Options(doctype_in=where))[0]
    assert refused(tmp_path, data).key == "xml_refused"


def test_missing_parts(tmp_path: Path) -> None:
    no_document = rewrite(small(), lambda f: f.pop("Doc_0/Document.xml"))
    assert refused(tmp_path, no_document).key == "damaged_file"
    no_body = rewrite(small(), lambda f: f.update({"OFD.xml": b"<OFD/>"}))
    assert refused(tmp_path, no_body).key == "damaged_file"
    bad_xml = rewrite(small(), lambda f: f.update({"Doc_0/Document.xml": b"<Document><Pages>"}))
    assert refused(tmp_path, bad_xml).key == "damaged_file"
    no_pages = rewrite(small(), lambda f: f.update({"Doc_0/Document.xml": b"<Document><Pages/></Document>"}))
    assert refused(tmp_path, no_pages).key == "empty"


def test_a_scan_is_said_to_be_one(tmp_path: Path) -> None:
    scan = (
        b'<?xml version="1.0"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content>'
        b'<ofd:Layer ID="5"><ofd:ImageObject ID="6" Boundary="0 0 210 297" CTM="210 0 0 297 0 0" '
        b'ResourceID="7"/></ofd:Layer></ofd:Content></ofd:Page>'
    )

    def scanned(files: dict[str, bytes]) -> None:
        for name in files:
            if name.endswith("Content.xml"):
                files[name] = scan

    error = refused(tmp_path, rewrite(small(), scanned))
    assert error.key == "ofd_images_only" and "扫描件" in str(error)


def test_a_missing_page_is_said_and_the_rest_is_read(tmp_path: Path) -> None:
    paragraphs, head = corpus(SMALL)
    whole, pages = make_ofd(paragraphs, head)
    data = make_ofd(paragraphs, head, Options(missing_page=1))[0]
    parsed = ofd.read(data, Path("x.ofd"))
    assert any("2" in notice for notice in parsed.notices)
    text = load_document(write(tmp_path, data)).text
    assert pages[1][1].text not in text and pages[2][1].text in text
    assert len(text) < len(load_document(write(tmp_path, whole, "whole.ofd")).text)
    only_pages = {f"Doc_0/Pages/Page_{n}/Content.xml" for n in range(len(pages))}
    nothing = rewrite(whole, lambda f: [f.pop(n) for n in only_pages])
    assert refused(tmp_path, nothing).key == "damaged_file"


def test_ten_thousand_pages_are_refused_in_seconds(tmp_path: Path) -> None:
    listed = "".join(f'<Page ID="{i}" BaseLoc="Pages/Page_0/Content.xml"/>' for i in range(10_000))
    shared = rewrite(
        small(),
        lambda f: f.update({"Doc_0/Document.xml": f"<Document><Pages>{listed}</Pages></Document>".encode()}),
    )
    error = refused(tmp_path, shared)
    assert error.key == "too_many_pages" and error.params["pages"] == 10_000
    assert "10000" in str(error) and str(ofd.MAX_PAGES) in str(error)

    many = {f"Doc_0/Pages/Page_{i}/Content.xml": "<Page/>" for i in range(10_001)}
    many["OFD.xml"] = "<OFD><DocBody><DocRoot>Doc_0/Document.xml</DocRoot></DocBody></OFD>"
    assert refused(tmp_path, package(many)).key == "too_many_pages"  # more parts than a zip may hold


def test_more_characters_than_the_limit_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Millions of tiny TextCodes fit in the zip limits; the characters placed are counted."""
    data = small()
    monkeypatch.setattr(ofd, "MAX_CHARACTERS", 1000)
    assert refused(tmp_path, data).key == "zip_bomb"
    monkeypatch.setattr(ofd, "MAX_CHARACTERS", 100_000)
    assert load_document(write(tmp_path, data, "ok.ofd")).text


def test_part_names_written_with_backslashes_or_in_another_case(tmp_path: Path) -> None:
    paragraphs, head = corpus(SMALL)

    def windows_paths(files: dict[str, bytes]) -> None:
        files["Doc_0/Document.xml"] = files["Doc_0/Document.xml"].replace(b"Pages/Page_", b"pages\\PAGE_")

    data = rewrite(make_ofd(paragraphs, head)[0], windows_paths)
    assert load_document(write(tmp_path, data)).text == "\n".join(paragraphs)


def test_identified_by_content_whatever_the_name(tmp_path: Path) -> None:
    data = small()
    assert identify(data, ".txt") == "ofd"
    assert identify(rewrite(data, lambda f: f.update({"ofd.xml": f.pop("OFD.xml")})), ".zip") == "ofd"


# ---------------------------------------------------------------------------------------------
# the command line and the sample
# ---------------------------------------------------------------------------------------------


def test_the_command_line_prints_the_same_as_for_the_txt(tmp_path: Path, isolated_user_data: Path) -> None:
    paragraphs, head = corpus("speech")
    path = write(tmp_path, make_ofd(paragraphs, head, Options(g_runs=True))[0], "讲话.ofd")
    for command in ("text", "toc"):
        got = run_module("desktop_app", command, str(path), data_dir=isolated_user_data)
        want = run_module(
            "desktop_app", command, str(ROOT / "resources" / "speech.txt"), data_dir=isolated_user_data
        )
        assert got.returncode == 0, got.stderr
        assert got.stdout == want.stdout and got.stdout.strip()


def test_the_sample_is_the_generators_and_reads_as_the_speech() -> None:
    assert unpack(SAMPLE.read_bytes()) == unpack(
        make_sample()
    )  # regenerate: python3 -m tests.formats.ofd_fixtures
    assert SAMPLE.stat().st_size < 20_000
    paragraphs = corpus("speech")[0][:SAMPLE_PARAGRAPHS]
    doc = load_document(SAMPLE)
    assert doc.text == "\n".join(paragraphs)
    assert [s.title for s in doc.sections] == [paragraphs[7], paragraphs[10]]
