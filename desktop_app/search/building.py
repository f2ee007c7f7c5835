"""Building and checking the Whoosh indexes of a document (bigrams; jieba's words).

Nothing here imports whoosh or jieba at import time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.search.normalization import NormalizedText
from desktop_app.search.snippets import paragraph_sections

if TYPE_CHECKING:
    from desktop_app.core.document import Document

Progress = Callable[[float], None]


def check_bigrams(fingerprint: str, doc: Document) -> Callable[[Any], bool]:
    def check(ix: Any) -> bool:
        from desktop_app.search.analysis import ChineseBigramAnalyzer

        if not isinstance(ix.schema["bi"].analyzer, ChineseBigramAnalyzer):
            return False
        with ix.searcher() as s:
            if not s.reader().is_atomic():
                return False
            if doc.paragraphs:
                first, last = s.stored_fields(0), s.stored_fields(len(doc.paragraphs) - 1)
                if first.get("doc") != fingerprint[:16] or last.get("start") != doc.paragraphs[-1].start:
                    return False
        return True

    return check


def check_words(ix: Any) -> bool:
    from desktop_app.search.analysis import ChineseWordAnalyzer

    if not isinstance(ix.schema["w"].analyzer, ChineseWordAnalyzer):
        return False
    with ix.searcher() as s:
        return s.reader().is_atomic() or ix.doc_count_all() == 0


def scaled(progress: Progress | None, lo: float, hi: float) -> Progress | None:
    if progress is None:
        return None
    last = [-1.0]

    def report(f: float) -> None:
        v = lo + (hi - lo) * min(1.0, max(0.0, f))
        if v - last[0] >= 0.005 or f >= 1.0:
            last[0] = v
            progress(v)

    return report


def _write_paragraphs(
    folder: Path,
    schema: Callable[[], Any],
    field: str,
    count: int,
    rows: Iterable[Any],
    add: Callable[[Any, Any], None],
    progress: Progress | None,
    share: float,
) -> None:
    """Create an index in ``folder`` and feed it ``count`` paragraphs, ``add(writer, row)`` each.

    ``progress`` goes up to ``share``; on any error (a cancel from ``progress``
    too) the writer is cancelled; the index is closed in every case.
    """
    from whoosh.filedb.filestore import FileStorage

    from desktop_app.search.writer import BulkWriter

    ix = FileStorage(str(folder)).create_index(schema())
    writer = BulkWriter(ix, field)
    try:
        step = max(1, count // 100)
        for i, row in enumerate(rows):
            add(writer, row)
            if progress is not None and i % step == 0:
                progress(share * i / count)
        writer.commit()
    except BaseException:
        with contextlib.suppress(Exception):
            writer.cancel()
        raise
    finally:
        ix.close()


def build_bigrams(
    folder: Path, doc: Document, nt: NormalizedText, fingerprint: str, progress: Progress | None
) -> None:
    """The bigram index of ``doc``'s paragraphs, with where each paragraph is (stored fields)."""
    from desktop_app.search.analysis import bigram_schema

    def rows() -> Iterable[tuple[str, dict[str, Any]]]:
        norm = nt.norm
        sections = paragraph_sections(doc)
        starts = nt.paragraph_starts
        ends = [s - 1 for s in starts[1:]] + [len(norm)]
        docid = fingerprint[:16]
        for i, para in enumerate(doc.paragraphs):
            yield (
                norm[starts[i] : ends[i]],
                {"doc": docid, "p": i, "start": para.start, "section": sections[i]},
            )

    _write_paragraphs(
        folder,
        bigram_schema,
        "bi",
        len(doc.paragraphs),
        rows(),
        lambda writer, row: writer.add_bigrams(*row),
        progress,
        0.8,
    )
    if progress is not None:
        progress(1.0)


def build_words(
    folder: Path, nt: NormalizedText, starts: list[int], ends: list[int], progress: Progress | None
) -> None:
    """jieba's word index of the paragraphs ``nt.norm[starts[i]:ends[i]]`` (loads jieba)."""
    from desktop_app.search.analysis import word_schema
    from desktop_app.search.tokenizer import warm_up_tokenizer, words

    warm_up_tokenizer()

    def rows() -> Iterable[list[str]]:
        norm = nt.norm
        for s, e in zip(starts, ends, strict=True):
            yield words(norm[s:e])

    _write_paragraphs(
        folder, word_schema, "w", len(starts), rows(), lambda writer, ws: writer.add_words(ws), progress, 0.9
    )
