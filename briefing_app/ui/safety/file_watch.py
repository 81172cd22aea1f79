"""Changes to the open workspace from outside, and two writers on one file.

:class:`ExternalChangeWatcher` watches the workspace file (and its folder:
an editor or ``git pull`` often replaces the file by renaming, which drops
the watch on the old inode). After a short debounce it compares the sha256
of the bytes on disk with the bytes this window last loaded or saved:

* no unsaved edits here → the file is reloaded quietly, with a status message;
* unsaved edits → the user chooses: Reload (discard mine), Keep mine (the
  next save asks before overwriting), or Show differences (a unified diff of
  the canonical text, disk vs mine).

:func:`check_before_save` is the last guard: if the file on disk is no
longer what this window loaded, a save asks before overwriting it. A
``<workspace>.lock`` file (pid, host, boot id) tells a second window or
process that the workspace is already open; a lock left by a dead process
is taken over.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import socket
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from briefing_app.model.io import file_sha256, read_workspace
from briefing_app.model.safe_files import UnreadableFile, read_regular_file
from briefing_app.model.serialize import dump_workspace
from briefing_app.state import AppState
from briefing_app.ui.safety.autosave import boot_id, process_alive

DEBOUNCE_MS = 300  # editors write in several steps; look once they are done
MAX_DIFF_LINES = 20000

# Choices on an outside change while there are unsaved edits.
RELOAD, KEEP_MINE, SHOW_DIFF = "reload", "keep", "diff"
# Choices at save time when the file on disk changed.
OVERWRITE, CANCEL = "overwrite", "cancel"

_WATCHERS: weakref.WeakKeyDictionary[AppState, ExternalChangeWatcher] = weakref.WeakKeyDictionary()


def sha256_of(path: Path) -> str | None:
    """sha256 of a file's bytes, or None when it cannot be read (missing, a folder...)."""
    return file_sha256(path)  # never blocks: a FIFO put in the workspace's place is "unreadable"


# -- lock file ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class LockInfo:
    """Who holds a workspace's lock file."""

    pid: int
    host: str
    boot: str
    since: str

    def describe(self) -> str:
        return f"process {self.pid} on {self.host} (since {self.since})"

    @property
    def alive(self) -> bool:
        return process_alive(self.pid, self.host, self.boot)


def lock_path(workspace: Path) -> Path:
    """``<workspace>.lock`` beside the workspace file."""
    return workspace.with_name(workspace.name + ".lock")


def read_lock(workspace: Path) -> LockInfo | None:
    """The lock's holder, or None when there is no readable lock."""
    try:
        meta = json.loads(read_regular_file(lock_path(workspace), 64 * 1024).decode("utf-8"))
        return LockInfo(int(meta["pid"]), str(meta.get("host", "")), str(meta.get("boot_id", "")),
                        str(meta.get("since", "")))
    except (OSError, ValueError, KeyError, TypeError, UnreadableFile):
        return None


class WorkspaceLock:
    """This process's claim on a workspace file.

    :meth:`acquire` creates the lock file atomically (``O_EXCL``); a lock whose
    holder is dead (or unreadable) is stale and taken over. A live holder is
    returned so the caller can warn; the save-time check still protects the file.
    """

    def __init__(self) -> None:
        self.path: Path | None = None  # the workspace whose lock this process holds

    def acquire(self, workspace: Path) -> LockInfo | None:
        """Take the lock for ``workspace``; returns the other live holder if there is one."""
        self.release()
        target = lock_path(workspace)
        meta = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "boot_id": boot_id(),
                           "since": _dt.datetime.now().astimezone().isoformat(timespec="seconds")})
        for _ in range(2):
            try:
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = read_lock(workspace)
                if holder is not None and holder.pid == os.getpid() and holder.host == socket.gethostname():
                    return None  # another window of this process: not a conflict of processes
                if holder is not None and holder.alive:
                    return holder
                try:  # stale: its process is gone (or the file is garbage)
                    target.unlink()
                except FileNotFoundError:
                    pass
                except OSError:
                    return None
                continue
            except OSError:
                return None  # read-only folder: no lock, the save-time check still guards
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(meta)
            self.path = workspace
            return None
        return None

    def release(self) -> None:
        """Remove the lock file if this process holds it."""
        if self.path is None:
            return
        holder = read_lock(self.path)
        if holder is not None and holder.pid == os.getpid():
            try:
                lock_path(self.path).unlink()
            except OSError:
                pass
        self.path = None


