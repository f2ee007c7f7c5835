"""A comparison written out: Word (.docx, A4, the default study-notes look) and HTML.

Colours follow tracked changes as Word shows them: added text green and underlined, removed
text red and struck through, a moved sentence blue.  The summary comes first (sentences
added, removed, changed, moved; sections added and removed; new formulations), then every
change in reading order with the section it is in.  Written atomically like every export
(export/atomic.py); messages from export/messages.py.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core import messages

if TYPE_CHECKING:
    from desktop_app.study.compare import Change, Comparison

ADDED_HEX, REMOVED_HEX, MOVED_HEX = "1E7B34", "C0392B", "1F5FAD"


def _pieces(change: Change) -> list[tuple[str, str]]:
    """The change as (kind, text) pieces: "same", "added", "removed", "moved"."""
    if change.kind == "changed":
        out: list[tuple[str, str]] = []
        for op, old, new in change.parts:
            if op == "equal":
                out.append(("same", old))
                continue
            if old:
                out.append(("removed", old))
            if new:
                out.append(("added", new))
        return out
    side = change.new if change.kind in ("added", "moved") else change.old
    return [(change.kind, side.text if side is not None else "")]


def to_html(result: Comparison, old_title: str, new_title: str) -> str:
    m = messages.message
    style = {
        "added": f"color:#{ADDED_HEX};text-decoration:underline",
        "removed": f"color:#{REMOVED_HEX};text-decoration:line-through",
        "moved": f"color:#{MOVED_HEX}",
        "same": "",
    }
    rows = []
    for c in result.changes:
        body = "".join(
            f'<span style="{style[k]}">{html.escape(t)}</span>' if style[k] else html.escape(t)
            for k, t in _pieces(c)
        )
        rows.append(f"<p><b>{html.escape(m('compare_' + c.kind))}</b>　{body}</p>")
    summary = "".join(f"<li>{html.escape(line)}</li>" for line in result.summary_lines())
    title = html.escape(m("compare_title", old=old_title, new=new_title))
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>body{{font-family:'Noto Serif CJK SC','SimSun',serif;"
        "max-width:46em;margin:2em auto;line-height:1.8}}</style></head><body>"
        f"<h1>{title}</h1><ul>{summary}</ul>{''.join(rows)}</body></html>\n"
    )


def to_docx(result: Comparison, old_title: str, new_title: str) -> bytes:
    from docx.shared import Pt, RGBColor

    from desktop_app.export.docx_notes import new_document
    from desktop_app.export.docx_style import DEFAULT, run_fonts, to_bytes

    m = messages.message
    title = m("compare_title", old=old_title, new=new_title)
    d = new_document(DEFAULT, title)
    run_fonts(d.add_paragraph(style="Title").add_run(title), DEFAULT.title)
    for line in result.summary_lines():
        run_fonts(d.add_paragraph(style="List Bullet").add_run(line), DEFAULT.body)
    colours = {"added": ADDED_HEX, "removed": REMOVED_HEX, "moved": MOVED_HEX}
    for c in result.changes:
        p = d.add_paragraph()
        p.paragraph_format.space_after = Pt(6)
        label = run_fonts(p.add_run(m("compare_" + c.kind) + "　"), DEFAULT.title)
        label.bold = True
        for kind, text in _pieces(c):
            run = run_fonts(p.add_run(text), DEFAULT.body)
            if kind in colours:
                run.font.color.rgb = RGBColor.from_string(colours[kind])
            if kind == "added":
                run.font.underline = True
            elif kind == "removed":
                run.font.strike = True
    return to_bytes(d)


def write_comparison(result: Comparison, old_title: str, new_title: str, out: Path) -> Path:
    """``out`` (.docx, else HTML), replaced atomically; ExportError in words when it cannot be."""
    from desktop_app.export.atomic import atomic_write

    if out.suffix.lower() == ".docx":
        return atomic_write(out, lambda: to_docx(result, old_title, new_title))
    return atomic_write(out, lambda: to_html(result, old_title, new_title).encode("utf-8"))
