"""Reading files that may be hostile: FIFOs, devices, odd paths, huge sizes.

A plain ``Path.read_bytes()`` blocks forever on a FIFO, reads a device
without end and raises ``ValueError`` on a NUL in the name. Every reader of
user-named files (workspace, documents, imports) goes through
:func:`read_regular_file`, which opens without blocking, checks that the
thing opened is a regular file, and turns every failure into one message.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["UnreadableFile", "path_problem", "read_regular_file"]

MAX_NAME_BYTES = 255  # one path component on Linux file systems


class UnreadableFile(Exception):
    """A file that cannot be read; the message says why (without the path)."""


def path_problem(path: str | os.PathLike) -> str | None:
    """Why ``path`` cannot name a file at all (NUL character, over-long part), or None."""
    text = os.fspath(path)
    if "\0" in text:
        return "the path contains a NUL character"
    for part in text.replace("\\", "/").split("/"):
        if len(part.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
            return f"a part of the path is longer than {MAX_NAME_BYTES} bytes"
    return None


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_regular_file(path: str | os.PathLike, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file, never blocking on FIFOs or devices.

    Raises:
        UnreadableFile: missing, not a regular file, too large, bad path, or an OS error.
    """
    problem = path_problem(path)
    if problem:
        raise UnreadableFile(problem)
    try:
        # O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise UnreadableFile("file not found") from None
    except IsADirectoryError:
        raise UnreadableFile("is a folder, not a file") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableFile(f"is {_kind(st.st_mode)}, not a regular file; give a file")
        if max_bytes is not None and st.st_size > max_bytes:
            raise UnreadableFile(f"is {st.st_size // 2**20} MB; the limit is {max_bytes // 2**20} MB")
        os.set_blocking(fd, True)
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def is_regular_file(path: Path) -> bool:
    """Whether ``path`` is a regular file (False for odd paths, FIFOs, devices, folders)."""
    if path_problem(path):
        return False
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False
