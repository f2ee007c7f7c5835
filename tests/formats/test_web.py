"""Web pages (.html, .mhtml) and Markdown: the article out of a portal's page, read back through
load_document and the real command line, compared with the same text opened as .txt."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.core.document import Section
from desktop_app.core.formats import html as web
from desktop_app.core.formats import html_source, identify
from desktop_app.core.formats import markdown as md
from desktop_app.core.loader import DocumentError, load_document, paragraphs_from_text
from tests.conftest import ROOT, SPEECH, run_module
from tests.formats import web_fixtures as wf

TEXTS = {
    "speech": SPEECH,
    "ershida": wf.CORPUS / "03_ershida_baogao_2022.txt",
    "xianfa": wf.CORPUS / "06_xianfa.txt",
    "paimaifa": wf.CORPUS / "08_paimaifa_2015.txt",
    "kouan": wf.CORPUS / "09_kouan_kaifang_guiding_1985.txt",
}
PAGES: dict[str, Callable[[wf.Article], bytes]] = {
    "govcn-utf8": wf.govcn_page,
    "govcn-gb2312-h2": lambda art: wf.govcn_page(art, heading_tags=True, charset="gb2312"),
    "county-gb2312": wf.old_portal_page,
    "county-gb2312-br": lambda art: wf.old_portal_page(art, breaks=True),
    "html5-h2": wf.html5_page,
}
# Words of the pages' chrome, none of which the corpus texts hold.
CHROME = [
    "责任编辑", "版权所有", "ICP备", "公网安备", "网站标识码", "相关新闻", "相关链接", "友情链接", "分享到",
    "当前位置", "网友评论", "发表评论", "请输入", "欢迎访问", "微软雅黑", "打印", "关闭窗口", "字体",
    "要闻动态", "热点推荐", "统计代码", "浏览次数", "headline", "jquery", "复制链接", "首都之窗",
]  # fmt: skip


def tree(sections: list[Section]) -> list[tuple[int, str]]:
    return [(s.level, s.title) for s in sections]


def txt_tree(name: str) -> list[tuple[int, str]]:
    return tree(load_document(TEXTS[name]).sections)


def article(name: str) -> wf.Article:
    return wf.article(TEXTS[name], txt_tree(name))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("name", TEXTS)
def test_a_saved_portal_page_reads_as_the_text_without_the_chrome(
    tmp_path: Path, name: str, page: str
) -> None:
    art = article(name)
    saved = tmp_path / f"{name}.html"
    saved.write_bytes(PAGES[page](art))
    doc = load_document(saved)
    assert [p.text for p in doc.paragraphs] == wf.expected_paragraphs(art)
    assert tree(doc.sections) == txt_tree(name)
    assert doc.metadata.title.startswith(art.title)
    assert [w for w in CHROME if w in doc.text] == []
    assert TEXTS[name].read_text("utf-8").count("。") == doc.text.count("。")
    assert doc.encoding == ("html:gb18030" if "gb2312" in page else "html:utf-8")


@pytest.mark.parametrize("name", TEXTS)
def test_a_word_document_saved_as_a_web_page_reads_as_the_text(tmp_path: Path, name: str) -> None:
    saved = tmp_path / f"{name}.htm"
    saved.write_bytes(wf.word_html(article(name)))
    assert b"\r\n" in saved.read_bytes().split(b"WordSection1")[1][:2000]  # lines cut in the text
    doc, txt = load_document(saved), load_document(TEXTS[name])
    assert doc.text == txt.text and tree(doc.sections) == tree(txt.sections)
    assert "张文书" not in doc.text and "mso" not in doc.text


def test_the_page_is_cut_where_the_article_is_not_at_its_keywords(tmp_path: Path) -> None:
    """The chrome really is on the page: its menus, footer and scripts are there to be left out."""
    page = wf.govcn_page(article("speech")).decode()
    for word in ("责任编辑", "京ICP备", "相关新闻", "分享到", "当前位置", "网友评论", "欢迎访问", "微软雅黑"):
        assert word in page


def test_numbered_headings_marked_h2_give_the_tree_of_the_numbering(tmp_path: Path) -> None:
    """一、 marked <h2> with the run-in （一） as plain paragraphs: the declared headings would lose
    the second level, so the text's numbering makes the tree, as for the .txt."""
    art = article("ershida")
    parsed = web.read(wf.html5_page(art), Path("report.html"))
    declared = [parsed.paragraphs[i] for i in sorted(parsed.headings or {})]
    assert declared[0] == art.title  # the page's h1
    assert declared[1] == "一、过去五年的工作和新时代十年的伟大变革"
    assert len(declared) == 16 and all(p.startswith(tuple("一二三四五六七八九十")) for p in declared[1:])
    saved = tmp_path / "report.html"
    saved.write_bytes(wf.html5_page(art))
    assert tree(load_document(saved).sections) == txt_tree("ershida")
    assert any(level == 2 for level, _ in txt_tree("ershida"))


