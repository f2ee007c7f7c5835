"""A page's elements as paragraphs, and the lines a portal puts around an article.

:class:`Paragraphs` renders elements the way a reader sees them (blocks and <br> end a
paragraph, cells in a row are joined, <pre> keeps its lines, h1-h6 are declared headings);
:func:`trim_edges` and the patterns here tell the portal's own lines ("责任编辑：",
"【打印本页】【关闭窗口】", "分享到：") from the article's.  Used by :mod:`.html`.
"""

from __future__ import annotations

import re
from typing import Any


def names(words: str) -> frozenset[str]:
    return frozenset(words.split())


HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Elements that end a paragraph before and after them.
BLOCKS = names(
    "address article aside blockquote body center dd details div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary "
    "table tbody thead tfoot tr caption ul legend"
)
CELLS = frozenset(("td", "th"))

CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
CJK_BREAK = re.compile(rf"(?<=[{CJK}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{CJK}])")
SPACES = re.compile(r"[ \t\r\n\f\xa0]+")  # &nbsp; shows as a space, and copies as one

# Lines a portal puts at the article's edges: editors, tools, sharing, navigation.
EDGE_CHROME = re.compile(
    r"^[【\[（(]?\s*(?:(?:责任编辑|责编|编辑|审核|审校|校对|终审|初审|复审|监制|来源|稿源|作者|摄影|"
    r"浏览次数|阅读次数|点击数|发布时间|发布日期)\s*[:：]|(?:打印|关闭|分享|扫一扫|收藏|字号|字体|纠错|"
    r"我要纠错|返回顶部|回到顶部|上一篇|下一篇|相关新闻|相关链接|相关阅读|相关文章|延伸阅读|推荐阅读|"
    r"视力保护色)(?:本页|窗口|此页|此文|到)?(?:[\s:：】\]）)]|$))"
)
TOOL_LINE = re.compile(
    r"^(\s*[【\[]\s*(打印本页|打印|关闭窗口|关闭|大|中|小|纠错|收藏|分享|返回顶部|加入收藏|"
    r"字体|字号|默认|保存|下载|我要纠错)\s*[】\]]\s*|\s*(字体|字号)\s*[:：]?\s*[大中小\s]+)+$"
)
TOOLS_AT_START = re.compile(r"^[【\[]?\s*(分享|扫一扫|字号|字体|打印|收藏|视力保护色|【?大\s*】?\s*【?中)")
# Tools inside the date line under a headline: "【字体：大 中 小】", "打印", "浏览次数：".
TOOL_FRAGMENT = re.compile(
    r"[【\[]\s*(字体|字号)\s*[:：]?[大中小\s]*[】\]]|[【\[]\s*(打印本页|打印|关闭窗口|关闭|我要纠错|纠错|收藏|"
    r"分享)\s*[】\]]|(浏览次数|阅读次数|点击数|点击量|访问量|阅读量)\s*[:：]\s*\d*|"
    r"(?:^|\s|(?<=[】\]]))(打印本页|关闭窗口|打印|关闭|分享到[:：]?)(?=\s|$|[【\[])"
)
MAX_HEADING_CHARS = 200


def is_tool(line: str) -> bool:
    """A page's tool line (font size, print, share): never text, wherever it stands."""
    return len(line) <= 80 and bool(TOOL_LINE.match(line) or TOOLS_AT_START.match(line))


def is_chrome(line: str) -> bool:
    """A line a portal adds at the end of an article (editor, source, tools, neighbours)."""
    return len(line) <= 80 and bool(EDGE_CHROME.match(line) or TOOL_LINE.match(line))


def trim_edges(paragraphs: list[str], headings: dict[int, int], top: int) -> tuple[list[str], dict[int, int]]:
    """The portal's lines removed from the article's start (after the headline) and end, and
    tool lines ("【打印】【关闭】") anywhere."""
    keep = [not TOOL_LINE.match(p) for p in paragraphs]
    i = top
    while i < len(paragraphs) and is_tool(paragraphs[i]):
        keep[i] = False
        i += 1
    j = len(paragraphs) - 1
    while j >= max(top, 1) and is_chrome(paragraphs[j]):
        keep[j] = False
        j -= 1
    new_index: dict[int, int] = {}
    out: list[str] = []
    for k, p in enumerate(paragraphs):
        if keep[k]:
            new_index[k] = len(out)
            out.append(p)
    return out, {new_index[k]: v for k, v in headings.items() if k in new_index}


class Paragraphs:
    """Paragraphs rendered from elements: blocks and <br> end a paragraph, table cells in a row
    are joined by a space, <pre> keeps its lines, h1-h6 are declared headings."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.headings: dict[int, int] = {}
        self.buf: list[str] = []
        self.level = 0  # inside a heading of this level
        self.pre = 0

    def flush(self) -> None:
        if not self.buf:
            return
        text = "".join(self.buf)
        self.buf.clear()
        text = SPACES.sub(" ", CJK_BREAK.sub("", text)).strip()
        if text:
            if self.level and len(text) <= MAX_HEADING_CHARS:
                self.headings[len(self.paragraphs)] = self.level
            self.paragraphs.append(text)

    def add(self, text: str | None) -> None:
        if not text:
            return
        if self.pre:
            lines = text.split("\n")
            for n, line in enumerate(lines):
                if n:
                    self.flush()
                self.buf.append(line)
        else:
            self.buf.append(text)

    def enter(self, tag: str) -> None:
        if tag == "br":
            self.buf.append(" ") if self.level else self.flush()
        elif tag in HEADINGS:
            self.flush()
            self.level = HEADINGS[tag]
        elif tag in BLOCKS and not self.level:
            self.flush()
        if tag == "pre":
            self.pre += 1

    def leave(self, tag: str) -> None:
        if tag in HEADINGS:
            self.flush()
            self.level = 0
        elif tag in BLOCKS and not self.level:
            self.flush()
        elif tag in CELLS:
            self.buf.append(" ")
        if tag == "pre":
            self.pre = max(0, self.pre - 1)

    def render(self, top: Any, skip: set[Any], after: Any = None, until: Any = None) -> None:
        """Add the text of ``top``; with ``after``/``until``, only what lies between those two."""
        live = after is None
        stack: list[tuple[Any, bool]] = [(top, False)]
        while stack:
            el, leaving = stack.pop()
            tag = el.tag.lower() if isinstance(el.tag, str) else ""
            if leaving:
                if live:
                    self.leave(tag)
                elif tag == "pre":
                    self.pre -= 1
                if el is after:
                    live = True
                if el is not top and live:
                    self.add(el.tail)
                continue
            if el is until:
                return
            if el in skip or not tag:
                if el is not top and live:
                    self.add(el.tail)
                continue
            if live:
                self.enter(tag)
                self.add(el.text)
            elif tag == "pre":
                self.pre += 1
            stack.append((el, True))
            stack.extend((child, False) for child in reversed(el))
