#!/usr/bin/env bash
# The compatibility build: the one-folder bundle made inside a Debian 11 (bullseye, glibc 2.31)
# root, with Python 3.11 compiled there from Debian's own python3.11 source package, so that it
# starts on the domestic office systems (UOS 20, Kylin V10: glibc 2.28-2.31).  Then the proof:
# the glibc check, and the bundle run inside a second, bare bullseye root (no Python, no fonts,
# no network): selftest, toc, search, notes export --format docx, a window start offscreen and
# under Xvfb.
#
#     sudo bash build_scripts/build_compat.sh [--work DIR] [--no-check] [--max-glibc 2.31]
#
# Output: dist/compat/yandu/ (the bundle) and dist/compat/yandu-<version>-linux-x86_64-glibc<floor>.tar.gz.
# Work folder (default /var/cache/yandu-compat, or $YANDU_COMPAT_WORK): build-root/ and
# test-root/ (made once with debootstrap and kept: a second run takes minutes, not a quarter
# of an hour), python/ (the compiled interpreter, kept).  Needs root, debootstrap, and the
# network to deb.debian.org and PyPI only.  Every mount it makes is undone on exit, whatever
# happens (a trap unmounts all mounts below the work folder, deepest first).
# Takes about 20 minutes the first time on 2 cores (debootstrap 2 x 1 min, packages 3 min,
# Python 8 min, dependencies and PyInstaller 4 min, checks 1 min); about 6 minutes again.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
WORK=${YANDU_COMPAT_WORK:-/var/cache/yandu-compat}
SUITE=bullseye
MIRROR=${YANDU_DEBIAN_MIRROR:-http://deb.debian.org/debian}
MAX_GLIBC=2.31
CHECK=1
PY_PREFIX=/opt/yandu-python

while [[ $# -gt 0 ]]; do
    case "$1" in
        --work) WORK=$2; shift 2 ;;
        --no-check) CHECK=0; shift ;;
        --max-glibc) MAX_GLIBC=$2; shift 2 ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "build_compat.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

say() { printf '\n== [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { echo "build_compat.sh: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "run as root (debootstrap, chroot and mount need it): sudo bash $0"
for tool in debootstrap chroot mount umount unshare findmnt; do
    command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install debootstrap util-linux)"
done

BUILD_ROOT=$WORK/build-root
TEST_ROOT=$WORK/test-root
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
BUILD_ROOT=$WORK/build-root
TEST_ROOT=$WORK/test-root

# ---- mounts, always undone -------------------------------------------------------------------
unmount_all() {
    # every mount point below the work folder, deepest first
    local points
    points=$(findmnt -rn -o TARGET | awk -v w="$WORK/" 'index($0, w) == 1' | sort -r)
    for p in $points; do
        umount "$p" 2>/dev/null || umount -l "$p" 2>/dev/null || true
    done
}
XVFB_PID=
cleanup() {
    local rc=$?
    [[ -n "$XVFB_PID" ]] && kill "$XVFB_PID" 2>/dev/null || true
    unmount_all
    if findmnt -rn -o TARGET | grep -q "^$WORK/"; then
        echo "build_compat.sh: WARNING: mounts left below $WORK" >&2
    fi
    exit $rc
}
trap cleanup EXIT INT TERM

safe_rm() { # DIR: rm -rf, refused while anything is mounted below it (a bound /dev!)
    if findmnt -rn -o TARGET | awk -v w="$1/" 'index($0, w) == 1 || $0 == substr(w, 1, length(w) - 1)' | grep -q .; then
        die "refusing to delete $1: something is mounted below it"
    fi
    rm -rf "$1"
}

mount_system() { # ROOT: /proc, /dev (bind), a private /tmp (tmpfs)
    local r=$1
    mkdir -p "$r/proc" "$r/dev" "$r/tmp"
    mount -t proc proc "$r/proc"
    mount --rbind /dev "$r/dev"
    mount --make-rslave "$r/dev"
    mount -t tmpfs -o mode=1777 tmpfs "$r/tmp"
}

