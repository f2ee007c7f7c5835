"""A quoted passage with its source, in the form a Chinese report quotes a document.

``cite(doc, start, end)`` gives the passage of ``Document.text[start:end]`` in Chinese
quotation marks and, on the next line, where it comes from::

    “近年来，各级机关党组织在推进机关党建与中心工作融合上作出了一定的探索……”
    ——李彦来《推进机关党建与全市中心工作深度融合——在……上的讲话》（2023年6月14日），“二、找准机关党建与中心工作融合的有效路径”

The source line follows the attribution of an epigraph (——作者《篇名》) with the date in
parentheses after the title, as official texts date a speech or report (《……》（2022年10月16日）).
Only the parts the document has are written:

* the author is the speaker (the issuer found in a head is usually the web site or the session that
  passed a law, not the author, so it is left out);
* the title is the full title with its subtitle (《主标题——副标题》), a 《》 inside it becomes 〈〉;
  a document without a detected title falls back to its file name when that is Chinese;
* the date is written 2023年6月14日;
* the place is the most specific heading on a line of its own that holds the whole passage
  (a run-in heading such as 一要…… only when there is no other), in quotation marks.  A statute
  (a text numbered 第X条) is cited the way lawyers do: 《中华人民共和国拍卖法》第三条 (or
  第三条至第五条), without a date, since the date in its head is when it was first passed while
  the text may be a later revision.

The passage is kept whole, however long.  Following GB/T 15834, quotation marks inside it become
single ones (“四个服务” -> ‘四个服务’), and a passage of several paragraphs opens each paragraph
with “ and closes only the last with ”.  A repeated title the reader hides is left out.

No Qt here: the window puts the string on the clipboard.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from desktop_app.core.document import Document, Section

OPEN_QUOTE, CLOSE_QUOTE = "“", "”"
ATTRIBUTION_DASH = "——"
_NESTED_QUOTES = str.maketrans({"“": "‘", "”": "’", "‘": "“", "’": "”"})
_NESTED_TITLE_MARKS = str.maketrans({"《": "〈", "》": "〉"})
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_ARTICLE = re.compile(r"^第[零〇一二三四五六七八九十百千万两\d]+条(?:之[一二三四五六七八九十]+)?")
_CJK = re.compile(r"[\u4e00-\u9fff]")


class CitationSource(NamedTuple):
    """The parts of a source line; empty string = the document does not say."""

    author: str
    title: str  # without 《》
    date: str  # 2023年6月14日
    place: str  # the heading title, or 第三条 / 第三条至第五条 in a statute
    statute: bool  # place is an article (cited without quotation marks)


def chinese_date(iso: str) -> str:
    """``2023-06-14`` -> ``2023年6月14日`` (``2023-06`` -> ``2023年6月``); other text unchanged."""
    m = _ISO_DATE.match(iso.strip())
    if not m:
        return iso.strip()
    y, mo, d = m.groups()
    out = f"{int(y)}年"
    if mo:
        out += f"{int(mo)}月"
        if d:
            out += f"{int(d)}日"
    return out


def passage_text(doc: Document, start: int, end: int, shown: str | None = None) -> str:
    """``doc.text[start:end]`` without hidden paragraphs, blank paragraphs or edge whitespace.

    ``shown``: the text as the reader shows it (full-width punctuation), the same length as
    ``doc.text``; the passage is taken from it, so a citation gives what is on the screen."""
    text = doc.text if shown is None or len(shown) != len(doc.text) else shown
    start, end = max(0, start), min(len(doc.text), end)
    if end <= start:
        return ""
    hidden = doc.hidden_paragraphs()
    parts: list[str] = []
    i = doc.paragraph_at(start).index
    while i < len(doc.paragraphs) and doc.paragraphs[i].start < end:
        p = doc.paragraphs[i]
        if i not in hidden:
            piece = text[max(start, p.start) : min(end, p.end)].strip()
            if piece:
                parts.append(piece)
        i += 1
    return "\n".join(parts)


def quote_passage(passage: str) -> str:
    """The passage in Chinese quotation marks: inner quotes made single, one “ per paragraph."""
    paragraphs = [p for p in passage.translate(_NESTED_QUOTES).split("\n") if p.strip()]
    if not paragraphs:
        return ""
    return "\n".join(OPEN_QUOTE + p for p in paragraphs) + CLOSE_QUOTE


def _title(doc: Document) -> str:
    meta = doc.metadata
    title = meta.title.strip()
    if not title and doc.path:
        stem = Path(doc.path).stem.strip()
        title = stem if _CJK.search(stem) else ""
    if title and meta.subtitle:
        sub = meta.subtitle.strip().lstrip("—－-").strip()
        if sub and sub not in title:
            title = f"{title}{ATTRIBUTION_DASH}{sub}"
    return title.translate(_NESTED_TITLE_MARKS)


def _is_statute(doc: Document) -> bool:
    return any(s.kind == "article" for s in doc.sections)


def _article(path: list[Section]) -> str:
    for s in reversed(path):
        if s.kind == "article":
            m = _ARTICLE.match(s.title)
            return m.group(0) if m else s.title
    return ""


def _heading(path: list[Section]) -> str:
    """The most specific heading on a line of its own, else the most specific run-in one."""
    real = [s for s in path if s.kind != "paragraph"]  # the flat fallback tree has no headings
    own_line = [s for s in real if not s.run_in]
    chosen = own_line[-1] if own_line else (real[-1] if real else None)
    return chosen.title.strip() if chosen else ""


def citation_source(doc: Document, start: int, end: int) -> CitationSource:
    """Author, title, date and place of the passage ``start:end`` (parts the document lacks are empty)."""
    meta = doc.metadata
    statute = _is_statute(doc)
    last = max(start, end - 1)
    first_path = doc.section_path(start) if doc.paragraphs else []
    last_path = doc.section_path(last) if doc.paragraphs else []
    place = ""
    if statute:
        a, b = _article(first_path), _article(last_path)
        if a and b and a != b:
            place = f"{a}至{b}"
        elif a and a == b:
            place = a
        else:  # not inside one article: the heading holding both ends (序言, 第二章 ...)
            common = [s for s in first_path if s in last_path]
            place = _heading(common)
    else:
        common = [s for s in first_path if s in last_path]
        place = _heading(common)
    return CitationSource(
        author=meta.speaker.strip(),
        title=_title(doc),
        date="" if statute else chinese_date(meta.date) if meta.date else "",
        place=place,
        statute=statute,
    )


def format_source(src: CitationSource) -> str:
    """The source line without its dash: 李彦来《……》（2023年6月14日），“二、……”."""
    out = src.author
    if src.title:
        out += f"《{src.title}》"
    if src.date:
        out += f"（{src.date}）"
    if src.place:
        if src.statute:
            out += src.place
        else:
            out += ("，" if out else "") + f"{OPEN_QUOTE}{src.place.translate(_NESTED_QUOTES)}{CLOSE_QUOTE}"
    return out


def cite(doc: Document, start: int, end: int, shown: str | None = None) -> str:
    """The passage ``doc.text[start:end]`` in quotation marks, then ——source on the next line.

    With an empty passage, only the source line (without the dash); with no source parts at all,
    only the quoted passage.
    """
    if end < start:
        start, end = end, start
    quoted = quote_passage(passage_text(doc, start, end, shown))
    source = format_source(citation_source(doc, start, end))
    if not quoted:
        return source
    if not source:
        return quoted
    return f"{quoted}\n{ATTRIBUTION_DASH}{source}"
