"""Annotations and bookmarks as plain data: colours, validation, selectors, JSON form."""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest

from desktop_app.core.annotations import (
    COLORS,
    STYLES,
    Annotation,
    color_key,
    new_annotation,
    new_bookmark,
    normalise_tags,
    now_iso,
    validate,
)
from desktop_app.core.document import Document
from desktop_app.core.loader import load_document


@pytest.fixture(scope="module")
def speech() -> Document:
    return load_document(Path(__file__).resolve().parents[2] / "resources" / "speech.txt")


def test_colours_have_keys_names_and_hex() -> None:
    keys = [c.key for c in COLORS]
    assert keys[:5] == ["yellow", "green", "blue", "pink", "purple"]
    assert [c.zh for c in COLORS[:5]] == ["黄", "绿", "蓝", "粉", "紫"]
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c.hex) for c in COLORS)
    assert STYLES == ("highlight", "underline")


@pytest.mark.parametrize(
    ("name", "key"), [("yellow", "yellow"), ("Yellow", "yellow"), ("黄", "yellow"), ("黄色", "yellow"),
                      (" 紫 ", "purple"), ("ＢＬＵＥ", "blue"), ("粉", "pink"), ("绿色", "green")],
)  # fmt: skip
def test_colour_names_in_english_or_chinese(name: str, key: str) -> None:
    assert color_key(name) == key


def test_unknown_colour() -> None:
    with pytest.raises(ValueError):
        color_key("chartreuse")


def test_now_iso_is_utc_with_milliseconds() -> None:
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", now_iso())


def test_new_annotation(speech: Document) -> None:
    i = speech.text.index("第一时间响应")
    a = new_annotation(
        speech, i, i + 6, color="蓝", style="underline", note="多行\n笔记", tags=["a", "a", " b "]
    )
    assert (a.exact, a.color, a.style, a.tags, a.status) == (
        "第一时间响应",
        "blue",
        "underline",
        ("a", "b"),
        "anchored",
    )
    assert a.prefix == speech.text[i - 32 : i] and a.suffix == speech.text[i + 6 : i + 38]
    assert a.section == "二、找准机关党建与中心工作融合的有效路径 › 一要第一时间响应"
    assert a.anchored_fingerprint == speech.fingerprint and a.original_exact == a.exact
    assert a.created == a.modified and len(a.id) == 36 and a.doc_id == ""
    assert a.selectors()[1] == {"type": "TextPositionSelector", "start": i, "end": i + 6}
    d = a.to_dict()
    assert d["quote"] == "第一时间响应" and d["tags"] == ["a", "b"] and d["note"] == "多行\n笔记"
    assert a.color_hex == "#9CCBFF"
    with pytest.raises(FrozenInstanceError):
        a.note = "x"  # type: ignore[misc]


@pytest.mark.parametrize(("start", "end"), [(5, 5), (-1, 3), (10, 5), (0, 10**9)])
def test_new_annotation_refuses_bad_ranges(speech: Document, start: int, end: int) -> None:
    with pytest.raises(ValueError):
        new_annotation(speech, start, end)


def test_validate(speech: Document) -> None:
    a = new_annotation(speech, 0, 5)
    assert validate(a) is a
    for bad in (
        replace(a, color="red"),
        replace(a, style="bold"),
        replace(a, status="lost"),
        replace(a, end=0),
    ):
        with pytest.raises(ValueError):
            validate(bad)
    with pytest.raises(ValueError):
        new_annotation(speech, 0, 5, style="strike")


def test_annotation_defaults() -> None:
    a = Annotation(id="x", doc_id="d", start=0, end=1, exact="a")
    assert (a.color, a.style, a.note, a.tags, a.quote, a.is_orphan) == (
        "yellow",
        "highlight",
        "",
        (),
        "a",
        False,
    )


def test_normalise_tags() -> None:
    assert normalise_tags(["重点", " 重点 ", "", "ＡＢ", "AB"]) == ("重点", "AB")


def test_new_bookmark(speech: Document) -> None:
    b = new_bookmark(speech, 1200, title=" 读到这里 ")
    assert (b.offset, b.title, b.exact) == (1200, "读到这里", speech.text[1200:1224])
    assert b.start == 1200 and b.end == 1224 and b.to_dict()["offset"] == 1200
    assert new_bookmark(speech, 10**9).offset == len(speech.text) - 1  # clamped into the text
