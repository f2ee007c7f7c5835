"""The data and cache folders are the user's alone on a shared PC (#11, point 11): created 0700
with their files 0600, and tightened at start when an older version left them wider."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from tests.conftest import run_module

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="NTFS: the profile folder is per-user")


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_a_first_use_makes_everything_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    old = os.umask(0o022)
    try:
        r = run_module(
            "desktop_app", "notes", "add", "--quote", "踩准点", "--note", "私人笔记", data_dir=data
        )
        s = run_module("desktop_app", "search", "踩准点", data_dir=data)
    finally:
        os.umask(old)
    assert r.returncode == 0, r.stderr
    assert s.returncode == 0, s.stderr
    assert mode(data) == 0o700
    assert mode(data / "notes.sqlite3") == 0o600
    assert mode(data / "cache") == 0o700
    wide = [p for p in data.rglob("*") if mode(p) & 0o077]
    assert wide == [], [f"{p.relative_to(data)} {oct(mode(p))}" for p in wide]


def test_folders_left_wide_by_an_older_version_are_tightened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run_module("desktop_app", "notes", "add", "--quote", "踩准点", data_dir=data).returncode == 0
    assert run_module("desktop_app", "search", "踩准点", data_dir=data).returncode == 0  # makes the cache
    data.chmod(0o755)
    (data / "notes.sqlite3").chmod(0o644)
    (data / "cache").chmod(0o755)
    for command in (("notes", "list"), ("search", "踩准点")):  # the store, the index
        r = run_module("desktop_app", *command, data_dir=data)
        assert r.returncode == 0, r.stderr
    assert mode(data) == 0o700 and mode(data / "notes.sqlite3") == 0o600 and mode(data / "cache") == 0o700
