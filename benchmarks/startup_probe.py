"""One start-up, timed from process start to a usable main window.

Run by bench_startup.py and bench_load.py in a fresh process each time:
    python startup_probe.py ours [WORKSPACE]   the real window (1600×1000), workspace opened
    python startup_probe.py bare               QMainWindow + 6 docks + a pyqtgraph plot
    python startup_probe.py bare-gc            the same, with the cycle collector paused as ours does
    python startup_probe.py bare-fast          the same, also with PySide6's import scan made cheap as ours does
"Usable": the window has painted after the workspace was opened AND a 0-ms
timer posted at that paint has fired (the event loop answers, nothing holds
it). "Complete": besides, no panel is still filling in (a big workspace's
timeline and hidden map edges are built in event-loop slices after the first
paint); the same as usable for the bare window and small workspaces.
Prints: usable seconds, complete seconds (both since the process started),
the number of modules imported, and the longest time the event loop was held
between usable and complete (seconds; what a click waited at worst while the
panels filled in).
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


def compile_app() -> None:
    """Byte-compile briefing_app once, as ``scripts/setup.sh`` and any wheel install do, so that a
    run with PYTHONDONTWRITEBYTECODE set (these machines) does not time the compiler at every start."""
    import compileall

    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "briefing_app"), quiet=1, workers=0)


def _run_until_usable(app, window, building=lambda: False) -> tuple[float, float, float]:  # noqa: ANN001
    """Run the event loop until the window painted and a 0-ms timer posted then fired; then until
    ``building()`` is false. Returns (usable, complete) in seconds since the process started, and
    the longest time the event loop was held between them (what an input waited at worst)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    times: dict[str, float] = {"pause": 0.0}
    last_poll = [0.0]

    def complete_when_built() -> None:
        # polled every 5 ms: a longer gap is the event loop held by a fill-in step (what a click waits)
        now = time.perf_counter()
        if last_poll[0]:
            times["pause"] = max(times["pause"], now - last_poll[0] - 0.005)
        last_poll[0] = now
        if building():
            QTimer.singleShot(5, complete_when_built)
            return
        times["complete"] = _since_start()
        app.quit()

    def answered() -> None:
        times["usable"] = _since_start()
        complete_when_built()

    class _Painted(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and not times.get("painted"):
                times["painted"] = 1.0
                QTimer.singleShot(0, answered)
            return False

    probe = _Painted()
    window.installEventFilter(probe)
    window.update()
    app.exec()
    return times["usable"], times["complete"], times["pause"]


def bare(gc_paused: bool = False, fast_scan: bool = False) -> tuple[float, float, float]:
    """The floor; with ``gc_paused`` it keeps the cycle collector out of its start-up as ours does,
    with ``fast_scan`` it also replaces PySide6's per-import source scan as ours does (for pyqtgraph)."""
    import gc

    if gc_paused:
        gc.disable()
    if fast_scan:
        from briefing_app.render import pyside_import_scan  # noqa: F401 - installs itself
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QTextEdit
    import pyqtgraph as pg

    app = QApplication(sys.argv[:1])
    if gc_paused:
        QTimer.singleShot(0, lambda: (gc.freeze(), gc.enable()))
    w = QMainWindow()
    w.resize(1600, 1000)
    w.setCentralWidget(QTextEdit())
    for i in range(6):
        dock = QDockWidget(f"Dock {i}", w)
        dock.setWidget(pg.PlotWidget() if i == 0 else QLabel(f"panel {i}"))
        w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea if i % 2 else Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    w.show()
    return _run_until_usable(app, w)


def ours(path: str | None) -> tuple[float, float, float]:
    import gc

    gc.disable()  # as app.run does, resumed when the loop runs
    from briefing_app.render.qt_app import create_application, resume_gc_when_running

    app = create_application(sys.argv[:1])
    resume_gc_when_running()
    from briefing_app.model.io import default_workspace_path
    from briefing_app.ui.main_window import MainWindow

    window = MainWindow(restore_layout=False)
    window.resize(1600, 1000)
    window.show()
    assert window.open_path(path or default_workspace_path()), "the workspace did not open"
    return _run_until_usable(app, window, lambda: bool(window.panels_building()))


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind in ("bare", "bare-gc", "bare-fast"):
        usable, complete, pause = bare(gc_paused=kind != "bare", fast_scan=kind == "bare-fast")
    else:
        usable, complete, pause = ours(sys.argv[2] if len(sys.argv) > 2 else None)
    print(f"{usable:.3f} {complete:.3f} {len(sys.modules)} {pause:.3f}")
