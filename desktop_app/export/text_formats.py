"""Markdown, HTML, plain text and CSV exports (standard library only).

* Markdown is CommonMark: the document title as ``#``, sections as ``##``..``####``, each
  quote a blockquote, the note a paragraph.  Every ASCII punctuation character of user
  text is backslash-escaped (CommonMark allows it for all of them) and ``<``/``&`` become
  entities, so a note holding Markdown or HTML shows as typed and never as markup.
* HTML is one self-contained UTF-8 file with inline CSS; all text goes through
  ``html.escape``; highlights are ``<mark>`` with their colour.
* CSV is UTF-8 with a BOM (Excel then shows Chinese), one row per annotation; every cell
  goes through :func:`~desktop_app.export.clean.csv_cell` (no formulas).

User text reaches every format cleaned of control characters and terminal escape sequences
(:mod:`desktop_app.export.clean`, applied in :mod:`desktop_app.export.model`).
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop_app.export.clean import csv_cell
from desktop_app.export.messages import label
from desktop_app.export.model import Entry, Heading, document_title, outline, title_lines
from desktop_app.export.options import ExportOptions, Progress

if TYPE_CHECKING:
    from desktop_app.core.annotations import Annotation, Bookmark
    from desktop_app.core.document import Document

CSV_COLUMNS = (
    "id", "section", "paragraph", "start", "end", "quote", "note", "tags", "colour", "style",
    "created", "modified", "status",
)  # fmt: skip

# ----- Markdown ------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([!\"#$%'()*+,\-./:;=?@\[\\\]^_`{|}~])")


def md_escape(text: str) -> str:
    """``text`` as literal CommonMark inline content (one line; use :func:`md_lines` for several)."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_lines(text: str) -> list[str]:
    """Escaped lines; a line break inside a paragraph is a backslash hard break."""
    lines = [md_escape(line.strip()) for line in text.split("\n")]
    out: list[str] = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        out.append(line + ("\\" if line and nxt else ""))
    return out


def render_md(doc: Document, anns: list[Annotation], bms: list[Bookmark], options: ExportOptions) -> str:
    out = [f"# {md_escape(document_title(doc))}", ""]
    for key, value in title_lines(doc, len(anns)):
        out.append(md_escape(f"{key}：{value}" if key else value) + "\\")
    out[-1] = out[-1].removesuffix("\\")
    out.append("")
    for item in outline(doc, anns, bms):
        if isinstance(item, Heading):
            out += [f"{'#' * (item.level + 1)} {md_escape(item.title)}", ""]
            continue
        out += ["> " + line if line else ">" for line in md_lines(item.quote)]
        out.append("")
        if item.note:
            head = label("bookmark") if item.is_bookmark else label("note")
            lines = md_lines(item.note)
            lines[0] = f"**{head}：** " + lines[0]
            out += [*lines, ""]
        meta = []
        if item.tags:
            meta.append(f"{label('tags')}：" + " ".join(md_escape(f"#{t}") for t in item.tags))
        if item.location:
            meta.append(f"{label('location')}：{md_escape(item.location)}")
        if meta:
            out += ["*" + "　".join(meta) + "*", ""]
    return "\n".join(out).rstrip("\n") + "\n"


# ----- HTML ----------------------------------------------------------------------------------

CSS = """
body { font-family: "Songti SC", "SimSun", "宋体", "Noto Serif CJK SC", serif; max-width: 46em;
       margin: 2em auto; padding: 0 1em; line-height: 1.8; color: #222; }
h1 { font-family: "Heiti SC", "SimHei", "黑体", sans-serif; text-align: center; font-size: 1.6em; }
h2, h3, h4 { font-family: "Heiti SC", "SimHei", "黑体", sans-serif; }
.meta { text-align: center; color: #666; margin: 0; }
blockquote { margin: 1em 0 0.3em 0; padding: 0.2em 0.8em; border-left: 4px solid #ccc;
             font-family: "Kaiti SC", "KaiTi", "楷体", serif; }
mark { padding: 0 0.1em; }
mark.underline { background: none; border-bottom: 3px solid; }
.note { margin: 0.3em 0; white-space: pre-wrap; }
.where { color: #777; font-size: 0.9em; margin: 0 0 1.2em 0; }
.tag { color: #555; margin-right: 0.5em; }
"""


def render_html(
    doc: Document,
    anns: list[Annotation],
    bms: list[Bookmark],
    options: ExportOptions,
    *,
    css: str | None = None,
    line_colour: Callable[[str], str] | None = None,
) -> str:
    """The HTML export; with ``css`` (the PDF's look, :mod:`desktop_app.export.pdf`) it is
    written for Qt's rich text, which knows spans with inline styles but not classes on mark;
    ``line_colour`` then gives an underline's colour from the note's (darker, for print)."""
    preamble, title_block, items = html_pieces(doc, anns, bms, options, css=css, line_colour=line_colour)
    return "\n".join([*preamble, *title_block, *(part for _, part in items), HTML_END]) + "\n"


HTML_END = "</body></html>"


