#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu machine to run (and with --test, to test) Briefing desk.
#   bash scripts/setup.sh          # system libraries + .venv with the app
#   bash scripts/setup.sh --test   # ... plus the test tools
#   bash scripts/setup.sh --bench  # ... plus the benchmark peers (flashtext, spaCy, networkx, ...)
# Idempotent: a second run only checks. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
for arg in "$@"; do
  case "$arg" in
    --test) extras="${extras:+$extras,}test" ;;
    --bench) extras="${extras:+$extras,}test,bench" ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

# Qt's runtime libraries (offscreen and X11), a CJK font so that 윤석열 / 岸田文雄
# render as glyphs, Xvfb for a real window without a screen, poppler for PDF checks,
# the freedesktop validators for the packaging metadata tests.
DEBS=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
      xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
      libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-xinerama0 libxcb-image0
      fonts-noto-cjk fonts-noto-core fonts-dejavu-core poppler-utils desktop-file-utils appstream)
missing=()
for p in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [ -n "$extras" ]; then
  .venv/bin/python -m pip install -q -e ".[$extras]"
else
  .venv/bin/python -m pip install -q -e .
fi
# An editable install leaves our modules uncompiled, and with PYTHONDONTWRITEBYTECODE set
# (as on these machines) every start would compile ~190 modules again (~0.2 s): compile them
# once here, as a regular wheel install does. Stale files are simply recompiled in memory.
.venv/bin/python -m compileall -q -j 0 briefing_app >/dev/null
echo "Ready: .venv/bin/briefing-app"
