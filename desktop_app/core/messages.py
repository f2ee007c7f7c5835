"""User-facing messages of the core, in Chinese (default) and English.

The core imports no Qt, so it cannot use ``tr()``; its few messages live here,
keyed, and the UI and CLI choose the language with :func:`set_language`.
"""

from __future__ import annotations

_MESSAGES: dict[str, tuple[str, str]] = {
    "not_found": ("找不到文件：{path}", "File not found: {path}"),
    "is_dir": ("这是一个文件夹，不是文件：{path}", "This is a folder, not a file: {path}"),
    "too_big": (
        "文件太大（{size} MB），最多可打开 {limit} MB。",
        "The file is too large ({size} MB); at most {limit} MB can be opened.",
    ),
    "no_permission": ("没有权限读取文件：{path}", "You do not have permission to read this file: {path}"),
    "unreadable": ("无法读取文件：{path}（{reason}）", "Cannot read the file: {path} ({reason})"),
    "empty": ("文件是空的，没有文字：{path}", "The file is empty, it has no text: {path}"),
    "binary": (
        "这不是文本文件（含有二进制数据），无法打开：{path}",
        "This is not a text file (it holds binary data): {path}",
    ),
    "bad_bom": (
        "文件声明为 {encoding} 编码，但内容已损坏：{path}",
        "The file says it is {encoding} but its content is damaged: {path}",
    ),
    "unknown_encoding": (
        "无法识别文件的文字编码（不是 UTF-8、GB18030/GBK 或 UTF-16）：{path}",
        "Cannot tell the text encoding of the file (not UTF-8, GB18030/GBK or UTF-16): {path}",
    ),
    "forwarded": (
        "研读已在运行，已在原来的窗口中打开。",
        "Yandu is already running; the file was opened in its window.",
    ),
}

_language = "zh"


def set_language(language: str) -> None:
    """``"zh"`` (default) or ``"en"``; anything starting with ``en`` selects English."""
    global _language
    _language = "en" if language.lower().startswith("en") else "zh"


def language() -> str:
    return _language


def message(key: str, **params: object) -> str:
    zh, en = _MESSAGES[key]
    return (en if _language == "en" else zh).format(**params)
