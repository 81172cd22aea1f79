"""Propose entities a workspace does not know yet from the proper names of a text.

Heuristics, no statistical model: runs of capitalised words (with "of", "for",
"the" inside: "Ministry of Foreign Affairs", "Sea of Japan"), titled persons
("President Yoon Suk Yeol", "Secretary of State Antony J. Blinken", "Mr. Yoon"),
acronyms with their expansion ("General Security of Military Information
Agreement (GSOMIA)"). Sentence-initial function words, demonyms, months and
weekdays are dropped; a surname ("Yoon") joins the full name seen elsewhere.
Mentions are grouped into :class:`Candidate` s with counts and a proposed type.
Names the workspace already knows (an :class:`AliasMatcher` or a set of
surface forms) are excluded; when only part of a group is known (the acronym,
say) the candidate points at that entity so it can be accepted as an alias.

The parts live in sibling modules: word lists in :mod:`candidate_vocabulary`,
tokens in :mod:`candidate_tokens`, capitalised runs and titles in
:mod:`candidate_runs`, acronym expansions in :mod:`candidate_acronyms` and the
proposed type in :mod:`candidate_type_guess`; this module filters the runs
and groups them into candidates.
"""

from __future__ import annotations

import bisect

import re
from collections.abc import Iterable
from dataclasses import dataclass

from briefing_app.analysis.candidates.acronyms import _expansion_before
from briefing_app.analysis.candidates.compounds import split_compounds
from briefing_app.analysis.candidates.furniture import FurnitureIndex, is_not_a_name
from briefing_app.analysis.candidates.linking import KnownNames
from briefing_app.analysis.candidates.runs import _Run, _runs, _split_title, _strip_demonym, _trim
from briefing_app.analysis.candidates.tokens import _Tok, _is_acronym, _is_cap, _low, _tokens
from briefing_app.analysis.candidates.type_guess import _guess_type
from briefing_app.analysis.candidates.vocabulary import (
    _ADJECTIVES,
    _AGREEMENT_CUES,
    _CITIES,
    _COMMON_ACRONYMS,
    _COMPASS,
    _CONNECTORS,
    _COUNTRIES,
    _DEMONYMS,
    _EVENT_CUES,
    _FUNCTION_WORDS,
    _GENERIC_HEADS,
    _GENERIC_MODIFIERS,
    _GENERIC_NOUNS,
    _HONORIFICS,
    _PROPER_ONE_WORD,
    _TITLE_HEADS,
    _TITLE_OF,
    is_demonym,
)
from briefing_app.analysis.matcher import AliasMatcher, Mention

__all__ = ["Candidate", "CandidateMention", "find_candidates"]


