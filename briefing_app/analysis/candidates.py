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
"""

from __future__ import annotations

import bisect

import re
from collections.abc import Iterable
from dataclasses import dataclass

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


# -- word lists ------------------------------------------------------------------
_FUNCTION_WORDS = set(
    """a an the in on at to for of by with from as and but or if when while after before since until during
    under over this that these those it its he she they we i you his her their our my your there here however
    meanwhile thus indeed also still yet although though despite according among both each every some many
    most such other another no not nor so then now today yesterday tomorrow last next earlier later instead
    unfortunately fortunately moreover furthermore nevertheless nonetheless why what who how where which
    whether following against amid around without within through because once only even just all any few
    several one two three four five six seven eight nine ten first second third speaking asked
    officials analysts experts critics observers sources residents protesters former current
    representatives will would could should may might must can do does did is are was were
    be been has have had let like unlike beyond upon above below near across toward towards""".split()
)  # fmt: skip
_MONTHS = set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_WEEKDAYS = set("monday tuesday wednesday thursday friday saturday sunday".split())
_HONORIFICS = {"mr", "mrs", "ms", "dr", "prof", "sir", "dame", "lord", "lady"}
# Title words that introduce a person's name ("President Yoon").
_TITLE_HEADS = set(
    """president minister secretary ambassador chancellor king queen emperor empress prince princess
    chairman chairwoman chair senator sen rep representative governor mayor director spokesperson
    spokesman spokeswoman general gen admiral adm colonel col lieutenant lt major maj captain capt
    commander cmdr sergeant sgt premier envoy adviser advisor leader chief pope commissioner
    undersecretary under-secretary deputy vice speaker justice judge professor marshal""".split()
)
_TITLE_MODIFIERS = set(
    """prime foreign defense defence finance trade unification interior home economy vice deputy chief
    cabinet national security state former acting supreme first assistant executive general lieutenant
    senior special presidential party""".split()
)
# "of X" parts of titles: "Secretary of State", "Minister of Foreign Affairs".
_TITLE_OF = (
    "state", "defense", "defence", "foreign affairs", "national defense", "national defence", "the treasury",
    "the interior", "home affairs", "finance", "economy and finance", "trade", "unification", "justice",
    "commerce", "energy", "industry", "health", "education", "the army", "the navy", "the air force",
    "staff", "the joint chiefs of staff", "foreign affairs and trade", "economy, trade and industry",
)  # fmt: skip
_ORG_CUES = set(
    """ministry agency council institute university party committee commission organization organisation
    association union alliance center centre foundation bank fund group office department court assembly
    congress parliament senate diet cabinet government corporation company inc corp ltd co electronics
    industries holdings news times post herald journal network service services bureau authority secretariat
    forum program programme school academy society federation league board house nations hynix steel
    motors""".split()
)
_AGREEMENT_CUES = set(
    "agreement treaty accord accords pact declaration convention protocol act charter partnership framework communique "
    "statement memorandum deal paper report strategy review guidelines doctrine".split()
)
_MILITARY_CUES = set(
    "forces force army navy fleet command corps brigade division regiment battalion guard marines "
    "squadron wing staff uss hms jds rokn".split()
)
_PLACE_CUES = set(
    "sea ocean strait peninsula island islands islets river bay gulf mountains mountain province prefecture "
    "city county district region valley lake canal base airport port harbor harbour complex zone camp "
    "square street site state asia europe africa america americas pacific atlantic arctic "
    "antarctica oceania indo-pacific asia-pacific".split()
)
_EVENT_CUES = set(
    "summit war games olympics exercise drills forum dialogue crisis conference revolution incident "
    "talks shield storm".split()
)
_COUNTRIES = {
    c.strip().lower()
    for c in """Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas|
    Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia and Herzegovina|Botswana|Brazil|
    Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Chad|Chile|China|Colombia|Comoros|Congo|
    Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Dominica|Dominican Republic|Ecuador|
    Egypt|El Salvador|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|
    Greece|Grenada|Guatemala|Guinea|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|
    Israel|Italy|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Korea|North Korea|South Korea|Kosovo|Kuwait|
    Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|
    Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|
    Morocco|Mozambique|Myanmar|Burma|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|
    North Macedonia|Norway|Oman|Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|
    Poland|Portugal|Qatar|Romania|Russia|Rwanda|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|
    Sierra Leone|Singapore|Slovakia|Slovenia|Solomon Islands|Somalia|South Africa|South Sudan|Spain|Sri Lanka|
    Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Timor-Leste|East Timor|Togo|
    Tonga|Trinidad and Tobago|Tunisia|Turkey|Türkiye|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|
    United Kingdom|United States|United States of America|Uruguay|Uzbekistan|Vanuatu|Vatican|Venezuela|
    Vietnam|Yemen|Zambia|Zimbabwe|Republic of Korea|Democratic People's Republic of Korea|Hong Kong|Macau""".split("|")
}
_CITIES = {
    c.strip().lower()
    for c in """Tokyo|Seoul|Beijing|Pyongyang|Washington|Moscow|Taipei|Manila|Hanoi|Bangkok|Jakarta|Canberra|
    Sydney|Singapore|London|Paris|Berlin|Brussels|Geneva|Vienna|Rome|Kyiv|Kiev|Delhi|New Delhi|Mumbai|Osaka|
    Kyoto|Busan|Incheon|Daegu|Gwangju|Okinawa|Hokkaido|Nagasaki|Hiroshima|Yokosuka|Sasebo|Fukushima|Shanghai|
    Hong Kong|Vladivostok|Phnom Penh|Ulaanbaatar|Vilnius|Madrid|Ottawa|Honolulu|Guam|Hawaii|San Diego|
    New York|Los Angeles|San Francisco|Camp David|Panmunjom|Kaesong|Jeju|Ulsan|Nagoya|Kobe|Sapporo|Fukuoka|
    Hiroshima|Dokdo|Takeshima|Senkaku|Diaoyu|Taiwan Strait|Hawaii|Alaska|Kabul|Tehran|Baghdad|Ankara|
    Islamabad|Kuala Lumpur|Wellington|Auckland|Dhaka""".split("|")
}
_DEMONYMS = set(
    """american chinese japanese korean russian taiwanese british french german indian australian european
    asian ukrainian filipino vietnamese thai indonesian canadian israeli iranian pakistani turkish italian
    spanish polish dutch swedish mexican brazilian saudi arab egyptian african soviet mongolian
    kazakh singaporean malaysian burmese cambodian laotian nepali afghan iraqi syrian ukrainians
    americans koreans japanese chinese russians""".split()
)
# Capitalised adjectives that are not names on their own ("Western allies").
_ADJECTIVES = set("western eastern northern southern allied imperial communist democratic republican".split())
_COMMON_ACRONYMS = {"I", "A", "OK", "TV", "AM", "PM", "AD", "BC", "CEO", "GDP", "II", "III", "IV", "AI"}
_COUNTRY_ACRONYMS = {"us", "u.s.", "u.s", "usa", "u.s.a.", "uk", "u.k.", "prc", "dprk", "rok", "roc", "uae"}
_COMPASS = {"east", "west", "north", "south", "central", "southeast", "northeast", "southwest", "northwest"}

