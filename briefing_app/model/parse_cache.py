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
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

MIN_BYTES = 256 * 1024  # small files parse faster than a cache round trip is worth
MAX_ENTRIES = 20


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefing-desk" / "parsed"


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    h = hashlib.sha256()
    for f in sorted(Path(__file__).parent.glob("*.py")):
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


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
