"""Web pages (.html/.htm) and pages saved by a browser as one file (.mhtml/.mht).

A speech saved from a portal is a page of chrome (menus, a breadcrumb, share buttons, "相关新闻",
the footer's 版权所有 and ICP 备案号, scripts and styles) around one article.  The page is parsed
by lxml's HTML parser (libxml2: no network, no entity loading; comments and processing
instructions dropped), and the article is found the way readability-style extractors do it:

* what is never text goes first: scripts, styles, forms' controls, frames, hidden elements;
* every block of text earns a score from its length and its punctuation (commas and full stops
  are what running Chinese text has and menus lack), credited to the block, its parent and,
  less, its grandparents; a container's score is cut by the share of its text inside links, and
  raised or lowered by its class and id (TRS_Editor, zoom, pages_content, UCAP-CONTENT, content,
  article ... up; nav, footer, share, related, comment ... down).  The best container wins;
* inside it, link lists and containers named like chrome are left out, and the page's own lines
  at the article's edges ("责任编辑：", "【打印本页】【关闭窗口】", "分享到：") are removed;
* blocks of text beside the winning block in its parent (an introduction, a closing part) join
  it, up to the first block that is not text;
* the article's headline (the h1, or the element whose text is the <title>) is put back in front
  when it stands outside the winning block, with the short lines between them (date, source).

Block elements (p, div, br, li, h1-h6, tr ...) end paragraphs; h1-h6 inside the article are its
declared headings (core/formats uses the text's numbering instead when it finds them all); the
<title> less the site's name after " - " or "_" is the file's title.
The charset comes from a BOM; else bytes that are valid UTF-8 are read as UTF-8 (whatever an old
template's <meta> says); else the MHTML part's or the page's own declaration (<meta charset>,
<meta http-equiv>, <?xml encoding>), else detection (loader.decode_bytes).  Pages with more than
MAX_TREE_TAGS tags are read as a stream of parser events, without the article search.

MHTML (Chrome's "single file", IE and Edge's "web archive") is MIME multipart/related: the page
is its text/html part (quoted-printable or base64, its charset in the part's header), read by the
standard library's email parser and then as above.  Bytes to text: :mod:`.html_source`;
elements to paragraphs and the portal's edge lines: :mod:`.html_text`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from desktop_app.core.formats import Parsed
from desktop_app.core.formats.html_source import decode_html, html_of_mhtml
from desktop_app.core.formats.html_text import (
    BLOCKS,
    CELLS,
    HEADINGS,
    MAX_HEADING_CHARS,
    SPACES,
    TOOL_FRAGMENT,
    Paragraphs,
    is_tool,
    names,
    trim_edges,
)
from desktop_app.core.loader import DocumentError

# Never text, removed with their content (the tail after them stays).
_DROP = names(
    "script style noscript template iframe frame frameset object embed applet svg math canvas head "
    "button select option optgroup input textarea map audio video source track link meta base "
    "title datalist dialog"
)
# Elements whose text is credited to a paragraph of their own for scoring.
_TEXT_HOLDERS = BLOCKS | CELLS
# Containers that may be the article, or left out of it as chrome.
_CONTAINERS = names("div section article main td table tbody tr ul ol dl form span p li center font")

_CHROME_CANDIDATES = _CONTAINERS | {"nav", "aside", "footer", "header"}

_GOOD_NAMES = re.compile(
    r"article|content|zoom|trs_editor|trs_ueditor|ucap|pages_content|detail|zhengwen|\bzw\b|"
    r"\bcon\b|\btext\b|\btxt|main|\bbody\b|entry|post|\bwz\b|news_?txt|font_area|custom_unionstyle",
    re.I,
)
_BAD_NAMES = re.compile(
    r"nav|menu|footer|\bfoot|header|sidebar|\bside\b|breadcrumb|crumb|position|location|\bdqwz|"
    r"share|bdshare|fenxiang|comment|pinglun|related|relate|xgxw|recommend|tuijian|copyright|"
    r"banner|advert|\bads?\b|login|search|toolbar|\bprint|dayin|qrcode|erweima|pagination|"
    r"friend|\blinks?\b|\bhot\b|\brank|\btags?\b|\bbottom\b|\btop\b|\bcorrect|jiucuo|\bfontsize",
    re.I,
)
_FORMATTING_TAGS = re.compile(r"</?(?:font|span|b|i|u|em|strong|small|big|s|strike|tt|sup|sub)\b[^>]*>", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_PUNCTUATION = "，。；！？、：,;!?"
_SITE_SEPARATOR = re.compile(r"\s*(?:_|\||｜|\s-{1,2}\s|-{2}|\s—\s|\s－\s|－{2})\s*")

# Pages with more tags than this are read as a stream, not a tree: a tree costs about 800 bytes
# and 15 us per element in Python; 500,000 tags is a 70 MB page of real articles.
MAX_TREE_TAGS = 500_000
_VOID = names("br hr img input meta link base area col embed source track wbr param keygen")


def read(data: bytes, path: Path) -> Parsed:
    from desktop_app.core.formats import identify

    kind = "html"
    charset = ""
    if identify(data, path.suffix) == "mhtml":
        kind = "mhtml"
        data, charset = html_of_mhtml(data, path)
    text, encoding = decode_html(data, charset)
    parsed = parse_html(text, path)
    return parsed._replace(encoding=f"{kind}:{encoding}")


# --- the article ------------------------------------------------------------------------------


def parse_html(text: str, path: Path) -> Parsed:
    """The article of the page ``text``: its paragraphs, declared headings and the page title."""
    if text.count("<") > MAX_TREE_TAGS:
        return _streamed(text, path)
    root = _parse(text, path)
    if root is None:  # nested deeper than libxml2 goes (thousands of unclosed <font>): without them
        root = _parse(_FORMATTING_TAGS.sub("", text), path)
        if root is None:
            raise DocumentError("damaged_file", str(path), kind="HTML")
    title = page_title(root)
    _remove_non_text(root)
    page = _Page(root)
    article = page.best_container()
    if article is None:
        raise DocumentError("empty", str(path))
    before, after = page.siblings(article)
    parts = [*before, article, *after]
    body = Paragraphs()
    for part in parts:
        body.render(part, skip=page.skip)
        body.flush()
    head = Paragraphs()
    headline = page.headline(parts, title)
    if headline is not None and not (body.paragraphs and _similar(body.paragraphs[0], _text_of(headline))):
        head.render(headline, skip=page.skip)
        head.flush()
        head.headings = {i: level for i, level in head.headings.items() if i == 0}
        between = Paragraphs()
        between.render(_common_ancestor(headline, parts[0]), skip=page.skip, after=headline, until=parts[0])
        between.flush()
        lines = [SPACES.sub(" ", TOOL_FRAGMENT.sub(" ", line)).strip() for line in between.paragraphs]
        lines = [line for line in lines if line and not is_tool(line)]
        if sum(map(len, lines)) <= 300 and all(len(line) <= 150 for line in lines):
            head.paragraphs.extend(lines)
    top = len(head.paragraphs)
    paragraphs = head.paragraphs + body.paragraphs
    headings = {**head.headings, **{top + i: level for i, level in body.headings.items()}}
    paragraphs, headings = trim_edges(paragraphs, headings, top)
    if not paragraphs:
        raise DocumentError("empty", str(path))
    return Parsed(paragraphs, headings or None, title=title)


def _streamed(text: str, path: Path) -> Parsed:
    """A page too big to hold as a tree, read as a stream of parser events (constant memory
    besides the text): everything but what is never text (scripts, styles, menus, headers,
    footers, asides) in order, with no search for the article."""
    from lxml import etree

    for attempt in (text, None):
        if attempt is None:  # nested deeper than libxml2 goes: without the formatting tags
            attempt = _FORMATTING_TAGS.sub("", text)
        target = _Events()
        parser = etree.HTMLParser(
            target=target, no_network=True, remove_comments=True, remove_pis=True, huge_tree=True
        )
        try:
            parser.feed(attempt)
            parser.close()
        except etree.XMLSyntaxError:
            pass
        target.out.flush()
        if not any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
            break
    else:
        raise DocumentError("damaged_file", str(path), kind="HTML")
    paragraphs, headings = trim_edges(target.out.paragraphs, target.out.headings, 0)
    if not paragraphs:
        raise DocumentError("empty", str(path))
    title = _site_name_removed(SPACES.sub(" ", "".join(target.title)).strip())
    return Parsed(paragraphs, headings or None, title=title)


class _Events:
    """lxml parser target: the page's paragraphs as the parser meets them."""

    _SKIPPED = _DROP | {"nav", "header", "footer", "aside"}

    def __init__(self) -> None:
        self.out = Paragraphs()
        self.skipping = 0
        self.in_title = False
        self.title: list[str] = []

    def start(self, tag: str, attrib: Any) -> None:
        tag = tag.lower()
        if tag == "title":
            self.in_title = True
        if tag in self._SKIPPED:
            self.skipping += tag not in _VOID
        elif not self.skipping:
            self.out.enter(tag)

    def end(self, tag: str) -> None:
        tag = tag.lower()
        if tag == "title":
            self.in_title = False
        if tag in self._SKIPPED:
            self.skipping -= tag not in _VOID and self.skipping > 0
        elif not self.skipping:
            self.out.leave(tag)

    def data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.out.add(data)

    def close(self) -> None:
        return None


