"""The command line, run as a real process (python -m desktop_app) and in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.loader import load_document
from tests.conftest import ROOT, run_module


def run_cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return run_module("desktop_app", *args, data_dir=data_dir, QT_QPA_PLATFORM="offscreen")


def test_text_prints_exactly_the_offset_text(speech_path: Path, isolated_user_data: Path) -> None:
    r = run_cli("text", str(speech_path), data_dir=isolated_user_data)
    assert r.returncode == 0, r.stderr
    doc = load_document(speech_path)
    assert r.stdout == doc.text + "\n"


def test_toc_json(speech_path: Path, isolated_user_data: Path) -> None:
    r = run_cli("toc", str(speech_path), "--json", data_dir=isolated_user_data)
    assert r.returncode == 0, r.stderr
    items = json.loads(r.stdout)
    text = load_document(speech_path).text
    assert [i["title"] for i in items if i["level"] == 1][:3] == [
        "第一条经验,主动在全市中心工作中找准定位",
        "第二条经验,打造与中心工作相匹配的干部队伍",
        "第三条经验,用群众的获得感和满意度检验工作成效",
    ]
    for item in items:
        assert set(item) >= {"level", "title", "start"}
        assert text[item["start"] : item["start"] + len(item["title"])] == item["title"]


def test_toc_plain_indents_children(speech_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["toc", str(speech_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "二、找准机关党建与中心工作融合的有效路径" in lines
    assert "  一要第一时间响应" in lines


@pytest.mark.parametrize("kind", ["missing", "folder", "binary", "empty", "undecodable"])
def test_bad_input_one_line_no_traceback(tmp_path: Path, kind: str, isolated_user_data: Path) -> None:
    target = tmp_path / "x.txt"
    if kind == "folder":
        target = tmp_path
    elif kind == "binary":
        target.write_bytes(bytes(range(256)) * 64)
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "undecodable":
        target.write_bytes(b"\xef\xbb\xbf\xff\xfe\x80\x81 broken after a UTF-8 BOM")
    r = run_cli("toc", str(target), data_dir=isolated_user_data)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("desktop-app: ")


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app import __version__

    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "--quit-after-load" in out and "--data-dir" in out
    assert main(["toc", "--help"]) == 0
    assert "--json" in capsys.readouterr().out


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["toc", "--nope", "x.txt"]) == 2


def test_selftest_passes(isolated_user_data: Path) -> None:
    r = run_cli("selftest", data_dir=isolated_user_data)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.strip().splitlines()[-1] == "selftest passed"
    assert all(line.startswith(("ok", "yandu", "selftest")) for line in r.stdout.strip().splitlines())


def test_window_quit_after_load(speech_path: Path, isolated_user_data: Path) -> None:
    r = run_cli(str(speech_path), "--quit-after-load", data_dir=isolated_user_data)
    assert r.returncode == 0, r.stderr
    assert (isolated_user_data / "settings.ini").is_file()  # user data went where we said


def test_data_dir_env_var(tmp_path: Path, speech_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "YANDU_DATA_DIR": str(tmp_path / "d"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    r = subprocess.run(
        [sys.executable, "-m", "desktop_app", str(speech_path), "--quit-after-load"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=ROOT,
    )
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "d" / "settings.ini").is_file()


def test_terms_lists_formulations_and_key_terms(speech_path: Path, isolated_user_data: Path) -> None:
    r = run_cli("terms", str(speech_path), "--json", data_dir=isolated_user_data)
    assert r.returncode == 0, r.stderr
    items = json.loads(r.stdout)
    text = load_document(speech_path).text
    by_term = {i["term"]: i for i in items}
    assert by_term["四个服务"]["kind"] == "quoted" and by_term["四个服务"]["count"] == 5
    assert by_term["三会一课"]["count"] == text.count("三会一课")
    for i in items:
        assert set(i) == {"term", "kind", "count", "offsets"} and i["count"] == len(i["offsets"])
        assert all(text[o : o + len(i["term"])] == i["term"] for o in i["offsets"])
    assert any(i["kind"] == "key" for i in items)
    plain = run_cli("terms", str(speech_path), "--key", "0", data_dir=isolated_user_data)
    assert "四个服务" in plain.stdout and "关键词" not in plain.stdout


def test_compare_two_versions(speech_path: Path, isolated_user_data: Path) -> None:
    revised = ROOT / "tests" / "data" / "revision" / "speech_revised.txt"
    r = run_cli("compare", str(speech_path), str(revised), "--json", data_dir=isolated_user_data)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert [c["kind"] for c in out["changes"]] == [
        "changed",
        "moved",
        "removed",
        "added",
        "changed",
        "added",
        "added",
    ]
    assert out["summary"]["new_formulations"] == ["两个确立", "四个意识", "四个自信"]
    text = run_cli("compare", str(speech_path), str(revised), data_dir=isolated_user_data)
    assert "已举办 【-6】【+7】 场" in text.stdout and "新增 3 句" in text.stderr
    bad = run_cli("compare", str(speech_path), str(ROOT / "nope.txt"), data_dir=isolated_user_data)
    assert bad.returncode == 3 and "找不到文件" in bad.stderr


def test_notes_commands_read_the_document_as_the_window_parsed_it(
    tmp_path: Path, isolated_user_data: Path
) -> None:
    """``notes`` commands take the parsed document from the cache the window fills (a
    document opened before is not parsed again); a changed file is parsed anew."""
    doc_file = tmp_path / "讲话.txt"
    doc_file.write_text("标题\n一、第一部分\n正文一句话。\n二、第二部分\n正文又一句话。", encoding="utf-8")
    add = run_cli("notes", "add", "--doc", str(doc_file), "--quote", "正文", data_dir=isolated_user_data)
    assert add.returncode == 0, add.stderr
    entries = list((isolated_user_data / "cache" / "documents").glob("*.marshal"))
    assert len(entries) == 1  # the first command parsed it and kept the result
    listed = run_cli("notes", "list", "--doc", str(doc_file), "--json", data_dir=isolated_user_data)
    assert listed.returncode == 0, listed.stderr
    assert [n["quote"] for n in json.loads(listed.stdout)] == ["正文"]
    assert list((isolated_user_data / "cache" / "documents").glob("*.marshal")) == entries  # read, not made
    doc_file.write_text(doc_file.read_text(encoding="utf-8") + "补充。", encoding="utf-8")
    again = run_cli("notes", "list", "--doc", str(doc_file), "--json", data_dir=isolated_user_data)
    assert again.returncode == 0, again.stderr
    assert len(list((isolated_user_data / "cache" / "documents").glob("*.marshal"))) == 2
