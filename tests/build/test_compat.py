"""The compatibility build's parts that run in seconds (issue 13): the glibc check on real ELF
files, the symbol-version header on a real compiled program, the .deb built by make_deb.sh and
installed and purged by a real dpkg in a temporary root.  The whole build (debootstrap, Python
compiled in Debian 11, the bundle run inside a bare Debian 11) is `sudo bash
build_scripts/build_compat.sh`, documented in the README: it takes 20 minutes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "build_scripts"
sys.path.insert(0, str(SCRIPTS))
import glibc_check  # noqa: E402

needs_binutils = pytest.mark.skipif(
    shutil.which("readelf") is None or shutil.which("objdump") is None, reason="binutils not installed"
)
needs_dpkg = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg not installed")


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPTS / "glibc_check.py"), *args], capture_output=True, text=True, timeout=120
    )


def a_real_program() -> Path:
    return Path(shutil.which("true") or "/bin/true").resolve()


# --------------------------------------------------------------------------- the glibc check


@needs_binutils
def test_the_check_reports_the_highest_version_and_fails_above_the_maximum(tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    (folder / "_internal").mkdir(parents=True)
    shutil.copy(a_real_program(), folder / "yandu")
    shutil.copy(Path(sys.executable).resolve(), folder / "_internal" / "python")
    (folder / "_internal" / "notes.txt").write_text("not an ELF file", encoding="utf-8")
    os.symlink("yandu", folder / "link-to-yandu")  # read once, through the file itself

    report = glibc_check.check(folder)
    assert report["elf_files"] == 2
    highest = glibc_check.parse_version(str(report["highest"]))
    assert highest >= (2, 2, 5)
    assert report["highest_files"]

    ok = run_check(str(folder), "--max", "99.0")
    assert ok.returncode == 0, ok.stderr
    assert f"the highest glibc version required is {report['highest']}" in ok.stdout

    low = run_check(str(folder), "--max", "2.0")  # below anything glibc ever versioned
    assert low.returncode == 1
    assert "FAILED" in low.stderr and "needs GLIBC_" in low.stdout
    line = next(x for x in low.stdout.splitlines() if f"needs GLIBC_{report['highest']}:" in x)
    assert line.split(":", 2)[2].split()  # names the symbols that need it
    assert "notes.txt" not in low.stdout


@needs_binutils
def test_a_folder_without_elf_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    r = run_check(str(tmp_path))
    assert r.returncode == 2 and "no ELF file" in r.stderr


@needs_binutils
@pytest.mark.skipif(shutil.which("gcc") is None, reason="gcc not installed")
def test_the_header_binds_exp_log_pow_to_their_oldest_versions(tmp_path: Path) -> None:
    """glibc_compat.h, forced into the compatibility build's Python: a program calling exp, log,
    pow, exp2 and log2 needs GLIBC_2.29 when built on a newer glibc, and not with the header."""
    source = tmp_path / "m.c"
    source.write_text(
        "#include <math.h>\n#include <stdio.h>\n#include <stdlib.h>\n"
        "int main(int c, char **v) { double x = atof(v[c - 1]);\n"
        '  printf("%.17g\\n", exp(x) + log(x + 2) + pow(x, 1.5) + exp2(x) + log2(x + 2)); return 0; }\n',
        encoding="utf-8",
    )
    plain, compat = tmp_path / "plain", tmp_path / "compat"
    header = SCRIPTS / "linux" / "glibc_compat.h"
    subprocess.run(["gcc", "-O2", "-o", str(plain), str(source), "-lm"], check=True, timeout=120)
    subprocess.run(
        ["gcc", "-O2", "-include", str(header), "-o", str(compat), str(source), "-lm"],
        check=True,
        timeout=120,
    )
    host = glibc_check.glibc_needs(plain)
    if max(host) < (2, 29):
        pytest.skip("this glibc is older than 2.29: nothing to bind")
    assert (2, 29) in host
    assert glibc_check.symbols_needing(plain, (2, 29)) == ["exp", "exp2", "log", "log2", "pow"]
    assert (2, 29) not in glibc_check.glibc_needs(compat)
    assert set(glibc_check.symbols_needing(compat, (2, 2, 5))) >= {"exp", "exp2", "log", "log2", "pow"}
    # read before anything else, it must not fix the feature macros a program sets itself
    gnu = tmp_path / "gnu.c"
    gnu.write_text(
        "#define _GNU_SOURCE\n#include <fcntl.h>\nint f(void) { return O_DIRECT; }\n", encoding="utf-8"
    )
    subprocess.run(
        ["gcc", "-c", "-include", str(header), "-o", str(tmp_path / "gnu.o"), str(gnu)],
        check=True,
        timeout=60,
    )
    same = [
        subprocess.run([str(p), "0.75"], capture_output=True, text=True, check=True).stdout
        for p in (plain, compat)
    ]
    assert same[0] == same[1] and float(same[0]) > 0


# --------------------------------------------------------------------------- the .deb


def fake_bundle(folder: Path) -> Path:
    """A one-folder bundle's shape, with a real ELF program as its executable."""
    (folder / "_internal" / "desktop_app" / "resources").mkdir(parents=True)
    shutil.copy(a_real_program(), folder / "yandu")
    (folder / "_internal" / "desktop_app" / "resources" / "speech.txt").write_text("讲话", encoding="utf-8")
    shutil.copy(SCRIPTS / "linux" / "install-desktop-entry.sh", folder / "install-desktop-entry.sh")
    (folder / "README.txt").write_text("readme", encoding="utf-8")
    return folder


