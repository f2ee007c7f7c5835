"""The 提法 panel on the speech: found off the UI thread when the document is shown; a term
marks all its occurrences, an occurrence jumps there."""

from __future__ import annotations

from pytestqt.qtbot import QtBot


def test_the_speechs_formulations_listed_marked_and_jumped_to(make_window, qtbot: QtBot) -> None:
    w = make_window()
    w.ensure_chrome()
    assert w.terms is not None and w.actions_ is not None
    w.actions_.terms.trigger()
    panel = w.terms.panel
    assert panel.isVisible()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() > 40, timeout=30000)
    rows = {
        panel.tree.topLevelItem(i).text(0): panel.tree.topLevelItem(i)
        for i in range(panel.tree.topLevelItemCount())
    }
    row = rows["四个服务"]
    assert (row.text(1), row.text(2)) == ("5", "引号")
    assert "两个维护" in rows and "接诉即办" in rows
    assert any(r.text(2) == "关键词" for r in rows.values())  # key terms after the formulations
    panel.tree.expandItem(row)
    assert row.childCount() == 5
    text = w.document.text
    starts = [row.child(i).data(0, 0x0100 + 2) for i in range(5)]
    assert all(text[s : s + 4] == "四个服务" for s in starts)
    panel.tree.itemClicked.emit(row, 0)  # the term: every occurrence marked, the first found
    assert w.find_bar is not None and w.find_bar.isVisible()
    assert w.find_bar.edit.text() == "四个服务" and len(w.find_bar.matches) == 5
    panel.tree.itemClicked.emit(row.child(3), 0)  # one occurrence: shown and selected
    cursor = w.reader.textCursor()
    assert (cursor.selectionStart(), cursor.selectedText()) == (starts[3], "四个服务")


def test_terms_are_found_only_once_the_panel_is_shown(make_window, qtbot: QtBot) -> None:
    """Opening a document with the panel closed costs nothing; showing it finds them, once."""
    w = make_window()
    w.ensure_chrome()
    assert w.terms is not None and w.actions_ is not None
    qtbot.waitUntil(lambda: w.session.document is not None and w.terms._doc is not None, timeout=20000)
    qtbot.wait(300)
    assert w.terms.terms == [] and w.terms._found_for is None  # nothing looked for
    assert w.terms.panel.tree.topLevelItemCount() == 0
    w.actions_.terms.trigger()
    qtbot.waitUntil(lambda: w.terms.panel.tree.topLevelItemCount() > 40, timeout=30000)
    found = w.terms.terms
    w.terms.panel.hide()
    w.terms.panel.show()
    qtbot.wait(200)
    assert w.terms.terms is found  # not looked for again


def test_closing_the_document_empties_the_panel(make_window, qtbot: QtBot) -> None:
    w = make_window()
    w.ensure_chrome()
    assert w.terms is not None and w.actions_ is not None
    w.actions_.terms.trigger()
    qtbot.waitUntil(lambda: w.terms is not None and w.terms.panel.tree.topLevelItemCount() > 0, timeout=30000)
    w.close_document()
    assert w.terms.panel.tree.topLevelItemCount() == 0  # type: ignore[union-attr]


def test_a_formulation_across_the_library_opens_its_document(make_window, qtbot: QtBot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from tests.conftest import CORPUS

    w = make_window()
    w.ensure_chrome()
    qtbot.waitUntil(lambda: bool(w.session.doc_id), timeout=20000)
    folder = tmp_path / "docs"
    folder.mkdir()
    for p in sorted(CORPUS.glob("*.txt")):
        shutil.copy(p, folder / p.name)
    w.library.add_paths([str(folder)])
    qtbot.waitUntil(lambda: w.library._adding is None and len(w.library.model.rows) == 5, timeout=30000)
    window = w.terms.show_usage("人民代表大会")
    qtbot.waitUntil(lambda: window.tree.topLevelItemCount() >= 2, timeout=20000)
    first = window.tree.topLevelItem(0)
    assert (first.text(0), first.text(1)) == ("中华人民共和国宪法", "1982-12-04")  # the earliest first
    assert "最早出现：《中华人民共和国宪法》" in window.summary.text()
    sentence = first.child(0)
    assert "人民代表大会" in sentence.text(0)
    with qtbot.waitSignal(w.sig_document_shown, timeout=20000):
        window.tree.itemActivated.emit(sentence, 0)
    assert w.document.title == "中华人民共和国宪法"
    qtbot.waitUntil(lambda: w.reader.textCursor().selectedText() == "人民代表大会", timeout=10000)
    out = tmp_path / "表.csv"
    window.export_to(out)
    qtbot.waitUntil(out.is_file, timeout=10000)
    assert "中华人民共和国宪法" in out.read_text(encoding="utf-8-sig")
