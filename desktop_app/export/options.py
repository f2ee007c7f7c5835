"""What an export is asked for and how it fails: the formats, the options, the error.

A module of its own so the format writers (docx, pdf, text_formats, ...) import it without
importing the package's API (``desktop_app.export``), which imports them in turn when used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from desktop_app.export.messages import message

Progress = Callable[[float], None]


class FormatInfo(NamedTuple):
    zh: str
    en: str
    extension: str  # with the dot

    @property
    def name(self) -> str:
        """The name in the interface language in effect (core.messages: the one source)."""
        from desktop_app.core.messages import language

        return self.en if language() == "en" else self.zh


FORMATS: dict[str, FormatInfo] = {
    "docx": FormatInfo("Word 学习笔记 (.docx)", "Word study notes (.docx)", ".docx"),
    "docx-annotated": FormatInfo("Word 批注本 (.docx)", "Word annotated copy (.docx)", ".docx"),
    "pdf": FormatInfo("PDF (.pdf)", "PDF (.pdf)", ".pdf"),
    "md": FormatInfo("Markdown (.md)", "Markdown (.md)", ".md"),
    "html": FormatInfo("网页 (.html)", "Web page (.html)", ".html"),
    "txt": FormatInfo("纯文本 (.txt)", "Plain text (.txt)", ".txt"),
    "csv": FormatInfo("表格 CSV (.csv)", "Spreadsheet CSV (.csv)", ".csv"),
    "json": FormatInfo("JSON（可再导入）(.json)", "JSON, for importing back (.json)", ".json"),
    "outline": FormatInfo("Word 学习提纲 (.docx)", "Word study outline (.docx)", ".docx"),
    "outline-md": FormatInfo("学习提纲 Markdown (.md)", "Study outline, Markdown (.md)", ".md"),
}
STYLES = ("default", "gongwen")
# The formats with a page layout, where "gongwen" (GB/T 9704) means something.
STYLED_FORMATS = ("docx", "docx-annotated", "pdf", "outline")


class ExportError(Exception):
    """Export or import failed; ``str()`` is the message for the user, ``key`` says which."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(message(key, **params))


@dataclass(slots=True)
class ExportOptions:
    """What to export and how.  ``None`` filters mean "all"."""

    format: str = "docx"
    style: str = "default"  # or "gongwen" (GB/T 9704 layout; STYLED_FORMATS only)
    colors: set[str] | None = None
    tags: set[str] | None = None
    text: str = ""  # every word must occur in the note, quote or tags
    section_start: int | None = None  # [section_start, section_end): annotations starting there
    section_end: int | None = None
    include_bookmarks: bool = False
    include_orphans: bool = True
