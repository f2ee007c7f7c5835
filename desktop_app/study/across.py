"""A formulation across the library: which documents use it, how often, when, in which sentences.

"When did 新质生产力 first appear, and where?" is the first row: documents are listed by
their own date (undated ones last), each with every sentence that holds the term.  Written
out as a table: CSV (one row per occurrence) or Word (one row per document, its sentences
in the cell).  No Qt.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core import messages

if TYPE_CHECKING:
    from desktop_app.storage.library import LibraryEntry

_END = re.compile(r"[。！？；!?;\n]")


@dataclass
class Usage:
    entry: LibraryEntry
    offsets: list[int] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)  # each once, in order
    sentence_starts: list[int] = field(default_factory=list)  # the first occurrence in each sentence

    @property
    def count(self) -> int:
        return len(self.offsets)


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding ``text[start:end]`` (cut at 。！？； and line ends)."""
    left = max(
        (m.end() for m in _END.finditer(text, max(0, start - 300), start)), default=max(0, start - 300)
    )
    m = _END.search(text, end)
    right = m.end() if m is not None and m.start() - end < 300 else min(len(text), end + 300)
    return text[left:right].strip()


def usage_across(
    entries: list[LibraryEntry], term: str, cache: Path | None = None
) -> tuple[list[Usage], list[LibraryEntry]]:
    """(the documents using ``term``, earliest first; the documents that could not be read)."""
    from desktop_app.core.doc_cache import load_document_cached
    from desktop_app.core.loader import DocumentError

    used: list[Usage] = []
    unreadable: list[LibraryEntry] = []
    if not term:
        return used, unreadable
    for e in entries:
        if e.missing:
            unreadable.append(e)
            continue
        try:
            text = load_document_cached(e.path, cache).text
        except (DocumentError, OSError):
            unreadable.append(e)
            continue
        u = Usage(e)
        i = text.find(term)
        while i >= 0:
            u.offsets.append(i)
            sentence = sentence_at(text, i, i + len(term))
            if not u.sentences or u.sentences[-1] != sentence:  # one line for a sentence using it twice
                u.sentences.append(sentence)
                u.sentence_starts.append(i)
            i = text.find(term, i + len(term))
        if u.offsets:
            used.append(u)
    used.sort(key=lambda u: (not u.entry.date, u.entry.date or "9999", u.entry.added))
    return used, unreadable


def to_csv(usages: list[Usage], term: str) -> str:
    m = messages.message
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(
        [m("usage_term"), m("usage_document"), m("usage_date"), m("usage_source"), m("usage_sentence")]
    )
    for u in usages:
        for s in u.sentences:
            w.writerow([_cell(term), _cell(u.entry.title), u.entry.date, _cell(u.entry.source), _cell(s)])
    return "\ufeff" + out.getvalue()  # a BOM: Excel on Chinese Windows reads it as UTF-8


def _cell(text: str) -> str:
    from desktop_app.export.clean import csv_cell

    return csv_cell(text)


def to_docx(usages: list[Usage], term: str) -> bytes:
    from desktop_app.export.docx_notes import new_document
    from desktop_app.export.docx_style import DEFAULT, run_fonts, to_bytes

    m = messages.message
    title = m("usage_title", term=term)
    d = new_document(DEFAULT, title)
    run_fonts(d.add_paragraph(style="Title").add_run(title), DEFAULT.title)
    total = sum(u.count for u in usages)
    run_fonts(d.add_paragraph().add_run(m("usage_summary", docs=len(usages), count=total)), DEFAULT.body)
    table = d.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        (m("usage_document"), m("usage_date"), m("usage_count"), m("usage_sentence")),
        strict=True,
    ):
        run_fonts(cell.paragraphs[0].add_run(text), DEFAULT.headings[0]).bold = True
    for u in usages:
        cells = table.add_row().cells
        run_fonts(cells[0].paragraphs[0].add_run(u.entry.title), DEFAULT.body)
        run_fonts(cells[1].paragraphs[0].add_run(u.entry.date), DEFAULT.body)
        run_fonts(cells[2].paragraphs[0].add_run(str(u.count)), DEFAULT.body)
        for k, s in enumerate(u.sentences):
            p = cells[3].paragraphs[0] if k == 0 else cells[3].add_paragraph()
            run_fonts(p.add_run(s), DEFAULT.body)
    return to_bytes(d)


def write_usage(usages: list[Usage], term: str, out: Path) -> Path:
    """``out`` as Word (.docx) or CSV (anything else), replaced atomically."""
    from desktop_app.export.atomic import atomic_write

    if out.suffix.lower() == ".docx":
        return atomic_write(out, lambda: to_docx(usages, term))
    return atomic_write(out, lambda: to_csv(usages, term).encode("utf-8"))
