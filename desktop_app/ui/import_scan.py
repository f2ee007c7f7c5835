"""Spare PySide's reading of every module's source at import.

Once ``PySide6.QtCore`` is imported, shiboken replaces ``__import__`` and, for each
module imported afterwards, asks ``shibokensupport.feature._mod_uses_pyside``, which
reads the module's whole source (``inspect.getsource``) to look for the word
"PySide6".  The answer only decides the module's default for PySide's optional
``from __feature__ import snake_case, true_property`` switch: 0 ("no feature") for a
module that uses PySide, -1 ("not a PySide module") for any other.

Started from source, the window imports some 60 of our modules and 20 of the standard
library's before its first paint: reading them cost ~13 ms of a ~280 ms start (the
window's imports timed in 20 fresh processes each way, interleaved; medians).  Both answers are
known without reading: our modules use no ``__feature__`` (0 is exact for those that
use PySide, and for the others the value is never consulted), and the standard library
never imports PySide (-1).  Every other module is still asked the original way, so a
third-party module that switches features behaves as PySide intends.

If a PySide release renames the hook, nothing is changed and the start is as before
(``tests/ui/test_import_scan.py`` notices, so the pin can be looked at).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

OUR_PACKAGE = "desktop_app"


def _answer_by_name(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    stdlib = sys.stdlib_module_names

    def uses_pyside(module: ModuleType) -> bool:
        top = str(getattr(module, "__name__", "")).partition(".")[0]
        if top == OUR_PACKAGE:
            return True
        if top in stdlib:
            return False
        return original(module)

    uses_pyside.__wrapped__ = original  # type: ignore[attr-defined]
    return uses_pyside


def spare_source_reads() -> bool:
    """Answer PySide's question for our and the standard library's modules by their names.

    Returns whether the hook was found (and is now answered by name); idempotent."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False
    if not hasattr(original, "__wrapped__"):
        feature._mod_uses_pyside = _answer_by_name(original)  # type: ignore[attr-defined]
    return True
