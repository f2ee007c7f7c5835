"""Our bulk writer writes exactly what Whoosh's own writer writes through our analyzers."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage

from desktop_app.core.document import Document
from desktop_app.search.analysis import (
    END,
    ChineseBigramAnalyzer,
    ChineseWordAnalyzer,
    bigram_schema,
    bigrams,
    word_schema,
)
from desktop_app.search.normalization import NormalizedText
from desktop_app.search.tokenizer import words
from desktop_app.search.writer import BulkWriter
from tests.search.conftest import make_doc


def _postings(ix, field: str) -> dict:
    out = {}
    with ix.searcher() as s:
        r = s.reader()
        for fieldname, text in r.all_terms():
            if fieldname != field:
                continue
            m = r.postings(fieldname, text)
            items = []
            while m.is_active():
                # bigrams: which paragraphs hold the term (Existence: no positions, no counts)
                value = None if field == "bi" else m.value_as("frequency")
                items.append((m.id(), m.weight(), value))
                m.next()
            out[text] = items
        lengths = [r.doc_field_length(d, field) for d in range(r.doc_count_all())]
        stored = [s.stored_fields(d) for d in range(r.doc_count_all())]
    return {"postings": out, "lengths": lengths, "stored": stored}


def _paragraphs(doc: Document) -> list[str]:
    return NormalizedText(doc.text).norm.split("\n")


def _docs() -> list[Document]:
    from desktop_app.core.loader import load_document
    from tests.conftest import SPEECH

    return [
        load_document(SPEECH),
        make_doc("哈哈哈哈哈", "a", "ab", "abab abab", "中心中心中心工作", "ＡＢＣ，abc…", "x" * 300),
    ]


@pytest.mark.parametrize("which", [0, 1])
def test_bigram_postings_equal_the_stock_writer(tmp_path: Path, which: int) -> None:
    doc = _docs()[which]
    paras = _paragraphs(doc)
    ours = FileStorage(str(tmp_path / "ours")).create().create_index(bigram_schema())
    w = BulkWriter(ours, "bi")
    for i, text in enumerate(paras):
        w.add_bigrams(text, {"doc": "d", "p": i, "start": doc.paragraphs[i].start, "section": "s"})
    w.commit()
    stock = FileStorage(str(tmp_path / "stock")).create().create_index(bigram_schema())
    w2 = stock.writer()
    for i, para in enumerate(doc.paragraphs):
        w2.add_document(bi=para.text, doc="d", p=i, start=para.start, section="s")
    w2.commit()
    a, b = _postings(ours, "bi"), _postings(stock, "bi")
    assert a == b
    assert len(a["postings"]) > 10


def test_word_postings_equal_the_stock_writer(tmp_path: Path) -> None:
    doc = _docs()[0]
    paras = _paragraphs(doc)
    ours = FileStorage(str(tmp_path / "ours")).create().create_index(word_schema())
    w = BulkWriter(ours, "w")
    for text in paras:
        w.add_words(words(text))
    w.commit()
    stock = FileStorage(str(tmp_path / "stock")).create().create_index(word_schema())
    w2 = stock.writer()
    for para in doc.paragraphs:
        w2.add_document(w=para.text)
    w2.commit()
    assert _postings(ours, "w") == _postings(stock, "w")


def test_bigram_analyzer_tokens() -> None:
    ana = ChineseBigramAnalyzer()
    toks = [(t.text, t.pos, t.startchar, t.endchar) for t in ana("市中心，", positions=True, chars=True)]
    assert toks == [("市中", 0, 0, 2), ("中心", 1, 1, 3), ("心,", 2, 2, 4), (",\x03", 3, 3, 4)]
    assert [t.text for t in ana("中心工作", mode="query")] == ["中心", "心工", "工作"]
    assert [t.text for t in ana("心", mode="query")] == ["心"]
    assert bigrams("心") == ["心" + END]


def test_word_analyzer_keeps_words_only() -> None:
    toks = [t.text for t in ChineseWordAnalyzer()("推进中心工作，ＡＢＣ 2023年！")]
    assert "中心" in toks and "工作" in toks and "abc" in toks
    assert "，" not in toks and "," not in toks and "!" not in toks


def test_segments_written_apart_equal_one_writer(tmp_path: Path) -> None:
    """Jobs written as separate segments (as worker processes do) read back as one index would."""
    from desktop_app.core.loader import document_from_text
    from desktop_app.search import building
    from desktop_app.search.analysis import bigram_schema
    from desktop_app.search.writer import publish_segments

    doc = _docs()[0]
    big = document_from_text("\n".join([doc.text] * 3))
    nt = NormalizedText(big.text)
    payloads = building._payloads_bigrams(big, nt, "f" * 64)
    one = FileStorage(str(tmp_path / "one")).create().create_index(bigram_schema())
    w = BulkWriter(one, "bi")
    for payload in payloads:
        _k, text, docid, first, starts, sections = payload
        for i, para in enumerate(text.split("\n")):
            w.add_bigrams(para, {"doc": docid, "p": first + i, "start": starts[i], "section": sections[i]})
    w.commit()
    old = building.JOB_CHARS
    try:
        building.JOB_CHARS = 2000  # many segments
        payloads = building._payloads_bigrams(big, nt, "f" * 64)
    finally:
        building.JOB_CHARS = old
    assert len(payloads) > 5
    apart = FileStorage(str(tmp_path / "apart")).create().create_index(bigram_schema())
    segments = [building.write_job(tmp_path / "apart", p) for p in payloads]
    publish_segments(apart, segments)
    apart = FileStorage(str(tmp_path / "apart")).open_index()
    assert len(apart._segments()) == len(payloads)
    a, b = _postings(apart, "bi"), _postings(one, "bi")
    assert a == b
    assert [d["p"] for d in a["stored"]] == list(range(len(big.paragraphs)))


def test_term_table_written_in_bulk_is_byte_for_byte_whooshs(tmp_path: Path) -> None:
    """_add_terms writes what OrderedHashWriter.add writes, key by key (hashes, the positions
    index, its type grown past 65,536 bytes), interleaved with Whoosh's own adds."""
    import random

    from whoosh.filedb.filetables import OrderedHashReader, OrderedHashWriter
    from whoosh.filedb.structfile import StructFile

    from desktop_app.search.writer import _add_terms

    rng = random.Random(14)
    keys = sorted(
        {"".join(rng.choice("中心工作党建机关abc") for _ in range(rng.randint(1, 6))) for _ in range(6000)}
    )
    items = [(k.encode("utf-8"), bytes(rng.randrange(256) for _ in range(rng.randint(0, 40)))) for k in keys]

    def write(name: str, bulk: bool) -> bytes:
        path = tmp_path / name
        tindex = OrderedHashWriter(StructFile(open(path, "wb")))  # noqa: SIM115 - closed by close()
        for i in range(0, len(items), 1000):
            part = items[i : i + 1000]
            if bulk:
                _add_terms(tindex, part[:-1])
                tindex.add(*part[-1])  # a block term's entry, written by Whoosh between ours
            else:
                for key, value in part:
                    tindex.add(key, value)
        tindex.close()
        return path.read_bytes()

    ours, theirs = write("ours", True), write("theirs", False)
    assert len(theirs) > 2**16  # the positions index had to grow beyond unsigned shorts
    assert ours == theirs
    reader = OrderedHashReader(StructFile(open(tmp_path / "ours", "rb")), len(ours))  # noqa: SIM115
    assert [reader[k] for k, _v in items[:50]] == [v for _k, v in items[:50]]
    with pytest.raises(ValueError):
        _add_terms(OrderedHashWriter(StructFile(open(tmp_path / "x", "wb"))), items[1::-1])  # noqa: SIM115


