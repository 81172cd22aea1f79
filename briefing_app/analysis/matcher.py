"""Find entity mentions in a text: whole words, longest match, case rules per alias.

The scanning core is an Aho–Corasick automaton (ahocorasick_rs, Rust) over
a case-folded UTF-8 copy of the text, reporting the leftmost-longest alias
occurrences; each reported hit costs a Python tuple, so the few occurrences
that scan hides behind a rejected hit are recovered around it (shorter
aliases at the same place from a prefix table; a rescan of every occurrence
only where another alias could start inside it, as in "South Koreans").
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
* The words of a multi-word alias match across any whitespace run holding
  at most one line break ("South  Korea", "South\nKorea", a no-break
  space); a blank line (paragraph break) still separates them. Such runs are
  squashed to one space in a copy of the text, with a map back to the
  original offsets, only when the text has any.
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
        return [chr(c) for c in np.unique(self.codes).tolist()]

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


# Whitespace as ``str.isspace`` sees it, and the line breaks among it as
# ``str.splitlines`` counts them ("\r\n" is one).
_ASCII_SPACE = np.array([chr(i).isspace() for i in range(256)], dtype=bool)
_ASCII_SPACE[128:] = False
_ASCII_BREAK = np.zeros(256, dtype=bool)
_ASCII_BREAK[[0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E]] = True
_WIDE_SPACES = np.array([c for c in range(0x80, 0x3001) if chr(c).isspace()], dtype=np.int64)
_WIDE_BREAKS = np.array([0x85, 0x2028, 0x2029], dtype=np.int64)


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
        weight[wide] = np.isin(utf8.codes_at(loose[wide], ending=False), _WIDE_BREAKS)
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
        leads = utf8.leads[np.isin(utf8.codes, _WIDE_SPACES)]
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


def _glues_codes(codes: np.ndarray) -> np.ndarray:
    """``glues`` for each code point, vectorised below U+10000."""
    out = np.zeros(len(codes), dtype=bool)
    bmp = codes < 0x10000
    out[bmp] = _bmp_glues()[codes[bmp]]
    for i in np.flatnonzero(~bmp).tolist():
        out[i] = glues(chr(int(codes[i])))
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
            # One space between words: the text's whitespace runs are matched as one (see find).
            alias = " ".join(unicodedata.normalize("NFC", alias).split())
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
        encoded = [k.encode("utf-8", "surrogatepass") for k in keys]
        self._automaton = ahocorasick_rs.BytesAhoCorasick(encoded) if keys else None  # every occurrence
        # The usual scan: leftmost-longest, far fewer hits (each costs a Python
        # tuple); the occurrences it skips are recovered around rejected hits.
        self._leftmost = (
            ahocorasick_rs.BytesAhoCorasick(encoded, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest) if keys else None
        )
        self._key_bytes = np.array([len(k) for k in encoded], dtype=np.int64)
        self._max_bytes = int(self._key_bytes.max()) if keys else 0
        self._nul_free = all(b"\0" not in k for k in encoded)  # NUL can separate stretches in one scan
        self._prefix_ptr, self._prefix_key = _prefix_table(keys)
        self._inner = np.array([_may_start_inside(k) for k in keys], dtype=bool)
        self._multiword = any(" " in k for k in keys)
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

        Words of a multi-word alias match across any whitespace run holding at
        most one line break ("South  Korea", "South\nKorea"); offsets are
        always into ``text`` itself.

        Raises:
            TypeError: ``text`` is not a str.
        """
        if not isinstance(text, str):
            raise TypeError(f"AliasMatcher.find expects str, got {type(text).__name__}")
        if self._automaton is None or not text:
            return []
        with _gc_paused():
            start, stop, variant = self._spans(text)
            # The only per-mention Python objects: built straight from the columns.
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

    def _spans(self, text: str, utf8: _Utf8 | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Mention columns (start, stop as character offsets; variant index) for ``text``."""
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates
            raw = text.encode("utf-8", "surrogatepass")
        if utf8 is None:
            utf8 = _Utf8(raw)
            squashed = _squash_whitespace(utf8) if self._multiword else None
            if squashed is not None:
                start, stop, variant = self._spans(squashed.text, squashed.utf8)
                # A match starts and ends on a non-space character, kept in place.
                return squashed.to_original(start), squashed.to_original(stop - 1) + 1, variant
        haystack = _fold_utf8(utf8)
        if len(haystack) != len(utf8.raw):
            # Folding changed some character's UTF-8 length (rare: "K" KELVIN
            # SIGN): every occurrence, in character offsets, checked on ``text``.
            return self._spans_by_characters(text, haystack)
        hits = self._leftmost.find_matches_as_indexes(haystack)
        if not hits:
            return _EMPTY, _EMPTY, _EMPTY
        key, start, stop = _columns(hits)
        del hits
        variant = self._accept(utf8, key, start, stop)
        rejected = np.flatnonzero(variant < 0)
        if len(rejected):
            key, start, stop, variant = self._recover(utf8, haystack, key, start, stop, variant, rejected)
        keep = variant >= 0
        start, stop, variant = start[keep], stop[keep], variant[keep]
        if not len(start):
            return _EMPTY, _EMPTY, _EMPTY
        return utf8.char_offsets(start), utf8.char_offsets(stop), variant

    def _accept(self, utf8: _Utf8, key: np.ndarray, start: np.ndarray, stop: np.ndarray) -> np.ndarray:
        """The variant each hit (byte offsets) reads as, or -1: no word boundary or no case match."""
        left = np.flatnonzero(self._need_left[key] & (start > 0))
        right = np.flatnonzero(self._need_right[key] & (stop < len(utf8.raw)))
        ok = np.ones(len(key), dtype=bool)
        ok[left] = ~_glues_utf8(utf8, start[left] - 1, ending=True)
        ok[right] &= ~_glues_utf8(utf8, stop[right], ending=False)
        variant = np.where(ok, self._default[key], -1)
        # Case: a case-sensitive spelling that matches beats the insensitive reading.
        cased = np.flatnonzero(ok & self._has_exact[key])
        raw, exact = utf8.raw, self._exact
        for i, k, a, b in zip(cased.tolist(), key[cased].tolist(), start[cased].tolist(), stop[cased].tolist()):
            found = raw[a:b]
            for spelling in exact[k]:
                if found == spelling[1]:
                    variant[i] = spelling[2]
                    break
        return variant

    def _recover(
        self,
        utf8: _Utf8,
        haystack: bytes,
        key: np.ndarray,
        start: np.ndarray,
        stop: np.ndarray,
        variant: np.ndarray,
        rejected: np.ndarray,
    ) -> Columns:
        """Add back what a rejected leftmost-longest hit hid, and resolve leftmost-longest again.

        The scan moved past a rejected hit, so the occurrences starting inside
        it were never reported. Those starting where it starts are its
        prefixes among the keys (a table lookup). Others can start inside it
        only after a space, punctuation or CJK in it (rare: "South Koreans");
        there the text is scanned again with every occurrence, from the
        rejected hit to the next accepted one (further while a match found
        there runs past that one), and that stretch is resolved on its own.
        """
        columns = [(key, start, stop, variant)]
        r_key, r_start = key[rejected], start[rejected]
        pointers = self._prefix_ptr
        shorter = _ranges(pointers[r_key], pointers[r_key + 1])
        if len(shorter):
            c_key = self._prefix_key[shorter]
            c_start = np.repeat(r_start, pointers[r_key + 1] - pointers[r_key])
            c_stop = c_start + self._key_bytes[c_key]
            columns.append((c_key, c_start, c_stop, self._accept(utf8, c_key, c_start, c_stop)))
        inner = rejected[self._inner[r_key]]
        if not len(inner):
            # The usual case: nothing reaches past a rejected hit, so the longest
            # accepted prefix at each rejected position joins the accepted hits.
            return _merge_sorted(columns[0], _longest_per_start(*columns[1]) if len(columns) > 1 else None)
        cut_from, cut_to, found = self._rescan_stretches(utf8, haystack, start, stop, variant, inner)
        columns.append(found)
        key, start, stop, variant = (np.concatenate(c) for c in zip(*columns))
        if len(inner):  # the rescanned stretches replace whatever else starts in them
            where = np.searchsorted(cut_from, start, side="right") - 1
            outside = (where < 0) | (start >= cut_to[np.maximum(where, 0)])
            outside[len(start) - len(found[0]) :] = True
            key, start, stop, variant = key[outside], start[outside], stop[outside], variant[outside]
        good = np.flatnonzero(variant >= 0)
        chosen = good[_leftmost_longest(start[good], stop[good])]
        return key[chosen], start[chosen], stop[chosen], variant[chosen]

    def _rescan_stretches(
        self,
        utf8: _Utf8,
        haystack: bytes,
        start: np.ndarray,
        stop: np.ndarray,
        variant: np.ndarray,
        inner: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, Columns]:
        """Every occurrence in the stretches after the given rejected hits, resolved per stretch.

        A stretch runs from a rejected hit to the next accepted one. All
        stretches are scanned at once, joined by a NUL byte (in no alias);
        the rare stretch where a chosen match runs past its end is redone on
        its own, longer. Returns the stretches' starts and ends (sorted,
        disjoint) and the mentions chosen in them.
        """
        accepted = start[variant >= 0]
        size = len(haystack)
        s_arr = start[inner]
        n = np.searchsorted(accepted, stop[inner])
        t_arr = np.where(n < len(accepted), accepted[np.minimum(n, max(len(accepted) - 1, 0))], size) if len(accepted) else np.full(len(n), size)
        first = np.ones(len(t_arr), dtype=bool)
        first[1:] = t_arr[1:] != t_arr[:-1]  # rejected hits up to the same accepted one: one stretch
        s_arr, t_arr = s_arr[first], t_arr[first]
        if not self._nul_free:
            return self._stretches_one_by_one(utf8, haystack, s_arr, stop[inner][first], accepted)
        ends = np.minimum(size, t_arr + self._max_bytes - 1)
        joined = b"\0".join([haystack[x:y] for x, y in zip(s_arr.tolist(), ends.tolist())])
        bases = np.concatenate(([0], np.cumsum(ends - s_arr + 1)[:-1]))
        hits = self._automaton.find_matches_as_indexes(joined, overlapping=True)
        k, a, b = _columns(hits) if hits else (_EMPTY, _EMPTY, _EMPTY)
        w = np.searchsorted(bases, a, side="right") - 1
        a, b = a - bases[w] + s_arr[w], b - bases[w] + s_arr[w]
        inside = a < t_arr[w]
        k, a, b, w = k[inside], a[inside], b[inside], w[inside]
        v = self._accept(utf8, k, a, b)
        good = np.flatnonzero(v >= 0)
        chosen = good[_leftmost_longest(a[good], b[good])]
        found = [k[chosen], a[chosen], b[chosen], v[chosen]]
        crossing = np.unique(w[chosen][b[chosen] > t_arr[w[chosen]]])
        if len(crossing):  # redo those stretches, longer, and drop what they now cover
            c_from, c_to, redone = self._stretches_one_by_one(
                utf8, haystack, s_arr[crossing], t_arr[crossing], accepted, from_reach=True
            )
            where = np.searchsorted(c_from, found[1], side="right") - 1
            outside = (where < 0) | (found[1] >= c_to[np.maximum(where, 0)])
            found = [np.concatenate((c[outside], r)) for c, r in zip(found, redone)]
            order = np.argsort(found[1], kind="stable")
            found = [c[order] for c in found]
            where = np.searchsorted(c_from, s_arr, side="right") - 1
            keep = (where < 0) | (s_arr >= c_to[np.maximum(where, 0)])
            s_arr = np.concatenate((s_arr[keep], c_from))
            t_arr = np.concatenate((t_arr[keep], c_to))
            order = np.argsort(s_arr, kind="stable")
            s_arr, t_arr = s_arr[order], t_arr[order]
        return s_arr, t_arr, tuple(found)

    def _stretches_one_by_one(
        self,
        utf8: _Utf8,
        haystack: bytes,
        starts: np.ndarray,
        reaches: np.ndarray,
        accepted: np.ndarray,
        from_reach: bool = False,
    ) -> tuple[np.ndarray, np.ndarray, Columns]:
        """Stretches scanned one at a time, each growing until its chosen matches end inside it."""
        size = len(haystack)
        cut_from: list[int] = []
        cut_to: list[int] = []
        parts = []
        for s, reach in zip(starts.tolist(), reaches.tolist()):
            if cut_to and s < cut_to[-1]:
                continue  # inside the previous stretch
            if from_reach:
                reach += 1  # the stretch ended at ``reach`` and was too short
            while True:
                # End at an accepted hit: from there on the scan's result stands.
                n = int(np.searchsorted(accepted, reach))
                t = int(accepted[n]) if n < len(accepted) else size
                hits = self._automaton.find_matches_as_indexes(haystack[s : min(size, t + self._max_bytes)], overlapping=True)
                k, a, b = _columns(hits) if hits else (_EMPTY, _EMPTY, _EMPTY)
                a, b = a + s, b + s
                inside = a < t
                k, a, b = k[inside], a[inside], b[inside]
                v = self._accept(utf8, k, a, b)
                good = np.flatnonzero(v >= 0)
                chosen = good[_leftmost_longest(a[good], b[good])]
                reach = int(b[chosen].max()) if len(chosen) else s
                if reach <= t:
                    break
            cut_from.append(s)
            cut_to.append(t)
            parts.append((k[chosen], a[chosen], b[chosen], v[chosen]))
        found = tuple(np.concatenate(c) for c in zip(*parts)) if parts else (_EMPTY,) * 4
        return np.array(cut_from, dtype=np.int64), np.array(cut_to, dtype=np.int64), found

    def _spans_by_characters(self, text: str, haystack: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every occurrence, converted to character offsets and checked on ``text`` (the rare path)."""
        hits = self._automaton.find_matches_as_indexes(haystack, overlapping=True)
        if not hits:
            return _EMPTY, _EMPTY, _EMPTY
        key, start, stop = _columns(hits)
        start, stop = _char_offsets(haystack, start, stop)
        left = np.flatnonzero(self._need_left[key] & (start > 0))
        right = np.flatnonzero(self._need_right[key] & (stop < len(text)))
        glued = _glues_at(text, np.concatenate((start[left] - 1, stop[right])))
        ok = np.ones(len(key), dtype=bool)
        ok[left] = ~glued[: len(left)]
        ok[right] &= ~glued[len(left) :]
        variant = np.where(ok, self._default[key], -1)
        cased = np.flatnonzero(ok & self._has_exact[key])
        for i, k, a, b in zip(cased.tolist(), key[cased].tolist(), start[cased].tolist(), stop[cased].tolist()):
            found = text[a:b]
            for spelling in self._exact[k]:
                if found == spelling[0]:
                    variant[i] = spelling[2]
                    break
        good = np.flatnonzero(variant >= 0)
        chosen = good[_leftmost_longest(start[good], stop[good])]
        return start[chosen], stop[chosen], variant[chosen]


