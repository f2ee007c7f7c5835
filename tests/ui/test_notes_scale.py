"""A document with 10,000 notes in the real window (issue 14): every highlight is drawn, the
notes are read off the UI thread, Qt is handed only the marks around the view, and the window
keeps answering while it opens.  Real widgets, a real SQLite file in the isolated data folder."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer
from pytestqt.qtbot import QtBot

from desktop_app.core.annotations import COLORS, new_annotation
from desktop_app.core.loader import load_document
from desktop_app.storage.notes_store import NotesStore
from desktop_app.ui import notes_loading, reader_view
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import Settings

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
NOTES = 10_000


@pytest.fixture
def annotated(tmp_path: Path) -> tuple[Path, list[tuple[int, int]]]:
    """A ~370 KB text (the corpus twice) with 10,000 highlights spread over it, stored."""
    text = "\n".join(p.read_text(encoding="utf-8").strip() for p in sorted(CORPUS.glob("*.txt")))
    path = tmp_path / "many_notes.txt"
    path.write_text(text + "\n" + text, encoding="utf-8")
    doc = load_document(path)
    n = len(doc.text)
    spans = [((i * (n - 8)) // NOTES, (i * (n - 8)) // NOTES + 5) for i in range(NOTES)]
    with NotesStore() as store:
        doc_id = store.open_document(doc)
        store.upsert_many(
            [
                new_annotation(
                    doc, s, e, color=COLORS[i % 5].key, note="批注" if i % 3 == 0 else "", doc_id=doc_id
                )
                for i, (s, e) in enumerate(spans)
            ],
        )
    return path, spans


def _long_text(tmp_path: Path) -> Path:
    """The corpus 24 times: a text of ~2.8 million characters, laid out over seconds."""
    text = "\n".join(p.read_text(encoding="utf-8").strip() for p in sorted(CORPUS.glob("*.txt")))
    path = tmp_path / "long.txt"
    path.write_text("\n".join([text] * 24), encoding="utf-8")
    return path


def _occurrences(text: str, word: str, most: int) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    i = text.find(word)
    while i >= 0 and len(found) < most:
        found.append((i, i + len(word)))
        i = text.find(word, i + len(word))
    return found


def _painted_at(reader: object, offset: int) -> bool:
    """A mark the reader paints covers the character at ``offset`` (on screen): a fill over it
    or a line under it, at its place on its line."""
    from PySide6.QtGui import QTextCursor

    block = reader.document().findBlock(offset)  # type: ignore[attr-defined]
    if offset == block.position() + block.length() - 1:  # a line's end: nothing there to paint
        offset += 1
    cursor = QTextCursor(reader.document())  # type: ignore[attr-defined]
    cursor.setPosition(offset)
    at = reader.cursorRect(cursor)  # type: ignore[attr-defined]
    x = at.left() + 2
    return any(
        rect.left() <= x <= rect.right() and at.top() - 2 <= rect.top() <= at.bottom() + 4
        for rect, _colour, _kind in reader.mark_shapes()  # type: ignore[attr-defined]
    )


def _on_screen(reader: object, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    bar = reader.verticalScrollBar().value()  # type: ignore[attr-defined]
    top = reader.offset_at_y(bar)  # type: ignore[attr-defined]
    bottom = reader.offset_at_y(bar + reader.viewport().height() - 30)  # type: ignore[attr-defined]
    return [(s, e) for s, e in spans if top <= s < bottom]


def _open_shown(qtbot: QtBot, path: Path) -> MainWindow:
    """A shown window that has opened ``path`` (its document shown)."""
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    w.resize(1100, 700)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(w.sig_document_shown, timeout=60000):
        w.open_file(str(path))
    return w


def _open_with_probe(qtbot: QtBot, path: Path) -> tuple[MainWindow, float]:
    """Open ``path`` in a shown window with a 5 ms timer on the UI thread, from before the
    opening until the notes are all read; the longest gap between its ticks."""
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    w.resize(1100, 700)
    w.show()
    qtbot.waitExposed(w)
    clock = QElapsedTimer()
    clock.start()
    last, worst = [clock.elapsed()], [0]

    def tick() -> None:
        now = clock.elapsed()
        worst[0] = max(worst[0], now - last[0])
        last[0] = now

    probe = QTimer()
    probe.setInterval(5)
    probe.timeout.connect(tick)
    probe.start()
    last[0] = clock.elapsed()
    with qtbot.waitSignal(w.sig_document_shown, timeout=60000):
        w.open_file(str(path))
    qtbot.waitUntil(lambda: w.notes is not None and not w.notes._lists_pending, timeout=60000)
    qtbot.wait(50)
    probe.stop()
    return w, worst[0] / 1000


def test_ten_thousand_notes_all_drawn_and_read_off_the_ui_thread(
    qtbot: QtBot, annotated: tuple[Path, list[tuple[int, int]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, spans = annotated
    threads: list[str] = []
    real = notes_loading.load_marks

    def recording(*args: object) -> object:
        threads.append(threading.current_thread().name)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(notes_loading, "load_marks", recording)
    w, _ = _open_with_probe(qtbot, path)
    try:
        assert threads and threading.main_thread().name not in threads  # read on a worker
        # every highlight is the view's, in its place
        assert sorted((m.start, m.end) for m in w.reader.marks()) == sorted(spans)
        assert len(w.notes.annotations) == NOTES
        # painted by the reader under the lines on screen: Qt is handed none of them
        assert w.reader.extraSelections() == []
        on_screen = _on_screen(w.reader, spans)
        assert on_screen
        qtbot.waitUntil(lambda: not w.reader.marks_waiting, timeout=20000)
        for start, _end in on_screen:
            assert _painted_at(w.reader, start), start
        # scrolled to the end, the marks there are painted
        w.reader.verticalScrollBar().setValue(w.reader.verticalScrollBar().maximum())
        qtbot.waitUntil(lambda: _painted_at(w.reader, spans[-1][0]), timeout=20000)
        # a mark is found by offset (tooltips) without walking them all
        s = spans[NOTES // 2][0]
        found = w.reader.mark_at(s)
        assert found is not None and found.start <= s < found.end
    finally:
        w.close()


def test_window_answers_while_ten_thousand_notes_open(
    qtbot: QtBot, annotated: tuple[Path, list[tuple[int, int]]]
) -> None:
    """Before: one stall of ~0.8 s after the first paint (every ExtraSelection made and the
    notes read on the UI thread).  The bound is generous (a busy machine); the goal is 0.1 s."""
    path, _ = annotated
    # the best of three opens: a busy CI machine may pause any one of them, while the stall this
    # guards against (~0.8 s, every time) would be in all three
    worsts = []
    for _attempt in range(3):
        w, worst = _open_with_probe(qtbot, path)
        w.close()
        worsts.append(worst)
        if worst < 0.45:
            break
    assert min(worsts) < 0.45, f"the window stalled {[round(x, 3) for x in worsts]} s"


def test_changing_a_note_before_the_records_are_read(
    qtbot: QtBot, annotated: tuple[Path, list[tuple[int, int]]]
) -> None:
    """The marks come first, the records later: a highlight made in between is kept, with
    every other note (the records are read at once when wanted)."""
    path, spans = annotated
    w = _open_shown(qtbot, path)
    try:
        w.reader.select_range(spans[0][1] + 1, spans[0][1] + 3)
        saved = w.notes.annotate_selection("green")
        assert saved is not None
        assert len(w.notes.annotations) == NOTES + 1
        assert len(w.reader.marks()) == NOTES + 1
        qtbot.wait(300)  # a worker's late answer does not undo it
        assert len(w.notes.annotations) == NOTES + 1
    finally:
        w.close()


def test_a_long_texts_marks_are_painted_before_its_layout_ends(tmp_path: Path, qtbot: QtBot) -> None:
    """A long text's highlights are painted while it is still being laid out (as Qt's
    selections they waited for the whole layout: one that spans lines makes Qt lay the whole
    text out at once on the UI thread), and follow the lines when they wrap anew."""
    path = _long_text(tmp_path)  # ~2.8 million characters
    w = _open_shown(qtbot, path)
    reader = w.reader
    qdoc = reader.document()
    n = qdoc.characterCount()
    assert n >= reader_view.SHORT_TEXT
    spans = [((i * (n - 60)) // 3000, (i * (n - 60)) // 3000 + 9 + i % 50) for i in range(3000)]
    colours = [c.key for c in COLORS]
    marks = [reader_view.Mark(str(i), s, e, colours[i % 5]) for i, (s, e) in enumerate(spans)]
    assert qdoc.lastBlock().layout().lineCount() == 0  # the layout has far to go (2.8 M characters)
    reader.show_annotations(marks, ordered=True)  # as the notes feature does when they are read
    qtbot.waitUntil(lambda: not reader.marks_waiting, timeout=5000)  # painted
    assert qdoc.lastBlock().layout().lineCount() == 0  # painting them laid nothing more out
    on_screen = _on_screen(reader, spans)
    assert on_screen
    for start, _end in on_screen:
        assert _painted_at(reader, start), start
    line_height = qdoc.firstBlock().layout().lineAt(0).height()
    assert all(rect.height() <= line_height + 1 for rect, _c, _k in reader.mark_shapes())  # a line each
    # a narrower column: the lines wrap anew, and the marks are painted where they now are
    width = qdoc.textWidth()
    w.resize(w.width() - 250, w.height())
    qtbot.waitUntil(lambda: qdoc.textWidth() != width, timeout=20000)
    qtbot.wait(100)
    for start, _end in _on_screen(reader, spans):
        assert _painted_at(reader, start), start


def test_a_long_texts_marks_come_back_soon_after_a_zoom(tmp_path: Path, qtbot: QtBot) -> None:
    """A zoom builds the text anew: its marks are painted as soon as the lines on screen are
    laid out, not when the whole text is."""
    path = _long_text(tmp_path)  # ~2.8 million characters
    w = _open_shown(qtbot, path)
    reader = w.reader
    n = reader.document().characterCount()
    colours = [c.key for c in COLORS]
    marks = [reader_view.Mark(str(i), s, s + 12, colours[i % 5]) for i, s in enumerate(range(0, n - 20, 300))]
    reader.show_annotations(marks, ordered=True)
    qtbot.waitUntil(lambda: bool(reader.mark_shapes()), timeout=5000)
    old = reader.document()
    w.set_zoom(1.2)  # the text is built again on a worker and handed to the view
    qtbot.waitUntil(lambda: reader.document() is not old, timeout=20000)
    qtbot.waitUntil(lambda: bool(reader.mark_shapes()), timeout=20000)
    assert reader.document().lastBlock().layout().lineCount() == 0  # long before the end is laid out
    spans = [(m.start, m.end) for m in marks]
    for start, _end in _on_screen(reader, spans):
        assert _painted_at(reader, start), start


def test_find_results_in_a_long_text_do_not_lay_it_all_out_at_once(tmp_path: Path, qtbot: QtBot) -> None:
    """The find bar's results while a long text is still being laid out: those in what is laid
    out are shown at once, each within a line, the rest as the layout reaches them (a result
    beyond the layout or across lines made Qt lay the whole text out on the UI thread)."""
    path = _long_text(tmp_path)  # ~2.8 million characters
    w = _open_shown(qtbot, path)
    reader, qdoc = w.reader, w.reader.document()
    plain = qdoc.toPlainText()
    matches = _occurrences(plain, "发展", 4000)
    assert qdoc.lastBlock().layout().lineCount() == 0
    assert qdoc.findBlock(matches[-1][0]).layout().lineCount() == 0
    reader.show_matches(matches, 0, reveal=False)
    assert qdoc.findBlock(matches[-1][0]).layout().lineCount() == 0  # not laid out up to them
    first = len(reader.extraSelections())
    assert 0 < first < len(matches)
    qtbot.waitUntil(lambda: len(reader.extraSelections()) > first, timeout=30000)  # more as it grows
    qtbot.waitUntil(lambda: len(reader.extraSelections()) >= len(matches), timeout=120000)


def test_opening_another_document_after_highlighting_drops_qts_old_selections(
    make_window, qtbot: QtBot, tmp_path: Path
) -> None:
    """Qt keeps extra selections across setDocument: their cursors outlived the old document
    (deleted a moment later) and the next update crashed the program."""
    w = make_window()
    w.ensure_chrome()
    qtbot.waitUntil(lambda: w.notes is not None and not w.notes.marks_pending, timeout=20000)
    w.reader.select_range(100, 110)
    assert w.notes.annotate_selection("yellow")
    w.open_find_bar()
    w.find_bar.edit.setText("党建")  # find results are Qt's selections
    qtbot.waitUntil(lambda: bool(w.reader.extraSelections()), timeout=3000)
    other = tmp_path / "other.txt"
    other.write_text("另一份文件。\n" + "坚持发展。" * 200, encoding="utf-8")
    with qtbot.waitSignal(w.sig_document_shown, timeout=20000):
        w.open_file(str(other))
    qtbot.wait(300)  # the old document is deleted; the window goes on updating
    assert w.reader.mark_shapes() == []  # the other document has no notes
    w.reader.viewport().repaint()


def test_find_results_of_a_long_text_neither_follow_it_into_a_rebuild_nor_a_rewrap(
    tmp_path: Path, qtbot: QtBot
) -> None:
    """Results shown on a long text: a zoom (a new document) or a narrower window (new lines)
    must not make Qt lay the text out up to the old results' places."""
    path = _long_text(tmp_path)  # ~2.8 million characters
    w = _open_shown(qtbot, path)
    reader = w.reader
    qtbot.waitUntil(lambda: reader.document().lastBlock().layout().lineCount() > 0, timeout=120000)
    plain = reader.document().toPlainText()
    matches = _occurrences(plain, "发展", 4000)
    n = reader.document().characterCount()
    colours = [c.key for c in COLORS]
    reader.show_annotations(
        [reader_view.Mark(str(k), s, s + 12, colours[k % 5]) for k, s in enumerate(range(0, n - 20, 300))],
        ordered=True,
    )
    reader.show_matches(matches, 0, reveal=False)  # all laid out: all of them at once
    assert len(reader.extraSelections()) >= len(matches)
    qdoc = reader.document()
    width = qdoc.textWidth()
    w.resize(w.width() - 250, w.height())  # the lines wrap anew, laid out from the top again
    qtbot.waitUntil(lambda: qdoc.textWidth() != width, timeout=20000)
    qtbot.wait(100)
    bar = reader.verticalScrollBar()
    bar.setValue(bar.value() + 2000)  # other lines painted, other results near
    qtbot.wait(50)
    assert qdoc.findBlock(matches[-1][0]).layout().lineCount() == 0  # not laid out up to them
    old = qdoc
    w.set_zoom(1.2)  # a new document is built and handed over
    qtbot.waitUntil(lambda: reader.document() is not old, timeout=30000)
    qtbot.wait(50)
    assert reader.document().findBlock(matches[-1][0]).layout().lineCount() == 0