def test_headings_the_page_declares_make_the_tree_where_the_text_has_no_numbering(tmp_path: Path) -> None:
    page = tmp_path / "plan.html"
    page.write_text(
        "<html><head><title>关于做好年度工作的通知_某某市人民政府</title></head><body>"
        "<div class='nav'><a href='/'>首页</a><a href='/a'>政务公开</a><a href='/b'>通知公告</a></div>"
        "<div class='content'><h1>关于做好年度工作的通知</h1>"
        "<h2>总体要求</h2><p>认真学习，深入领会，全面落实各项工作部署，确保取得实效。</p>"
        "<h2>主要任务</h2><h3>加强理论学习</h3><p>坚持集中学习与个人自学相结合，做到学深悟透、融会贯通。</p>"
        "<h3>改进工作作风</h3><p>深入基层调查研究，解决群众急难愁盼问题，提高工作效率和质量。</p>"
        "<h2>保障措施</h2><p>各单位要加强组织领导，明确责任分工，确保各项任务按时完成。</p></div>"
        "<div class='footer'>版权所有：某某市人民政府　备案号：某ICP备12345678号</div></body></html>",
        encoding="utf-8",
    )
    doc = load_document(page)
    assert tree(doc.sections) == [
        (1, "总体要求"), (1, "主要任务"), (2, "加强理论学习"), (2, "改进工作作风"), (1, "保障措施"),
    ]  # fmt: skip
    as_text = tmp_path / "plan.txt"
    as_text.write_text(doc.text, encoding="utf-8")
    assert all(s.kind == "paragraph" for s in load_document(as_text).sections)  # the .txt: flat
    assert "版权所有" not in doc.text and "政务公开" not in doc.text


def test_only_the_portal_lines_at_the_article_end_are_removed() -> None:
    body = article("kouan").body[:6]
    kept = ["编辑部全体同志向大家问好。", "来源于群众的意见要认真研究"]
    tail = [*kept, "（来源：国务院公报）", "【责任编辑：王五】", "【打印本页】【关闭窗口】"]
    page = (
        "<html><body><div id='zoom'>" + "".join(f"<p>{p}</p>" for p in body + tail) + "</div></body></html>"
    )
    parsed = web.read(page.encode(), Path("p.html"))
    assert parsed.paragraphs == [*body, *kept]


def test_text_beside_the_best_block_is_kept_and_comments_are_not() -> None:
    """An introduction before the TRS_Editor block and a closing part after it belong to the
    article; the readers' comments further on, the related links and the editor do not."""
    body = article("speech").body
    intro, main, closing = body[4], body[5:15], body[16]
    page = (
        "<html><body><div class='main'><div class='lead'><p>" + intro + "</p></div>"
        "<div class='TRS_Editor'>" + "".join(f"<p>{p}</p>" for p in main) + "</div>"
        "<div class='part'><p>" + closing + "</p></div><p>责任编辑：王五</p>"
        "<div class='related'><a href='/1'>市直机关工委召开党建工作会议部署下半年重点任务</a>"
        "<a href='/2'>关于进一步加强机关作风建设的若干意见</a></div>"
        "<div class='comment-list'><p>网友：讲得很好，很受启发，我们单位要认真学习，结合实际抓好落实，"
        "把机关党建与中心工作融合的要求落到实处，推动各项工作取得新成效。</p></div></div></body></html>"
    )
    assert len(intro) >= 80 and len(closing) >= 80
    assert web.read(page.encode(), Path("p.html")).paragraphs == [intro, *main, closing]


