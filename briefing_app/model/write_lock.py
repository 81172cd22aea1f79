"""One writer at a time per workspace: the window, ``import`` and ``fmt`` take turns.

Every write of a workspace file (a window's Save, ``briefing-app import``,
``briefing-app fmt``) holds :func:`workspace_write_lock` while it re-reads
the file and writes the new version, so two writers never both start from
the same old version and one of them silently loses its change.

The lock is ``flock`` on the workspace's *folder*: the workspace file itself
is replaced by rename on every save, so a lock on its inode would not be
seen by the next writer; the folder's inode stays. The kernel drops the lock
when its process dies (even by ``kill -9``): no stale lock files.

This is separate from the ``<workspace>.lock`` file a window keeps while a
workspace is open (who has it open); :func:`open_elsewhere` reads that one
so command-line writers can say that a window will see their change.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing_app.model.safe_files import UnreadableFile, read_regular_file

__all__ = ["WORKSPACE_BUSY_SECONDS", "WorkspaceBusy", "open_elsewhere", "workspace_write_lock"]

WORKSPACE_BUSY_SECONDS = 60.0  # a big save takes seconds; a minute means something is stuck
_POLL = 0.05

# flock is per open file description: two holders in one process would block each
# other. Threads of this process share one flock per folder, counted, behind an RLock.
_guard = threading.Lock()
_held: dict[str, tuple[threading.RLock, list[int]]] = {}  # folder -> (rlock, [count, fd])


class WorkspaceBusy(OSError):
    """Another process kept the workspace's write lock for too long."""

    def __init__(self, path: Path, seconds: float):
        super().__init__(errno.EBUSY, f"another program has been writing {path.name} for {seconds:.0f} s; "
                                      "try again when it is done")


def _folder(path: str | os.PathLike) -> str:
    return os.path.dirname(os.path.realpath(path)) or "."


@contextmanager
def workspace_write_lock(path: str | os.PathLike, timeout: float = WORKSPACE_BUSY_SECONDS) -> Iterator[None]:
    """Hold the write lock of the workspace ``path`` (blocking up to ``timeout`` seconds).

    Re-entrant within a process. A folder that cannot be opened (no permission)
    gives no lock: the write that follows fails on its own with a clear error.

    Raises:
        WorkspaceBusy: another process held the lock for ``timeout`` seconds.
    """
    folder = _folder(path)
    with _guard:
        rlock, slot = _held.setdefault(folder, (threading.RLock(), [0, -1]))
    with rlock:
        if slot[0] == 0:
            slot[1] = _flock(folder, Path(path), timeout)
        slot[0] += 1
        try:
            yield
        finally:
            slot[0] -= 1
            if slot[0] == 0 and slot[1] >= 0:
                os.close(slot[1])  # closing the descriptor releases the flock
                slot[1] = -1


def _flock(folder: str, path: Path, timeout: float) -> int:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return -1
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise WorkspaceBusy(path, timeout) from None
            time.sleep(_POLL)
        except OSError:  # a file system without flock: go on unlocked, as before
            os.close(fd)
            return -1


def open_elsewhere(path: str | os.PathLike) -> str | None:
    """Who else has ``path`` open in a window (from its ``<workspace>.lock``), or None."""
    lock = Path(path).with_name(Path(path).name + ".lock")
    try:
        meta = json.loads(read_regular_file(lock, 64 * 1024).decode("utf-8"))
        pid, host = int(meta["pid"]), str(meta.get("host", ""))
    except (OSError, ValueError, KeyError, TypeError, UnreadableFile):
        return None
    if pid == os.getpid():
        return None
    if host == socket.gethostname():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None  # a stale lock: its window is gone
        except PermissionError:
            pass
    return f"process {pid} on {host or 'an unknown host'}"
