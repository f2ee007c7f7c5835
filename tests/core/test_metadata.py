"""Metadata from the head of a document."""

from __future__ import annotations

from pathlib import Path

import pytest

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


# ---------------------------------------------------------------- 公文 (GB/T 9704-2012)

TONGZHI = """北京市人民政府文件
京政发〔2024〕12号
北京市人民政府
关于做好2024年度重点工作的通知
各区人民政府，市政府各委、办、局：
为贯彻落实市委工作部署，现就做好2024年度重点工作通知如下。
一、总体要求
坚持稳中求进工作总基调。
二、具体安排
按时完成各项任务。
北京市人民政府
2024年3月1日
（此件公开发布）
抄送：市委各部门，市人大常委会办公厅，市政协办公厅。
北京市人民政府办公厅　　　　2024年3月2日印发"""

YIJIAN_JOINT = """中共北京市委员会
北京市人民政府
文件
京发〔2024〕3号
━━━━━━━━━━━━━━━━━━━━★━━━━━━━━━━━━━━━━━━━━
中共北京市委员会　北京市人民政府
关于全面推进美丽北京建设的意见
各区委、区政府，市委各部委办，市各国家机关，各人民团体：
为深入贯彻党的二十大精神，建设人与自然和谐共生的美丽北京，现提出如下意见。
一、总体要求
（一）指导思想。坚持以习近平新时代中国特色社会主义思想为指导。
二、重点任务
（一）推动绿色低碳发展。加快产业结构调整。
中共北京市委员会
北京市人民政府
二〇二四年三月一日
（此件发至区县级）"""

QINGSHI = """000123
机密★1年
特急
北京市发展和改革委员会文件
京发改〔2024〕15号　　　　签发人：张　三
北京市发展和改革委员会
关于申请安排2024年度重大项目
前期经费的请示
北京市人民政府：
根据市政府工作部署，我委拟开展重大项目前期研究。现将有关事项请示如下。
一、项目基本情况
共有十二个项目。
二、经费需求
合计三千万元。
妥否，请批示。
附件：1．2024年度重大项目清单
2．经费测算表
北京市发展和改革委员会
2024年4月2日
（联系人：李四；联系电话：12345678）
附件1
2024年度重大项目清单
北京市交通委员会
2024年5月1日"""

# as a PDF's lines come: 签发人 on a line of its own, [ ] for 〔〕, the date spaced out
QINGSHI_FROM_PDF = """北京市发展和改革委员会文件
京发改[2024]15号
签发人：张三
北京市发展和改革委员会关于申请安排2024年度重大项目前期经费的请示
北京市人民政府：
经费不足，拟申请市级财政资金。妥否，请批示。
北京市发展和改革委员会
2024 年 4 月 2 日"""

# a portal's copy: no 版头, the 发文字号 under the title
JUEDING_PORTAL = """国务院关于表彰2023年度全国先进集体的决定
国发〔2024〕8号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
2023年，各地区各部门认真贯彻落实党中央、国务院决策部署。
国务院决定，对以下单位予以表彰。
国务院
2024年2月1日
（此件公开发布）"""

# no 版头, no 发文字号: the title, the 主送 and the signature say it is a 公文
TONGZHI_NO_HEAD = """北京市人民政府办公厅
关于做好2024年度
春季防火工作的通知
各区人民政府，市政府各委、办、局：
为做好春季防火工作，现就有关事项通知如下。
一、提高认识
各单位要高度重视。
二、落实责任
层层压实责任。
北京市人民政府办公厅
二○二四年三月五日
抄送：市委办公厅。
北京市人民政府办公厅　　2024年3月6日印发"""

HAN = """北京市人民政府办公厅
京政办函〔2024〕21号
北京市人民政府办公厅关于同意召开2024年北京国际设计周的函
北京市文化和旅游局：
你局《关于召开2024年北京国际设计周的请示》收悉。经市政府同意，现函复如下。
北京市人民政府办公厅
2024年3月12日"""


def _doc(text: str):
    from desktop_app.core.loader import document_from_text

    return document_from_text(text)