Columns = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # key, start, stop, variant


def _longest_per_start(key: np.ndarray, start: np.ndarray, stop: np.ndarray, variant: np.ndarray) -> Columns:
    """The accepted candidates, only the longest at each start, sorted by start."""
    good = np.flatnonzero(variant >= 0)
    order = good[np.lexsort((-stop[good], start[good]))]
    first = np.ones(len(order), dtype=bool)
    first[1:] = start[order[1:]] != start[order[:-1]]
    order = order[first]
    return key[order], start[order], stop[order], variant[order]


def _merge_sorted(hits: Columns, extra: Columns | None) -> Columns:
    """Accepted ``hits`` (sorted, disjoint) and ``extra`` (sorted, disjoint from them) as one sorted set."""
    keep = hits[3] >= 0
    hits = tuple(c[keep] for c in hits)
    if extra is None or not len(extra[0]):
        return hits
    merged = tuple(np.concatenate(pair) for pair in zip(hits, extra))
    order = np.argsort(merged[1], kind="stable")  # two sorted runs: a linear merge
    return tuple(c[order] for c in merged)


def _columns(hits: list[tuple[int, int, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(key, start, stop) arrays from the automaton's hit tuples."""
    flat = np.fromiter(itertools.chain.from_iterable(hits), dtype=np.int64, count=3 * len(hits))
    return flat[0::3], flat[1::3], flat[2::3]


def _prefix_table(keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """For each key, the other keys that are proper prefixes of it (CSR: pointers, key indices).

    A leftmost-longest scan reports only the longest key at a position; when
    that one is rejected (no word boundary, wrong case) the shorter keys at
    the same position are exactly these prefixes, so they need no new scan.
    """
    index = {k: i for i, k in enumerate(keys)}
    pointers, found = [0], []
    for key in keys:
        found.extend(j for n in range(1, len(key)) if (j := index.get(key[:n])) is not None)
        pointers.append(len(found))
    return np.array(pointers, dtype=np.int64), np.array(found, dtype=np.int64)


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


def _ranges(first: np.ndarray, past: np.ndarray) -> np.ndarray:
    """``np.concatenate([np.arange(a, b) for a, b in zip(first, past)])``, vectorised."""
    counts = past - first
    total = int(counts.sum())
    if not total:
        return _EMPTY
    offsets = np.repeat(first - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    return offsets + np.arange(total)


def _leftmost_longest(start: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """Indices of the spans a left-to-right, longest-first greedy pass keeps, in order.

    Spans are sorted by start, longest first, and cut into clusters of
    overlapping spans. The first span of a cluster is always kept; when the
    others all lie inside it (nested aliases: "Korea" in "South Korea") it is
    the only one, and only the rare chained overlaps need a Python loop.
    """
    if not len(start):
        return _EMPTY
    # One stable sort on a combined key: the hits arrive nearly sorted.
    span = int((stop - start).max()) + 1
    order = np.argsort(start * span + (span - 1 - (stop - start)), kind="stable")
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
