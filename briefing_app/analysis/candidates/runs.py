"""Runs of capitalised words, and how a run is cut into names.

:func:`_runs` finds maximal runs of capitalised tokens ("Ministry of Foreign
Affairs"); :func:`_split_title` separates a person's title from the name,
:func:`_trim` and :func:`_strip_demonym` drop words that are not part of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.analysis.candidates.tokens import _Tok, _is_cap, _low
from briefing_app.analysis.candidates.vocabulary import (
    _AGREEMENT_CUES,
    _CITIES,
    _CONNECTORS,
    _COUNTRIES,
    _DEMONYMS,
    _EVENT_CUES,
    _FUNCTION_WORDS,
    _HONORIFICS,
    _MILITARY_CUES,
    _MONTHS,
    _ORG_CUES,
    _PLACE_CUES,
    _TITLE_HEADS,
    _TITLE_MODIFIERS,
    _TITLE_OF,
    _WEEKDAYS,
)


@dataclass
class _Run:
    toks: list[_Tok]
    title: str = ""
    kind: str = ""  # "person" when introduced by a title or honorific
    reason: str = ""

    @property
    def start(self) -> int:
        return self.toks[0].start

    @property
    def end(self) -> int:
        return self.toks[-1].end

    def words(self) -> list[str]:
        return [t.text for t in self.toks]



def _runs(toks: list[_Tok], text: str) -> list[_Run]:
    """Maximal runs of capitalised tokens, with lower-case connectors and initials inside (one line at most)."""

    def text_between(a: _Tok, b: _Tok) -> str:
        return text[a.end : b.start]

    runs: list[_Run] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if not _is_cap(t.text) or _low(t.text) in _MONTHS | _WEEKDAYS:
            i += 1
            continue
        j = i + 1
        members = [t]
        while j < n:
            w = toks[j].text
            if "\n" in text_between(toks[j - 1], toks[j]):
                break
            if w == "." and len(members[-1].text) == 1 and members[-1].text.isupper():
                members[-1] = _Tok(members[-1].start, toks[j].end, members[-1].text + ".", members[-1].initial)
                j += 1
                continue
            if w == "." and _low(members[-1].text) in _HONORIFICS | {"gen", "adm", "sen", "rep", "col", "lt", "maj", "capt", "st", "cmdr", "sgt"}:
                members[-1] = _Tok(members[-1].start, toks[j].end, members[-1].text + ".", members[-1].initial)
                j += 1
                continue
            if _is_cap(w) and _low(w) not in _MONTHS | _WEEKDAYS:
                members.append(toks[j])
                j += 1
                continue
            if (
                w == "," and any(_low(m.text) in ("ministry", "department") for m in members[:2])
                and j + 1 < n and _is_cap(toks[j + 1].text) and any(m.text == "of" for m in members)
            ):  # fmt: skip
                members.append(toks[j])  # "Ministry of Economy, Trade and Industry"
                j += 1
                continue
            # Connectors join only capitalised words on both sides ("Sea of Japan"); a run does not
            # go on with "the" ("Sea of Japan the East Sea") or "and the" (two names listed).
            if w == "the" or (w == "and" and j + 1 < n and toks[j + 1].text == "the"):
                break
            k = j
            while k < n and toks[k].text in _CONNECTORS and k - j < 2:
                k += 1
            if k > j and k < n and _is_cap(toks[k].text) and _low(toks[k].text) not in _MONTHS | _WEEKDAYS:
                if toks[j].text == "and" and not _and_joins(members, toks, k):
                    break
                members.extend(toks[j:k])
                j = k
                continue
            break
        runs.append(_Run(members))
        i = j
    return runs


def _and_joins(members: list[_Tok], toks: list[_Tok], k: int) -> bool:
    """"and" stays inside a name only in organisation names ("Center for Strategic and International Studies")."""
    words = {_low(m.text) for m in members}
    return bool(words & {"for", "of"}) and not any(_low(m.text) in _COUNTRIES for m in members[-1:])


def _trim(run: _Run, mid_caps: set[str]) -> _Run | None:
    toks = list(run.toks)
    # "Troops of United States Forces Korea": a sentence-initial common noun joined by a connector.
    if len(toks) > 2 and toks[0].initial and toks[1].text in _CONNECTORS and toks[0].text not in mid_caps:
        toks.pop(0)
    # Leading function words ("The", "In", "However") and trailing connectors are not part of names.
    while toks and (_low(toks[0].text) in _FUNCTION_WORDS or toks[0].text in _CONNECTORS):
        toks.pop(0)
    while toks and (toks[-1].text in _CONNECTORS or toks[-1].text[0].islower() or toks[-1].text == ","):
        toks.pop()
    if not toks:
        return None
    return _Run(toks, run.title, run.kind, run.reason)


def _split_title(run: _Run, toks_all: list[_Tok], index_of: dict[int, int]) -> list[_Run]:
    """Separate a title (and nationality adjectives) from the person name after it."""
    words = [_low(t.text).rstrip(".") for t in run.toks]
    # Lower-case title just before the run: "foreign minister Park Jin".
    pos = index_of.get(run.toks[0].start, -1)
    if pos > 0:
        prev = _low(toks_all[pos - 1].text).rstrip(".")
        if prev in _TITLE_HEADS and len(run.toks) <= 4 and not _has_cue(words) and words[0] not in _TITLE_HEADS:
            return [_Run(run.toks, prev, "person", "titled person")]
    # Find the last title head; the title may carry "of State" etc.
    head = None
    for k, w in enumerate(words):
        if w in _TITLE_HEADS or w in _HONORIFICS:
            head = k
    if head is None:
        return [run]
    k = head + 1
    rest = " ".join(words[k:])
    for of in sorted(_TITLE_OF, key=len, reverse=True):
        if rest.startswith("of " + of + " ") or rest == "of " + of:
            k += len(("of " + of).split())
            break
    name = run.toks[k:]
    name_words = words[k:]
    if words[head] == "general" and _has_cue(name_words):
        return [run]  # "General Security of Military Information Agreement": not a general's name
    tail: list[_Tok] = []
    for c, w in enumerate(name_words):
        if w in ("of", "for", "from", "at") and c > 0:
            # "Dr. Victor Cha of Georgetown University": the name stops at the connector.
            name, tail, name_words = name[:c], name[c + 1 :], name_words[:c]
            break
    if not name or _has_cue(name_words) or name_words[0] in _CONNECTORS or len(name) > 4:
        return [run]
    # Everything before the title: modifiers and demonyms ("South Korean", "Japanese Prime").
    start = head
    while start > 0 and (words[start - 1] in _TITLE_MODIFIERS | _TITLE_HEADS | _DEMONYMS | {"south", "north"}):
        start -= 1
    title = " ".join(t.text for t in run.toks[start:k])
    out = [_Run(name, title, "person", "titled person")]
    if tail:
        out.append(_Run(tail))
    before = run.toks[:start]
    if before and not all(_low(t.text) in _DEMONYMS | {"south", "north"} for t in before):
        out.insert(0, _Run(before))
    return out


def _has_cue(words: list[str]) -> bool:
    ws = set(words)
    return bool(ws & (_ORG_CUES | _AGREEMENT_CUES | _MILITARY_CUES | _PLACE_CUES | _EVENT_CUES))


def _strip_demonym(run: _Run) -> _Run | None:
    """Drop nationality adjectives in front of a name ("Chinese Foreign Ministry" -> "Foreign Ministry")."""
    toks = list(run.toks)
    if run.kind == "person":
        return run
    lowered = [_low(t.text) for t in toks]
    k = 0
    while k < len(toks) and (lowered[k] in _DEMONYMS or (lowered[k] in ("south", "north") and k + 1 < len(toks) and lowered[k + 1] in _DEMONYMS)):
        k += 1
    if k == 0:
        return run
    rest = toks[k:]
    # Keep the demonym in names made of it and one cue word ("Korean War", "Korean Peninsula").
    if len(rest) == 1 and _low(rest[0].text) not in _COUNTRIES | _CITIES:
        return run
    if not rest:
        return None
    return _Run(rest, run.title, run.kind, run.reason)
