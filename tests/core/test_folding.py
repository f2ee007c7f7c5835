"""core.folding: one way to compare what people type."""

from __future__ import annotations


def test_one_fold_for_typed_words_names_and_colours() -> None:
    """Notes search, section titles and colour names compare typed text the same way (core.folding)."""
    from desktop_app.core.annotations import color_key
    from desktop_app.core.folding import fold
    from desktop_app.storage.search import matches

    assert fold("ＡＢＣ　重点") == fold("abc 重点") == "abc 重点"
    assert matches("ＡＢＣ", "学习 abc 笔记") and matches("abc", "ＡＢＣ")
    assert color_key(" ＹＥＬＬＯＷ ") == color_key("黄色") == "yellow"
