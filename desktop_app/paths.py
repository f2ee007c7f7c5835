"""Where things live: bundled resources, user data, cache.

User data goes to the platform's application-data folder (the folder Qt calls
``AppDataLocation``: ``~/.local/share/yandu`` on Linux,
``%APPDATA%\\yandu`` on Windows) unless ``--data-dir`` or ``YANDU_DATA_DIR``
names another.  No Qt here: the command line uses it too.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from desktop_app import APP_ID

DATA_DIR_ENV = "YANDU_DATA_DIR"
_data_dir_override: Path | None = None


def resources_dir() -> Path:
    """The folder holding the bundled speech, fonts, icons and translations."""
    here = Path(__file__).resolve().parent
    candidates = [here / "resources", here.parent / "resources"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / "desktop_app" / "resources")
    for c in candidates:
        if (c / "speech.txt").is_file():
            return c
    raise FileNotFoundError("resources folder not found next to the desktop_app package")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def bundled_speech() -> Path:
    return resource("speech.txt")


BUNDLED_FONT = ("fonts", "wqy-microhei.ttf")  # the fallback CJK font (resources/fonts)
PACKED_SUFFIX = ".xz"  # the standalone bundle ships the font xz-compressed: 3.9 MB -> 1.4 MB


def packed_font() -> Path:
    """Where the standalone bundle keeps the bundled font, xz-compressed."""
    plain = resource(*BUNDLED_FONT)
    return plain.with_name(plain.name + PACKED_SUFFIX)


def bundled_font_file() -> Path:
    """The bundled font as a file a font engine can load.

    From the source tree or a wheel: the file in ``resources``.  From the standalone
    bundle, which ships it compressed: unpacked once into the cache folder (named by a
    digest of the packed file, so a new version unpacks its own) and reused after.
    Raises ``OSError`` when neither exists or the cache cannot take the file; the caller
    can then load :func:`bundled_font_bytes` from memory.
    """
    plain = resource(*BUNDLED_FONT)
    if plain.is_file():
        return plain
    import hashlib

    packed = packed_font().read_bytes()
    digest = hashlib.blake2b(packed, digest_size=8).hexdigest()
    target = cache_dir() / "fonts" / f"{plain.stem}-{digest}{plain.suffix}"
    if target.is_file():
        return target
    import lzma

    from desktop_app.privacy import make_private_dir, write_private_bytes

    make_private_dir(target.parent)
    part = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        write_private_bytes(part, lzma.decompress(packed))
        os.replace(part, target)  # a second copy starting at once finds a whole file or none
    finally:
        with contextlib.suppress(OSError):
            part.unlink()
    return target


def bundled_font_bytes() -> bytes:
    """The bundled font's bytes (unpacked when the bundle ships it compressed)."""
    plain = resource(*BUNDLED_FONT)
    if plain.is_file():
        return plain.read_bytes()
    import lzma

    return lzma.decompress(packed_font().read_bytes())


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Use ``path`` for all user data (the ``--data-dir`` option)."""
    global _data_dir_override
    _data_dir_override = Path(path).expanduser().resolve() if path else None


class FolderError(OSError):
    """A folder the program keeps the user's files in cannot be used.

    ``str()`` is a message for the user naming the folder, why and what to do.  An
    ``OSError``, so code that already copes with a failed write copes with this too.
    """

    def __init__(self, key: str, path: Path, reason: str = "") -> None:
        super().__init__(key)
        self.key = key
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        from desktop_app.core.messages import message

        return message(self.key, path=str(self.path), reason=self.reason)


def _explicit_data_dir() -> Path | None:
    if _data_dir_override is not None:
        return _data_dir_override
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV]).expanduser().resolve()
    return None


def data_dir_path() -> Path:
    """Where the user data folder is, without creating it."""
    d = _explicit_data_dir()
    if d is None:
        import platformdirs

        d = Path(platformdirs.user_data_dir(APP_ID, appauthor=False, roaming=True))
    return d


def data_dir() -> Path:
    """The user data folder, created on first use.

    Raises :class:`FolderError` when it cannot be: a file is in its place, or it cannot be
    made (a read-only disk, no permission, part of the path is a file).  A folder that exists
    but cannot be written is returned: reading works, and :func:`folder_problem` says why
    notes and settings are not saved.
    """
    d = data_dir_path()
    try:
        from desktop_app.privacy import secure_data_dir  # 0700, its notes and settings 0600

        secure_data_dir(d)
    except OSError as exc:
        raise _folder_error("data", d, exc) from None
    return d


def cache_dir() -> Path:
    """Rebuildable files (search index, tokenizer cache, parsed documents).

    Inside the data folder when one is set explicitly, so a test or a portable
    install keeps everything in one place; else the platform's cache folder.
    Never raises: when the folder cannot be made, its path is returned all the same and
    whoever writes there does without (search scans the text, a document is parsed again);
    :func:`folder_problem` says why, for a message.
    """
    explicit = _explicit_data_dir()
    if explicit is not None:
        d = explicit / "cache"
    else:
        import platformdirs

        d = Path(platformdirs.user_cache_dir(APP_ID, appauthor=False))
    with contextlib.suppress(OSError):
        from desktop_app.privacy import secure_cache_dir  # 0700: indexes hold the user's text

        secure_cache_dir(d)
    return d


def folder_problem(path: Path, kind: str = "data") -> str | None:
    """Why ``path`` cannot hold our files, as a message for the user; None when it can.

    ``kind`` is ``"data"`` or ``"cache"`` (the message says what is lost).  A few system
    calls (stat, access): cheap, but not for the start.
    """
    try:
        if not path.is_dir():
            path.mkdir(parents=True, exist_ok=True)
        if not os.access(path, os.W_OK | os.X_OK):
            raise PermissionError(13, "read-only", str(path))
        probe = path / f".yandu-write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return str(_folder_error(kind, path, exc))
    return None


def _folder_error(kind: str, path: Path, exc: OSError) -> FolderError:
    from desktop_app.core.messages import os_reason

    if path.exists() and not path.is_dir():
        return FolderError(f"{kind}_dir_not_folder", path)
    if path.is_dir():
        return FolderError(f"{kind}_dir_read_only", path, os_reason(exc))
    return FolderError(f"{kind}_dir_cannot_create", path, os_reason(exc))
