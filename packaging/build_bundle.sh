#!/usr/bin/env bash
# Build the one-folder desktop bundle and check that it starts.
#   bash packaging/build_bundle.sh        # -> dist/briefing-desk/briefing-desk
# Needs the project venv (.venv, see scripts/setup.sh); installs PyInstaller into it.
# The bundle is ~240 MB; dist/ and build/ are git-ignored.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
[ -x "$PY" ] || { echo "no .venv: run scripts/setup.sh first" >&2; exit 1; }

"$PY" -m pip install -q "pyinstaller>=6.5"
# Icons are rendered from the SVG (committed, but re-rendering keeps them in step).
"$PY" packaging/render_icons.py >/dev/null
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/briefing-desk.spec

BIN=dist/briefing-desk/briefing-desk
echo "Checking $BIN"
expected=$("$PY" -c "import briefing_app; print(briefing_app.__version__)")
got=$("$BIN" --version)
echo "  --version: $got"
[[ "$got" == *"$expected"* ]] || { echo "version mismatch: expected $expected" >&2; exit 1; }

shot=$(mktemp --suffix=.png)
QT_QPA_PLATFORM=offscreen "$BIN" screenshot -o "$shot" --size 1200x800
[ -s "$shot" ] || { echo "the bundle did not write a screenshot" >&2; exit 1; }
echo "  screenshot of the bundled example: $shot"

tmpws=$(mktemp -d)
cp -r data/. "$tmpws"/
"$BIN" validate "$tmpws"/japan-korea.briefing.yaml && echo "  validate: ok (bundled data found)"
rm -rf "$tmpws"
echo "Bundle: $(du -sh dist/briefing-desk | cut -f1) in dist/briefing-desk"
