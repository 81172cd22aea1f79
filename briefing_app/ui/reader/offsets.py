"""Conversion between Python ``str`` offsets and Qt document positions.

Offsets in the reader's API are Python ``str`` indices; Qt counts UTF-16
code units, so the two differ after each character outside the BMP (emoji,
rare CJK).
"""

from __future__ import annotations

from bisect import bisect_left


class TextOffsets:
    """Converts between Python str offsets and Qt (UTF-16) document positions."""

    def __init__(self, text: str) -> None:
        raw = text.encode("utf-16-le", "surrogatepass")
        if len(raw) == 2 * len(text):
            self._astral: list[int] = []  # the common case: both count the same
        else:
            self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._astral_qt = [p + i for i, p in enumerate(self._astral)]

    def to_qt(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset) if self._astral else offset

    def to_py(self, position: int) -> int:
        # Inside a surrogate pair rounds down to the character's start.
        return position - bisect_left(self._astral_qt, position) if self._astral else position