# A word token: an initialism ("U.S."), a word with inner hyphens/apostrophes, a number, or a sign.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w’'-]*\w)?|\d[\w-]*|\S")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_SENTENCE_END = set(".!?\n")


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    initial: bool = False  # first word of a sentence


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    sentence_start = True
    for m in _TOKEN.finditer(text):
        s, e, w = m.start(), m.end(), m.group(0)
        p = _POSSESSIVE.search(w) if len(w) > 2 and w[0].isalpha() else None
        if p and w.lower() not in ("it's",):
            e = s + p.start()
            w = w[: p.start()]
        gap = text[out[-1].end if out else 0 : s]
        if "\n" in gap:
            sentence_start = True
        if w in "\"“‘'(«" and len(w) == 1:
            out.append(_Tok(s, e, w))
            continue
        out.append(_Tok(s, e, w, initial=sentence_start))
        sentence_start = w in _SENTENCE_END or w in ("!", "?")
        if w == "." and out[-2:-1] and _is_initial_dot(out, text):
            sentence_start = False
    return out


def _is_initial_dot(toks: list[_Tok], text: str) -> bool:
    """Whether the "." just added closes an initial or an abbreviation ("J.", "Mr.", "Gen.")."""
    prev = toks[-2].text
    return (len(prev) == 1 and prev.isupper()) or prev.lower() in _HONORIFICS | {
        "gen", "adm", "sen", "rep", "col", "lt", "maj", "capt", "st", "no", "vs", "u.s", "jr", "sr", "cmdr", "sgt"
    }  # fmt: skip