def _parse(text: str, path: Path) -> Any:
    """The page's tree (huge_tree: text nodes over 10 MB and 2,048 levels of nesting are
    allowed; a page nested deeper is cut there by libxml2: then None)."""
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=True, default_doctype=False
    )
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        raise DocumentError("empty", str(path)) from None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        return None
    return root


def fragment_paragraphs(markup: str) -> list[str]:
    """The paragraphs of a piece of HTML (raw HTML in Markdown): no article search, no chrome."""
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml_html.document_fromstring(f"<html><body>{markup}</body></html>", parser=parser)
    except (etree.ParserError, ValueError):
        return []
    _remove_non_text(root)
    out = Paragraphs()
    out.render(root, skip=set())
    out.flush()
    return out.paragraphs


def page_title(root: Any) -> str:
    """The <title> without the site's name ("标题_中国政府网", "标题 - 新华网")."""
    element = root.find(".//title")
    if element is None:
        return ""
    return _site_name_removed(SPACES.sub(" ", element.text_content()).strip())


def _site_name_removed(whole: str) -> str:
    pieces = [p for p in _SITE_SEPARATOR.split(whole) if p.strip()]
    return pieces[0].strip() if pieces else whole


def _remove_non_text(root: Any) -> None:
    doomed = [el for el in root.iter() if not isinstance(el.tag, str) or el.tag.lower() in _DROP]
    hidden = [
        el
        for el in root.iter()
        if isinstance(el.tag, str)
        and el.tag != "html"
        and (el.get("hidden") is not None or _HIDDEN.search(el.get("style") or ""))
    ]
    if hidden:
        whole = len(root.text_content())
        hidden = [el for el in hidden if len(el.text_content()) < whole / 2]  # never the page itself
    for el in doomed + hidden:
        if el.getparent() is not None:
            el.drop_tree()  # its tail stays


