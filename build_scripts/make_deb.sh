#!/usr/bin/env bash
# A .deb package of a one-folder bundle, for UOS, Kylin, Debian and Ubuntu office PCs:
#
#     bash build_scripts/make_deb.sh [BUNDLE_DIR] [OUT_DIR]
#         BUNDLE_DIR  default dist/compat/yandu (the compatibility build), else dist/yandu
#         OUT_DIR     default dist/
#
# Installs the program under /opt/yandu, a `yandu` command in /usr/bin (a link), the menu entry
# (Office category: 程序 > 办公 on UOS and Kylin) with its icons, and the MIME types so that
# .txt, .docx, .pdf, .ofd, .md and .html files offer 用研读打开 (application/ofd is declared
# here: shared-mime-info does not know it).  Depends on libc6 at the version the bundle's glibc
# check measured, and on the libraries it takes from the system (libxcb1, OpenGL, D-Bus, libpng).  dpkg removes every
# file it installed; the maintainer scripts only refresh the menu, MIME and icon caches when
# those tools exist.  Needs dpkg-deb (and python3, to read the version and the glibc floor); no root.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUNDLE=${1:-}
if [[ -z $BUNDLE ]]; then
    if [[ -d $ROOT/dist/compat/yandu ]]; then BUNDLE=$ROOT/dist/compat/yandu; else BUNDLE=$ROOT/dist/yandu; fi
fi
OUT=${2:-$ROOT/dist}
[[ -x $BUNDLE/yandu ]] || { echo "make_deb.sh: $BUNDLE/yandu not found: build the bundle first" >&2; exit 1; }
command -v dpkg-deb >/dev/null || { echo "make_deb.sh: dpkg-deb is not installed" >&2; exit 1; }
BUNDLE=$(cd "$BUNDLE" && pwd)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

VERSION=$(python3 -c "import sys; sys.path.insert(0, '$HERE'); import bundle_config as c; print(c.app_version())")
FLOOR=$(python3 "$HERE/glibc_check.py" "$BUNDLE" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['highest'] or '2.17')")
ARCH=amd64
PKG=$OUT/yandu_${VERSION}_${ARCH}.deb

STAGE=$(mktemp -d "${TMPDIR:-/tmp}/yandu-deb.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
chmod 755 "$STAGE"  # mktemp made it 0700: the package's "./" must not carry that onto /
umask 022

# the program
mkdir -p "$STAGE/opt"
cp -a "$BUNDLE" "$STAGE/opt/yandu"
rm -f "$STAGE/opt/yandu/install-desktop-entry.sh"  # the package installs the menu entry itself
chmod -R u+rwX,go+rX,go-w "$STAGE/opt/yandu"

# the command, the menu entry, the icons, the MIME types, the copyright
mkdir -p "$STAGE/usr/bin" "$STAGE/usr/share/applications" "$STAGE/usr/share/mime/packages" \
    "$STAGE/usr/share/icons/hicolor/256x256/apps" "$STAGE/usr/share/icons/hicolor/48x48/apps" \
    "$STAGE/usr/share/doc/yandu"
ln -s /opt/yandu/yandu "$STAGE/usr/bin/yandu"
sed -e 's|^Exec=.*|Exec=yandu %f|' -e 's|^TryExec=.*|TryExec=yandu|' \
    "$HERE/linux/yandu.desktop" >"$STAGE/usr/share/applications/yandu.desktop"
cp "$HERE/linux/yandu-mime.xml" "$STAGE/usr/share/mime/packages/yandu.xml"
cp "$ROOT/resources/icons/yandu.png" "$STAGE/usr/share/icons/hicolor/256x256/apps/yandu.png"
cp "$ROOT/resources/icons/yandu-48.png" "$STAGE/usr/share/icons/hicolor/48x48/apps/yandu.png"
{
    echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    echo "Upstream-Name: Yandu (研读)"
    echo
    echo "Files: *"
    echo "License: MIT (the program); the libraries it carries keep their own licences (listed in"
    echo " /opt/yandu/_internal); the font WenQuanYi Micro Hei: Apache-2.0, see"
    echo " /opt/yandu/_internal/desktop_app/resources/fonts/LICENSE-wqy-microhei.txt"
} >"$STAGE/usr/share/doc/yandu/copyright"

# control files
mkdir -p "$STAGE/DEBIAN"
SIZE_KB=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
cat >"$STAGE/DEBIAN/control" <<EOF
Package: yandu
Version: $VERSION
Architecture: $ARCH
Maintainer: Yandu developers <yandu@localhost>
Installed-Size: $SIZE_KB
Depends: libc6 (>= $FLOOR), libxcb1, libgl1 | libgl1-mesa-glx, libegl1 | libegl1-mesa, libdbus-1-3, libpng16-16
Recommends: libreoffice-writer | wps-office
Section: text
Priority: optional
Homepage: https://localhost/yandu
Description: read, search and annotate long Chinese documents offline
 Yandu (研读) opens speeches, reports and laws as text, Word, PDF, OFD or web
 pages, finds their section tree from the 公文 numbering, searches them, keeps
 highlights and notes, and exports study notes as Word documents.  Works
 without a network.  LibreOffice or WPS, when installed, lets it open .doc/.wps.
EOF
for script in postinst postrm; do
    cat >"$STAGE/DEBIAN/$script" <<'EOF'
#!/bin/sh
# Refresh the menu, MIME and icon caches, with the tools that are installed.  DPKG_ROOT is set
# when dpkg installs into another root (dpkg --root --force-script-chrootless): the caches of
# that root are refreshed, never the running system's.
set -e
r="${DPKG_ROOT:-}"
case "$0" in
    *postrm)
        # update-mime-database writes a file per type and never deletes one: take ours away
        # (made again at once below if another package also declares application/ofd)
        if [ "$1" = remove ] || [ "$1" = purge ]; then
            rm -f "$r/usr/share/mime/application/ofd.xml"
            rmdir "$r/usr/share/mime/application" 2>/dev/null || true
            # dpkg removes /opt with our files when nothing else is in it; base-files made it
            # (owned by no package), so it is put back as every Debian system has it
            [ -d "$r/opt" ] || mkdir -m 755 "$r/opt"
        fi ;;
esac
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$r/usr/share/applications" || true; fi
if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$r/usr/share/mime" || true; fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -t -f "$r/usr/share/icons/hicolor" || true; fi
exit 0
EOF
    chmod 755 "$STAGE/DEBIAN/$script"
done

dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$PKG" >/dev/null
echo "make_deb.sh: $PKG ($(du -h "$PKG" | cut -f1); installs $((SIZE_KB / 1024)) MB under /opt/yandu; needs libc6 >= $FLOOR)"