def test_find_results_are_added_as_the_layout_grows_not_made_again(tmp_path: Path, qtbot: QtBot) -> None:
    path = _long_text(tmp_path)  # ~2.8 million characters
    w = _open_shown(qtbot, path)
    reader = w.reader
    plain = reader.document().toPlainText()
    matches = _occurrences(plain, "发展", 4000)
    reader.show_matches(matches, 0, reveal=False)
    first = list(reader._layers["find"])
    assert 0 < len(first) < len(matches)
    qtbot.waitUntil(lambda: len(reader._layers["find"]) > len(first), timeout=30000)
    later = reader._layers["find"]
    assert all(a is b for a, b in zip(first, later, strict=False))  # the ones made stay, new ones appended


def test_the_records_are_read_after_the_marks_are_painted_or_soon_without_a_paint(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The records wait for the marks' first paint (their reading would slow it), but never
    for a paint that does not come (the view not updating): they follow a moment later."""
    path = tmp_path / "few.txt"
    path.write_text("标题\n一、甲\n" + "正文正文正文。" * 40, encoding="utf-8")
    doc = load_document(path)
    with NotesStore() as store:
        doc_id = store.open_document(doc)
        store.upsert_many(
            [new_annotation(doc, 10 + 7 * i, 14 + 7 * i, color="green", doc_id=doc_id) for i in range(5)]
        )
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    w.resize(1100, 700)
    w.show()
    qtbot.waitExposed(w)
    w.sig_first_paint.connect(lambda: w.reader.viewport().setUpdatesEnabled(False))  # no more paints
    w.open_file(str(path))
    qtbot.waitUntil(lambda: w.notes is not None and len(w.reader.marks()) == 5, timeout=20000)
    assert w.reader.marks_waiting and w.notes._lists_pending  # not painted: the records wait
    qtbot.waitUntil(lambda: not w.notes._lists_pending, timeout=5000)  # ... not for ever
    assert w.reader.marks_waiting
    assert len(w.notes.annotations) == 5
    w.reader.viewport().setUpdatesEnabled(True)
    qtbot.waitUntil(lambda: not w.reader.marks_waiting, timeout=5000)
    w.close()
