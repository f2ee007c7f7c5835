"""Web pages made the way portals make them, around a corpus text, for the web readers' tests.

Each template is modelled on a kind of page people save speeches from: a gov.cn-style article
page (HTML with the article in ``div#UCAP-CONTENT.pages_content``), an old county-portal page
(GB2312, table layout, a TRS_Editor block, ``<font>`` and ``&nbsp;`` indentation, paragraphs
as <p> or cut by <br>), and an HTML5 news page (<header><nav>, <main><article> with <h2>
headings, <aside>, <footer>).  All carry the chrome a real page has: the site's menu, a
breadcrumb, tools (字体 大 中 小, 打印), a 责任编辑 line, share buttons, 相关新闻, readers'
comments, a footer with 版权所有 and the ICP 备案号, scripts (with Chinese text in them) and
styles.  ``expected_paragraphs`` says what a reader must give back: the corpus text with the
page's date and source line under the title, nothing of the chrome.

MHTML files are made as Chrome ("Saved by Blink", quoted-printable UTF-8, the page's CSS and
an image as further parts) and Internet Explorer ("Windows Internet Explorer 8 保存", GB2312
quoted-printable or base64) write them.
"""

from __future__ import annotations

import base64
import quopri
from html import escape
from pathlib import Path
from typing import NamedTuple

from desktop_app.core.loader import paragraphs_from_text

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"
SPEECH = ROOT / "resources" / "speech.txt"

DATE_LINE = "2023-06-14 20:09 来源：北京市直机关工委"


class Article(NamedTuple):
    """A text to put on a page: its title (first paragraph), the rest, and which of the rest are
    headings of the text's own tree (index into ``body`` -> level), from the expected tree."""

    title: str
    body: list[str]
    levels: dict[int, int]


def article(path: Path, expected: list[tuple[int, str]] | None = None) -> Article:
    paragraphs = paragraphs_from_text(path.read_text("utf-8"))
    levels: dict[int, int] = {}
    for level, title in expected or []:
        for i, p in enumerate(paragraphs[1:]):
            if p == title and i not in levels:
                levels[i] = level
                break
    return Article(paragraphs[0], paragraphs[1:], levels)


def expected_paragraphs(art: Article) -> list[str]:
    """What the reader must find: the title, the page's date and source line, the text."""
    return [art.title, DATE_LINE, *art.body]


_SCRIPT = """<script type="text/javascript">
var _hmt = _hmt || []; var shareTitle = "{title}";
window._bd_share_config = {{"common":{{"bdText":"一、分享到微信。二、分享到微博。"}}}};
if (document.cookie.indexOf("visited") < 0) {{ document.write("<p>欢迎访问，本站首页。</p>"); }}
</script>"""
_STYLE = """<style type="text/css">
body {{ font-family: "微软雅黑", "宋体"; }} .pages_content p {{ text-indent: 2em; line-height: 2; }}
.nav li {{ float: left; }} /* 导航：首页 新闻 政务公开 */
</style>"""
_NAV = ["首页", "要闻动态", "政务公开", "政策文件", "领导讲话", "办事服务", "互动交流", "数据发布"]
_RELATED = [
    "市直机关工委召开党建工作会议部署下半年重点任务",
    "关于进一步加强机关作风建设的若干意见（全文）",
    "学习贯彻主题教育工作会议精神座谈会在京召开",
    "市政务服务局推进“一网通办”改革取得新进展",
]
_COMMENTS = [
    "讲得很好，很受启发，我们单位要认真学习，结合实际抓好落实。",
    "机关党建与中心工作融合，关键在于支部，要把工作落到实处。",
]


def _nav_links() -> str:
    return "".join(f'<li><a href="/col/{i}/index.html">{name}</a></li>' for i, name in enumerate(_NAV))


def _related() -> str:
    items = "".join(
        f'<li><a href="/art/2023/6/{i}/art_{i}.html">{t}</a><span>2023-06-{10 + i}</span></li>'
        for i, t in enumerate(_RELATED)
    )
    return f'<div class="related"><div class="related-title">相关新闻</div><ul>{items}</ul></div>'


