"""How a workspace was last looked at: time cursor, map zoom, filters, timeline range.

Kept in QSettings (the application's settings, not the workspace file: how
one analyst looks at a briefing is not part of the briefing), one group per
workspace keyed by a hash of its absolute path. Values are plain strings,
numbers and lists, so a bad or old entry is ignored, never fatal.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings

GROUP = "view-state"


def workspace_group(path: Path | None) -> str | None:
    """The settings group of a workspace (None for one never saved: nothing to key it by)."""
    if path is None:
        return None
    digest = hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"{GROUP}/{digest}"


def load(path: Path | None, panel: str) -> dict:
    """What ``panel`` saved for the workspace at ``path`` ({} when nothing, or unreadable)."""
    group = workspace_group(path)
    if group is None:
        return {}
    s = QSettings()
    s.beginGroup(f"{group}/{panel}")
    try:
        return {k: s.value(k) for k in s.childKeys()}
    finally:
        s.endGroup()


def save(path: Path | None, panel: str, values: dict) -> None:
    """Remember ``values`` of ``panel`` for the workspace at ``path`` (no-op for an unsaved one)."""
    group = workspace_group(path)
    if group is None:
        return
    s = QSettings()
    s.beginGroup(f"{group}/{panel}")
    try:
        s.remove("")
        for k, v in values.items():
            s.setValue(k, v)
    finally:
        s.endGroup()


def as_str_list(value) -> list[str] | None:
    """A QSettings list back as a list of strings (QSettings gives a str for one item, None for none)."""
    if value is None:
        return None
    if isinstance(value, str):
        return [value] if value else []
    try:
        return [str(v) for v in value]
    except TypeError:
        return None


def as_float(value, default: float | None = None) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default
