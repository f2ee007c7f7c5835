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
    "too_long_for_window": (
        "这份文件有 {chars} 万字，超过阅读窗口能流畅打开的上限（{limit} 万字）。请把它拆成几个文件再打开；"
        "命令行 desktop-app text、toc、search 可以处理更大的文件。",
        "The file holds {chars} ten-thousand characters (万字), more than the reading window opens smoothly "
        "({limit} 万字). Split it into several files to read it here; the command line (desktop-app text, "
        "toc, search) handles larger files.",
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
    "data_dir_not_folder": (
        "数据文件夹的位置上是一个文件，不是文件夹：{path}。请移走或改名这个文件后再启动研读"
        "（命令行可用 --data-dir 另选一个文件夹）。",
        "A file is where the data folder should be: {path}. Move or rename that file, then start "
        "Yandu again (on the command line, --data-dir chooses another folder).",
    ),
    "data_dir_cannot_create": (
        "无法创建数据文件夹：{path}（{reason}）。请检查这个位置，或用 --data-dir 另选一个文件夹。",
        "Cannot create the data folder: {path} ({reason}). Check that place, or choose another "
        "folder with --data-dir.",
    ),
    "data_dir_read_only": (
        "数据文件夹不能写入：{path}（{reason}）。可以阅读，但笔记、书签和设置无法保存；"
        "请让这个文件夹可以写入，或用 --data-dir 另选一个文件夹。",
        "The data folder cannot be written: {path} ({reason}). Reading works, but notes, bookmarks "
        "and settings cannot be saved; make the folder writable, or choose another with --data-dir.",
    ),
    "cache_dir_not_folder": (
        "缓存文件夹的位置上是一个文件：{path}。搜索照常进行，只是不保存索引，会慢一些；请移走或改名这个文件。",
        "A file is where the cache folder should be: {path}. Search works, without saving its "
        "index (slower); move or rename that file.",
    ),
    "cache_dir_cannot_create": (
        "无法创建缓存文件夹：{path}（{reason}）。搜索照常进行，只是不保存索引，会慢一些。",
        "Cannot create the cache folder: {path} ({reason}). Search works, without saving its index (slower).",
    ),
    "cache_dir_read_only": (
        "缓存文件夹不能写入：{path}（{reason}）。搜索照常进行，只是不保存索引，会慢一些；请让这个文件夹可以写入。",
        "The cache folder cannot be written: {path} ({reason}). Search works, without saving its "
        "index (slower); make the folder writable.",
    ),
    "index_not_saved": (
        "搜索索引没有保存（{reason}）。搜索照常进行，只是会慢一些。",
        "The search index was not saved ({reason}). Search works, only slower.",
    ),
    "internal_error": (
        "内部错误：{error}（详情见 {where}）",
        "Internal error: {error} (details in {where})",
    ),
    "log_to_stderr": (
        "上面的错误输出；错误日志 {log} 无法写入：{reason}",
        "the error output above; the error log {log} could not be written: {reason}",
    ),
    "log_lost": (
        "无处记录：错误日志 {log} 无法写入：{reason}",
        "nowhere: the error log {log} could not be written: {reason}",
    ),
    "unexpected_title": ("研读出现意外错误", "Yandu met an unexpected error"),
    "unexpected_in_window": (
        "研读出现了一个意外错误，详情已记录在：{where}。可以继续使用；如果问题反复出现，请把这个文件发给技术支持。",
        "Yandu met an unexpected error; the details are in {where}. You can go on working; if it "
        "happens again, please send that file to your support staff.",
    ),
    "unexpected_not_logged": (
        "研读出现了一个意外错误，但错误日志无法写入（{log}：{reason}），所以没有记录下来。"
        "可以继续使用；如果问题反复出现，请联系技术支持。",
        "Yandu met an unexpected error, but the error log could not be written ({log}: {reason}), "
        "so it was not recorded. You can go on working; if it happens again, please contact your "
        "support staff.",
    ),
    # --- file formats (desktop_app/core/formats) ---------------------------------------------
    "supported_list": (
        "研读可以打开：文本（.txt）、Word（.docx，装有 LibreOffice 时也可打开 .doc/.wps）、PDF、OFD、"
        "网页（.html、.mhtml）和 Markdown（.md）。",
        "Yandu opens: text (.txt), Word (.docx; .doc/.wps when LibreOffice is installed), PDF, OFD, "
        "web pages (.html, .mhtml) and Markdown (.md).",
    ),
    "not_supported_epub": (
        "这是一本电子书（EPUB），研读还不能打开：{path}",
        "This is an e-book (EPUB), which Yandu cannot open yet: {path}",
    ),
    "not_supported_zip": (
        "这是一个压缩包（或已损坏的 Word/OFD 文件），不是可以阅读的文档：{path}",
        "This is a zip archive (or a damaged Word/OFD file), not a document to read: {path}",
    ),
    "not_supported_image": (
        "这是一张图片，不是文字文档；研读不做文字识别：{path}",
        "This is an image, not a text document; Yandu does not recognise text in images: {path}",
    ),
    "not_supported_binary": (
        "无法识别这个文件的格式：{path}",
        "The format of this file is not one Yandu knows: {path}",
    ),
    "named_but_text": (
        "这个文件的扩展名表示 {kind}，但它的内容是纯文本：{path}。请把扩展名改为 .txt 再打开。",
        "This file is named as {kind} but holds plain text: {path}. Rename it to .txt to open it.",
    ),
    "damaged_file": (
        "文件已损坏或不完整，无法读取（{kind}）：{path}",
        "The file is damaged or incomplete and cannot be read ({kind}): {path}",
    ),
    "zip_bomb": (
        "文件解压后过大或结构异常，为安全起见没有打开：{path}",
        "Unpacked, this file would be far too large or is built strangely; for safety it was not "
        "opened: {path}",
    ),
    "xml_refused": (
        "文件中的 XML 含有不允许的内容（DOCTYPE 或外部实体），为安全起见没有打开：{path}",
        "The file's XML holds what is not allowed (a DOCTYPE or external entities); for safety it was "
        "not opened: {path}",
    ),
    "password_protected": (
        "文件设置了打开密码，研读无法打开。请在 WPS 或 Word 中取消密码后另存：{path}",
        "The file is protected by a password, which Yandu cannot open. Remove the password in WPS or "
        "Word and save it again: {path}",
    ),
    "pdf_images_only": (
        "这个 PDF 只有图片（扫描件），没有文字层，研读无法读出其中的文字：{path}",
        "This PDF holds only images (a scan) with no text layer; Yandu cannot read its text: {path}",
    ),
    "ofd_private_font": (
        "这个 OFD 文件的文字使用了内嵌字体的私有编码，没有字体就无法读出原文：{path}",
        "The text of this OFD file is stored in the private codes of an embedded font and cannot be "
        "read without that font: {path}",
    ),
    "legacy_needs_office": (
        "这是旧版 Word/WPS 文件（.doc/.wps）。请在 WPS 或 Word 中“另存为”.docx 后再打开"
        "（安装 LibreOffice 后研读也可以直接打开）：{path}",
        "This is an old Word/WPS file (.doc/.wps). Save it as .docx from WPS or Word, then open that "
        "(with LibreOffice installed Yandu opens it directly): {path}",
    ),
    "legacy_failed": (
        "无法转换这个旧版 Word/WPS 文件（{reason}）。请在 WPS 或 Word 中另存为 .docx 后再打开：{path}",
        "This old Word/WPS file could not be converted ({reason}). Save it as .docx from WPS or Word, "
        "then open that: {path}",
    ),
    # the {reason} of legacy_failed (core/formats/legacy.py)
    "legacy_timeout": (
        "LibreOffice 在 {seconds} 秒内没有转换完成",
        "LibreOffice did not finish within {seconds} s",
    ),
    "legacy_not_converted": ("LibreOffice 读不了这个文件", "LibreOffice could not read it"),
    "legacy_not_started": ("无法启动 LibreOffice：{error}", "LibreOffice could not be started: {error}"),
    "legacy_not_word": (
        "其中没有 Word 或 WPS 文档，可能是 Excel、PowerPoint 文件或已损坏",
        "it holds no Word or WPS document: it may be an Excel or PowerPoint file, or damaged",
    ),
    "pdf_pages_without_text": (
        "PDF 第 {pages} 页没有文字层（可能是扫描的图片），这些页的内容没有读出：{path}",
        "Pages {pages} of the PDF have no text layer (scanned images, perhaps); their content was not "
        "read: {path}",
    ),
    "too_many_pages": (
        "文件有 {pages} 页，超过了可以打开的 {limit} 页：{path}",
        "The file has {pages} pages, more than the {limit} that can be opened: {path}",
    ),
    "ofd_private_chars": (
        "有 {count} 个字使用了内嵌字体的私有编码，没有字体无法读出，以“□”代替。",
        "{count} characters are stored in the private codes of an embedded font and cannot be read "
        "without it; they are shown as “□”.",
    ),
    "ofd_images_only": (
        "这个 OFD 文件只有图片（扫描件），没有文字，研读无法读出其中的文字：{path}",
        "This OFD file holds only images (a scan) and no text; Yandu cannot read its text: {path}",
    ),
    "ofd_missing_pages": (
        "文件不完整：第 {pages} 页缺失或已损坏，其余各页照常打开。",
        "The file is incomplete: page(s) {pages} are missing or damaged; the other pages are open.",
    ),
    "forwarded": (
        "研读已在运行，已在原来的窗口中打开。",
        "Yandu is already running; the file was opened in its window.",
    ),
    "library_added": (
        "已添加到文库：{added} 篇；原已在文库中：{already} 篇",
        "Added to the library: {added}; already there: {already}",
    ),
    "library_skipped": (
        "文件夹中另有 {count} 个文件不是文档（图片、压缩包等），未添加",
        "{count} other files in the folders are not documents (images, archives ...) and were left out",
    ),
    "library_failed": ("{count} 个文件无法读取：", "{count} files could not be read:"),
    "library_cancelled": (
        "添加已取消；取消前读完的文档已在文库中",
        "Cancelled; what was read before is in the library",
    ),
    "library_too_many": (
        "文件太多：一次最多添加 {limit} 个文件，其余未添加",
        "Too many files: at most {limit} are added at once; the rest were left out",
    ),
    "library_unreadable": ("读取时出错：{error}", "could not be read: {error}"),
    "library_missing": ("文件不在原处（已移动或删除）：{path}", "The file is no longer where it was: {path}"),
    "library_no_such": ("文库中没有编号为 {id} 的文档", "No document in the library has the id {id}"),
    "library_ambiguous": (
        "编号 {id} 对应多篇文档，请多写几位：{ids}",
        "The id {id} matches several documents; give more of it: {ids}",
    ),
    "library_not_same": (
        "这个文件与文库中的文档内容不同（{share}% 的句子相同）；笔记将在打开时重新定位",
        "This file's text differs from the document's ({share}% of sentences the same); "
        "its notes are re-anchored when it is opened",
    ),
    "library_removed": (
        "已从文库移除：{id}（删除的笔记和书签：{notes} 条）",
        "Removed from the library: {id} (notes and bookmarks deleted: {notes})",
    ),
    "library_relocated": ("{id} 的文件现在位于：{path}", "The file of {id} is now: {path}"),
    "library_version_hint": (
        "这可能是《{title}》（{id}，{share}% 的句子相同）的新版本；"
        "要把那一版的笔记带过来：desktop-app library version {new} --of {id}",
        "This may be a new version of “{title}” ({id}, {share}% of sentences the same); "
        "to carry its notes over: desktop-app library version {new} --of {id}",
    ),
    "library_same_document": ("新旧版本是同一篇文档", "The new and the old version are the same document"),
    "library_carried": (
        "已带过来的笔记：{count} 条；其中在新版本中找不到原文的：{orphans} 条",
        "Notes carried over: {count}; of these, not found in the new text: {orphans}",
    ),
    "library_empty": (
        "文库中还没有文档，已搜索内置的讲话（添加文档：desktop-app library add PATH）",
        "The library is empty; searched the bundled speech (add documents: desktop-app library add PATH)",
    ),
    "library_hits": (
        "{shown} / {total} 处，在 {docs} 篇文档中",
        "{shown} / {total} hits in {docs} documents",
    ),
    "term_quoted": ("引号", "quoted"),
    "term_numbered": ("数字", "numbered"),
    "term_key": ("关键词", "key term"),
    "usage_title": ("“{term}”在文库中的使用", "“{term}” across the library"),
    "usage_summary": ("共 {docs} 篇文档，{count} 处", "{docs} documents, {count} occurrences"),
    "usage_term": ("提法", "Term"),
    "usage_document": ("文档", "Document"),
    "usage_date": ("日期", "Date"),
    "usage_source": ("来源", "Source"),
    "usage_count": ("次数", "Times"),
    "usage_sentence": ("原句", "Sentence"),
    "usage_first": ("最早出现：《{title}》（{date}）", "First seen in “{title}” ({date})"),
    "usage_none": ("文库中没有文档使用“{term}”", "No document of the library uses “{term}”"),
    "compare_title": ("版本比较：《{old}》→《{new}》", "Comparison: “{old}” → “{new}”"),
    "compare_added": ("新增", "added"),
    "compare_removed": ("删除", "removed"),
    "compare_changed": ("修改", "changed"),
    "compare_moved": ("移动", "moved"),
    "compare_summary": (
        "相同 {same} 句；新增 {added} 句，删除 {removed} 句，修改 {changed} 句，移动 {moved} 句",
        "{same} sentences the same; {added} added, {removed} removed, {changed} changed, {moved} moved",
    ),
    "compare_sections_added": ("新增的章节：{items}", "Sections added: {items}"),
    "compare_sections_removed": ("删除的章节：{items}", "Sections removed: {items}"),
    "compare_new_formulations": ("新出现的提法：{items}", "New formulations: {items}"),
    "console_lost": (
        "输出的编码（{encoding}）中没有其中 {count} 个字符，每个显示为一个“?”（偏移不变）。"
        "在 Windows 命令提示符窗口中直接显示（不重定向到文件或管道）时不会丢字符。",
        "The output's encoding ({encoding}) lacks {count} characters of the text; each is shown as one "
        "“?” (offsets unchanged). Shown directly in a Windows console window (not redirected to a file "
        "or a pipe), nothing is lost.",
    ),
}