def _comments() -> str:
    items = "".join(
        f"<div class='comment-item'><p>网友{i + 1}：{c}</p></div>" for i, c in enumerate(_COMMENTS)
    )
    return (
        '<div class="comment-box"><h3>网友评论</h3><form action="/comment" method="post">'
        '<textarea name="c">请输入评论内容</textarea><button type="submit">发表评论</button></form>'
        f"{items}</div>"
    )


_FOOTER = (
    "<p>主办单位：北京市直属机关工作委员会　承办：市直机关工委办公室</p>"
    "<p>版权所有 © 2023 北京市直机关工委　地址：北京市通州区运河东大街55号　邮编：101160</p>"
    '<p><a href="https://beian.miit.gov.cn/">京ICP备05060933号</a>　'
    '<a href="http://www.beian.gov.cn/">京公网安备 11010502030020号</a>　网站标识码：1100000088</p>'
)


def _paragraph(text: str, level: int | None, heading_tags: bool) -> str:
    if level is not None and heading_tags:
        return f"<h{level + 1}>{escape(text)}</h{level + 1}>"
    if level is not None:
        return f'<p style="text-indent:2em"><strong>{escape(text)}</strong></p>'
    return f'<p style="text-indent:2em">{escape(text)}</p>'


def govcn_page(art: Article, *, heading_tags: bool = False, charset: str = "utf-8") -> bytes:
    """An article page like gov.cn's: header and menu, breadcrumb, h1, the date line with the
    font-size tool and 打印, the text in div#UCAP-CONTENT, 责任编辑, share, related news, footer."""
    body = "\n".join(_paragraph(p, art.levels.get(i), heading_tags) for i, p in enumerate(art.body))
    title = escape(art.title)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="keywords" content="机关党建,讲话">
<title>{title}_中国政府网</title>
<link rel="stylesheet" href="/css/common.css">
{_STYLE.format()}
{_SCRIPT.format(title=title)}
</head>
<body>
<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="中国政府网"></a></div>
<div class="search"><form action="/search"><input type="text" name="q" value="请输入关键词">
<button>搜索</button></form></div>
<ul class="nav">{_nav_links()}</ul></div>
<div class="BreadcrumbNav">当前位置：<a href="/">首页</a> &gt; <a href="/zhengce/">政策</a> &gt;
<a href="/zhengce/jh/">领导讲话</a></div>
<div class="article oneColumn pub_border">
<h1>{title}</h1>
<div class="pages-date">2023-06-14 20:09 <span class="font">来源：北京市直机关工委</span>
<span class="font index_switchsize">【字体：<span>大</span> <span>中</span> <span>小</span>】</span>
<span class="font"><a href="javascript:void(0)" onclick="window.print()">打印</a></span></div>
<div class="pages_content" id="UCAP-CONTENT">
{body}
</div>
<div class="editor">【我要纠错】 责任编辑：张晓明</div>
<div class="share">分享到：<a href="#" class="wx">微信</a><a href="#" class="wb">微博</a>
<a href="#" class="qq">QQ空间</a></div>
</div>
{_related()}
{_comments()}
<div class="footer">{_FOOTER}</div>
<script src="/js/jquery.min.js"></script>
<script>$(function(){{ $(".nav li").hover(function(){{ $(this).addClass("on"); }}); }});</script>
</body>
</html>
"""
    return _encode(page, charset)


def _encode(page: str, charset: str) -> bytes:
    """What a Chinese CMS writes for a page that declares ``charset``: "gb2312" pages are GBK
    (the Windows code page; an em dash is not in GB2312 proper), other characters as &#...;."""
    codec = "gbk" if charset.lower() in ("gb2312", "gbk") else charset
    return page.encode(codec, errors="xmlcharrefreplace")