def make_deb(bundle: Path, out: Path) -> Path:
    r = subprocess.run(
        ["bash", str(SCRIPTS / "make_deb.sh"), str(bundle), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    (deb,) = out.glob("yandu_*_amd64.deb")
    return deb


def tree(root: Path) -> set[str]:
    """Every path below ``root`` but dpkg's own database."""
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if not p.relative_to(root).as_posix().startswith("var/lib/dpkg")
    }


def dpkg(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
    return subprocess.run(
        ["dpkg", f"--root={root}", "--force-not-root", "--force-script-chrootless", "--force-depends",
         f"--log={root}/dpkg.log", *args],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip


@needs_dpkg
@needs_binutils
def test_the_deb_has_the_layout_menu_entry_and_mime_types(tmp_path: Path) -> None:
    deb = make_deb(fake_bundle(tmp_path / "yandu"), tmp_path / "out")
    info = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
    fields = dict(
        line.split(": ", 1) for line in info.splitlines() if ": " in line and not line.startswith(" ")
    )
    assert fields["Package"] == "yandu" and fields["Architecture"] == "amd64"
    floor = glibc_check.show(max(glibc_check.glibc_needs(a_real_program())))
    assert fields["Depends"].startswith(f"libc6 (>= {floor})")  # the floor the check measured
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()]
    names = {row[5] for row in rows}
    assert rows[0][0] == "drwxr-xr-x" and rows[0][5] == "./"  # never carries another mode onto /
    assert all(row[1] == "root/root" for row in rows)
    wanted = {
        "./opt/yandu/yandu",
        "./usr/bin/yandu",
        "./usr/share/applications/yandu.desktop",
        "./usr/share/mime/packages/yandu.xml",
        "./usr/share/icons/hicolor/256x256/apps/yandu.png",
        "./usr/share/icons/hicolor/48x48/apps/yandu.png",
        "./usr/share/doc/yandu/copyright",
    }
    assert wanted <= names
    assert "./opt/yandu/install-desktop-entry.sh" not in names  # the package does that itself
    link = next(row for row in rows if row[5] == "./usr/bin/yandu")
    assert link[0].startswith("l") and link[-1] == "/opt/yandu/yandu"

    extracted = tmp_path / "x"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(extracted)], check=True)
    desktop = (extracted / "usr/share/applications/yandu.desktop").read_text(encoding="utf-8")
    entry = dict(line.split("=", 1) for line in desktop.splitlines() if "=" in line)
    assert entry["Exec"] == "yandu %f" and entry["Name[zh_CN]"] == "研读"
    assert "Office" in entry["Categories"].split(";")  # 程序 > 办公
    mime = set(entry["MimeType"].rstrip(";").split(";"))
    assert {"text/plain", "application/pdf", "application/ofd",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"} <= mime  # fmt: skip
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    declared = ET.parse(extracted / "usr/share/mime/packages/yandu.xml").getroot()
    ofd = declared.find("m:mime-type[@type='application/ofd']", ns)
    assert ofd is not None and ofd.find("m:glob", ns).get("pattern") == "*.ofd"  # type: ignore[union-attr]
    if shutil.which("desktop-file-validate"):
        r = subprocess.run(["desktop-file-validate", str(extracted / "usr/share/applications/yandu.desktop")],
                           capture_output=True, text=True)  # fmt: skip
        assert r.returncode == 0, r.stdout + r.stderr


@needs_dpkg
@needs_binutils
def test_the_deb_installs_into_a_root_and_purges_leaving_nothing(tmp_path: Path) -> None:
    """A real dpkg installs it into an empty root (its own database, the maintainer scripts
    run with DPKG_ROOT so they touch that root only) and purges it: nothing is left."""
    deb = make_deb(fake_bundle(tmp_path / "yandu"), tmp_path / "out")
    root = tmp_path / "root"
    for d in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers"):
        (root / d).mkdir(parents=True)
    (root / "var/lib/dpkg/status").touch()
    (root / "var/lib/dpkg/available").touch()
    (root / "opt").mkdir()  # as base-files leaves it, owned by no package
    if shutil.which("update-mime-database"):  # a desktop's MIME database, as shared-mime-info leaves it
        (root / "usr/share/mime/packages").mkdir(parents=True)
        subprocess.run(["update-mime-database", str(root / "usr/share/mime")], check=True, timeout=120)
    before = tree(root)

    r = dpkg(root, "-i", str(deb))
    assert r.returncode == 0, r.stdout + r.stderr
    assert (root / "opt/yandu/yandu").is_file() and os.access(root / "opt/yandu/yandu", os.X_OK)
    assert os.readlink(root / "usr/bin/yandu") == "/opt/yandu/yandu"
    assert (root / "usr/share/applications/yandu.desktop").is_file()
    status = (root / "var/lib/dpkg/status").read_text(encoding="utf-8")
    assert "Package: yandu\nStatus: install ok installed" in status

    r = dpkg(root, "--purge", "yandu")
    assert r.returncode == 0, r.stdout + r.stderr
    after = tree(root) - {"dpkg.log"}
    assert after - before == set(), sorted(after - before)
    # /opt stays (base-files makes it, no package owns it: dpkg would take it with ours).
    # usr/share/mime/packages belongs to shared-mime-info on a real system; in this root no
    # package owns it, so dpkg rightly takes it with ours
    assert before - after <= {"usr/share/mime/packages"}, sorted(before - after)
    assert "opt" in after


def test_the_scripts_parse_and_clean_up_their_mounts() -> None:
    for script in ("build_compat.sh", "make_deb.sh", "linux/check_in_root.sh"):
        r = subprocess.run(["bash", "-n", str(SCRIPTS / script)], capture_output=True, text=True)
        assert r.returncode == 0, (script, r.stderr)
    compat = (SCRIPTS / "build_compat.sh").read_text(encoding="utf-8")
    assert "trap cleanup EXIT INT TERM" in compat and "unmount_all" in compat
    # nothing is deleted with rm -rf below a root while something may be mounted there
    risky = [line for line in compat.splitlines() if "rm -rf" in line and ("ROOT" in line or "$WORK" in line)]
    assert risky == [], risky
    check = (SCRIPTS / "linux" / "check_in_root.sh").read_text(encoding="utf-8")
    assert "unshare --net chroot" in check  # no network inside the root


def test_the_libraries_taken_from_the_system_are_left_out_of_every_linux_bundle() -> None:
    """What would set the glibc floor from the build machine (libsystemd, libpng) or clash with
    the desktop (libdbus, libcups) comes from the system; the .deb depends on them."""
    from build_scripts import bundle_config as cfg

    for name in ("libdbus-1.so.3", "libsystemd.so.0", "libpng16.so.16", "libcups.so.2"):
        assert not cfg.keep_entry(name), name
    for name in (
        "libsqlite3.so.0",
        "libfontconfig.so.1",
        "libfreetype.so.6",
        "libQt6Core.so.6",
        "libstdc++.so.6",
    ):
        assert cfg.keep_entry(name), name
    deb_script = (SCRIPTS / "make_deb.sh").read_text(encoding="utf-8")
    depends = next(line for line in deb_script.splitlines() if line.startswith("Depends:"))
    for package in ("libdbus-1-3", "libpng16-16", "libxcb1", "libgl1", "libegl1"):
        assert package in depends, package
    compat = (SCRIPTS / "build_compat.sh").read_text(encoding="utf-8")
    test_packages = next(line for line in compat.splitlines() if line.startswith("TEST_PACKAGES="))
    for package in ("libdbus-1-3", "libpng16-16"):  # the bare root has what the bundle takes
        assert package in test_packages, package


@needs_binutils
def test_the_orphan_pruning_follows_what_each_library_names_itself() -> None:
    """ldd would also name what the system's libraries need (libgcrypt through the system's
    libsystemd, which the bundle leaves out), keeping it in the bundle as if needed."""
    import PySide6

    from build_scripts import bundle_config as cfg

    qt_gui = Path(PySide6.__file__).parent / "Qt" / "lib" / "libQt6Gui.so.6"
    if not qt_gui.is_file():
        pytest.skip("PySide6 without its Qt libraries beside it")
    needed = cfg.pyinstaller_deps_of(str(qt_gui))
    readelf = subprocess.run(
        ["readelf", "-d", str(qt_gui)], capture_output=True, text=True, check=True
    ).stdout
    assert needed and all(f"[{name}]" in readelf for name in needed)
    assert sorted(needed) == sorted(
        line.split("[")[1].rstrip("]") for line in readelf.splitlines() if "(NEEDED)" in line
    )
    assert not any("gcrypt" in name or "systemd" in name for name in needed)
    not_elf = ROOT / "README.md"
    assert cfg.elf_needed(str(not_elf)) is None
