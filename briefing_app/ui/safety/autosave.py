"""Autosave to a recovery file, and the offer to restore it after a crash.

While the undo stack is not clean, :class:`AutosaveController` writes the
current snapshot every ``interval`` seconds to
``~/.local/state/<app id>/recovery/<sha1 of the workspace path>-<pid>.briefing.yaml``
with a JSON sidecar (original path, time, pid, host, boot id). Serialising a
big workspace takes seconds, so the text is produced and written on a worker
thread: the snapshot is immutable, so the worker can read it while the user
keeps editing. Each process writes only its own file (the pid is in the
name), so two windows never overwrite each other's recovery, and a file kept
"for later" is never clobbered.

A clean save, an undo back to the saved state, or a clean close deletes the
recovery. A crash leaves it; the next time that workspace is opened,
:func:`find_recovery` finds it (only when the process that wrote it is gone)
and :func:`offer_recovery` asks: Restore / Discard / Keep for later.
Restoring pushes the recovered snapshot as one undoable edit on top of the
file, so Undo shows the version on disk.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from briefing_app import resources
from briefing_app.model.io import read_workspace
from briefing_app.model.io import write_text_atomic
from briefing_app.model.serialize import dump_workspace
from briefing_app.model.types import Workspace
from briefing_app.state import AppState

DEFAULT_INTERVAL_S = 60
RECOVERY_SUFFIX = ".briefing.yaml"
SIDECAR_SUFFIX = ".json"
UNTITLED_KEY = "untitled"

# Choices returned by the recovery question.
RESTORE, DISCARD, KEEP = "restore", "discard", "keep"


# -- where and who -------------------------------------------------------------------------
def recovery_dir() -> Path:
    """``~/.local/state/<app id>/recovery`` (XDG state; created on first write, not here)."""
    return resources.state_dir("recovery")


def workspace_key(path: Path | str | None) -> str:
    """The sha1 of the workspace's absolute path (``untitled`` for a never-saved one)."""
    if path is None:
        return UNTITLED_KEY
    return hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()


def boot_id() -> str:
    """This boot's id (Linux), so that a pid from before a reboot is known to be dead."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def process_alive(pid: int, host: str = "", boot: str = "") -> bool:
    """Whether process ``pid`` on ``host`` (in boot ``boot``) may still be running.

    A process on another host cannot be checked: it counts as alive.
    """
    if host and host != socket.gethostname():
        return True
    if boot and boot_id() and boot != boot_id():
        return False
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return False
    # A killed child not yet reaped by its parent is a zombie: it is gone.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return False
    except (OSError, IndexError):
        pass
    return True


def _write_atomic(path: Path, data: str) -> None:
    """Temp file in the same folder, fsync, rename: readers see old or new, never half."""
    write_text_atomic(path, data, backup=False)


# -- the recovery files ------------------------------------------------------------------------
@dataclass(frozen=True)
class RecoveryInfo:
    """A recovery file left by a process that is no longer running."""

    recovery_file: Path
    sidecar: Path
    original_path: Path | None
    saved_at: _dt.datetime
    pid: int
    host: str

    def describe_time(self) -> str:
        """``2024-05-02 14:03`` in local time."""
        return self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")

    def delete(self) -> None:
        """Remove the recovery file and its sidecar (missing ones are fine)."""
        for p in (self.recovery_file, self.sidecar):
            try:
                p.unlink()
            except FileNotFoundError:
                pass


def recovery_files_for(path: Path | str | None, pid: int, folder: Path | None = None) -> tuple[Path, Path]:
    """The recovery file and sidecar that process ``pid`` uses for ``path``."""
    folder = folder or recovery_dir()
    stem = f"{workspace_key(path)}-{pid}"
    return folder / f"{stem}{RECOVERY_SUFFIX}", folder / f"{stem}{SIDECAR_SUFFIX}"


def write_recovery(ws: Workspace, path: Path | str | None, folder: Path | None = None,
                   text: str | None = None) -> Path:
    """Write ``ws`` as this process's recovery for ``path`` (blocking; any thread)."""
    rec, side = recovery_files_for(path, os.getpid(), folder)
    rec.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(rec, text if text is not None else dump_workspace(ws))
    meta = {
        "original_path": str(Path(path).resolve()) if path is not None else None,
        "saved_at": _dt.datetime.now(_dt.timezone.utc).isoformat(),
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "boot_id": boot_id(),
        "recovery_file": rec.name,
    }
    _write_atomic(side, json.dumps(meta, indent=1))
    return rec


