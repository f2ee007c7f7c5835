"""SearchIndex on real Whoosh indexes: exact recall and precision, query kinds, ranking, hits."""

from __future__ import annotations

import bisect
import random
from pathlib import Path

import pytest

from desktop_app.core.document import Document
from desktop_app.search import SearchIndex, normalize, parse_query
from desktop_app.search.engine import make_snippet
from tests.search.conftest import CENTRAL_WORK_HITS, DOC_NAMES, make_doc
from tests.search.reference import hidden_hits, ref_find_all, ref_find_all_doc, visible_count

STRATEGIES = ("auto", "index", "scan")


def spans(result) -> list[tuple[int, int]]:
    return [(h.start, h.end) for h in result.hits]


def random_queries(text: str, seed: str, n: int) -> list[str]:
    rnd = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        i = rnd.randrange(len(text))
        q = text[i : i + rnd.randint(1, 12)]
        if not normalize(q) or any(c.isspace() for c in q) or '"' in q or q.startswith("-") or q == "OR":
            continue  # plain text only: no operators
        out.append(q)
    return out


def expected_hits(doc: Document, query: str) -> list[tuple[int, int]]:
    """Brute force, paragraph by paragraph, with the reference matcher (document order).

    Occurrences in a paragraph the reader hides are no hits: such a paragraph matches nothing.
    """
    pq = parse_query(query)
    starts = [p.start for p in doc.paragraphs]
    occ: dict[str, dict[int, list[tuple[int, int]]]] = {}
    for t in pq.terms + pq.excluded:
        by_para: dict[int, list[tuple[int, int]]] = {}
        for a, b in ref_find_all_doc(doc, t):  # a match never crosses a paragraph
            by_para.setdefault(bisect.bisect_right(starts, a) - 1, []).append((a, b))
        occ[t] = by_para
    out: list[tuple[int, int]] = []
    for para in doc.paragraphs:
        i = para.index
        if not all(any(i in occ[t] for t in g) for g in pq.groups) or any(i in occ[t] for t in pq.excluded):
            continue
        found = sorted({s for t in pq.terms for s in occ[t].get(i, [])}, key=lambda se: (se[0], -se[1]))
        last = -1
        for a, b in found:
            if a >= last:
                out.append((a, b))
                last = b
    return out


# -- recall and precision ------------------------------------------------------


@pytest.mark.parametrize("name", DOC_NAMES)
def test_plain_queries_find_every_occurrence_and_nothing_else(indexes, name: str) -> None:
    index = indexes[name]
    doc = index.document
    text = doc.text
    hidden_seen = 0
    for q in [*random_queries(text, f"plain-{name}", 70), "的", "，", "。", "、", "1", "第", "(", "是"]:
        expected = ref_find_all_doc(doc, q)  # every occurrence the reader shows
        hidden_seen += len(hidden_hits(doc, ref_find_all(text, q)))
        for strategy in STRATEGIES:
            r = index.search(q, limit=None, order="document", strategy=strategy)
            assert spans(r) == expected, (q, strategy)
            assert r.total == len(expected)
        ranked = index.search(q, limit=None, order="rank", strategy="index")
        assert sorted(spans(ranked)) == expected
    if doc.hidden_paragraphs():  # the queries did meet the hidden paragraph, and it gave no hit
        assert hidden_seen > 0


def test_latin_digits_and_punctuation(tmp_path: Path) -> None:
    doc = make_doc(
        "COVID-19 疫情以来,WTO 规则与“一带一路”并行。Xi Jinping 在 2023 年 6 月 14 日讲话。",
        "ＡＢＣ公司与abc公司、Abc 公司；价格为 3.14 元（含税）!",
        "e-mail: info@example.org，网址 https://example.org/a?b=1&c=2。",
    )
    index = SearchIndex.open(doc, cache_dir=tmp_path)
    queries = random_queries(doc.text, "latin", 150)
    queries += [
        "abc",
        "ＡＢＣ",
        "Abc公司",
        '"xi jinping"',
        "2023年6月",
        "3.14",
        "(含税)",
        "（含税）",
        "!",
        "covid-19",
    ]
    for q in queries:
        expected = ref_find_all_doc(doc, q.strip('"'))
        for strategy in STRATEGIES:
            assert spans(index.search(q, limit=None, order="document", strategy=strategy)) == expected, q
    assert len(index.search("ＡＢＣ", limit=None).hits) == 3
    index.close()


