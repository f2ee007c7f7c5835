"""学习提纲 (export/study_outline.py): the speech's section tree with lead sentences, formulations
and the person's notes, as Word (default and 公文, A4) and Markdown, read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as Docx

from desktop_app.core.annotations import new_annotation
from desktop_app.core.loader import load_document
from desktop_app.export import ExportOptions, export_notes
from desktop_app.export.study_outline import lead_sentence, study_outline
from tests.conftest import SPEECH


@pytest.fixture
def speech_and_notes():
    doc = load_document(SPEECH)
    notes = []
    for quote, note in (("种好各自的责任田", "分工要清楚"), ("接诉即办", "对照本单位"), ("三会一课", "")):
        i = doc.text.index(quote)
        notes.append(new_annotation(doc, i, i + len(quote), note=note, doc_id="d"))
    return doc, notes


def test_the_outline_of_the_speech(speech_and_notes) -> None:
    doc, notes = speech_and_notes
    before, points = study_outline(doc, notes)
    assert before == []
    assert [p.title for p in points if p.level == 1][:3] == [
        "第一条经验,主动在全市中心工作中找准定位",
        "第二条经验,打造与中心工作相匹配的干部队伍",
        "第三条经验,用群众的获得感和满意度检验工作成效",
    ]
    first = points[0]
    assert first.lead == "市政务服务局紧紧围绕首都中心大局,切实履行“改革局”“平台局”职能作用。"
    assert "四个中心" in first.formulations and [n.exact for n in first.notes] == ["种好各自的责任田"]
    run_in = next(p for p in points if p.title.startswith("一是踩准点"))
    assert run_in.lead.startswith("找准工作定位") or run_in.lead.startswith("贯彻落实")
    faxli = next(p for p in points if p.title.startswith("二是发好力"))
    assert [n.exact for n in faxli.notes] == ["三会一课"] and "三会一课" in faxli.formulations
    for s in doc.sections:  # a lead sentence is text of its own section
        lead = lead_sentence(doc, s)
        if lead and not lead.endswith("…"):
            assert doc.text.find(lead, s.start) < s.end


@pytest.mark.parametrize("style", ["default", "gongwen"])
def test_word_outline_reads_back_on_a4(speech_and_notes, tmp_path: Path, style: str) -> None:
    doc, notes = speech_and_notes
    out = export_notes(doc, notes, [], ExportOptions(format="outline", style=style), tmp_path / "提纲.docx")
    d = Docx(str(out))
    assert (round(d.sections[0].page_width.mm), round(d.sections[0].page_height.mm)) == (210, 297)
    texts = [p.text for p in d.paragraphs]
    assert texts[0].endswith("学习提纲") and "推进机关党建" in texts[0]
    assert "第一条经验,主动在全市中心工作中找准定位" in texts
    assert any(t.startswith("要点：市政务服务局紧紧围绕首都中心大局") for t in texts)
    assert any("“四个中心”" in t and t.startswith("提法：") for t in texts)
    assert any("「种好各自的责任田」 —— 分工要清楚" in t for t in texts)
    heading_styles = {
        p.style.name for p in d.paragraphs if p.text == "第一条经验,主动在全市中心工作中找准定位"
    }
    assert heading_styles == {"Heading 1"}
    footer = d.sections[0].footer.paragraphs[0]
    assert footer.text.count("—") == 2  # one page number, not two


def test_markdown_outline(speech_and_notes, tmp_path: Path) -> None:
    doc, notes = speech_and_notes
    out = export_notes(doc, notes, [], ExportOptions(format="outline-md"), tmp_path / "提纲.md")
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# 《推进机关党建") and "学习提纲" in md.splitlines()[0]
    assert "## 第一条经验" in md and "要点：市政务服务局紧紧围绕首都中心大局" in md
    assert "「接诉即办」 —— 对照本单位" in md and "“三会一课”" in md
