"""The window's start-up."""

from __future__ import annotations

import sys
from pathlib import Path

from briefing_app.render.qt_app import create_application

__all__ = ["run"]


def run(path: Path | None, rest: list[str]) -> int:
    """Open the window on ``path`` (default: the bundled example) and run the event loop."""
    app = create_application([sys.argv[0], *rest])
    from briefing_app.model.io import default_workspace_path
    from briefing_app.ui.main_window import MainWindow

    window = MainWindow()
    target = path if path is not None else default_workspace_path()
    window.show()
    window.open_path(target)
    return app.exec()
