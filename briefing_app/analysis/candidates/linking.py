"""Names that are another spelling of a known actor: order, initials, titles and suffixes aside.

"Kishida Fumio" is Fumio Kishida, "Joseph R. Biden, Jr." is Joseph R. Biden,
"Lloyd J. Austin III" is Lloyd Austin, "Aukus" is AUKUS, "Japan's Kishi" is
Nobuo Kishi. The alias matcher finds only the spellings the workspace lists;
this index compares names as sets of words, so a candidate that is a known
actor under another spelling is offered as an alias of it, not as a new actor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefing_app.analysis.candidates.vocabulary import (
    _CITIES,
    _COMPASS,
    _COMPASS_LETTERS,
    _COUNTRIES,
    _HONORIFICS,
    _PLACE_CUES,
    _TITLE_HEADS,
    _TITLE_MODIFIERS,
)
from briefing_app.analysis.matcher import Mention

__all__ = ["KnownNames", "with_linked_mentions"]

_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_PLACE_WORDS = {w for name in _COUNTRIES | _CITIES for w in name.split()} | _PLACE_CUES | _COMPASS
# "Defense Department" is the Department of Defense: connectors do not tell names apart.
_DROP = _HONORIFICS | _TITLE_HEADS | _SUFFIXES | {"pm", "the", "of", "for"}


def name_words(name: str) -> tuple[str, ...]:
    """The words that identify a person or a thing: no titles, honorifics, initials or suffixes."""
    # Dots inside a word go: "U.S.-ROK" is "US-ROK".
    words = [w.strip(".,").replace(".", "").casefold().replace("’", "'") for w in re.split(r"[\s,]+", name) if w.strip(".,")]
    kept = [w for w in words if w not in _DROP and not (len(w) == 1 and w.isalpha())]
    # A title's modifiers ("Prime", "Defense") only go when a title head was there.
    if len(kept) < len(words):
        while kept and kept[0] in _TITLE_MODIFIERS and len(kept) > 1:
            kept.pop(0)
    return tuple(kept)


def _variants(words: tuple[str, ...]) -> set[frozenset[str]]:
    """The word set, and the one with hyphens closed ("Suk-yeol" = "Sukyeol" = "Suk Yeol")."""
    out = {frozenset(words)}
    joined = tuple(w.replace("-", "") for w in words)
    out.add(frozenset(joined))
    split = tuple(p for w in words for p in w.split("-") if p)
    out.add(frozenset(split))
    return out


class KnownNames:
    """Known actors' spellings, searchable by word set and by single word.

    Args:
        forms: ``(entity id, surface form)`` pairs, e.g. from a workspace's entities.
    """

    def __init__(self, forms: Iterable[tuple[str, str]]) -> None:
        self._exact: dict[str, str] = {}
        self._sets: dict[frozenset[str], str] = {}
        self._word: dict[str, set[str]] = {}
        # Words of place and country names ("Korea", "Sea"): a single one is not linked.
        self._places = _PLACE_WORDS
        for entity_id, form in forms:
            self._exact.setdefault(form.casefold().replace("’", "'"), entity_id)
            words = name_words(form)
            if len(words) >= 2:
                for v in _variants(words):
                    self._sets.setdefault(v, entity_id)
                if len(words) <= 3 and all(w[:1].isalpha() for w in words):
                    for w in words:
                        self._word.setdefault(w, set()).add(entity_id)

    @classmethod
    def from_matcher(cls, matcher) -> KnownNames:
        """The spellings an :class:`AliasMatcher` was built from."""
        entities = getattr(matcher, "_variant_entity", ())
        aliases = getattr(matcher, "_variant_alias", ())
        return cls((str(e), str(a)) for e, a in zip(entities, aliases) if e)

    def link(self, name: str, person: bool) -> str | None:
        """The known actor ``name`` is another spelling of, or None.

        A single word links only when one known actor has that word in its name
        ("Austin" -> Lloyd Austin), and never a word of a place name ("Korea").
        """
        exact = self._exact.get(name.casefold().replace("’", "'"))
        if exact is not None:
            return exact
        abbreviated = re.match(r"([NSEW])\.?\s+(\S.*)$", name)
        if abbreviated:  # "N Korea" is North Korea: a headline's abbreviation of a known name
            full = f"{_COMPASS_LETTERS[abbreviated.group(1).lower()]} {abbreviated.group(2)}"
            found = self._exact.get(full.casefold().replace("’", "'"))
            if found is not None:
                return found
        words = name_words(name)
        if not words:
            return None
        if len(words) >= 2:
            for v in _variants(words):
                if v in self._sets:
                    return self._sets[v]
            return None
        if person or words[0] not in self._places:
            ids = self._word.get(words[0], set())
            if len(ids) == 1:
                return next(iter(ids))
        return None

    def is_part_of_known(self, word: str) -> bool:
        """Whether a single word is one word of a known multi-word name ("Korea" of "South Korea")."""
        return word.casefold() in self._word


def with_linked_mentions(mentions: Iterable[Mention], candidates: Iterable) -> list[Mention]:
    """Known-actor ``mentions`` plus the mentions of candidates that are another spelling of one.

    "Aukus" or "Kishida Fumio" name a known actor the alias matcher does not list; a draft
    event naming them has that actor as a participant. Sorted by position, no overlaps.
    """
    out = list(mentions)
    taken = [(m.start, m.end) for m in out]
    for c in candidates:
        if not c.existing:
            continue
        for m in c.mentions:
            if not any(a < m.end and m.start < b for a, b in taken):
                out.append(Mention(m.start, m.end, c.existing, m.text))
                taken.append((m.start, m.end))
    return sorted(out, key=lambda m: (m.start, m.end))
