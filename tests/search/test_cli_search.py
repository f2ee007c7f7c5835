"""``desktop-app search``, run as a real process."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.loader import load_document
from tests.conftest import CORPUS, SPEECH, run_module
from tests.search.conftest import CENTRAL_WORK_HITS
from tests.search.reference import hidden_hits, substring_scan, visible_hits


def run_cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return run_module("desktop_app", *args, data_dir=data_dir)


@pytest.mark.parametrize(
    ("doc", "query"),
    [
        (SPEECH, "中心工作"),
        (SPEECH, "的"),
        (CORPUS / "06_xianfa.txt", "人民"),
        (CORPUS / "08_paimaifa_2015.txt", "拍卖人"),
    ],
)
def test_json_hits_are_exactly_a_substring_scan_of_the_text(
    doc: Path, query: str, isolated_user_data: Path
) -> None:
    text_run = run_cli("text", str(doc), data_dir=isolated_user_data)
    assert text_run.returncode == 0, text_run.stderr
    text = text_run.stdout[:-1]  # `text` ends with one newline
    r = run_cli("search", query, "--doc", str(doc), "--limit", "0", "--json", data_dir=isolated_user_data)
    assert r.returncode == 0, r.stderr
    hits = json.loads(r.stdout)
    loaded = load_document(doc)
    every = substring_scan(text, query)
    assert [(h["start"], h["end"]) for h in hits] == visible_hits(loaded, every)  # hidden: not a hit
    if loaded.hidden_paragraphs():  # the speech: its repeated title holds some, left out
        assert hidden_hits(loaded, every) and len(hits) < len(every)
    for h in hits:
        assert set(h) == {"start", "end", "section", "snippet", "score"}
        assert query in h["snippet"] and isinstance(h["score"], float)


def test_default_document_limit_and_plain_output(isolated_user_data: Path) -> None:
    r = run_cli("search", "中心工作", data_dir=isolated_user_data)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 20  # default limit
    first = lines[0]
    span, section, snippet = first.split("  ", 2)
    start, end = map(int, span.split("-"))
    assert end - start == 4 and "【中心工作】" in snippet and section
    starts = [int(line.split("-", 1)[0]) for line in lines]
    assert starts == sorted(starts)  # plain text: left to right
    assert f"20 / {CENTRAL_WORK_HITS}" in r.stderr


def test_multi_term_queries_are_ranked(isolated_user_data: Path) -> None:
    r = run_cli("search", "中心 OR 群众", "--json", "--limit", "0", data_dir=isolated_user_data)
    hits = json.loads(r.stdout)
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True) and len(hits) > 50
    in_order = run_cli(
        "search", "中心 OR 群众", "--json", "--limit", "0", "--order", "document", data_dir=isolated_user_data
    )
    assert sorted((h["start"], h["end"]) for h in hits) == [
        (h["start"], h["end"]) for h in json.loads(in_order.stdout)
    ]


def test_malformed_query_is_explained_not_a_traceback(isolated_user_data: Path) -> None:
    r = run_cli("search", '"中心 工作', "--json", data_dir=isolated_user_data)
    assert r.returncode == 0 and "Traceback" not in r.stderr
    assert "引号" in r.stderr
    assert len(json.loads(r.stdout)) == 20


def test_bad_document_is_one_line(tmp_path: Path, isolated_user_data: Path) -> None:
    r = run_cli("search", "中心", "--doc", str(tmp_path / "missing.txt"), data_dir=isolated_user_data)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("desktop-app: ")


def test_in_process_and_negative_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "群众", "--limit", "3"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    assert main(["search", "群众", "--limit", "-1"]) == 2
    assert main(["search", "--", "-群众"]) == 0
    assert "排除" in capsys.readouterr().err
