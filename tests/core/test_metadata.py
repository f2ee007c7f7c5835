"""Metadata from the head of a document."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.loader import load_document
from desktop_app.core.metadata import find_date, split_role_and_name
from tests.conftest import CORPUS


def test_speech_metadata(speech_path: Path) -> None:
    meta = load_document(speech_path).metadata
    assert meta.title.startswith("推进机关党建与全市中心工作深度融合——在市直机关")
    assert meta.issuer == "北京市直机关工委"
    assert meta.date == "2023-06-14"
    assert meta.speaker == "李彦来"
    assert meta.role == "市直机关工委分管日常工作的副书记"
    # title, byline, the repeated title and the speaker line form the head
    assert meta.head_paragraphs == (0, 1, 2, 3)


def test_congress_report_metadata() -> None:
    meta = load_document(CORPUS / "03_ershida_baogao_2022.txt").metadata
    assert meta.title == "高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗"
    assert meta.subtitle == "在中国共产党第二十次全国代表大会上的报告"
    assert meta.date == "2022-10-16"
    assert meta.speaker == "习近平"
    assert 5 not in meta.head_paragraphs  # 同志们： is body


def test_law_metadata() -> None:
    meta = load_document(CORPUS / "08_paimaifa_2015.txt").metadata
    assert meta.title == "中华人民共和国拍卖法"
    assert meta.date == "1996-07-05"
    meta = load_document(CORPUS / "09_kouan_kaifang_guiding_1985.txt").metadata
    assert (meta.issuer, meta.date) == ("国务院", "1985-09-18")


def test_date_forms() -> None:
    assert find_date("北京市直机关工委 2023-06-14 20:09:45")[0] == "2023-06-14"
    assert find_date("（2022年10月16日）")[0] == "2022-10-16"
    assert find_date("二〇二三年六月十四日")[0] == "2023-06-14"
    assert find_date("2023/6/4")[0] == "2023-06-04"
    assert find_date("没有日期")[0] == ""


def test_role_and_name() -> None:
    assert split_role_and_name("市直机关工委分管日常工作的副书记李彦来") == (
        "市直机关工委分管日常工作的副书记",
        "李彦来",
    )
    assert split_role_and_name("习近平") == ("", "习近平")
    assert split_role_and_name("李彦来 副书记") == ("副书记", "李彦来")
    assert split_role_and_name("这是一句很长的正文而不是署名") == ("", "")


def test_body_first_means_no_title() -> None:
    from desktop_app.core.loader import document_from_text

    doc = document_from_text("这是一段正文，没有标题。它有句号。\n第二段。")
    assert doc.metadata.title == "" and doc.metadata.head_paragraphs == ()
    assert doc.title.startswith("这是一段正文")


def test_government_work_report_head() -> None:
    from desktop_app.core.loader import document_from_text

    doc = document_from_text(
        "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理　李强\n各位代表：\n"
        "现在，我代表国务院，向大会报告政府工作。\n一、2023年工作回顾\n过去一年。\n二、2024年政府工作任务\n今年。"
    )
    meta = doc.metadata
    assert (meta.title, meta.date, meta.speaker, meta.role) == (
        "政府工作报告",
        "2024-03-05",
        "李强",
        "国务院总理",
    )
    assert meta.subtitle.startswith("2024年3月5日在第十四届")
    assert [s.title for s in doc.sections] == ["一、2023年工作回顾", "二、2024年政府工作任务"]
