"""User-facing messages of the core, in Chinese (default) and English.

The core imports no Qt, so it cannot use ``tr()``; its few messages live here,
keyed, and the UI and CLI choose the language with :func:`set_language`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import re

_MESSAGES: dict[str, tuple[str, str]] = {
    "not_found": ("找不到文件：{path}", "File not found: {path}"),
    "is_dir": ("这是一个文件夹，不是文件：{path}", "This is a folder, not a file: {path}"),
    "fifo": (
        "这是一个管道（FIFO），不是普通文件，无法打开：{path}",
        "This is a pipe (FIFO), not a regular file; it cannot be opened: {path}",
    ),
    "device": (
        "这是一个设备，不是普通文件，无法打开：{path}",
        "This is a device, not a regular file; it cannot be opened: {path}",
    ),
    "socket": (
        "这是一个套接字（socket），不是普通文件，无法打开：{path}",
        "This is a socket, not a regular file; it cannot be opened: {path}",
    ),
    "not_regular": (
        "这不是普通文件，无法打开：{path}",
        "This is not a regular file; it cannot be opened: {path}",
    ),
    "link_loop": (
        "这个快捷方式（符号链接）绕回了自身，指不到任何文件：{path}",
        "This symbolic link leads back to itself (a link loop) and reaches no file: {path}",
    ),
    "broken_link": (
        "这个快捷方式（符号链接）指向的文件不存在：{path} → {target}",
        "The file this symbolic link points to does not exist: {path} → {target}",
    ),
    "name_too_long": (
        "文件名或路径太长，系统无法打开：{path}",
        "The file name or path is too long for the system: {path}",
    ),
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
    """The message ``key`` in the language in effect; text parameters shown as :func:`printable`."""
    zh, en = _MESSAGES[key]
    shown = {k: printable(v) if isinstance(v, str) else v for k, v in params.items()}
    return (en if _language == "en" else zh).format(**shown)


_NOT_SHOWN: re.Pattern[str] | None = None  # compiled on first use: the start never needs it


def printable(text: str) -> str:
    """``text`` safe to print or show: U+FFFD for what has no character.

    A file name that is not valid UTF-8 (GBK bytes from a Windows zip unpacked on Linux)
    reaches Python as lone surrogates (``os.fsdecode``): they cannot be printed, encoded
    for SQLite or shown by Qt, so they become replacement characters here, as a file
    manager shows them; so do control characters (a line break or a terminal escape in a
    file name).
    """
    global _NOT_SHOWN
    if text.isprintable():
        return text
    if _NOT_SHOWN is None:
        import re

        _NOT_SHOWN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]+")
    return _NOT_SHOWN.sub(_replace, text)


def _replace(match: re.Match[str]) -> str:
    run = match.group()
    # bytes escaped by os.fsdecode are decoded as a file manager does: what is UTF-8 stays
    raw = run.encode("utf-8", "surrogateescape") if all("\udc80" <= c <= "\udcff" for c in run) else None
    if raw is not None:
        shown = raw.decode("utf-8", "replace")
        if shown.isprintable():
            return shown
    return "\ufffd" * len(run)
