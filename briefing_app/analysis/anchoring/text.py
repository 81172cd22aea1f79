"""Text normalisation for re-anchoring, with a map back to original offsets.

Quotes and documents are compared in one folded form: NFKD without
accents, case-folded, typographic quotes and dashes folded, zero-width
characters dropped and whitespace runs collapsed. :class:`NormalizedText`
keeps, for each normalised character, the original span it came from, so
that a match found in normalised text can be reported in original offsets.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

_FOLD = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u00b4\u0060", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
}
_SPECIAL = re.compile(r"[^\x00-\x7f]+|[\t\n\r\x0b\x0c]+")
_SPACES = re.compile(r"  +")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_char_cache: dict[str, str] = {}


def _fold_char(c: str) -> str:
    """Fold one character: typography, compatibility forms, accents, case."""
    out = _char_cache.get(c)
    if out is None:
        if c in _FOLD:
            out = _FOLD[c]
        elif c.isspace():
            out = " "
        else:
            parts = []
            for d in unicodedata.normalize("NFKD", c):
                if unicodedata.category(d) == "Mn":
                    continue  # accents: "détente" and "detente" compare equal
                d = _FOLD.get(d, d)
                parts.append(" " if d.isspace() else d)
            out = "".join(parts).casefold()
        _char_cache[c] = out
    return out


def normalize(s: str) -> str:
    """The normalised form of a short string (same folding as documents)."""
    if s.isascii():
        out = s.lower()
        if "\t" in out or "\n" in out or "\r" in out or "\x0b" in out or "\x0c" in out:
            out = re.sub(r"[\t\n\r\x0b\x0c]", " ", out)
    else:
        out = "".join(_fold_char(c) for c in s)
    return _SPACES.sub(" ", out)


class NormalizedText:
    """A document's normalised text with a map back to original offsets.

    ``norm[i]`` comes from ``text[starts[i]:ends[i]]``.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        folds = {c: _fold_char(c) for c in set(_NON_ASCII.findall(text))}
        if all(len(f) == 1 for f in folds.values()):
            # Every character folds to one: offsets map 1:1, done on code points.
            cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()
            upper = (cps >= 65) & (cps <= 90)
            cps[upper] += 32
            for c, f in folds.items():
                cps[cps == ord(c)] = ord(f)
            st = np.arange(len(text), dtype=np.int64)
            en = st + 1
        else:
            norm, st, en = self._fold_general(text)
            cps = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).copy()
        cps[(cps >= 9) & (cps <= 13)] = 32
        # Collapse whitespace runs: keep a run's first space, spanning the run.
        space = cps == 32
        if space.size:
            follows_space = np.zeros_like(space)
            follows_space[1:] = space[:-1]
            keep = ~(space & follows_space)
            run_last = np.flatnonzero(space & ~np.append(space[1:], False))
            firsts = np.flatnonzero(space & ~follows_space)
            en = en.copy()
            en[firsts] = en[run_last]
            cps, st, en = cps[keep], st[keep], en[keep]
        self.norm = cps.tobytes().decode("utf-32-le")
        self.starts = st
        self.ends = en

    @staticmethod
    def _fold_general(text: str) -> tuple[str, np.ndarray, np.ndarray]:
        """Fold when some characters vanish or expand (ligatures, "ß", zero-width)."""
        pieces: list[str] = []
        starts: list[np.ndarray] = []
        ends: list[np.ndarray] = []
        pos = 0
        for m in _SPECIAL.finditer(text):
            s = m.start()
            if s > pos:  # plain ASCII: only case changes, offsets map 1:1
                pieces.append(text[pos:s].lower())
                rng = np.arange(pos, s, dtype=np.int64)
                starts.append(rng)
                ends.append(rng + 1)
            idx: list[int] = []
            for i in range(s, m.end()):
                f = _fold_char(text[i])
                pieces.append(f)
                idx.extend([i] * len(f))
            if idx:
                arr = np.asarray(idx, dtype=np.int64)
                starts.append(arr)
                ends.append(arr + 1)
            pos = m.end()
        if pos < len(text):
            pieces.append(text[pos:].lower())
            rng = np.arange(pos, len(text), dtype=np.int64)
            starts.append(rng)
            ends.append(rng + 1)
        st = np.concatenate(starts) if starts else np.zeros(0, dtype=np.int64)
        en = np.concatenate(ends) if ends else np.zeros(0, dtype=np.int64)
        return "".join(pieces), st, en

    def to_original(self, a: int, b: int) -> tuple[int, int]:
        """Original offsets of the normalised span ``[a, b)`` (b > a)."""
        return int(self.starts[a]), int(self.ends[b - 1])

    def to_normalized(self, start: int) -> int:
        """Normalised offset of the first character at or after ``start``."""
        return int(np.searchsorted(self.starts, start, side="left"))

