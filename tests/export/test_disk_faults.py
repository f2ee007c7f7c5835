"""Exports onto a full disk and into a folder that is missing or read-only, as real processes.

Found by the hostile probe (issue #11, point 10): a Word export onto a full disk printed its good
message and then a Python traceback from ``ZipFile.__del__``; a PDF export into a missing folder
said "No such file or directory" with a ``QPainter::begin()`` warning.  Found while testing this:
a PDF export onto a full disk exited 0 leaving an empty file (``QPdfWriter`` reports no write
errors).  The disk is a real 64 KB tmpfs mounted in the test's folder and filled up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.export import FORMATS
from tests.export.fs_faults import cli, export_cli, fill, one_line_error, tmpfs


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("data")
    for quote, note in (("第一时间响应", "要快速响应"), ("踩准点", "抓住关键"), ("中心工作", "融合")):
        r = cli(data, "notes", "add", "--quote", quote, "--note", note, "--tag", "重点")
        assert r.returncode == 0, r.stderr
    return data


def _old_file_and_nothing_else(disk: Path, out: Path) -> None:
    assert out.read_bytes() == b"the old file"
    assert sorted(p.name for p in disk.iterdir()) == sorted(["filler", out.name])


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_full_disk_gives_one_message_and_keeps_the_old_file(
    data_dir: Path, tmp_path: Path, fmt: str
) -> None:
    with tmpfs(tmp_path / "disk") as disk:
        out = disk / f"notes{FORMATS[fmt].extension}"
        out.write_bytes(b"the old file")
        fill(disk)
        err = one_line_error(export_cli(data_dir, fmt, out))
        assert "磁盘已满" in err, err
        _old_file_and_nothing_else(disk, out)


@pytest.mark.parametrize("fmt", ["docx", "docx-annotated", "pdf"])
def test_a_disk_that_fills_up_half_way_gives_one_message(data_dir: Path, tmp_path: Path, fmt: str) -> None:
    """8 KB left: the file is begun and the disk fills up while it is written."""
    with tmpfs(tmp_path / "disk") as disk:
        out = disk / f"notes{FORMATS[fmt].extension}"
        out.write_bytes(b"the old file")
        fill(disk, leave=8192)
        err = one_line_error(export_cli(data_dir, fmt, out))
        assert "磁盘已满" in err, err
        _old_file_and_nothing_else(disk, out)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md"])
def test_a_missing_folder_is_named_before_anything_is_drawn(data_dir: Path, tmp_path: Path, fmt: str) -> None:
    err = one_line_error(export_cli(data_dir, fmt, tmp_path / "gone" / f"x{FORMATS[fmt].extension}"))
    assert "文件夹不存在" in err and str(tmp_path / "gone") in err, err
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x", encoding="utf-8")
    err = one_line_error(export_cli(data_dir, fmt, not_a_folder / f"x{FORMATS[fmt].extension}"))
    assert "不是文件夹" in err, err


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md"])
def test_a_read_only_disk_is_said_so(data_dir: Path, tmp_path: Path, fmt: str) -> None:
    with tmpfs(tmp_path / "ro", read_only=True) as disk:
        err = one_line_error(export_cli(data_dir, fmt, disk / f"x{FORMATS[fmt].extension}"))
        assert "只读" in err, err
        assert not list(disk.iterdir())
