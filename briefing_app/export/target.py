"""Putting a finished PDF in place: complete, with the right mode, never half-written.

The PDF is painted into a hidden temp file beside the target
(``.<name>.<pid>.<random>.part``); these helpers check it is whole, give it
the mode a new file would get (or the mode of the file it replaces) and
flush it to disk before the caller renames it over the target.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["finish_file", "pdf_complete", "remove_stale_parts", "temp_prefix"]


def temp_prefix(out: Path) -> str:
    """Prefix of this process's temp file for ``out`` (the pid lets later runs clean up after a kill)."""
    return f".{out.name}.{os.getpid()}."


def pdf_complete(path: Path) -> bool:
    """Whether ``path`` ends like a whole PDF (``%%EOF`` after a cross-reference)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(5)
            fh.seek(max(0, size - 1024))
            tail = fh.read()
    except OSError:
        return False
    return head == b"%PDF-" and b"%%EOF" in tail and b"startxref" in tail


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def finish_file(tmp: Path, out: Path) -> None:
    """Give ``tmp`` the mode ``out`` has (or a new file's mode under the umask) and fsync it."""
    try:
        mode = stat.S_IMODE(out.stat().st_mode) if out.is_file() else 0o666 & ~_umask()
    except OSError:
        mode = 0o666 & ~_umask()
    os.chmod(tmp, mode)  # mkstemp made it 0600
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_parts(out: Path) -> None:
    """Delete temp files of exports to ``out`` whose process is gone (killed mid-export)."""
    try:
        candidates = list(out.parent.glob(f".{out.name}.*.part"))
    except OSError:
        return
    for part in candidates:
        pid = part.name[len(out.name) + 2:].split(".")[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            part.unlink(missing_ok=True)
        except (PermissionError, OverflowError):
            pass
