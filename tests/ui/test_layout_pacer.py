"""LayoutPacer (ui/layout_pacer.py) on real QTextEdits offscreen: a long text laid out in short
slices, to the same result as Qt's own layout, again after a new width, and in the reader."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot

from desktop_app.ui.layout_pacer import LayoutPacer

PARAGRAPH = "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，推动高质量发展。" * 6


def long_text(chars: int) -> str:
    lines = []
    total = 0
    k = 0
    while total < chars:
        line = f"（{k}）{PARAGRAPH}"
        lines.append(line)
        total += len(line) + 1
        k += 1
    return "\n".join(lines)


def full_height(text: str, width: float, font) -> float:
    """The height Qt's own layout gives the text at ``width``, laid out whole at once."""
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setPlainText(text)
    doc.setTextWidth(width)
    return doc.documentLayout().documentSize().height()


def show_text(qtbot: QtBot, text: str, pacer: LayoutPacer | None) -> tuple[QTextEdit, list[float]]:
    """A QTextEdit given ``text``; the gaps between 2 ms ticks of the event loop are recorded."""
    view = QTextEdit()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer(view, interval=2)
    timer.timeout.connect(tick)
    doc = QTextDocument(view)
    doc.setDefaultFont(view.font())
    doc.setPlainText(text)
    view.setDocument(doc)
    if pacer is not None:
        pacer.setParent(view)
        pacer.follow(doc)
    last[0] = time.perf_counter()
    timer.start()
    return view, gaps


def laid_out_to_the_end(view: QTextEdit) -> bool:
    doc = view.document()
    return doc.lastBlock().layout().lineCount() > 0


def test_a_long_text_is_laid_out_in_short_slices_to_qts_own_result(qtbot: QtBot) -> None:
    text = long_text(1_000_000)
    # Qt alone: steps doubling to 200,000 characters, one per timer tick
    view, qt_gaps = show_text(qtbot, text, None)
    qtbot.waitUntil(lambda: laid_out_to_the_end(view), timeout=60_000)
    qtbot.wait(50)
    # the pacer: the same text in slices of a few milliseconds
    pacer = LayoutPacer()
    sizes: list[float] = []
    paced, gaps = show_text(qtbot, text, pacer)
    paced.document().documentLayout().documentSizeChanged.connect(lambda s: sizes.append(s.height()))
    qtbot.waitUntil(lambda: pacer.active, timeout=5_000)
    qtbot.waitUntil(lambda: not pacer.active, timeout=60_000)
    assert laid_out_to_the_end(paced)
    width = paced.document().textWidth()
    assert paced.document().documentLayout().documentSize().height() == full_height(text, width, paced.font())
    # the scroll range grew as the text was laid out (announced ten times a second, not on every
    # slice: each announcement runs the view's slots): the sizes timer was never held back
    assert len(sizes) >= 5 and sizes == sorted(sizes)
    assert paced.verticalScrollBar().maximum() > 100 * paced.viewport().height()
    # Qt's own steps (doubling to 200,000 characters, 0.1 s each) did not run: its layout timer
    # reached Qt once, to be recognised, and was held back from then on.  (How long the window
    # pauses is measured by benchmarks/scale_search.py, not timed here.)
    assert pacer.let_through == 1 and pacer.held > 10
    assert len(gaps) > 10 and len(qt_gaps) > 0


def test_a_new_width_is_laid_out_again_in_slices(qtbot: QtBot) -> None:
    text = long_text(400_000)
    pacer = LayoutPacer()
    view, _gaps = show_text(qtbot, text, pacer)
    qtbot.waitUntil(lambda: pacer.active, timeout=5_000)
    qtbot.waitUntil(lambda: not pacer.active, timeout=60_000)
    view.resize(450, 500)  # Qt starts over: the pacer finds its layout timer again
    qtbot.waitUntil(lambda: pacer.active, timeout=5_000)
    qtbot.waitUntil(lambda: not pacer.active, timeout=60_000)
    assert pacer.let_through == 2  # once per layout run
    width = view.document().textWidth()
    assert view.document().documentLayout().documentSize().height() == full_height(text, width, view.font())
    pacer.follow(None)  # let go: Qt's timers reach the layout again
    view.resize(600, 500)
    qtbot.waitUntil(lambda: laid_out_to_the_end(view), timeout=60_000)
    assert not pacer.active


def test_the_reader_paces_a_long_document(make_window, tmp_path: Path, qtbot: QtBot) -> None:
    path = tmp_path / "长文.txt"
    path.write_text("关于加强学习的报告\n" + long_text(300_000), encoding="utf-8")
    window = make_window(path)
    pacer = window.reader._pacer
    assert pacer is not None
    qtbot.waitUntil(lambda: not pacer.active and laid_out_to_the_end(window.reader), timeout=60_000)
    last = window.reader.document().lastBlock()
    assert window.reader.document().documentLayout().blockBoundingRect(last).bottom() > 10_000
