"""A document whose file name is not valid UTF-8 (GBK bytes, as Windows zips unpack on Linux)
opens in the window, takes notes, and comes back from 最近打开 and at the next start (#11, 5)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.ui.settings import Settings
from tests.ui.test_notes import select_text

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows file names are UTF-16")


def gbk_named(folder: Path) -> Path:
    raw = os.path.join(os.fsencode(folder), "讲话稿".encode("gbk") + b".txt")
    with open(raw, "wb") as f:
        f.write("关于做好学习的通知\n一、总体要求\n认真学习，深入领会。\n二、工作安排\n按时完成。".encode())
    return Path(os.fsdecode(raw))


def test_a_gbk_named_document_opens_takes_notes_and_is_remembered(
    make_window, qtbot: QtBot, tmp_path: Path
) -> None:
    path = gbk_named(tmp_path)
    assert "\udc00" <= str(path)[-6] <= "\udcff"  # really not valid UTF-8
    w = make_window()
    with qtbot.waitSignal(w.sig_document_shown, timeout=5000):
        w.open_file(str(path))
    assert w.toc.model.index(0, 0).data() == "一、总体要求"
    select_text(w, "深入领会")
    w.notes.annotate_selection("yellow")
    assert [a.exact for a in w.notes.annotations] == ["深入领会"]
    w.notes.show_panel()
    # remembered with its bytes (Qt's settings would drop the undecodable characters)
    assert Settings().last_file == str(path)
    menu = w.actions_.recent_menu
    menu.aboutToShow.emit()
    entry = next(a for a in menu.actions() if a.text().endswith("讲话稿.txt"))  # its GBK name, readable
    assert "\ufffd" not in entry.toolTip()
    w.close()
    w2 = make_window(path)
    assert [a.exact for a in w2.notes.annotations] == ["深入领会"]
