"""A cache of parsed workspaces, keyed by the file's bytes.

YAML parsing is the slow part of opening a big workspace (a 12 MB file takes
~13 s with the C loader); unpickling the parsed snapshot takes well under a
second. The key is the sha256 of the file's bytes plus a fingerprint of the
model code, so an edited file or a new program version never reads a stale
entry. Entries live in the user's cache folder, which only the user can write.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import importlib.util
import marshal
import os
import pickle
import pkgutil
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from briefing_app import __version__, resources

MIN_BYTES = 256 * 1024  # small files parse faster than a cache round trip is worth
MAX_ENTRIES = 20


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
    return f"{hashlib.sha256(raw).hexdigest()}-{_code_fingerprint()}"


def has(key: str) -> bool:
    return (cache_dir() / f"{key}.pickle").is_file()


def load(key: str) -> Any | None:
    path = cache_dir() / f"{key}.pickle"
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        # Unpickling builds ~10^5 objects; the cyclic GC would rescan them
        # again and again (no cycles here), tripling the time.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return pickle.loads(data)
        finally:
            if enabled:
                gc.enable()
    except FileNotFoundError:
        return None
    except Exception:  # a damaged entry is just a miss  # noqa: BLE001
        path.unlink(missing_ok=True)
        return None


def store(key: str, value: Any) -> None:
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{key}.pickle")
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-MAX_ENTRIES]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written only costs time