@dataclass(frozen=True)
class CandidateMention:
    """One occurrence of a candidate name: ``text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Candidate:
    """A proposed entity.

    Attributes:
        name: Proposed entity name (the fullest form seen; a person's name without title).
        type: Proposed entity type (person, organization, country, place, agreement,
            military, event-series).
        mentions: Every occurrence, in text order.
        aliases: Other surface forms seen (an acronym, a surname).
        title: The title a person was introduced with ("Foreign Minister").
        reason: Why it was proposed, for the reviewer ("titled person", "acronym expansion").
        confidence: 0..1.
        existing: Id of a known entity this is probably another name of (its
            acronym or part is known), else None.
    """

    name: str
    type: str
    mentions: tuple[CandidateMention, ...]
    aliases: tuple[str, ...] = ()
    title: str = ""
    reason: str = ""
    confidence: float = 0.5
    existing: str | None = None

    @property
    def count(self) -> int:
        return len(self.mentions)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "type": self.type,
            "count": self.count,
            "aliases": list(self.aliases),
            "title": self.title,
            "reason": self.reason,
            "confidence": round(self.confidence, 2),
            "existing": self.existing,
            "mentions": [[m.start, m.end] for m in self.mentions],
        }



# -- public --------------------------------------------------------------------------
def _known_spans(text: str, known: AliasMatcher | Iterable[str] | None) -> tuple[list[Mention], set[str]]:
    if known is None:
        return [], set()
    if isinstance(known, AliasMatcher):
        return known.find(text), set()
    return [], {s.casefold() for s in known}


def find_candidates(text: str, known: AliasMatcher | Iterable[str] | None = None, min_count: int = 1) -> list[Candidate]:
    """Propose the proper names of ``text`` that ``known`` does not cover.

    Args:
        text: The document text.
        known: The workspace's :class:`AliasMatcher` (``AliasMatcher.from_workspace(ws)``)
            or plain surface forms; names they match are not proposed.
        min_count: Drop candidates seen fewer times.

    Returns:
        Candidates, most mentioned first (then in order of first mention).
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    known_mentions, known_forms = _known_spans(text, known)
    toks = _tokens(text)
    index_of = {t.start: i for i, t in enumerate(toks)}
    found: list[tuple[_Run, tuple[int, int] | None]] = []  # run, acronym token span it expands

    # Acronyms in parentheses right after their expansion.
    expansions: dict[int, tuple[int, int]] = {}  # acronym token index -> expansion token range
    for i in range(1, len(toks) - 2):
        if toks[i].text == "(" and _is_acronym(toks[i + 1].text) and toks[i + 2].text == ")":
            span = _expansion_before(toks, i, toks[i + 1].text)
            if span:
                expansions[i + 1] = span
        # "... Information Agreement, or GSOMIA,": the appositive form of the same thing.
        elif (
            toks[i].text == "," and toks[i + 1].text == "or" and i + 2 < len(toks) and _is_acronym(toks[i + 2].text)
            and (i + 3 >= len(toks) or toks[i + 3].text in {",", ".", ")", ";"})
        ):  # fmt: skip
            span = _expansion_before(toks, i, toks[i + 2].text)
            if span:
                expansions[i + 2] = span
    covered: set[int] = set()
    for acro_i, (a, b) in expansions.items():
        found.append((_Run(toks[a:b], reason="acronym expansion"), (acro_i, acro_i + 1)))
        covered.update(range(a, b))

    # Is a sentence-initial capitalised word also used capitalised mid-sentence (a name) or lower-case?
    mid_caps = {t.text for t in toks if not t.initial and _is_cap(t.text)}
    lower_words = {t.text.lower() for t in toks if t.text[:1].islower()}

    # Headlines, headings, menus, icon names and speaker labels are page furniture, not prose.
    furniture = FurnitureIndex(text)
    known_starts = [m.start for m in known_mentions]

    def known_at(start: int, end: int) -> bool:
        i = bisect.bisect_right(known_starts, start) - 1
        return i >= 0 and end <= known_mentions[i].end

    known_names = KnownNames.from_matcher(known) if isinstance(known, AliasMatcher) else None
    pieces: list[_Run] = []
    for run in _runs(toks, text):
        if run.start in furniture:
            continue
        for part in _split_title(run, toks, index_of):
            whole = known_names is not None and len(part.toks) > 1 and known_names.link(
                text[part.start : part.end], True
            )  # fmt: skip
            pieces.extend([part] if whole else split_compounds(part, text, known_at))
    for run in pieces:
        idx = [index_of[t.start] for t in run.toks if t.start in index_of]
        if idx and all(i in covered for i in idx):
            continue
        if idx and any(i in covered for i in idx):
            run = _Run([t for t in run.toks if index_of.get(t.start) not in covered])
            if not run.toks:
                continue
        for part in (run,):
            part = _trim(part, mid_caps) if part.kind != "person" else _trim_tail(part)
            if part is None:
                continue
            if all(is_not_a_name(t.text) or _low(t.text).rstrip(".") in _TITLE_WORDS for t in part.toks):
                continue  # "Jr", "I've", "A.M. EDT", "Mr. President", "Foreign Ministers"
            if known_names is not None and len(part.toks) == 1 and part.kind != "person":
                lw = _low(first_word := part.toks[0].text)
                if lw in _COUNTRIES and known_names.is_part_of_known(first_word) and not known_at(
                    part.start, part.end
                ):  # fmt: skip
                    continue  # "Korea" of "Korea-Japan": part of known names, not a new country
            part = _strip_demonym(part)
            if part is None:
                continue
            first = part.toks[0]
            if len(part.toks) == 1:
                w = first.text
                lw = _low(w)
                if part.kind != "person":
                    if lw in _FUNCTION_WORDS or lw in _HONORIFICS or lw in _TITLE_HEADS or lw in _ADJECTIVES:
                        continue  # "Northern territory": a capitalised adjective
                    if is_demonym(w) and lw not in _COUNTRIES | _CITIES:
                        continue  # "Venezuelan leader": a nationality, not a place
                    if lw in _LONE_CUES or (lw in _GENERIC_NOUNS and lw not in _PROPER_ONE_WORD):
                        continue  # "Summit", "Administration", "People" (a caption's first word): common nouns
                    if (
                        re.fullmatch(r"[a-z]+(?:ese|ian|ean|ish)", lw) and lw not in _COUNTRIES | _CITIES
                        and not _speaks(toks, index_of, first)
                    ):  # fmt: skip
                        continue  # demonym-like adjectives ("Taiwanese")
                    if w in _COMMON_ACRONYMS and lw not in _COUNTRIES:
                        continue
                    if lw in _COMPASS:
                        continue  # "the North"
                    if (
                        first.initial and w not in mid_caps and not _is_acronym(w) and lw not in _COUNTRIES | _CITIES
                        and not _speaks(toks, index_of, first)
                    ):  # fmt: skip
                        continue  # a capitalised sentence start seen nowhere else capitalised
                    if lw in lower_words and not _is_acronym(w):
                        continue
            elif part.kind != "person":
                lows = [_low(t.text) for t in part.toks]
                generic = _GENERIC_MODIFIERS | _GENERIC_NOUNS | {"foreign", "defense", "defence"}
                if lows[-1] in _GENERIC_HEADS and all(x in generic for x in lows[:-1]):
                    continue  # "Joint Statement", "Defense Ministerial Meeting": a kind of document or meeting
                if lows[0] in _TITLE_HEADS and " ".join(lows[1:]) in {"of " + t for t in _TITLE_OF}:
                    continue  # "Chief of Staff", "Secretary of State": a title without its holder
                if all(x in _COMPASS | _DEMONYMS | _ADJECTIVES for x in lows) or (
                    lows[0] in _COMPASS and re.fullmatch(r"[a-z]+(?:ese|ian|ean|ish|an)", lows[-1])
                ):
                    continue  # "East Asian", "South Korean"
            found.append((part, None))

    # Standalone acronyms that expand something found above join its group.
    acronym_of: dict[str, int] = {}
    for n, (run, acro) in enumerate(found):
        if acro is not None:
            acronym_of[toks[acro[0]].text] = n
    return _group(text, toks, found, acronym_of, known_mentions, known_forms, min_count, known_names)


def _group(
    text: str,
    toks: list[_Tok],
    found: list[tuple[_Run, tuple[int, int] | None]],
    acronym_of: dict[str, int],
    known_mentions: list[Mention],
    known_forms: set[str],
    min_count: int,
    known_names: KnownNames | None = None,
) -> list[Candidate]:
    index_of = {t.start: i for i, t in enumerate(toks)}

    # Known mentions are sorted and never overlap: only the last one starting at or
    # before ``start`` can contain the span (bisect, not a scan: texts can be huge).
    known_starts = [m.start for m in known_mentions]

    def known_id(start: int, end: int) -> str | None:
        i = bisect.bisect_right(known_starts, start) - 1
        if i >= 0 and end <= known_mentions[i].end:
            return known_mentions[i].entity_id
        return None

    groups: dict[str, dict] = {}
    order: list[str] = []

    def add(key: str, name: str, mention: CandidateMention, **info) -> None:
        g = groups.get(key)
        if g is None:
            g = groups[key] = {"name": name, "mentions": [], "aliases": [], "existing": None, **info}
            order.append(key)
        g["mentions"].append(mention)
        for k, v in info.items():
            if v and not g.get(k):
                g[k] = v

    for run, acro in found:
        name = text[run.start : run.end]
        key = _key(name)
        i0 = index_of.get(run.start, 0)
        before = [t.text for t in toks[max(0, i0 - 2) : i0]]
        after_i = index_of.get(run.toks[-1].start, i0) + 1
        after = [t.text for t in toks[after_i : after_i + 3]]
        typ, conf = ("person", 0.85) if run.kind == "person" else _guess_type(run.words(), before, after)
        mention = CandidateMention(run.start, run.end, name)
        add(key, name, mention, type=typ, conf=conf, title=run.title, reason=run.reason or "capitalised name")
        if acro is not None:
            at = toks[acro[0]]
            groups[key]["mentions"].append(CandidateMention(at.start, at.end, at.text))
            if at.text not in groups[key]["aliases"]:
                groups[key]["aliases"].append(at.text)
            if typ == "organization" and _is_acronym(at.text):
                groups[key]["conf"] = max(conf, 0.8)

    # Fold standalone acronyms into their expansion, and surnames into full person names.
    merged: dict[str, str] = {}
    for key in order:
        g = groups[key]
        name = g["name"]
        for other in order:
            if other == key or other in merged:
                continue
            o = groups[other]
            if name in o["aliases"]:
                merged[key] = other
                break
            o_words = [w for w in o["name"].split() if w.rstrip(".,").lower() not in ("jr", "sr", "ii", "iii", "iv")]
            if (
                o["type"] == "person" and len(o_words) > 1 and " " not in name
                and name in (o_words[0], o_words[-1]) and g["type"] != "country"
            ):  # fmt: skip
                merged[key] = other
                break
    for key, target in merged.items():
        t = groups[target]
        seen = {x.start for x in t["mentions"]}
        for m in groups[key]["mentions"]:
            if m.start not in seen:
                seen.add(m.start)
                t["mentions"].append(m)
        if groups[key]["name"] not in t["aliases"] and groups[key]["name"] != t["name"]:
            t["aliases"].append(groups[key]["name"])

    known_keys = {_key(f) for f in known_forms}
    out: list[Candidate] = []
    for key in order:
        if key in merged:
            continue
        g = groups[key]
        mentions = sorted(g["mentions"], key=lambda m: m.start)
        existing = None
        kept = []
        dropped: set[str] = set()
        for m in mentions:
            kid = known_id(m.start, m.end)
            if kid is not None or m.text.casefold() in known_forms:
                existing = existing or kid or ""
                dropped.add(m.text)
                continue
            kept.append(m)
        if not kept or len(kept) < min_count:
            continue
        if _key(g["name"]) in known_keys or known_id(kept[0].start, kept[0].end):
            continue
        if existing is None and known_names is not None:
            # Another spelling of a known actor ("Kishida Fumio", "Lloyd Austin III", "Aukus").
            existing = known_names.link(g["name"], g["type"] == "person")
        aliases = tuple(a for a in g["aliases"] if a.casefold() not in known_forms and a not in dropped)
        out.append(
            Candidate(
                name=g["name"], type=g["type"], mentions=tuple(kept), aliases=aliases, title=g.get("title") or "",
                reason=g.get("reason") or "", confidence=g["conf"], existing=existing or None,
            )
        )  # fmt: skip
    first = {c.name: c.mentions[0].start for c in out}
    return sorted(out, key=lambda c: (-c.count, first[c.name]))


_SPEECH_VERBS = {
    "said", "says", "told", "added", "called", "stressed", "noted", "warned", "announced", "urged", "wrote",
    "asked", "replied", "insisted", "argued", "declared", "pledged", "vowed", "praised", "hailed",
}  # fmt: skip


def _speaks(toks: list[_Tok], index_of: dict[int, int], tok: _Tok) -> bool:
    """A sentence-initial word followed by a verb of saying is a person ("Sunak called AUKUS ...")."""
    i = index_of.get(tok.start)
    return i is not None and i + 1 < len(toks) and toks[i + 1].text in _SPEECH_VERBS


_LONE_CUES = (_EVENT_CUES | _AGREEMENT_CUES) - {"forum", "dialogue"}
_TITLE_WORDS = _TITLE_HEADS | _HONORIFICS | {"pm"} | {w + "s" for w in _TITLE_HEADS} | {
    "prime", "foreign", "defense", "defence", "national", "security", "advisors", "advisers", "leaders", "officials"
}  # fmt: skip


def _trim_tail(run: _Run) -> _Run | None:
    """A person's name ends at its last capitalised word ("Hamada Yasukazu and" -> "Hamada Yasukazu")."""
    toks = list(run.toks)
    while toks and (toks[-1].text in _CONNECTORS or not toks[-1].text[:1].isupper()):
        toks.pop()
    return _Run(toks, run.title, run.kind, run.reason) if toks else None


def _key(name: str) -> str:
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", name.casefold().replace("’", "'"))).strip()
