"""学习提纲: the study outline people hand in after a study session.

The section tree of the document; under each heading its lead sentence (the first sentence
of its text, or what follows a run-in title such as 一是踩准点), the key formulations used in
it (core.formulations), and the person's own notes on it (quote and note).  As Word (.docx,
the default look or the 公文 one) and Markdown.  Notes outside every section come first
(under 开头), orphans last.  No Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop_app.core.formulations import formulations
from desktop_app.export.clean import clean
from desktop_app.export.messages import label
from desktop_app.export.model import document_title, title_lines

if TYPE_CHECKING:
    from desktop_app.core.annotations import Annotation, Bookmark
    from desktop_app.core.document import Document, Section
    from desktop_app.export.options import ExportOptions, Progress

FORMULATIONS_PER_SECTION = 6
_FIRST_SENTENCE = re.compile(r"^.*?[。！？；!?;](?=.|$)")


@dataclass
class OutlinePoint:
    level: int
    title: str
    lead: str  # the section's first sentence
    formulations: list[str] = field(default_factory=list)
    notes: list[Annotation] = field(default_factory=list)


def _first_sentence(text: str, limit: int = 120) -> str:
    m = _FIRST_SENTENCE.match(text.strip())
    s = m.group() if m else text.strip()
    return s if len(s) <= limit else s[: limit - 1] + "…"


def lead_sentence(doc: Document, s: Section) -> str:
    """The first sentence of the section: after a run-in title, the rest of its sentence's
    paragraph; else the paragraph after the heading (when it is not another heading)."""
    para = doc.paragraphs[s.paragraph_index]
    if s.run_in:
        rest = para.text[s.start - para.start + len(s.title) :].lstrip("，,、：: ")
        return _first_sentence(rest)
    heads = {x.paragraph_index for x in doc.sections}
    nxt = s.paragraph_index + 1
    if nxt < len(doc.paragraphs) and nxt not in heads and doc.paragraphs[nxt].start < s.end:
        return _first_sentence(doc.paragraphs[nxt].text)
    return ""


def study_outline(
    doc: Document, annotations: list[Annotation]
) -> tuple[list[Annotation], list[OutlinePoint]]:
    """(notes before the first section, the points in reading order).  A note goes to the
    innermost section holding its start; orphans are left to the caller."""
    found = formulations(doc.text)
    points: list[OutlinePoint] = []
    index_of: dict[tuple[int, int], OutlinePoint] = {}
    for s in doc.sections:
        inner = [x for x in doc.sections if x is not s and s.start < x.start < s.end]
        own_end = min((x.start for x in inner), default=s.end)
        terms = [f.term for f in found if any(s.start <= o < own_end for o in f.offsets)]
        point = OutlinePoint(
            s.level, clean(s.title), clean(lead_sentence(doc, s)), terms[:FORMULATIONS_PER_SECTION]
        )
        points.append(point)
        index_of[(s.start, s.level)] = point
    before: list[Annotation] = []
    for a in sorted(annotations, key=lambda a: (a.start, a.end)):
        if a.is_orphan:
            continue
        path = doc.section_path(a.start)
        if not path:
            before.append(a)
            continue
        point = index_of.get((path[-1].start, path[-1].level))
        if point is not None:
            point.notes.append(a)
    return before, points


def render_outline_md(
    doc: Document, anns: list[Annotation], bms: list[Bookmark], options: ExportOptions
) -> str:
    from desktop_app.export.text_formats import md_escape

    before, points = study_outline(doc, anns)
    lines = [f"# {md_escape(label('outline_title', title=document_title(doc)))}", ""]
    lines += [
        f"{md_escape(k)}：{md_escape(v)}  " if k else f"{md_escape(v)}  "
        for k, v in title_lines(doc, len(anns))
    ]
    lines.append("")

    def notes(items: list[Annotation]) -> None:
        for a in items:
            quote = md_escape(clean(a.exact))
            lines.append(
                f"- {label('outline_note')}：「{quote}」"
                + (f" —— {md_escape(clean(a.note))}" if a.note else "")
            )

    if before:
        lines += [f"## {label('outline_beginning')}", ""]
        notes(before)
        lines.append("")
    for p in points:
        lines += [f"{'#' * min(p.level + 1, 6)} {md_escape(p.title)}", ""]
        if p.lead:
            lines.append(f"{label('outline_lead')}：{md_escape(p.lead)}")
            lines.append("")
        if p.formulations:
            quoted = "、".join(f"“{md_escape(t)}”" for t in p.formulations)
            lines.append(f"{label('outline_terms')}：{quoted}")
            lines.append("")
        if p.notes:
            notes(p.notes)
            lines.append("")
    orphans = [a for a in anns if a.is_orphan]
    if orphans:
        lines += [f"## {label('orphans')}", ""]
        notes(orphans)
    return "\n".join(lines).rstrip() + "\n"


def write_outline_md(
    doc: Document,
    anns: list[Annotation],
    bms: list[Bookmark],
    options: ExportOptions,
    progress: Progress | None,
) -> bytes:
    return render_outline_md(doc, anns, bms, options).encode("utf-8")


def write_outline_docx(
    doc: Document,
    anns: list[Annotation],
    bms: list[Bookmark],
    options: ExportOptions,
    progress: Progress | None,
) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    from desktop_app.export.docx_notes import new_document
    from desktop_app.export.docx_style import LOOKS, run_fonts, to_bytes

    look = LOOKS.get(options.style, LOOKS["default"])
    before, points = study_outline(doc, anns)
    d = new_document(look, label("outline_title", title=document_title(doc)))
    title = d.add_paragraph(style="Title")
    run_fonts(title.add_run(label("outline_title", title=document_title(doc))), look.title)
    for k, v in title_lines(doc, len(anns)):
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run_fonts(p.add_run(f"{k}：{v}" if k else v), look.quote)

    def labelled(name: str, text: str, font: str) -> None:
        p = d.add_paragraph()
        p.paragraph_format.space_after = Pt(2)
        head = run_fonts(p.add_run(f"{label(name)}："), look.headings[0])
        head.bold = True
        run_fonts(p.add_run(text), font)

    def notes(items: list[Annotation]) -> None:
        for a in items:
            p = d.add_paragraph(style="List Bullet")
            q = run_fonts(p.add_run(f"「{clean(a.exact)}」"), look.quote)
            q.font.color.rgb = RGBColor.from_string("555555")
            if a.note:
                run_fonts(p.add_run(f" —— {clean(a.note)}"), look.body)

    if before:
        run_fonts(d.add_heading(label("outline_beginning"), level=1).add_run(""), look.headings[0])
        notes(before)
    for point in points:
        level = min(point.level, 3)
        heading = d.add_heading("", level=level)
        run_fonts(heading.add_run(point.title), look.headings[level - 1])
        if point.lead:
            labelled("outline_lead", point.lead, look.body)
        if point.formulations:
            labelled("outline_terms", "、".join(f"“{t}”" for t in point.formulations), look.body)
        notes(point.notes)
    orphans = [a for a in anns if a.is_orphan]
    if orphans:
        run_fonts(d.add_heading("", level=1).add_run(label("orphans")), look.headings[0])
        notes(orphans)
    return to_bytes(d)
