# shellcheck shell=bash
# Sourced by scripts/smoke-app and bench/app-start (from the repository root): what building the
# desktop app (src-tauri) and running it headless needs. Installs only what is missing.

som_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages: WebKitGTK and GTK to build the Tauri app; Xvfb, a D-Bus session, AT-SPI and
# gnome-keyring (the database key's keychain) to run it without a screen; ImageMagick for the screenshot; xdotool to find windows by title.
# Extra packages to check by command can be given as "command:package" arguments.
installera_app_paket() {
    local saknas=()
    pkg-config --exists webkit2gtk-4.1 2>/dev/null || saknas+=(libwebkit2gtk-4.1-dev)
    pkg-config --exists gtk+-3.0 2>/dev/null || saknas+=(libgtk-3-dev)
    command -v xvfb-run >/dev/null 2>&1 || saknas+=(xvfb)
    command -v xauth >/dev/null 2>&1 || saknas+=(xauth)
    command -v dbus-run-session >/dev/null 2>&1 || saknas+=(dbus)
    command -v dbus-launch >/dev/null 2>&1 || saknas+=(dbus-x11)
    command -v gnome-keyring-daemon >/dev/null 2>&1 || saknas+=(gnome-keyring)
    command -v secret-tool >/dev/null 2>&1 || saknas+=(libsecret-tools)
    [ -e /usr/libexec/at-spi-bus-launcher ] || saknas+=(at-spi2-core)
    command -v import >/dev/null 2>&1 || saknas+=(imagemagick)
    command -v xdotool >/dev/null 2>&1 || saknas+=(xdotool)
    command -v pgrep >/dev/null 2>&1 || saknas+=(procps)
    [ -x /usr/bin/python3 ] || saknas+=(python3)
    fc-list 2>/dev/null | grep -qi dejavu || saknas+=(fonts-dejavu-core)
    local par
    for par in "$@"; do
        command -v "${par%%:*}" >/dev/null 2>&1 || saknas+=("${par#*:}")
    done
    if [ ${#saknas[@]} -gt 0 ]; then
        echo "Installerar Debian-paket: ${saknas[*]}"
        som_root apt-get update -qq
        som_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${saknas[@]}"
    fi
}

# Builds the UI into ui/dist, which the app embeds at compile time. npm ci runs when
# node_modules is missing or older than package-lock.json. UNDERLAG_UI_BYGGT=1 keeps an
# existing ui/dist as it is.
bygg_granssnitt() {
    if [ "${UNDERLAG_UI_BYGGT:-}" = 1 ] && [ -f ui/dist/index.html ]; then
        echo "Använder befintligt ui/dist (UNDERLAG_UI_BYGGT=1)"
        return
    fi
    if ! command -v npm >/dev/null 2>&1; then
        echo "npm saknas: gränssnittet i ui/ byggs med Node.js 20.19 eller senare och npm." >&2
        exit 1
    fi
    if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
        (cd ui && npm ci --no-audit --no-fund)
    fi
    (cd ui && npm run build)
}

# Cargo's target directory (CARGO_TARGET_DIR or the workspace's target/), as an absolute path.
malkatalog() {
    cargo metadata --format-version 1 --no-deps \
        | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])'
}
