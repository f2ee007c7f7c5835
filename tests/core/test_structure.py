"""Section tree detection: the speech, four real documents, unit cases, a 5 MB text."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from desktop_app.core.document import Document, Section
from desktop_app.core.loader import paragraphs_from_text
from desktop_app.core.numerals import parse_chinese_number
from desktop_app.core.structure import detect_document_sections, detect_sections

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = DATA / "corpus"
EXPECTED = DATA / "expected"
SPEECH = Path(__file__).resolve().parents[2] / "resources" / "speech.txt"

# The document head (title, byline, date, speaker) of each file, as the metadata module would report it.
HEADS = {
    "03_ershida_baogao_2022": {0, 1, 2, 3, 4},
    "06_xianfa": set(range(8)),
    "08_paimaifa_2015": {0, 1, 2, 3},
    "09_kouan_kaifang_guiding_1985": {0, 1, 2},
}
SPLIT_HEADING = "（二）坚持不懈用新时代中国特色社会主义思想凝心铸魂"  # joined across two paragraphs in 03

SPEECH_TREE = [
    (1, "第一条经验,主动在全市中心工作中找准定位"),
    (1, "第二条经验,打造与中心工作相匹配的干部队伍"),
    (1, "第三条经验,用群众的获得感和满意度检验工作成效"),
    (1, "一、深刻认识机关党建与中心工作融合的重要意义"),
    (1, "二、找准机关党建与中心工作融合的有效路径"),
    (2, "一要第一时间响应"),
    (2, "二要聚焦关键任务"),
    (2, "三要提升素质能力"),
    (2, "四要注重走出机关"),
    (1, "三、把推进机关党建与中心工作融合落到实处"),
    (2, "一是踩准点"),
    (2, "二是发好力"),
    (2, "三是抓队伍"),
]


def load(path: Path) -> Document:
    return Document.from_paragraphs(paragraphs_from_text(path.read_text(encoding="utf-8")))


def doc_of(*paragraphs: str) -> Document:
    return Document.from_paragraphs(list(paragraphs))


def tree(sections: list[Section]) -> list[tuple[int, str]]:
    return [(s.level, s.title) for s in sections]


def assert_heading_at(doc: Document, s: Section) -> None:
    """The title is the text at ``s.start``: cut titles their beginning, joined ones across a line end."""
    title = s.title[:-1] if s.title.endswith("…") else s.title
    if doc.text[s.start : s.start + len(title)] == title:
        return
    raw = doc.text[s.start : s.start + len(title) + 1]
    assert "\n" in raw and raw.replace("\n", "").replace(" ", "") == title.replace(" ", "")


def check_consistent(doc: Document, sections: list[Section]) -> None:
    """Offsets point at the headings, levels step down one at a time, ends nest."""
    n = len(doc.text)
    for i, s in enumerate(sections):
        para = doc.paragraphs[s.paragraph_index]
        assert s.start == para.start
        assert_heading_at(doc, s)
        assert s.start < s.end <= n
        assert s.level >= 1
        if i == 0:
            assert s.level == 1
        else:
            assert sections[i - 1].start < s.start
            assert s.level <= sections[i - 1].level + 1
        following = [t for t in sections[i + 1 :] if t.level <= s.level]
        assert s.end == (following[0].start if following else n)
        # every heading inside the section is deeper and ends inside it
        for t in sections[i + 1 :]:
            if t.start >= s.end:
                break
            assert t.level > s.level and t.end <= s.end


# ---------------------------------------------------------------- the speech


def test_speech_tree_exactly() -> None:
    doc = load(SPEECH)
    sections = detect_document_sections(doc, skip={0, 1, 2, 3})
    assert tree(sections) == SPEECH_TREE
    check_consistent(doc, sections)
    kinds = [s.kind for s in sections]
    assert kinds == ["lead"] * 3 + ["cn_dun"] * 2 + ["item_yao"] * 4 + ["cn_dun"] + ["item_shi"] * 3
    assert [s.run_in for s in sections] == [False] * 5 + [True] * 4 + [False] + [True] * 3


def test_speech_head_gives_no_heading_even_without_skip() -> None:
    doc = load(SPEECH)
    assert tree(detect_document_sections(doc)) == SPEECH_TREE
    assert tree(detect_sections(doc.paragraphs, len(doc.text))) == SPEECH_TREE


def test_speech_sections_cover_their_text() -> None:
    doc = load(SPEECH)
    sections = detect_document_sections(doc, skip={0, 1, 2, 3})
    second = sections[4]
    assert second.title.startswith("二、")
    body = doc.text[second.start : second.end]
    assert "一要第一时间响应" in body and "四要注重走出机关" in body and "三、把推进" not in body
    assert sections[9].end == len(doc.text)  # 三、 runs to the end of the text
    assert sections[10].end == sections[11].start == doc.paragraphs[30].start
    # section_path of the Document model works with the detected tree
    doc.sections = sections
    offset = doc.text.index("夯实融合的基础")
    assert [s.title for s in doc.section_path(offset)] == [
        "三、把推进机关党建与中心工作融合落到实处",
        "三是抓队伍",
    ]


# ---------------------------------------------------------------- real documents


@pytest.mark.parametrize("name", sorted(HEADS))
def test_corpus_document_matches_expected_tree(name: str) -> None:
    doc = load(CORPUS / f"{name}.txt")
    expected = [(e["level"], e["title"]) for e in json.loads((EXPECTED / f"{name}.json").read_text("utf-8"))]
    sections = detect_document_sections(doc, skip=HEADS[name])
    assert tree(sections) == expected
    check_consistent(doc, sections)
    # the head lines would not have produced headings anyway
    assert tree(detect_document_sections(doc)) == expected


def test_congress_report_structure() -> None:
    doc = load(CORPUS / "03_ershida_baogao_2022.txt")
    sections = detect_document_sections(doc, skip=HEADS["03_ershida_baogao_2022"])
    assert Counter((s.level, s.kind) for s in sections) == {(1, "cn_dun"): 15, (2, "cn_paren"): 41}
    top = [s for s in sections if s.level == 1]
    assert [s.title.split("、")[0] for s in top] == [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
    ]  # fmt: skip
    children = [sum(1 for t in sections if t.level == 2 and s.start < t.start < s.end) for s in top]
    assert children == [0, 0, 0, 5, 4, 4, 4, 5, 4, 4, 4, 0, 0, 0, 7]
    for s in sections:
        para = doc.paragraphs[s.paragraph_index].text
        assert not para.startswith(("——", "同志们"))
        assert "。" not in s.title
    assert sections[4].title == "（一）构建高水平社会主义市场经济体制" and sections[4].run_in
    assert SPLIT_HEADING in [s.title for s in sections]


@pytest.mark.parametrize(
    ("name", "chapters", "sections_", "articles"),
    [("06_xianfa", 4, 8, 143), ("08_paimaifa_2015", 6, 8, 68)],
)
def test_law_structure(name: str, chapters: int, sections_: int, articles: int) -> None:
    doc = load(CORPUS / f"{name}.txt")
    found = detect_document_sections(doc, skip=HEADS[name])
    kinds = Counter(s.kind for s in found)
    assert kinds["chapter"] == chapters and kinds["section"] == sections_ and kinds["article"] == articles
    assert set(kinds) <= {"preface", "chapter", "section", "article"}  # （一） items are not headings
    arts = [s for s in found if s.kind == "article"]
    assert [parse_chinese_number(s.title[1:-1]) for s in arts] == list(range(1, articles + 1))
    assert all(s.run_in for s in arts)
    for s in found:
        if s.kind == "section":
            assert s.level == 2
        if s.kind == "chapter":
            assert s.level == 1


def test_constitution_preface_and_articles_under_sections() -> None:
    doc = load(CORPUS / "06_xianfa.txt")
    found = detect_document_sections(doc, skip=HEADS["06_xianfa"])
    assert tree(found[:3]) == [(1, "序言"), (1, "第一章 总纲"), (2, "第一条")]
    assert found[0].kind == "preface" and found[0].end == found[1].start
    art57 = next(s for s in found if s.title == "第五十七条")
    assert art57.level == 3
    art141 = next(s for s in found if s.title == "第一百四十一条")
    assert art141.level == 2 and doc.text[art141.start :].startswith("第一百四十一条 ")


def test_port_regulation_is_flat_enough() -> None:
    doc = load(CORPUS / "09_kouan_kaifang_guiding_1985.txt")
    found = detect_document_sections(doc, skip=HEADS["09_kouan_kaifang_guiding_1985"])
    assert max(s.level for s in found) <= 2
    clauses = [s for s in found if s.level == 1]
    assert len(clauses) == 12 and all(s.kind == "cn_dun" for s in clauses)
    assert [parse_chinese_number(s.title.split("、")[0]) for s in clauses] == list(range(1, 13))
    assert all(len(s.title) <= 40 for s in found)
    assert not any(s.kind == "num_dot" for s in found)  # 1． items never become headings


# ---------------------------------------------------------------- unit cases


@pytest.mark.parametrize("prefix", ["（一）", "(一)", "（ 一 ）", "(一) "])
def test_chinese_parenthesis_full_and_half_width(prefix: str) -> None:
    second = prefix.replace("一", "二")
    doc = doc_of(f"{prefix}总体要求", "正文。", f"{second}主要任务", "正文。")
    found = detect_document_sections(doc)
    assert tree(found) == [(1, f"{prefix}总体要求"), (1, f"{second}主要任务")]
    assert {s.kind for s in found} == {"cn_paren"}


@pytest.mark.parametrize("sep", [".", "．", "、"])
def test_arabic_numbers_with_any_separator(sep: str) -> None:
    doc = doc_of("一、总体要求", f"1{sep}指导思想", "正文。", f"2{sep}基本原则", "正文。", "二、重点任务")
    found = detect_document_sections(doc)
    assert tree(found) == [
        (1, "一、总体要求"),
        (2, f"1{sep}指导思想"),
        (2, f"2{sep}基本原则"),
        (1, "二、重点任务"),
    ]
    assert found[1].kind == "num_dot"


def test_arabic_parenthesis_and_decimal_numbers() -> None:
    doc = doc_of("(1)第一项", "1.5亿元的投入到位。", "（2）第二项", "2.3%的增长。")
    assert tree(detect_document_sections(doc)) == [(1, "(1)第一项"), (1, "（2）第二项")]


def test_levels_follow_the_document_starting_at_paren() -> None:
    doc = doc_of(
        "（一）总体要求", "正文。", "1．指导思想", "正文。", "2．基本原则", "正文。",
        "（二）主要任务", "（1）第一小项", "正文。", "（2）第二小项", "正文。", "（三）保障措施", "正文。",
    )  # fmt: skip
    assert tree(detect_document_sections(doc)) == [
        (1, "（一）总体要求"), (2, "1．指导思想"), (2, "2．基本原则"),
        (1, "（二）主要任务"), (2, "（1）第一小项"), (2, "（2）第二小项"), (1, "（三）保障措施"),
    ]  # fmt: skip


def test_four_levels_of_a_work_report() -> None:
    doc = doc_of(
        "一、过去一年工作回顾",
        "（一）着力稳定经济大盘。去年以来，我们……",
        "1．加大宏观政策调节力度",
        "一是扩大有效投资，用好专项债券。正文。",
        "二是促进消费恢复,稳定大宗消费。正文。",
        "2．保持就业形势稳定",
        "（二）深化改革开放。正文。",
        "二、今年工作安排",
        "正文。",
    )
    found = detect_document_sections(doc)
    assert tree(found) == [
        (1, "一、过去一年工作回顾"),
        (2, "（一）着力稳定经济大盘"),
        (3, "1．加大宏观政策调节力度"),
        (4, "一是扩大有效投资"),
        (4, "二是促进消费恢复"),
        (3, "2．保持就业形势稳定"),
        (2, "（二）深化改革开放"),
        (1, "二、今年工作安排"),
    ]
    check_consistent(doc, found)


def test_mid_paragraph_enumerations_are_not_headings() -> None:
    doc = doc_of(
        "一、总体要求",
        "我们要做到三点：一是加强领导，二是完善机制，三是狠抓落实。(一)这里也不是标题。",
        "十年来，我们经历了三件大事：一是迎来建党百年，二是进入新时代。",
        "二、重点任务",
        "正文里提到第一章和第二节、（二）项和1.项。",
    )
    assert tree(detect_document_sections(doc)) == [(1, "一、总体要求"), (1, "二、重点任务")]


def test_run_in_title_is_the_first_sentence() -> None:
    doc = doc_of(
        "（一）构建高水平社会主义市场经济体制。坚持和完善社会主义基本经济制度。",
        "（二）建设现代化产业体系！坚持把发展经济的着力点放在实体经济上。",
    )
    found = detect_document_sections(doc)
    assert tree(found) == [(1, "（一）构建高水平社会主义市场经济体制"), (1, "（二）建设现代化产业体系")]
    assert all(s.run_in for s in found)


@pytest.mark.parametrize("comma", ["，", ","])
def test_yao_and_shi_items_are_titled_up_to_the_first_comma(comma: str) -> None:
    doc = doc_of(
        f"一要第一时间响应{comma}做到有部署有行动。正文。",
        "二要聚焦关键任务。正文。",
        f"一是踩准点{comma}找准工作定位。",
        f"二是发好力{comma}掌握好融合的方法。",
    )
    found = detect_document_sections(doc)
    assert tree(found) == [
        (1, "一要第一时间响应"),
        (1, "二要聚焦关键任务"),
        (1, "一是踩准点"),
        (1, "二是发好力"),
    ]
    assert [s.kind for s in found] == ["item_yao", "item_yao", "item_shi", "item_shi"]


def test_items_are_the_lowest_level() -> None:
    doc = doc_of("第一部分 总体要求", "一要提高认识，正文。", "二要加强领导，正文。", "第二部分 重点任务")
    assert tree(detect_document_sections(doc)) == [
        (1, "第一部分 总体要求"), (2, "一要提高认识"), (2, "二要加强领导"), (1, "第二部分 重点任务"),
    ]  # fmt: skip


def test_sequences_must_start_at_one_and_continue() -> None:
    doc = doc_of(
        "一、总体要求", "正文。",
        "十、这是一个孤立的编号", "正文。",
        "二、重点任务", "正文。",
        "一、二季度经济增长较快，正文。",
        "三、保障措施", "正文。",
        "5．孤立的数字编号",
    )  # fmt: skip
    assert tree(detect_document_sections(doc)) == [
        (1, "一、总体要求"),
        (1, "二、重点任务"),
        (1, "三、保障措施"),
    ]


def test_one_missing_number_does_not_break_the_sequence() -> None:
    doc = doc_of("一、甲", "正文。", "二、乙", "正文。", "四、丁", "正文。", "五、戊", "正文。", "八、辛")
    assert [s.title for s in detect_document_sections(doc)] == ["一、甲", "二、乙", "四、丁", "五、戊"]


def test_a_single_numbered_paragraph_is_not_a_heading() -> None:
    found = detect_document_sections(doc_of("一、唯一的编号段落", "正文。"))
    assert [s.kind for s in found] == ["paragraph", "paragraph"]


def test_numbered_list_items_are_not_headings() -> None:
    doc = doc_of(
        "一、申请条件",
        "申请人应当具备下列条件：",
        "1．具有完全民事行为能力；",
        "2．品行良好，无犯罪记录；",
        "3．身体健康。",
        "二、申请程序",
        "（一）提交申请书，说明申请的事项和理由，并附具有关的证明材料和其他需要说明的情况。",
        "（二）经审查后作出决定，对符合条件的予以批准，对不符合条件的书面说明理由并告知申请人。",
    )
    assert tree(detect_document_sections(doc)) == [(1, "一、申请条件"), (1, "二、申请程序")]


def test_law_items_inside_articles_are_not_headings() -> None:
    doc = doc_of(
        "第一章 总则",
        "第一条 为了规范拍卖行为，制定本法。",
        "第二条 拍卖师应当具备下列条件：",
        "（一）具有高等院校专科以上学历和拍卖专业知识；",
        "（二）在拍卖企业工作两年以上；",
        "1．品行良好",
        "2．身体健康",
        "第二章 附则",
        "第三条 本法自公布之日起施行。",
    )
    found = detect_document_sections(doc)
    assert tree(found) == [
        (1, "第一章 总则"),
        (2, "第一条"),
        (2, "第二条"),
        (1, "第二章 附则"),
        (2, "第三条"),
    ]
    check_consistent(doc, found)


def test_chapter_title_on_its_own_line_is_joined() -> None:
    doc = doc_of(
        "第一章", "总则", "第一条 为了规范。", "第二条 本法适用。", "第二章", "附则", "第三条 施行。"
    )
    found = detect_document_sections(doc)
    assert tree(found) == [
        (1, "第一章 总则"),
        (2, "第一条"),
        (2, "第二条"),
        (1, "第二章 附则"),
        (2, "第三条"),
    ]


def test_unnumbered_headings_take_the_top_level() -> None:
    doc = doc_of(
        "前言", "正文。", "一、甲", "（一）甲一", "（二）甲二", "二、乙", "正文。", "结束语", "正文。"
    )
    assert tree(detect_document_sections(doc)) == [
        (1, "前言"), (1, "一、甲"), (2, "（一）甲一"), (2, "（二）甲二"), (1, "二、乙"), (1, "结束语"),
    ]  # fmt: skip
    doc = doc_of("第一章 总则", "第一条 甲。", "第二条 乙。", "附则", "第三条 丙。", "第四条 丁。")
    assert tree(detect_document_sections(doc)) == [
        (1, "第一章 总则"), (2, "第一条"), (2, "第二条"), (1, "附则"), (2, "第三条"), (2, "第四条"),
    ]  # fmt: skip


def test_skip_paragraphs_are_never_headings() -> None:
    doc = doc_of(
        "一、标题一样的文件名", "二、看似编号的署名", "一、真正的第一部分", "正文。", "二、真正的第二部分"
    )
    found = detect_document_sections(doc, skip={0, 1})
    assert tree(found) == [(1, "一、真正的第一部分"), (1, "二、真正的第二部分")]
    assert found[0].paragraph_index == 2


def test_a_skipped_paragraph_still_counts_for_the_sequence() -> None:
    doc = doc_of(
        "标题", "一、总体要求", "正文。", "二、主要任务", "（一）加强学习。正文。", "（二）改进作风。正文。"
    )
    found = detect_document_sections(doc, skip={0, 1})
    assert tree(found) == [(1, "二、主要任务"), (2, "（一）加强学习"), (2, "（二）改进作风")]


def test_document_head_from_metadata_is_skipped() -> None:
    doc = doc_of("一、标题", "二、署名", "一、正文开始", "正文。", "二、下一部分")
    doc.metadata.head_paragraphs = (0, 1)
    assert [s.paragraph_index for s in detect_document_sections(doc)] == [2, 4]


def test_flat_tree_for_a_document_without_structure() -> None:
    doc = doc_of("标题行", "这是第一段比较长的正文，一直写到超过十六个字为止。", "短段。")
    found = detect_document_sections(doc, skip={0})
    assert tree(found) == [(1, "这是第一段比较长的正文，一直写到…"), (1, "短段。")]
    assert all(s.kind == "paragraph" for s in found)
    assert found[0].end == found[1].start and found[1].end == len(doc.text)


def test_flat_tree_is_capped_for_long_documents() -> None:
    doc = Document.from_paragraphs([f"第{i}段普通正文没有编号。" for i in range(10_000)])
    found = detect_document_sections(doc)
    assert 1000 < len(found) <= 2000
    assert found[0].paragraph_index == 0
    check_consistent(doc, found)


def test_empty_input() -> None:
    assert detect_sections([], 0) == []
    assert detect_document_sections(Document.from_paragraphs([])) == []
    assert detect_document_sections(doc_of("只有标题"), skip={0}) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十一", 21), ("九十九", 99), ("一百", 100),
        ("一百零一", 101), ("一百一十", 110), ("一百四十三", 143), ("两百", 200), ("一千零一", 1001),
        ("〇", 0), ("零", 0), ("二〇二三", 2023), ("一万零五", 10005), ("12", 12), ("１２", 12),
    ],
)  # fmt: skip
def test_chinese_numerals(text: str, value: int) -> None:
    assert parse_chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "甲", "十百", "一二十", "百百"])
def test_not_chinese_numerals(text: str) -> None:
    assert parse_chinese_number(text) is None


def test_high_numbers_in_headings() -> None:
    paragraphs = []
    for i in range(1, 121):
        paragraphs += [f"第{'一二三四五六七八九'[(i - 1) % 9]}章 章名", f"第{i}条 条文内容。"]
    found = detect_document_sections(Document.from_paragraphs(paragraphs))
    assert sum(s.kind == "article" for s in found) == 120
    numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
    numbered = [f"（{n}）标题{i}" for i, n in enumerate(numerals, 1)]
    assert len(detect_document_sections(Document.from_paragraphs(numbered))) == 12


def test_five_megabyte_document() -> None:
    report = paragraphs_from_text((CORPUS / "03_ershida_baogao_2022.txt").read_text(encoding="utf-8"))
    paragraphs = report * 300  # 50,400 paragraphs, about 10 MB of UTF-8
    doc = Document.from_paragraphs(paragraphs)
    assert len(doc.text.encode("utf-8")) > 5_000_000
    found = detect_document_sections(doc)
    assert len(found) == 56 * 300
    assert Counter(s.level for s in found) == {1: 15 * 300, 2: 41 * 300}
