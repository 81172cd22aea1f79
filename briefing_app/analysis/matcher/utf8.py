"""UTF-8 view of a text for the alias matcher: case folding and byte-to-character offsets.

The matcher scans UTF-8 bytes (see :mod:`briefing_app.analysis.matcher`);
these helpers locate and decode the few multi-byte characters once, fold
the bytes the way :func:`fold` folds the str, and map byte offsets back to
Python str offsets.
"""

from __future__ import annotations

import numpy as np


def fold(text: str) -> str:
    """Case-fold ``text`` character by character, keeping its length.

    ``str.lower`` is used rather than ``casefold`` because it maps every
    character to exactly one character except "İ" (replaced by "i" first), so
    offsets in the folded copy are offsets in the original. Final sigma is
    folded to "σ" so the result does not depend on the neighbouring letters.
    """
    return text.replace("İ", "i").lower().replace("ς", "σ")


_EMPTY = np.zeros(0, dtype=np.int64)


class _Utf8:
    """A text's UTF-8 bytes with its multi-byte characters located and decoded once.

    Folding, word-boundary checks, whitespace runs and the final byte-to-
    character offsets all need to know where the non-ASCII characters are;
    finding them once with numpy keeps each of those steps proportional to
    the (few) non-ASCII characters rather than to the text.
    """

    __slots__ = ("raw", "data", "leads", "codes", "_extra")

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.data = np.frombuffer(raw, dtype=np.uint8)
        if raw.isascii():
            self.leads = self.codes = _EMPTY
            self._extra = _EMPTY
            return
        data = self.data
        last = len(raw) - 1
        leads = np.flatnonzero(data >= 0xC0)
        b0 = data[leads].astype(np.int64)
        b1 = data[np.minimum(leads + 1, last)].astype(np.int64) & 0x3F
        b2 = data[np.minimum(leads + 2, last)].astype(np.int64) & 0x3F
        b3 = data[np.minimum(leads + 3, last)].astype(np.int64) & 0x3F
        two, four = b0 < 0xE0, b0 >= 0xF0
        codes = np.where(
            two,
            ((b0 & 0x1F) << 6) | b1,
            np.where(four, ((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3, ((b0 & 0x0F) << 12) | (b1 << 6) | b2),
        )
        self.leads, self.codes = leads, codes
        # Continuation bytes before each lead: 1, 2 or 3 per earlier character.
        self._extra = np.concatenate(([0], np.cumsum(1 + ~two + four)))

    def distinct(self) -> list[str]:
        """The distinct non-ASCII characters."""
        # a set, not np.unique: that imports numpy.ma (17 ms) on first use, at the window's first paint
        return [chr(c) for c in sorted(set(self.codes.tolist()))]

    def char_offsets(self, offsets: np.ndarray) -> np.ndarray:
        """Character offsets of byte ``offsets`` (at character boundaries)."""
        if not len(self.leads):
            return offsets
        return offsets - self._extra[np.searchsorted(self.leads, offsets)]

    def codes_at(self, positions: np.ndarray, ending: bool) -> np.ndarray:
        """Code points of the non-ASCII characters starting (or ending) at byte ``positions``."""
        side = "right" if ending else "left"
        index = np.searchsorted(self.leads, positions, side=side) - (1 if ending else 0)
        return self.codes[index]


def _fold_utf8(utf8: _Utf8) -> bytes:
    """``fold`` applied to the UTF-8 bytes, without ``str.lower`` on the whole text.

    ``str.lower`` is 14x slower on a text holding any non-ASCII character
    (a single "’" is enough) than on pure ASCII. ``bytes.lower`` folds the
    ASCII letters and leaves multi-byte sequences alone, so only the distinct
    non-ASCII characters that fold differently are replaced afterwards.
    """
    folded = utf8.raw.lower()
    for char in utf8.distinct():
        low = fold(char)
        if low != char:
            folded = folded.replace(char.encode("utf-8", "surrogatepass"), low.encode("utf-8", "surrogatepass"))
    return folded


def _char_offsets(utf8: bytes, *offsets: np.ndarray) -> np.ndarray | tuple[np.ndarray, ...]:
    """Character offsets of byte ``offsets`` (at character boundaries) into ``utf8``.

    One array in, one out; several in, a tuple out (the scan is shared).
    """
    continuation = np.flatnonzero((np.frombuffer(utf8, dtype=np.uint8) & 0xC0) == 0x80)
    out = tuple(o - np.searchsorted(continuation, o) for o in offsets)
    return out[0] if len(out) == 1 else out