def old_portal_page(art: Article, *, charset: str = "gb2312", breaks: bool = False) -> bytes:
    """A county portal of the 2000s: table layout, a left menu, GB2312 declared by
    http-equiv, the title in td.title, a TRS_Editor block (paragraphs as <p> with &nbsp;
    indentation, or one block cut by <br>), 【打印本页】【关闭窗口】, and a footer table."""
    if breaks:
        body = "<br>\n".join("　　" + escape(p) for p in art.body)
        body = f'<div class="TRS_Editor"><font size="3">{body}</font></div>'
    else:
        paragraphs = "\n".join(
            f'<p align="justify" style="line-height:150%">&nbsp;&nbsp;&nbsp;&nbsp;{escape(p)}</p>'
            for p in art.body
        )
        body = (
            '<div class="TRS_Editor"><style type="text/css">.TRS_Editor P{margin-top:0px;font-size:12pt;}'
            f'</style><div class="Custom_UnionStyle">{paragraphs}</div></div>'
        )
    menu = "".join(
        f'<tr><td height="28"><a href="/col/col{i}/">{n}</a></td></tr>' for i, n in enumerate(_NAV)
    )
    title = escape(art.title)
    page = f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}--某某县人民政府门户网站</title>
{_STYLE.format()}
</head>
<body topmargin="0" leftmargin="0">
{_SCRIPT.format(title=title)}
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td class="top"><img src="/images/banner.jpg" width="1000" height="120"></td></tr>
<tr><td class="nav">{" | ".join(f'<a href="/{i}/">{n}</a>' for i, n in enumerate(_NAV))}</td></tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0"><tr>
<td width="200" valign="top" class="left"><table width="100%">{menu}</table>
<table class="link"><tr><td>友情链接</td></tr><tr><td><a href="http://www.gov.cn">中国政府网</a></td></tr>
<tr><td><a href="http://www.beijing.gov.cn">首都之窗</a></td></tr></table></td>
<td width="800" valign="top">
<table width="96%" border="0" align="center">
<tr><td class="position">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/ldjh/">领导讲话</a></td></tr>
<tr><td align="center" class="title" height="60">
<font size="5" color="#CC0000"><b>{title}</b></font></td></tr>
<tr><td align="center" class="info">2023-06-14 20:09&nbsp;&nbsp;来源：北京市直机关工委&nbsp;&nbsp;
浏览次数：<script>document.write(1234)</script></td></tr>
<tr><td height="1" bgcolor="#CCCCCC"></td></tr>
<tr><td class="content" id="zoom">{body}</td></tr>
<tr><td align="right">【<a href="javascript:window.print()">打印本页</a>】
【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
</table>
<table width="96%" align="center"><tr><td class="xgxw">相关链接：</td></tr>
{"".join(f'<tr><td><a href="/art/{i}.html">{t}</a></td></tr>' for i, t in enumerate(_RELATED))}
</table>
</td></tr></table>
<table width="1000" align="center" class="bottom"><tr><td align="center">{_FOOTER}</td></tr></table>
</body>
</html>
"""
    return _encode(page, charset)


def html5_page(art: Article) -> bytes:
    """A news site in HTML5: header and nav, main > article with its h1, a meta line with
    <time>, the text with <h2>/<h3> for the headings, an article footer with the editor,
    an aside of related news and readers' comments, the site footer."""
    parts = []
    for i, p in enumerate(art.body):
        level = art.levels.get(i)
        parts.append(
            f"<h{level + 1}>{escape(p)}</h{level + 1}>" if level is not None else f"<p>{escape(p)}</p>"
        )
    body = "\n".join(parts)
    title = escape(art.title)
    page = f"""<!doctype html>
<html><head><meta charset="utf-8"><title>{title} - 新华网</title>
{_STYLE.format()}
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{title}"}}</script>
</head><body>
<header class="site-header"><a class="logo" href="/">新华网</a>
<nav class="main-nav"><ul>{_nav_links()}</ul></nav></header>
<main>
<div class="crumbs"><a href="/">首页</a> &gt; <a href="/politics/">时政</a> &gt; 正文</div>
<article>
<h1>{title}</h1>
<p class="meta"><time datetime="2023-06-14T20:09">2023-06-14 20:09</time> 来源：北京市直机关工委</p>
<section class="article-body">
{body}
</section>
<footer class="article-footer"><p>【责任编辑：王五】</p>
<div class="share-bar"><span>分享到：</span><a href="#">微信</a><a href="#">微博</a>
<a href="#">复制链接</a></div>
</footer>
</article>
<aside class="sidebar">{_related()}<div class="hot"><h3>热点推荐</h3>
<p>全国人大常委会今日举行会议，审议多部法律草案，听取有关工作报告。</p></div></aside>
{_comments()}
</main>
<footer class="site-footer">{_FOOTER}</footer>
<script>console.log("统计代码：页面访问一次。");</script>
</body></html>
"""
    return page.encode("utf-8")