# -- dialogs -------------------------------------------------------------------------------------
def unified_diff(disk_text: str, mine_text: str, name: str) -> str:
    """A unified diff from the file on disk to this window's version."""
    import difflib  # only when a conflict is shown

    lines = list(difflib.unified_diff(disk_text.splitlines(keepends=True), mine_text.splitlines(keepends=True),
                                      fromfile=f"{name} (on disk)", tofile=f"{name} (this window)", n=3))
    if not lines:
        return "No differences in the canonical text (only formatting or comments differ)."
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"\n… {len(lines) - MAX_DIFF_LINES} more lines not shown\n"]
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


class DiffDialog(QDialog):
    """A read-only unified diff (plain text: nothing in it is interpreted as markup)."""

    def __init__(self, title: str, diff: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 600)
        layout = QVBoxLayout(self)
        label = QLabel("Lines starting with − are on disk only; lines starting with + are only in this window.", self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(label)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlainText(diff)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _warning_box(parent: QWidget | None, title: str, text: str, info: str) -> QMessageBox:
    """A plain-text warning (file names are data, never markup)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setInformativeText(info)
    return box


def ask_external_change(name: str, parent: QWidget | None = None) -> str:
    """Ask what to do about an outside change while there are unsaved edits."""
    box = _warning_box(parent, "Workspace changed on disk",
                       f"{name} was changed by another program, and you have unsaved changes here.",
                       "Reload discards your changes and shows the file on disk. Keep mine leaves your "
                       "version here; saving will then ask before overwriting the other version.")
    reload_ = box.addButton("Reload (discard mine)", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep mine", QMessageBox.ButtonRole.RejectRole)
    diff = box.addButton("Show differences", QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(keep)
    box.exec()
    clicked = box.clickedButton()
    return RELOAD if clicked is reload_ else SHOW_DIFF if clicked is diff else KEEP_MINE


def ask_overwrite(name: str, parent: QWidget | None = None) -> str:
    """Ask before a save overwrites a file that changed on disk."""
    box = _warning_box(parent, "Overwrite changes on disk?",
                       f"{name} changed on disk since you opened it (another program or window wrote it).",
                       "Overwrite replaces that version with yours (it is kept as the .bak file). "
                       "Show differences compares them first.")
    over = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
    diff = box.addButton("Show differences", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return OVERWRITE if clicked is over else SHOW_DIFF if clicked is diff else CANCEL


def show_diff_dialog(title: str, diff: str, parent: QWidget | None) -> None:
    DiffDialog(title, diff, parent).exec()


# -- the watcher ------------------------------------------------------------------------------------
class ExternalChangeWatcher(QObject):
    """Watches the open workspace file for changes made outside this window.

    The dialog functions are attributes (``ask_change``, ``ask_overwrite``,
    ``show_diff``) so that tests and headless runs can answer them.
    """

    changed_on_disk = Signal(str)  # path: a change from outside was detected
    reloaded = Signal(str)  # path: the workspace was reloaded from disk
    lock_conflict = Signal(str)  # description of the other holder of the lock

    def __init__(self, state: AppState, parent: QObject | None = None, auto_reload: bool = True):
        super().__init__(parent)
        self.state = state
        self.auto_reload = auto_reload
        self.ask_change: Callable[[str, QWidget | None], str] = ask_external_change
        self.ask_overwrite: Callable[[str, QWidget | None], str] = ask_overwrite
        self.show_diff: Callable[[str, str, QWidget | None], None] = show_diff_dialog
        self.lock = WorkspaceLock()
        self._lock_label: QLabel | None = None
        self._known_sha: str | None = None  # bytes last loaded or saved by this window
        self._dismissed_sha: str | None = None  # an outside version the user chose to keep apart from
        self._path: Path | None = None
        self._missing_reported = False
        self._fs = QFileSystemWatcher(self)
        self._fs.fileChanged.connect(self._on_fs_event)
        self._fs.directoryChanged.connect(self._on_fs_event)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.check_now)
        state.workspace_replaced.connect(self._on_workspace_replaced)
        _WATCHERS[state] = self
        self._on_workspace_replaced()

    # -- what this window knows ------------------------------------------------------------------
    @property
    def known_sha256(self) -> str | None:
        """sha256 of the bytes this window last loaded or saved (AppState's record wins)."""
        return getattr(self.state, "loaded_sha256", None) or self._known_sha

    def note_saved(self) -> None:
        """Call right after this window saved: the file on disk is now ours."""
        if self.state.path is not None and self._path != self.state.path:
            self._watch(self.state.path)  # Save As: follow the file
        self._known_sha = sha256_of(self._path) if self._path else None
        self._dismissed_sha = None

    def _watch(self, path: Path | None) -> None:
        if self._fs.files():
            self._fs.removePaths(self._fs.files())
        if self._fs.directories():
            self._fs.removePaths(self._fs.directories())
        self._path = Path(path).resolve() if path else None
        if self._path is None:
            self.lock.release()
            self._show_lock_notice("")
            return
        self._fs.addPath(str(self._path.parent))
        if self._path.exists():
            self._fs.addPath(str(self._path))
        holder = self.lock.acquire(self._path)
        if holder is not None:
            text = f"{self._path.name} is also open in {holder.describe()}; saves ask before overwriting each other"
            self.state.message_posted.emit(text)
            self._show_lock_notice(text)
            self.lock_conflict.emit(holder.describe())
        else:
            self._show_lock_notice("")

    def _show_lock_notice(self, text: str) -> None:
        """Keep the warning in the status bar while it holds (a passing message is overwritten at once)."""
        window = self.parent()
        status = window.statusBar() if isinstance(window, QMainWindow) else None
        if status is None:
            return
        if self._lock_label is None:
            if not text:
                return
            self._lock_label = QLabel(status)
            self._lock_label.setObjectName("lockNotice")
            self._lock_label.setStyleSheet("color: #a33; font-weight: bold; padding: 0 6px;")
            status.addPermanentWidget(self._lock_label)
        self._lock_label.setText(f"⚠ {text}" if text else "")
        self._lock_label.setToolTip(text)
        self._lock_label.setVisible(bool(text))

    @property
    def lock_notice(self) -> str:
        """The lock warning shown in the status bar ('' when none)."""
        return self._lock_label.toolTip() if self._lock_label is not None and not self._lock_label.isHidden() else ""

    def release(self) -> None:
        """Stop watching and release the lock (window closing)."""
        self._debounce.stop()
        self._watch(None)

    # -- checking -----------------------------------------------------------------------------------
    def _on_workspace_replaced(self) -> None:
        self._watch(self.state.path)
        self._known_sha = sha256_of(self._path) if self._path else None
        self._dismissed_sha = None

    def _on_fs_event(self, _path: str) -> None:
        self._debounce.start()

    def check_now(self) -> str | None:
        """Compare the file on disk with what this window knows; act on a difference.

        Returns what happened: None (nothing changed), 'reloaded', 'reload-failed',
        'kept', 'missing'.
        """
        if self._path is None:
            return None
        if self._path.exists() and str(self._path) not in self._fs.files():
            self._fs.addPath(str(self._path))  # replaced by rename: watch the new file
        disk = sha256_of(self._path)
        known = self.known_sha256
        if disk is not None:
            self._missing_reported = False
        if disk == known or (disk is not None and disk == self._dismissed_sha):
            return None
        name = self._path.name
        if disk is None:
            if not self._missing_reported:  # once, not at every event in the folder
                self.state.message_posted.emit(f"{name} was deleted or moved on disk; Save writes it again")
                self._missing_reported = True
            return "missing"
        self.changed_on_disk.emit(str(self._path))
        parent = self.parent() if isinstance(self.parent(), QWidget) else None
        if not self.state.is_modified and self.auto_reload:
            return self._reload(f"Reloaded {name}: it was changed on disk")
        while True:
            choice = self.ask_change(name, parent)
            if choice == RELOAD:
                return self._reload(f"Reloaded {name} from disk; your unsaved changes were discarded")
            if choice == SHOW_DIFF:
                self.show_diff(f"{name}: on disk vs this window", self.diff_text(), parent)
                continue
            self._dismissed_sha = disk
            self.state.message_posted.emit(f"Kept your version of {name}; saving will ask before overwriting")
            return "kept"

    def _reload(self, message: str) -> str:
        path = self._path
        assert path is not None
        # Through AppState.open, so that whatever it records about the loaded file stays right.
        result = self.state.open(path)
        if result.workspace is None or result.blocking:
            self._dismissed_sha = sha256_of(path)
            n = len(result.blocking) or len(result.problems)
            self.state.message_posted.emit(f"{path.name} changed on disk but cannot be read ({n} problem(s)); "
                                           "the version shown is kept")
            return "reload-failed"
        self.state.message_posted.emit(message)
        self.reloaded.emit(str(path))
        return "reloaded"

    def diff_text(self) -> str:
        """Unified diff of the canonical text: the file on disk vs this window's snapshot."""
        assert self._path is not None
        mine = dump_workspace(self.state.workspace)
        result = read_workspace(self._path, check_files=False)
        if result.workspace is not None and not result.blocking:
            disk = dump_workspace(result.workspace)
        else:  # unreadable on disk: compare the raw text
            try:
                disk = self._path.read_bytes().decode("utf-8", errors="replace")
            except OSError:
                disk = ""
        return unified_diff(disk, mine, self._path.name)

    def confirm_overwrite(self, target: Path | None = None) -> bool:
        """Whether saving to ``target`` (default: the open file) may go ahead."""
        path = Path(target).resolve() if target else self._path
        if path is None or path != self._path:
            return True  # Save As elsewhere: the file dialog already confirmed an overwrite
        disk = sha256_of(path)
        if disk is None or disk == self.known_sha256:
            return True
        parent = self.parent() if isinstance(self.parent(), QWidget) else None
        while True:
            choice = self.ask_overwrite(path.name, parent)
            if choice == SHOW_DIFF:
                self.show_diff(f"{path.name}: on disk vs this window", self.diff_text(), parent)
                continue
            return choice == OVERWRITE


def check_before_save(state: AppState, target: Path | str | None = None) -> bool:
    """Call before saving ``state``: False when the user declined to overwrite an outside change.

    Without a watcher (no window), the sha256 AppState recorded at load/save is used, if any;
    an unknown state never blocks a save.
    """
    watcher = _WATCHERS.get(state)
    if watcher is not None:
        return watcher.confirm_overwrite(Path(target) if target else None)
    known = getattr(state, "loaded_sha256", None)
    path = Path(target) if target else state.path
    if known is None or path is None or (state.path and Path(path).resolve() != state.path.resolve()):
        return True
    disk = sha256_of(path)
    return disk is None or disk == known


def note_saved(state: AppState) -> None:
    """Call after a successful save of ``state``: the file on disk is this window's version."""
    watcher = _WATCHERS.get(state)
    if watcher is not None:
        watcher.note_saved()