# --- charsets ---------------------------------------------------------------------------------


def _speech_page(**kw: object) -> bytes:
    return wf.govcn_page(article("speech"), **kw)  # type: ignore[arg-type]


def test_a_gb2312_page_with_no_declaration_is_detected(tmp_path: Path) -> None:
    data = wf.old_portal_page(article("speech")).replace(b"; charset=gb2312", b"")
    assert b"charset" not in data
    saved = tmp_path / "page.htm"
    saved.write_bytes(data)
    doc = load_document(saved)
    assert [p.text for p in doc.paragraphs] == wf.expected_paragraphs(article("speech"))
    assert doc.encoding == "html:gb18030"


def test_a_utf8_page_that_kept_an_old_gb2312_declaration_reads_as_utf8(tmp_path: Path) -> None:
    data = _speech_page().replace(b'<meta charset="utf-8">', b'<meta charset="gb2312">')
    saved = tmp_path / "page.html"
    saved.write_bytes(data)
    assert load_document(saved).paragraphs[0].text == article("speech").title


@pytest.mark.parametrize(
    ("codec", "bom"),
    [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")],
)
def test_a_bom_decides_whatever_the_page_declares(codec: str, bom: bytes) -> None:
    page = _speech_page().decode().replace('<meta charset="utf-8">', '<meta charset="gb2312">')
    parsed = web.read(bom + page.encode(codec), Path("page.html"))
    assert parsed.paragraphs == wf.expected_paragraphs(article("speech"))


def test_a_utf8_page_with_a_bom_opens(tmp_path: Path) -> None:
    saved = tmp_path / "page.html"
    saved.write_bytes(b"\xef\xbb\xbf" + _speech_page())
    assert [p.text for p in load_document(saved).paragraphs] == wf.expected_paragraphs(article("speech"))


def test_a_utf16_page_opens(tmp_path: Path) -> None:
    saved = tmp_path / "page.html"
    saved.write_bytes(b"\xff\xfe" + _speech_page().decode().encode("utf-16-le"))
    assert load_document(saved).paragraphs[0].text == article("speech").title


def test_http_equiv_and_xml_declarations_are_read() -> None:
    gbk = "<p>中文正文，测试编码。</p>".encode("gbk")
    assert (
        html_source.declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GBK">')
        == "gb18030"
    )
    assert html_source.declared_charset(b'<?xml version="1.0" encoding="gb2312"?><html>') == "gb18030"
    assert html_source.declared_charset(b"<meta charset='Big5'>") == "big5"
    assert html_source.declared_charset(b"<meta charset=x-unknown-thing>") == ""
    text, codec = html_source.decode_html(b'<html><head><meta charset="gbk"></head><body>' + gbk)
    assert "中文正文，测试编码。" in text and codec == "gb18030"


# --- titles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("国务院关于印发《若干规定》的通知_中国政府网", "国务院关于印发《若干规定》的通知"),
        ("在全市干部大会上的讲话 - 新华网", "在全市干部大会上的讲话"),
        ("县长讲话--某某县人民政府门户网站", "县长讲话"),
        ("推进融合——在现场会上的讲话_北京市直机关工委", "推进融合——在现场会上的讲话"),
        ("政府工作报告|人民网", "政府工作报告"),
        ("政府工作报告_滚动新闻_中国政府网", "政府工作报告"),
        ("中华人民共和国宪法", "中华人民共和国宪法"),
    ],
)
def test_the_title_leaves_out_the_site_name(title: str, expected: str) -> None:
    page = f"<html><head><title>{title}</title></head><body><p>正文。</p></body></html>".encode()
    assert web.read(page, Path("p.html")).title == expected


