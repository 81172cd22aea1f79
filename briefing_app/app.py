"""The window's start-up."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

__all__ = ["run"]


def run(path: Path | None, rest: list[str]) -> int:
    """Open the window on ``path`` (default: the bundled example) and run the event loop."""
    gc.disable()  # no cycle collection during start-up: see qt_app.resume_gc_when_running
    from briefing_app.render.qt_app import create_application, resume_gc_when_running

    app = create_application([sys.argv[0], *rest])
    resume_gc_when_running()
    from briefing_app.model.io import default_workspace_path
    from briefing_app.ui.main_window import MainWindow

    window = MainWindow()
    target = path if path is not None else default_workspace_path()
    window.show()
    window.open_path(target)
    return app.exec()
