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

The parts live beside this module: ``matcher_utf8`` (folding, byte and
character offsets), ``matcher_whitespace`` (squashing whitespace runs),
``matcher_boundaries`` (word-boundary and CJK rules), ``matcher_spans``
(hit columns, leftmost-longest) and ``matcher_recovery`` (hits hidden
behind rejected ones).
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

from briefing_app.analysis.matcher.boundaries import _glues_at, _glues_utf8, _may_start_inside, glues, is_cjk
from briefing_app.analysis.matcher.recovery import _HiddenHitRecovery
from briefing_app.analysis.matcher.spans import _columns, _leftmost_longest, _prefix_table
from briefing_app.analysis.matcher.utf8 import _EMPTY, _char_offsets, _fold_utf8, _Utf8, fold
from briefing_app.analysis.matcher.whitespace import _squash_whitespace

if TYPE_CHECKING:  # pragma: no cover - typing only
    from briefing_app.model.types import Workspace

__all__ = ["CASE_RULES", "AliasMatcher", "Mention", "fold", "glues", "is_cjk"]

CASE_RULES = ("auto", "exact", "ignore")


class Mention(NamedTuple):
    """One entity mention: ``text[start:end]`` (Python str offsets, end exclusive)."""

    start: int
    end: int
    entity_id: str
    alias: str  # the alias as written in the gazetteer (not the text's casing)


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


class AliasMatcher(_HiddenHitRecovery):
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



def _merge(ambiguous: dict[str, list[str]], alias: str, ids: list[str]) -> None:
    distinct = list(dict.fromkeys(ids))
    if len(distinct) > 1:
        merged = ambiguous.setdefault(alias, [])
        merged.extend(e for e in distinct if e not in merged)
