"""Cut capitalised runs that join several names: possessives, hyphen compounds, known actors inside.

"Japan's Ministry of Economy, Trade and Industry" is Japan and a ministry;
"Japan-U.S." and "Korea-Japan" are two known countries, not a name;
"Seoul-backed" is Seoul; "Eastern Theater Command of the Chinese People's
Liberation Army" is a new command of a known army; "Patrick Cronin of the
Hudson Institute" is a person and an institute. But "Japan Coast Guard" and
"Royal Australian Navy" are names of their own: a known actor followed by
words ending in a cue word stays inside the name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefing_app.analysis.candidates.runs import _Run, _has_cue
from briefing_app.analysis.candidates.tokens import _Tok, _is_cap, _low
from briefing_app.analysis.candidates.vocabulary import (
    _ADJECTIVES,
    _CITIES,
    _COMPASS,
    _CONNECTORS,
    _COUNTRIES,
    _DEMONYMS,
    _EVENT_CUES,
    _MILITARY_CUES,
    _ORG_CUES,
    _TITLE_HEADS,
    _TITLE_MODIFIERS,
    is_demonym,
)

__all__ = ["split_compounds"]

_POSSESSIVE_GAP = re.compile(r"^['’]s?\s")
# "People's Liberation Army", "Women's Union": the possessive is part of the name.
_PLURAL_OWNERS = {"people", "women", "children", "men", "workers", "veterans", "nations", "farmers", "citizens"}
# Lower-case second halves of compound adjectives: "Seoul-backed", "Virginia-class", "U.S.-led".
_ADJ_SUFFIXES = {
    "backed", "based", "led", "class", "style", "era", "made", "born", "owned", "funded", "linked", "type",
    "level", "run", "sponsored", "brokered", "controlled", "bound", "friendly", "centric", "wide", "related",
}  # fmt: skip
_CUE_TAIL = re.compile(r"station|guard|navy|federation|institute|command|summit|corps|forces?|army|university")

KnownAt = Callable[[int, int], bool]


def _known_word(word: str) -> bool:
    lw = _low(word)
    return lw in _COUNTRIES or lw in _CITIES or lw in _DEMONYMS


def _hyphen_parts(tok: _Tok, text: str, known_at: KnownAt) -> list[_Tok] | None:
    """The parts of a hyphenated token to keep, or None when it is one name ("Rolls-Royce", "Jong-un")."""
    if "-" not in tok.text.strip("-") or (
        all(p.isupper() for p in tok.text.split("-") if p) and not tok.text.startswith("U.S.")
    ):
        return None  # one word, or acronyms joined ("SSN-AUKUS")
    parts: list[tuple[int, int, str]] = []
    pos = tok.start
    for piece in tok.text.split("-"):
        parts.append((pos, pos + len(piece), piece))
        pos += len(piece) + 1
    split = False
    keep: list[_Tok] = []
    for a, b, piece in parts:
        if not piece:
            continue
        us = piece == "U" and text[b : b + 3] == ".S."
        if us or known_at(a, b) or _known_word(piece):
            split = True
            continue
        if piece.islower() and piece in _ADJ_SUFFIXES:
            split = True
            continue
        keep.append(_Tok(a, b, piece, tok.initial and a == tok.start))
    if not split:
        return None
    return [t for t in keep if _is_cap(t.text)]


def split_compounds(run: _Run, text: str, known_at: KnownAt) -> list[_Run]:
    """The names inside ``run`` once possessives, compounds and known actors are cut out."""
    pieces: list[list[_Tok]] = [[]]
    toks = run.toks
    # "Korea-Japan Claims Agreement": a compound in front of a cue word is part of that name.
    cue_tail = len(toks) > 1 and _has_cue([_low(toks[-1].text)])
    for i, t in enumerate(toks):
        if i and _POSSESSIVE_GAP.match(text[toks[i - 1].end : t.start] + " ") and text[toks[i - 1].end] in "'’":
            if _low(toks[i - 1].text) not in _PLURAL_OWNERS:
                pieces.append([])
        parts = _hyphen_parts(t, text, known_at) if _is_cap(t.text) and not (cue_tail and i < len(toks) - 1) else None
        if parts is not None:
            pieces.append([])
            for p in parts:
                pieces[-1].append(p)
                pieces.append([])
            continue
        pieces[-1].append(t)
    out: list[_Run] = []
    for piece in pieces:
        out.extend(_split_known(piece, text, known_at))
    return [_Run(_trim_connectors(p), run.title, run.kind, run.reason) for p in out if _trim_connectors(p)]


def _split_known(toks: list[_Tok], text: str, known_at: KnownAt) -> list[list[_Tok]]:
    """Cut at known actors inside a run, unless the run is a name built on one ("Japan Coast Guard")."""
    if not toks:
        return []
    flags = [known_at(t.start, t.end) for t in toks]
    if not any(flags):
        return _split_person_of_org(toks)
    if all(f or t.text in _CONNECTORS for f, t in zip(flags, toks)):
        return []
    last = _low(toks[-1].text)
    no_connector = all(t.text not in _CONNECTORS for t in toks)
    if len(toks) >= 2 and all(flags[:-1]) and last in _EVENT_CUES:
        return []  # "Quad Summit", "NATO Summit": a meeting of a known actor, not a new one
    # "Association of Southeast Asian Nations": a known demonym used as an adjective inside a name of "of".
    adjective_inside = not flags[0] and all(
        is_demonym(t.text) for f, t in zip(flags, toks) if f
    ) and all(t.text == "of" for t in toks if t.text in _CONNECTORS)  # fmt: skip
    if (no_connector or adjective_inside) and not flags[-1] and (_CUE_TAIL.fullmatch(last) or _has_cue([last])):
        return [toks]  # the known actor is part of the name: "Japan Coast Guard", "Royal Australian Navy"
    words = [_low(t.text) for t in toks]
    if "of" in words and not any(flags[: words.index("of")]):
        k = words.index("of")
        rest = [t for t in toks[k + 1 :] if t.text != "the"]
        country = " ".join(_low(t.text) for t in rest)
        if k > 0 and words[k - 1] in _ORG_CUES | _MILITARY_CUES and country in _COUNTRIES:
            return [toks]  # "Armed Forces of the Philippines", "Bank of Korea": named after a known country
    first_known = flags.index(True)
    if no_connector and first_known and all(_low(t.text) in _COMPASS | _ADJECTIVES for t in toks[:first_known]):
        return [toks]  # a region of a known one: "South Australia", "Western Australia", "South Asia"
    pieces: list[list[_Tok]] = [[]]
    for f, t in zip(flags, toks):
        if f:
            pieces.append([])
        else:
            pieces[-1].append(t)
    return [p for p in pieces if p]


def _split_person_of_org(toks: list[_Tok]) -> list[list[_Tok]]:
    """ "Patrick Cronin of the Hudson Institute": a two- or three-word name, then "of (the)" an organisation."""
    words = [_low(t.text) for t in toks]
    if "of" not in words:
        return [toks]
    k = words.index("of")
    head, tail = words[:k], [w for w in words[k + 1 :] if w != "the"]
    titled = set(head) & (_TITLE_HEADS | _TITLE_MODIFIERS)  # "General Security of ...": not a person
    if 2 <= len(head) <= 3 and not titled and not _has_cue(head) and len(tail) >= 2 and _has_cue(tail):
        if all(_is_cap(t.text) for t in toks[:k]) and not any(w in _COUNTRIES for w in head):
            j = k + 1 + (1 if words[k + 1 : k + 2] == ["the"] else 0)
            return [toks[:k], toks[j:]]
    return [toks]


def _trim_connectors(toks: list[_Tok]) -> list[_Tok]:
    toks = list(toks)
    while toks and (toks[0].text in _CONNECTORS or not _is_cap(toks[0].text)):
        toks.pop(0)
    while toks and (toks[-1].text in _CONNECTORS or toks[-1].text in {",", "."} or not _is_cap(toks[-1].text)):
        toks.pop()
    return toks