def test_the_page_title_is_the_title_when_the_text_has_none(tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in article("kouan").body[3:])  # starts with body text
    page = tmp_path / "p.html"
    page.write_text(f"<html><head><title>口岸开放规定_国务院公报</title></head><body>{body}</body></html>")
    doc = load_document(page)
    assert doc.paragraphs[0].text.startswith("一、")
    assert doc.metadata.title == "口岸开放规定"


# --- MHTML ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind",
    ["chrome", "ie-quoted-printable", "ie-base64"],
)
def test_a_page_saved_as_one_file_reads_as_the_page(tmp_path: Path, kind: str) -> None:
    art = article("ershida")
    if kind == "chrome":
        data, suffix = wf.chrome_mhtml(wf.govcn_page(art)), ".mhtml"
    else:
        transfer = "quoted-printable" if kind.endswith("printable") else "base64"
        data, suffix = wf.ie_mhtml(wf.old_portal_page(art), transfer=transfer), ".mht"
    assert identify(data, suffix) == "mhtml"
    saved = tmp_path / f"report{suffix}"
    saved.write_bytes(data)
    doc = load_document(saved)
    assert [p.text for p in doc.paragraphs] == wf.expected_paragraphs(art)
    assert tree(doc.sections) == txt_tree("ershida")
    assert doc.encoding == ("mhtml:utf-8" if kind == "chrome" else "mhtml:gb18030")
    assert "宋体" not in doc.text  # the CSS part is not text


def test_an_mhtml_with_no_page_in_it_is_damaged(tmp_path: Path) -> None:
    data = wf.chrome_mhtml(b"")
    data = data.replace(b"Content-Type: text/html", b"Content-Type: image/gif")
    data = data.replace(b"Content-Type: text/css", b"Content-Type: image/gif")
    saved = tmp_path / "page.mhtml"
    saved.write_bytes(data)
    with pytest.raises(DocumentError) as info:
        load_document(saved)
    assert info.value.key == "damaged_file" and "MHTML" in str(info.value)


def test_an_mhtml_with_nested_parts_reads_the_page(tmp_path: Path) -> None:
    art = article("kouan")
    page = wf.govcn_page(art)
    data = (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="outer"\r\n\r\n--outer\r\n'
        b'Content-Type: multipart/alternative; boundary="inner"\r\n\r\n--inner\r\n'
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nplain version\r\n--inner\r\n"
        b"Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(page)
        + b"\r\n--inner--\r\n\r\n--outer--\r\n"
    )
    saved = tmp_path / "nested.mht"
    saved.write_bytes(data)
    assert [p.text for p in load_document(saved).paragraphs] == wf.expected_paragraphs(art)


@pytest.mark.skipif(sys.platform == "win32", reason="os.wait4: POSIX")
def test_a_big_mhtml_opens_in_bounded_time_and_memory(tmp_path: Path) -> None:
    art = article("ershida")
    page = wf.govcn_page(wf.Article(art.title, art.body * 160, {}))
    saved = tmp_path / "big.mhtml"
    saved.write_bytes(wf.chrome_mhtml(page))
    assert saved.stat().st_size > 45_000_000  # quoted-printable triples Chinese text
    code, out, err, seconds, peak = _run_measured(["toc", str(saved)], tmp_path / "run")
    assert code == 0, err
    assert out.splitlines()[:2] == [title for _level, title in txt_tree("ershida")[:2]]
    # measured: 1.5 s and 165 MB for 51 MB (the email package's parser: 2.8 s and 460 MB)
    assert seconds < 60 and peak < 400 * 2**20, (seconds, peak)


