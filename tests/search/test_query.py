"""The query language: AND, "phrase", OR, -exclusion, and malformed queries (never raise)."""

from __future__ import annotations

import pytest

from desktop_app.core import messages
from desktop_app.search import parse_query


def test_plain_text_is_one_term() -> None:
    pq = parse_query("中心工作")
    assert pq.groups == [["中心工作"]] and pq.plain and not pq.notice


def test_terms_separated_by_spaces_must_all_occur() -> None:
    pq = parse_query("机关  党建\u3000中心")
    assert pq.groups == [["机关"], ["党建"], ["中心"]] and not pq.plain


def test_quoted_phrase_may_hold_spaces_and_is_normalised() -> None:
    assert parse_query('"中心 工作"').groups == [["中心工作"]]
    assert parse_query('"Xi  Jinping" 讲话').groups == [["xi jinping"], ["讲话"]]
    assert parse_query('"中心 工作"').plain


def test_or_binds_tighter_than_and() -> None:
    pq = parse_query("机关 中心 OR 群众 OR 基层")
    assert pq.groups == [["机关"], ["中心", "群众", "基层"]]
    assert not pq.plain and not pq.notice
    assert parse_query("中心 or 群众").groups == [["中心"], ["or"], ["群众"]]  # lower case: a word


def test_exclusion() -> None:
    pq = parse_query('中心 -工作 -"市 政务"')
    assert pq.groups == [["中心"]] and pq.excluded == ["工作", "市政务"] and not pq.plain
    assert parse_query("2023-06").groups == [["2023-06"]]  # a dash inside a term is text


def test_width_and_case_in_queries() -> None:
    assert parse_query("第一条经验，主动").groups == [["第一条经验,主动"]]
    assert parse_query("ＡＢＣ").groups == [["abc"]]


def test_chinese_quotes_and_full_width_dash_are_text() -> None:
    assert parse_query("“机关党建").groups == [["“机关党建"]]
    assert parse_query("－中心").groups == [["-中心"]]


@pytest.mark.parametrize(
    ("query", "groups", "excluded", "notice_word"),
    [
        ("", [], [], "请输入"),
        ("   ", [], [], "请输入"),
        ('"中心 工作', [["中心工作"]], [], "引号"),
        ('中心 "工作', [["中心"], ["工作"]], [], "引号"),
        ('"', [['"']], [], "原文"),
        ('""', [['""']], [], "原文"),
        ("OR", [["or"]], [], "原文"),
        ("OR OR", [["or or"]], [], "原文"),
        ("中心 OR", [["中心"]], [], "OR"),
        ("OR 中心", [["中心"]], [], "OR"),
        ("中心 OR OR 工作", [["中心"], ["工作"]], [], "OR"),
        ("中心 OR -工作", [["中心"]], ["工作"], "OR"),
        ("-中心", [], ["中心"], "排除"),
        ("-", [["-"]], [], ""),
        ("，。", [[",。"]], [], ""),
        ("!!!", [["!!!"]], [], ""),
        ("\u200b", [], [], "没有可以查找"),
    ],
)
def test_malformed_queries_never_raise(query: str, groups: list, excluded: list, notice_word: str) -> None:
    pq = parse_query(query)
    assert pq.groups == groups
    assert pq.excluded == excluded
    if notice_word:
        assert notice_word in pq.notice
    else:
        assert pq.notice == ""


def test_notices_follow_the_language() -> None:
    messages.set_language("en")
    assert "quote" in parse_query('"abc').notice
    messages.set_language("zh")
    assert "引号" in parse_query('"abc').notice


def test_duplicate_terms_are_merged() -> None:
    pq = parse_query("中心 OR 中心 工作")
    assert pq.groups == [["中心"], ["工作"]]
    assert pq.terms == ["中心", "工作"]
