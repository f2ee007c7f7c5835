"""The 笔记 (notes) dock: every highlight, note and bookmark of the document.

In reading order grouped by section, or newest first; filtered by colour, tag and
text; with a count.  Selecting an entry shows its note below for editing in place.
Orphans (annotations whose passage is gone from a revised text) have a group of
their own.  The panel only emits requests; :mod:`desktop_app.ui.notes_feature` acts.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.annotations import COLORS, Annotation, Bookmark
from desktop_app.ui.icons import icon
from desktop_app.ui.selection_toolbar import colour_icon, colour_name
from desktop_app.ui.tips import plain_tip

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "annotation" | "bookmark" | "group"
EDIT_DEBOUNCE_MS = 500


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class NotesPanel(QDockWidget):
    sig_jump_requested = Signal(int, int)  # start, end
    sig_note_edited = Signal(str, str, list)  # id, note, tags
    sig_delete_requested = Signal(str)  # id (annotation or bookmark)
    sig_reattach_requested = Signal(str)  # id of an orphan: attach to the current selection
    sig_undo_requested = Signal()
    sig_bookmark_renamed = Signal(str, str)  # id, title
    sig_card_requested = Signal(str)  # id of an annotation: copy it as a note card
    sig_card_save_requested = Signal(str)  # id of an annotation: save its note card as a picture

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self.setWindowTitle(self.tr("Notes"))
        self._annotations: list[Annotation] = []
        self._bookmarks: list[Bookmark] = []
        self._by_id: dict[str, Annotation | Bookmark] = {}
        self._editing: str | None = None
        # Quotes and section titles as the reader shows them (full-width punctuation); set by the window.
        self.shown: Callable[[str], str] = str
        # Where an offset is, for the group of notes outside every section (标题 / 开头).
        self.place: Callable[[int], str] | None = None
        self._dirty = False

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        self.filter_edit = QLineEdit(body)
        self.filter_edit.setObjectName("notesFilter")
        self.filter_edit.setAccessibleName(self.tr("Filter by text"))
        self.filter_edit.setPlaceholderText(self.tr("Filter by text"))
        self.filter_edit.setClearButtonEnabled(True)
        row = QHBoxLayout()
        self.colour_filter = QComboBox(body)
        self.colour_filter.addItem(self.tr("All colours"), "")
        for c in COLORS:
            self.colour_filter.addItem(colour_icon(c.hex), colour_name(c), c.key)
        self.tag_filter = QComboBox(body)
        self.tag_filter.addItem(self.tr("All tags"), "")
        self.order = QComboBox(body)
        self.order.addItem(self.tr("Reading order"), "reading")
        self.order.addItem(self.tr("Newest first"), "date")
        for w, name in (
            (self.colour_filter, self.tr("Colour")),
            (self.tag_filter, self.tr("Tag")),
            (self.order, self.tr("Order")),
        ):
            w.setAccessibleName(name)
            row.addWidget(w)
        self.count_label = QLabel(body)
        self.count_label.setObjectName("notesCount")
        self.tree = QTreeWidget(body)
        self.tree.setObjectName("notesTree")
        self.tree.setAccessibleName(self.tr("Notes"))
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.note_edit = QPlainTextEdit(body)
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_edit.setPlaceholderText(self.tr("Write a note on the selected passage…"))
        self.note_edit.setMaximumHeight(140)
        self.tags_edit = QLineEdit(body)
        self.tags_edit.setObjectName("tagsEdit")
        self.tags_edit.setAccessibleName(self.tr("Tags"))
        self.tags_edit.setPlaceholderText(self.tr("Tags, separated by commas"))
        buttons = QHBoxLayout()
        self.delete_button = QPushButton(self.tr("Delete"), body)
        self.reattach_button = QPushButton(self.tr("Attach to selection"), body)
        self.reattach_button.setToolTip(
            self.tr("Select the passage in the text, then attach this note to it")
        )
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.reattach_button)
        buttons.addStretch(1)
        layout.addWidget(self.filter_edit)
        layout.addLayout(row)
        layout.addWidget(self.count_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.tags_edit)
        layout.addLayout(buttons)
        self.setWidget(body)

        self._save_timer = QTimer(self, singleShot=True, interval=EDIT_DEBOUNCE_MS)
        self._save_timer.timeout.connect(self._save_note)
        self.note_edit.textChanged.connect(self._on_note_typed)
        self.tags_edit.textEdited.connect(lambda _t: self._on_note_typed())
        self.tags_edit.editingFinished.connect(self._save_note)
        self.filter_edit.textChanged.connect(lambda _t: self._rebuild())
        self.colour_filter.currentIndexChanged.connect(lambda _i: self._rebuild())
        self.tag_filter.currentIndexChanged.connect(lambda _i: self._rebuild())
        self.order.currentIndexChanged.connect(lambda _i: self._rebuild())
        self.tree.currentItemChanged.connect(self._on_current)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.itemClicked.connect(self._on_activated)
        self.delete_button.clicked.connect(self._delete_current)
        self.reattach_button.clicked.connect(self._reattach_current)
        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree, self._delete_current, context=ctx)
        # (Ctrl+Z is the window's "undo delete" action: a second binding here would be ambiguous)
        self._set_editor(None)

    # --- content ---------------------------------------------------------------------------
    def set_items(self, annotations: list[Annotation], bookmarks: list[Bookmark]) -> None:
        self._save_timer.stop()
        self._annotations = list(annotations)
        self._bookmarks = list(bookmarks)
        self._by_id = {a.id: a for a in self._annotations} | {b.id: b for b in self._bookmarks}
        self._dirty = True
        tags = sorted({t for a in self._annotations for t in a.tags})
        current_tag = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("All tags"), "")
        for t in tags:
            self.tag_filter.addItem(t, t)
        i = self.tag_filter.findData(current_tag)
        self.tag_filter.setCurrentIndex(max(0, i))
        self.tag_filter.blockSignals(False)
        self._rebuild()

    def refresh(self) -> None:
        """Draw the entries again (the way quotes are shown changed)."""
        self._dirty = True
        self._rebuild()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self._rebuild()

    def visible_annotations(self) -> list[Annotation]:
        """The annotations that pass the filters, in the panel's order."""
        text = self.filter_edit.text().strip().casefold()
        colour = self.colour_filter.currentData()
        tag = self.tag_filter.currentData()
        out = [
            a
            for a in self._annotations
            if (not colour or a.color == colour)
            and (not tag or tag in a.tags)
            and (not text or text in f"{a.exact}\n{a.note}\n{' '.join(a.tags)}".casefold())
        ]
        if self.order.currentData() == "date":
            out.sort(key=lambda a: a.created, reverse=True)
        else:
            out.sort(key=lambda a: (a.is_orphan, a.start, a.end))
        return out

    def select(self, ann_id: str) -> None:
        """Make ``ann_id`` the current entry (and its note editable)."""
        if self._dirty:
            self._rebuild()
        for item in self._items():
            if item.data(0, ID_ROLE) == ann_id:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return

    def _items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            out.append(item)
            stack[0:0] = [item.child(i) for i in range(item.childCount())]
        return out

    def _count_text(self, shown: int, total: int) -> str:
        if shown != total:
            return self.tr("%d of %d notes") % (shown, total)
        return self.tr("1 note") if total == 1 else self.tr("%d notes") % total

    def _rebuild(self) -> None:
        shown = self.visible_annotations()
        total = len(self._annotations)
        self.count_label.setText(self._count_text(len(shown), total))
        if not self.isVisible():  # the tree is built when the panel is shown
            self._dirty = True
            return
        self._dirty = False
        current = self._editing
        self.tree.blockSignals(True)
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)

        def group(title: str) -> QTreeWidgetItem:
            g = QTreeWidgetItem(self.tree, [title])
            g.setData(0, KIND_ROLE, "group")
            g.setFont(0, bold)
            g.setFlags(Qt.ItemFlag.ItemIsEnabled)
            return g

        if self._bookmarks and not self.filter_edit.text() and not self.colour_filter.currentData():
            g = group(self.tr("Bookmarks (%d)") % len(self._bookmarks))
            for b in sorted(self._bookmarks, key=lambda b: b.offset):
                item = QTreeWidgetItem(g, [self.shown(b.title or _short(b.exact, 30))])
                item.setIcon(0, icon("bookmark", self.palette().color(self.foregroundRole()).name()))
                item.setData(0, ID_ROLE, b.id)
                item.setData(0, KIND_ROLE, "bookmark")
                item.setToolTip(0, plain_tip(b.section))
        anchored = [a for a in shown if not a.is_orphan]
        orphans = [a for a in shown if a.is_orphan]
        if self.order.currentData() == "date":
            parent_for = {a.id: self.tree.invisibleRootItem() for a in anchored}
        else:
            groups: dict[str, QTreeWidgetItem] = {}
            parent_for = {}
            for a in anchored:
                if a.section not in groups:
                    outside = self.place(a.start) if self.place is not None else self.tr("Beginning")
                    groups[a.section] = group(self.shown(a.section) or outside)
                parent_for[a.id] = groups[a.section]
        for a in anchored:
            self._add_item(parent_for[a.id], a)
        if orphans:
            g = group(self.tr("Could not be placed in this text (%d)") % len(orphans))
            g.setForeground(0, QBrush(QColor("#a33")))
            for a in orphans:
                self._add_item(g, a)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if current and current in self._by_id:
            self.select(current)
        else:
            self._set_editor(None)

    def _add_item(self, parent: QTreeWidgetItem, a: Annotation) -> None:
        quote = self.shown(_short(a.exact))
        label = quote if quote[:1] in '“"「『' else f"“{quote}”"
        if a.note.strip():
            label += "\n" + self.tr("Note: %s") % _short(a.note, 80)
        if a.tags:
            label += "\n# " + " #".join(a.tags)
        item = QTreeWidgetItem(parent, [label])
        item.setIcon(0, colour_icon(a.color_hex))
        item.setData(0, ID_ROLE, a.id)
        item.setData(0, KIND_ROLE, "annotation")
        item.setToolTip(0, plain_tip(a.note or a.exact))

    # --- editing ---------------------------------------------------------------------------
    def _set_editor(self, entry: Annotation | Bookmark | None) -> None:
        self._editing = entry.id if entry is not None else None
        is_ann = isinstance(entry, Annotation)
        for w in (self.note_edit, self.tags_edit):
            w.blockSignals(True)
        if isinstance(entry, Bookmark):
            self.note_edit.setPlainText(entry.title)
        else:
            self.note_edit.setPlainText(entry.note if isinstance(entry, Annotation) else "")
        self.tags_edit.setText(", ".join(entry.tags) if isinstance(entry, Annotation) else "")
        for w in (self.note_edit, self.tags_edit):
            w.blockSignals(False)
        self.note_edit.setEnabled(entry is not None)  # a note, or a bookmark's title
        self.tags_edit.setEnabled(is_ann)
        self.delete_button.setEnabled(entry is not None)
        self.reattach_button.setVisible(isinstance(entry, Annotation) and entry.is_orphan)

    def edit_note(self, ann_id: str) -> None:
        """Select ``ann_id`` and put the cursor in its note (the “note” action)."""
        self.show()
        self.raise_()
        self.select(ann_id)
        self.note_edit.setFocus()

    def _on_current(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        self._save_note()
        entry = self._by_id.get(item.data(0, ID_ROLE)) if item is not None else None
        self._set_editor(entry)

    def _on_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        entry = self._by_id.get(item.data(0, ID_ROLE))
        if entry is not None and not (isinstance(entry, Annotation) and entry.is_orphan):
            self.sig_jump_requested.emit(entry.start, entry.end)

    def _on_note_typed(self) -> None:
        if self._editing is not None:
            self._save_timer.start()

    def _save_note(self) -> None:
        self._save_timer.stop()
        entry = self._by_id.get(self._editing or "")
        if isinstance(entry, Bookmark):
            title = self.note_edit.toPlainText().strip()
            if title != entry.title:
                self.sig_bookmark_renamed.emit(entry.id, title)
            return
        if not isinstance(entry, Annotation):
            return
        note = self.note_edit.toPlainText()
        tags = [t.strip() for t in self.tags_edit.text().replace("，", ",").split(",") if t.strip()]
        if note != entry.note or tuple(tags) != tuple(entry.tags):
            self.sig_note_edited.emit(entry.id, note, tags)

    def flush(self) -> None:
        """Save a note being typed now (before closing, or before the list changes)."""
        self._save_note()

    def _delete_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None and item.data(0, ID_ROLE):
            self._save_timer.stop()
            self.sig_delete_requested.emit(item.data(0, ID_ROLE))

    def _reattach_current(self) -> None:
        if self._editing:
            self.sig_reattach_requested.emit(self._editing)

    def _context_menu(self, pos: object) -> None:
        """An annotation's menu: copy it as a note card (picture and text)."""
        from PySide6.QtWidgets import QMenu

        item = self.tree.itemAt(pos)  # type: ignore[arg-type]
        ann_id = item.data(0, ID_ROLE) if item is not None else None
        entry = self._by_id.get(ann_id) if ann_id else None
        if entry is None or not hasattr(entry, "note"):  # (bookmarks have no card)
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("Copy as a note card"), lambda: self.sig_card_requested.emit(ann_id))
        menu.addAction(
            self.tr("Save the note card as a picture…"), lambda: self.sig_card_save_requested.emit(ann_id)
        )
        menu.popup(self.tree.viewport().mapToGlobal(pos))  # type: ignore[arg-type]
