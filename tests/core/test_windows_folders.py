"""Where the data and cache folders are on Windows: %APPDATA%\\yandu (roams with a domain profile:
notes and settings) and %LOCALAPPDATA%\\yandu\\Cache (rebuildable, stays on the PC), as the README
says.  platformdirs' own Windows rules are used, with the folders Windows would report given the
way platformdirs lets one (WIN_PD_OVERRIDE_*); nothing of ours is replaced.
"""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

import platformdirs
import platformdirs.windows
import pytest

from desktop_app import paths

ROAMING = "C:\\Users\\张三 李\\AppData\\Roaming"
LOCAL = "C:\\Users\\张三 李\\AppData\\Local"


@pytest.fixture
def on_windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", ROAMING)
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", LOCAL)
    monkeypatch.delenv("YANDU_DATA_DIR")
    monkeypatch.chdir(tmp_path)  # a Windows path is a relative name here: anything made lands in tmp
    paths.set_data_dir(None)


def win(path: Path) -> PureWindowsPath:
    return PureWindowsPath(str(path))


def test_the_data_folder_is_appdata_yandu(on_windows: None) -> None:
    assert win(paths.data_dir_path()) == PureWindowsPath(ROAMING, "yandu")


def test_the_cache_is_local_appdata_yandu_cache(on_windows: None) -> None:
    assert win(paths.cache_dir()) == PureWindowsPath(LOCAL, "yandu", "Cache")


def test_an_explicit_data_folder_holds_the_cache_too(on_windows: None, tmp_path: Path) -> None:
    portable = tmp_path / "U盘 研读"
    paths.set_data_dir(portable)
    try:
        assert paths.data_dir_path() == portable and paths.cache_dir() == portable / "cache"
    finally:
        paths.set_data_dir(None)


def test_the_readme_names_the_same_folders() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "`%APPDATA%\\yandu\\`" in readme and "`%LOCALAPPDATA%\\yandu\\Cache`" in readme