_language = "zh"

# Why a file or folder could not be used, for the errors people meet (strerror is English).
_OS_REASONS: dict[str, tuple[str, str]] = {
    "EACCES": ("没有权限", "no permission"),
    "EPERM": ("没有权限", "no permission"),
    "EROFS": ("磁盘是只读的", "the disk is read-only"),
    "ENOSPC": ("磁盘已满", "the disk is full"),
    "EDQUOT": ("磁盘配额已用完", "the disk quota is used up"),
    "ENOTDIR": ("路径中有一段是文件，不是文件夹", "part of the path is a file, not a folder"),
    "EEXIST": ("已有同名的文件", "a file of that name is there"),
    "ENAMETOOLONG": ("名称太长", "the name is too long"),
    "ENOENT": ("找不到", "not found"),
    "EISDIR": ("这是一个文件夹", "it is a folder"),
    "EIO": ("磁盘读写出错", "a disk input/output error"),
}


def set_language(language: str) -> None:
    """``"zh"`` (default) or ``"en"``; anything starting with ``en`` selects English."""
    global _language
    _language = "en" if language.lower().startswith("en") else "zh"


def language() -> str:
    return _language


def os_reason(exc: OSError) -> str:
    """Why ``exc`` happened, in a few plain words of the language in effect."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    if name in _OS_REASONS:
        zh, en = _OS_REASONS[name]
        return en if _language == "en" else zh
    return exc.strerror or str(exc) or type(exc).__name__


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
