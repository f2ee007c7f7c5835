"""Note cards: a passage, its note and source as a picture and as text (for a chat)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop_app.core.loader import load_document
from desktop_app.ui.note_card import WIDTH, card_text, render_card
from tests.conftest import SPEECH


def _passage(doc, quote: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    i = doc.text.index(quote)
    return doc.text.rfind("。", 0, i) + 1, doc.text.find("。", i) + 1


def test_the_card_as_text_and_as_a_picture(qapp: object) -> None:
    doc = load_document(SPEECH)
    start, end = _passage(doc, "种好各自的责任田")
    text = card_text(doc, start, end, "落到每个人")
    quote, note, source = text.split("\n")
    assert (
        quote.startswith("“上述做法启示我们，") and "‘国之大者’" in quote
    )  # full-width, inner quotes single
    assert note == "落到每个人" and source.startswith("——李彦来《推进机关党建") and "第一条经验" in source
    image = render_card(doc, start, end, "落到每个人", scale=2.0)
    assert image.width() == WIDTH * 2 and 300 < image.height() < 1600
    corner, inside = (
        image.pixelColor(1, image.height() // 2 + 40),
        image.pixelColor(image.width() // 2, image.height() - 30),
    )
    assert inside.name() == "#fbf8f1"  # the card's paper
    band = image.pixelColor(image.width() // 2, 4)
    assert band.red() > 120 and band.green() < 60  # the accent band along the top
    dark = sum(
        1
        for x in range(0, image.width(), 7)
        for y in range(80, 300, 7)
        if image.pixelColor(x, y).lightness() < 100
    )
    assert dark > 200  # the passage is drawn (glyphs, not an empty card)
    assert corner.alpha() >= 0


def test_copied_from_the_selection_and_the_notes_panel(make_window, qtbot: QtBot) -> None:
    w = make_window()
    w.ensure_chrome()
    start, end = _passage(w.document, "接诉即办")
    w.reader.select_range(start, end)
    w.notes.annotate_selection("yellow", note="对照本单位")
    w.reader.select_range(start, end)
    w.notes.toolbar.sig_card.emit()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasImage() and "对照本单位" in mime.text() and "接诉即办" in mime.text()
    QGuiApplication.clipboard().clear()
    ann = w.notes.annotations[0]
    w.notes.panel.sig_card_requested.emit(ann.id)
    assert QGuiApplication.clipboard().mimeData().hasImage()
    assert "笔记卡片" in w.statusBar().currentMessage()


def test_a_passage_of_several_paragraphs_keeps_the_note_after_it(qapp: object) -> None:
    doc = load_document(SPEECH)
    start = doc.paragraphs[5].start
    end = doc.paragraphs[6].end
    quote_lines, note, source = card_text(doc, start, end, "两段话的笔记").rsplit("\n", 2)
    assert note == "两段话的笔记" and source.startswith("——")
    assert "\n" in quote_lines and quote_lines.startswith("“")  # the whole passage first


def test_quitting_with_a_card_on_the_clipboard_exits_cleanly(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A real process: a card copied, then the application quits (it used to crash on exit)."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    script = (
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtCore import QTimer\n"
        "app = QApplication([])\n"
        "from desktop_app.core.loader import load_document\n"
        "from desktop_app.ui.note_card import copy_card\n"
        f"doc = load_document({str(SPEECH)!r})\n"
        "copy_card(doc, 0, 20, 'note')\n"
        "QTimer.singleShot(0, app.quit)\n"
        "app.exec()\n"
        "print('quit')\n"
    )
    import os

    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "YANDU_DATA_DIR": str(tmp_path),
    }
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0 and "quit" in r.stdout, (r.returncode, r.stderr[-500:])


def test_a_notes_card_saved_as_a_png_file(make_window, qtbot: QtBot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    w = make_window()
    w.ensure_chrome()
    start, end = _passage(w.document, "踩准点")
    w.reader.select_range(start, end)
    w.notes.annotate_selection("green", note="卡片")
    ann = w.notes.annotations[0]
    saved = w.notes.save_card(ann.id, str(tmp_path / "卡片"))  # no suffix: .png added
    assert saved == tmp_path / "卡片.png" and saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(saved))
    assert image.width() == 1440 and image.height() > 300
    said: list[str] = []
    w.notes.sig_message.disconnect()  # (the window shows it in a box; here it is read)
    w.notes.sig_message.connect(said.append)
    bad = w.notes.save_card(ann.id, str(tmp_path / "不存在的文件夹" / "x.png"))
    assert bad is None and len(said) == 1 and "不存在的文件夹" in said[0] and "Traceback" not in said[0]
