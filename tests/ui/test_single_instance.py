"""A second start on the same data folder hands its file to the running window and exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop_app.paths import data_dir
from desktop_app.ui.single_instance import SingleInstance
from tests.conftest import ROOT


def test_second_copy_forwards_its_file(make_window, qtbot: QtBot, tmp_path: Path) -> None:
    w = make_window()
    primary = SingleInstance(data_dir())
    assert primary.try_become_primary()
    primary.start_server()
    primary.sig_open_requested.connect(w.open_requested)
    other = tmp_path / "other.txt"
    other.write_text("另一份\n一、甲\n正文。\n二、乙\n正文。", encoding="utf-8")

    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir()), str(other)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    with qtbot.waitSignal(w.sig_document_shown, timeout=20000):
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20000)
    _out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert "已在运行" in err
    assert w.document.path == str(other.resolve())
    primary.release()


def test_lock_is_free_again_after_release() -> None:
    a = SingleInstance(data_dir())
    assert a.try_become_primary()
    b = SingleInstance(data_dir())
    assert not b.try_become_primary()
    assert not b.forward("", timeout=0.3)  # nobody listens: the caller runs on its own
    assert list((data_dir() / "inbox").glob("*.open")) == []  # and the request was withdrawn
    a.release()
    assert b.try_become_primary()
    b.release()


def test_a_second_start_hands_over_a_file_whose_name_is_not_utf8(tmp_path, qtbot) -> None:
    """A GBK file name (lone surrogates in Python) made the second start end with exit 70."""
    import threading

    from tests.hostile import gbk_named_file

    gbk = str(gbk_named_file(tmp_path))
    a = SingleInstance(data_dir())
    assert a.try_become_primary()
    a.start_server()
    b = SingleInstance(data_dir())
    assert not b.try_become_primary()
    taken: list[bool] = []
    with qtbot.waitSignal(a.sig_open_requested, timeout=10000) as signal:
        worker = threading.Thread(target=lambda: taken.append(b.forward(gbk, timeout=8)))
        worker.start()
    worker.join()
    assert taken == [True]
    assert signal.args == [gbk]  # the very same name, bytes and all
    a.release()
