#!/usr/bin/env bash
# Build the standalone app outside the source tree:
#
#   packaging/build.sh        →  $DINGHUO_BUILD_DIR/dist/dinghuo/   (default: ../dinghuo-build)
#
# installs PyInstaller (the package extra) into the project's venv, makes the icons and compiles
# the translations into the build directory (the committed .qm files are left alone), runs
# PyInstaller with its work and dist folders there, and adds the Linux .desktop file and icon.
# The folder holds the app `dinghuo` and the demo's server `dinghuo-server`; check it with
# `dinghuo --self-test`.
#
#   VENV=DIR               the venv to use (default .venv; made if missing)
#   DINGHUO_BUILD_DIR=DIR  where to build (must be outside the source tree)
#   DINGHUO_BUILD_CLEAN=1  start from nothing (else PyInstaller reuses its cache of the last build)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=${VENV:-.venv}
BUILD=${DINGHUO_BUILD_DIR:-$ROOT/../dinghuo-build}
mkdir -p "$BUILD"
BUILD=$(cd "$BUILD" && pwd)
case "$BUILD/" in
  "$ROOT"/*) echo "build.sh: the build directory must be outside the source tree: $BUILD" >&2
             exit 2 ;;
esac
start=$SECONDS

venv_bin() { if [ -d "$VENV/Scripts" ]; then echo "$VENV/Scripts"; else echo "$VENV/bin"; fi; }
if [ ! -d "$VENV" ]; then
  python3 -m venv "$VENV"
fi
BIN=$(venv_bin)
echo "== PyInstaller (pip install -e '.[package]' into $VENV)"
"$BIN/python" -m pip install -q -e '.[package]'

echo "== icons and translations (into $BUILD)"
"$BIN/python" packaging/make_icons.py "$BUILD/icons"
mkdir -p "$BUILD/qm"
for lang in zh_CN en; do
  "$BIN/pyside6-lrelease" -silent "resources/translations/dinghuo_$lang.ts" \
      -qm "$BUILD/qm/dinghuo_$lang.qm"
done

echo "== PyInstaller"
clean=()
if [ "${DINGHUO_BUILD_CLEAN:-0}" = 1 ]; then clean=(--clean); fi
DINGHUO_ICON_DIR="$BUILD/icons" DINGHUO_QM_DIR="$BUILD/qm" \
  "$BIN/pyinstaller" --noconfirm "${clean[@]}" --log-level WARN \
      --distpath "$BUILD/dist" --workpath "$BUILD/work" packaging/dinghuo.spec

APP="$BUILD/dist/dinghuo"
if [ "$(uname -s)" = Linux ]; then
  cp packaging/dinghuo.desktop "$APP/dinghuo.desktop"
  cp resources/icons/app.svg "$APP/dinghuo.svg"
  # Qt's X11 plugin needs these, and many desktops lack some of them: PyInstaller bundles what
  # the build machine has, so the build machine must have them all.
  missing=()
  for lib in libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-image.so.0 libxcb-keysyms.so.1 \
             libxcb-render-util.so.0 libxkbcommon-x11.so.0; do
    [ -e "$APP/_internal/$lib" ] || missing+=("$lib")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "build.sh: not bundled (install them and build again): ${missing[*]}" >&2
    echo "  apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1" \
         "libxcb-render-util0 libxkbcommon-x11-0" >&2
    exit 1
  fi
fi
size=$(du -sh "$APP" | cut -f1)
echo "built in $((SECONDS - start)) s: $APP ($size): dinghuo, and dinghuo-server for --demo"
