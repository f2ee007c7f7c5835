"""StepsPerTurn: one step per event-loop turn, the rest at once on demand, then once."""

from __future__ import annotations

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from desktop_app.ui.steps import StepsPerTurn


def test_one_step_per_turn_then_the_latest_then_once(qtbot: QtBot) -> None:
    owner = QObject()
    ran: list[str] = []
    steps = StepsPerTurn([lambda: ran.append("a"), lambda: ran.append("b"), lambda: ran.append("c")], owner)
    steps.start(then=lambda: ran.append("first then"))
    assert ran == ["a"] and steps.pending == 2  # the first now, the others later
    steps.start(then=lambda: ran.append("second then"))  # already running: only the callback changes
    assert ran == ["a"]
    qtbot.waitUntil(lambda: steps.pending == 0 and "second then" in ran, timeout=2000)
    qtbot.wait(20)
    assert ran == ["a", "b", "c", "second then"]


def test_finish_now_runs_what_is_left_and_the_chain_still_ends(qtbot: QtBot) -> None:
    owner = QObject()
    ran: list[str] = []
    steps = StepsPerTurn([lambda: ran.append("a"), lambda: ran.append("b"), lambda: ran.append("c")], owner)
    steps.start(then=lambda: ran.append("then"))
    steps.finish_now()
    assert ran == ["a", "b", "c"]
    qtbot.waitUntil(lambda: "then" in ran, timeout=2000)
    qtbot.wait(20)
    assert ran == ["a", "b", "c", "then"]


def test_a_failing_step_does_not_stop_the_others(qtbot: QtBot) -> None:
    owner = QObject()
    ran: list[str] = []

    def broken() -> None:
        raise RuntimeError("broke")

    steps = StepsPerTurn([broken, lambda: ran.append("b")], owner)
    with qtbot.capture_exceptions() as raised:
        try:
            steps.start(then=lambda: ran.append("then"))
        except RuntimeError:
            ran.append("raised")  # the first step runs inside start()
        qtbot.waitUntil(lambda: "then" in ran, timeout=2000)
    assert ran == ["raised", "b", "then"]
    assert not raised
