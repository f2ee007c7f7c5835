"""Hypothesis settings for the property tests: a CI-sized run by default, a long run for releases.

``YANDU_HYPOTHESIS_PROFILE=release python3 -m pytest tests/property tests/faults`` runs every
property ``RELEASE_FACTOR`` times as many examples, randomised (a new seed each run); the
default ("ci") profile is derandomised (the same examples every run, no example database),
so a CI failure reproduces exactly on any machine.

Each property counts the examples it really ran; ``tests/property/conftest.py`` prints the
counts at the end of the run ("property cases: ...").
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, Phase, settings

PROFILE = os.environ.get("YANDU_HYPOTHESIS_PROFILE", "ci")
if PROFILE not in ("ci", "release"):
    raise RuntimeError(f"YANDU_HYPOTHESIS_PROFILE must be 'ci' or 'release', not {PROFILE!r}")
RELEASE_FACTOR = 20

COUNTS: Counter[str] = Counter()

# For a property marked xfail (a known bug): stop at the first failing example, do not shrink it
# (its minimal input is in the reason already; shrinking costs thousands of runs).
NO_SHRINK = (Phase.explicit, Phase.generate)

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


def examples(n_ci: int) -> int:
    """How many examples a property with ``n_ci`` examples in CI runs in this profile."""
    return n_ci * RELEASE_FACTOR if PROFILE == "release" else n_ci


def prop(n_ci: int, **overrides: Any) -> Callable[[Any], Any]:
    """Settings for one property (put it above ``@given``); counts the examples run."""

    def decorate(test: Any) -> Any:
        inner = test.hypothesis.inner_test
        name = test.__name__

        @functools.wraps(inner)
        def counted(*args: Any, **kwargs: Any) -> Any:
            COUNTS[name] += 1
            return inner(*args, **kwargs)

        test.hypothesis.inner_test = counted
        return settings(
            max_examples=examples(n_ci),
            deadline=None,
            derandomize=PROFILE == "ci",
            database=None,
            print_blob=True,
            suppress_health_check=_HEALTH,
            **overrides,
        )(test)

    return decorate


_reported: list[bool] = []


def report(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """Print the counts once (tests/property and tests/faults both call this at the end)."""
    if not COUNTS or _reported:
        return
    _reported.append(True)
    terminalreporter.section(f"property cases (hypothesis profile {PROFILE!r})")
    for name, n in sorted(COUNTS.items()):
        terminalreporter.write_line(f"{n:7d}  {name}")
    terminalreporter.write_line(
        f"{sum(COUNTS.values()):7d}  in all (calls of each test body, assume() rejections included)"
    )
