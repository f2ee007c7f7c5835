"""Copy with citation: the passage in quotation marks and its source, as a Chinese report quotes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.citation import (
    chinese_date,
    citation_source,
    cite,
    passage_text,
    quote_passage,
)
from desktop_app.core.document import Document
from desktop_app.core.loader import load_document
from tests.conftest import CORPUS

SPEECH_TITLE = "推进机关党建与全市中心工作深度融合——在市直机关“机关党建高质量发展”系列现场会(第七场)上的讲话"


@pytest.fixture(scope="module")
def speech() -> Document:
    from tests.conftest import SPEECH

    return load_document(SPEECH)


def _span(doc: Document, phrase: str, length: int | None = None) -> tuple[int, int]:
    i = doc.text.index(phrase)
    return i, i + (len(phrase) if length is None else length)


def test_speech_passage_in_a_part(speech: Document) -> None:
    phrase = "近年来,各级机关党组织在推进机关党建与中心工作融合上作出了一定的探索"
    start, end = _span(speech, phrase)
    assert cite(speech, start, end) == (
        f"“{phrase}”\n——李彦来《{SPEECH_TITLE}》（2023年6月14日），“二、找准机关党建与中心工作融合的有效路径”"
    )


def test_run_in_item_is_cited_by_its_part(speech: Document) -> None:
    # 一要第一时间响应 opens its own paragraph (run-in): the part heading 二、 locates the passage
    start, end = _span(speech, "一要第一时间响应,做到中央和市委有部署")
    src = citation_source(speech, start, end)
    assert src.place == "二、找准机关党建与中心工作融合的有效路径"
    assert (src.author, src.date) == ("李彦来", "2023年6月14日")


def test_passage_before_the_first_heading_has_no_place(speech: Document) -> None:
    start, end = _span(speech, "在全党深入开展学习贯彻习近平新时代中国特色社会主义思想主题教育之际")
    text = cite(speech, start, end)
    assert text.endswith("（2023年6月14日）")
    assert "，“" not in text.splitlines()[-1]


def test_passage_across_two_parts_names_neither(speech: Document) -> None:
    start = speech.text.index("三、把推进机关党建") - 20
    end = start + 60
    assert citation_source(speech, start, end).place == ""


def test_inner_quotes_become_single(speech: Document) -> None:
    start, end = _span(speech, "市政务服务局是履行“四个服务”职责的重要平台")
    first = cite(speech, start, end).splitlines()[0]
    assert first == "“市政务服务局是履行‘四个服务’职责的重要平台”"


def test_long_passage_kept_whole_with_one_open_quote_per_paragraph(speech: Document) -> None:
    sec = next(s for s in speech.sections if s.title.startswith("二、找准"))
    text = cite(speech, sec.start, sec.end)
    lines = text.splitlines()
    paragraphs = [p for p in speech.paragraphs if sec.start <= p.start < sec.end]
    assert len(paragraphs) == 6
    assert len(lines) == len(paragraphs) + 1
    assert all(line.startswith("“") for line in lines[:-1])
    assert not any(line.endswith("”") for line in lines[:-2])
    assert lines[-2].endswith("”")
    # every character of the section is there (quotes aside): nothing cut from a long passage
    body = "".join(line[1:] for line in lines[:-1])[:-1]
    original = "".join(p.text for p in paragraphs)
    assert len(body) == len(original) > 1000
    assert body.replace("‘", "“").replace("’", "”") == original
    assert lines[-1].endswith("“二、找准机关党建与中心工作融合的有效路径”")


def test_hidden_repeated_title_left_out(speech: Document) -> None:
    # from the byline into the first body paragraph: the title repeated after the byline is hidden
    start = speech.paragraphs[1].start
    end = speech.paragraphs[4].start + 10
    passage = passage_text(speech, start, end)
    assert passage.count("推进机关党建与全市中心工作深度融合——") == 0
    assert passage.splitlines() == [
        "北京市直机关工委 2023-06-14 20:09:45",
        "市直机关工委分管日常工作的副书记李彦来",
        speech.paragraphs[4].text[:10],
    ]


def test_empty_selection_gives_the_source_alone(speech: Document) -> None:
    at = speech.text.index("一、深刻认识")
    assert cite(speech, at, at) == (
        f"李彦来《{SPEECH_TITLE}》（2023年6月14日），“一、深刻认识机关党建与中心工作融合的重要意义”"
    )


def test_reversed_range_is_the_same(speech: Document) -> None:
    start, end = _span(speech, "机关党建工作说到底是做“人”的工作")
    assert cite(speech, end, start) == cite(speech, start, end)


def test_report_title_with_subtitle() -> None:
    doc = load_document(CORPUS / "03_ershida_baogao_2022.txt")
    start, end = _span(doc, "构建高水平社会主义市场经济体制")
    last = cite(doc, start, end).splitlines()[-1]
    assert last == (
        "——习近平《高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗"
        "——在中国共产党第二十次全国代表大会上的报告》（2022年10月16日），"
        "“四、加快构建新发展格局，着力推动高质量发展”"
    )


def test_statute_cited_by_article_without_date() -> None:
    doc = load_document(CORPUS / "08_paimaifa_2015.txt")
    start, end = _span(doc, "拍卖是指以公开竞价的形式")
    assert cite(doc, start, end) == "“拍卖是指以公开竞价的形式”\n——《中华人民共和国拍卖法》第三条"
    start = doc.text.index("第三条")
    end = doc.text.index("第五条") + 10
    assert cite(doc, start, end).splitlines()[-1] == "——《中华人民共和国拍卖法》第三条至第五条"


def test_constitution_preface_and_deep_article() -> None:
    doc = load_document(CORPUS / "06_xianfa.txt")
    start, end = _span(doc, "中国是世界上历史最悠久的国家之一")
    assert cite(doc, start, end).splitlines()[-1] == "——《中华人民共和国宪法》序言"
    start, end = _span(doc, "决定特别行政区的设立及其制度")
    assert cite(doc, start, end).splitlines()[-1] == "——《中华人民共和国宪法》第六十二条"


def test_regulation_without_speaker() -> None:
    doc = load_document(CORPUS / "09_kouan_kaifang_guiding_1985.txt")
    start, end = _span(doc, "报批开放口岸应附具下列资料")
    assert cite(doc, start + 2, end).splitlines()[-1] == (
        "——《国务院关于口岸开放的若干规定》（1985年9月18日），“六、报批开放口岸应附具下列资料”"
    )


def _write(tmp_path: Path, name: str, text: str) -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_document(path)


def test_no_head_uses_a_chinese_file_name(tmp_path: Path) -> None:
    text = "各单位要高度重视档案管理工作，确保档案安全完整。\n请各单位认真贯彻执行。"
    doc = _write(tmp_path, "关于加强档案管理的通知.txt", text)
    start, end = _span(doc, "确保档案安全完整。")
    # no speaker, no date, no headings (the fallback tree of first words is not a heading)
    assert cite(doc, start, end) == "“确保档案安全完整。”\n——《关于加强档案管理的通知》"


def test_nothing_known_gives_the_quote_alone(tmp_path: Path) -> None:
    doc = _write(tmp_path, "notes_2024.txt", "各单位要高度重视档案管理工作。\n请各单位认真贯彻执行。")
    start, end = _span(doc, "请各单位认真贯彻执行。")
    assert cite(doc, start, end) == "“请各单位认真贯彻执行。”"


def test_speech_with_date_line_and_no_sections(tmp_path: Path) -> None:
    doc = _write(
        tmp_path,
        "speech.txt",
        "在全市安全生产工作会议上的讲话\n王建国\n（2024年3月1日）\n同志们：\n"
        "今天我们召开会议，主要任务是部署全年安全生产工作。安全生产是“天大的事”，必须常抓不懈。\n",
    )
    start, end = _span(doc, "安全生产是“天大的事”，必须常抓不懈。")
    assert cite(doc, start, end) == (
        "“安全生产是‘天大的事’，必须常抓不懈。”\n——王建国《在全市安全生产工作会议上的讲话》（2024年3月1日）"
    )


def test_title_marks_inside_a_title_become_single(tmp_path: Path) -> None:
    doc = _write(
        tmp_path,
        "decision.txt",
        "关于修改《中华人民共和国拍卖法》的决定\n"
        "2004年8月28日 第十届全国人民代表大会常务委员会第十一次会议通过\n"
        "第十届全国人民代表大会常务委员会第十一次会议决定对拍卖法作如下修改。\n本决定自公布之日起施行。",
    )
    start, end = _span(doc, "本决定自公布之日起施行。")
    assert cite(doc, start, end).splitlines()[-1] == (
        "——《关于修改〈中华人民共和国拍卖法〉的决定》（2004年8月28日）"
    )


def test_dates() -> None:
    assert chinese_date("2023-06-14") == "2023年6月14日"
    assert chinese_date("1985-09-01") == "1985年9月1日"
    assert chinese_date("2023-06") == "2023年6月"
    assert chinese_date("2023") == "2023年"


def test_quote_passage_rules() -> None:
    assert quote_passage("甲说“好”。") == "“甲说‘好’。”"
    assert quote_passage("第一段\n\n第二段") == "“第一段\n“第二段”"
    assert quote_passage("  \n ") == ""
