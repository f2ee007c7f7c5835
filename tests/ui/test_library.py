"""The library in the window (real widgets, a real store and real indexes in the isolated
data folder): the dock and start page, adding in the background, filter and sort, opening,
switching back to a document's place, removing, a moved file, versions, library search."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QCheckBox, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.storage.notes_store import NotesStore
from desktop_app.ui.main_window import MainWindow
from tests.conftest import CORPUS, SPEECH


def _folder(tmp_path: Path) -> Path:
    lib = tmp_path / "文库"
    lib.mkdir()
    for p in sorted(CORPUS.glob("*.txt")):
        shutil.copy(p, lib / p.name)
    (lib / "坏.txt").write_bytes(b"\x00\x01\x02binary" * 10)
    return lib


def _ready(w: MainWindow, qtbot: QtBot) -> None:
    w.ensure_chrome()
    qtbot.waitUntil(
        lambda: bool(w.session.doc_id and w.library is not None and w.library.model.rows), timeout=20000
    )


def _add(w: MainWindow, qtbot: QtBot, paths: list[str]) -> None:
    assert w.library is not None
    w.library.add_paths(paths)
    qtbot.waitUntil(lambda: w.library._adding is None, timeout=60000)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: len(w.library.model.rows) >= 2, timeout=10000)  # type: ignore[union-attr]


def _row(w: MainWindow, title: str):
    assert w.library is not None
    return next(r for r in w.library.model.rows if r.entry.title == title)


def _boxes(w: MainWindow) -> list[QMessageBox]:
    return [b for b in w.findChildren(QMessageBox) if b.isVisible()]


def test_the_open_document_is_in_the_library_and_marked(make_window, qtbot: QtBot) -> None:
    w = make_window()
    _ready(w, qtbot)
    lib = w.library
    assert lib is not None
    assert [r.entry.title[:6] for r in lib.model.rows] == ["推进机关党建"]
    assert lib.model.current_id == w.session.doc_id
    font = lib.model.data(lib.model.index(0, 0), Qt.ItemDataRole.FontRole)
    assert font is not None and font.bold()
    qtbot.waitUntil(lambda: bool(lib.model.rows[0].entry.last_opened), timeout=5000)  # marked opened
    w.library.show_dock()
    assert lib.dock.isVisible() and lib.view.filter.hasFocus()


def test_adding_a_folder_in_the_background_with_a_summary(make_window, qtbot: QtBot, tmp_path: Path) -> None:
    w = make_window()
    _ready(w, qtbot)
    lib = w.library
    assert lib is not None
    lib.add_paths([str(_folder(tmp_path))])
    assert lib.view.progress.isVisibleTo(lib.view)  # progress shown while it runs
    qtbot.waitUntil(lambda: lib._adding is None, timeout=60000)
    qtbot.waitUntil(lambda: len(lib.model.rows) == 5, timeout=10000)
    assert not lib.view.progress.isVisibleTo(lib.view)
    box = next(b for b in _boxes(w) if "坏.txt" in b.detailedText())  # what failed, and why
    assert "已添加到文库：4 篇" in box.text() and "二进制" in box.detailedText()
    assert box.windowModality() == Qt.WindowModality.NonModal
    box.close()
    # filter as you type: every word, any field
    lib.view.filter.setText("中华人民共和国 法")
    shown = [lib.view.proxy.index(r, 0).data() for r in range(lib.view.proxy.rowCount())]
    assert sorted(shown) == ["中华人民共和国宪法", "中华人民共和国拍卖法"]
    lib.view.filter.clear()
    # sort by date: oldest first
    lib.view.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    dates = [lib.view.proxy.index(r, 2).data() for r in range(lib.view.proxy.rowCount())]
    assert dates == sorted(dates) and dates[0] == "1982-12-04"


def test_dropping_a_folder_adds_it(make_window, qtbot: QtBot, tmp_path: Path) -> None:
    w = make_window()
    _ready(w, qtbot)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(_folder(tmp_path)))])
    w.dropEvent(
        QDropEvent(
            QPointF(5, 5),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    assert w.document is not None and w.document.title.startswith("推进机关党建")  # still reading
    qtbot.waitUntil(lambda: len(w.library.model.rows) == 5, timeout=60000)  # type: ignore[union-attr]


def test_open_switch_back_keeps_the_place_and_close_shows_the_start_page(
    make_window, qtbot: QtBot, tmp_path: Path
) -> None:
    w = make_window()
    _ready(w, qtbot)
    speech_id = w.session.doc_id
    _add(w, qtbot, [str(_folder(tmp_path))])
    w.reader.scroll_to_offset(3000)
    place = w.reader.top_offset()
    assert place > 2000
    constitution = _row(w, "中华人民共和国宪法").entry
    with qtbot.waitSignal(w.sig_document_shown, timeout=20000):
        w.library.open_entry(constitution.id)  # type: ignore[union-attr]
    assert w.document is not None and w.document.title == "中华人民共和国宪法"
    qtbot.waitUntil(lambda: w.session.doc_id == constitution.id, timeout=10000)
    with NotesStore(w.session.store.path) as other:  # type: ignore[union-attr]
        assert other.reading_place(speech_id)[0] == place  # saved in the library, not the INI
    assert w.settings.reading_position(w.document.fingerprint) == 0
    qtbot.waitUntil(
        lambda: any(r.entry.id == speech_id and r.entry.last_opened for r in w.library.model.rows),
        timeout=5000,
    )  # type: ignore[union-attr]
    with qtbot.waitSignal(w.sig_document_shown, timeout=20000):
        w.library.actions["previous"].trigger()  # type: ignore[union-attr]  # Ctrl+Tab
    assert w.document.title.startswith("推进机关党建") and abs(w.reader.top_offset() - place) < 80

    w.close_document()
    assert w.document is None and w.session.doc_id == ""
    assert w.library.start_page.isVisible() and not w.reader.isVisible()  # type: ignore[union-attr]
    assert "研读" in w.windowTitle() and w.toc.model.rowCount() == 0
    w.ensure_chrome()
    assert w.find_bar is not None and not w.find_bar.isVisible()
    with qtbot.waitSignal(w.sig_document_shown, timeout=20000):
        w.library.start_page.sig_open.emit(constitution.id)  # type: ignore[union-attr]  # double-click
    assert w.reader.isVisible() and not w.library.start_page.isVisible()  # type: ignore[union-attr]


def test_remove_asks_and_keeps_notes_unless_ticked(make_window, qtbot: QtBot, tmp_path: Path) -> None:
    w = make_window()
    _ready(w, qtbot)
    _add(w, qtbot, [str(_folder(tmp_path))])
    lib = w.library
    assert lib is not None
    for b in _boxes(w):
        b.close()
    target = _row(w, "中华人民共和国拍卖法").entry
    box = lib.confirm_remove(target.id)
    assert box is not None and "拍卖法" in box.text() and not box.checkBox().isChecked()
    box.button(QMessageBox.StandardButton.Cancel).click()  # nothing happens
    qtbot.wait(200)
    assert any(r.entry.id == target.id for r in lib.model.rows)
    box = lib.confirm_remove(target.id)
    assert isinstance(box.checkBox(), QCheckBox)
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: all(r.entry.id != target.id for r in lib.model.rows), timeout=5000)
    removed = [e for e in w.session.store.library(removed=True) if e.id == target.id]  # type: ignore[union-attr]
    assert removed and not removed[0].in_library  # kept, out of the library


def test_a_moved_file_is_shown_missing_and_found_again(make_window, qtbot: QtBot, tmp_path: Path) -> None:
    w = make_window()
    _ready(w, qtbot)
    folder = _folder(tmp_path)
    _add(w, qtbot, [str(folder)])
    lib = w.library
    assert lib is not None
    entry = _row(w, "国务院关于口岸开放的若干规定").entry
    moved = tmp_path / "新位置.txt"
    Path(entry.path).rename(moved)
    lib.refresh()
    qtbot.waitUntil(lambda: _row(w, entry.title).missing, timeout=5000)
    index = lib.model.index(lib.model.row_of(entry.id), 0)
    assert "文件不在原处" in index.data()
    assert lib.model.data(index, Qt.ItemDataRole.FontRole).italic()
    with qtbot.waitSignal(w.sig_document_shown, timeout=20000):
        lib.relocate(entry.id, str(moved))
    assert w.document is not None and w.document.title == entry.title
    qtbot.waitUntil(lambda: not _row(w, entry.title).missing, timeout=5000)


def test_a_new_version_is_offered_and_notes_carried(make_window, qtbot: QtBot, tmp_path: Path) -> None:
    w = make_window()
    _ready(w, qtbot)
    assert w.notes is not None
    start = w.document.text.index("种好各自的责任田")  # type: ignore[union-attr]
    w.reader.select_range(start, start + 8)
    w.notes.annotate_selection("yellow")
    revised = tmp_path / "修订稿.txt"
    revised.write_text(SPEECH.read_text(encoding="utf-8").replace("踩准点", "找准点", 1), encoding="utf-8")
    w.library.add_paths([str(revised)])  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: any("新版本" in b.text() for b in _boxes(w)), timeout=30000)
    box = next(b for b in _boxes(w) if "新版本" in b.text())
    assert "1 条笔记" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    store = w.session.store
    assert store is not None
    new_id = next(e.id for e in store.library() if e.path.endswith("修订稿.txt"))
    qtbot.waitUntil(lambda: len(store.annotations(new_id)) == 1, timeout=10000)
    (carried,) = store.annotations(new_id)
    assert carried.exact == "种好各自的责任田" and carried.status == "anchored"


def test_search_every_document_grouped_and_a_hit_opens_its_document(
    make_window, qtbot: QtBot, tmp_path: Path
) -> None:
    w = make_window()
    _ready(w, qtbot)
    _add(w, qtbot, [str(_folder(tmp_path))])
    for b in _boxes(w):
        b.close()
    w.open_search_panel()
    panel = w.search_panel
    assert panel is not None
    panel.scope.setCurrentIndex(panel.scope.findData("library"))
    panel.query_box.setEditText("人民代表大会")
    qtbot.waitUntil(lambda: panel.model.rowCount() >= 2, timeout=30000)
    tops = [panel.model.item(r).text() for r in range(panel.model.rowCount())]
    assert tops[0].endswith("《中华人民共和国宪法》")  # the most occurrences first
    first_doc = panel.model.item(0)
    section = first_doc.child(0)
    hit = section.child(0)
    assert hit is not None and "人民代表大会" in hit.text()
    with qtbot.waitSignal(w.sig_document_shown, timeout=20000):
        panel.results.activated.emit(hit.index())
    assert w.document is not None and w.document.title == "中华人民共和国宪法"
    qtbot.waitUntil(lambda: w.reader.textCursor().selectedText() == "人民代表大会", timeout=10000)


def test_notes_of_a_missing_file_are_exported_from_the_library(
    make_window, qtbot: QtBot, tmp_path: Path
) -> None:
    copy = tmp_path / "讲话.txt"
    copy.write_bytes(SPEECH.read_bytes())
    w = make_window(copy)
    _ready(w, qtbot)
    assert w.notes is not None
    start = w.document.text.index("种好各自的责任田")  # type: ignore[union-attr]
    w.reader.select_range(start, start + 8)
    w.notes.annotate_selection("green")
    w.close_document()
    copy.unlink()
    lib = w.library
    assert lib is not None
    lib.refresh()
    qtbot.waitUntil(
        lambda: bool(lib.model.rows and lib.model.rows[0].missing and lib.model.rows[0].entry.notes),
        timeout=5000,
    )
    out = tmp_path / "导出" / "笔记.docx"
    out.parent.mkdir()
    lib.export_notes(lib.model.rows[0].entry.id, str(out))
    qtbot.waitUntil(out.is_file, timeout=10000)
    from docx import Document as Docx

    texts = [p.text for p in Docx(str(out)).paragraphs]
    assert any("种好各自的责任田" in t for t in texts) and any("推进机关党建" in t for t in texts)


def test_a_double_click_opens_once_and_the_notes_export_is_study_notes(
    make_window, qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtTest import QTest

    w = make_window()
    _ready(w, qtbot)
    lib = w.library
    assert lib is not None
    opened: list[str] = []
    lib.sig_open_path.disconnect()
    lib.sig_open_path.connect(opened.append)
    lib.show_dock()
    view = lib.view.table
    qtbot.waitUntil(
        lambda: view.isVisible() and view.visualRect(lib.view.proxy.index(0, 0)).height() > 0, timeout=5000
    )
    rect = view.visualRect(lib.view.proxy.index(0, 0))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a real double
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # click is both
    assert len(opened) == 1
    start = w.document.text.index("接诉即办")  # type: ignore[union-attr]
    w.reader.select_range(start, start + 4)
    w.notes.annotate_selection("yellow", note="对照")  # type: ignore[union-attr]
    out = tmp_path / "笔记.docx"
    lib.export_notes(w.session.doc_id, str(out))
    qtbot.waitUntil(out.is_file, timeout=10000)
    from docx import Document as Docx

    first = Docx(str(out)).paragraphs[0].text
    assert "学习提纲" not in first and "推进机关党建" in first  # the study notes, not the outline


def test_the_window_signs_a_new_document_once_nothing_else_runs(
    make_window, qtbot: QtBot, monkeypatch, tmp_path: Path
) -> None:
    """Opening leaves the sentence signature out (10 MB: 0.15 s of Python that stretched the
    window's own steps into pauses of 0.2-0.3 s while it built itself); the library feature
    computes it once the window is complete and its search index built, and for a document
    left before that (another opened at once) when it is left, not the one opened."""
    from PySide6.QtCore import QThreadPool

    from desktop_app.core.similarity import signature
    from desktop_app.storage.library import LibraryMixin
    from desktop_app.ui import library_feature

    monkeypatch.setattr(library_feature, "SIGN_AFTER_MS", 20)
    at_register: list[object] = []
    at_signing: list[tuple[bool, int]] = []
    registered = library_feature.LibraryFeature.document_registered
    sign = LibraryMixin.sign_document

    def watched_register(self, doc_id):  # type: ignore[no-untyped-def]
        at_register.append(self.session.store.signature(doc_id))
        registered(self, doc_id)

    def watched_sign(self, doc_id, doc, pause=0.0):  # type: ignore[no-untyped-def]
        # (on the pool: the signing job itself is the one active thread)
        index_ready = window[0].session.index is not None and window[0].session.doc_id == doc_id
        at_signing.append((doc_id, index_ready, QThreadPool.globalInstance().activeThreadCount()))
        assert pause > 0  # beside a window that may still lay a text out: pauses for it
        return sign(self, doc_id, doc, pause)

    window: list = []

    monkeypatch.setattr(library_feature.LibraryFeature, "document_registered", watched_register)
    monkeypatch.setattr(LibraryMixin, "sign_document", watched_sign)
    first, second = tmp_path / "讲话.txt", tmp_path / "另一篇.txt"
    speech = SPEECH.read_text(encoding="utf-8")
    first.write_text(speech + "\n补充的一段，使它成为一份新的文本。", encoding="utf-8")
    second.write_text(speech + "\n另外补充的一段，又是一份新的文本。", encoding="utf-8")
    monkeypatch.setattr(library_feature, "SIGN_TRIES", 10_000)  # (not "anyway" in a slow run)
    w = make_window(first)
    window.append(w)
    qtbot.waitUntil(lambda: bool(w.session.doc_id), timeout=20000)
    w.ensure_chrome()  # (the library feature, told of the open document: not signed for that)
    first_id, first_text = w.session.doc_id, w.document.text  # type: ignore[union-attr]
    assert not at_signing or at_signing[0][1:] == (True, 1)  # (signed already, if idle so soon)
    with qtbot.waitSignal(w.sig_document_shown, timeout=20000):  # left at once for another
        w.open_file(str(second))
    qtbot.waitUntil(lambda: bool(w.session.doc_id) and w.session.doc_id != first_id, timeout=20000)
    store = w.session.store
    assert store is not None
    qtbot.waitUntil(lambda: store.signature(w.session.doc_id) is not None, timeout=20000)
    assert at_register == [None, None]  # registered without it
    # once each: the first when idle or when left, the second once its index is built, alone
    assert [doc_id for doc_id, *_ in at_signing] == [first_id, w.session.doc_id]
    assert at_signing[1][1:] == (True, 1)
    assert store.signature(first_id) == signature(first_text)
    assert store.signature(w.session.doc_id) == signature(w.document.text)  # type: ignore[union-attr]


def test_a_signature_still_due_at_close_is_made_with_the_window_gone(
    make_window, qtbot: QtBot, monkeypatch, tmp_path: Path
) -> None:
    """A document never idle long enough to be signed (its index still building) is signed when
    the notes database closes; the window is off the screen by then (10 MB: ~0.3 s)."""
    from desktop_app.storage.library import LibraryMixin
    from desktop_app.ui import library_feature

    monkeypatch.setattr(library_feature, "SIGN_AFTER_MS", 60_000)  # never idle in this test
    visible_at_signing: list[bool] = []
    sign = LibraryMixin.sign_pending
    window: list = []

    def watched(self, pause=0.0, *, keep=None):  # type: ignore[no-untyped-def]
        if self.signing_due:
            visible_at_signing.append(window[0].isVisible())
        return sign(self, pause, keep=keep)

    monkeypatch.setattr(LibraryMixin, "sign_pending", watched)
    copy = tmp_path / "讲话.txt"
    copy.write_text(SPEECH.read_text(encoding="utf-8") + "\n又一段。", encoding="utf-8")
    w = make_window(copy)
    window.append(w)
    qtbot.waitUntil(lambda: bool(w.session.doc_id), timeout=20000)
    doc_id, path = w.session.doc_id, w.session.store.path  # type: ignore[union-attr]
    assert w.session.store.signature(doc_id) is None  # type: ignore[union-attr]
    w.close()
    assert visible_at_signing == [False]
    with NotesStore(path) as store:
        assert store.signature(doc_id) is not None
