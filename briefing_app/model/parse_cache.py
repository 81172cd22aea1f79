"""A cache of parsed workspaces, keyed by the file's bytes.

YAML parsing is the slow part of opening a big workspace (a 12 MB file takes
~13 s with the C loader); unpickling the parsed snapshot takes well under a
second. The key is the sha256 of the file's bytes plus a fingerprint of the
model code, so an edited file or a new program version never reads a stale
entry. Entries live in the user's cache folder, which only the user can write.

Writing an entry (pickling ~10^5 objects: about a second for an 8 MB file)
holds the interpreter lock, so a thread would not take it off the reader's
path. Where the platform forks, a child process writes it (to a temp file,
renamed into place, so a reader never sees half an entry) while the parent
goes on; :func:`load` of that key waits for the child, and the process waits
for its children before it exits (a ``validate`` child that leaves the cache
for the window has written it when it ends).
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import importlib
import importlib.util
import marshal
import os
import pickle
import pkgutil
import signal
import sys
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from briefing_app import __version__, resources
from briefing_app.model.gc_pause import gc_paused

# Below this a parse costs less than the cache's file round trip. Above it the cache pays even for
# a small file: a hit needs no YAML parser at all (PyYAML and rapidyaml: ~15 ms of imports), which
# is most of what the window's start spends on reading the bundled example (83 KB) again.
MIN_BYTES = 32 * 1024
FORK_BYTES = 256 * 1024  # smaller entries pickle in about a millisecond: written in-process, no child
MAX_ENTRIES = 20
WRITE_SECONDS = 120  # a child still writing after this is stopped (its temp file removed); a reader gives up on it
# macOS system frameworks (which Qt loads) are not safe to use after fork: write in-process there.
_CAN_FORK = hasattr(os, "fork") and sys.platform != "darwin"
_pending: dict[str, list[threading.Thread]] = {}  # key -> threads reaping the children writing it
_pending_lock = threading.Lock()
_atexit_registered = False


def cache_dir() -> Path:
    """``~/.cache/<app id>/parsed`` (see :func:`briefing_app.resources.cache_dir`)."""
    return resources.cache_dir("parsed")


def code_fingerprint(package: str) -> str:
    """A hash of the code of every module of ``package``, however it was installed.

    Asks each module's loader, not the file system: from source files it hashes
    the source; where there is none (a PyInstaller bundle keeps compiled code in
    its archive, a sourceless install only ``.pyc``) it hashes the marshalled
    code object. Globbing for ``*.py`` found nothing in a bundle, so every
    version of it shared one key and an upgrade could read stale pickles.
    """
    pkg = importlib.import_module(package)
    h = hashlib.sha256(f"{__version__}|{sys.version_info[:2]}".encode())
    for info in sorted(pkgutil.iter_modules(pkg.__path__, package + "."), key=lambda m: m.name):
        spec = importlib.util.find_spec(info.name)
        loader = spec.loader if spec else None
        if loader is None:
            continue
        h.update(info.name.encode())
        source = loader.get_source(info.name) if hasattr(loader, "get_source") else None
        if source is not None:
            h.update(source.encode("utf-8"))
        elif hasattr(loader, "get_code") and (code := loader.get_code(info.name)) is not None:
            h.update(marshal.dumps(code))
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    return code_fingerprint(__package__)


def key_for(raw: bytes) -> str:
    return key_for_digest(hashlib.sha256(raw).hexdigest())


def key_for_digest(sha256_hex: str) -> str:
    """The key of a file whose sha256 the caller has already computed (hashing 8 MB costs ~10 ms)."""
    return f"{sha256_hex}-{_code_fingerprint()}"


def has(key: str) -> bool:
    """Whether an entry exists, or is being written by a child of this process."""
    with _pending_lock:
        if _pending.get(key):
            return True
    return (cache_dir() / f"{key}.pickle").is_file()


def load(key: str) -> Any | None:
    wait_for_pending_writes(key, WRITE_SECONDS)
    path = cache_dir() / f"{key}.pickle"
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        try:
            os.utime(path)  # used: pruning drops the least recently used entries, not this one
        except OSError:
            pass
        # Unpickling builds ~10^6 objects; the cyclic GC would rescan them
        # again and again (no cycles here), tripling the time.
        with gc_paused():
            return pickle.loads(data)
    except OSError:  # no entry, or no cache folder to be had (a file in its place): a miss
        return None
    except Exception:  # a damaged entry is just a miss  # noqa: BLE001
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
        return None


def store(key: str, value: Any, wait: bool = False) -> None:
    """Cache ``value`` under ``key``; returns at once where a child process can write it.

    Args:
        wait: write in this process and return when the entry is in place.
    """
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    except OSError:
        return  # a cache that cannot be written only costs time
    target = folder / f"{key}.pickle"
    if not wait and _CAN_FORK:
        try:
            _register_atexit()
            pid = os.fork()
        except OSError:
            pid = -1  # no child: write here
        if pid == 0:  # the child: write, and leave without running the parent's exit handlers
            code = 1
            try:
                gc.disable()  # a collection would touch every object: pages copied for nothing
                signal.signal(signal.SIGALRM, signal.SIG_DFL)
                signal.alarm(WRITE_SECONDS)  # never linger (a lock held by a parent thread at the fork)
                _write(fd, tmp, target, value)
                code = 0
            except BaseException:  # noqa: BLE001 - the parent only sees the exit code
                pass
            finally:
                os._exit(code)
        if pid > 0:
            os.close(fd)
            reaper = threading.Thread(target=_reap, args=(key, pid, tmp), name="parse-cache-write", daemon=True)
            with _pending_lock:  # listed before it starts, so that it is always found to wait for
                _pending.setdefault(key, []).append(reaper)
            try:
                reaper.start()
            except RuntimeError:  # no thread to be had: wait for the child here
                with _pending_lock:
                    _pending[key].remove(reaper)
                    if not _pending[key]:
                        del _pending[key]
                _reap(key, pid, tmp)
            return
    try:
        _write(fd, tmp, target, value)
    except OSError:
        pass  # a cache that cannot be written only costs time


def _write(fd: int, tmp: str, target: Path, value: Any) -> None:
    """Pickle to the temp file, rename it into place (atomic: a reader sees all or nothing), prune old entries."""
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    entries = sorted(target.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
    for old in entries[:-MAX_ENTRIES]:
        old.unlink(missing_ok=True)


def _reap(key: str, pid: int, tmp: str) -> None:
    """Wait for a writing child; whatever became of it, its temp file is gone afterwards."""
    try:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:  # already reaped elsewhere: it has ended all the same
            pass
        Path(tmp).unlink(missing_ok=True)  # left only by a child that failed or was stopped
    finally:
        with _pending_lock:
            threads = _pending.get(key, [])
            if threading.current_thread() in threads:
                threads.remove(threading.current_thread())
            if not threads:
                _pending.pop(key, None)


def wait_for_pending_writes(key: str | None = None, timeout: float | None = None) -> None:
    """Return when the children writing ``key`` (or every key) have ended, or after ``timeout`` seconds."""
    with _pending_lock:
        threads = [t for k, ts in _pending.items() if key is None or k == key for t in ts]
    for t in threads:
        t.join(timeout)


def _register_atexit() -> None:
    global _atexit_registered
    if not _atexit_registered:
        atexit.register(wait_for_pending_writes, None, WRITE_SECONDS)
        _atexit_registered = True
