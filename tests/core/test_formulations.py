"""Key formulations (core/formulations.py) on the speech, against a list made by reading it,
and the boundaries of numbered ones."""

from __future__ import annotations

import pytest

from desktop_app.core.formulations import NUMBERED, QUOTED, formulations, numbered_terms
from desktop_app.core.loader import load_document
from tests.conftest import CORPUS, SPEECH

# Every phrase the speech puts in “…”, and how many times it is quoted (read off the text;
# “人” and “事” are emphasis of one character, not formulations).
SPEECH_QUOTED = {
    "四个服务": 5, "机关党建高质量发展": 4, "四个中心": 4, "六个引领工作法": 3, "接诉即办": 2,
    "垃圾分类": 2, "双报到": 2, "两个维护": 2, "首席联络官": 1, "项目化推进": 1, "靠什么融": 1,
    "零距离": 1, "连心桥": 1, "跳出机关党建看机关党建": 1, "要围绕中心抓党建、抓好党建促业务": 1,
    "融什么": 1, "百花齐放": 1, "用心用情": 1, "清风政务": 1, "每月一题": 1,
    "机关接地气、干部走基层": 1, "服务群众": 1, "最后一公里": 1, "政务青年": 1, "改革局": 1,
    "支部书记挂帅": 1, "推进机关党建与全市中心工作深度融合": 1, "推进机关党建与中心工作深度融合": 1,
    "探针": 1, "挂图式作战": 1, "把开展主题教育同做好全市中心工作结合起来": 1, "总窗口": 1,
    "总前台": 1, "怎么融": 1, "引领队伍建设、引领服务群众": 1, "建设队伍": 1, "平台局": 1,
    "工作法": 1, "大局意识": 1, "国之大者": 1, "围绕中心、建设队伍、服务群众": 1, "围绕中心": 1,
    "吹哨报到": 1, "主动服务": 1, "三步走": 1, "三会一课": 1,
}  # fmt: skip
# all occurrences, quoted or not (counted with grep on the file)
SPEECH_TOTALS = {"接诉即办": 3, "四个服务": 5, "服务群众": 6, "围绕中心": 5, "工作法": 4, "建设队伍": 3,
                 "两个维护": 2, "机关党建高质量发展": 5}  # fmt: skip


def test_every_quoted_formulation_of_the_speech_with_its_counts() -> None:
    doc = load_document(SPEECH)
    found = {f.term: f for f in formulations(doc.text)}
    quoted = {t: f.quoted for t, f in found.items() if f.kind == QUOTED}
    assert quoted == SPEECH_QUOTED
    for term, total in SPEECH_TOTALS.items():
        f = found[term]
        assert f.count == total == len(f.offsets)
        assert all(doc.text[o : o + len(term)] == term for o in f.offsets)
    counts = [f.count for f in found.values()]
    assert list(found) and counts == sorted(counts, reverse=True)  # the most frequent first


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("要做到四个服务，落实两个确立，坚决做到两个维护。", {"四个服务", "两个确立", "两个维护"}),
        (
            "坚持三会一课制度，开展两学一做学习教育，统筹推进五位一体总体布局。",
            {"三会一课", "两学一做", "五位一体"},
        ),
        ("用了三个月时间，两个人一组，走访了五个部门。", set()),  # time, people, things
        ("第一条经验，第二条经验。", set()),  # ordinals
        ("党的十八大以来，一个追求真理的人，九百六十万平方公里，一九四九年。", set()),
    ],
)
def test_numbered_formulations_and_their_boundaries(text: str, expected: set[str]) -> None:
    assert numbered_terms(text) == expected


def test_with_jieba_a_modifier_joins_the_name() -> None:
    from desktop_app.search.keyterms import segment

    text = "坚持四项基本原则，落实中央八项规定精神，拓展两个市场两种资源。"
    assert numbered_terms(text, segment) == {"四项基本原则", "八项规定", "两个市场", "两种资源"}


def test_the_report_and_the_constitution() -> None:
    from desktop_app.search.keyterms import segment

    report = load_document(CORPUS / "03_ershida_baogao_2022.txt").text
    found = {f.term: f for f in formulations(report, segment)}
    for term in ("一国两制", "一带一路", "四个意识", "五位一体", "十个明确", "九二共识"):
        assert found[term].kind == QUOTED, term
    assert found["八项规定"].kind == NUMBERED and found["八项规定"].count == report.count("八项规定")
    law = load_document(CORPUS / "06_xianfa.txt").text
    assert {f.term for f in formulations(law, segment) if f.kind == NUMBERED} == {"五项原则"}


def test_a_numeral_inside_a_word_is_not_a_paired_formulation() -> None:
    from desktop_app.search.keyterms import segment

    text = "推动长三角一体化发展，坚持三会一课制度。"
    assert numbered_terms(text, segment) == {"三会一课"}
