"""帮助 (Help): the keyboard shortcut list, the user guide and the about box.

The shortcut list is generated from the window's actions each time it is shown (menu bar menus
recursively, then the window's other actions), so it cannot go stale. The guide is an HTML file
per language in ``resources/guide`` shown in a QTextBrowser. The window opens each with
:func:`show_shortcuts`, :func:`show_guide` and :func:`show_about`; each dialog is non-modal and
made once per window (a second call brings it to the front).
"""

from __future__ import annotations

import html
import platform
import re
from pathlib import Path
from typing import NamedTuple

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import Qt, QUrl, Signal, qVersion
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME, APP_NAME_EN, __version__
from desktop_app.core import messages
from desktop_app.paths import data_dir, resource

GUIDE_FOLDER = "guide"
FONT_LICENCE = ("fonts", "LICENSE-wqy-microhei.txt")
_MNEMONIC_IN_BRACKETS = re.compile(r"\s*[(（]&[^)）]+[)）]")  # 打开(&O)
_ELLIPSIS = re.compile(r"\s*(…|\.\.\.)\s*$")
FIRST_DEVICE_KEY = 0x01000058  # Qt.Key_Help: the Help, browser, media and launch keys from here on


# --- the shortcut list, generated --------------------------------------------------------------
def clean_action_text(text: str) -> str:
    """A menu text as a person reads it: no ``&`` mnemonic (nor Chinese ``(&O)``), no trailing …"""
    text = _MNEMONIC_IN_BRACKETS.sub("", text)
    text = re.sub(r"&(.)", r"\1", text)  # "&Open" -> "Open", "&&" -> "&"
    return _ELLIPSIS.sub("", text).strip()


class MenuEntry(NamedTuple):
    path: tuple[str, ...]  # the menus leading to the action, cleaned: ("视图", "主题")
    action: QAction


def menu_entries(window: QWidget) -> list[MenuEntry]:
    """Every action of the window's menu bar (submenus included), in menu order, then the window's
    own actions that are in no menu (path ``()``); each action once, separators left out."""
    from shiboken6 import isValid

    out: list[MenuEntry] = []
    seen: set[int] = set()

    def walk(menu: QMenu, path: tuple[str, ...], depth: int) -> None:
        for act in menu.actions():
            # PySide6 6.9 (the compatibility build's) may list an action whose C++ object is
            # already gone (a rebuilt submenu's): reading it would raise
            if not isValid(act) or act.isSeparator() or id(act) in seen:
                continue
            sub = act.menu()
            if isinstance(sub, QMenu):
                if depth < 8:
                    walk(sub, (*path, clean_action_text(act.text())), depth + 1)
                continue
            seen.add(id(act))
            out.append(MenuEntry(path, act))

    bar = window.menuBar() if hasattr(window, "menuBar") else None
    if bar is not None:
        for top in bar.actions():
            sub = top.menu()
            if isinstance(sub, QMenu):
                walk(sub, (clean_action_text(top.text()),), 1)
    for act in window.actions():
        if isValid(act) and not act.isSeparator() and act.menu() is None and id(act) not in seen:
            seen.add(id(act))
            out.append(MenuEntry((), act))
    return out


def _on_a_keyboard(seq: QKeySequence) -> bool:
    """False for a sequence of the special keys few keyboards have (Help, browser, media, zoom),
    which Qt's standard zoom and help shortcuts include: "放大" in the list would read as a typo."""
    return all(seq[i].key().value < FIRST_DEVICE_KEY for i in range(seq.count()))


def key_texts(action: QAction) -> tuple[str, ...]:
    """All of an action's shortcuts as the system writes them (Ctrl+Shift+F), without repeats."""
    out: list[str] = []
    for seq in action.shortcuts():
        if not _on_a_keyboard(seq):
            continue
        text = seq.toString(QKeySequence.SequenceFormat.NativeText)
        if text and text not in out:
            out.append(text)
    return tuple(out)


class Shortcut(NamedTuple):
    group: str  # "搜索", or "视图 → 主题" for a submenu; "" for an action in no menu
    command: str
    keys: tuple[str, ...]


def collect_shortcuts(window: QWidget) -> list[Shortcut]:
    """The window's shortcuts, grouped by menu in menu order (actions without one left out)."""
    result = []
    for entry in menu_entries(window):
        keys = key_texts(entry.action)
        if keys:
            result.append(Shortcut(" → ".join(entry.path), clean_action_text(entry.action.text()), keys))
    return result


