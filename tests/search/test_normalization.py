"""Normalisation and find_all: width, case, spaces inside Chinese, invisible characters, offsets."""

from __future__ import annotations

import random
import unicodedata

import pytest

from desktop_app.search import NormalizedText, find_all, normalize
from desktop_app.search.normalization import _CJK_RANGES, _norm_char
from tests.search.conftest import DOC_NAMES, doc_named
from tests.search.reference import ref_find_all, ref_normalize


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("第一条经验，主动", "第一条经验,主动在全市", [(0, 8)]),  # full-width comma finds half-width
        ("第一条经验,主动", "第一条经验，主动在全市", [(0, 8)]),
        ("ＡＢＣ", "abc ABC ａｂｃ", [(0, 3), (4, 7), (8, 11)]),
        ("abc", "ＡＢＣ", [(0, 3)]),
        ("（一）", "(一)要", [(0, 3)]),
        ("举办6场", "已举办 6 场。", [(1, 7)]),  # spaces inside Chinese are not seen
        ("举办 6 场", "已举办6场。", [(1, 5)]),
        ("中心工作", "中心\u3000工作", [(0, 5)]),  # ideographic space
        ("xi jinping", "Xi  Jinping", [(0, 11)]),  # a space between Latin words stays (one)
        ("xijinping", "Xi Jinping", []),
        ("中心", "中\u200b心", [(0, 3)]),  # zero-width space
        ("...", "等等…", [(2, 3)]),  # … is three dots
        ("…", "等等...", [(2, 5)]),
        ("1", "①②", [(0, 1)]),
        ("straße", "STRASSE", [(0, 7)]),
    ],
)
def test_width_case_space_variants(query: str, text: str, expected: list[tuple[int, int]]) -> None:
    assert find_all(text, query) == expected
    assert ref_find_all(text, query) == expected


def test_offsets_map_back_to_the_original_text() -> None:
    text = "ＡＢ　Ｃ，第 一\u200b条…经验\nXi  Jinping，ｘｉ"
    nt = NormalizedText(text)
    assert nt.norm == ref_normalize(text)
    for q in ["ab", "c,第", "第一条", "条...经", "...", ".", "xi jinping,xi", "验\n"]:
        for a, b in nt.find_all(q):
            assert normalize(text[a:b]).startswith(normalize(q)[:1])
            assert normalize(q).replace("\n", "") in normalize(text[a:b])


def test_paragraph_boundary_is_never_crossed() -> None:
    assert find_all("中心\n工作", "中心工作") == []
    assert find_all("中心 \n 工作", "中心 工作") == []


def test_cjk_ideographs_are_their_own_normal_form() -> None:
    """The fast path skips CJK ideographs: check once that none of them changes."""
    ranges = _CJK_RANGES.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
    spans = []
    i = 0
    while i < len(ranges):
        spans.append((ranges[i], ranges[i + 2]))
        i += 3
    changed = [
        hex(cp) for lo, hi in spans for cp in range(ord(lo), ord(hi) + 1) if _norm_char(chr(cp)) != chr(cp)
    ]
    assert changed == []
    assert all(unicodedata.category(chr(cp)) == "Lo" for cp in (0x4E00, 0x9FA5, 0x3400))


ALPHABET = (
    "中心工作市集力党建的，。,.；;（）()“”\"'ＡａAaBbＺz019０９①㈠…⋯—- \u3000\t\u00a0\u200b\ufeffßİﬁ㎡\u0301e"
)


def test_find_all_agrees_with_the_reference_on_random_texts() -> None:
    rnd = random.Random(11)
    for _ in range(400):
        text = "".join(rnd.choice(ALPHABET + "\n") for _ in range(rnd.randint(0, 60)))
        nt = NormalizedText(text)
        assert nt.norm == ref_normalize(text), repr(text)
        for _ in range(8):
            if rnd.random() < 0.5 and text:
                i = rnd.randrange(len(text))
                q = text[i : i + rnd.randint(1, 6)]
            else:
                q = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, 4)))
            assert nt.find_all(q) == ref_find_all(text, q), (text, q)
            assert nt.count(q) == len(ref_find_all(text, q))


@pytest.mark.parametrize("name", DOC_NAMES)
def test_find_all_agrees_with_the_reference_on_real_documents(name: str) -> None:
    text = doc_named(name).text
    nt = NormalizedText(text)
    assert nt.norm == ref_normalize(text)
    rnd = random.Random(name)
    for _ in range(60):
        i = rnd.randrange(len(text))
        q = text[i : i + rnd.randint(1, 12)]
        assert nt.find_all(q) == ref_find_all(text, q), q


@pytest.mark.parametrize("name", DOC_NAMES)
def test_find_all_is_a_substring_scan_where_nothing_needs_normalising(name: str) -> None:
    """For a query of characters no other character normalises to, the hits are str.find's."""
    text = doc_named(name).text
    variant_targets = {normalize(c) for c in set(text) if normalize(c) != c}
    rnd = random.Random(name + "scan")
    checked = 0
    while checked < 60:
        i = rnd.randrange(len(text))
        q = text[i : i + rnd.randint(1, 12)]
        if "\n" in q or q != q.strip() or any(c in variant_targets or normalize(c) != c for c in q):
            continue
        if any(c.isspace() for c in q):
            continue
        expected, k = [], text.find(q)
        while k >= 0:
            expected.append((k, k + len(q)))
            k = text.find(q, k + len(q))
        assert find_all(text, q) == expected, q
        checked += 1


def test_normalised_text_is_cached_for_the_same_string() -> None:
    from desktop_app.search.normalization import normalized

    text = "中心工作" * 1000
    assert normalized(text) is normalized(text)


def test_empty_query_and_text() -> None:
    assert find_all("", "中心") == []
    assert find_all("中心", "") == []
    assert find_all("中心", " \u200b ") == []
