"""The notes check the selftest runs."""

from __future__ import annotations

from desktop_app.storage.selftest_check import check_notes


def test_check_notes_passes_in_a_fresh_data_folder() -> None:
    detail = check_notes({})
    assert "re-anchored" in detail


def test_check_notes_uses_the_loaded_speech() -> None:
    from desktop_app.core.loader import load_document
    from desktop_app.paths import bundled_speech

    assert "re-anchored" in check_notes({"doc": load_document(bundled_speech())})
