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
        self._automaton = (
            ahocorasick_rs.BytesAhoCorasick([k.encode("utf-8", "surrogatepass") for k in keys]) if keys else None
        )
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
        hits = self._automaton.find_matches_as_indexes(haystack, overlapping=True)
        if not hits:
            return _EMPTY, _EMPTY, _EMPTY
        flat = np.fromiter(itertools.chain.from_iterable(hits), dtype=np.int64, count=3 * len(hits))
        del hits
        key, start, stop = flat[0::3], flat[1::3], flat[2::3]
        # Work on byte offsets into ``raw`` and convert only the mentions kept,
        # unless folding changed some character's UTF-8 length (rare: "K"
        # KELVIN SIGN); then convert every hit and work on ``text``.
        in_bytes = len(haystack) == len(raw)
        if not in_bytes:
            start, stop = _char_offsets(haystack, start, stop)
        units: str | bytes = raw if in_bytes else text

        # Whole words: the characters just outside the match must not glue on.
        left = np.flatnonzero(self._need_left[key] & (start > 0))
        right = np.flatnonzero(self._need_right[key] & (stop < len(units)))
        ok = np.ones(len(key), dtype=bool)
        if in_bytes:
            ok[left] = ~_glues_utf8(utf8, start[left] - 1, ending=True)
            ok[right] &= ~_glues_utf8(utf8, stop[right], ending=False)
        else:
            glued = _glues_at(text, np.concatenate((start[left] - 1, stop[right])))
            ok[left] = ~glued[: len(left)]
            ok[right] &= ~glued[len(left) :]
        key, start, stop = key[ok], start[ok], stop[ok]

        # Case: a case-sensitive spelling that matches beats the insensitive reading.
        variant = self._default[key]
        cased = np.flatnonzero(self._has_exact[key])
        if len(cased):
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
            return _EMPTY, _EMPTY, _EMPTY

        chosen = _leftmost_longest(start, stop)
        start, stop, variant = start[chosen], stop[chosen], variant[chosen]
        if in_bytes:
            start, stop = utf8.char_offsets(start), utf8.char_offsets(stop)
        return start, stop, variant


def _leftmost_longest(start: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """Indices of the spans a left-to-right, longest-first greedy pass keeps, in order.

    Spans are sorted by start, longest first, and cut into clusters of
    overlapping spans. The first span of a cluster is always kept; when the
    others all lie inside it (nested aliases: "Korea" in "South Korea") it is
    the only one, and only the rare chained overlaps need a Python loop.
    """
    # One stable sort on a combined key: the hits arrive nearly sorted (by end).
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
