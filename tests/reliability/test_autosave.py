"""Autosave writes a recovery off the GUI thread; after kill -9 the next start restores it."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_app.model import edits
from briefing_app.model.io import read_workspace
from briefing_app.state import AppState
from briefing_app.ui.safety import autosave
from briefing_app.ui.safety.autosave import (
    DISCARD,
    KEEP,
    RESTORE,
    AutosaveController,
    find_recovery,
    offer_recovery,
    recovery_files_for,
    write_recovery,
)

CHILD = Path(__file__).with_name("autosave_child.py")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def state(qapp, tiny_workspace_path):
    s = AppState()
    s.open(tiny_workspace_path)
    return s


def test_autosave_writes_recovery_only_while_unsaved(qtbot, state, tmp_path):
    folder = tmp_path / "recovery"
    ctl = AutosaveController(state, interval_s=3600, folder=folder)
    assert not ctl.autosave_now()  # clean: nothing to protect
    state.edit("Retitle", edits.set_briefing, title="Edited title")
    with qtbot.waitSignal(ctl.saved, timeout=10000):
        assert ctl.autosave_now()
    rec = ctl.recovery_file
    assert rec.is_file()
    recovered = read_workspace(rec, check_files=False).workspace
    assert recovered is not None and recovered.briefing.title == "Edited title"
    meta = json.loads(rec.with_suffix("").with_suffix(".json").read_text())
    assert meta["pid"] == os.getpid()
    assert Path(meta["original_path"]) == state.path.resolve()
    # Same snapshot again: no second write.
    assert not ctl.autosave_now()
    # A clean save deletes it.
    state.save()
    assert not rec.exists()


def test_undo_back_to_clean_deletes_recovery(qtbot, state, tmp_path):
    ctl = AutosaveController(state, interval_s=3600, folder=tmp_path)
    state.edit("Retitle", edits.set_briefing, title="X")
    ctl.autosave_now()
    ctl.wait()
    assert ctl.recovery_file.is_file()
    state.undo_stack.undo()
    assert not ctl.recovery_file.exists()


def test_timer_autosaves(qtbot, state, tmp_path):
    ctl = AutosaveController(state, interval_s=0.05, folder=tmp_path)
    state.edit("Retitle", edits.set_briefing, title="By the timer")
    with qtbot.waitSignal(ctl.saved, timeout=10000):
        pass
    assert "By the timer" in ctl.recovery_file.read_text(encoding="utf-8")


def test_clean_shutdown_deletes_recovery(qtbot, state, tmp_path):
    folder = tmp_path / "recovery"
    ctl = AutosaveController(state, interval_s=3600, folder=folder)
    state.edit("Retitle", edits.set_briefing, title="X")
    ctl.autosave_now()
    ctl.shutdown(discard=True)
    assert not list(folder.glob("*"))


def test_own_live_recovery_is_not_offered(state, tmp_path):
    write_recovery(state.workspace, state.path, tmp_path)
    assert find_recovery(state.path, tmp_path) is None  # written by this (running) process


def _fake_dead_recovery(state, folder: Path, title: str, pid: int = 2**22 + 12345) -> Path:
    """A recovery as a crashed process would leave it (a pid that does not exist)."""
    ws = edits.set_briefing(state.workspace, title=title)
    rec = write_recovery(ws, state.path, folder)
    mine_rec, mine_side = recovery_files_for(state.path, os.getpid(), folder)
    dead_rec, dead_side = recovery_files_for(state.path, pid, folder)
    meta = json.loads(mine_side.read_text())
    meta.update(pid=pid, recovery_file=dead_rec.name)
    dead_side.write_text(json.dumps(meta))
    mine_rec.rename(dead_rec)
    mine_side.unlink()
    assert rec == mine_rec
    return dead_rec


def test_offer_restore_is_undoable(state, tmp_path):
    _fake_dead_recovery(state, tmp_path, "Recovered title")
    original = state.workspace
    asked = []
    choice = offer_recovery(state, ask=lambda info, parent: asked.append(info) or RESTORE, folder=tmp_path)
    assert choice == RESTORE and asked[0].pid == 2**22 + 12345
    assert state.workspace.briefing.title == "Recovered title"
    assert state.workspace.root == original.root  # documents still resolve beside the workspace
    assert state.is_modified
    state.undo_stack.undo()
    assert state.workspace is original  # undo shows the file on disk
    assert find_recovery(state.path, tmp_path) is None


def test_offer_discard_and_keep(state, tmp_path):
    rec = _fake_dead_recovery(state, tmp_path, "Recovered title")
    assert offer_recovery(state, ask=lambda i, p: KEEP, folder=tmp_path) == KEEP
    assert rec.is_file() and not state.is_modified
    assert offer_recovery(state, ask=lambda i, p: DISCARD, folder=tmp_path) == DISCARD
    assert not rec.exists()
    assert offer_recovery(state, ask=lambda i, p: RESTORE, folder=tmp_path) is None


def test_unreadable_recovery_is_kept_and_reported(state, tmp_path):
    rec = _fake_dead_recovery(state, tmp_path, "Recovered title")
    rec.write_text("entities: [unclosed", encoding="utf-8")
    messages = []
    state.message_posted.connect(messages.append)
    offer_recovery(state, ask=lambda i, p: RESTORE, folder=tmp_path)
    assert rec.is_file() and not state.is_modified
    assert any("cannot be read" in m for m in messages)


def test_garbage_sidecars_are_skipped(state, tmp_path):
    key = autosave.workspace_key(state.path)
    (tmp_path / f"{key}-1.json").write_text("{not json")
    (tmp_path / f"{key}-2.json").write_text(json.dumps({"pid": "x"}))
    assert find_recovery(state.path, tmp_path) is None


def test_kill_9_after_autosave_is_recovered(qapp, tiny_workspace_path, tmp_path):
    """A process killed -9 leaves its last autosave; the next start restores it."""
    folder = tmp_path / "recovery"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    child = subprocess.Popen([sys.executable, str(CHILD), str(tiny_workspace_path), str(folder), "Crash title"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        lines = [child.stdout.readline(), child.stdout.readline()]
        assert lines[0].startswith("autosaved"), (lines, child.stderr.read() if child.poll() is not None else "")
        assert lines[1].startswith("edited-after")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        child.stdout.close()
        child.stderr.close()

    state = AppState()
    state.open(tiny_workspace_path)
    assert state.workspace.briefing.title == "Tiny test briefing"  # the file itself is untouched
    info = find_recovery(tiny_workspace_path, folder)
    assert info is not None and info.pid == child.pid
    assert offer_recovery(state, ask=lambda i, p: RESTORE, folder=folder) == RESTORE
    # The autosaved edit is back; the edit after it is the (bounded) loss.
    assert state.workspace.briefing.title == "Crash title"
    state.undo_stack.undo()
    assert state.workspace.briefing.title == "Tiny test briefing"
