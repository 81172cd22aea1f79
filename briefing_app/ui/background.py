"""Long work off the GUI thread, with a progress dialog, so the window keeps answering.

Two tools, for two kinds of work:
- :func:`run_in_thread` for Python work that releases the interpreter lock
  often (saving: the canonical writer emits item by item);
- :func:`run_in_process` for work whose C part holds the lock for seconds
  (parsing a big YAML file: libyaml composes the whole document in one call),
  run as a child ``briefing-app`` command.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QProcess, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget


def _busy_dialog(parent: QWidget | None, label: str, cancellable: bool) -> QProgressDialog:
    dialog = QProgressDialog(label, "Cancel" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle("Please wait")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)  # no edits while the snapshot is written
    dialog.setMinimumDuration(300)  # quick jobs never flash a dialog
    if not cancellable:
        dialog.setCancelButton(None)
    return dialog


def run_in_thread(parent: QWidget | None, label: str, fn: Callable[..., Any], *args: Any) -> Any:
    """Run ``fn(*args)`` on a worker thread while the event loop keeps running.

    Returns its result or raises its exception, like a plain call.
    """
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result["value"] = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - re-raised on the GUI thread
            result["error"] = exc

    worker = threading.Thread(target=work, name="briefing-desk-task", daemon=True)
    dialog = _busy_dialog(parent, label, cancellable=False)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(30)
    timer.timeout.connect(lambda: None if worker.is_alive() else loop.quit())
    worker.start()
    timer.start()
    if worker.is_alive():
        loop.exec()
    timer.stop()
    worker.join()
    dialog.close()
    dialog.deleteLater()
    if "error" in result:
        raise result["error"]
    return result.get("value")


def app_command() -> list[str]:
    """How to start this program again as a child (source tree or frozen bundle)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "briefing_app"]


def run_in_process(parent: QWidget | None, label: str, args: list[str]) -> tuple[int, str] | None:
    """Run ``briefing-app ARGS`` as a child process with a cancellable progress dialog.

    Returns (exit code, standard output), or None when the user cancelled.
    """
    command = app_command() + args
    process = QProcess()
    process.setProgram(command[0])
    process.setArguments(command[1:])
    dialog = _busy_dialog(parent, label, cancellable=True)
    loop = QEventLoop()
    process.finished.connect(loop.quit)
    process.errorOccurred.connect(lambda _err: loop.quit())
    dialog.canceled.connect(loop.quit)
    process.start()
    if process.waitForStarted(5000):
        loop.exec()
    cancelled = dialog.wasCanceled()
    dialog.close()
    dialog.deleteLater()
    if cancelled or process.state() != QProcess.ProcessState.NotRunning:
        process.kill()
        process.waitForFinished(2000)
        return None
    out = bytes(process.readAllStandardOutput().data()).decode("utf-8", errors="replace")
    return process.exitCode(), out
