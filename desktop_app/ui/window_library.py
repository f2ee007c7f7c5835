"""The main window's library side: the 文库 and 提法 features made after the first paint,
the start page when no document is open, and going to a hit in another document.
A mixin of MainWindow (it has no strings of its own to translate).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.ui.library_feature import LibraryFeature
    from desktop_app.ui.terms_panel import TermsFeature


class LibraryWindowMixin:
    """The library, the formulations panel and the start page of :class:`MainWindow`."""

    library: LibraryFeature | None
    terms: TermsFeature | None
    _pending_reveal: tuple[str, int, int] | None
    _toc_hidden_for_start: bool

    def _make_library(self) -> None:
        from PySide6.QtCore import Qt

        from desktop_app.ui.library_feature import LibraryFeature

        assert self.actions_ is not None
        library = LibraryFeature(self, self.session, self.settings)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, library.dock)
        self.resizeDocks([library.dock], [400], Qt.Orientation.Horizontal)
        if self.notes is not None:  # with the notes and search panels, one tab each
            self.tabifyDockWidget(self.notes.panel, library.dock)
        library.sig_open_path.connect(self.open_file)
        library.sig_close_requested.connect(self.close_document)
        library.sig_message.connect(self._show_notes_message)
        library.sig_status.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.actions_.fill_library_menu(library.actions)
        self.library = library
        self.session.follow(library)
        if self.document is None:
            self._show_start_page()

    def _make_terms(self) -> None:
        """The 提法 panel (formulations and key terms), tabbed with the notes panel."""
        from PySide6.QtCore import Qt

        from desktop_app.ui.terms_panel import TermsFeature

        assert self.actions_ is not None
        terms = TermsFeature(self, self.session)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, terms.panel)
        if self.notes is not None:
            self.tabifyDockWidget(self.notes.panel, terms.panel)
        terms.panel.sig_find.connect(self.find_text)
        terms.panel.sig_reveal.connect(self.reveal)
        terms.sig_open.connect(self.reveal_in_document)
        self.actions_.terms.triggered.connect(terms.show_panel)
        self.terms = terms
        self.session.follow(terms)

    def close_document(self) -> None:
        """文件 → 关闭文档 (Ctrl+W): no document open; the library is the start page."""
        if self.document is None:
            return
        self._save_position_timer.stop()
        self._save_position()
        self._notes_generation += 1  # its notes being read are not wanted any more
        self._notes_doc = None
        self._build_generation += 1  # nor a build of it still running
        self.session.close()
        self.toc.set_sections([], "", "", str)
        self._section_label.clear()
        self._progress_label.clear()
        self._show_start_page()
        self._update_title()

    def _show_start_page(self) -> None:
        self.ensure_chrome()
        assert self.library is not None
        page = self.library.start_page
        if page.parent() is not self.centralWidget():
            self._column.addWidget(page, 1)
        self.reader.hide()
        self.library.dock.hide()  # the page is the library
        if self.toc.isVisible():  # nothing to list: its room goes to the page (back on opening)
            self._toc_hidden_for_start = True
            self.toc.hide()
        page.show()
        self.library.refresh()
        page.filter.setFocus()

    def _hide_start_page(self) -> None:
        if self.library is not None and self.library.start_page.isVisible():
            self.library.start_page.hide()
        if self._toc_hidden_for_start:
            self._toc_hidden_for_start = False
            self.toc.show()
        self.reader.show()

    def find_text(self, text: str) -> None:
        """Mark every occurrence of ``text`` (a formulation) with the find bar, from the top."""
        self.open_find_bar()
        if self.find_bar is not None and self.document is not None:
            self.find_bar.open_bar(0, text)

    def _reveal_when_registered(self) -> None:
        pending = self._pending_reveal
        if pending is None or not self.session.doc_id:
            return  # (called again when the notes load registers it)
        self._pending_reveal = None
        if pending[0] == self.session.doc_id:
            self.reveal(pending[1], pending[2])

    def reveal_in_document(self, doc_id: str, path: str, start: int, end: int) -> None:
        """A hit in another document of the library: open it, then show the hit."""
        if doc_id == self.session.doc_id:
            self.reveal(start, end)
            return
        self._pending_reveal = (doc_id, start, end)
        self.open_file(path)