def test_width_variants_on_the_corpus(indexes) -> None:
    index = indexes["06_xianfa"]
    doc = index.document
    full = visible_count(doc, "，")
    assert full > 100
    for strategy in STRATEGIES:
        assert index.search(",", limit=None, strategy=strategy).total == full + visible_count(doc, ",")
    speech = indexes["speech"]
    a = speech.search("第一条经验，主动", limit=None, order="document")
    b = speech.search("第一条经验,主动", limit=None, order="document")
    assert spans(a) == spans(b) and len(a.hits) == 1
    assert speech.document.text[a.hits[0].start : a.hits[0].end] == "第一条经验,主动"


@pytest.mark.parametrize("name", DOC_NAMES)
def test_every_query_kind(indexes, name: str) -> None:
    index = indexes[name]
    doc = index.document
    rnd = random.Random(f"kinds-{name}")
    long_paras = [p for p in doc.paragraphs if len(p.text) > 30]
    for _ in range(25):
        para = rnd.choice(long_paras).text

        def piece(p: str = para) -> str:
            i = rnd.randrange(len(p) - 4)
            return p[i : i + rnd.randint(1, 4)].replace('"', "").strip() or "的"

        a, b, c, d = piece(), piece(), piece(), piece(rnd.choice(long_paras).text)
        queries = [
            f"{a} {b}",
            f'"{a} {b}"',
            f"{a} OR {d}",
            f"{a} -{d}",
            f"{a} {b} OR {d} -{c}",
            f'"{a}',
            f"{a} OR",
            f"OR {a} OR OR {b}",
        ]
        for q in queries:
            expected = expected_hits(doc, q)
            for strategy in STRATEGIES:
                r = index.search(q, limit=None, order="document", strategy=strategy)
                assert spans(r) == expected, (q, strategy)
                assert r.total == len(expected)
            ranked = index.search(q, limit=None, order="rank", strategy="auto")
            assert sorted(spans(ranked)) == expected


@pytest.mark.parametrize(
    ("query", "has_notice"),
    [
        ("", True),
        ("   ", True),
        ('"中心', True),
        ("OR", True),
        ("-中心", True),
        ("，。！", False),
        ("\u200b", True),
    ],
)
def test_malformed_queries_return_a_result_with_a_notice(speech_index, query: str, has_notice: bool) -> None:
    for strategy in STRATEGIES:
        r = speech_index.search(query, strategy=strategy)
        assert bool(r.notice) == has_notice
        assert r.total == len(expected_hits(speech_index.document, query)) == len(r.hits) or r.hits == []


def test_a_very_long_paragraph(tmp_path: Path, speech_doc: Document) -> None:
    """Whoosh highlights only 32K characters of a field; we never ask it to: offsets are ours."""
    body = "".join(p.text for p in speech_doc.paragraphs) * 25  # one paragraph of ~130 000 characters
    doc = make_doc("开头", body, "结尾")
    index = SearchIndex.open(doc, cache_dir=tmp_path, words=False)
    for q in [*random_queries(body[-20000:], "long", 20), "结尾", "开头"]:
        expected = ref_find_all_doc(doc, q)
        for strategy in STRATEGIES:
            assert spans(index.search(q, limit=None, order="document", strategy=strategy)) == expected
    last = index.search(body[-7:], limit=None, order="document").hits[-1]
    assert last.end == doc.paragraphs[1].end
    assert normalize(last.snippet[last.snippet_start : last.snippet_end]) == normalize(body[-7:])
    index.close()