def _is_cap(w: str) -> bool:
    return bool(w) and w[0].isupper() and any(c.isalpha() for c in w)


def _is_acronym(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and w[0].isalpha()


def _low(w: str) -> str:
    return w.lower().replace("’", "'")


# -- runs of capitalised words -------------------------------------------------------
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


_CONNECTORS = {"of", "for", "the", "de", "del", "da", "van", "von", "bin", "al", "on", "and"}


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
            # Connectors join only capitalised words on both sides ("Sea of Japan").
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
        if prev in _TITLE_HEADS and len(run.toks) <= 4 and not _has_cue(words):
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


# -- acronyms ------------------------------------------------------------------------
def _acronym_letters(acro: str) -> str:
    return "".join(c for c in acro if c.isalpha()).upper()


def _expansion_before(toks: list[_Tok], paren: int, acro: str) -> tuple[int, int] | None:
    """Token range of the words before "(" whose initials spell the acronym."""
    letters = _acronym_letters(acro)
    words: list[int] = []
    k = paren - 1
    while k >= 0 and len(words) < 14:
        w = toks[k].text
        if not (w[0].isalpha()):
            break
        words.insert(0, k)
        k -= 1
        initials = ""
        for idx in words:
            tw = toks[idx].text
            if _is_cap(tw):
                # Hyphenated parts count ("Trans-Pacific" -> TP) when the acronym needs them.
                initials += "".join(p[0] for p in tw.split("-") if p and p[0].isupper())
        first = toks[words[0]].text
        if _is_cap(first) and _low(first) not in _FUNCTION_WORDS:
            if _initials_match(initials, letters, toks, words):
                return words[0], paren
    return None


def _initials_match(initials: str, letters: str, toks: list[_Tok], words: list[int]) -> bool:
    """Whether the capitalised words of a phrase spell an acronym.

    Each word gives its first letter and may give more of its letters in order
    ("Southeast" -> SE in ASEAN, "Trans-Pacific" -> TP); one inner word may be
    skipped ("Comprehensive and Progressive Agreement for Trans-Pacific
    Partnership" -> CPTPP).
    """
    if initials == letters:
        return True
    caps = [toks[i].text.upper() for i in words if _is_cap(toks[i].text)]
    # Lower-case connectors may give their initial too ("of" in GSOMIA).
    optional = [not _is_cap(toks[i].text) for i in words if toks[i].text[0].isalpha()]
    caps = [toks[i].text.upper() for i in words if toks[i].text[0].isalpha()]
    if not caps or optional[0]:
        return False

    def match(wi: int, j: int, skips: int) -> bool:
        if wi == len(caps):
            return j == len(letters)
        word = caps[wi]
        if optional[wi] and match(wi + 1, j, skips):
            return True
        if skips and 0 < wi < len(caps) - 1 and match(wi + 1, j, skips - 1):
            return True
        if j >= len(letters) or word[0] != letters[j]:
            return False
        # Consume 0..n further letters of this word, as a subsequence of its remaining characters.
        rest, k = word[1:], j + 1
        if match(wi + 1, k, skips):
            return True
        pos = 0
        while k < len(letters):
            found = rest.find(letters[k], pos)
            if found < 0:
                return False
            pos, k = found + 1, k + 1
            if match(wi + 1, k, skips):
                return True
        return False

    return match(0, 0, 1)


# -- typing --------------------------------------------------------------------------
def _guess_type(words: list[str], toks_before: list[str], toks_after: list[str]) -> tuple[str, float]:
    """Type of a name from its words and neighbours."""
    low = [_low(w).rstrip(".") for w in words]
    full = " ".join(low)
    last = low[-1]
    if full in _COUNTRIES or full in _COUNTRY_ACRONYMS:
        return "country", 0.9
    if full in _CITIES:
        return "place", 0.85
    strong_military = {"forces", "force", "army", "armies", "navy", "fleet", "command", "corps", "marines"}
    if (
        low[0] in ("uss", "hms", "jds", "rokn", "ins") or last in _MILITARY_CUES or set(low) & strong_military
        or "self-defense" in full or "self-defence" in full
    ):  # fmt: skip
        return "military", 0.75
    if last in _AGREEMENT_CUES or low[0] in ("treaty", "agreement", "accord", "pact"):
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
    if after and after[0] in ("said", "says", "told", "added", "argued", "wrote", "warned", "who"):
        return "person", 0.6
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
    covered: set[int] = set()
    for acro_i, (a, b) in expansions.items():
        found.append((_Run(toks[a:b], reason="acronym expansion"), (acro_i, acro_i + 1)))
        covered.update(range(a, b))

    # Is a sentence-initial capitalised word also used capitalised mid-sentence (a name) or lower-case?
    mid_caps = {t.text for t in toks if not t.initial and _is_cap(t.text)}
    lower_words = {t.text.lower() for t in toks if t.text[:1].islower()}

    # Tag and menu lines ("Defense Analysis | South Korea") are page furniture, not prose.
    furniture = [(m.start(), m.end()) for m in re.finditer(r"(?m)^[^\n]*\s\|\s[^\n]*$", text)]
    for run in _runs(toks, text):
        if any(a <= run.start < b for a, b in furniture):
            continue
        idx = [index_of[t.start] for t in run.toks if t.start in index_of]
        if idx and all(i in covered for i in idx):
            continue
        if idx and any(i in covered for i in idx):
            run = _Run([t for t in run.toks if index_of.get(t.start) not in covered])
            if not run.toks:
                continue
        for part in _split_title(run, toks, index_of):
            part = _trim(part, mid_caps) if part.kind != "person" else part
            if part is None:
                continue
            part = _strip_demonym(part)
            if part is None:
                continue
            first = part.toks[0]
            if len(part.toks) == 1:
                w = first.text
                lw = _low(w)
                if part.kind != "person":
                    if lw in _FUNCTION_WORDS or lw in _DEMONYMS or lw in _HONORIFICS or lw in _TITLE_HEADS:
                        continue
                    if re.fullmatch(r"[a-z]+(?:ese|ian|ean|ish)", lw) and lw not in _COUNTRIES | _CITIES:
                        continue  # demonym-like adjectives ("Taiwanese")
                    if w in _COMMON_ACRONYMS and lw not in _COUNTRIES:
                        continue
                    if first.initial and w not in mid_caps and not _is_acronym(w) and lw not in _COUNTRIES | _CITIES:
                        continue  # a capitalised sentence start seen nowhere else capitalised
                    if lw in lower_words and not _is_acronym(w):
                        continue
            elif part.kind != "person":
                lows = [_low(t.text) for t in part.toks]
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
    return _group(text, toks, found, acronym_of, known_mentions, known_forms, min_count)


def _group(
    text: str,
    toks: list[_Tok],
    found: list[tuple[_Run, tuple[int, int] | None]],
    acronym_of: dict[str, int],
    known_mentions: list[Mention],
    known_forms: set[str],
    min_count: int,
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
            o_words = o["name"].split()
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
        aliases = tuple(a for a in g["aliases"] if a.casefold() not in known_forms and a not in dropped)
        out.append(
            Candidate(
                name=g["name"], type=g["type"], mentions=tuple(kept), aliases=aliases, title=g.get("title") or "",
                reason=g.get("reason") or "", confidence=g["conf"], existing=existing or None,
            )
        )  # fmt: skip
    first = {c.name: c.mentions[0].start for c in out}
    return sorted(out, key=lambda c: (-c.count, first[c.name]))


def _key(name: str) -> str:
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", name.casefold().replace("’", "'"))).strip()
