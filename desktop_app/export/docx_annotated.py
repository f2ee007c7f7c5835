"""The annotated copy (.docx): the whole text, highlights as shading in their colours, notes as comments.

Headings of the section tree are Word headings (Heading 1-3); a run-in heading (one that
shares its paragraph with body text) is bold and given an outline level, so it too shows
in the navigation pane.  Each paragraph is cut at annotation boundaries into runs; a part
covered by several annotations takes the colour of the innermost (latest starting) one.
An annotation with a note or tags gets a Word comment anchored on exactly its runs (which
may span paragraphs).  Orphans, which have no place in the text, are listed at the end.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from desktop_app.export import ExportOptions, Progress
from desktop_app.export.clean import clean
from desktop_app.export.docx_notes import GREY_HEX, add_entry, new_document
from desktop_app.export.docx_style import _W, LOOKS, Appender, para_xml, run_xml, to_bytes, xml_text
from desktop_app.export.messages import label
from desktop_app.export.model import document_title, entry_for

if TYPE_CHECKING:
    from desktop_app.core.annotations import Annotation, Bookmark
    from desktop_app.core.document import Document


_ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
_ANNOTATION_REF = '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'


def _comment_text(a: Annotation) -> str:
    parts = [clean(a.note)] if a.note else []
    if a.tags:
        parts.append(f"{label('tags')}：" + " ".join(f"#{clean(t)}" for t in a.tags))
    return "\n".join(parts)


def add_comments(
    document: Any, commented: list[Annotation], runs_of: dict[str, list[Any]], progress: Progress | None
) -> None:
    """Word comments on the runs of each annotation.

    Written as XML directly: python-docx's ``add_comment`` finds the next id by scanning
    every comment (quadratic: seconds for a thousand).
    """
    from docx.oxml import parse_xml

    comments = document.comments._comments_elm
    author = xml_text(label("author"))
    used = [int(x) for x in comments.xpath("./w:comment/@w:id")]
    next_id = max(used, default=-1) + 1
    for i, a in enumerate(commented):
        cid = next_id + i
        r1, _p1, r2, _p2 = runs_of[a.id]
        when = a.modified if _ISO.match(a.modified or "") else ""
        date = f' w:date="{when[:19]}Z"' if when else ""
        paras = "".join(
            '<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
            + (_ANNOTATION_REF if j == 0 else "")
            + f'<w:r><w:t xml:space="preserve">{xml_text(line)}</w:t></w:r></w:p>'
            for j, line in enumerate(_comment_text(a).split("\n"))
        )
        comments.append(
            parse_xml(
                f'<w:comment {_W} w:id="{cid}" w:author="{author}" w:initials="YD"{date}>{paras}</w:comment>'
            )
        )
        r1.addprevious(parse_xml(f'<w:commentRangeStart {_W} w:id="{cid}"/>'))
        ref = parse_xml(
            f'<w:r {_W}><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
            f'<w:commentReference w:id="{cid}"/></w:r>'
        )
        r2.addnext(ref)
        r2.addnext(parse_xml(f'<w:commentRangeEnd {_W} w:id="{cid}"/>'))
        if progress is not None and i % 100 == 0:
            progress(0.6 + 0.3 * i / max(1, len(commented)))


def write_annotated(
    doc: Document,
    annotations: list[Annotation],
    bookmarks: list[Bookmark],
    options: ExportOptions,
    progress: Progress | None = None,
) -> bytes:
    look = LOOKS.get(options.style, LOOKS["default"])
    document = new_document(look, document_title(doc))
    d = Appender(document)
    placed = sorted((a for a in annotations if not a.is_orphan), key=lambda a: (a.start, a.end))
    # Per annotation: the first and last w:r element that shows it, and their w:p.
    runs_of: dict[str, list[Any]] = {}
    head = set(doc.metadata.head_paragraphs)
    headings = {s.paragraph_index: s for s in doc.sections}
    j = 0  # first annotation that may still overlap the current paragraph
    n = len(doc.paragraphs)
    for para in doc.paragraphs:
        while j < len(placed) and placed[j].end <= para.start:
            j += 1
        active = []
        k = j
        while k < len(placed) and placed[k].start < max(para.end, para.start + 1):
            if placed[k].end > para.start:
                active.append(placed[k])
            k += 1
        section = headings.get(para.index)
        style_id = None
        east = look.body
        outline = None
        bold_to = para.start
        center = False
        if para.index == 0 and para.index in head:
            style_id, east = d.style_id("Title"), look.title
        elif para.index in head:
            center = True
        elif section is not None and section.start == para.start and not section.run_in:
            level = min(section.level, 3)
            style_id, east = d.style_id(f"Heading {level}"), look.headings[level - 1]
        elif section is not None:
            outline = min(section.level, 9)
            bold_to = para.start + len(section.title) if para.text.startswith(section.title) else para.start
        cuts = {para.start, para.end, bold_to}
        for a in active:
            cuts.add(max(a.start, para.start))
            cuts.add(min(a.end, para.end))
        bounds = sorted(c for c in cuts if para.start <= c <= para.end)
        pieces: list[str] = []
        owners: list[list[Annotation]] = []
        for s, e in pairwise(bounds):
            if s == e:
                continue
            over = [a for a in active if a.start < e and a.end > s]
            top = over[-1] if over else None
            pieces.append(
                run_xml(
                    doc.text[s:e],
                    east,
                    bold=s < bold_to,
                    style=top.style if top else None,
                    mark_hex=top.color_hex if top else None,
                )
            )
            owners.append(over)
        if not pieces:
            pieces.append(run_xml("", east))
            owners.append([])
        first_line = (
            look.body_size * 2 if look.first_line_indent and style_id is None and not center else None
        )
        p = d.xml(
            para_xml(
                "".join(pieces), style_id=style_id, center=center, outline=outline, first_line=first_line
            )
        )
        r_elms = p.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}r")
        for r, over in zip(r_elms, owners, strict=True):
            for a in over:
                slot = runs_of.setdefault(a.id, [None, None, None, None])
                if slot[0] is None:
                    slot[0], slot[1] = r, p
                slot[2], slot[3] = r, p
        if progress is not None and para.index % 200 == 0:
            progress(0.6 * para.index / max(1, n))
    commented = [a for a in placed if (a.note or a.tags) and a.id in runs_of]
    add_comments(document, commented, runs_of, progress)
    orphans = [a for a in annotations if a.is_orphan]
    if orphans:
        d.xml(para_xml(run_xml(label("orphans"), look.headings[0]), style_id=d.style_id("Heading 1")))
        for a in orphans:
            add_entry(d, entry_for(doc, a), look)
    if not doc.paragraphs:
        d.xml(para_xml(run_xml(label("none"), look.body, colour=GREY_HEX)))
    return to_bytes(document)
