"""The one QApplication: the app's identity, and an offscreen one for headless work.

The lowest Qt layer, so that the window (``app.run``), the export and the
figure renderers all create the application the same way without importing
each other.
"""

from __future__ import annotations

import gc
import os
import sys

from briefing_app.render import pyside_import_scan  # noqa: F401 - first: every later import scans cheaply
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from briefing_app import APP_ID, __version__
from briefing_app.render.settings import configure_settings
from briefing_app.render.translations import install_translators
from briefing_app.resources import resource_path

__all__ = ["create_application", "ensure_application", "resume_gc_when_running"]


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, created once with the app's identity."""
    app = QApplication.instance()
    if app is None:
        configure_settings()  # one app id for settings, cache and state
        QCoreApplication.setApplicationVersion(__version__)
        app = QApplication(argv if argv is not None else sys.argv)
        QApplication.setApplicationDisplayName("Briefing desk")
        QApplication.setDesktopFileName(APP_ID)
        install_translators(app)
        icon = resource_path() / "icons" / "briefing-desk.svg"
        if icon.is_file():
            app.setWindowIcon(QIcon(str(icon)))
    return app  # type: ignore[return-value]


def resume_gc_when_running() -> None:
    """Turn the cycle collector back on once the event loop runs (the window's start-up pauses it).

    Start-up makes a few hundred thousand long-lived objects (modules, classes, widgets, the
    workspace) and almost no cyclic garbage, yet the collector would scan them again and again:
    about a tenth of a start. ``app.run`` calls ``gc.disable()`` before its first import; here,
    once the loop runs, the objects made so far are frozen out of the collector's scans (as the
    open does for a big snapshot) and it resumes. Only for the window: a headless export has no
    loop to resume it.
    """

    def resume() -> None:
        gc.freeze()
        gc.enable()

    QTimer.singleShot(0, resume)


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
