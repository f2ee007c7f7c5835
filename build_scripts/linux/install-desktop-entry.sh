#!/bin/sh
# Add Yandu (研读) to this user's application menu, from the unpacked folder it sits in.
#   ./install-desktop-entry.sh            install (again after moving the folder)
#   ./install-desktop-entry.sh --remove   take it out again
# Writes only under ~/.local/share (XDG_DATA_HOME); needs no root and no network.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$data/applications"
icons="$data/icons/hicolor"
if [ "${1:-}" = "--remove" ]; then
    rm -f "$apps/yandu.desktop" "$icons/256x256/apps/yandu.png" "$icons/48x48/apps/yandu.png"
    echo "removed Yandu from the application menu"
else
    if [ ! -x "$here/yandu" ]; then
        echo "install-desktop-entry.sh: $here/yandu not found; run me from the unpacked yandu folder" >&2
        exit 1
    fi
    mkdir -p "$apps" "$icons/256x256/apps" "$icons/48x48/apps"
    cp "$here/yandu.png" "$icons/256x256/apps/yandu.png"
    cp "$here/yandu-48.png" "$icons/48x48/apps/yandu.png"
    # The Exec key quotes the path: \ " ` $ are escaped (doubled for the string level), % doubled.
    exe=$(printf '%s' "$here/yandu" | sed -e 's/\\/\\\\\\\\/g' -e 's/[`"$]/\\\\&/g' -e 's/%/%%/g')
    tmp="$apps/.yandu.desktop.$$"
    while IFS= read -r line; do
        case "$line" in
            Exec=*) printf 'Exec="%s" %%f\n' "$exe" ;;
            TryExec=*) printf 'TryExec=%s\n' "$here/yandu" ;;
            *) printf '%s\n' "$line" ;;
        esac
    done < "$here/yandu.desktop" > "$tmp"
    chmod 644 "$tmp"
    mv "$tmp" "$apps/yandu.desktop"
    echo "installed $apps/yandu.desktop (runs $here/yandu)"
fi
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$apps" || true; fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true; fi
exit 0