def _no_default_button(dialog: QDialog) -> None:
    """Enter in the dialog's text box must not press a button (Close would shut the dialog)."""
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(False)
        button.setDefault(False)


def _folded(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


class _CopyingTree(QTreeWidget):
    """Ctrl+C copies whole rows (command and keys), not just the current cell as the view would."""

    sig_copy_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.sig_copy_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class ShortcutsDialog(QDialog):
    """帮助 → 快捷键: a filterable table of every shortcut, grouped by menu, copyable."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self._window = window
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter by command or key, e.g. Export or Ctrl+E"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.apply_filter)
        self.tree = _CopyingTree(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Shortcut")])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.count_label = QLabel(self)
        copy_button = QPushButton(self.tr("Copy the list"), self)
        copy_button.setToolTip(self.tr("Copy the shortcuts shown (or the selected rows) as text"))
        copy_button.clicked.connect(self.copy_to_clipboard)
        self.copy_button = copy_button
        self.tree.sig_copy_requested.connect(self.copy_to_clipboard)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(copy_button)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)
        self.resize(560, 620)
        _no_default_button(self)
        self.refresh()

    def refresh(self) -> None:
        """Read the window's actions again (a menu may have gained actions since)."""
        self.shortcuts = collect_shortcuts(self._window)
        self.tree.clear()
        bold = self.tree.font()
        bold.setBold(True)
        groups: dict[str, QTreeWidgetItem] = {}
        for sc in self.shortcuts:
            group = groups.get(sc.group)
            if group is None:
                group = QTreeWidgetItem(self.tree, [sc.group or self.tr("Other")])
                group.setFont(0, bold)
                group.setFirstColumnSpanned(True)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[sc.group] = group
            item = QTreeWidgetItem(group, [sc.command, self.tr(" or ").join(sc.keys)])
            item.setData(0, Qt.ItemDataRole.UserRole, sc)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(1)
        self.tree.setColumnWidth(1, self.tree.columnWidth(1) + 24)  # room to the right edge
        self.apply_filter(self.filter_edit.text())

    def apply_filter(self, text: str) -> None:
        """Show the commands whose menu, name or keys contain ``text`` (case and spaces ignored)."""
        needle = _folded(text)
        shown = 0
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            group_matches = needle in _folded(group.text(0))
            visible_children = 0
            for j in range(group.childCount()):
                item = group.child(j)
                sc: Shortcut = item.data(0, Qt.ItemDataRole.UserRole)
                hay = _folded(" ".join((sc.command, *sc.keys, *self._portable(sc))))
                hide = bool(needle) and not group_matches and needle not in hay
                item.setHidden(hide)
                visible_children += not hide
            group.setHidden(visible_children == 0)
            shown += visible_children
        if needle:
            self.count_label.setText(self.tr("%d of %d shortcuts") % (shown, len(self.shortcuts)))
        else:
            self.count_label.setText(self.tr("%d shortcuts") % len(self.shortcuts))

    @staticmethod
    def _portable(sc: Shortcut) -> tuple[str, ...]:
        # what a person types may differ from the native text (on macOS: Ctrl for ⌘)
        return tuple(QKeySequence(k, QKeySequence.SequenceFormat.NativeText).toString() for k in sc.keys)

    def visible_shortcuts(self) -> list[Shortcut]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                item = group.child(j)
                if not item.isHidden() and not group.isHidden():
                    out.append(item.data(0, Qt.ItemDataRole.UserRole))
        return out

    def as_text(self, shortcuts: list[Shortcut] | None = None) -> str:
        """The list as plain text: a line per menu, then ``command<TAB>keys`` lines."""
        lines: list[str] = []
        group: str | None = None
        for sc in self.visible_shortcuts() if shortcuts is None else shortcuts:
            if sc.group != group:
                group = sc.group
                lines.append(sc.group or self.tr("Other"))
            lines.append(f"    {sc.command}\t{self.tr(' or ').join(sc.keys)}")
        return "\n".join(lines) + "\n"

    def copy_to_clipboard(self) -> None:
        selected = [
            it.data(0, Qt.ItemDataRole.UserRole)
            for it in self.tree.selectedItems()
            if it.data(0, Qt.ItemDataRole.UserRole) is not None and not it.isHidden()
        ]
        order = {id(sc): n for n, sc in enumerate(self.shortcuts)}
        selected.sort(key=lambda sc: order.get(id(sc), 0))
        QGuiApplication.clipboard().setText(self.as_text(selected or None))


# --- colours -----------------------------------------------------------------------------------
LINK_CONTRAST = 4.5  # WCAG AA for text: links are text


def link_colour() -> str:
    """A link colour readable on the page: the palette's, unless the theme left Qt's dark blue
    on a dark page.  Qt's rich text takes it when the text is set, so it is written into it."""
    from desktop_app.themes import contrast

    palette = QGuiApplication.palette()
    base = palette.color(QPalette.ColorRole.Base)
    link = palette.color(QPalette.ColorRole.Link).name()
    if contrast(link, base.name()) >= LINK_CONTRAST:
        return link
    return "#8ab4f8" if base.lightness() < 128 else "#1a4fa0"


# --- the user guide ----------------------------------------------------------------------------
def guide_path(language: str | None = None) -> Path:
    """The guide in ``language`` ("zh" or "en"; default: the interface language in effect)."""
    lang = language or messages.language()
    path = resource(GUIDE_FOLDER, f"guide_{'en' if lang == 'en' else 'zh'}.html")
    return path if path.is_file() else resource(GUIDE_FOLDER, "guide_zh.html")


def guide_html(language: str | None = None) -> str:
    """The guide's HTML with this machine's facts filled in (the data folder, the version)."""
    text = guide_path(language).read_text(encoding="utf-8")
    text = text.replace("{{data_dir}}", html.escape(str(data_dir()))).replace("{{version}}", __version__)
    # a little room inside a key's shading (Qt's rich text has no padding for inline text)
    return re.sub(r"<kbd>(.*?)</kbd>", r"<kbd>&nbsp;\1&nbsp;</kbd>", text)


def _distinct(key: QKeySequence.StandardKey) -> list[QKeySequence]:
    """A standard key's bindings once each: Qt lists F3 twice for FindNext, and a key bound
    twice to one action is ambiguous and never fires."""
    out: list[QKeySequence] = []
    for seq in QKeySequence.keyBindings(key):
        if not seq.isEmpty() and seq not in out:
            out.append(seq)
    return out


class GuideDialog(QDialog):
    """帮助 → 使用指南: the guide in the interface language, with a find box."""

    def __init__(self, parent: QWidget | None = None, language: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(self.tr("User guide"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)  # anchors scroll here; other links go to the system
        self.browser.anchorClicked.connect(self.follow_link)
        self.browser.document().setDocumentMargin(16)
        self._language = language
        self._link_colour = ""
        self.fit_colours()
        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText(self.tr("Find in the guide"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(self.find_next)
        # the window's Ctrl+F and F3 do not reach this window: the guide has its own
        find_action = QAction(self)
        find_action.setShortcuts(_distinct(QKeySequence.StandardKey.Find))
        find_action.triggered.connect(lambda: (self.find_edit.setFocus(), self.find_edit.selectAll()))
        next_action = QAction(self)
        next_action.setShortcuts(_distinct(QKeySequence.StandardKey.FindNext))  # F3
        next_action.triggered.connect(self.find_next)
        self.addActions([find_action, next_action])
        self.find_status = QLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.find_edit, 1)
        bottom.addWidget(self.find_status)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(bottom)
        self.resize(760, 720)
        _no_default_button(self)

    def fit_colours(self) -> None:
        """(Re)set the guide with links in a colour readable in the current theme."""
        colour = link_colour()
        if colour == self._link_colour:
            return
        self._link_colour = colour
        scrolled = self.browser.verticalScrollBar().value()
        self.browser.document().setDefaultStyleSheet(f"a[href] {{ color: {colour}; }}")  # not <a name>
        self.browser.setHtml(guide_html(self._language))
        self.browser.verticalScrollBar().setValue(scrolled)

    def follow_link(self, url: QUrl) -> None:
        if url.hasFragment() and not url.scheme() and not url.path():
            self.browser.scrollToAnchor(url.fragment())
        else:
            QDesktopServices.openUrl(url)

    def find_next(self) -> bool:
        """Select the next occurrence of the find box's text, from the top again at the end."""
        text = self.find_edit.text().strip()
        if not text:
            self.find_status.clear()
            return False
        found = self.browser.find(text)
        if not found:
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
            found = self.browser.find(text)
        self.find_status.setText("" if found else self.tr("Not found"))
        return found


# --- the about box -----------------------------------------------------------------------------
def version_summary() -> str:
    """One line for a support request: the program's, Qt's, PySide's and Python's versions."""
    return (
        f"{APP_NAME} ({APP_NAME_EN}) {__version__} · Qt {qVersion()} · PySide6 {PYSIDE_VERSION}"
        f" · Python {platform.python_version()} · {platform.system()} {platform.release()}"
    )


class AboutDialog(QDialog):
    """帮助 → 关于研读: name, version, what it is, the data folder (with a button), licences."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Yandu"))
        self.folder = data_dir()

        icon = QLabel(self)
        icon_file = resource("icons", "yandu.png")
        if icon_file.is_file():
            icon.setPixmap(QIcon(str(icon_file)).pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title_label = QLabel(
            f"<span style='font-size:18pt; font-weight:bold'>{APP_NAME}</span>&nbsp;&nbsp;{APP_NAME_EN}", self
        )
        self.version_label = QLabel(self.tr("Version %s") % __version__, self)
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        what = QLabel(self.tr("Read, search and annotate long Chinese documents offline."), self)
        what.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(self.title_label)
        heading.addWidget(self.version_label)
        heading.addWidget(what)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addSpacing(12)
        top.addLayout(heading, 1)

        folder_title = QLabel(self.tr("Your notes, settings and backups are kept in:"), self)
        folder_title.setWordWrap(True)
        self.folder_label = QLabel(str(self.folder), self)
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder_button = QPushButton(self.tr("Open the data folder"), self)
        self.open_folder_button.clicked.connect(self.open_data_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.open_folder_button)

        self.licence_label = QLabel(self)
        self.licence_label.setWordWrap(True)
        self.licence_label.setOpenExternalLinks(False)
        self.licence_label.linkActivated.connect(lambda link: QDesktopServices.openUrl(QUrl(link)))
        self.versions_label = QLabel(
            f"Qt {qVersion()} · PySide6 {PYSIDE_VERSION} · Python {platform.python_version()}", self
        )
        self.versions_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.versions_label.setEnabled(False)  # drawn in the palette's quieter colour

        copy_button = QPushButton(self.tr("Copy version information"), self)
        copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(version_summary()))
        self.copy_button = copy_button
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(copy_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(12)
        layout.addWidget(folder_title)
        layout.addLayout(folder_row)
        layout.addSpacing(12)
        layout.addWidget(self.licence_label)
        layout.addWidget(self.versions_label)
        layout.addSpacing(8)
        layout.addLayout(bottom)
        self.setMinimumWidth(520)
        self.fit_colours()

    def fit_colours(self) -> None:
        """The licence line with its link in a colour readable in the current theme."""
        licence_url = QUrl.fromLocalFile(str(resource(*FONT_LICENCE))).toString()
        link = f"<a href='{licence_url}' style='color:{link_colour()}'>%s</a>" % self.tr("licence text")
        self.licence_label.setText(
            self.tr(
                "Yandu is free software under the MIT licence. The bundled font WenQuanYi Micro Hei"
                " (文泉驿微米黑) is under the Apache License 2.0 (%s)."
            )
            % link
        )

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))


# --- what the window calls ---------------------------------------------------------------------
def _show(parent: QWidget, name: str, make: type[QDialog]) -> QDialog:
    dialog = parent.findChild(QDialog, name)
    if dialog is None:
        dialog = make(parent)
    elif isinstance(dialog, ShortcutsDialog):
        dialog.refresh()  # the window may have gained or lost actions since
    if isinstance(dialog, (GuideDialog, AboutDialog)):
        dialog.fit_colours()  # the theme may have changed since
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def show_shortcuts(window: QWidget) -> ShortcutsDialog:
    """Show the shortcut list of ``window`` (read from its actions now)."""
    ensure_chrome = getattr(window, "ensure_chrome", None)
    if callable(ensure_chrome):
        ensure_chrome()  # every action exists before it is listed
    dialog = _show(window, "shortcutsDialog", ShortcutsDialog)
    assert isinstance(dialog, ShortcutsDialog)
    dialog.filter_edit.setFocus()
    return dialog


def show_guide(parent: QWidget) -> GuideDialog:
    """Show the user guide in the interface language."""
    dialog = _show(parent, "guideDialog", GuideDialog)
    assert isinstance(dialog, GuideDialog)
    return dialog


def show_about(parent: QWidget) -> AboutDialog:
    """Show the about box."""
    dialog = _show(parent, "aboutDialog", AboutDialog)
    assert isinstance(dialog, AboutDialog)
    return dialog


__all__ = [
    "AboutDialog",
    "GuideDialog",
    "MenuEntry",
    "Shortcut",
    "ShortcutsDialog",
    "clean_action_text",
    "collect_shortcuts",
    "guide_html",
    "guide_path",
    "menu_entries",
    "show_about",
    "show_guide",
    "show_shortcuts",
]