def find_recovery(path: Path | str | None, folder: Path | None = None) -> RecoveryInfo | None:
    """The newest recovery for ``path`` whose writer is no longer running, or None.

    Sidecars that cannot be read, or whose recovery file is missing, are skipped.
    """
    folder = folder or recovery_dir()
    if not folder.is_dir():
        return None
    best: RecoveryInfo | None = None
    for side in folder.glob(f"{workspace_key(path)}-*{SIDECAR_SUFFIX}"):
        try:
            meta = json.loads(side.read_text(encoding="utf-8"))
            pid = int(meta["pid"])
            rec = folder / str(meta.get("recovery_file") or side.name[: -len(SIDECAR_SUFFIX)] + RECOVERY_SUFFIX)
            saved = _dt.datetime.fromisoformat(str(meta["saved_at"]))
            host = str(meta.get("host", ""))
            boot = str(meta.get("boot_id", ""))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if not rec.is_file() or pid == os.getpid() or process_alive(pid, host, boot):
            continue
        original = meta.get("original_path")
        info = RecoveryInfo(rec, side, Path(original) if original else None, saved, pid, host)
        if best is None or info.saved_at > best.saved_at:
            best = info
    return best


def load_recovery(info: RecoveryInfo, root: Path | None) -> Workspace | None:
    """The recovered snapshot, with document paths relative to ``root``; None if unreadable."""
    result = read_workspace(info.recovery_file, check_files=False)
    if result.workspace is None or result.blocking:
        return None
    return result.workspace.with_(root=root)


def restore_recovery(state: AppState, info: RecoveryInfo) -> bool:
    """Apply the recovered snapshot as one undoable edit; delete the recovery file.

    Returns False (and posts why) when the recovery cannot be read; the file is then kept.
    """
    root = state.workspace.root or (state.path.resolve().parent if state.path else None)
    ws = load_recovery(info, root)
    if ws is None:
        state.message_posted.emit(f"The recovery file {info.recovery_file} cannot be read; it was kept")
        return False
    state.apply(f"Restore unsaved changes from {info.describe_time()}", ws)
    info.delete()  # from now on this process's own autosave holds the edits
    state.message_posted.emit(f"Restored unsaved changes from {info.describe_time()} (Undo shows the file on disk)")
    return True


def ask_recovery(info: RecoveryInfo, parent: QWidget | None = None) -> str:
    """Ask Restore / Discard / Keep for later; returns RESTORE, DISCARD or KEEP."""
    name = info.original_path.name if info.original_path else "an untitled workspace"
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Unsaved changes found")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"Restore unsaved changes from {info.describe_time()}?")
    box.setInformativeText(
        f"Briefing desk stopped (process {info.pid}) before {name} was saved. "
        "Restoring puts those changes back on top of the file; Undo shows the file as it is on disk.")
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Keep for later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    clicked = box.clickedButton()
    if clicked is restore:
        return RESTORE
    if clicked is discard:
        return DISCARD
    return KEEP


def offer_recovery(state: AppState, parent: QWidget | None = None,
                   ask: Callable[[RecoveryInfo, QWidget | None], str] = ask_recovery,
                   folder: Path | None = None) -> str | None:
    """After opening ``state.path``: offer a recovery left by a crashed process.

    Returns the choice (RESTORE/DISCARD/KEEP) or None when there was nothing to offer.
    """
    info = find_recovery(state.path, folder)
    if info is None:
        return None
    choice = ask(info, parent)
    if choice == RESTORE:
        restore_recovery(state, info)
    elif choice == DISCARD:
        info.delete()
        state.message_posted.emit("Discarded the unsaved changes of the earlier session")
    return choice


# -- the controller ------------------------------------------------------------------------------
class _Job(QRunnable):
    """Serialise and write one snapshot on a pool thread."""

    def __init__(self, run: Callable[[], None]):
        super().__init__()
        self._run = run

    def run(self) -> None:  # noqa: D102 - QRunnable override
        self._run()