def _qp(data: bytes) -> bytes:
    return quopri.encodestring(data).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def chrome_mhtml(page: bytes, url: str = "https://www.gov.cn/zhengce/2023-06/14/content_5886.htm") -> bytes:
    """``page`` (UTF-8) as Chrome's "Save as: single file" writes it: quoted-printable, the
    boundary ----MultipartBoundary--, a CSS part and a PNG part after the page."""
    boundary = "----MultipartBoundary--dnLFy4Sd9JsqhEZ4kBDnhwO4qDuKGYcFqWVNGZu0Qs----"
    subject = "=?utf-8?Q?" + "".join(f"={b:02X}" for b in "机关党建讲话".encode()) + "?="
    png = base64.encodebytes(b"\x89PNG\r\n\x1a\n" + bytes(range(200))).replace(b"\n", b"\r\n")
    return b"\r\n".join(
        [
            b"From: <Saved by Blink>",
            f"Snapshot-Content-Location: {url}".encode(),
            f"Subject: {subject}".encode(),
            b"Date: Wed, 14 Jun 2023 12:30:00 -0000",
            b"MIME-Version: 1.0",
            b"Content-Type: multipart/related;",
            b'\ttype="text/html";',
            f'\tboundary="{boundary}"'.encode(),
            b"",
            b"",
            f"--{boundary}".encode(),
            b"Content-Type: text/html",
            b"Content-ID: <frame-5BAD0C1F9A2B@mhtml.blink>",
            b"Content-Transfer-Encoding: quoted-printable",
            f"Content-Location: {url}".encode(),
            b"",
            _qp(page),
            f"--{boundary}".encode(),
            b"Content-Type: text/css",
            b"Content-Transfer-Encoding: quoted-printable",
            b"Content-Location: cid:css-1@mhtml.blink",
            b"",
            _qp('@charset "utf-8";\nbody { font-family: 宋体; }'.encode()),
            f"--{boundary}".encode(),
            b"Content-Type: image/png",
            b"Content-Transfer-Encoding: base64",
            b"Content-Location: https://www.gov.cn/images/logo.png",
            b"",
            png,
            f"--{boundary}--".encode(),
            b"",
        ]
    )


def ie_mhtml(page: bytes, charset: str = "gb2312", transfer: str = "quoted-printable") -> bytes:
    """``page`` (in ``charset``) as Internet Explorer's "Web Archive, single file" writes it."""
    boundary = "----=_NextPart_000_0000_01D99EA2.6B5F1C80"
    encoded = (
        _qp(page) if transfer == "quoted-printable" else base64.encodebytes(page).replace(b"\n", b"\r\n")
    )
    return b"\r\n".join(
        [
            "From: <由 Windows Internet Explorer 8 保存>".encode("gbk"),
            b"Subject: =?gb2312?B?" + base64.b64encode("领导讲话".encode("gbk")) + b"?=",
            b"Date: Wed, 14 Jun 2023 20:30:00 +0800",
            b"MIME-Version: 1.0",
            b"Content-Type: multipart/related;",
            b'\ttype="text/html";',
            f'\tboundary="{boundary}"'.encode(),
            b"X-MimeOLE: Produced By Microsoft MimeOLE V6.1.7601.17514",
            b"",
            b"This is a multi-part message in MIME format.",
            b"",
            f"--{boundary}".encode(),
            b"Content-Type: text/html;",
            f'\tcharset="{charset}"'.encode(),
            f"Content-Transfer-Encoding: {transfer}".encode(),
            b"Content-Location: http://www.example.gov.cn/art/2023/6/14/art_1_1.html",
            b"",
            encoded,
            b"",
            f"--{boundary}".encode(),
            b"Content-Type: image/gif",
            b"Content-Transfer-Encoding: base64",
            b"Content-Location: http://www.example.gov.cn/images/banner.gif",
            b"",
            base64.encodebytes(b"GIF89a" + bytes(64)).replace(b"\n", b"\r\n"),
            f"--{boundary}--".encode(),
            b"",
        ]
    )