@pytest.mark.parametrize(
    ("text", "title", "issuer", "date", "number", "head"),
    [
        pytest.param(
            TONGZHI,
            "北京市人民政府关于做好2024年度重点工作的通知",
            "北京市人民政府",
            "2024-03-01",  # the signature's 成文日期, not the 版记's 印发 date
            "京政发〔2024〕12号",
            (0, 1, 2, 3),
            id="通知",
        ),
        pytest.param(
            YIJIAN_JOINT,
            "中共北京市委员会　北京市人民政府关于全面推进美丽北京建设的意见",
            "中共北京市委员会、北京市人民政府",
            "2024-03-01",  # 二〇二四年三月一日
            "京发〔2024〕3号",
            (0, 1, 2, 3, 4, 5, 6),
            id="意见-联合行文",
        ),
        pytest.param(
            QINGSHI,
            "北京市发展和改革委员会关于申请安排2024年度重大项目前期经费的请示",
            "北京市发展和改革委员会",
            "2024-04-02",  # not the attachment's 2024年5月1日
            "京发改〔2024〕15号",
            (0, 1, 2, 3, 4, 5, 6, 7),  # 份号, 密级, 紧急程度, 版头, 字号 + 签发人, three title lines
            id="请示-签发人",
        ),
        pytest.param(
            QINGSHI_FROM_PDF,
            "北京市发展和改革委员会关于申请安排2024年度重大项目前期经费的请示",
            "北京市发展和改革委员会",
            "2024-04-02",
            "京发改[2024]15号",
            (0, 1, 2, 3),
            id="请示-pdf",
        ),
        pytest.param(
            JUEDING_PORTAL,
            "国务院关于表彰2023年度全国先进集体的决定",
            "国务院",
            "2024-02-01",
            "国发〔2024〕8号",
            (0, 1),
            id="决定-无版头",
        ),
        pytest.param(
            TONGZHI_NO_HEAD,
            "北京市人民政府办公厅关于做好2024年度春季防火工作的通知",
            "北京市人民政府办公厅",
            "2024-03-05",  # 二○二四年三月五日 (○, as real files write the zero)
            "",
            (0, 1, 2),
            id="通知-无版头无字号",
        ),
        pytest.param(
            HAN,
            "北京市人民政府办公厅关于同意召开2024年北京国际设计周的函",
            "北京市人民政府办公厅",
            "2024-03-12",
            "京政办函〔2024〕21号",
            (0, 1, 2),
            id="函-信函格式",
        ),
    ],
)
def test_gongwen_heads(text: str, title: str, issuer: str, date: str, number: str, head: tuple) -> None:
    doc = _doc(text)
    meta = doc.metadata
    assert (meta.title, meta.issuer, meta.date, meta.doc_number) == (title, issuer, date, number)
    assert meta.head_paragraphs == head
    assert (meta.speaker, meta.role, meta.subtitle) == ("", "", "")
    # the 主送 line is body text, right after the head, and never a heading
    addressee = doc.paragraphs[max(head) + 1]
    assert addressee.text.endswith("：")
    assert all(s.kind == "paragraph" for s in doc.sections if s.paragraph_index == addressee.index)
    assert not any(s.paragraph_index in head for s in doc.sections)


def test_gongwen_tree_starts_after_the_head() -> None:
    for text in (TONGZHI, YIJIAN_JOINT, QINGSHI):
        doc = _doc(text)
        assert [s.title[:2] for s in doc.sections] == ["一、", "二、"]


def test_gongwen_without_a_signature_keeps_the_heads_date() -> None:
    meta = _doc(
        "中共中央　国务院关于做好2024年全面推进乡村振兴重点工作的意见\n（2024年1月1日）\n"
        "做好2024年工作意义重大。\n一、确保国家粮食安全\n稳定粮食播种面积。"
    ).metadata
    assert (meta.title, meta.date, meta.head_paragraphs) == (
        "中共中央　国务院关于做好2024年全面推进乡村振兴重点工作的意见",
        "2024-01-01",
        (0, 1),
    )
    assert meta.issuer == "中共中央、国务院"  # from the title: 发文机关 + 关于 + 事由 + 文种


def test_gongwen_issuer_from_a_forwarding_title() -> None:
    meta = _doc(
        "国务院办公厅转发国家发展改革委关于做好节能工作意见的通知\n国办发〔2024〕9号\n"
        "各省、自治区、直辖市人民政府：\n现转发给你们，请认真贯彻执行。"
    ).metadata
    assert (meta.issuer, meta.doc_number, meta.date) == ("国务院办公厅", "国办发〔2024〕9号", "")


