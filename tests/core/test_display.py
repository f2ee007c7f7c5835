"""The shown text: same length as Document.text, punctuation full-width, the byline's clock gone."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.display import clock_spans, shown_text
from desktop_app.core.loader import load_document
from tests.conftest import CORPUS, SPEECH


def test_speech_shows_the_date_without_the_clock_and_full_width_marks() -> None:
    doc = load_document(SPEECH)
    shown = shown_text(doc)
    assert len(shown) == len(doc.text)
    byline = doc.paragraphs[1]
    assert doc.text[byline.start : byline.end] == "北京市直机关工委 2023-06-14 20:09:45"
    assert shown[byline.start : byline.end].rstrip() == "北京市直机关工委 2023-06-14"
    assert "第一条经验，主动在全市中心工作中找准定位" in shown
    # only punctuation and the clock differ
    for a, b in zip(doc.text, shown, strict=True):
        assert a == b or not (a.isalnum() and "\u4e00" <= a <= "\u9fff")


def test_half_width_kept_when_the_option_is_off() -> None:
    doc = load_document(SPEECH)
    shown = shown_text(doc, full_width=False)
    assert "第一条经验,主动" in shown
    assert "20:09" not in shown


def test_only_a_time_after_a_date_in_the_head_is_blanked(tmp_path: Path) -> None:
    f = tmp_path / "t.txt"
    f.write_text("关于会议时间的通知\n办公厅 2024-03-01\n会议于 9:30 开始,地点:三楼。\n", encoding="utf-8")
    doc = load_document(f)
    assert clock_spans(doc) == []
    assert "9:30" in shown_text(doc)  # a time in the body is the text's own
    for path in sorted(CORPUS.glob("*.txt")):
        d = load_document(path)
        assert len(shown_text(d)) == len(d.text), path.name