def _chars(text: str | None) -> int:
    return len("".join(text.split())) if text else 0


def _punctuation(text: str) -> int:
    return sum(map(text.count, _PUNCTUATION))


class _Page:
    """Per-element counts of the cleaned page, and the choices made from them."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.elements = [el for el in root.iter() if isinstance(el.tag, str)]
        self.parent: dict[Any, Any] = {}
        chars: dict[Any, int] = {}  # text in the subtree
        links: dict[Any, int] = {}  # of it, text inside links
        anchors: dict[Any, int] = {}  # links in the subtree
        block_chars: dict[Any, int] = {}  # text of a block outside its inner blocks (a paragraph)
        block_punct: dict[Any, int] = {}
        block_links: dict[Any, int] = {}
        holder: dict[Any, Any] = {}
        in_link: dict[Any, bool] = {}
        for el in self.elements:
            parent = el.getparent()
            self.parent[el] = parent
            tag = el.tag.lower()
            holder[el] = el if tag in _TEXT_HOLDERS or parent is None else holder[parent]
            in_link[el] = tag == "a" or (parent is not None and in_link[parent])
            chars[el] = links[el] = 0
            anchors[el] = 1 if tag == "a" and el.get("href") is not None else 0
            for text, owner, linked in ((el.text, el, in_link[el]), (el.tail, parent, None)):
                if not text or owner is None:
                    continue
                if linked is None:
                    linked = in_link[owner]
                n = _chars(text)
                if not n:
                    continue
                chars[owner] += n  # the element holding this run of text
                block = holder[owner]
                if linked:
                    links[owner] += n
                    block_links[block] = block_links.get(block, 0) + n
                else:
                    block_chars[block] = block_chars.get(block, 0) + n
                    block_punct[block] = block_punct.get(block, 0) + _punctuation(text)
        for el in reversed(self.elements):  # children before parents: subtree totals
            parent = self.parent[el]
            if parent is not None:
                chars[parent] += chars[el]
                links[parent] += links[el]
                anchors[parent] += anchors[el]
        self.chars, self.links, self.anchors = chars, links, anchors
        self.score: dict[Any, float] = {}
        for block, n in block_chars.items():
            if n < 10:
                continue
            value = 1 + block_punct.get(block, 0) + min(n / 100, 3)
            value *= n / (n + block_links.get(block, 0))
            node, level = block, 0
            while node is not None and level <= 4:
                weight = (1, 1, 0.5, 1 / 6, 1 / 9)[level]
                self.score[node] = self.score.get(node, 0.0) + value * weight
                node, level = self.parent[node], level + 1
        self.skip: set[Any] = set()

    def _density(self, el: Any) -> float:
        return self.links[el] / self.chars[el] if self.chars[el] else 0.0

    def _name_weight(self, el: Any) -> float:
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        good = bool(_GOOD_NAMES.search(names))
        bad = bool(_BAD_NAMES.search(names)) or el.tag.lower() in ("nav", "footer", "aside", "header")
        return 25.0 * (good - bad)

    def best_container(self) -> Any:
        best, best_score = None, 0.0
        for el, score in self.score.items():
            if el.tag.lower() not in _CONTAINERS and el.tag.lower() not in ("body", "article", "main"):
                continue
            final = score * (1 - self._density(el)) + self._name_weight(el)
            if el.get("role") == "main" or el.tag.lower() in ("article", "main"):
                final += 25
            if final > best_score:
                best, best_score = el, final
        if best is None:
            body = self.root.find("body")
            best = body if body is not None and self.chars.get(body) else None
            if best is None and self.chars.get(self.root):
                best = self.root
            if best is None:
                return None
        best = self._narrow(best)
        self._mark_chrome(best)
        return best

    def _narrow(self, el: Any) -> Any:
        """Go down while one child holds all of the container's text but a few characters (a td
        in its tr, a TRS_Editor in its div#zoom): what is left out must not be text."""
        while True:
            own = self.chars[el] - self.links[el]
            inner = [c for c in el if isinstance(c.tag, str) and self.chars.get(c)]
            heavy = [c for c in inner if own - (self.chars[c] - self.links[c]) <= max(30, own // 50)]
            if len(heavy) != 1 or own == 0:
                return el
            el = heavy[0]

    def _mark_chrome(self, article: Any) -> None:
        """Left out of the text: link lists and chrome-named containers (never the article or
        what contains it)."""
        keep = set()
        node = article
        while node is not None:
            keep.add(node)
            node = self.parent[node]
        big = 0.3 * max(1, self.chars[article] - self.links[article])
        for el in self.elements:
            if el in keep or el.tag.lower() not in _CHROME_CANDIDATES:
                continue
            own = self.chars[el] - self.links[el]
            if own >= big:
                continue
            if (self._density(el) > 0.5 and self.anchors[el] >= 2) or self._name_weight(el) < 0:
                self.skip.add(el)

    def siblings(self, article: Any) -> tuple[list[Any], list[Any]]:
        """The blocks beside the article in its parent that are text too (an introduction
        before a TRS_Editor block, a second part after it), up to the first block of text that
        is not (blocks of a few characters and left-out chrome are passed over)."""
        parent = self.parent[article]
        if parent is None:
            return [], []
        children = [c for c in parent if isinstance(c.tag, str)]
        at = children.index(article)
        threshold = max(10.0, 0.2 * self.score.get(article, 0.0))
        found: tuple[list[Any], list[Any]] = ([], [])
        for side, step in ((0, -1), (1, 1)):
            i = at + step
            while 0 <= i < len(children):
                el = children[i]
                i += step
                own = self.chars[el] - self.links[el]
                if el in self.skip or own < 30:
                    continue
                text = self.score.get(el, 0.0) >= threshold or (own >= 80 and self._density(el) < 0.25)
                if not text or self._name_weight(el) < 0 or el.tag.lower() in HEADINGS:
                    break
                found[side].append(el)
        found[0].reverse()
        return found

    def headline(self, parts: list[Any], title: str) -> Any:
        """The article's headline when it stands before the article (``parts``: the winning
        block and the blocks of text beside it): the last h1-h3, or element of "title" class,
        before the article whose text is the page title, else the last h1 near it."""
        inside = {el for part in parts for el in part.iter()}
        for part in parts:
            for heading in part.iter("h1", "h2"):
                if _similar(_text_of(heading), title) or heading.tag == "h1":
                    return None  # the article has its own headline
        want = _squash(title)
        matched = near_h1 = None
        for el in self.elements:
            if el is parts[0]:
                break
            if el in inside or el in self.skip:
                continue
            tag = el.tag.lower()
            named = "title" in (el.get("class") or "").lower() or "title" in (el.get("id") or "").lower()
            if tag not in ("h1", "h2", "h3") and not named and tag not in _TEXT_HOLDERS:
                continue
            if not self.chars[el] or self.chars[el] > MAX_HEADING_CHARS or self._density(el) > 0.5:
                continue
            text = _text_of(el)
            if want and _similar(text, title) and (tag in HEADINGS or named or _squash(text) == want):
                matched = el
            elif tag == "h1":
                near_h1 = el
        chosen = matched if matched is not None else near_h1
        if chosen is None:
            return None
        # the innermost element of that text (a div.title around an h1: the h1)
        for inner in chosen.iter():
            if inner is not chosen and isinstance(inner.tag, str) and self.chars[inner] == self.chars[chosen]:
                chosen = inner
        return chosen


def _text_of(el: Any) -> str:
    return SPACES.sub(" ", el.text_content()).strip()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _similar(text: str, title: str) -> bool:
    a, b = _squash(text), _squash(title)
    if not a or not b:
        return False
    return a == b or (len(a) >= 4 and (a in b or b in a) and min(len(a), len(b)) >= 0.5 * max(len(a), len(b)))


def _common_ancestor(a: Any, b: Any) -> Any:
    seen = {id(x) for x in a.iterancestors()} | {id(a)}
    for node in b.iterancestors():
        if id(node) in seen:
            return node
    return b.getroottree().getroot()