in_root() { # ROOT CMD...: run CMD in ROOT with a clean environment
    local r=$1
    shift
    chroot "$r" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
        LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

# ---- 1. the build root -----------------------------------------------------------------------
BUILD_PACKAGES=(
    # compilers, and what apt-get source needs
    build-essential dpkg-dev pkg-config ca-certificates xz-utils file binutils tcl
    # the interpreter's modules (ssl only for pip's downloads: the bundle leaves it out)
    libssl-dev libsqlite3-dev zlib1g-dev libbz2-dev liblzma-dev libffi-dev uuid-dev libexpat1-dev
    # what Qt's libraries and plugins link, so PyInstaller collects bullseye's copies
    libglib2.0-0 libx11-6 libx11-xcb1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
    libdbus-1-3 libegl1 libgl1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0
    libxcb-sync1 libxcb-glx0 libxcb-shm0 libxrender1 libsm6 libice6 libcups2
)
if [[ ! -f $BUILD_ROOT/.yandu-ready ]]; then
    say "debootstrap $SUITE into $BUILD_ROOT"
    unmount_all
    safe_rm "$BUILD_ROOT"
    debootstrap --variant=minbase "$SUITE" "$BUILD_ROOT" "$MIRROR" >"$WORK/debootstrap-build.log" 2>&1 \
        || { tail -20 "$WORK/debootstrap-build.log"; die "debootstrap failed"; }
    cp /etc/resolv.conf "$BUILD_ROOT/etc/resolv.conf"
    # bookworm's sources, for apt-get source python3.11 only
    printf 'deb-src %s bookworm main\n' "$MIRROR" >"$BUILD_ROOT/etc/apt/sources.list.d/bookworm-src.list"
    touch "$BUILD_ROOT/.yandu-ready"
fi
if [[ "$(cat "$BUILD_ROOT/.yandu-ready")" != "${BUILD_PACKAGES[*]}" ]]; then
    say "build packages in $BUILD_ROOT"
    cp /etc/resolv.conf "$BUILD_ROOT/etc/resolv.conf"
    mount_system "$BUILD_ROOT"
    in_root "$BUILD_ROOT" apt-get update -qq
    in_root "$BUILD_ROOT" apt-get install -y -qq --no-install-recommends "${BUILD_PACKAGES[@]}" >/dev/null
    unmount_all
    echo "${BUILD_PACKAGES[*]}" >"$BUILD_ROOT/.yandu-ready"  # installed again when the list changes
fi
cp /etc/resolv.conf "$BUILD_ROOT/etc/resolv.conf"
# the host's certificate bundle (a proxy's CA may be in it) for pip inside the root
cp /etc/ssl/certs/ca-certificates.crt "$BUILD_ROOT/etc/ssl/certs/yandu-host-ca.crt"

# ---- 2. SQLite, then Python 3.11, from Debian's source packages (bookworm) -------------------
# SQLite too: bullseye's libsqlite3 calls log@GLIBC_2.29; ours, with glibc_compat.h, does not
# (and is bookworm's 3.40, where the notes database is tested).  Python's _sqlite3 links it
# through the prefix's rpath, and PyInstaller bundles it from there.
if [[ ! -e $BUILD_ROOT$PY_PREFIX/lib/libsqlite3.so.0 ]]; then
    say "SQLite from Debian's sqlite3 source package (bookworm), compiled in $SUITE"
    mount_system "$BUILD_ROOT"
    safe_rm "$BUILD_ROOT/build/sqlite" && mkdir -p "$BUILD_ROOT/build/sqlite"
    cp "$HERE/linux/glibc_compat.h" "$BUILD_ROOT/build/glibc_compat.h"
    in_root "$BUILD_ROOT" apt-get update -qq
    in_root "$BUILD_ROOT" sh -c 'cd /build/sqlite && apt-get source -qq sqlite3' >/dev/null 2>&1 \
        || die "apt-get source sqlite3 failed (is bookworm's deb-src reachable?)"
    src=$(cd "$BUILD_ROOT/build/sqlite" && ls -d sqlite3-*/ | head -1)
    [[ -n "$src" ]] || die "sqlite3 source not unpacked"
    # Debian's own build flags for the features Python and the notes database use
    in_root "$BUILD_ROOT" sh -c "cd /build/sqlite/$src && \
        ./configure --prefix=$PY_PREFIX --disable-static --disable-tcl --enable-fts5 \
            CFLAGS='-O2 -include /build/glibc_compat.h -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS \
                -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_SECURE_DELETE \
                -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_MAX_VARIABLE_NUMBER=250000' \
            >/build/sqlite/configure.log 2>&1 && \
        make -j\$(nproc) libsqlite3.la sqlite3.h >/build/sqlite/make.log 2>&1 && \
        mkdir -p $PY_PREFIX/include && \
        make lib_install >/build/sqlite/install.log 2>&1 && \
        install -m 644 sqlite3.h src/sqlite3ext.h $PY_PREFIX/include/" \
        || { for f in "$BUILD_ROOT"/build/sqlite/*.log; do tail -n 30 "$f"; done; die "building SQLite failed"; }
    unmount_all
    safe_rm "$BUILD_ROOT$PY_PREFIX/bin"  # Python is built again against this SQLite
fi
if [[ ! -x $BUILD_ROOT$PY_PREFIX/bin/python3.11 ]]; then
    say "Python 3.11 from Debian's python3.11 source package (bookworm), compiled in $SUITE"
    mount_system "$BUILD_ROOT"
    safe_rm "$BUILD_ROOT/build/python" && mkdir -p "$BUILD_ROOT/build/python"
    cp "$HERE/linux/glibc_compat.h" "$BUILD_ROOT/build/glibc_compat.h"
    in_root "$BUILD_ROOT" apt-get update -qq
    in_root "$BUILD_ROOT" sh -c 'cd /build/python && apt-get source -qq python3.11' >/dev/null 2>&1 \
        || die "apt-get source python3.11 failed (is bookworm's deb-src reachable?)"
    src=$(cd "$BUILD_ROOT/build/python" && ls -d python3.11-*/ | head -1)
    [[ -n "$src" ]] || die "python3.11 source not unpacked"
    # Debian's security backports (CVE-2026-4224) make pyexpat.c include an internal header;
    # Debian builds the module into the interpreter, setup.py builds it as a shared module, which
    # then needs the define upstream's later pyexpat.c carries itself:
    sed -i '1i #ifndef Py_BUILD_CORE_BUILTIN\n#  define Py_BUILD_CORE_MODULE 1\n#endif' \
        "$BUILD_ROOT/build/python/$src/Modules/pyexpat.c"
    # Configure checks for functions newer than glibc 2.28 switched off (none is used by the
    # program): sem_clockwait (2.30; locks then time out on the realtime clock, as before 3.11),
    # posix_spawn_file_actions_addchdir_np (2.29).  exp/log/pow are bound to their old symbol
    # versions by glibc_compat.h.
    in_root "$BUILD_ROOT" sh -c "cd /build/python/$src && \
        ac_cv_func_sem_clockwait=no ac_cv_func_posix_spawn_file_actions_addchdir_np=no \
        LIBSQLITE3_CFLAGS='-I$PY_PREFIX/include' LIBSQLITE3_LIBS='-L$PY_PREFIX/lib -lsqlite3' \
        ./configure --prefix=$PY_PREFIX --enable-shared --without-ensurepip \
            CFLAGS='-O2 -include /build/glibc_compat.h' LDFLAGS='-L$PY_PREFIX/lib -Wl,-rpath,$PY_PREFIX/lib' \
            >/build/python/configure.log 2>&1 && \
        make -j\$(nproc) >/build/python/make.log 2>&1 && \
        rm -rf $PY_PREFIX/bin $PY_PREFIX/lib/python3.11 $PY_PREFIX/include/python3.11 $PY_PREFIX/lib/libpython3* && \
        make install >/build/python/install.log 2>&1" \
        || { for f in "$BUILD_ROOT"/build/python/*.log; do tail -n 30 "$f"; done; die "building Python failed"; }
    # every module the program or its tools need (setup.py only warns about a missing one)
    in_root "$BUILD_ROOT" "$PY_PREFIX/bin/python3.11" -c "import pyexpat, _elementtree, ssl, sqlite3, lzma, bz2, \
zlib, ctypes, _uuid, _decimal, _json, _csv, unicodedata, _multibytecodec, _posixsubprocess; \
assert sqlite3.sqlite_version_info >= (3, 40), sqlite3.sqlite_version; print('python ok, SQLite', sqlite3.sqlite_version)" \
        || { grep -A8 'necessary bits\|Failed to build' "$BUILD_ROOT/build/python/make.log"; \
             safe_rm "$BUILD_ROOT$PY_PREFIX"; die "the compiled Python lacks a module"; }
    unmount_all
fi

# ---- 3. the project, its dependencies and PyInstaller, then the bundle -----------------------
say "the project and its dependencies in $SUITE"
mount_system "$BUILD_ROOT"
safe_rm "$BUILD_ROOT/build/src" && mkdir -p "$BUILD_ROOT/build/src"
# the working tree's files as git sees them (tracked, and new files not ignored)
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - --no-recursion) \
    | tar -xf - -C "$BUILD_ROOT/build/src"
in_root "$BUILD_ROOT" sh -c "
    set -e
    export PIP_CERT=/etc/ssl/certs/yandu-host-ca.crt PIP_DISABLE_PIP_VERSION_CHECK=1
    [ -x /opt/yandu-venv/bin/python ] || $PY_PREFIX/bin/python3.11 -m venv --without-pip /opt/yandu-venv
    if [ ! -x /opt/yandu-venv/bin/pip ]; then
        cd /tmp && $PY_PREFIX/bin/python3.11 - <<'EOF'
import json, ssl, urllib.parse, urllib.request
ctx = ssl.create_default_context(cafile='/etc/ssl/certs/yandu-host-ca.crt')
index = 'https://pypi.org/pypi/pip/json'
meta = json.load(urllib.request.urlopen(index, context=ctx))
wheel = next(f for f in meta['urls'] if f['filename'].endswith('.whl'))
url = urllib.parse.urljoin(index, wheel['url'])
open('/tmp/' + wheel['filename'], 'wb').write(urllib.request.urlopen(url, context=ctx).read())
EOF
        whl=\$(ls /tmp/pip-*.whl)
        /opt/yandu-venv/bin/python \$whl/pip install -q \$whl
    fi
    cd /build/src
    /opt/yandu-venv/bin/python -m pip install -q '.[build]'
    /opt/yandu-venv/bin/python -m pip list --format=freeze > /build/compat-packages.txt
    rm -rf /build/dist /build/work
    /opt/yandu-venv/bin/python build_scripts/build.py --distpath /build/dist --workpath /build/work --no-archive
" || die "installing or building in $SUITE failed"
unmount_all

VERSION=$(python3 -c "import sys; sys.path.insert(0, '$HERE'); import bundle_config as c; print(c.app_version())")
OUT=$ROOT/dist/compat
rm -rf "$OUT" && mkdir -p "$OUT"
cp -a "$BUILD_ROOT/build/dist/yandu" "$OUT/yandu"
cp "$BUILD_ROOT/build/compat-packages.txt" "$OUT/packages.txt"
grep -iE '^(pyside6|shiboken6|pyinstaller)' "$OUT/packages.txt" | tr '\n' ' '; echo

# ---- 4. proof: the glibc check ---------------------------------------------------------------
say "glibc check (fails above $MAX_GLIBC)"
python3 "$HERE/glibc_check.py" "$OUT/yandu" --max "$MAX_GLIBC" | tee "$OUT/glibc.txt"
FLOOR=$(python3 "$HERE/glibc_check.py" "$OUT/yandu" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['highest'])")
ARCHIVE=$OUT/yandu-$VERSION-linux-x86_64-glibc$FLOOR.tar.gz
tar -C "$OUT" -czf "$ARCHIVE" yandu
echo "bundle: $OUT/yandu ($(du -sh "$OUT/yandu" | cut -f1)), archive $ARCHIVE, needs glibc >= $FLOOR"

[[ $CHECK -eq 1 ]] || exit 0

# ---- 5. proof: the bundle inside a bare bullseye root ----------------------------------------
# Only what any Linux desktop has and the bundle takes from the system: libc, X11's client
# library, OpenGL, D-Bus (libsystemd comes with apt), libpng (no Python, no fonts).
TEST_PACKAGES=(libxcb1 libgl1 libegl1 libdbus-1-3 libpng16-16 ca-certificates)
if [[ "$(cat "$TEST_ROOT/.yandu-ready" 2>/dev/null)" != "${TEST_PACKAGES[*]}" ]]; then
    say "debootstrap a bare $SUITE into $TEST_ROOT"
    unmount_all
    safe_rm "$TEST_ROOT"
    debootstrap --variant=minbase --include="$(IFS=,; echo "${TEST_PACKAGES[*]}")" "$SUITE" "$TEST_ROOT" "$MIRROR" \
        >"$WORK/debootstrap-test.log" 2>&1 || { tail -20 "$WORK/debootstrap-test.log"; die "debootstrap failed"; }
    echo "${TEST_PACKAGES[*]}" >"$TEST_ROOT/.yandu-ready"  # made again when the list changes
fi
bash "$HERE/linux/check_in_root.sh" "$TEST_ROOT" "$OUT/yandu"

# ---- 6. the .deb: built, installed with dpkg -i in the bare root, selftest, purged ------------
say "the .deb"
bash "$HERE/make_deb.sh" "$OUT/yandu" "$OUT"
bash "$HERE/linux/check_in_root.sh" "$TEST_ROOT" --deb "$OUT/yandu_${VERSION}_amd64.deb"
say "compatibility build passed: $OUT/yandu needs glibc >= $FLOOR"
