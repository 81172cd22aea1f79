"""One start-up, timed from process start to the first paint of the main window.

Run by bench_startup.py in a fresh process each time:
    python startup_probe.py ours [WORKSPACE]   the real window, workspace opened
    python startup_probe.py bare               QMainWindow + 6 docks + a pyqtgraph plot
Prints the seconds since the process started and the number of modules imported.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _since_start() -> float:
    """Seconds since this process was created (from /proc, so interpreter start-up counts)."""
    with open("/proc/self/stat") as fh:
        start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as fh:
        uptime = float(fh.read().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def _run_until_painted(app, window) -> None:  # noqa: ANN001
    from PySide6.QtCore import QEvent, QObject, QTimer

    class _Painted(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, app.quit)
            return False

    probe = _Painted()
    window.installEventFilter(probe)
    window.update()
    app.exec()


def bare() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QTextEdit
    import pyqtgraph as pg

    app = QApplication(sys.argv[:1])
    w = QMainWindow()
    w.resize(1600, 1000)
    w.setCentralWidget(QTextEdit())
    for i in range(6):
        dock = QDockWidget(f"Dock {i}", w)
        dock.setWidget(pg.PlotWidget() if i == 0 else QLabel(f"panel {i}"))
        w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea if i % 2 else Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    w.show()
    _run_until_painted(app, w)


def ours(path: str | None) -> None:
    from briefing_app.render.qt_app import create_application

    app = create_application(sys.argv[:1])
    from briefing_app.model.io import default_workspace_path
    from briefing_app.ui.main_window import MainWindow

    window = MainWindow(restore_layout=False)
    window.resize(1600, 1000)
    window.show()
    window.open_path(path or default_workspace_path())
    _run_until_painted(app, window)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        ours(sys.argv[2] if len(sys.argv) > 2 else None)
    print(f"{_since_start():.3f} {len(sys.modules)}")
