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
# Every shipped library's licence files, from its installed metadata (the spec copies them).
rm -rf build/third-party-licenses
"$PY" packaging/collect_licenses.py build/third-party-licenses
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/briefing-desk.spec

# The Debian copyright files of the system libraries PyInstaller copied in (cairo, glib, ...).
"$PY" packaging/collect_licenses.py --debian dist/briefing-desk/_internal dist/briefing-desk/_internal/licenses/system

BIN=dist/briefing-desk/briefing-app
echo "Checking $BIN"
expected=$("$PY" -c "import briefing_app; print(briefing_app.__version__)")
got=$("$BIN" --version)
echo "  --version: $got"
[[ "$got" == *"$expected"* ]] || { echo "version mismatch: expected $expected" >&2; exit 1; }

shot=$(mktemp --suffix=.png)
home=$(mktemp -d)  # a fresh user: the screenshot must leave no settings or state behind
HOME=$home XDG_CONFIG_HOME=$home/config XDG_STATE_HOME=$home/state XDG_CACHE_HOME=$home/cache \
  QT_QPA_PLATFORM=offscreen "$BIN" screenshot -o "$shot" --size 1200x800
[ -s "$shot" ] || { echo "the bundle did not write a screenshot" >&2; exit 1; }
echo "  screenshot of the bundled example: $shot"
[ -z "$(ls -A "$home/config" "$home/state" 2>/dev/null)" ] || { echo "screenshot wrote settings or state" >&2; exit 1; }
echo "  screenshot left no settings or state"

# The parsed-workspace cache key must hash the bundle's model code (no .py files in a bundle).
big=$(mktemp -d)
"$PY" - "$big" <<'EOF_BIG'
import sys; sys.path.insert(0, "tests")
from conftest import write_tiny_workspace
from briefing_app.model import parse_cache
path = write_tiny_workspace(__import__("pathlib").Path(sys.argv[1]))
text = path.read_text(encoding="utf-8").replace(
    "name: GSOMIA, type: agreement}", f"name: GSOMIA, type: agreement, description: '{'x' * parse_cache.MIN_BYTES}'}}")
path.write_text(text, encoding="utf-8")
EOF_BIG
XDG_CACHE_HOME=$home/cache "$BIN" validate "$big/tiny.briefing.yaml"
empty=$("$PY" -c "import hashlib, sys, briefing_app as b; print(hashlib.sha256(f'{b.__version__}|{sys.version_info[:2]}'.encode()).hexdigest()[:16])")
key=$(ls "$home/cache/org.briefingdesk.BriefingDesk/parsed/" | head -1)
[ -n "$key" ] && [[ "$key" != *"-$empty.pickle" ]] || { echo "parse cache key does not hash the code: $key" >&2; exit 1; }
echo "  parse cache key hashes the bundled code: $key"
rm -rf "$home" "$big"

for f in LICENSE licenses/README.md licenses/OFL-1.1-Noto-Sans-CJK.txt licenses/LGPL-3.0.txt \
         licenses/third-party/PyYAML/licenses/LICENSE licenses/third-party/python/LICENSE.txt \
         licenses/system/libglib2.0-0/copyright \
         briefing_app/ui/help/texts/guide.md packaging/org.briefingdesk.BriefingDesk.desktop; do
  [ -s "dist/briefing-desk/_internal/$f" ] || { echo "missing from the bundle: $f" >&2; exit 1; }
done
echo "  licences, help and desktop files present"

tmpws=$(mktemp -d)
cp -r data/. "$tmpws"/
"$BIN" validate "$tmpws"/japan-korea.briefing.yaml && echo "  validate: ok (bundled data found)"
rm -rf "$tmpws"
echo "Bundle: $(du -sh dist/briefing-desk | cut -f1) in dist/briefing-desk"
