"""Comparing workspace models (not their text): what a round trip must keep."""

from __future__ import annotations

import math
from typing import Any

SECTIONS = ("entities", "relations", "events", "documents", "annotations")


def same(a: Any, b: Any) -> bool:
    """Deep model equality where NaN equals NaN and keys keep their type (1 and '1' differ)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    numbers = (int, float)
    if type(a) is not type(b) and not (isinstance(a, numbers) and isinstance(b, numbers)):
        return False
    if isinstance(a, dict):
        typed = lambda d: {(type(k).__name__, k) for k in d}  # noqa: E731
        return typed(a) == typed(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if hasattr(a, "__dataclass_fields__"):
        return all(same(getattr(a, f), getattr(b, f)) for f in a.__dataclass_fields__)
    return a == b


def by_id(ws: Any) -> Any:
    """The workspace with every section in id order (the canonical writer sorts them)."""
    return ws.with_(**{s: tuple(sorted(getattr(ws, s), key=lambda x: x.id)) for s in SECTIONS})


def same_model(a: Any, b: Any) -> bool:
    return same(by_id(a), by_id(b))
