"""Comparing two versions (study/compare.py) on a revision of the speech made by hand
(tests/data/revision/README.md lists its six edits) and on the corpus."""

from __future__ import annotations

from desktop_app.core.loader import load_document
from desktop_app.study.compare import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    compare_documents,
    compare_texts,
    sentences,
)
from tests.conftest import CORPUS, DATA, SPEECH

REVISED = DATA / "revision" / "speech_revised.txt"


def test_the_six_edits_of_the_hand_made_revision_are_found_and_nothing_else() -> None:
    from desktop_app.search.keyterms import segment

    old, new = load_document(SPEECH), load_document(REVISED)
    result = compare_documents(old, new, segment)
    expected = [
        (CHANGED, "“机关党建高质量发展”系列现场会"),
        (MOVED, "推进机关党建与中心工作融合,每个部门"),
        (REMOVED, "以上 3 方面经验做法"),
        (ADDED, "要深刻领悟“两个确立”"),
        (CHANGED, "一是找准点,明确工作定位"),
        (ADDED, "四、以主题教育为牵引推动融合走深走实"),
        (ADDED, "各级机关党组织要把主题教育"),
    ]
    assert len(result.changes) == len(expected)
    for c, (kind, begins) in zip(result.changes, expected, strict=True):
        assert c.kind == kind and (c.new or c.old).text.startswith(begins), (c.kind, (c.new or c.old).text)  # type: ignore[union-attr]
    first = result.changes[0]
    assert [p for p in first.parts if p[0] != "equal"] == [("replace", "6", "7")]
    reworded = result.changes[4]
    assert [p for p in reworded.parts if p[0] != "equal"] == [
        ("replace", "踩", "找"),
        ("replace", "找准", "明确"),
    ]
    for c in result.changes:  # the offsets are the documents' own
        if c.old is not None:
            assert old.text[c.old.start : c.old.end] == c.old.text
        if c.new is not None:
            assert new.text[c.new.start : c.new.end] == c.new.text
    assert result.sections_added == ["四、以主题教育为牵引推动融合走深走实"] and result.sections_removed == []
    assert result.new_formulations == ["两个确立", "四个意识", "四个自信"]
    assert result.summary()["sentences_same"] > 80


def test_identical_and_unrelated_texts() -> None:
    text = load_document(SPEECH).text
    same = compare_texts(text, text)
    assert same.changes == [] and same.sentences_same == len(sentences(text))
    law = load_document(CORPUS / "08_paimaifa_2015.txt").text
    other = compare_texts(text, law)
    assert other.count(CHANGED) <= 2 and other.count(REMOVED) >= len(sentences(text)) - 2


def test_sentences_keep_their_offsets() -> None:
    text = "第一句。第二句！\n第三句没有句号\n  第四句；"
    assert [(s.text, text[s.start : s.end]) for s in sentences(text)] == [
        ("第一句。", "第一句。"),
        ("第二句！", "第二句！"),
        ("第三句没有句号", "第三句没有句号"),
        ("第四句；", "第四句；"),
    ]


def test_many_edits_in_a_long_text() -> None:
    """(Its time is a figure of benchmarks/study.py, not a test.)"""
    old = load_document(CORPUS / "03_ershida_baogao_2022.txt").text[:30000]
    new = old.replace("坚持", "始终坚持", 40).replace("。", "。新的要求在这里提出。", 15)
    result = compare_texts(old, new)
    inserted = [c for c in result.changes if c.kind == ADDED and c.new.text == "新的要求在这里提出。"]  # type: ignore[union-attr]
    assert len(inserted) == 15
    assert result.count(CHANGED) >= 10
    assert all(p[0] in ("equal", "insert") for c in result.changes if c.kind == CHANGED for p in c.parts)


def test_the_comparison_as_word_and_html(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document as Docx

    from desktop_app.study.compare_export import ADDED_HEX, REMOVED_HEX, write_comparison

    old, new = load_document(SPEECH), load_document(REVISED)
    result = compare_documents(old, new)
    out = write_comparison(result, "讲话", "修订稿", tmp_path / "比较.docx")
    d = Docx(str(out))
    section = d.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    runs = [r for p in d.paragraphs for r in p.runs]
    removed = [r.text for r in runs if r.font.strike]
    added = [r.text for r in runs if r.font.underline and r.font.color.rgb is not None]
    assert "6" in removed and "踩" in removed and any("以上 3 方面" in t for t in removed)
    assert "7" in added and any("两个确立" in t for t in added)
    assert {str(r.font.color.rgb) for r in runs if r.font.strike} == {REMOVED_HEX}
    assert {str(r.font.color.rgb) for r in runs if r.font.underline} == {ADDED_HEX}
    assert any("新出现的提法：两个确立、四个意识、四个自信" in p.text for p in d.paragraphs)
    page = write_comparison(result, "讲话", "修订稿", tmp_path / "比较.html").read_text(encoding="utf-8")
    assert "line-through" in page and ">6</span>" in page and "《讲话》→《修订稿》" in page
