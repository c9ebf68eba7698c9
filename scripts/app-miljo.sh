# shellcheck shell=bash
# Sourced by scripts/smoke-app and bench/app-start (from the repository root): what building the
# desktop app (src-tauri) and running it headless needs. Installs only what is missing.

som_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the named Debian packages (none: does nothing), without recommends.
installera_debianpaket() {
    [ $# -gt 0 ] || return 0
    echo "Installerar Debian-paket: $*"
    som_root apt-get update -qq
    som_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
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
    installera_debianpaket "${saknas[@]}"
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

# What scripts/package needs beyond the app's own packages: the MinGW-w64 cross compiler for
# the Windows binaries (and its windres for their resources), Debian's makensis for the
# per-user installer, wixl and msibuild (msitools) for the MSI, and the Rust target.
installera_paketeringsverktyg() {
    local saknas=()
    command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || saknas+=(gcc-mingw-w64-x86-64)
    command -v makensis >/dev/null 2>&1 || saknas+=(nsis)
    command -v wixl >/dev/null 2>&1 || saknas+=(wixl)
    command -v msibuild >/dev/null 2>&1 || saknas+=(msitools)
    command -v perl >/dev/null 2>&1 || saknas+=(perl)
    command -v make >/dev/null 2>&1 || saknas+=(make)
    installera_debianpaket "${saknas[@]}"
    rustup target list --installed | grep -qx x86_64-pc-windows-gnu \
        || rustup target add x86_64-pc-windows-gnu
}

# Windows' own DLLs, which every supported Windows (10 1809 and later) has: an import of any
# other DLL must ship beside the program.
WINDOWS_DLL_ER='^(kernel32|combase|user32|gdi32|advapi32|shell32|ole32|oleaut32|comctl32|comdlg32|ws2_32|bcrypt|bcryptprimitives|crypt32|ntdll|userenv|dwmapi|uxtheme|shlwapi|version|winmm|imm32|msvcrt|secur32|propsys|uiautomationcore|dbghelp|iphlpapi|setupapi|cfgmgr32|powrprof|winspool\.drv|msimg32|usp10|d2d1|d3d11|dxgi|dwrite|windowscodecs|rpcrt4|credui|netapi32|wtsapi32|oleacc|api-ms-win-[a-z0-9-]+)\.dll$'

# Copies every DLL the given programs import that is not part of Windows, found in the build
# folder (WebView2Loader.dll, which the gnu target loads at run time) or in MinGW's runtime,
# into the package folder; fails naming a DLL found nowhere.
kopiera_dll_er() {
    local bygge=$1 paket=$2
    shift 2
    local dll kalla
    for dll in $(x86_64-w64-mingw32-objdump -p "$@" | awk '/DLL Name:/ { print $3 }' | sort -u); do
        if echo "$dll" | tr '[:upper:]' '[:lower:]' | grep -Eq "$WINDOWS_DLL_ER"; then continue; fi
        # The build folder itself first: its subfolders hold other architectures' copies.
        if [ -e "$bygge/$dll" ]; then
            kalla=$bygge/$dll
        else
            kalla=$(find /usr/lib/gcc/x86_64-w64-mingw32 /usr/x86_64-w64-mingw32/lib \
                -name "$dll" -print -quit 2>/dev/null || true)
        fi
        if [ -z "$kalla" ]; then
            echo "Programmen behöver $dll, som inte är en del av Windows och inte finns i bygget." >&2
            exit 1
        fi
        echo "Följer med: $dll ($kalla)"
        cp "$kalla" "$paket/"
    done
}

# What scripts/test-paket needs: Wine (64-bit only, without recommends) to run the Windows
# builds, rpm to read the .rpm, desktop-file-utils to validate the desktop entry (and register
# it, as on a desktop), shared-mime-info for the file type.
installera_pakettestverktyg() {
    local saknas=()
    command -v wine >/dev/null 2>&1 || saknas+=(wine wine64)
    command -v rpm >/dev/null 2>&1 || saknas+=(rpm)
    command -v desktop-file-validate >/dev/null 2>&1 || saknas+=(desktop-file-utils)
    command -v update-mime-database >/dev/null 2>&1 || saknas+=(shared-mime-info)
    command -v msibuild >/dev/null 2>&1 || saknas+=(msitools)
    command -v wixl >/dev/null 2>&1 || saknas+=(wixl)
    installera_debianpaket "${saknas[@]}"
}
