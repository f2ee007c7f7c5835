"""Half-width punctuation in Chinese text shown full-width, character for character."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.loader import load_document
from desktop_app.core.punctuation import HALF_TO_FULL, to_display, to_plain

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
FULL = {**HALF_TO_FULL, '"': "“”"}  # what each half-width mark may become


# --- the speech and the corpus --------------------------------------------------------------
def test_the_speech_reads_with_full_width_marks(speech_path: Path) -> None:
    text = load_document(speech_path).text
    shown = to_display(text)
    assert len(shown) == len(text)
    assert "第一条经验，主动在全市中心工作中找准定位" not in text  # the source has ","
    assert "第一条经验，主动在全市中心工作中找准定位" in shown
    assert "系列现场会（第七场）上的讲话" in shown
    assert "各部门既要对“国之大者”心中有数；又要结合部门职责任务" in shown
    assert "发表重要讲话；5 月 13 日" in shown
    assert "各单位党组（党委）、机关" in shown
    # numbers, dates and times keep their marks
    assert "2023-06-14 20:09:45" in shown
    assert "满意度达 91.31%。" in shown
    # no half-width , ; : ( ) left next to a Chinese character
    assert not re.search(r"[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]", shown)
    assert to_plain(shown) == to_plain(text)


def test_corpus_numbering_and_colons() -> None:
    kouan = to_display(load_document(CORPUS / "09_kouan_kaifang_guiding_1985.txt").text)
    assert "（一） 以下为一" in kouan
    assert "开放计划（草案），于" in kouan
    assert "(" not in kouan and ")" not in kouan
    law = to_display(load_document(CORPUS / "08_paimaifa_2015.txt").text)
    assert "应当具备下列条件：" in law
    assert "《关于修改<中华人民共和国拍卖法>的决定》" in law  # < > are not touched


# --- the rules, case by case ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("第一条经验,主动在全市", "第一条经验，主动在全市"),
        ("有何经验?值得学习!", "有何经验？值得学习！"),
        ("时间:10:30", "时间：10:30"),  # the colon after 时间, not the clock's
        ("增长 5%,其中", "增长 5%，其中"),  # after a number, before Chinese
        ("讲话;5 月", "讲话；5 月"),  # after Chinese, before a number
        ("达 6 场 , 与", "达 6 场 ， 与"),  # across spaces; the spaces stay
        ("真的吗?!", "真的吗？！"),  # a run of marks converts together
        ("网址:http://www.gov.cn/a?b=1,2", "网址：http://www.gov.cn/a?b=1,2"),
        ("北京,Beijing", "北京，Beijing"),
    ],
)
def test_single_marks_in_chinese_context(text: str, shown: str) -> None:
    assert to_display(text) == shown


@pytest.mark.parametrize(
    "text",
    [
        "5.12 1,000 A, B 10:30",
        "http://example.com:8080/a?b=1;c=2",
        "Hello, world! Really? Yes: fine; ok.",
        "第1,2,3条",  # between digits
        "比分 3:1 结束",
        "1,000元",
    ],
)
def test_marks_between_latin_or_digits_stay(text: str) -> None:
    assert to_display(text) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("现场会(第七场)上", "现场会（第七场）上"),
        ("GDP(国内生产总值)", "GDP（国内生产总值）"),
        ("(1) 以下各项", "（1） 以下各项"),  # numbering in a Chinese paragraph
        ("见图(a)", "见图（a）"),
        ("附件(Annex A)。", "附件（Annex A）。"),  # "(" after Chinese whose ")" follows Latin
        ("(中f(x))", "（中f(x)）"),  # nested: the outer pair holds Chinese, f(x) stays
        ("第(一)项(见(二))", "第（一）项（见（二））"),
        ("中文 1) 第一", "中文 1） 第一"),  # a paren without its partner, in Chinese context
    ],
)
def test_parentheses_convert_as_pairs(text: str, shown: str) -> None:
    assert to_display(text) == shown


@pytest.mark.parametrize(
    "text", ["f(x)函数", "调用 print(x) 时", "(a) Section one", "函数 g(1)", "(1)", "中文\n(1)\n(a) b"]
)
def test_parentheses_in_latin_context_stay(text: str) -> None:
    # "(1)" alone in a paragraph: both sides are the paragraph's edges, nothing Chinese
    assert to_display(text) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('他说"你好"就走了', "他说“你好”就走了"),
        ('他说"hello"就走了', "他说“hello”就走了"),  # Chinese around the pair
        ('"一"和"二"', "“一”和“二”"),
        ('a "b" c "中"', 'a "b" c “中”'),  # pairs decide one by one
        ('他说"你好,', '他说"你好，'),  # an odd count: the quote stays, the comma converts
        ('"a" and "b"', '"a" and "b"'),
        # pairs never span paragraphs: one quote in the first, a Latin pair in the second
        ('中"文\n"b"', '中"文\n"b"'),
    ],
)
def test_quotes_only_in_reliable_pairs(text: str, shown: str) -> None:
    assert to_display(text) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("结束了.", "结束了。"),
        ("结束了.  \n下一段", "结束了。  \n下一段"),
        ("“好.”", "“好。”"),
        ("（见附件）.", "（见附件）。"),
        ("卡尔.马克思", "卡尔.马克思"),  # a name dot as often as a sentence end: left
        ("等等...", "等等..."),
        ("增长 5.", "增长 5."),
        ("版本 v1.2 发布", "版本 v1.2 发布"),
        ("一.总则", "一.总则"),
    ],
)
def test_periods_only_where_unambiguous(text: str, shown: str) -> None:
    assert to_display(text) == shown


def test_full_width_marks_are_never_made_half_width() -> None:
    text = "中文，英文,（一）“引号”。English，text."
    shown = to_display(text)
    assert shown == "中文，英文，（一）“引号”。English，text."


# --- properties -----------------------------------------------------------------------------
ALPHABET = st.sampled_from(
    [*"中文字经验", *',;:!?()".', *"，；：！？（）“”。", *"ab1 \n\t", "\u3000", "《", "》"]
)
TEXTS = st.text(ALPHABET, max_size=60)


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_same_length_and_only_marks_change(text: str) -> None:
    shown = to_display(text)
    assert len(shown) == len(text)
    for before, after in zip(text, shown, strict=True):
        if before != after:
            assert before in FULL, (before, after)
            assert after in FULL[before], (before, after)


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_idempotent(text: str) -> None:
    once = to_display(text)
    assert to_display(once) == once


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list(',;:!?()".') + list("abXY19 \n%/-")), max_size=60))
def test_text_without_chinese_is_untouched(text: str) -> None:
    assert to_display(text) == text


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("中文，。") + list("abc123 ")), max_size=40), st.sampled_from(",;:!?"))
def test_a_mark_between_chinese_characters_converts(text: str, mark: str) -> None:
    shown = to_display(f"{text}中{mark}文{text}")
    assert shown[len(text) + 1] == HALF_TO_FULL[mark]


# --- cost -----------------------------------------------------------------------------------
def test_ten_megabytes_in_well_under_a_second(speech_path: Path) -> None:
    text = load_document(speech_path).text
    data = "\n".join([text] * (10_000_000 // len(text.encode()) + 1)).encode()[:10_000_000]
    big = data.decode("utf-8", errors="ignore")  # 10 MB of UTF-8, about 3.5 million characters
    t0 = time.perf_counter()
    shown = to_display(big)
    elapsed = time.perf_counter() - t0
    assert len(shown) == len(big)
    assert elapsed < 1.0  # about 0.12 s here; generous for slow CI machines


def test_only_the_patterns_a_text_needs_are_compiled() -> None:
    """Each pattern costs 1.5-2.5 ms to compile: the window's title before the first paint
    (the speech's holds one pair of parentheses) must not pay for all nine."""
    from desktop_app.core import punctuation

    punctuation._pattern.cache_clear()
    title = "推进机关党建与全市中心工作深度融合——在市直机关“机关党建高质量发展”系列现场会(第七场)上的讲话"
    assert to_display(title).endswith("系列现场会（第七场）上的讲话")
    assert punctuation._pattern.cache_info().currsize == 1
    assert to_display("第一,第二;然后.") == "第一，第二；然后。"
    assert punctuation._pattern.cache_info().currsize == 4  # (), ",", ";", "."
