"""Start-up tracing: ``YANDU_TRACE_STARTUP=1`` prints phase times (ms since our first import) to stderr."""

from __future__ import annotations

import os
import sys
import time

_T0 = time.perf_counter()
ENABLED = bool(os.environ.get("YANDU_TRACE_STARTUP"))


def mark(label: str) -> None:
    if ENABLED:
        print(f"[startup] {(time.perf_counter() - _T0) * 1000:7.1f} ms  {label}", file=sys.stderr, flush=True)
