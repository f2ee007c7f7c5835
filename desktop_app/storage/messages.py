"""User-facing messages of the notes storage and its command line, in Chinese and English.

The language follows :func:`desktop_app.core.messages.language` (Chinese by default).
"""

from __future__ import annotations

from desktop_app.core.messages import language

_SAFE_EN = "Notes saved earlier are not affected."
_SAFE_ZH = "已保存的笔记没有受到影响。"

_MESSAGES: dict[str, tuple[str, str]] = {
    # Errors refusing a change (StorageError).
    "readonly": (
        f"无法保存笔记：笔记数据库或数据文件夹是只读的（{{path}}）。{_SAFE_ZH}",
        f"Cannot save the note: the notes database or the data folder is read-only ({{path}}). {_SAFE_EN}",
    ),
    "full": (
        f"无法保存笔记：磁盘已满。{_SAFE_ZH}请腾出磁盘空间后再试。",
        f"Cannot save the note: the disk is full. {_SAFE_EN} Free some space and try again.",
    ),
    "io": (
        f"无法保存笔记：读写磁盘时出错（{{reason}}）。{_SAFE_ZH}",
        f"Cannot save the note: the disk reported an error ({{reason}}). {_SAFE_EN}",
    ),
    "too_many_notes": (
        f"这篇文档的笔记已达上限（{{limit}} 条），不能再添加。{_SAFE_ZH}可以先导出笔记，再删去不再需要的。",
        f"This document already holds the most notes Yandu keeps for one document ({{limit}}); "
        f"no more can be added. {_SAFE_EN} Export them, then delete the ones you no longer need.",
    ),
    "busy": (
        "笔记数据库正被另一个研读窗口占用，请稍后再试。",
        "The notes database is busy in another Yandu window; try again in a moment.",
    ),
    "cantopen": (
        "无法打开笔记数据库：{path}（{reason}）",
        "Cannot open the notes database: {path} ({reason})",
    ),
    "corrupt": (
        "笔记数据库已损坏（{reason}）。请重新启动研读，程序会从备份中恢复。",
        "The notes database is damaged ({reason}). Restart Yandu to recover it from a backup.",
    ),
    "too_new": (
        "笔记数据库由更新版本的研读创建（版本 {found}，本程序最高支持 {supported}），请升级研读。",
        "The notes database was written by a newer Yandu (version {found}; this one knows up to "
        "{supported}). Please update Yandu.",
    ),
    "not_found": (
        "找不到这条笔记或书签（可能已在另一个窗口中删除）：{id}",
        "This note or bookmark no longer exists (perhaps deleted in another window): {id}",
    ),
    "no_document": (
        "笔记所属的文档还没有在笔记库中登记，请先打开文档。",
        "The note's document is not known to the notes database yet; open the document first.",
    ),
    "backup_bad": (
        "这个备份文件已损坏，或者不是研读的笔记备份：{path}",
        "This backup is damaged or is not a Yandu notes backup: {path}",
    ),
    "bad_text": (
        f"无法保存：{{field}}中有无法识别的字符（可能是乱码），请删掉这些字符后再试。{_SAFE_ZH}",
        f"Cannot save: the {{field}} holds characters that are not valid text (perhaps garbled); "
        f"remove them and try again. {_SAFE_EN}",
    ),
    "bad_number": (
        f"无法保存：位置 {{value}} 超出了任何文档的范围。{_SAFE_ZH}",
        f"Cannot save: the position {{value}} is beyond any document. {_SAFE_EN}",
    ),
    "unknown": ("笔记数据库出错：{reason}", "The notes database reported an error: {reason}"),
    # Notices: what happened at start-up that the user must be told.
    "recovered": (
        "笔记数据库已损坏（{reason}），已从 {date} 的备份中恢复。该备份之后所做的改动可能丢失。"
        "损坏的文件没有删除，保存在：{aside}",
        "The notes database was damaged ({reason}) and has been restored from the backup of {date}. "
        "Changes made after that backup may be lost. The damaged file was kept as: {aside}",
    ),
    "recovered_empty": (
        "笔记数据库已损坏（{reason}），而且没有可用的备份，已新建一个空的笔记库。"
        "损坏的文件没有删除，保存在：{aside}",
        "The notes database was damaged ({reason}) and no usable backup was found, so a new empty one "
        "was created. The damaged file was kept as: {aside}",
    ),
    "read_only_mode": (
        "笔记数据库是只读的（{path}），笔记可以查看，但不能添加或修改。",
        "The notes database is read-only ({path}): notes can be read but not added or changed.",
    ),
    "full_read_only": (
        "磁盘已满（{path}）：笔记可以查看，但在腾出磁盘空间之前不能添加或修改。已保存的笔记没有受到影响。",
        "The disk is full ({path}): notes can be read, but not added or changed until some space is "
        "freed. Notes saved earlier are not affected.",
    ),
    "reanchor_not_saved": (
        "文档的文字有改动，笔记已对应到新的位置，但新位置没有保存（{reason}），"
        "下次打开时会重新对应。已保存的笔记没有受到影响。",
        "The document's text changed and its notes were placed on the new text, but their new "
        "places could not be saved ({reason}); they will be placed again next time. "
        "Notes saved earlier are not affected.",
    ),
    "backup_failed": (
        "今天的笔记自动备份没有完成（{reason}）。笔记本身没有受到影响。",
        "Today's automatic backup of the notes could not be made ({reason}). The notes are not affected.",
    ),
    "restored_backup": (
        "已从备份 {path} 恢复笔记。恢复前的笔记库另存为：{aside}",
        "The notes were restored from the backup {path}. The notes as they were before are kept as: {aside}",
    ),
    # Why a database file is unusable (the {reason} of "recovered").
    "why_malformed": ("文件内容已损坏", "its content is damaged"),
    "why_notadb": ("文件不是数据库", "the file is not a database"),
    "why_empty": ("文件是空的", "the file is empty"),
    "why_foreign": ("不是研读的笔记库", "it is not a Yandu notes database"),
    "why_full": ("磁盘已满", "the disk is full"),
    "why_readonly": ("笔记数据库是只读的", "the notes database is read-only"),
    "why_busy": ("笔记数据库正被另一个研读窗口占用", "the notes database is busy in another Yandu window"),
    "why_io": ("读写磁盘时出错", "the disk reported an error"),
    # What a field is called in "bad_text".
    "field_note": ("笔记", "note"),
    "field_tags": ("标签", "tags"),
    "field_title": ("书签名称", "bookmark name"),
    "field_text": ("内容", "text"),
    # The command line.
    "quote_absent": ("在文档中找不到这段文字：{quote}", "The text does not occur in the document: {quote}"),
    "occurrence_absent": (
        "这段文字在文档中只出现 {count} 次，没有第 {n} 次：{quote}",
        "The text occurs only {count} time(s) in the document, not {n}: {quote}",
    ),
    "bad_color": ("未知的颜色：{name}（可用：{names}）", "Unknown colour: {name} (available: {names})"),
    "bad_offset": (
        "位置 {offset} 不在文档中（0 到 {length}）",
        "Offset {offset} is outside the document (0 to {length})",
    ),
    "id_absent": ("没有这个编号的笔记或书签：{id}", "No note or bookmark has the id: {id}"),
    "id_ambiguous": (
        "编号 {id} 不唯一，请多写几位",
        "The id {id} matches more than one item; give more of it",
    ),
    "bad_argument": (
        "{option} 中有无法识别的字符（可能是乱码：命令行的文字不是 UTF-8 编码）。没有做任何改动。",
        "{option} holds characters that are not valid text (perhaps garbled: the command line is not "
        "UTF-8). Nothing was changed.",
    ),
    "deleted": ("已删除：{id}", "Deleted: {id}"),
    "none": ("（没有笔记）", "(no notes)"),
    "no_bookmarks": ("（没有书签）", "(no bookmarks)"),
}


def message(key: str, **params: object) -> str:
    zh, en = _MESSAGES[key]
    return (en if language() == "en" else zh).format(**params)


_WHY = (
    ("malformed", "why_malformed"),
    ("integrity", "why_malformed"),
    ("not a database", "why_notadb"),
    ("file is empty", "why_empty"),
    ("not a yandu", "why_foreign"),
)


def plain_reason(technical: str) -> str:
    """SQLite's (English, technical) reason why a file is unusable, in plain words."""
    low = technical.lower()
    for needle, key in _WHY:
        if needle in low:
            return message(key)
    return message("why_malformed")
