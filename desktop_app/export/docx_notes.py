"""The Word study notes (.docx): a title block, then the notes under the document's headings.

Each section that holds notes becomes a real Word heading (Heading 1-3, so the navigation
pane works); each note is the quoted passage in its highlight colour (run shading), the
note, its tags and where it is ("二、找准… › 二要 · 第 25 段").  Looks: see
:mod:`desktop_app.export.docx_style`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

from desktop_app.export.clean import clean
from desktop_app.export.docx_style import (
    LOOKS,
    Appender,
    Look,
    para_xml,
    prepare,
    run_fonts,
    run_xml,
    set_properties,
    to_bytes,
)
from desktop_app.export.messages import label
from desktop_app.export.model import Entry, Heading, document_title, outline, title_lines
from desktop_app.export.options import ExportOptions, Progress

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from desktop_app.core.annotations import Annotation, Bookmark
    from desktop_app.core.document import Document

GREY = RGBColor(0x66, 0x66, 0x66)
GREY_HEX = "666666"


def new_document(look: Look, title: str) -> DocxDocument:
    d = docx.Document()
    prepare(d, look)
    set_properties(d, title)
    return d


def add_title_block(d: Appender, doc: Document, look: Look, count: int) -> None:
    title = d.paragraph("Title")
    run_fonts(title.add_run(document_title(doc)), look.title)
    if doc.metadata.subtitle:
        sub = d.paragraph()
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run_fonts(sub.add_run(clean(doc.metadata.subtitle)), look.quote)
    for key, value in title_lines(doc, count):
        p = d.paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        r = run_fonts(p.add_run(f"{key}：{value}" if key else value), look.body)
        r.font.color.rgb = GREY
        r.font.size = Pt(look.body_size - 1.5 if look.line_exact is None else look.body_size)


def add_entry(d: Appender, e: Entry, look: Look) -> None:
    small = None if look.line_exact else look.body_size - 2
    quote = run_xml(e.quote, look.quote, style=e.style, mark_hex=e.color_hex)
    d.xml(para_xml(quote, style_id=d.style_id("Quote"), left_indent=look.body_size * 2))
    if e.note:
        head = f"{label('bookmark') if e.is_bookmark else label('note')}："
        runs = run_xml(head, look.body, bold=True) + run_xml(e.note, look.body)
        d.xml(para_xml(runs, first_line=look.body_size * 2 if look.first_line_indent else None))
    meta = []
    if e.tags:
        meta.append(f"{label('tags')}：" + " ".join(f"#{t}" for t in e.tags))
    if e.location:
        meta.append(f"{label('location')}：{e.location}")
    if meta:
        d.xml(para_xml(run_xml("　".join(meta), look.body, colour=GREY_HEX, size=small)))


def build_notes(
    doc: Document,
    annotations: list[Annotation],
    bookmarks: list[Bookmark],
    options: ExportOptions,
    progress: Progress | None = None,
    *,
    deferred: bool = False,
) -> tuple[DocxDocument, list[str]]:
    """The study notes as a python-docx document, and (``deferred``) the paragraphs still as
    XML text for :func:`to_bytes` to write after the body's others."""
    look = LOOKS.get(options.style, LOOKS["default"])
    document = new_document(look, document_title(doc))
    d = Appender(document, deferred=deferred)
    add_title_block(d, doc, look, len(annotations))
    items = outline(doc, annotations, bookmarks)
    for i, item in enumerate(items):
        if isinstance(item, Heading):
            runs = run_xml(item.title, look.headings[item.level - 1])
            d.xml(para_xml(runs, style_id=d.style_id(f"Heading {item.level}")))
        else:
            add_entry(d, item, look)
        if progress is not None and i % 100 == 0:
            progress(0.9 * i / max(1, len(items)))
    if not items:
        run_fonts(d.paragraph().add_run(label("none")), look.body)
    return document, d.deferred or []


def write_docx(
    doc: Document,
    annotations: list[Annotation],
    bookmarks: list[Bookmark],
    options: ExportOptions,
    progress: Progress | None = None,
) -> bytes:
    return to_bytes(*build_notes(doc, annotations, bookmarks, options, progress, deferred=True))
