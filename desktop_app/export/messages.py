"""User-facing messages and document labels of export and import, in Chinese (default) and English.

The language follows :func:`desktop_app.core.messages.language`.
"""

from __future__ import annotations

from desktop_app.core.messages import language

_MESSAGES: dict[str, tuple[str, str]] = {
    # Errors (ExportError).
    "no_folder": ("导出失败：文件夹不存在：{path}", "Export failed: the folder does not exist: {path}"),
    "no_permission": (
        "导出失败：没有权限写入 {path}。如果文件正在 Word、WPS 或其他程序中打开，请先关闭它再试。",
        "Export failed: cannot write {path}. If the file is open in Word, WPS or another program, "
        "close it and try again.",
    ),
    "disk_full": (
        "导出失败：磁盘已满，无法写入 {path}。原有文件没有改动。",
        "Export failed: the disk is full, {path} could not be written. The old file is unchanged.",
    ),
    "write_failed": (
        "导出失败：无法写入 {path}（{reason}）。原有文件没有改动。",
        "Export failed: {path} could not be written ({reason}). The old file is unchanged.",
    ),
    "failed": (
        "导出失败（{reason}）。原有文件没有改动。",
        "Export failed ({reason}). The old file is unchanged.",
    ),
    "unknown_format": ("未知的导出格式：{format}", "Unknown export format: {format}"),
    "unknown_section": (
        "找不到标题为“{title}”的章节（或不止一个）。",
        "No section (or more than one) is titled “{title}”.",
    ),
    "pdf_unavailable": ("无法生成 PDF：{reason}", "Cannot write the PDF: {reason}"),
    # Import errors.
    "import_missing": ("找不到要导入的文件：{path}", "The file to import does not exist: {path}"),
    "import_unreadable": (
        "无法读取要导入的文件：{path}（{reason}）",
        "Cannot read the file: {path} ({reason})",
    ),
    "import_bad_items": (
        "文件中有 {count} 条笔记格式不对（例如 {first}），没有导入任何笔记。"
        "确认其余的可以导入时，请在命令行加 --skip-bad。",
        "{count} entries of the file are malformed (e.g. {first}); nothing was imported. "
        "To import the rest anyway, add --skip-bad on the command line.",
    ),
    "import_too_big": (
        "要导入的文件太大（{size} MB），最多 {limit} MB。没有导入任何笔记。",
        "The file is too large ({size} MB); at most {limit} MB. Nothing was imported.",
    ),
    "import_too_many": (
        "文件中的笔记太多（{count} 条），一次最多导入 {limit} 条。没有导入任何笔记。",
        "The file holds too many notes ({count}); at most {limit} can be imported at once. "
        "Nothing was imported.",
    ),
    "import_bad_json": (
        "这不是有效的 JSON 文件（{reason}）。没有导入任何笔记。",
        "This is not a valid JSON file ({reason}). Nothing was imported.",
    ),
    "import_not_annotations": (
        "文件中没有可识别的笔记（需要 W3C Web Annotation 格式的 JSON）。没有导入任何笔记。",
        "The file holds no recognisable notes (W3C Web Annotation JSON is expected). Nothing was imported.",
    ),
    "import_stale": (
        "导入前文档或笔记已改变，请重新预览后再导入。",
        "The document or its notes changed since the preview; preview the import again.",
    ),
    # Reasons an imported entry was skipped.
    "skip_not_object": ("不是一个对象", "not an object"),
    "skip_no_target": (
        "没有可用的文本选择器（TextQuoteSelector / TextPositionSelector）",
        "no usable selector",
    ),
    "skip_bad_field": ("字段“{field}”的类型或取值不对", "field “{field}” has a wrong type or value"),
    "skip_out_of_range": ("位置超出文档范围，且没有引文", "position outside the text and no quote"),
    "skip_duplicate": ("文件中重复出现的编号", "the same id occurs earlier in the file"),
    "skip_other_document": ("这条笔记已属于另一篇文档", "this note already belongs to another document"),
    "skip_too_long": ("内容过长", "content too long"),
    # Plan summary.
    "plan_summary": (
        "新增 {added} 条，更新 {updated} 条，未变 {unchanged} 条，跳过 {skipped} 条，"
        "其中未能定位 {orphans} 条。",
        "{added} new, {updated} updated, {unchanged} unchanged, {skipped} skipped; {orphans} could "
        "not be located in the text.",
    ),
    "imported": ("已导入：{summary}", "Imported: {summary}"),
}

# Labels used inside the exported documents.
_LABELS: dict[str, tuple[str, str]] = {
    "notes_of": ("学习笔记", "Study notes"),
    "annotated": ("批注本", "annotated"),
    "source": ("来源", "Source"),
    "date": ("日期", "Date"),
    "speaker": ("讲话人", "Speaker"),
    "exported": ("导出日期", "Exported"),
    "count": ("笔记 {count} 条", "{count} notes"),
    "note": ("笔记", "Note"),
    "tags": ("标签", "Tags"),
    "location": ("位置", "Location"),
    "paragraph": ("第 {n} 段", "paragraph {n}"),
    "orphans": ("未能在当前文本中定位的笔记", "Notes that could not be located in the current text"),
    "bookmarks": ("书签", "Bookmarks"),
    "bookmark": ("书签", "Bookmark"),
    "before_sections": ("开头", "Opening"),
    "colour": ("颜色", "Colour"),
    "author": ("研读", "Yandu"),
    "none": ("（没有笔记）", "(no notes)"),
    "more": ("……另有 {count} 条", "… and {count} more"),
}


def _pick(pair: tuple[str, str]) -> str:
    return pair[1] if language() == "en" else pair[0]


def message(key: str, **params: object) -> str:
    return _pick(_MESSAGES[key]).format(**params)


def label(key: str, **params: object) -> str:
    return _pick(_LABELS[key]).format(**params)