def test_expanded_characters_give_no_duplicate_hits(tmp_path: Path) -> None:
    doc = make_doc("等等…还有…", "等等...还有", "㈠总则")
    index = SearchIndex.open(doc, cache_dir=tmp_path, words=False)
    for q in [".", "..", "...", "…", "(一)", "一", "等等...还"]:
        expected = ref_find_all_doc(doc, q)
        for strategy in STRATEGIES:
            r = index.search(q, limit=None, order="document", strategy=strategy)
            assert spans(r) == expected and r.total == len(expected), q
    index.close()


# -- ranking -------------------------------------------------------------------


def test_a_real_word_ranks_above_a_match_spanning_two_words(tmp_path: Path) -> None:
    from desktop_app.search.tokenizer import tokenize

    span = "集中心力办好这件事情，然后再说别的话题。"  # 集中|心力: 中心 spans two words
    word = "推进中心工作，办好这件事情再说别的话题。"  # 推进|中心|工作
    assert ("中心", 2, 4) not in list(tokenize(span))
    assert ("中心", 2, 4) in list(tokenize(word))
    assert len(span) == len(word)
    doc = make_doc(span, word)
    index = SearchIndex.open(doc, cache_dir=tmp_path / "with-words")
    assert index.has_words
    r = index.search("中心", limit=None, order="rank")
    assert [h.paragraph_index for h in r.hits] == [1, 0]
    assert r.hits[0].score > r.hits[1].score
    # Without jieba's words the two are alike: same length, one occurrence each.
    coarse = SearchIndex.open(doc, cache_dir=tmp_path / "bigrams-only", words=False)
    assert not coarse.has_words
    c = coarse.search("中心", limit=None, order="rank")
    assert c.hits[0].score == c.hits[1].score
    coarse.ensure_words()
    assert coarse.has_words
    assert [h.paragraph_index for h in coarse.search("中心", limit=None).hits] == [1, 0]


def test_more_occurrences_rank_higher(tmp_path: Path) -> None:
    doc = make_doc("群众路线，群众利益，群众满意。", "联系群众，服务基层，做好工作。")
    index = SearchIndex.open(doc, cache_dir=tmp_path)
    r = index.search("群众", limit=1, order="rank")
    assert r.hits[0].paragraph_index == 0 and r.total == 4


def test_rank_and_document_orders(speech_index) -> None:
    ranked = speech_index.search("中心 OR 群众", limit=None, order="rank")
    scores = [h.score for h in ranked.hits]
    assert scores == sorted(scores, reverse=True)
    in_order = speech_index.search("中心 OR 群众", limit=None, order="document")
    assert [h.start for h in in_order.hits] == sorted(h.start for h in in_order.hits)
    assert sorted(spans(ranked)) == spans(in_order)
    by_start = {h.start: h.score for h in ranked.hits}
    assert all(by_start[h.start] == pytest.approx(h.score) for h in in_order.hits)


def test_limit_and_total(speech_index) -> None:
    everything = speech_index.search("的", limit=None, order="document")
    some = speech_index.search("的", limit=5, order="document")
    assert some.total == everything.total == len(everything.hits) > 50
    assert spans(some) == spans(everything)[:5]
    assert len(speech_index.search("的", limit=5).hits) == 5
    assert speech_index.search("的", limit=0).hits == []
    with pytest.raises(ValueError):
        speech_index.search("的", order="sideways")


def test_every_limit_is_a_prefix_of_the_unlimited_order(indexes) -> None:
    """Ranked and in order, any limit gives the first hits of the unlimited search, same hits (ties too)."""
    for name in DOC_NAMES:
        ix = indexes[name]
        for query in ("的", "发展", "全"):
            for strategy in STRATEGIES:
                for order in ("rank", "document"):
                    everything = ix.search(query, limit=None, order=order, strategy=strategy)
                    assert len(everything.hits) == everything.total
                    for limit in (1, 7, 50, everything.total):
                        some = ix.search(query, limit=limit, order=order, strategy=strategy)
                        assert list(some.hits) == list(everything.hits[:limit]), (
                            name,
                            query,
                            strategy,
                            order,
                        )
                    scores = [h.score for h in everything.hits]
                    if order == "rank":
                        assert scores == sorted(scores, reverse=True)