def test_writing_a_segment_holds_no_second_copy_of_the_postings(tmp_path: Path) -> None:
    """A job's postings are most of a worker's memory; writing them out must not double it
    (the terms sorted as (bytes, str) pairs and every term table entry held until the end took
    ~15 MB more for a job of 400,000 characters): the peak while writing stays well under what
    the postings hold."""
    import random
    import tracemalloc

    from desktop_app.search.writer import JobStorage

    rng = random.Random(7)
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]  # mostly terms of their own, as in a long text
    text = "\n".join("".join(rng.choices(chars, k=rng.randint(20, 200))) for _ in range(300))
    FileStorage(str(tmp_path)).create_index(bigram_schema()).close()
    storage = JobStorage(str(tmp_path))
    ix = storage.open_index()
    writer = BulkWriter(ix, "bi")
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        for i, para in enumerate(text.split("\n")):
            writer.add_bigrams(para, {"doc": "d", "p": i, "start": 0, "section": ""})
        held = tracemalloc.get_traced_memory()[0] - start
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        writer.write_segment()
        extra = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
        ix.close()
        storage.clean()
    assert held > 1_000_000  # (the job is large enough to tell)
    assert extra < 0.5 * held, f"writing took {extra / held:.0%} of the postings' memory again"


def test_a_job_is_a_twentieth_of_the_text_within_its_bounds() -> None:
    """Jobs of 200,000-400,000 characters: a worker's memory bounded whatever the size, and at
    most ~20 segments to search up to 8 MB of text (and 400,000 characters a job beyond)."""
    from desktop_app.search import building

    assert building.job_chars(15_000) == building.JOB_CHARS_MIN == 200_000
    assert building.job_chars(3_600_000) == 200_000  # 10 MB of Chinese: 18 jobs
    assert building.job_chars(6_000_000) == 300_000
    assert building.job_chars(18_000_000) == building.JOB_CHARS == 400_000  # 50 MB: 45 jobs
    starts = list(range(0, 3_600_000, 1000))
    ends = [s + 999 for s in starts]
    jobs = building.Jobs(starts, ends, lambda a, b: (a, b))
    sizes = [ends[b - 1] - starts[a] for a, b in jobs]
    assert len(jobs) == len(sizes) == 18 and max(sizes) < 200_000 + 1000  # (one paragraph over at most)
    assert [a for a, _b in jobs] == [0, *[b for _a, b in list(jobs)[:-1]]]  # consecutive, all of them
    assert list(jobs)[-1][1] == len(starts)
