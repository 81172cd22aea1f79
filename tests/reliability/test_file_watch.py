"""Outside changes to the open workspace, save-time checks and the lock file."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing_app.model import edits
from briefing_app.model.io import write_text_atomic
from briefing_app.state import AppState
from briefing_app.ui.safety.file_watch import (
    CANCEL,
    KEEP_MINE,
    OVERWRITE,
    RELOAD,
    SHOW_DIFF,
    ExternalChangeWatcher,
    WorkspaceLock,
    check_before_save,
    lock_path,
    note_saved,
    read_lock,
)


@pytest.fixture
def setup(qapp, tiny_workspace_path):
    state = AppState()
    state.open(tiny_workspace_path)
    watcher = ExternalChangeWatcher(state)
    calls = {"change": [], "overwrite": [], "diff": []}
    answers = {"change": [], "overwrite": []}
    watcher.ask_change = lambda name, parent: calls["change"].append(name) or answers["change"].pop(0)
    watcher.ask_overwrite = lambda name, parent: calls["overwrite"].append(name) or answers["overwrite"].pop(0)
    watcher.show_diff = lambda title, diff, parent: calls["diff"].append(diff)
    yield state, watcher, calls, answers, tiny_workspace_path
    watcher.release()


def _retitle_on_disk(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8").replace("title: Tiny test briefing", f"title: {title}")
    write_text_atomic(path, text, backup=False)  # what an editor or git does: a rename over the file


def test_outside_change_without_edits_reloads_quietly(qtbot, setup):
    state, watcher, calls, _, path = setup
    messages = []
    state.message_posted.connect(messages.append)
    with qtbot.waitSignal(watcher.reloaded, timeout=5000):
        _retitle_on_disk(path, "Changed outside")
    assert state.workspace.briefing.title == "Changed outside"
    assert not calls["change"]
    assert any("changed on disk" in m for m in messages)
    # The watch survives the rename: a second change is seen too.
    with qtbot.waitSignal(watcher.reloaded, timeout=5000):
        path.write_text(path.read_text(encoding="utf-8").replace("Changed outside", "Again"), encoding="utf-8")
    assert state.workspace.briefing.title == "Again"


def test_outside_change_with_edits_keep_mine_then_confirm_at_save(qtbot, setup):
    state, watcher, calls, answers, path = setup
    state.edit("Retitle", edits.set_briefing, title="Mine")
    answers["change"] = [SHOW_DIFF, KEEP_MINE]
    with qtbot.waitSignal(watcher.changed_on_disk, timeout=5000):
        _retitle_on_disk(path, "Theirs")
    assert state.workspace.briefing.title == "Mine" and state.is_modified
    assert len(calls["change"]) == 2
    diff = calls["diff"][0]
    assert "-  title: Theirs" in diff and "+  title: Mine" in diff
    assert watcher.check_now() is None  # the kept-apart version is not asked about again
    # The save is refused unless the user confirms.
    answers["overwrite"] = [CANCEL]
    assert not check_before_save(state)
    answers["overwrite"] = [SHOW_DIFF, OVERWRITE]
    assert check_before_save(state)
    assert len(calls["diff"]) == 2


def test_reload_discards_mine(qtbot, setup):
    state, watcher, _, answers, path = setup
    state.edit("Retitle", edits.set_briefing, title="Mine")
    answers["change"] = [RELOAD]
    with qtbot.waitSignal(watcher.reloaded, timeout=5000):
        _retitle_on_disk(path, "Theirs")
    assert state.workspace.briefing.title == "Theirs" and not state.is_modified


def test_own_save_is_not_an_outside_change(qtbot, setup):
    state, watcher, calls, _, path = setup
    state.edit("Retitle", edits.set_briefing, title="Mine")
    assert check_before_save(state)
    state.save()
    note_saved(state)
    qtbot.wait(600)  # longer than the debounce
    assert watcher.check_now() is None
    assert not calls["change"] and not calls["overwrite"]
    assert state.workspace.briefing.title == "Mine"


def test_unreadable_outside_change_keeps_workspace(qtbot, setup):
    state, watcher, _, _, path = setup
    messages = []
    state.message_posted.connect(messages.append)
    path.write_text("entities: [unclosed\n", encoding="utf-8")
    assert watcher.check_now() == "reload-failed"
    assert state.workspace.briefing.title == "Tiny test briefing"
    assert any("cannot be read" in m for m in messages)


def test_deleted_file_is_reported(qtbot, setup):
    state, watcher, _, _, path = setup
    path.unlink()
    assert watcher.check_now() == "missing"


def test_lock_file_written_and_released(setup):
    state, watcher, _, _, path = setup
    holder = read_lock(path)
    assert holder is not None and holder.pid == os.getpid()
    watcher.release()
    assert not lock_path(path).exists()


def test_stale_lock_is_taken_over(tmp_path):
    ws = tmp_path / "a.briefing.yaml"
    ws.write_text("schema: 1\n")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock_path(ws).write_text(json.dumps({"pid": dead.pid, "host": os.uname().nodename, "since": "x"}))
    lock = WorkspaceLock()
    assert lock.acquire(ws) is None
    assert read_lock(ws).pid == os.getpid()
    lock.release()
    lock_path(ws).write_text("garbage")
    assert lock.acquire(ws) is None
    lock.release()


def test_live_lock_of_another_process_is_reported(qtbot, qapp, tiny_workspace_path):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        import socket

        lock_path(tiny_workspace_path).write_text(json.dumps({"pid": other.pid, "host": socket.gethostname(),
                                                              "since": "now"}))
        state = AppState()
        state.open(tiny_workspace_path)
        conflicts = []
        messages = []
        state.message_posted.connect(messages.append)
        watcher = ExternalChangeWatcher(state)
        watcher.lock_conflict.connect(conflicts.append)
        watcher._on_workspace_replaced()
        assert conflicts and str(other.pid) in conflicts[0]
        assert any("also open" in m for m in messages)
        watcher.release()
        assert read_lock(tiny_workspace_path).pid == other.pid  # not ours to remove
    finally:
        other.kill()
        other.wait()


def test_check_before_save_without_watcher_uses_recorded_hash(qapp, tiny_workspace_path):
    import hashlib

    state = AppState()
    state.open(tiny_workspace_path)
    assert check_before_save(state)  # nothing recorded: never blocks
    state.loaded_sha256 = hashlib.sha256(tiny_workspace_path.read_bytes()).hexdigest()
    assert check_before_save(state)
    time.sleep(0.01)
    tiny_workspace_path.write_text(tiny_workspace_path.read_text() + "\n# changed\n")
    assert not check_before_save(state)
