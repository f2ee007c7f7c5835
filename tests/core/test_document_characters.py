"""Document.characters(): the text's distinct characters, worked out once and off the window's
thread (the window chooses its fonts for them; ``set()`` of a 10 MB text took 0.07-0.15 s on
its thread when the system had a Chinese font)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.document import Document


def test_the_characters_are_the_texts_and_made_once() -> None:
    doc = Document.from_paragraphs(["推进机关党建", "abc 123", "推进"])
    first = doc.characters()
    assert first == frozenset(doc.text)
    assert doc.characters() is first  # kept
    doc.text = "另一段"  # a text replaced: worked out again
    assert doc.characters() == frozenset("另一段")
    long = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(200_000))  # many slices
    assert Document.from_paragraphs([long]).characters() == frozenset(long)


def test_the_window_gets_them_made_with_the_document(tmp_path: Path) -> None:
    from desktop_app.ui.window_loading import load_for_window

    path = tmp_path / "a.txt"
    path.write_text("第一章 总则\n坚持学习。\n", encoding="utf-8")
    assert load_for_window(str(path))._cache_characters is None  # not asked: not made
    doc = load_for_window(str(path), characters=True)  # (on a worker in the window)
    assert doc._cache_characters is not None and doc._cache_characters[1] == frozenset(doc.text)