def html_pieces(
    doc: Document,
    anns: list[Annotation],
    bms: list[Bookmark],
    options: ExportOptions,
    *,
    css: str | None = None,
    line_colour: Callable[[str], str] | None = None,
) -> tuple[list[str], list[str], list[tuple[bool, str]]]:
    """The HTML export in pieces: the preamble up to ``<body>``, the title block, and one
    ``(is_heading, html)`` per outline item; :func:`render_html` joins them with line breaks
    and :data:`HTML_END`.  The PDF lays the items out a part at a time (:mod:`.pdf`)."""
    e = html.escape
    pdf = css is not None
    title = document_title(doc)
    preamble = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title>",
        f"<style>{CSS if css is None else css}</style></head><body>",
    ]
    title_block = [f"<h1>{e(title)}</h1>"]
    title_block += [
        f'<p class="meta">{e(f"{k}：{v}" if k else v)}</p>' for k, v in title_lines(doc, len(anns))
    ]
    items: list[tuple[bool, str]] = []
    for item in outline(doc, anns, bms):
        if isinstance(item, Heading):
            n = item.level + 1
            items.append((True, f"<h{n}>{e(item.title)}</h{n}>"))
            continue
        items.append((False, _html_entry(item, pdf=pdf, line_colour=line_colour)))
    return preamble, title_block, items


def _html_entry(item: Entry, *, pdf: bool, line_colour: Callable[[str], str] | None = None) -> str:
    e = html.escape
    quote = e(item.quote).replace("\n", "<br>")
    if pdf:  # Qt's rich text knows background-color and text-decoration, not classes on mark
        css = (
            "text-decoration: underline; text-decoration-color: "
            f"{line_colour(item.color_hex) if line_colour else item.color_hex};"
            if item.style == "underline"
            else f"background-color: {item.color_hex};"
        )
        mark = f'<span style="{css}">{quote}</span>'
    else:
        cls = ' class="underline"' if item.style == "underline" else ""
        prop = "border-color" if item.style == "underline" else "background"
        mark = f'<mark{cls} style="{prop}: {item.color_hex}">{quote}</mark>'
    out = [f"<blockquote>{mark}</blockquote>"]
    if item.note:
        head = label("bookmark") if item.is_bookmark else label("note")
        note = e(item.note).replace("\n", "<br>") if pdf else e(item.note)
        out.append(f'<p class="note"><b>{e(head)}：</b>{note}</p>')
    meta = [f'<span class="tag">#{e(t)}</span>' for t in item.tags]
    if item.location:
        meta.append(e(f"{label('location')}：{item.location}"))
    if meta:
        out.append(f'<p class="where">{" ".join(meta)}</p>')
    return "\n".join(out)


# ----- plain text and CSV -------------------------------------------------------------------


def render_txt(
    doc: Document, anns: list[Annotation], bms: list[Bookmark], options: ExportOptions, *, header: bool = True
) -> str:
    out: list[str] = []
    if header:
        title = document_title(doc)
        out += [title, "=" * min(40, len(title) * 2), ""]
        out += [f"{k}：{v}" if k else v for k, v in title_lines(doc, len(anns))]
        out.append("")
    for item in outline(doc, anns, bms):
        if isinstance(item, Heading):
            out += ["", f"{'  ' * (item.level - 1)}{item.title}", ""]
            continue
        colour = f"【{item.color_name}】" if not item.is_bookmark else f"【{label('bookmark')}】"
        out.append(f"{colour}「{item.quote}」")
        if item.note:
            out += [f"    {line}" for line in item.note.split("\n")]
        meta = []
        if item.tags:
            meta.append(" ".join(f"#{t}" for t in item.tags))
        if item.location:
            meta.append(item.location)
        if meta:
            out.append("    —— " + "　".join(meta))
        out.append("")
    return "\n".join(out).strip("\n") + "\n"


def render_csv(doc: Document, anns: list[Annotation], bms: list[Bookmark], options: ExportOptions) -> str:
    from desktop_app.export.model import entry_for

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for a in anns:
        e = entry_for(doc, a)
        row = [
            a.id,
            e.section or a.section,
            e.paragraph or "",
            a.start,
            a.end,
            a.exact,
            a.note,
            " ".join(a.tags),
            a.color,
            a.style,
            a.created,
            a.modified,
            a.status,
        ]
        w.writerow([csv_cell(value) for value in row])
    return buf.getvalue()


def _writer(render: Callable[..., str], encoding: str) -> Callable[..., bytes]:
    def write(
        doc: Document,
        anns: list[Annotation],
        bms: list[Bookmark],
        options: ExportOptions,
        progress: Progress | None = None,
    ) -> bytes:
        return render(doc, anns, bms, options).encode(encoding)

    return write


WRITERS: dict[str, Callable[..., bytes]] = {
    "md": _writer(render_md, "utf-8"),
    "html": _writer(render_html, "utf-8"),
    "txt": _writer(render_txt, "utf-8"),
    "csv": _writer(render_csv, "utf-8-sig"),
}
