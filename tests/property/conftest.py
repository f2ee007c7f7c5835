"""The property tests' report: how many examples each property ran (see ``profile.py``)."""

from __future__ import annotations

import pytest

from tests.property.profile import report


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    report(terminalreporter)
