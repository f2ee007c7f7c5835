#!/usr/bin/env bash
# Build the one-folder Yandu bundle and prove it runs on its own; any failure fails CI.
#
#     bash build_scripts/ci_bundle_check.sh [--no-build]
#
# 1. python build_scripts/build.py            -> dist/yandu/yandu + dist/yandu-<ver>-<os>-<arch>.tar.gz
# 2. unpack the archive into a temp dir, as a user would, and run it from there with
#    HOME, XDG_* and --data-dir in temp dirs, cwd elsewhere, PYTHON* unset, so neither
#    the source tree nor any user setting can help it:
#      yandu --version; yandu selftest; yandu toc <bundled speech>;
#      QT_QPA_PLATFORM=offscreen yandu --quit-after-load   (with a timeout)
#    and, when xvfb-run is installed, the same window on a real X server (xcb plugin).
# 3. the same two main commands on dist/yandu/yandu itself.
# Takes about a minute on 2 cores (the build ~25 s, packing ~10 s).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PYTHON=${PYTHON:-$(command -v python3 || command -v python)}
TIMEOUT=${YANDU_CHECK_TIMEOUT:-60}
BUILD=1
[[ "${1:-}" == "--no-build" ]] && BUILD=0

now_ms() { echo $(($(date +%s%N) / 1000000)); }
secs() { local ms=$(($(now_ms) - $1)); printf '%d.%02d' $((ms / 1000)) $((ms % 1000 / 10)); }
START=$(now_ms)
step() { printf '\n== [%ss] %s\n' "$(secs "$START")" "$*"; }
run() { # run CMD...: print it, time it, fail loudly with its status
    local t0 rc
    t0=$(now_ms)
    echo "\$ $*"
    local out
    out=$(mktemp)
    set +e
    "$@" > >(tee -a "$out") 2> >(tee -a "$out" >&2)
    rc=$?
    set -e
    wait  # for the tee processes
    printf -- '-> status %d in %ss\n' "$rc" "$(secs "$t0")"
    if [[ $rc -ne 0 ]]; then
        echo "ci_bundle_check: FAILED: $*" >&2
        exit "$rc"
    fi
    # An exception in a Qt slot does not change the exit status; it still means a broken bundle.
    if grep -q "Traceback (most recent call last)" "$out"; then
        echo "ci_bundle_check: FAILED (a Python traceback was printed): $*" >&2
        exit 1
    fi
    rm -f "$out"
}

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/yandu-bundle-check.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT

if [[ $BUILD -eq 1 ]]; then
    step "build the one-folder bundle"
    run "$PYTHON" "$ROOT/build_scripts/build.py"
fi

VERSION=$("$PYTHON" -c "import sys; sys.path.insert(0, '$HERE'); import bundle_config as c; print(c.app_version())")
ARCHIVE=$("$PYTHON" -c "import sys; sys.path.insert(0, '$HERE'); import bundle_config as c; print(c.archive_name('$VERSION'))")
[[ -x "$ROOT/dist/yandu/yandu" ]] || { echo "ci_bundle_check: dist/yandu/yandu missing" >&2; exit 1; }
[[ -f "$ROOT/dist/$ARCHIVE" ]] || { echo "ci_bundle_check: dist/$ARCHIVE missing" >&2; exit 1; }
echo "bundle: $(du -sh "$ROOT/dist/yandu" | cut -f1) in dist/yandu, archive dist/$ARCHIVE $(du -h "$ROOT/dist/$ARCHIVE" | cut -f1)"

step "unpack dist/$ARCHIVE into a temp dir"
mkdir -p "$SCRATCH/unpacked" "$SCRATCH/home" "$SCRATCH/cwd"
run tar -xzf "$ROOT/dist/$ARCHIVE" -C "$SCRATCH/unpacked"
APP="$SCRATCH/unpacked/yandu/yandu"
SPEECH="$SCRATCH/unpacked/yandu/_internal/desktop_app/resources/speech.txt"
for f in yandu.desktop yandu.png install-desktop-entry.sh README.txt; do
    [[ -f "$SCRATCH/unpacked/yandu/$f" ]] || { echo "ci_bundle_check: $f missing from the archive" >&2; exit 1; }
done
# Every resource file (speech, font + licence, icons, translations) is inside, byte for byte.
cat > "$SCRATCH/check_resources.py" <<'EOF'
import filecmp
import sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])
import bundle_config as cfg

