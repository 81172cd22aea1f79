"""A second window on an open workspace: the warning stays; its Save never drops another writer's change."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

from briefing_app.model.io import read_workspace
from briefing_app.ui.safety.autosave import boot_id


def test_lock_warning_stays_in_the_status_bar(qtbot, tiny_workspace_path):
    from briefing_app.ui.main_window import MainWindow

    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock = tiny_workspace_path.with_name(tiny_workspace_path.name + ".lock")
        lock.write_text(json.dumps({"pid": holder.pid, "host": socket.gethostname(), "boot_id": boot_id(),
                                    "since": "2026-01-01T00:00:00+00:00"}), encoding="utf-8")
        window = MainWindow(restore_layout=False)
        qtbot.addWidget(window)
        window.state.open(tiny_workspace_path)
        window.state.message_posted.emit("Something else happened")  # replaces passing messages
        notice = window.file_watch.lock_notice
        assert f"process {holder.pid}" in notice
        from PySide6.QtWidgets import QLabel

        label = window.statusBar().findChild(QLabel, "lockNotice")
        assert label is not None and not label.isHidden() and "also open" in label.text()
        window.state.open(tiny_workspace_path)  # reopening keeps it while the other holder lives
        assert f"process {holder.pid}" in window.file_watch.lock_notice
    finally:
        holder.kill()
        holder.wait()


def test_window_save_refuses_when_the_file_changed_after_the_check(qtbot, tiny_workspace_path, monkeypatch):
    from briefing_app.model import edits
    from briefing_app.ui.main_window import MainWindow
    from briefing_app.ui.safety import file_watch

    window = MainWindow(restore_layout=False)
    qtbot.addWidget(window)
    window.state.open(tiny_workspace_path)
    window.state.edit("Rename", edits.update_item, "entities", "jpn", name="Nippon")
    outside = tiny_workspace_path.read_text(encoding="utf-8").replace("title: Tiny test briefing",
                                                                      "title: Changed by a CLI writer")
    real_check = file_watch.check_before_save

    def check_then_someone_writes(state, target=None):
        ok = real_check(state, target)
        tiny_workspace_path.write_text(outside, encoding="utf-8")  # between the check and the write
        return ok

    monkeypatch.setattr("briefing_app.ui.main_window.check_before_save", check_then_someone_writes)
    shown = []
    monkeypatch.setattr("briefing_app.ui.main_window.QMessageBox.critical", lambda *a: shown.append(a[2]))
    assert window.save() is False
    assert shown and "changed on disk" in shown[0]
    assert read_workspace(tiny_workspace_path).workspace.briefing.title == "Changed by a CLI writer"
    assert window.state.is_modified
    window.state.undo_stack.setClean()


def test_fifo_as_lock_file_or_in_place_of_the_workspace_does_not_hang(qtbot, tiny_workspace_path):
    import os

    from briefing_app.model.write_lock import open_elsewhere
    from briefing_app.ui.main_window import MainWindow

    lock = tiny_workspace_path.with_name(tiny_workspace_path.name + ".lock")
    os.mkfifo(lock)
    assert open_elsewhere(tiny_workspace_path) is None
    window = MainWindow(restore_layout=False)
    qtbot.addWidget(window)
    window.state.open(tiny_workspace_path)  # reads the lock: must not block
    lock.unlink()
    tiny_workspace_path.unlink()
    os.mkfifo(tiny_workspace_path)  # the workspace replaced by a FIFO while open
    assert window.file_watch.check_now() == "missing"
    assert window.state.workspace.entities
