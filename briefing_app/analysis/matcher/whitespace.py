"""Whitespace squashing for the alias matcher: loose runs become one space, with a map back.

A multi-word alias matches across any whitespace run holding at most one
line break; the matcher scans a copy of the text where such runs are single
spaces and maps its offsets back with :meth:`_Squashed.to_original`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from briefing_app.analysis.matcher.utf8 import _EMPTY, _Utf8


# Whitespace as ``str.isspace`` sees it, and the line breaks among it as
# ``str.splitlines`` counts them ("\r\n" is one).
_ASCII_SPACE = np.array([chr(i).isspace() for i in range(256)], dtype=bool)
_ASCII_SPACE[128:] = False
_ASCII_BREAK = np.zeros(256, dtype=bool)
_ASCII_BREAK[[0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E]] = True
# Every non-ASCII code point ``str.isspace`` accepts (Unicode 15: none above U+3000), written out:
# scanning 12k characters for them took 2 ms of every start (a test checks the list).
_WIDE_SPACES = np.array([0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000],
                        dtype=np.int64)
_WIDE_BREAKS = np.array([0x85, 0x2028, 0x2029], dtype=np.int64)


def _is_in(codes: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``np.isin`` for a short sorted ``values``, by binary search: ``np.isin`` imports numpy.ma
    (20 ms) on first use, which fell on the window's first paint."""
    if not len(codes):
        return np.zeros(0, dtype=bool)
    at = np.minimum(np.searchsorted(values, codes), len(values) - 1)
    return values[at] == codes


class _Squashed(NamedTuple):
    """A text with its loose whitespace runs made single spaces, and the way back."""

    text: str
    utf8: _Utf8
    shift: np.ndarray  # removed character positions minus their rank: see ``to_original``

    def to_original(self, offsets: np.ndarray) -> np.ndarray:
        """Character offsets in the squashed text -> offsets in the original text."""
        return offsets + np.searchsorted(self.shift, offsets, side="right")


def _squash_whitespace(utf8: _Utf8) -> _Squashed | None:
    """Make every whitespace run holding at most one line break a single space.

    So that a multi-word alias matches across "South  Korea", "South\tKorea"
    or a line end ("South\nKorea"). A run with two or more line breaks (a
    paragraph break) is left alone and still separates words. Returns None
    when there is nothing to change, the usual case for text with single
    spaces and blank-line paragraphs, which then costs a few vectorised
    passes over the bytes and no copy.
    """
    data = utf8.data
    loose = _loose_whitespace(utf8)
    if not len(loose):
        return None
    # Cut the positions into runs; count each run's line breaks ("\r\n" is one).
    first = np.ones(len(loose), dtype=bool)
    first[1:] = np.diff(loose) != 1
    found = data[loose]
    weight = _ASCII_BREAK[found].astype(np.int64)
    after = np.minimum(loose + 1, len(data) - 1)
    weight[(found == 0x0D) & (data[after] == 0x0A) & (loose + 1 < len(data))] = 0
    wide = np.flatnonzero(found >= 0xC0)
    if len(wide):
        weight[wide] = _is_in(utf8.codes_at(loose[wide], ending=False), _WIDE_BREAKS)
    run = np.cumsum(first) - 1
    joinable = (np.bincount(run, weights=weight) <= 1)[run]
    heads = loose[joinable & first]
    removed = loose[joinable & ~first]
    if not len(removed) and bool(np.all(data[heads] == 0x20)):
        return None  # only paragraph breaks
    squashed = data.copy()
    squashed[heads] = 0x20
    keep = np.ones(len(data), dtype=bool)
    keep[removed] = False
    raw = squashed[keep].tobytes()
    # Removed characters: a removed lead or ASCII byte (continuation bytes are part of a kept head).
    gone = utf8.char_offsets(removed[(data[removed] & 0xC0) != 0x80])
    return _Squashed(raw.decode("utf-8", "surrogatepass"), _Utf8(raw), gone - np.arange(len(gone)))


def _loose_whitespace(utf8: _Utf8) -> np.ndarray:
    """Byte positions of the whitespace in runs other than a lone space, sorted."""
    data, raw = utf8.data, utf8.raw
    size = len(data)
    seeds = np.flatnonzero(data < 0x20)  # control characters are rare: tabs, line breaks
    seeds = seeds[_ASCII_SPACE[data[seeds]]]
    if len(utf8.leads):
        leads = utf8.leads[_is_in(utf8.codes, _WIDE_SPACES)]
        if len(leads):
            width = 2 + (data[leads] >= 0xE0)  # all of them are 2 or 3 bytes long
            seeds = np.concatenate((seeds, leads, leads + 1, (leads + 2)[width == 3]))
            seeds.sort()
    # Two spaces in a row, found through 16-bit words at both alignments.
    double = size > 1 and (
        bool((np.frombuffer(raw, dtype=np.uint16, count=size // 2) == 0x2020).any())
        or bool((np.frombuffer(raw, dtype=np.uint16, count=(size - 1) // 2, offset=1) == 0x2020).any())
    )
    if double:
        space = data == 0x20
        lone = space.copy()
        space[seeds] = True
        lone[1:] &= ~space[:-1]
        lone[:-1] &= ~space[1:]
        return np.flatnonzero(space & ~lone)
    if not len(seeds):
        return _EMPTY
    # No two spaces in a row: a seed's run reaches at most one space to either side.
    left = seeds[seeds > 0] - 1
    right = seeds[seeds < size - 1] + 1
    # Three sorted arrays: a stable sort merges them in linear time, then drop repeats.
    merged = np.sort(np.concatenate((seeds, left[data[left] == 0x20], right[data[right] == 0x20])), kind="stable")
    return merged[np.concatenate(([True], merged[1:] != merged[:-1]))]
