"""Child process for test_autosave: open a workspace, edit, autosave, then wait to be killed.

Usage: python autosave_child.py WORKSPACE RECOVERY_FOLDER NEW_TITLE
Prints "autosaved <file>" once the recovery is on disk, then "edited-after"
after one more edit that no autosave covers, then sleeps.
"""

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402

from briefing_app.model import edits  # noqa: E402
from briefing_app.state import AppState  # noqa: E402
from briefing_app.ui.safety.autosave import AutosaveController  # noqa: E402


def main() -> None:
    workspace, folder, title = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    app = QCoreApplication([])
    state = AppState()
    result = state.open(workspace)
    assert result.workspace is not None, result.problems
    ctl = AutosaveController(state, interval_s=3600, folder=folder)
    state.edit("Retitle", edits.set_briefing, title=title)
    ctl.autosave_now()
    ctl.wait()
    print("autosaved", ctl.recovery_file, flush=True)
    # An edit after the last autosave: a crash now loses it (at most one interval of work).
    state.edit("Retitle again", edits.set_briefing, title=title + " (lost)")
    print("edited-after", flush=True)
    while True:
        app.processEvents()
        time.sleep(0.05)


if __name__ == "__main__":
    main()