class AutosaveController(QObject):
    """Writes the recovery file while there are unsaved edits; deletes it when clean.

    Args:
        state: The window's state.
        parent: Owner (usually the main window).
        interval_s: Seconds between autosaves (only while there are unsaved edits).
        folder: Recovery folder (default :func:`recovery_dir`; tests pass their own).
    """

    saved = Signal(str)  # recovery file written (path)
    failed = Signal(str)  # why an autosave could not be written

    _done = Signal(int, str, str)  # generation, path, error ('' on success): worker → GUI thread

    def __init__(self, state: AppState, parent: QObject | None = None, interval_s: float = DEFAULT_INTERVAL_S,
                 folder: Path | None = None):
        super().__init__(parent)
        self.state = state
        self.folder = folder or recovery_dir()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one writer: recoveries land in order
        self._lock = threading.Lock()  # guards the generation against a discard mid-write
        self._generation = 0
        self._busy = False
        self._last_written: Workspace | None = None
        self._pending: Workspace | None = None
        self._path = state.path
        self._warned = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_timer)
        self.set_interval(interval_s)
        self._done.connect(self._on_done)
        state.undo_stack.cleanChanged.connect(self._on_clean_changed)
        state.workspace_replaced.connect(self._on_workspace_replaced)

    @property
    def interval(self) -> float:
        """Seconds between autosaves."""
        return self._timer.interval() / 1000

    def set_interval(self, seconds: float) -> None:
        """Change the autosave interval (seconds, at least 0.05)."""
        self._timer.start(max(50, int(seconds * 1000)))

    @property
    def recovery_file(self) -> Path:
        """This process's recovery file for the current workspace."""
        return recovery_files_for(self._path, os.getpid(), self.folder)[0]

    def autosave_now(self) -> bool:
        """Start writing the recovery now if there are unsaved edits; False if nothing to do."""
        if self.state.path != self._path:  # saved under another name: the key moved
            self.discard()
            self._path = self.state.path
        if self.state.undo_stack.isClean() or self._busy:
            return False
        ws = self.state.workspace
        if ws is self._last_written:
            return False
        self._busy = True
        path = self._path
        with self._lock:
            generation = self._generation

        def work() -> None:
            try:
                text = dump_workspace(ws)  # the slow part, off the GUI thread
                with self._lock:
                    if generation != self._generation:  # saved or discarded meanwhile
                        self._done.emit(generation, "", "")
                        return
                    rec = write_recovery(ws, path, self.folder, text=text)
                self._done.emit(generation, str(rec), "")
            except Exception as exc:  # noqa: BLE001 - reported to the user, never a crash
                self._done.emit(generation, "", f"{type(exc).__name__}: {exc}")

        self._pending = ws
        self._pool.start(_Job(work))
        return True

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the writes in flight are done (tests and shutdown)."""
        ok = self._pool.waitForDone(msecs)
        QCoreApplication.processEvents()  # deliver the queued "done"
        return ok

    def discard(self, path: Path | None | str = "") -> None:
        """Delete this process's recovery (for ``path``, default the current one); cancel a write in flight."""
        target = self._path if path == "" else path
        with self._lock:
            self._generation += 1
            for p in recovery_files_for(target, os.getpid(), self.folder):
                try:
                    p.unlink()
                except FileNotFoundError:
                    pass
                except OSError:
                    pass
        self._last_written = None

    def shutdown(self, discard: bool = True) -> None:
        """At window close: stop the timer; delete the recovery when ``discard`` (a clean close)."""
        self._timer.stop()
        if discard:
            self.discard()
        self._pool.waitForDone(30000)
        if discard:
            self.discard()  # a write that was already past its generation check

    # -- slots --------------------------------------------------------------------------------
    def _on_timer(self) -> None:
        self.autosave_now()

    def _on_done(self, generation: int, path: str, error: str) -> None:
        self._busy = False
        if error:
            if not self._warned:  # once per session: the status bar, not a dialog every minute
                self.state.message_posted.emit(f"Autosave failed: {error}")
                self._warned = True
            self.failed.emit(error)
            return
        if path and generation == self._generation:
            self._last_written = self._pending
            self.saved.emit(path)

    def _on_clean_changed(self, clean: bool) -> None:
        if clean:  # saved, or undone back to the saved state: the file on disk has it all
            self.discard()
            if self.state.path != self._path:  # Save As: the key moves with the file
                self._path = self.state.path
                self.discard()

    def _on_workspace_replaced(self) -> None:
        # Another file was opened (the user already chose to save or discard): drop the old recovery.
        self.discard()
        self._path = self.state.path
