#!/usr/bin/env bash
# Build the standalone app into dist/dinghuo/ (the app and the demo's server executable).
#   packaging/build.sh            compile translations, then run PyInstaller
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}

echo "== translations"
"$VENV/bin/pyside6-lrelease" resources/translations/dinghuo_zh_CN.ts \
    resources/translations/dinghuo_en.ts

echo "== PyInstaller"
"$VENV/bin/pyinstaller" --noconfirm --clean --distpath dist --workpath build/pyinstaller \
    packaging/dinghuo.spec

echo "built: dist/dinghuo/dinghuo (and dist/dinghuo/dinghuo-server for --demo)"
