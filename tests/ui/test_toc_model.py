"""The section tree model, checked by Qt's own model tester."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtTest import QAbstractItemModelTester

from desktop_app.core.loader import load_document
from desktop_app.ui.toc_model import SectionTreeModel
from tests.conftest import CORPUS


def test_model_passes_qt_model_tester(qapp, speech_path) -> None:
    for path in (speech_path, CORPUS / "06_xianfa.txt"):
        model = SectionTreeModel()
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
        doc = load_document(path)
        model.set_sections(doc.sections)
        total = 0
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for r in range(model.rowCount(parent)):
                total += 1
                stack.append(model.index(r, 0, parent))
        assert total == len(doc.sections)


def test_index_for_offset_picks_the_deepest_section(qapp, speech_path) -> None:
    doc = load_document(speech_path)
    model = SectionTreeModel()
    model.set_sections(doc.sections)
    off = doc.text.index("二是发好力") + 10
    assert model.index_for_offset(off).data() == "二是发好力"
    assert not model.index_for_offset(0).isValid()
