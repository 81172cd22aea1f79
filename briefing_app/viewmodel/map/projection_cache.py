"""The projected world map, kept on disk between runs.

Projecting and splitting the 177 country outlines takes ~0.1 s, a tenth of a
start-up; the result depends only on the map file, the central meridian and
the projection code, so it is pickled under the user's cache folder keyed by
all three and read back in a few milliseconds.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from briefing_app.model.parse_cache import code_fingerprint
from briefing_app.resources import cache_dir

T = TypeVar("T")


def _key(path: str, lon0: float) -> str:
    h = hashlib.sha256()
    h.update(Path(path).read_bytes())
    h.update(code_fingerprint("briefing_app.viewmodel.map").encode())  # works in a bundle too (no .py files)
    h.update(repr(lon0).encode())
    return h.hexdigest()[:32]


def cached_projection(path: str, lon0: float, project: Callable[[], T]) -> T:
    """``project()``'s result for this map file and meridian, from disk when it was made before."""
    try:
        entry = cache_dir("map") / f"{_key(path, lon0)}.pickle"
    except OSError:
        return project()
    try:
        with open(entry, "rb") as fh:
            return pickle.load(fh)
    except OSError:  # no entry, or no cache folder to be had (a file in its place): made again
        pass
    except Exception:  # a damaged entry is made again  # noqa: BLE001
        try:
            entry.unlink(missing_ok=True)
        except OSError:
            pass
    value = project()
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except OSError:
        pass  # a cache that cannot be written only costs time
    return value
