"""Find entity mentions in a text: whole words, longest match, case rules per alias.

The scanning core is one Aho–Corasick automaton (pyahocorasick, C) over a
case-folded copy of the text; every alias is a key in it. Case-sensitive
aliases ("US", "ROK", "U.S.") share the folded key and are verified against
the original text, so a single pass serves both rules. Word boundaries and
the leftmost-longest choice are checked in Python only on the automaton's
hits, which keeps the per-character work in C.

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

import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

import ahocorasick

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


def _compute_blocks(char: str) -> bool:
    return (char.isalnum() or char == "_") and not is_cjk(char)


# char -> whether it glues onto an adjacent word (a non-CJK word character).
# Filled on demand; the ASCII part up front.
_BLOCKS: dict[str, bool] = {chr(i): _compute_blocks(chr(i)) for i in range(128)}


def _blocks(char: str) -> bool:
    b = _BLOCKS.get(char)
    if b is None:
        b = _BLOCKS[char] = _compute_blocks(char)
    return b


def _resolve_rule(alias: str, rule: str) -> bool:
    """True when ``alias`` is compared exactly under ``rule``."""
    if rule == "exact":
        return True
    if rule == "ignore":
        return False
    return not any(c.islower() for c in alias)


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

        self._automaton: ahocorasick.Automaton | None = None
        self._size = len(groups)
        ambiguous: dict[str, list[str]] = {}
        if groups:
            automaton = ahocorasick.Automaton()
            for key, (insensitive, exact) in groups.items():
                # Boundary checks are skipped on CJK edges of the alias.
                payload = (
                    len(key),
                    not is_cjk(key[0]),
                    not is_cjk(key[-1]),
                    insensitive[0] if insensitive else None,
                    tuple(exact),
                )
                automaton.add_word(key, payload)
                self._note_ambiguity(ambiguous, insensitive, exact)
            automaton.make_automaton()
            self._automaton = automaton
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
        length = len(text)
        blocks = _BLOCKS
        compute = _blocks
        candidates = []
        append = candidates.append
        for last, (n, check_left, check_right, insensitive, exact) in self._automaton.iter(fold(text)):
            start = last - n + 1
            stop = last + 1
            if check_left and start:
                c = text[start - 1]
                b = blocks.get(c)
                if b or (b is None and compute(c)):
                    continue
            if check_right and stop < length:
                c = text[stop]
                b = blocks.get(c)
                if b or (b is None and compute(c)):
                    continue
            hit = insensitive
            if exact:
                found = text[start:stop]
                for alias, entity_id in exact:
                    if found == alias:
                        hit = (entity_id, alias)
                        break
                if hit is None:
                    continue
            elif hit is None:
                continue
            append((start, -stop, hit))
        # Hits arrive ordered by end; leftmost-longest needs them by start,
        # longest first. Spans are unique (one key per span), so the hit
        # tuples are never compared.
        candidates.sort()
        mentions = []
        add = mentions.append
        reached = 0
        for start, neg_stop, (entity_id, alias) in candidates:
            if start >= reached:
                reached = -neg_stop
                add(Mention(start, reached, entity_id, alias))
        return mentions


def _merge(ambiguous: dict[str, list[str]], alias: str, ids: list[str]) -> None:
    distinct = list(dict.fromkeys(ids))
    if len(distinct) > 1:
        merged = ambiguous.setdefault(alias, [])
        merged.extend(e for e in distinct if e not in merged)