def test_an_mhtml_of_plain_text_reads_the_text(tmp_path: Path) -> None:
    text = "\n".join(article("kouan").body[:5])
    data = (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: text/plain; charset=gb2312\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(text.encode("gbk"))
        + b"\r\n--b--\r\n"
    )
    saved = tmp_path / "note.mht"
    saved.write_bytes(data)
    assert load_document(saved).text == text


# --- bad input --------------------------------------------------------------------------------


def test_a_truncated_page_gives_the_text_up_to_the_cut(tmp_path: Path) -> None:
    data = _speech_page()
    expected = wf.expected_paragraphs(article("speech"))
    for share in (0.5, 0.8):
        cut = int(len(data) * share)
        while (data[cut] & 0xC0) != 0x80:  # cut inside a character
            cut += 1
        saved = tmp_path / f"cut{share}.html"
        saved.write_bytes(data[:cut])
        got = [p.text for p in load_document(saved).paragraphs]
        assert 5 < len(got) < len(expected)
        assert got[:-1] == expected[: len(got) - 1]
        assert expected[len(got) - 1].startswith(got[-1])


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"   \n",
        b"<html><head><title>x</title><script>var a = '\xe4\xb8\xad';</script></head><body></body></html>",
        b"<html><frameset cols='20%,80%'><frame src='menu.htm'><frame src='main.htm'></frameset></html>",
        b"<!DOCTYPE html><html><body><nav><a href='/'>\xe9\xa6\x96\xe9\xa1\xb5</a></nav></body></html>",
    ],
)
def test_a_page_without_text_is_empty(tmp_path: Path, content: bytes) -> None:
    saved = tmp_path / "empty.html"
    saved.write_bytes(content)
    with pytest.raises(DocumentError) as info:
        load_document(saved)
    assert info.value.key == "empty"


def test_a_page_nested_deeper_than_the_parser_goes_still_reads(tmp_path: Path) -> None:
    """An old editor's thousands of unclosed <font> tags: read again without them."""
    body = "".join(f"<font size=3><p>{p}" for p in article("speech").body)
    saved = tmp_path / "deep.html"
    saved.write_text(f"<html><body>{'<font>' * 3000}{body}</body></html>", encoding="utf-8")
    assert [p.text for p in load_document(saved).paragraphs] == article("speech").body


