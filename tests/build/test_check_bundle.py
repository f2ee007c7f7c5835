"""build_scripts/check_bundle.py, which the release workflow runs on the Windows bundle, run here
on a stand-in bundle: launchers that start the program from this source tree, in a folder laid
out as the real one (``yandu``, ``_internal/desktop_app/resources/speech.txt``).

The built bundle itself is checked the same way by hand (``python build_scripts/check_bundle.py
dist/yandu``) and by build_scripts/ci_bundle_check.sh; building it takes too long for a test.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SPEECH

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell launchers")

CHECK = ROOT / "build_scripts" / "check_bundle.py"


def stand_in_bundle(folder: Path, before: str = "") -> Path:
    """A folder with ``yandu`` (and ``yandu-cli``) running ``python -m desktop_app`` from the tree;
    ``before`` is shell code run first (to break the program on purpose)."""
    folder.mkdir(parents=True)
    launcher = (
        "#!/bin/sh\n"
        f"{before}\n"
        f'PYTHONPATH={shlex.quote(str(ROOT))} exec {shlex.quote(sys.executable)} -m desktop_app "$@"\n'
    )
    for name in ("yandu", "yandu-cli"):
        (folder / name).write_text(launcher, encoding="utf-8")
        (folder / name).chmod(0o755)
    resources = folder / "_internal" / "desktop_app" / "resources"
    resources.mkdir(parents=True)
    shutil.copyfile(SPEECH, resources / "speech.txt")
    shutil.copyfile(SPEECH.with_name("speech.marshal"), resources / "speech.marshal")  # parsed
    return folder


def check(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TMPDIR": str(folder.parent)}
    return subprocess.run(
        [sys.executable, str(CHECK), str(folder), *args],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=600, cwd=folder.parent,
    )  # fmt: skip


def test_a_working_program_passes_every_check(tmp_path: Path) -> None:
    bundle = stand_in_bundle(tmp_path / "dist" / "yandu")
    r = check(bundle, "--no-selftest")
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    for name in ("version", "reading", "notes and exports", "code page", "device name", "window"):
        assert any(line.startswith(f"ok   {name} ") for line in lines), (name, r.stdout)
    assert "研读 检查/文件 夹" in lines[0]  # everything ran in a folder with Chinese and spaces
    assert lines[-1] == "bundle check passed" and "FAIL" not in r.stdout


def test_a_program_whose_exports_write_nothing_fails(tmp_path: Path) -> None:
    bundle = stand_in_bundle(tmp_path / "yandu", before='case "$*" in *"notes export"*) exit 0 ;; esac')
    r = check(bundle, "--no-selftest", "--no-window")
    assert r.returncode == 1
    assert "FAIL notes and exports: notes export --format docx:" in r.stdout
    assert "FAIL device name" in r.stdout  # CON.md "written" (exit 0) is a failure too
    assert r.stdout.splitlines()[-1] == "bundle check FAILED"


def test_a_program_that_crashes_on_a_code_page_or_names_another_version_fails(tmp_path: Path) -> None:
    bundle = stand_in_bundle(
        tmp_path / "yandu",
        before='case "$*" in *--version*) echo "yandu 0.0.0"; exit 0 ;; *通知*) exit 70 ;; esac',
    )
    r = check(bundle, "--no-selftest", "--no-window")
    assert r.returncode == 1
    assert "FAIL version: --version printed 'yandu 0.0.0'" in r.stdout
    assert "FAIL code page: toc" in r.stdout and "exit 70" in r.stdout
    assert "ok   reading" in r.stdout  # the other checks still run


def test_a_folder_without_the_program_fails_at_once(tmp_path: Path) -> None:
    r = check(tmp_path / "empty")
    assert r.returncode == 1 and r.stdout.startswith("FAIL ") and "missing" in r.stdout


def test_a_bundle_without_the_speechs_parsed_record_fails(tmp_path: Path) -> None:
    bundle = stand_in_bundle(tmp_path / "dist" / "yandu")
    (bundle / "_internal" / "desktop_app" / "resources" / "speech.marshal").unlink()
    r = check(bundle, "--no-selftest")
    assert r.returncode != 0
    assert "speech.marshal" in r.stdout
