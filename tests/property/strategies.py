"""Hypothesis strategies shared by the property tests: Chinese office texts, hostile strings, notes."""

from __future__ import annotations

import functools

from hypothesis import strategies as st

from tests.conftest import CORPUS, SPEECH


@functools.cache
def corpus_text() -> str:
    """The speech and the corpus, as one string (the real distribution of characters)."""
    parts = [SPEECH.read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    return "\n".join(parts)


@functools.cache
def corpus_chars() -> list[str]:
    """Every character the real documents use, except line breaks (sorted, so derandomised runs agree)."""
    return sorted({c for c in corpus_text() if c not in "\n\r"})


@functools.cache
def corpus_lines() -> list[str]:
    """The non-empty lines of the real documents: headings, bylines, body paragraphs."""
    return [line.strip() for line in corpus_text().split("\n") if line.strip()]


# Characters an office text holds: the corpus' own (CJK, full-width punctuation, digits, Latin).
CHINESE = st.sampled_from(corpus_chars())
# Headings and list numbering, so structure detection meets its conventions often.
NUMBERING = st.sampled_from(
    ["第一章", "第二章", "第一节", "第一条 ", "第二条 ", "第三条 ", "一、", "二、", "三、", "十、", "（一）",
     "（二）", "(三)", "1.", "2．", "3、", "（1）", "(2)", "一要", "二要", "一是", "二是", "第一条经验",
     "第二个方面", "序言", "总则", "附则", "第一编", "第一部分", "第二十三条"]
)  # fmt: skip


def _paragraph() -> st.SearchStrategy[str]:
    body = st.text(CHINESE, min_size=1, max_size=80)
    return st.one_of(
        body,
        st.builds(lambda n, b: n + b, NUMBERING, st.text(CHINESE, max_size=70)),
        NUMBERING,
        st.sampled_from(corpus_lines()),
    )


PARAGRAPHS = st.lists(_paragraph(), min_size=1, max_size=40)


# Any Unicode except lone surrogates (no file or database can hold one: issue 11 point 5 is about
# them), with the hostile kinds over-represented: C0/C1 controls,
# bidirectional marks and isolates, zero-width and BOM, emoji (with ZWJ and variation selectors),
# non-BMP CJK, combining marks, and markup/formula starters.
HOSTILE_PIECES = st.one_of(
    st.characters(blacklist_categories=("Cs",)),
    st.sampled_from([chr(c) for c in range(0x20)] + [chr(c) for c in range(0x7F, 0xA0)]),
    st.sampled_from(list("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c")),
    st.sampled_from(list("\u200b\u200c\u200d\ufeff\u2028\u2029\ufffe\uffff\ufffd")),
    st.sampled_from(["😀", "👨\u200d👩\u200d👧", "❤\ufe0f", "🇨🇳", "𠀀", "𪚥", "é", "a\u0301", "\U0010fffd"]),
    st.sampled_from(list("=+-@\t\r\n<>&\"'`*_#[](){}|\\")),
    CHINESE,
)
HOSTILE_TEXT = st.lists(HOSTILE_PIECES, max_size=60).map("".join)
# Sometimes very long (a note of up to ~24,000 characters).
LONG_HOSTILE_TEXT = st.one_of(
    HOSTILE_TEXT,
    st.builds(
        lambda s, n: s * n,
        st.lists(HOSTILE_PIECES, min_size=1, max_size=12).map("".join),
        st.integers(200, 2000),
    ),
)