def test_divs_nested_past_any_limit_are_refused_quickly(tmp_path: Path) -> None:
    saved = tmp_path / "deep.html"
    saved.write_text("<html><body>" + "<div>字" * 100_000 + "</body></html>", encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(DocumentError) as info:
        load_document(saved)
    assert info.value.key == "damaged_file" and time.perf_counter() - start < 10


def _run_measured(args: list[str], work: Path) -> tuple[int, str, str, float, int]:
    """The real command line in its own process: exit code, output, errors, wall time and
    peak memory (bytes, from the child's own rusage)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    work.mkdir(exist_ok=True)
    out, err = work / "out.txt", work / "err.txt"
    status_file = work / "status.txt"
    # The child's own high-water mark (VmHWM, written at its exit): the rusage of a forked child
    # starts at the size of the parent it was forked from, and a long test run's pytest is large.
    launcher = (
        "import atexit, runpy, sys\n"
        f"atexit.register(lambda: open({str(status_file)!r}, 'w').write(open('/proc/self/status').read()))\n"
        f"sys.argv = ['desktop_app', '--data-dir', {str(work / 'user')!r}, *{args!r}]\n"
        "runpy.run_module('desktop_app', run_name='__main__')\n"
    )
    start = time.perf_counter()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", launcher], stdout=stdout, stderr=stderr, env=env, cwd=ROOT
        )
        _pid, status, _usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    hwm = next(line for line in status_file.read_text().splitlines() if line.startswith("VmHWM:"))
    peak = int(hwm.split()[1]) * 1024  # kB
    return process.returncode, out.read_text("utf-8"), err.read_text("utf-8"), seconds, peak


@pytest.mark.skipif(sys.platform == "win32", reason="os.wait4: POSIX")
def test_a_50_mb_page_on_one_line_opens_in_bounded_time_and_memory(tmp_path: Path) -> None:
    art = article("ershida")
    one = len(wf.govcn_page(art))
    repeated = wf.Article(art.title, art.body * (56_000_000 // one + 1), {})
    data = wf.govcn_page(repeated).replace(b"\n", b"")
    assert len(data) > 50_000_000 and data.count(b"\n") == 0
    saved = tmp_path / "big.html"
    saved.write_bytes(data)
    del data
    code, out, err, seconds, peak = _run_measured(["toc", str(saved)], tmp_path / "run")
    assert code == 0, err
    toc = out.splitlines()
    assert toc[:3] == [title for _level, title in txt_tree("ershida")[:3]]
    # measured: 4-8 s, 270 MB on a 2-core CI machine (the same text as .txt: 0.8 s, 220 MB)
    assert seconds < 60 and peak < 800 * 2**20, (seconds, peak)


@pytest.mark.skipif(sys.platform == "win32", reason="os.wait4: POSIX")
def test_a_page_of_a_million_tiny_elements_is_read_as_a_stream(tmp_path: Path) -> None:
    saved = tmp_path / "tiny.html"
    saved.write_bytes(b"<html><body>" + "<p>条</p>".encode() * 1_000_000 + b"</body></html>")
    code, _out, err, seconds, peak = _run_measured(["toc", str(saved)], tmp_path / "run")
    assert code == 0, err
    # measured: 7 s, 300 MB (as a tree it took 17 s and 830 MB)
    assert seconds < 90 and peak < 700 * 2**20, (seconds, peak)


# --- the command line -------------------------------------------------------------------------


def test_the_command_line_reads_pages_as_it_reads_text(tmp_path: Path) -> None:
    art = article("paimaifa")
    html_file = tmp_path / "拍卖法.html"
    html_file.write_bytes(wf.old_portal_page(art))
    mhtml_file = tmp_path / "拍卖法.mhtml"
    mhtml_file.write_bytes(wf.chrome_mhtml(wf.govcn_page(art)))
    md_file = tmp_path / "拍卖法.md"
    md_file.write_text(wf.markdown_of(art), encoding="utf-8")
    expected_toc = run_module("desktop_app", "toc", str(TEXTS["paimaifa"]), data_dir=tmp_path / "u")
    for saved, head in ((html_file, [art.title, wf.DATE_LINE]), (mhtml_file, [art.title, wf.DATE_LINE]),
                        (md_file, [art.title])):  # fmt: skip
        text = run_module("desktop_app", "text", str(saved), data_dir=tmp_path / "u")
        assert text.returncode == 0, text.stderr
        assert text.stdout == "\n".join([*head, *art.body]) + "\n"
        toc = run_module("desktop_app", "toc", str(saved), data_dir=tmp_path / "u")
        assert toc.stdout == expected_toc.stdout and toc.stdout.count("\n") > 30


def test_the_command_line_says_why_a_page_cannot_be_opened(tmp_path: Path) -> None:
    saved = tmp_path / "menu.html"
    saved.write_text("<html><body><nav><a href='/'>首页</a></nav></body></html>", encoding="utf-8")
    result = run_module("desktop_app", "text", str(saved), data_dir=tmp_path / "u")
    assert result.returncode == 3 and "没有文字" in result.stderr and "Traceback" not in result.stderr


# --- Markdown ---------------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["blank", "lines", "wrapped"])
@pytest.mark.parametrize("name", TEXTS)
def test_markdown_reads_as_the_text(tmp_path: Path, name: str, style: str) -> None:
    art = article(name)
    saved = tmp_path / f"{name}.md"
    saved.write_text(wf.markdown_of(art, style), encoding="utf-8")
    doc = load_document(saved)
    assert [p.text for p in doc.paragraphs] == [art.title, *art.body]
    assert tree(doc.sections) == txt_tree(name)
    assert doc.encoding == "markdown:utf-8"


def test_markdown_headings_make_the_tree_where_the_text_has_no_numbering(tmp_path: Path) -> None:
    saved = tmp_path / "plan.md"
    saved.write_text(
        "# 关于做好年度工作的通知\n\n## 总体要求\n\n认真学习，深入领会。\n\n## 主要任务\n\n"
        "### 加强理论学习\n\n坚持集中学习。\n\n### 改进工作作风\n\n深入基层。\n\n## 保障措施\n\n加强领导。\n",
        encoding="utf-8",
    )
    doc = load_document(saved)
    assert tree(doc.sections) == [
        (1, "总体要求"), (1, "主要任务"), (2, "加强理论学习"), (2, "改进工作作风"), (1, "保障措施"),
    ]  # fmt: skip


def test_markdown_markup_leaves_its_text() -> None:
    source = (
        '---\ntitle: "学习材料"\nauthor: 办公室\ntags:\n  - 学习\n---\n'
        "正文有**加粗**、*强调*、`代码`、[链接](http://example.com)和![图](a.png)图片。\n\n"
        "1. 第一项\n2. 第二项\n\n- 甲项\n- 乙项\n\n> 引用的一段话。\n\n"
        "```\n代码第一行\n代码第二行\n```\n\n| 姓名 | 职务 |\n|---|---|\n| 张三 | 科长 |\n\n"
        "<div align=center>居中的<b>文字</b><script>alert(1)</script></div>\n\n第一行<br>第二行\n"
    )
    parsed = md.read(source.encode("gb18030"), Path("notes.md"))
    assert parsed.paragraphs == [
        "正文有加粗、强调、代码、链接和图片。", "1. 第一项", "2. 第二项", "甲项", "乙项", "引用的一段话。",
        "代码第一行", "代码第二行", "姓名 职务", "张三 科长", "居中的文字", "第一行", "第二行",
    ]  # fmt: skip
    assert parsed.title == "学习材料"
    assert parsed.encoding == "markdown:gb18030"


def test_lines_cut_at_a_full_stop_are_paragraphs_unless_the_text_is_filled() -> None:
    two = "各少数民族聚居的地方实行区域自治，行使自治权。\n各民族自治地方都是中华人民共和国不可分离的部分。\n"
    assert md.markdown_paragraphs(two)[0] == two.split()  # as a .txt: a paragraph a line
    filled = "一二三四五六七八九十一二三四五六七八九十一二三四五。\n" * 3 + "完。\n"
    assert md.markdown_paragraphs(filled)[0] == [filled.replace("\n", "")]


def test_a_wrapped_english_paragraph_is_joined_with_spaces() -> None:
    lines, _ = md.markdown_paragraphs(
        "The State Council issued the plan on Monday and asked every\n"
        "department to carry it out within the year, reporting back to\n"
        "the General Office.\n"
    )
    assert lines == [
        "The State Council issued the plan on Monday and asked every department to carry it out "
        "within the year, reporting back to the General Office."
    ]


# --- the samples for the selftest ---------------------------------------------------------------


SAMPLES = ROOT / "resources" / "samples"


@pytest.mark.parametrize("sample", ["speech.html", "speech.md"])
def test_the_bundled_samples_open_as_the_start_of_the_speech(sample: str) -> None:
    doc = load_document(SAMPLES / sample)
    speech = paragraphs_from_text(SPEECH.read_text("utf-8"))
    texts = [p.text for p in doc.paragraphs]
    if sample.endswith(".html"):
        assert texts[1] == wf.DATE_LINE
        del texts[1]
    assert texts == speech[: len(texts)] and len(texts) >= 10
    assert (
        tree(doc.sections)
        == [(s.level, s.title) for s in load_document(SPEECH).sections][: len(doc.sections)]
    )
    assert len(doc.sections) >= 2
    assert (SAMPLES / sample).stat().st_size < 64 * 1024