def test_the_printing_date_of_the_banji_is_not_the_date() -> None:
    meta = _doc(
        "北京市人民政府办公厅关于做好春季防火工作的通知\n各区人民政府：\n现就有关事项通知如下。\n"
        "抄送：市委办公厅。\n北京市人民政府办公厅　　2024年3月6日印发"
    ).metadata
    assert (meta.date, meta.head_paragraphs) == ("", (0,))


def test_a_tables_organ_and_date_are_not_the_signature() -> None:
    meta = _doc(
        "北京市人民政府文件\n京政发〔2024〕12号\n北京市人民政府关于做好2024年度重点工作的通知\n"
        "各区人民政府，市政府各委、办、局：\n现将任务分工通知如下：\n牵头单位\n完成时限\n"
        "北京市财政局\n2024年6月30日\n请认真落实。\n北京市人民政府\n2024年3月1日"
    ).metadata
    assert (meta.issuer, meta.date) == ("北京市人民政府", "2024-03-01")


def test_a_masthead_alone_or_letter_spaced() -> None:
    meta = _doc("北京市人民政府文件\n各区人民政府：\n现通知如下。\n北京市人民政府\n2024年3月1日").metadata
    assert (meta.title, meta.issuer, meta.date, meta.head_paragraphs) == (
        "",
        "北京市人民政府",
        "2024-03-01",
        (0,),
    )
    meta = _doc(
        "北 京 市 人 民 政 府 文 件\n京政发（２０２４）１２号\n北京市人民政府关于做好工作的通知\n"
        "各区人民政府：\n现通知如下。"
    ).metadata
    assert (meta.issuer, meta.doc_number, meta.title) == (
        "北京市人民政府",
        "京政发（2024）12号",
        "北京市人民政府关于做好工作的通知",
    )


def test_an_organ_name_over_a_title_is_not_a_masthead() -> None:
    """北京市人民政府 / 关于……: the first line of the title (no 文件, no 发文字号 follows)."""
    meta = _doc("北京市人民政府\n关于做好2024年度工作的通知\n各区人民政府：\n现通知如下。").metadata
    assert (meta.title, meta.issuer, meta.doc_number, meta.head_paragraphs) == (
        "北京市人民政府关于做好2024年度工作的通知",
        "北京市人民政府",
        "",
        (0, 1),
    )


def test_a_speech_is_not_read_as_a_gongwen(speech_path: Path) -> None:
    meta = load_document(speech_path).metadata
    assert meta.doc_number == ""
    # a speech whose address line looks like nothing official: no signature is looked for
    meta = _doc("在全市工作会议上的讲话\n张三\n同志们：\n今天开会。\n北京市人民政府\n2024年3月1日").metadata
    assert (meta.speaker, meta.issuer, meta.date) == ("张三", "", "")


def test_gongwen_dates() -> None:
    assert find_date("二○二四年十二月三十一日")[0] == "2024-12-31"
    assert find_date("二零二四年三月一日")[0] == "2024-03-01"
    assert find_date("2024 年 4 月 2 日")[0] == "2024-04-02"
    assert find_date("二〇二四年十三月一日")[0] == ""


def test_the_doc_number_survives_the_cache_and_reaches_the_export(tmp_path: Path) -> None:
    from datetime import date

    from desktop_app.core.doc_cache import load_document_cached
    from desktop_app.core.document import Metadata
    from desktop_app.export.model import title_lines

    assert Metadata.__slots__[-1] == "doc_number"  # new fields go last: positional calls stay valid
    path = tmp_path / "通知.txt"
    path.write_text(TONGZHI, encoding="utf-8")
    first = load_document_cached(path, tmp_path / "cache")
    again = load_document_cached(path, tmp_path / "cache")
    assert again.metadata == first.metadata and again.metadata.doc_number == "京政发〔2024〕12号"
    lines = title_lines(first, 2, today=date(2024, 5, 1))
    assert lines[:3] == [("", "京政发〔2024〕12号"), ("来源", "北京市人民政府"), ("日期", "2024-03-01")]
