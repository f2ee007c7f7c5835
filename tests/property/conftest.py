"""The property tests' report: how many examples each property ran (see ``profile.py``)."""

from __future__ import annotations

import pytest

from tests.property.profile import COUNTS, PROFILE


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not COUNTS:
        return
    terminalreporter.section(f"property cases (hypothesis profile {PROFILE!r})")
    for name, n in sorted(COUNTS.items()):
        terminalreporter.write_line(f"{n:7d}  {name}")
    terminalreporter.write_line(f"{sum(COUNTS.values()):7d}  in all")
