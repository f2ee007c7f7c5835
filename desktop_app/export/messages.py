"""User-facing messages and document labels of export and import, in Chinese (default) and English.

The language follows :func:`desktop_app.core.messages.language`.
"""

from __future__ import annotations

import os

from desktop_app.core.messages import language, printable

_MESSAGES: dict[str, tuple[str, str]] = {
    # Errors (ExportError).
    "needs_text": (
        "批注本需要文档的原文，但文件已不在原处：{path}（学习笔记等其他格式仍可导出）",
        "The annotated copy needs the document's text, and its file is no longer there: {path} "
        "(study notes and the other formats can still be exported)",
    ),
    "no_folder": ("导出失败：文件夹不存在：{path}", "Export failed: the folder does not exist: {path}"),
    "no_permission": (
        "导出失败：没有权限写入 {path}。如果文件正在 Word、WPS 或其他程序中打开，请先关闭它再试。",
        "Export failed: cannot write {path}. If the file is open in Word, WPS or another program, "
        "close it and try again.",
    ),
    "in_use": (
        "导出失败：{path} 正在另一个程序（如 Word、WPS）中打开或被锁定，不能替换。"
        "请在那个程序里关闭这个文件，再导出一次。原有文件没有改动。",
        "Export failed: {path} is open in another program (such as Word or WPS) or locked, so it "
        "cannot be replaced. Close the file in that program and export again. The old file is unchanged.",
    ),
    "read_only_file": (
        "导出失败：{path} 是只读文件，不能替换。请在它的属性中取消“只读”，或换一个文件名。原有文件没有改动。",
        "Export failed: {path} is a read-only file and cannot be replaced. Clear “Read-only” in its "
        "properties or choose another name. The old file is unchanged.",
    ),
    "cross_device": (
        "导出失败：新文件无法放到 {path}：它和目标不在同一个磁盘上（目标是不是挂载点？）。"
        "请换一个文件夹。原有文件没有改动。",
        "Export failed: the new file could not be put in place of {path}: they are on different disks "
        "(is the target a mount point?). Choose another folder. The old file is unchanged.",
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
    "not_a_folder": ("导出失败：{path} 不是文件夹。", "Export failed: {path} is not a folder."),
    "is_folder": (
        "导出失败：{path} 是一个文件夹。请在它后面写上文件名（例如 笔记.docx）。",
        "Export failed: {path} is a folder. Add a file name to it (e.g. notes.docx).",
    ),
    "not_a_file": (
        "导出失败：{path} 不是普通文件（是{kind}），为安全起见没有写入。请换一个文件名。",
        "Export failed: {path} is not a regular file (it is {kind}); nothing was written to it. "
        "Choose another file name.",
    ),
    "kind_device": ("设备", "a device"),
    "kind_fifo": ("管道", "a pipe (FIFO)"),
    "kind_socket": ("套接字", "a socket"),
    "kind_other": ("特殊文件", "a special file"),
    "unsafe_link": (
        "导出失败：{path} 是其他用户放在共享文件夹里的符号链接，为安全起见没有写入。请换一个文件名或文件夹。",
        "Export failed: {path} is a symbolic link another user left in a shared folder; nothing was "
        "written through it. Choose another file name or folder.",
    ),
    "symlink_loop": (
        "导出失败：{path} 是循环的符号链接（或链接层数太多），找不到要写入的文件。",
        "Export failed: {path} is a symbolic link that loops (or too many links in a row); there is no "
        "file to write.",
    ),
    "name_too_long": (
        "导出失败：文件名太长（{length} 字节，最多 {limit} 字节；一个汉字占 3 字节）。请用短一些的名字。",
        "Export failed: the file name is too long ({length} bytes, at most {limit}; a Chinese character "
        "takes 3). Choose a shorter name.",
    ),
    "path_too_long": (
        "导出失败：路径太长：{path}。请选一个层级浅一些的文件夹或短一些的名字。",
        "Export failed: the path is too long: {path}. Choose a folder nearer the top or a shorter name.",
    ),
    "read_only": (
        "导出失败：{path} 所在的磁盘是只读的（例如写保护的 U 盘或光盘）。请换一个文件夹。",
        "Export failed: the disk holding {path} is read-only (a write-protected USB stick or a disc?). "
        "Choose another folder.",
    ),
    "windows_name": (
        "导出失败：文件名“{name}”在 Windows 上不能用（{reason}），复制到 Windows 电脑后会打不开。"
        "请换一个名字，例如“{suggestion}”。",
        "Export failed: the name “{name}” cannot be used on Windows ({reason}); copied to a Windows PC "
        "the file could not be opened. Choose another name, e.g. “{suggestion}”.",
    ),
    "reason_device": ("“{device}”是 Windows 的设备名", "“{device}” is a Windows device name"),
    "reason_chars": (
        "含有 Windows 不允许的字符 {chars}",
        "it holds characters Windows does not allow: {chars}",
    ),
    "reason_dot": ("以句点结尾", "it ends in a dot"),
    "reason_space": ("以空格结尾", "it ends in a space"),
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
    "skip_bad_text": (
        "字段“{field}”中有无法识别的字符（可能是乱码）",
        "field “{field}” holds characters that are not valid text (perhaps garbled)",
    ),
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
    "outline_title": ("《{title}》学习提纲", "Study outline: {title}"),
    "outline_lead": ("要点", "Lead"),
    "outline_terms": ("提法", "Formulations"),
    "outline_note": ("笔记", "Note"),
    "outline_beginning": ("开头", "Beginning"),
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
    """The message ``key``; file names and other text shown as :func:`~desktop_app.core.messages.printable`
    (a name that is not UTF-8, or holds control characters, still prints)."""
    shown = {k: printable(os.fspath(v)) if isinstance(v, str | os.PathLike) else v for k, v in params.items()}
    return _pick(_MESSAGES[key]).format(**shown)


def label(key: str, **params: object) -> str:
    return _pick(_LABELS[key]).format(**params)
