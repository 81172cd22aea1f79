"""The QApplication and the window's start-up."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from briefing_app import __version__
from briefing_app.resources import resource_path

APP_ID = "org.briefingdesk.BriefingDesk"  # reverse-DNS id: .desktop file, AppStream, settings
RESOURCES = resource_path()


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, created once with the app's identity."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("BriefingDesk")
        QCoreApplication.setApplicationName("Briefing desk")
        QCoreApplication.setApplicationVersion(__version__)
        app = QApplication(argv if argv is not None else sys.argv)
        QApplication.setDesktopFileName(APP_ID)
        icon = RESOURCES / "icons" / "briefing-desk.svg"
        if icon.is_file():
            app.setWindowIcon(QIcon(str(icon)))
    return app  # type: ignore[return-value]


def ensure_application() -> QApplication:
    """The QApplication, created for headless work (offscreen when there is no display).

    Export and figure rendering need fonts and widgets even from the command line.
    """
    app = QApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    if not os.environ.get("QT_QPA_PLATFORM") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return create_application([sys.argv[0] if sys.argv else "briefing-app"])


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
