#!/usr/bin/env bash
# Run a bundle (or install a .deb) inside a bare Debian root and prove it works there:
#
#     sudo bash build_scripts/linux/check_in_root.sh ROOT BUNDLE_DIR      the one-folder bundle
#     sudo bash build_scripts/linux/check_in_root.sh ROOT --deb FILE.deb  dpkg -i, selftest, dpkg --purge
#
# ROOT is a debootstrap'ed system with no Python and no fonts (build_compat.sh makes one).
# Every command runs chrooted with /proc, /dev and a private /tmp (tmpfs), in a network
# namespace of its own (no network at all), with a clean environment and a fresh HOME.  The
# X11 check uses an Xvfb started here on the host, reached through its socket file bound into
# the root's /tmp/.X11-unix.  Everything mounted or copied is removed on exit.
set -euo pipefail

die() { echo "check_in_root.sh: $*" >&2; exit 1; }
say() { printf -- '-- %s\n' "$*"; }
[[ $(id -u) -eq 0 ]] || die "run as root"
[[ $# -ge 2 ]] || die "usage: check_in_root.sh ROOT BUNDLE_DIR | ROOT --deb FILE.deb"
R=$(cd "$1" && pwd)
shift
DEB=
BUNDLE=
if [[ $1 == --deb ]]; then DEB=$(readlink -f "$2"); else BUNDLE=$(cd "$1" && pwd); fi
TIMEOUT=${YANDU_CHECK_TIMEOUT:-90}

XVFB_PID=
COPY=
MADE_OPT=
cleanup() {
    local rc=$?
    [[ -n "$XVFB_PID" ]] && kill "$XVFB_PID" 2>/dev/null && wait "$XVFB_PID" 2>/dev/null || true
    for p in $(findmnt -rn -o TARGET | awk -v w="$R/" 'index($0, w) == 1' | sort -r); do
        umount "$p" 2>/dev/null || umount -l "$p" 2>/dev/null || true
    done
    [[ -n "$COPY" ]] && rm -rf "$COPY"
    [[ -n "$MADE_OPT" ]] && rmdir "$R/opt" 2>/dev/null  # the root is left as it was found
    exit $rc
}
trap cleanup EXIT INT TERM

mkdir -p "$R/proc" "$R/dev" "$R/tmp"
mount -t proc proc "$R/proc"
mount --rbind /dev "$R/dev"
mount --make-rslave "$R/dev"
mount -t tmpfs -o mode=1777 tmpfs "$R/tmp"

# no Python, no fonts, no network (asserted, not assumed)
for py in python3 python python3.9 python3.11; do
    [[ -z $(chroot "$R" /bin/sh -c "command -v $py" || true) ]] || die "$R has $py; the check needs a root without Python"
done
fonts=$(chroot "$R" /bin/sh -c 'find /usr/share/fonts /usr/local/share/fonts -type f 2>/dev/null | wc -l')
[[ $fonts -eq 0 ]] || die "$R has $fonts font files; the check needs a root without fonts"
glibc=$(chroot "$R" /bin/sh -c 'ldd --version 2>/dev/null | head -1' || true)
say "root $R: no Python, no fonts; ${glibc:-glibc version unknown}"

run() { # CMD...: chrooted, no network, clean environment; prints output, fails on status or traceback
    local out rc
    say "\$ $*"
    set +e
    out=$(unshare --net chroot "$R" /usr/bin/env -i HOME=/tmp/home XDG_RUNTIME_DIR=/tmp/xdg \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "${EXTRA_ENV[@]}" \
        timeout "$TIMEOUT" "$@" 2>&1)
    rc=$?
    set -e
    printf '%s\n' "$out" | sed 's/^/   /'
    [[ $rc -eq 0 ]] || die "status $rc: $*"
    ! grep -q "Traceback (most recent call last)" <<<"$out" || die "a Python traceback: $*"
    LAST_OUTPUT=$out
}
EXTRA_ENV=()
chroot "$R" /bin/sh -c 'mkdir -p /tmp/home /tmp/xdg && chmod 700 /tmp/xdg'

if [[ -n $DEB ]]; then
    before=$(chroot "$R" /bin/sh -c 'find / -xdev \( -path /proc -o -path /tmp -o -path /dev -o -path /var/lib/dpkg -o -path /var/cache -o -path /var/log \) -prune -o -print' | sort)
    cp "$DEB" "$R/tmp/yandu.deb"
    run dpkg -i /tmp/yandu.deb
    run /bin/sh -c 'command -v yandu && ls -l "$(command -v yandu)"'
    grep -q "^/usr/bin/yandu" <<<"$LAST_OUTPUT" || die "no yandu command on PATH"
    run /bin/sh -c 'cat /usr/share/applications/yandu.desktop'
    grep -q "^MimeType=.*application/vnd.openxmlformats-officedocument.wordprocessingml.document" <<<"$LAST_OUTPUT" \
        || die "the menu entry does not offer to open Word files"
    run /bin/sh -c 'test -f /usr/share/icons/hicolor/256x256/apps/yandu.png && test -f /usr/share/mime/packages/yandu.xml && echo icon and MIME types in place'
    EXTRA_ENV=(QT_QPA_PLATFORM=offscreen)
    run yandu selftest
    run yandu --version
    run dpkg --purge yandu
    after=$(chroot "$R" /bin/sh -c 'find / -xdev \( -path /proc -o -path /tmp -o -path /dev -o -path /var/lib/dpkg -o -path /var/cache -o -path /var/log \) -prune -o -print' | sort)
    left=$(comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after"))
    [[ -z "$left" ]] || die "files left after dpkg --purge: $left"
    gone=$(comm -23 <(printf '%s\n' "$before") <(printf '%s\n' "$after"))
    [[ -z "$gone" ]] || die "files of the system removed by install+purge: $gone"
    say "the .deb installs, passes its selftest, and purges leaving nothing behind"
    exit 0
fi

[[ -d $R/opt ]] || MADE_OPT=1
COPY=$R/opt/yandu-check
rm -rf "$COPY" && mkdir -p "$COPY"
cp -a "$BUNDLE" "$COPY/yandu"
Y=/opt/yandu-check/yandu/yandu
SPEECH=/opt/yandu-check/yandu/_internal/desktop_app/resources/speech.txt
D=(--data-dir /tmp/data)
EXTRA_ENV=(QT_QPA_PLATFORM=offscreen)
run "$Y" --version
run "$Y" selftest "${D[@]}"
run "$Y" toc "$SPEECH" "${D[@]}"
grep -q "一、" <<<"$LAST_OUTPUT" || die "toc printed no section"
run "$Y" search 中心工作 --doc "$SPEECH" "${D[@]}"
run "$Y" notes add --doc "$SPEECH" --quote 中心工作 --note 兼容性检查 "${D[@]}"
run "$Y" notes export --doc "$SPEECH" --format docx --out /tmp/notes.docx "${D[@]}"
[[ $(head -c 2 "$R/tmp/notes.docx") == PK ]] || die "the Word export is not a .docx"
run "$Y" "$SPEECH" --quit-after-load "${D[@]}"
grep -q "first-paint" <<<"$LAST_OUTPUT" || die "the window did not paint (offscreen)"

if command -v Xvfb >/dev/null; then
    # a host Xvfb whose socket file is bound into the root (no network, no abstract socket)
    xdir=$(mktemp -d /tmp/yandu-x11.XXXXXX)
    n=97
    while [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]]; do n=$((n + 1)); done
    Xvfb ":$n" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 50); do [[ -S /tmp/.X11-unix/X$n ]] && break; sleep 0.1; done
    [[ -S /tmp/.X11-unix/X$n ]] || die "Xvfb did not start"
    mkdir -p "$R/tmp/.X11-unix"
    mount --bind /tmp/.X11-unix "$R/tmp/.X11-unix"
    EXTRA_ENV=(DISPLAY=":$n" QT_QPA_PLATFORM=xcb)
    run "$Y" "$SPEECH" --quit-after-load "${D[@]}"
    grep -q "first-paint" <<<"$LAST_OUTPUT" || die "the window did not paint (Xvfb)"
    rmdir "$xdir" 2>/dev/null || true
else
    say "Xvfb not installed on the host: the X11 window check was skipped"
fi
say "the bundle works inside $R"
