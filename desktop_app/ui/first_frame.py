"""What the code before the first paint may touch, and the Qt values it spells as numbers.

PySide6 builds the Python enums of Qt's ``Qt`` namespace (about 90 of them:
``Qt.Key``, ``Qt.AlignmentFlag``, ``Qt.ItemDataRole`` ...) all at once, the first
time any of them is touched or returned by Qt: about 25 ms on a 2-core office PC,
a sixth of the whole start.  The bare PySide6 window our start is measured against
never pays it, and the first frame does not need it.  So the code that runs before
the document and its tree are first painted (the window, the reader, the contents
tree, the text formatting) follows two rules:

* values of ``Qt.*`` enums it needs are the integers below, which Qt documents and
  never changes (``tests/ui/test_first_frame.py`` checks them against PySide);
* setters that demand the enum types (dock areas, text interaction flags) run after
  the first paint, or are replaced by Qt's own defaults and saved window state;
* so do calls with a ``Qt.*`` default argument: ``QBrush(QColor)`` (its style) is the
  one the text formatting needs, so :func:`solid_brush` makes brushes another way.

The same test starts the program and checks that the first paint comes before the
namespace exists, so a change that breaks the rule is caught.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QBrush, QColor

# Qt::ItemDataRole
DISPLAY_ROLE = 0
TOOLTIP_ROLE = 3
USER_ROLE = 0x0100

# Qt::AlignmentFlag (for QTextFormat.Property.BlockAlignment)
ALIGN_LEFT = 0x0001
ALIGN_HCENTER = 0x0004
ALIGN_JUSTIFY = 0x0008


def solid_brush(colour: str | QColor) -> QBrush:
    """The same brush as ``QBrush(QColor(colour))``, made without the Qt namespace.

    ``QPalette.setColor`` makes a solid brush, and Qt hands back a copy of it.  (Both
    ``QBrush(QColor)`` and ``QBrush.setColor`` would build the namespace: the first has a
    ``Qt.BrushStyle`` default, the second a ``Qt.GlobalColor`` overload.)
    """
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Text, QColor(colour))
    return palette.brush(QPalette.ColorRole.Text)


def qt_namespace_built() -> bool:
    """Whether PySide has built the ``Qt`` namespace's enums yet (without building them)."""
    import sys

    core = sys.modules.get("PySide6.QtCore")
    return core is not None and "Qt" in vars(core)