def test_hits_are_made_when_read_from_any_thread(speech_index, speech_doc: Document) -> None:
    """A search's HitList builds a hit on first reading; it reads like a list on another thread."""
    import threading

    result = speech_index.search("的", limit=None)
    hits = result.hits
    assert len(hits) == result.total > 50
    got: list = []
    worker = threading.Thread(target=lambda: got.extend(hits))
    worker.start()
    worker.join()
    assert got == list(hits) == hits  # the same Hit objects each time, equal to a list of them
    assert hits[-1] == got[-1] and hits[-3:] == got[-3:]
    with pytest.raises(IndexError):
        hits[len(hits)]
    for h in got:
        para = speech_doc.paragraphs[h.paragraph_index]
        assert (h.snippet, h.snippet_start, h.snippet_end) == make_snippet(
            para.text, h.start - para.start, h.end - para.start
        )
        assert normalize(speech_doc.text[h.start : h.end]) == "的"


# -- hits ----------------------------------------------------------------------


def test_hit_fields(speech_index) -> None:
    doc = speech_index.document
    r = speech_index.search("中心工作", limit=None, order="document")
    assert r.total == CENTRAL_WORK_HITS == len(ref_find_all_doc(doc, "中心工作")) and r.elapsed_ms >= 0
    hidden = hidden_hits(doc, ref_find_all(doc.text, "中心工作"))  # the title repeated after the byline
    assert len(hidden) == 1 and not set(hidden) & set(spans(r))
    assert not doc.hidden_paragraphs() & {h.paragraph_index for h in r.hits}
    for h in r.hits:
        assert doc.text[h.start : h.end] == "中心工作"
        assert doc.paragraph_at(h.start).index == h.paragraph_index
        assert h.section == " › ".join(s.title for s in doc.section_path(h.start))
        assert h.snippet[h.snippet_start : h.snippet_end] == "中心工作"
        assert "\n" not in h.snippet and len(h.snippet) <= 2 * 30 + len("中心工作") + 2
        assert h.score > 0
    assert any(" › " in h.section for h in r.hits)


def test_snippet_is_cut_at_sentence_marks() -> None:
    text = "第一句说了一些话。第二句讲中心工作在这里，继续说了很多很多的话。第三句又是别的"
    start = text.index("中心工作")
    snippet, a, b = make_snippet(text, start, start + 4)
    assert snippet == "第二句讲中心工作在这里，继续说了很多很多的话。"
    assert snippet[a:b] == "中心工作"
    long = "甲" * 50 + "中心" + "乙" * 50
    snippet, a, b = make_snippet(long, 50, 52)
    assert snippet == "…" + "甲" * 30 + "中心" + "乙" * 30 + "…"
    assert (a, b) == (31, 33)


def test_paragraph_sections_match_section_path(indexes) -> None:
    from desktop_app.search.engine import paragraph_sections

    for index in indexes.values():
        doc = index.document
        titles = paragraph_sections(doc)
        for para in doc.paragraphs:
            assert titles[para.index] == " › ".join(s.title for s in doc.section_path(para.start))


def test_a_damaged_index_found_while_searching_falls_back_to_the_scan(tmp_path: Path, speech_doc) -> None:
    index = SearchIndex.open(speech_doc, cache_dir=tmp_path, words=False)

    def broken(pq):
        raise OSError("simulated: a segment file went away")

    index._index_candidates = broken  # type: ignore[method-assign]
    r = index.search("中心工作", limit=None, order="document", strategy="index")
    assert spans(r) == ref_find_all_doc(speech_doc, "中心工作")
    index.close()
    assert index.search("中心工作", limit=None).total == CENTRAL_WORK_HITS  # closed: the scan still answers


def test_empty_document(tmp_path: Path) -> None:
    index = SearchIndex.open(Document.from_paragraphs([]), cache_dir=tmp_path)
    assert index.search("中心").total == 0
    index.close()
