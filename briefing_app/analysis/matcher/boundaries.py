"""Word-boundary rules for the alias matcher: which neighbours glue to a word, and CJK.

A match must not touch a (non-CJK) letter, digit or underscore; Hangul,
kana and CJK ideographs need no boundary. The checks come scalar (for
building the matcher) and vectorised over str or UTF-8 positions (for hits).
"""

from __future__ import annotations

import numpy as np

from briefing_app.analysis.matcher.utf8 import _Utf8


# Code point ranges of scripts written without spaces between words:
# Hangul (jamo, compatibility jamo, syllables), kana, CJK ideographs.
_CJK_RANGES = (
    (0x1100, 0x11FF),
    (0x2E80, 0x2FDF),
    (0x3005, 0x3007),
    (0x3021, 0x3029),
    (0x3040, 0x30FF),
    (0x3130, 0x318F),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFFDC),
    (0x20000, 0x3FFFF),
)


def is_cjk(char: str) -> bool:
    """Whether ``char`` is Hangul, kana or a CJK ideograph."""
    o = ord(char)
    return any(lo <= o <= hi for lo, hi in _CJK_RANGES)


def glues(char: str) -> bool:
    """Whether ``char`` would extend an adjacent word: a non-CJK letter, digit or ``_``."""
    return (char.isalnum() or char == "_") and not is_cjk(char)


_BMP_GLUES: np.ndarray | None = None


def _bmp_glues() -> np.ndarray:
    """``glues`` for every BMP code point, as a lookup table (built on first use, ~10 ms)."""
    global _BMP_GLUES
    if _BMP_GLUES is None:
        table = np.fromiter(map(str.isalnum, map(chr, range(0x10000))), dtype=bool, count=0x10000)
        table[ord("_")] = True
        for lo, hi in _CJK_RANGES:
            table[lo : hi + 1] = False  # slices past the BMP are clipped
        _BMP_GLUES = table
    return _BMP_GLUES


def _glues_at(text: str, positions: np.ndarray) -> np.ndarray:
    """``glues(text[p])`` for each position, vectorised."""
    raw = text.encode("utf-16-le", "surrogatepass")
    if len(raw) == 2 * len(text):  # no astral characters: one code unit per character
        codes = np.frombuffer(raw, dtype=np.uint16)[positions]
        return _bmp_glues()[codes]
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)[positions]
    out = np.zeros(len(codes), dtype=bool)
    bmp = codes < 0x10000
    out[bmp] = _bmp_glues()[codes[bmp]]
    for i in np.flatnonzero(~bmp).tolist():
        out[i] = glues(chr(int(codes[i])))
    return out


_ASCII_GLUES = np.array([glues(chr(i)) for i in range(128)] + [False] * 128, dtype=bool)


def _glues_utf8(utf8: _Utf8, positions: np.ndarray, ending: bool) -> np.ndarray:
    """``glues`` of the character that ends (or starts) at each byte position of the UTF-8 text.

    ASCII neighbours, nearly all of them, go through a lookup table; the
    others through the code points decoded once for the whole text.
    """
    found = utf8.data[positions]
    out = _ASCII_GLUES[found]
    wide = np.flatnonzero(found >= 0x80)
    if len(wide):
        out[wide] = _glues_codes(utf8.codes_at(positions[wide], ending))
    return out


_FEW_CODES = 2048  # fewer non-ASCII neighbours than this are looked up one by one, not in the table


def _glues_codes(codes: np.ndarray) -> np.ndarray:
    """``glues`` for each code point, vectorised below U+10000.

    A text with a few non-ASCII neighbours (curly quotes, dashes: most English news) is
    answered character by character; building the 64k-entry table costs ~3 ms, which fell on
    the window's start.
    """
    if _BMP_GLUES is None and len(codes) <= _FEW_CODES:
        listed = codes.tolist()
        answer = {c: glues(chr(c)) for c in set(listed)}
        return np.fromiter(map(answer.__getitem__, listed), dtype=bool, count=len(listed))
    out = np.zeros(len(codes), dtype=bool)
    bmp = codes < 0x10000
    out[bmp] = _bmp_glues()[codes[bmp]]
    for i in np.flatnonzero(~bmp).tolist():
        out[i] = glues(chr(int(codes[i])))
    return out


def _may_start_inside(key: str) -> bool:
    """Whether another alias could start, on a word boundary, strictly inside a match of ``key``.

    Only after a character that does not glue (space, hyphen, dot, CJK) or
    at a CJK character (which needs no boundary); a plain word has no such place.
    """
    if len(key) < 2:
        return False
    if key.isascii():  # the common case, without a call per character
        return not key[:-1].replace("_", "a").isalnum()
    return any(not glues(key[i - 1]) or is_cjk(key[i]) for i in range(1, len(key)))
