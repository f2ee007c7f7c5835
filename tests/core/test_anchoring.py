"""Re-anchoring quotes on revised texts of the speech (no storage)."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from desktop_app.core.anchoring import (
    ANCHORED,
    ORPHAN,
    Selectors,
    context_similarity,
    make_quote,
    reanchor,
    reanchor_all,
)
from desktop_app.core.document import Document
from desktop_app.core.loader import load_document


@pytest.fixture(scope="module")
def speech() -> Document:
    return load_document(Path(__file__).resolve().parents[2] / "resources" / "speech.txt")


def _paras(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs]


def _quote_in_longest(doc: Document, offset_in_para: int = 40, length: int = 30) -> Selectors:
    para = max(doc.paragraphs, key=lambda p: len(p.text))
    start = para.start + offset_in_para
    return make_quote(doc.text, start, start + length)


def test_make_quote_has_32_characters_of_context(speech: Document) -> None:
    sel = make_quote(speech.text, 1000, 1010)
    assert sel.exact == speech.text[1000:1010]
    assert sel.prefix == speech.text[968:1000] and len(sel.prefix) == 32
    assert sel.suffix == speech.text[1010:1042] and len(sel.suffix) == 32
    edge = make_quote(speech.text, 0, 5)
    assert edge.prefix == "" and edge.start == 0
    w3c = sel.as_w3c()
    assert w3c[0]["type"] == "TextQuoteSelector" and w3c[1] == {
        "type": "TextPositionSelector",
        "start": 1000,
        "end": 1010,
    }


def test_unchanged_text_is_found_by_position(speech: Document) -> None:
    sel = _quote_in_longest(speech)
    r = reanchor(sel, speech.text)
    assert (r.start, r.end, r.status, r.method, r.score) == (sel.start, sel.end, ANCHORED, "position", 1.0)


def test_paragraph_inserted_before_the_note(speech: Document) -> None:
    sel = _quote_in_longest(speech)
    inserted = "这是修订时新加的一段话，放在文件的最前面。"
    revised = Document.from_paragraphs([inserted, *_paras(speech)]).text
    r = reanchor(sel, revised)
    assert r.anchored and r.start == sel.start + len(inserted) + 1
    assert revised[r.start : r.end] == sel.exact


def test_characters_changed_inside_the_quote(speech: Document) -> None:
    sel = _quote_in_longest(speech, length=40)
    changed = sel.exact[:12] + "调整" + sel.exact[14:30] + "新" + sel.exact[31:]
    revised = speech.text[: sel.start] + changed + speech.text[sel.end :]
    r = reanchor(sel, revised)
    assert r.anchored and r.method == "fuzzy"
    assert (r.start, r.end) == (sel.start, sel.start + len(changed))
    assert r.quote_similarity >= 0.85


def test_characters_inserted_and_deleted_inside_the_quote(speech: Document) -> None:
    sel = _quote_in_longest(speech, length=40)
    changed = sel.exact[:5] + "（补充说明）" + sel.exact[5:33] + sel.exact[36:]  # 6 in, 3 out
    revised = "新的开头。\n" + speech.text[: sel.start] + changed + speech.text[sel.end :]
    r = reanchor(sel, revised)
    assert r.anchored
    assert revised[r.start : r.end] == changed


def test_context_changed_around_an_unchanged_quote(speech: Document) -> None:
    sel = _quote_in_longest(speech, length=30)
    t = speech.text
    revised = t[: sel.start - 10] + "前文有改动" + t[sel.start : sel.end] + "后文也改" + t[sel.end + 6 :]
    r = reanchor(sel, revised)
    assert r.anchored and r.method == "quote"
    assert revised[r.start : r.end] == sel.exact
    assert 0.5 < r.context_similarity < 1.0


def test_deleted_passage_becomes_an_orphan(speech: Document) -> None:
    para = max(speech.paragraphs, key=lambda p: len(p.text))
    sel = make_quote(speech.text, para.start + 50, para.start + 80)
    revised = Document.from_paragraphs([p.text for p in speech.paragraphs if p.index != para.index]).text
    r = reanchor(sel, revised)
    assert r.status == ORPHAN and not r.anchored
    assert (r.start, r.end) == (sel.start, sel.end)  # the old position is kept


def test_deleted_short_quote_is_not_attached_to_another_occurrence(speech: Document) -> None:
    # "机关党建" occurs dozens of times; a note on one of them whose sentence is
    # deleted must not jump to another one with a different context.
    t = speech.text
    i = t.index("机关党建", 2000)
    sel = make_quote(t, i, i + 4)
    para = speech.paragraph_at(i)
    revised = Document.from_paragraphs([p.text for p in speech.paragraphs if p.index != para.index]).text
    assert revised.count("机关党建") > 5
    assert reanchor(sel, revised).status == ORPHAN


def test_quote_occurring_many_times_context_picks_the_right_one(speech: Document) -> None:
    t = speech.text
    hits = []
    i = t.find("机关党建")
    while i != -1:
        hits.append(i)
        i = t.find("机关党建", i + 1)
    assert len(hits) > 10
    inserted = "插入一段新的文字。"
    revised = inserted + "\n" + t
    for k in (3, len(hits) // 2, len(hits) - 2):
        sel = make_quote(t, hits[k], hits[k] + 4)
        r = reanchor(sel, revised)
        assert r.anchored and r.start == hits[k] + len(inserted) + 1, k


def test_repeated_quote_with_the_position_far_off_still_uses_context(speech: Document) -> None:
    t = speech.text
    first = t.index("机关党建")
    later = t.index("机关党建", 3000)
    sel = make_quote(t, later, later + 4)
    moved = Selectors(sel.exact, sel.prefix, sel.suffix, first, first + 4)  # a wrong old position
    r = reanchor(moved, "新增一段。\n" + t)
    assert r.start == later + len("新增一段。\n")


def test_rejects_a_weak_fuzzy_match(speech: Document) -> None:
    sel = _quote_in_longest(speech, length=20)
    rewritten = "完全不同的一句话替换了原来的内容哦"
    revised = speech.text[: sel.start] + rewritten + speech.text[sel.end :]
    assert reanchor(sel, revised).status == ORPHAN


def test_context_similarity(speech: Document) -> None:
    sel = make_quote(speech.text, 500, 520)
    assert context_similarity(sel, speech.text, 500, 520) == 1.0
    assert context_similarity(sel, speech.text, 2500, 2520) < 0.6


def test_reanchor_all_follows_a_shift_and_keeps_order(speech: Document) -> None:
    t = speech.text
    sels = [make_quote(t, s, s + 12) for s in range(4000, 100, -300)]  # given out of order
    revised = "开头新加的一句。\n" + t
    results = reanchor_all(sels, revised)
    assert [r.start for r in results] == [s.start + 9 for s in sels]
    assert all(r.method == "position" for r in results[:-1])  # the shift, not a search


def test_empty_quote_is_an_orphan() -> None:
    assert reanchor(Selectors("", "", "", 0, 0), "abc").status == ORPHAN


def test_500_notes_reanchor_quickly(speech: Document) -> None:
    rng = random.Random(5)
    t = speech.text
    sels = []
    for _ in range(500):
        s = rng.randrange(0, len(t) - 60)
        sels.append(make_quote(t, s, s + rng.randint(4, 60)))
    paras = _paras(speech)
    paras.insert(3, "修订时插入的新段落。")
    for i in range(5, len(paras), 4):
        p = paras[i]
        paras[i] = p[: len(p) // 2] + "改" + p[len(p) // 2 + 1 :]
    del paras[10]
    revised = "\n".join(paras)
    t0 = time.perf_counter()
    results = reanchor_all(sels, revised)
    elapsed = time.perf_counter() - t0
    assert elapsed < 3.0  # the benchmark's target is 1 s; generous here for slow CI machines
    anchored = [r for r in results if r.anchored]
    assert len(anchored) > 400
    for sel, r in zip(sels, results, strict=True):
        if r.anchored and r.method != "fuzzy":
            assert revised[r.start : r.end] == sel.exact
