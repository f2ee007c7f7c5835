"""The annotated copy (.docx): the whole text, highlights as shading in their colours, notes as comments.

Headings of the section tree are Word headings (Heading 1-3); a run-in heading (one that
shares its paragraph with body text) is bold and given an outline level, so it too shows
in the navigation pane.  Each paragraph is cut at annotation boundaries into runs; a part
covered by several annotations takes the colour of the innermost (latest starting) one.
An annotation with a note or tags gets a Word comment anchored on exactly its runs (which
may span paragraphs).  Orphans, which have no place in the text, are listed at the end.
"""

from __future__ import annotations

import bisect
import re
from itertools import pairwise
from typing import TYPE_CHECKING

from desktop_app.export.clean import clean
from desktop_app.export.docx_notes import GREY_HEX, add_entry, new_document
from desktop_app.export.docx_style import _W, LOOKS, Appender, para_xml, run_xml, to_bytes, xml_text
from desktop_app.export.messages import label
from desktop_app.export.model import document_title, entry_for
from desktop_app.export.options import ExportOptions, Progress

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


def comment_xml(a: Annotation, cid: int, author: str) -> str:
    """One ``w:comment``: the note and the tags of ``a``, its paragraphs in Word's comment style."""
    when = a.modified if _ISO.match(a.modified or "") else ""
    date = f' w:date="{when[:19]}Z"' if when else ""
    paras = "".join(
        '<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
        + (_ANNOTATION_REF if j == 0 else "")
        + f'<w:r><w:t xml:space="preserve">{xml_text(line)}</w:t></w:r></w:p>'
        for j, line in enumerate(_comment_text(a).split("\n"))
    )
    return f'<w:comment {_W} w:id="{cid}" w:author="{author}" w:initials="YD"{date}>{paras}</w:comment>'


def _range_end(cid: int) -> str:
    """Where a comment's passage ends: the range end and the reference mark Word shows."""
    return (
        f'<w:commentRangeEnd w:id="{cid}"/>'
        f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{cid}"/></w:r>'
    )


def _last_paragraph(doc: Document, a: Annotation) -> int:
    """The index of the last paragraph holding a character of ``a`` (-1: none, only line breaks)."""
    paras = doc.paragraphs
    i = bisect.bisect_right(paras, a.end - 1, key=lambda p: p.start) - 1
    while i >= 0:
        p = paras[i]
        if min(a.end, p.end) > max(a.start, p.start):
            return i
        if p.end <= a.start:
            return -1
        i -= 1
    return -1


def write_annotated(
    doc: Document,
    annotations: list[Annotation],
    bookmarks: list[Bookmark],
    options: ExportOptions,
    progress: Progress | None = None,
) -> bytes:
    look = LOOKS.get(options.style, LOOKS["default"])
    document = new_document(look, document_title(doc))
    d = Appender(document, deferred=True)
    placed = sorted((a for a in annotations if not a.is_orphan), key=lambda a: (a.start, a.end))
    # Word comments, written as text (python-docx's add_comment scans every comment for the next
    # id: quadratic): an id for each annotation with a note or tags at its first run, in reading
    # order; the range opens before that run and closes after its last one (maybe paragraphs on).
    comments: list[str] = []
    author = xml_text(label("author"))
    cid_of: dict[str, int] = {}
    ends_in = {a.id: _last_paragraph(doc, a) for a in placed if a.note or a.tags}
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
        last_run: dict[str, int] = {}  # commented annotation -> index in pieces of its last run here
        for s, e in pairwise(bounds):
            if s == e:
                continue
            over = [a for a in active if a.start < e and a.end > s]
            top = over[-1] if over else None
            for a in over:
                if (a.note or a.tags) and a.id not in cid_of:  # its first run: the range opens
                    cid = cid_of[a.id] = len(comments)
                    comments.append(comment_xml(a, cid, author))
                    pieces.append(f'<w:commentRangeStart w:id="{cid}"/>')
            pieces.append(
                run_xml(
                    doc.text[s:e],
                    east,
                    bold=s < bold_to,
                    style=top.style if top else None,
                    mark_hex=top.color_hex if top else None,
                )
            )
            for a in over:
                if a.id in cid_of:
                    last_run[a.id] = len(pieces) - 1
        if not pieces:
            pieces.append(run_xml("", east))
        # a range whose annotation ends in this paragraph (or runs past the text) closes here
        closing = [(i, cid_of[aid]) for aid, i in last_run.items() if ends_in[aid] == para.index]
        for i, cid in sorted(closing, key=lambda ic: (-ic[0], ic[1])):  # the latest id nearest its run
            pieces.insert(i + 1, _range_end(cid))
        first_line = (
            look.body_size * 2 if look.first_line_indent and style_id is None and not center else None
        )
        d.xml(
            para_xml(
                "".join(pieces), style_id=style_id, center=center, outline=outline, first_line=first_line
            )
        )
        if progress is not None and para.index % 200 == 0:
            progress(0.9 * para.index / max(1, n))
    orphans = [a for a in annotations if a.is_orphan]
    if orphans:
        d.xml(para_xml(run_xml(label("orphans"), look.headings[0]), style_id=d.style_id("Heading 1")))
        for a in orphans:
            add_entry(d, entry_for(doc, a), look)
    if not doc.paragraphs:
        d.xml(para_xml(run_xml(label("none"), look.body, colour=GREY_HEX)))
    return to_bytes(document, d.deferred, comments)
