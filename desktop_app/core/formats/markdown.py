"""Markdown (.md, .markdown) through markdown-it-py (CommonMark, with tables and strikethrough).

Headings (# and underlined) are the file's declared headings; paragraphs, list items (an
ordered item keeps its number: "1. ..."), quotes and table rows (cells joined by a space) are
paragraphs; code blocks are kept as text, a line a paragraph; inline markup (emphasis, links,
images) leaves its text only; raw HTML is read as the web reader reads it.  A YAML front
matter block (between ``---`` lines at the top) is not text: its ``title:`` is the file's title.

Chinese Markdown is usually written a paragraph a line, and often without the blank lines
CommonMark wants between paragraphs: a line break inside a paragraph therefore ends a
paragraph, as in a .txt, unless the text is filled to a width: three lines or more all as
long as each other but the last, or a line as full as the paragraph's longest that stops
mid-sentence; those lines are joined (no space next to a Chinese character).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from desktop_app.core.formats import Parsed
from desktop_app.core.loader import DocumentError, decode_bytes

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n((?:[^\n]*\n)*?)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")
_YAML_LINE = re.compile(r"^\s*(#.*)?$|^[\w-]+\s*:|^\s+\S|^\s*-\s")
_TITLE_LINE = re.compile(r"^title\s*:\s*(.*?)\s*$", re.M)
_SENTENCE_END = tuple("。！？；：…”’」』）)!?;:.")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_SPACES = re.compile(r"[ \t]{2,}")
_BREAK_TAG = re.compile(r"^<br\s*/?>$", re.I)


def read(data: bytes, path: Path) -> Parsed:
    from desktop_app.core.loader import _is_binary

    if not data.strip():
        raise DocumentError("empty", str(path))
    text, encoding = decode_bytes(data)
    if _is_binary(text[:8192]):
        raise DocumentError("binary", str(path))
    title = ""
    front = _FRONT_MATTER.match(text)
    if front and all(_YAML_LINE.match(line) for line in front.group(1).splitlines()):
        found = _TITLE_LINE.search(front.group(1))
        title = found.group(1).strip("\"' ") if found else ""
        text = text[front.end() :]
    paragraphs, headings = markdown_paragraphs(text)
    return Parsed(paragraphs, headings or None, title=title, encoding=f"markdown:{encoding}")


def markdown_paragraphs(text: str) -> tuple[list[str], dict[int, int]]:
    """The paragraphs of Markdown ``text`` and its headings (paragraph index -> level)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    tokens = parser.parse(text)
    paragraphs: list[str] = []
    headings: dict[int, int] = {}
    level = 0
    number: list[str] = []  # the number of each open list item ("" in a bullet list)
    pending = ""  # an ordered item's number, put before its first paragraph
    row: list[str] = []
    in_row = False
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1])
        elif kind == "heading_close":
            level = 0
        elif kind == "list_item_open":
            number.append(f"{token.info}{token.markup} " if token.info else "")
            pending = number[-1]
        elif kind == "list_item_close":
            number.pop()
            pending = ""
        elif kind == "tr_open":
            in_row, row = True, []
        elif kind == "tr_close":
            in_row = False
            line = " ".join(cell for cell in row if cell)
            if line:
                paragraphs.append(line)
        elif kind == "inline":
            lines = _inline_lines(token.children or [])
            if in_row:
                row.append(" ".join(lines))
            elif level:
                headings[len(paragraphs)] = level
                paragraphs.append(" ".join(line for line in lines if line))
            else:
                if pending and lines:
                    lines[0] = pending + lines[0]
                    pending = ""
                paragraphs.extend(lines)
        elif kind in ("fence", "code_block"):
            paragraphs.extend(token.content.split("\n"))
        elif kind == "html_block":
            from desktop_app.core.formats.html import fragment_paragraphs

            paragraphs.extend(fragment_paragraphs(token.content))
    kept: list[str] = []
    declared: dict[int, int] = {}
    for i, p in enumerate(paragraphs):  # no empty paragraphs: the heading indexes stay true
        if p.strip():
            if i in headings:
                declared[len(kept)] = headings[i]
            kept.append(p)
    return kept, declared


def _inline_lines(children: list[Any]) -> list[str]:
    """The text of an inline run as lines: a soft break ends a line, a hard break or <br>
    too; lines wrapped at a fixed width are joined again."""
    lines: list[str] = [""]
    hard: list[bool] = []  # after each line: was the break a hard one
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            lines[-1] += child.content
        elif kind in ("softbreak", "hardbreak") or (
            kind == "html_inline" and _BREAK_TAG.match(child.content)
        ):
            hard.append(kind != "softbreak")
            lines.append("")
    widths = [len(line.strip()) for line in lines]
    widest = max(widths)
    # Three lines or more, all but the last of one width: filled text, joined throughout
    # (a line may end at a full stop in the middle of a paragraph).
    filled = len(lines) >= 3 and not any(hard) and min(widths[:-1]) >= max(20, 0.85 * max(widths[:-1]))
    out = [lines[0]]
    for i, line in enumerate(lines[1:]):
        before = out[-1].rstrip()
        wrapped = filled or (
            not hard[i] and widest >= 20 and widths[i] >= 0.8 * widest and not before.endswith(_SENTENCE_END)
        )
        if wrapped:
            after = line.lstrip()
            out[-1] = before + _joiner(before[-1:], after[:1]) + after
        else:
            out.append(line)
    return [_SPACES.sub(" ", line).strip() for line in out]


def _joiner(left: str, right: str) -> str:
    """What joins two wrapped lines: nothing next to a Chinese character (unless the other side
    is a Latin letter or digit, which a space usually stood before), else a space."""
    if not left or not right:
        return ""
    cjk_left, cjk_right = bool(_CJK.match(left)), bool(_CJK.match(right))
    if cjk_left and cjk_right:
        return ""
    if cjk_left or cjk_right:
        return " " if (right if cjk_left else left).isalnum() else ""
    return " "


def _is_break(child: Any) -> bool:
    return child.type == "html_inline" and bool(_BREAK_TAG.match(child.content))
