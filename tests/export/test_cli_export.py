"""``desktop-app notes export`` / ``notes import`` run as real processes; the selftest check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx

from tests.conftest import ROOT


def cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    env.pop("YANDU_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "desktop_app.cli_notes", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, cwd=ROOT,
    )  # fmt: skip


def test_export_import_from_the_command_line(tmp_path: Path) -> None:
    a, b = tmp_path / "pc-a", tmp_path / "pc-b"
    r = cli(
        "notes", "add", "--quote", "第一时间响应", "--note", "<script>x</script>", "--tag", "重点", data_dir=a
    )
    assert r.returncode == 0, r.stderr
    r = cli("notes", "add", "--quote", "踩准点", "--color", "绿", data_dir=a)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "n.docx"
    r = cli(
        "notes",
        "export",
        "--format",
        "docx",
        "--out",
        str(out),
        "--style",
        "gongwen",
        "--tag",
        "重点",
        data_dir=a,
    )
    assert r.returncode == 0, r.stderr
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "第一时间响应" in texts and "踩准点" not in texts
    r = cli(
        "notes",
        "export",
        "--format",
        "md",
        "--out",
        str(tmp_path / "n.md"),
        "--section",
        "三、把推进",
        data_dir=a,
    )
    assert r.returncode == 0, r.stderr
    md = (tmp_path / "n.md").read_text(encoding="utf-8")
    assert "踩准点" in md and "第一时间响应" not in md
    js = tmp_path / "n.json"
    assert cli("notes", "export", "--format", "json", "--out", str(js), data_dir=a).returncode == 0
    r = cli("notes", "import", str(js), "--dry-run", data_dir=b)
    assert r.returncode == 0, r.stderr
    assert "新增 2 条" in r.stdout
    r = cli("notes", "list", "--json", data_dir=b)
    assert json.loads(r.stdout) == []  # a dry run changes nothing
    r = cli("notes", "import", str(js), data_dir=b)
    assert r.returncode == 0 and "已导入" in r.stdout
    before = json.loads(cli("notes", "list", "--json", data_dir=a).stdout)
    after = json.loads(cli("notes", "list", "--json", data_dir=b).stdout)
    strip = [{k: v for k, v in d.items() if k != "doc_id"} for d in before]
    assert [{k: v for k, v in d.items() if k != "doc_id"} for d in after] == strip


def test_errors_are_one_line_with_a_non_zero_exit(tmp_path: Path) -> None:
    r = cli(
        "notes", "export", "--format", "txt", "--out", str(tmp_path / "no" / "x.txt"), data_dir=tmp_path / "d"
    )
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "文件夹不存在" in r.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    r = cli("notes", "import", str(bad), data_dir=tmp_path / "d")
    assert r.returncode == 3 and r.stderr.count("\n") == 1 and "JSON" in r.stderr
    r = cli(
        "notes",
        "export",
        "--format",
        "md",
        "--out",
        str(tmp_path / "x.md"),
        "--section",
        "没有",
        data_dir=tmp_path,
    )
    assert r.returncode == 3 and "没有" in r.stderr


def test_selftest_check_export() -> None:
    from desktop_app.export.selftest_check import check_export

    assert "docx" in check_export({})


def test_pdf_from_the_command_line_is_print_size(tmp_path: Path) -> None:
    """The command line makes its own offscreen Qt application: the PDF is still A4 at print size."""
    from tests.export.test_pdf import runs

    data = tmp_path / "d"
    r = cli("notes", "add", "--quote", "第一时间响应", "--note", "要快速响应", data_dir=data)
    assert r.returncode == 0, r.stderr
    for style, body in (("default", 12.0), ("gongwen", 16.0)):
        out = tmp_path / f"{style}.pdf"
        r = cli("notes", "export", "--format", "pdf", "--style", style, "--out", str(out), data_dir=data)
        assert r.returncode == 0, r.stderr
        drawn = runs(out)
        assert {round(x.size, 1) for x in drawn if "要快速响应" in x.text} == {body}, style
