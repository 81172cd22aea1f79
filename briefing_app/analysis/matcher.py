"""Find entity mentions in a text: whole words, longest match, case rules per alias.

The scanning core is one Aho–Corasick automaton (ahocorasick_rs, Rust) over
a case-folded UTF-8 copy of the text, reporting every occurrence of every alias.
Case-sensitive aliases ("US", "ROK", "U.S.") share the folded key and are
verified against the original text, so a single pass serves both rules. Word
boundaries and the leftmost-longest choice are then decided with numpy over
all hits at once: Python-level work per hit is what made simpler versions
slow (a loop over the hits cost as much as the scan itself).

Semantics (docs/workspace-format.md, "Alias case rules"):

* ``auto`` compares exactly when the alias has no lower-case letter and
  ignoring case otherwise; ``exact`` and ``ignore`` force one or the other.
* A match must not touch a (non-CJK) letter, digit or underscore on either
  side, so "Japan's", "Japan’s", "Japan-South Korea" and "U.S.-Japan" give
  their parts while "Japanese" and "U.S.S.R." do not give "Japan" / "U.S.".
* An alias edge in Hangul, kanji or kana needs no boundary (Korean particles
  and Japanese text run words together); a CJK neighbour also counts as a
  boundary for a Latin alias ("G7サミット").
* Leftmost-longest: scanning left to right, the longest alias starting at the
  earliest position wins and overlapping shorter ones are dropped.
* When one surface form belongs to several entities the first entry wins (a
  case-sensitive alias beats a case-insensitive one on the same span); the
  others are listed in :attr:`AliasMatcher.ambiguous`.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple

import ahocorasick_rs
import numpy as np

if TYPE_CHECKING:  # pragma: no cover - typing only
    from briefing_app.model.types import Workspace

CASE_RULES = ("auto", "exact", "ignore")


class Mention(NamedTuple):
    """One entity mention: ``text[start:end]`` (Python str offsets, end exclusive)."""

    start: int
    end: int
    entity_id: str
    alias: str  # the alias as written in the gazetteer (not the text's casing)


def fold(text: str) -> str:
    """Case-fold ``text`` character by character, keeping its length.

    ``str.lower`` is used rather than ``casefold`` because it maps every
    character to exactly one character except "İ" (replaced by "i" first), so
    offsets in the folded copy are offsets in the original. Final sigma is
    folded to "σ" so the result does not depend on the neighbouring letters.
    """
    return text.replace("İ", "i").lower().replace("ς", "σ")


def _fold_utf8(raw: bytes) -> bytes:
    """``fold`` applied to UTF-8 ``raw``, without ``str.lower`` on the whole text.

    ``str.lower`` is 14x slower on a text holding any non-ASCII character
    (a single "’" is enough) than on pure ASCII. ``bytes.lower`` folds the
    ASCII letters and leaves multi-byte sequences alone, so only the distinct
    non-ASCII characters that fold differently are replaced afterwards.
    """
    folded = raw.lower()
    if raw.isascii():
        return folded
    for char in _distinct_non_ascii(raw):
        low = fold(char)
        if low != char:
            folded = folded.replace(char.encode("utf-8", "surrogatepass"), low.encode("utf-8", "surrogatepass"))
    return folded


def _distinct_non_ascii(raw: bytes) -> list[str]:
    """The distinct non-ASCII characters of UTF-8 ``raw``, found with numpy."""
    data = np.frombuffer(raw + b"\0\0\0", dtype=np.uint8)
    leads = np.flatnonzero(data >= 0xC0)
    b0 = data[leads].astype(np.uint32)
    size = 2 + (b0 >= 0xE0) + (b0 >= 0xF0)
    code = (b0 << 24) | (data[leads + 1].astype(np.uint32) << 16)
    code |= np.where(size >= 3, data[leads + 2], 0).astype(np.uint32) << 8
    code |= np.where(size == 4, data[leads + 3], 0).astype(np.uint32)
    # UTF-8 never holds a zero byte inside a multi-byte sequence: strip the padding.
    return [int(c).to_bytes(4, "big").rstrip(b"\0").decode("utf-8", "surrogatepass") for c in np.unique(code)]


def _char_offsets(utf8: bytes, *offsets: np.ndarray) -> np.ndarray | tuple[np.ndarray, ...]:
    """Character offsets of byte ``offsets`` (at character boundaries) into ``utf8``.

    One array in, one out; several in, a tuple out (the scan is shared).
    """
    continuation = np.flatnonzero((np.frombuffer(utf8, dtype=np.uint8) & 0xC0) == 0x80)
    out = tuple(o - np.searchsorted(continuation, o) for o in offsets)
    return out[0] if len(out) == 1 else out


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
    """``glues`` for every BMP code point, as a lookup table (built on first use, ~20 ms)."""
    global _BMP_GLUES
    if _BMP_GLUES is None:
        _BMP_GLUES = np.fromiter((glues(chr(i)) for i in range(0x10000)), dtype=bool, count=0x10000)
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
_GLUES_CACHE: dict[bytes, bool] = {}


def _glues_utf8(raw: bytes, positions: np.ndarray, ending: bool) -> np.ndarray:
    """``glues`` of the character of UTF-8 ``raw`` that ends (or starts) at each byte position.

    ASCII neighbours, nearly all of them, go through a lookup table; the few
    multi-byte ones are decoded one by one (with a cache).
    """
    data = np.frombuffer(raw, dtype=np.uint8)
    found = data[positions]
    out = _ASCII_GLUES[found]
    wide = np.flatnonzero(found >= 0x80)
    for i, p in zip(wide.tolist(), positions[wide].tolist()):
        if ending:  # walk back to the lead byte
            first = p
            while raw[first] & 0xC0 == 0x80:
                first -= 1
            seq = raw[first : p + 1]
        else:
            lead = raw[p]
            seq = raw[p : p + (2 if lead < 0xE0 else 3 if lead < 0xF0 else 4)]
        g = _GLUES_CACHE.get(seq)
        if g is None:
            g = _GLUES_CACHE[seq] = glues(seq.decode("utf-8", "surrogatepass"))
        out[i] = g
    return out


def _resolve_rule(alias: str, rule: str) -> bool:
    """True when ``alias`` is compared exactly under ``rule``."""
    if rule == "exact":
        return True
    if rule == "ignore":
        return False
    return not any(c.islower() for c in alias)


_new_tuple = tuple.__new__


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many acyclic tuples.

    A long text yields hundreds of thousands of hit and mention tuples; each
    allocation burst triggers collections that traverse all of them, which
    doubled the time of :meth:`AliasMatcher.find`. None of them can form a
    cycle, so nothing is lost by deferring collection to the end.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class AliasMatcher:
    """Finds the mentions of a gazetteer's aliases in texts.

    Args:
        entries: ``(alias text, entity id, case rule)`` triples, the rule being
            ``"auto"``, ``"exact"`` or ``"ignore"``. Order matters only when a
            surface form belongs to several entities: the first one wins.
            Aliases are stripped and NFC-normalised; blank ones are skipped.

    Raises:
        ValueError: an entry has an unknown case rule or is not a triple of
            strings.
    """

    def __init__(self, entries: Iterable[tuple[str, str, str]]) -> None:
        # folded key -> [insensitive (entity, alias) list, exact (alias, entity) list]
        groups: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {}
        for n, entry in enumerate(entries):
            try:
                alias, entity_id, rule = entry
            except (TypeError, ValueError):
                raise ValueError(f"alias entry {n}: expected (alias, entity id, case rule), got {entry!r}") from None
            if not isinstance(alias, str) or not isinstance(entity_id, str) or not isinstance(rule, str):
                raise ValueError(f"alias entry {n}: expected three strings, got {entry!r}")
            if rule not in CASE_RULES:
                raise ValueError(
                    f"alias {alias!r} of {entity_id!r}: unknown case rule {rule!r} (expected one of {', '.join(CASE_RULES)})"
                )
            alias = unicodedata.normalize("NFC", alias.strip())
            if not alias:
                continue
            insensitive, exact = groups.setdefault(fold(alias), ([], []))
            if _resolve_rule(alias, rule):
                if (alias, entity_id) not in exact:
                    exact.append((alias, entity_id))
            elif (entity_id, alias) not in insensitive:
                insensitive.append((entity_id, alias))

        self._size = len(groups)
        ambiguous: dict[str, list[str]] = {}
        # Per key (the automaton's pattern index): which edges need a word
        # boundary (none on a CJK edge), the case-insensitive reading (an
        # index into the variant table, -1 if none) and the exact spellings.
        keys = list(groups)
        self._need_left = np.array([not is_cjk(k[0]) for k in keys], dtype=bool)
        self._need_right = np.array([not is_cjk(k[-1]) for k in keys], dtype=bool)
        variants: list[tuple[str, str]] = []  # (entity id, alias)
        default = np.full(len(keys), -1, dtype=np.int64)
        self._exact: list[tuple[tuple[str, bytes, int], ...]] = []  # spelling, its UTF-8, variant
        for k, key in enumerate(keys):
            insensitive, exact = groups[key]
            if insensitive:
                default[k] = len(variants)
                variants.append(insensitive[0])
            spellings = []
            for alias, entity_id in exact:
                if alias not in (sp for sp, _, _ in spellings):  # first entity wins
                    spellings.append((alias, alias.encode("utf-8", "surrogatepass"), len(variants)))
                    variants.append((entity_id, alias))
            self._exact.append(tuple(spellings))
            self._note_ambiguity(ambiguous, insensitive, exact)
        self._default = default
        self._has_exact = np.array([bool(e) for e in self._exact], dtype=bool)
        self._variant_entity = np.array([v[0] for v in variants] + [""], dtype=object)
        self._variant_alias = np.array([v[1] for v in variants] + [""], dtype=object)
        # Bytes, not str: the str interface of ahocorasick_rs spends ~30% of the
        # scan converting offsets; we convert only the hits (see _char_offsets).
        self._automaton = (
            ahocorasick_rs.BytesAhoCorasick([k.encode("utf-8", "surrogatepass") for k in keys]) if keys else None
        )
        self.ambiguous: Mapping[str, tuple[str, ...]] = {k: tuple(v) for k, v in ambiguous.items()}
        """Alias (as in :attr:`Mention.alias`) -> every entity it may mean, the chosen one first."""

    @staticmethod
    def _note_ambiguity(
        ambiguous: dict[str, list[str]], insensitive: list[tuple[str, str]], exact: list[tuple[str, str]]
    ) -> None:
        """Record surface forms that several entities share within one folded key."""
        # Exact aliases with the same text: the first entity is chosen.
        by_text: dict[str, list[str]] = {}
        for alias, entity_id in exact:
            by_text.setdefault(alias, []).append(entity_id)
        chosen_ins = insensitive[0] if insensitive else None
        for alias, ids in by_text.items():
            others = list(ids)
            # An insensitive alias matching the same text loses to the exact one.
            if chosen_ins is not None and fold(alias) == fold(chosen_ins[1]):
                others += [e for e, _ in insensitive]
            _merge(ambiguous, alias, others)
        if chosen_ins is not None:
            _merge(ambiguous, chosen_ins[1], [e for e, _ in insensitive])

    @classmethod
    def from_workspace(cls, ws: Workspace) -> AliasMatcher:
        """A matcher over every entity's name and aliases (``Entity.surface_forms``).

        An unknown case rule counts as ``auto`` here: the validator reports it,
        and reading must still work.
        """
        entries = []
        for entity in ws.entities:
            for alias in entity.surface_forms():
                rule = alias.case if alias.case in CASE_RULES else "auto"
                entries.append((alias.text, entity.id, rule))
        return cls(entries)

    def __len__(self) -> int:
        """Number of distinct (case-folded) surface forms."""
        return self._size

    def find(self, text: str) -> list[Mention]:
        """The mentions in ``text``, sorted by position and non-overlapping.

        Raises:
            TypeError: ``text`` is not a str.
        """
        if not isinstance(text, str):
            raise TypeError(f"AliasMatcher.find expects str, got {type(text).__name__}")
        if self._automaton is None or not text:
            return []
        with _gc_paused():
            return self._find(text)

    def _find(self, text: str) -> list[Mention]:
        raw = text.encode("utf-8", "surrogatepass")
        haystack = _fold_utf8(raw)
        hits = self._automaton.find_matches_as_indexes(haystack, overlapping=True)
        if not hits:
            return []
        flat = np.fromiter(itertools.chain.from_iterable(hits), dtype=np.int64, count=3 * len(hits))
        key, start, stop = flat[0::3], flat[1::3], flat[2::3]
        # Work on byte offsets into ``raw`` and convert only the mentions kept,
        # unless folding changed some character's UTF-8 length (rare: "K"
        # KELVIN SIGN); then convert every hit and work on ``text``.
        in_bytes = len(haystack) == len(raw)
        if not in_bytes:
            start, stop = _char_offsets(haystack, start, stop)
        units: str | bytes = raw if in_bytes else text

        # Whole words: the characters just outside the match must not glue on.
        check_left = self._need_left[key] & (start > 0)
        check_right = self._need_right[key] & (stop < len(units))
        ok = np.ones(len(key), dtype=bool)
        if in_bytes:
            ok[check_left] = ~_glues_utf8(raw, start[check_left] - 1, ending=True)
            ok[check_right] &= ~_glues_utf8(raw, stop[check_right], ending=False)
        else:
            glued = _glues_at(text, np.concatenate((start[check_left] - 1, stop[check_right])))
            n_left = int(check_left.sum())
            ok[check_left] = ~glued[:n_left]
            ok[check_right] &= ~glued[n_left:]
        key, start, stop = key[ok], start[ok], stop[ok]

        # Case: a case-sensitive spelling that matches beats the insensitive reading.
        variant = self._default[key]
        cased = np.flatnonzero(self._has_exact[key])
        exact = self._exact
        which = 1 if in_bytes else 0
        for i, k, a, b in zip(cased.tolist(), key[cased].tolist(), start[cased].tolist(), stop[cased].tolist()):
            found = units[a:b]
            for spelling in exact[k]:
                if found == spelling[which]:
                    variant[i] = spelling[2]
                    break
        keep = variant >= 0
        start, stop, variant = start[keep], stop[keep], variant[keep]
        if not len(start):
            return []

        chosen = _leftmost_longest(start, stop)
        start, stop, variant = start[chosen], stop[chosen], variant[chosen]
        if in_bytes and len(raw) != len(text):
            start, stop = _char_offsets(raw, start, stop)
        return list(
            map(
                _new_tuple,
                itertools.repeat(Mention),
                zip(
                    start.tolist(),
                    stop.tolist(),
                    self._variant_entity[variant].tolist(),
                    self._variant_alias[variant].tolist(),
                ),
            )
        )


def _leftmost_longest(start: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """Indices of the spans a left-to-right, longest-first greedy pass keeps, in order.

    Spans are sorted by start, longest first, and cut into clusters of
    overlapping spans. The first span of a cluster is always kept; when the
    others all lie inside it (nested aliases: "Korea" in "South Korea") it is
    the only one, and only the rare chained overlaps need a Python loop.
    """
    order = np.lexsort((-stop, start))
    s, e = start[order], stop[order]
    reach = np.maximum.accumulate(e)
    leader = np.ones(len(s), dtype=bool)
    leader[1:] = s[1:] >= reach[:-1]
    heads = np.flatnonzero(leader)
    tails = np.append(heads[1:], len(s))  # exclusive
    keep = leader.copy()
    chained = np.flatnonzero(reach[tails - 1] > e[heads])
    for c in chained.tolist():
        h, t = int(heads[c]), int(tails[c])
        reached = int(e[h])
        for i in range(h + 1, t):
            if s[i] >= reached:
                keep[i] = True
                reached = int(e[i])
    return order[keep]

def _merge(ambiguous: dict[str, list[str]], alias: str, ids: list[str]) -> None:
    distinct = list(dict.fromkeys(ids))
    if len(distinct) > 1:
        merged = ambiguous.setdefault(alias, [])
        merged.extend(e for e in distinct if e not in merged)
