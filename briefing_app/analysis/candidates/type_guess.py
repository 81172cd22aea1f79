"""Proposed type of a candidate name, from its words and the words around it."""

from __future__ import annotations

import re

from briefing_app.analysis.candidates.tokens import _is_acronym, _low
from briefing_app.analysis.candidates.vocabulary import (
    _AGREEMENT_CUES,
    _CITIES,
    _COMPASS,
    _COUNTRIES,
    _COUNTRY_ACRONYMS,
    _EVENT_CUES,
    _MILITARY_CUES,
    _ORG_CUES,
    _PLACE_CUES,
)


# US states, Australian states and other regions often named in security news.
_REGIONS = {
    r.strip().lower()
    for r in """Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|
    Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|
    Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|North Carolina|North Dakota|Ohio|
    Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|
    Washington State|West Virginia|Wisconsin|Wyoming|Queensland|Victoria|Tasmania|New South Wales|Northern Territory|
    South Australia|Western Australia|Las Vegas|Chennai|Kolkata|Bengaluru|Thurmont|Darwin|Perth|Adelaide|Brisbane|
    Melbourne|Okinawa|Kyushu|Honshu|Shikoku|Gangwon|Gyeonggi|Chungcheong|Jeolla|Gyeongsang|Hamgyong|Pyongan|
    Fujian|Guangdong|Zhejiang|Xinjiang|Tibet|Hainan|Kinmen|Matsu|Penghu|Middle East|Gaza|West Bank|Balkans|Caucasus|
    Central Asia|South Asia|Southeast Asia|Latin America|Crimea|Donbas""".split("|")
}
_SAYS = {"said", "says", "told", "added", "argued", "wrote", "warned", "who", "called", "stressed", "noted"}


def _guess_type(words: list[str], toks_before: list[str], toks_after: list[str]) -> tuple[str, float]:
    """Type of a name from its words and neighbours."""
    low = [_low(w).rstrip(".") for w in words]
    full = " ".join(low)
    last = low[-1]
    if full in _COUNTRIES or full in _COUNTRY_ACRONYMS:
        return "country", 0.9
    if full in _CITIES or full in _REGIONS:
        return "place", 0.85
    if len(low) == 2 and low[0] in _COMPASS | {"western", "eastern", "northern", "southern"} and low[1] in _COUNTRIES:
        return "place", 0.7  # "Western Australia", "South Asia"
    if re.search(r"\bwar (?:i|ii|one|two)$", full) or last in ("war", "wars"):
        return "event-series", 0.8  # "World War II", "Korean War"
    strong_military = {"forces", "force", "army", "armies", "navy", "fleet", "command", "corps", "marines"}
    if (
        low[0] in ("uss", "hms", "jds", "rokn", "ins") or last in _MILITARY_CUES or set(low) & strong_military
        or "self-defense" in full or "self-defence" in full
    ):  # fmt: skip
        return "military", 0.75
    if last in _AGREEMENT_CUES | {"principles"} or low[0] in ("treaty", "agreement", "accord", "pact"):
        return "agreement", 0.8
    if last in _EVENT_CUES:
        return "event-series", 0.7
    if last in _PLACE_CUES or (low[0] in ("sea", "gulf", "bay", "lake", "mount", "camp") and len(low) > 1):
        return "place", 0.75
    if set(low) & _ORG_CUES:
        return "organization", 0.8
    if re.search(r"\w-\d", full):
        return "military", 0.5  # "Hwasong-17", "F-35": designations are usually weapons
    after = [_low(w) for w in toks_after[:2]]
    before = [_low(w) for w in toks_before[-1:]]
    if after and after[0] in _SAYS:
        return "person", 0.6
    if len(words) == 3 and re.fullmatch(r"[A-Z]\.", words[1]):
        return "person", 0.6  # "Chad J. McNeeley"
    if len(words) >= 2 and all(w[:1].isupper() for w in words) and not any(w.isupper() for w in words) and not (
        set(low) & (_COMPASS | _PLACE_CUES)
    ):
        return "person", 0.45
    if len(words) == 1 and _is_acronym(words[0]):
        return "organization", 0.5
    if after and (after[0] in _PLACE_CUES or after[1:2] and after[1] in _PLACE_CUES):
        return "place", 0.5
    if before and before[0] in ("in", "at", "near", "from", "to", "of", "across", "around", "toward", "towards"):
        return "place", 0.45
    return "organization", 0.3

