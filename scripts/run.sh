#!/usr/bin/env bash
# Set up (idempotent) and run the main job on the bundled example:
# with a display, the window; headless, the briefing PDF (./briefing.pdf).
#   bash scripts/run.sh [WORKSPACE]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec .venv/bin/briefing-app "$@"
else
  echo "No display: writing the briefing PDF instead of opening the window."
  exec .venv/bin/briefing-app export "$@" -o briefing.pdf
fi