def _wrapped(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at least ``width`` characters, as an editor fills Chinese
    text: between two Chinese characters (never at a space or inside a Latin word).  Not right
    after a full stop: a two-line paragraph cut there cannot be told from two paragraphs of a
    file written a paragraph a line, and is read as two (see test_web)."""
    lines, start = [], 0
    for i in range(width, len(text)):
        if (
            i - start >= width
            and _is_cjk(text[i - 1])
            and _is_cjk(text[i])
            and text[i - 1] not in "。！？；："
        ):
            lines.append(text[start:i])
            start = i
    return [*lines, text[start:]]


def _is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def markdown_of(art: Article, style: str = "blank") -> str:
    """``art`` as Markdown: "blank" (CommonMark's blank line between paragraphs; the text's
    headings as ## and ###), "lines" (a paragraph a line, no blank lines, as a .txt renamed
    .md), "wrapped" (paragraphs cut into lines of 30 characters, as a text editor wraps)."""
    if style == "lines":
        return "\n".join([art.title, *art.body]) + "\n"
    if style == "wrapped":
        out = [f"# {art.title}", ""]
        for p in art.body:
            out += [*_wrapped(p, 30), ""]
        return "\n".join(out)
    out = [f"# {art.title}", ""]
    for i, p in enumerate(art.body):
        level = art.levels.get(i)
        out += [f"{'#' * (level + 1)} {p}" if level is not None else p, ""]
    return "\n".join(out)


def word_html(art: Article) -> bytes:
    """``art`` as Word's "Save as Web Page" (.htm) writes it: GB2312 declared, Office XML in
    conditional comments, <p class=MsoNormal> with <span>s and <o:p>, empty paragraphs of
    &nbsp;, and the source cut into lines inside the Chinese text (as Word wraps its HTML)."""

    def para(text: str, style: str) -> str:
        cut = "\r\n".join(_wrapped(escape(text), 36))
        return (
            f"<p class=MsoNormal style='{style}'><span style='font-size:16.0pt;"
            f"font-family:仿宋_GB2312'>{cut}<span lang=EN-US><o:p></o:p></span></span></p>"
        )

    body = [
        para(art.title, "text-align:center"),
        "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>",
    ]
    body += [para(p, "text-indent:32.0pt") for p in art.body]
    page = (
        '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"\r\n'
        'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">\r\n'
        '<head>\r\n<meta http-equiv=Content-Type content="text/html; charset=gb2312">\r\n'
        '<meta name=ProgId content=Word.Document>\r\n<meta name=Generator content="Microsoft Word 15">\r\n'
        f"<title>{escape(art.title)}</title>\r\n"
        "<!--[if gte mso 9]><xml>\r\n <o:DocumentProperties>\r\n  <o:Author>文秘科张文书</o:Author>\r\n"
        " </o:DocumentProperties>\r\n</xml><![endif]-->\r\n"
        '<style>\r\n<!--\r\n p.MsoNormal {mso-style-parent:""; font-family:仿宋_GB2312;}\r\n'
        "-->\r\n</style>\r\n"
        "</head>\r\n<body lang=ZH-CN style='tab-interval:21.0pt'>\r\n"
        "<div class=WordSection1 style='layout-grid:15.6pt'>\r\n"
        + "\r\n\r\n".join(body)
        + "\r\n</div>\r\n</body>\r\n</html>\r\n"
    )
    return _encode(page, "gb2312")
