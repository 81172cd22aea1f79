"""Deterministic synthetic gazetteer and news-like English text for benchmarks.

Names are built from syllables so that they are unique, pronounceable and
never collide with the filler vocabulary. Sentences mix gazetteer names with
the cases the matcher must get right: possessives ("Velaria's", "Velaria’s"),
hyphenated compounds ("Velaria-Doronia talks"), lower-case words equal to an
acronym ("let us"), names inside longer words ("Velarian"), acronyms.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "st", "tr", "th")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ei", "ou")
_CODAS = ("", "", "", "n", "r", "l", "s", "m", "th")

FILLER = (
    "the minister said talks had been productive and that both sides would meet again soon "
    "officials told reporters on tuesday that the agreement would be signed before the end of the year "
    "analysts expect the new government to focus on the economy rather than security "
    "the two countries have long disagreed over history trade and the status of disputed islands "
    "according to people familiar with the matter the decision was taken after weeks of debate "
    "let us be clear said one diplomat this is not about us it is about the region "
    "many of us thought the deal would collapse but it held through a difficult winter "
    "because the focus was on missile launches the summit barely mentioned trade "
    "thus the pressure on all of us to cooperate has never been greater "
    "defense spending rose sharply while public opinion remained divided"
).split()
_FILLER_SET = frozenset(FILLER)


@dataclass(frozen=True)
class GazetteerEntry:
    """One alias of one synthetic entity."""

    alias: str
    entity_id: str
    entity_type: str
    is_acronym: bool = False


def _name(rng: random.Random, syllables: int) -> str:
    word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)) + rng.choice(_CODAS)
    return word.capitalize()


def gazetteer(n_aliases: int = 10_000, seed: int = 7) -> list[GazetteerEntry]:
    """About ``n_aliases`` unique aliases (case-insensitively) of synthetic entities.

    Includes a few real-looking ones ("US", "U.S.", "South Korea") so that the
    case rules and dotted acronyms are exercised.
    """
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[GazetteerEntry] = []

    def add(alias: str, eid: str, etype: str, acronym: bool = False, fixed: bool = False) -> bool:
        key = alias.lower()
        if key in seen or (key in _FILLER_SET and not fixed):
            return False
        seen.add(key)
        out.append(GazetteerEntry(alias, eid, etype, acronym))
        return True

    for alias, eid, etype in (
        ("United States", "usa", "country"),
        ("US", "usa", "country"),
        ("U.S.", "usa", "country"),
        ("Japan", "jpn", "country"),
        ("South Korea", "kor", "country"),
        ("ROK", "kor", "country"),
        ("Korea", "kor", "country"),
        ("UN", "un", "organization"),
    ):
        add(alias, eid, etype, acronym=alias.isupper(), fixed=True)

    kinds = ("country", "person", "organization", "agreement", "military", "place", "event-series")
    i = 0
    while len(out) < n_aliases:
        i += 1
        etype = kinds[i % len(kinds)]
        eid = f"e{i:05d}"
        root = _name(rng, rng.randint(2, 3))
        if etype == "country":
            if add(root, eid, etype):
                add(root + "n", eid, etype)  # demonym: "Velaria" -> "Velarian" also exists
                add("Republic of " + root, eid, etype)
        elif etype == "person":
            first = _name(rng, 2)
            if add(f"{first} {root}", eid, etype):
                add(root, eid, etype)
        elif etype == "organization":
            words = [root, rng.choice(("Defense", "Trade", "Security", "Energy")), rng.choice(("Agency", "Council", "Ministry"))]
            name = " ".join(words)
            if add(name, eid, etype):
                add("".join(w[0] for w in words) + rng.choice("XYZQ"), eid, etype, acronym=True)
        elif etype == "agreement":
            add(f"{root} Accord", eid, etype)
        elif etype == "military":
            add(f"{root} Fleet", eid, etype)
        elif etype == "place":
            add(root + "burg", eid, etype)
        else:
            add(f"{root} Dialogue", eid, etype)
    return out[:n_aliases]


_TEMPLATES = (
    "{A} said {B} would deepen cooperation with {C}, according to officials in {D}.",
    "The {A}-{B} summit was the first in years, and {C}'s government called it a turning point.",
    "Let us not forget that {A} warned {B}’s leaders about the risks to us all.",
    "Officials from {A} and {B} met on Tuesday to discuss the {C}.",
    "{A}'s foreign minister flew to {B} after the {C} collapsed.",
    "Critics of the {A} say the {B}-{C} framework leaves too much to chance.",
    "In a statement, {A} welcomed the talks but said {B} must do more.",
    "{A} and {B} signed the {C} in {D}, ending a decade of mistrust.",
)


def news_text(entries: list[GazetteerEntry], size: int, seed: int = 11, paragraph_sentences: int = 6) -> str:
    """About ``size`` characters of news-like paragraphs separated by blank lines.

    Roughly one gazetteer mention every 50 characters, plus filler sentences
    without any.
    """
    rng = random.Random(seed)
    aliases = [e.alias for e in entries]
    paragraphs: list[str] = []
    total = 0
    while total < size:
        sentences = []
        for _ in range(paragraph_sentences):
            if rng.random() < 0.25:
                words = rng.choices(FILLER, k=rng.randint(8, 18))
                sentences.append(" ".join(words).capitalize() + ".")
            else:
                template = rng.choice(_TEMPLATES)
                sentences.append(template.format(**{k: rng.choice(aliases) for k in "ABCD"}))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)