import lzma

datas = cfg.resource_datas()
bad = [s for s, d in datas if not filecmp.cmp(s, Path(sys.argv[2], d, Path(s).name), shallow=False)]
for rel in cfg.COMPRESSED_RESOURCES:  # shipped as .xz: unpacks to the very file
    packed = Path(sys.argv[2], cfg.RESOURCES_DEST, rel + ".xz")
    if not packed.is_file() or lzma.decompress(packed.read_bytes()) != (cfg.RESOURCES / rel).read_bytes():
        bad.append(str(packed))
total = len(datas) + len(cfg.COMPRESSED_RESOURCES)
print(f"{total - len(bad)} of {total} resource files bundled intact ({len(cfg.COMPRESSED_RESOURCES)} xz-compressed)")
sys.exit(f"missing or different in the bundle: {bad}" if bad else 0)
EOF
run "$PYTHON" "$SCRATCH/check_resources.py" "$HERE" "$SCRATCH/unpacked/yandu/_internal"

# An environment with nothing of ours in it: temp HOME and XDG dirs, no PYTHON*, cwd elsewhere.
isolated() {
    (cd "$SCRATCH/cwd" && env -u PYTHONPATH -u PYTHONHOME -u VIRTUAL_ENV -u YANDU_DATA_DIR -u YANDU_LANG \
        HOME="$SCRATCH/home" XDG_CONFIG_HOME="$SCRATCH/home/.config" XDG_DATA_HOME="$SCRATCH/home/.local/share" \
        XDG_CACHE_HOME="$SCRATCH/home/.cache" PYTHONNOUSERSITE=1 "$@")
}

step "the unpacked bundle, isolated: --version, selftest, toc"
run isolated timeout "$TIMEOUT" "$APP" --version
run isolated timeout "$TIMEOUT" "$APP" selftest --data-dir "$SCRATCH/data"
run isolated timeout "$TIMEOUT" "$APP" toc "$SPEECH" --data-dir "$SCRATCH/data"
run isolated timeout "$TIMEOUT" "$APP" search 中心工作 --limit 3 --data-dir "$SCRATCH/data"
run isolated timeout "$TIMEOUT" "$APP" notes add --quote 踩准点 --note 要落实 --data-dir "$SCRATCH/data"
for fmt in docx docx-annotated pdf md html txt csv json; do  # every export format works frozen
    run isolated env QT_QPA_PLATFORM=offscreen timeout "$TIMEOUT" "$APP" notes export --format "$fmt" \
        --out "$SCRATCH/notes.$fmt" --data-dir "$SCRATCH/data"
    [[ -s "$SCRATCH/notes.$fmt" ]] || { echo "ci_bundle_check: FAILED: empty export $fmt" >&2; exit 1; }
done
run isolated timeout "$TIMEOUT" "$APP" notes import "$SCRATCH/notes.json" --dry-run --data-dir "$SCRATCH/data"

step "the unpacked bundle, isolated: the window, offscreen, quit after first paint"
run isolated env QT_QPA_PLATFORM=offscreen timeout "$TIMEOUT" "$APP" --quit-after-load --data-dir "$SCRATCH/data"
# Second start: settings now exist in the data dir (last file, window geometry).
run isolated env QT_QPA_PLATFORM=offscreen timeout "$TIMEOUT" "$APP" --quit-after-load --data-dir "$SCRATCH/data"

if command -v xvfb-run >/dev/null 2>&1; then
    step "the unpacked bundle on a virtual X server (xcb platform plugin and its bundled libraries)"
    run isolated env -u QT_QPA_PLATFORM -u WAYLAND_DISPLAY QT_QPA_PLATFORM=xcb timeout "$TIMEOUT" \
        xvfb-run -a -s "-screen 0 1280x1024x24" "$APP" --quit-after-load --data-dir "$SCRATCH/data-x11"
else
    step "xvfb-run not installed: X11 (xcb) start not checked"
fi

step "dist/yandu/yandu itself: selftest and the window, offscreen"
run isolated timeout "$TIMEOUT" "$ROOT/dist/yandu/yandu" selftest
run isolated env QT_QPA_PLATFORM=offscreen timeout "$TIMEOUT" "$ROOT/dist/yandu/yandu" --quit-after-load

step "bundle check passed"
