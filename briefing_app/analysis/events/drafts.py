"""Draft events from the dated sentences of a document.

A date expression (see :mod:`briefing_app.analysis.dates`) that dates an
action gives one draft: its date or range with the precision the text gave, a
short title taken from the clause around it, the entities that clause names as
proposed participants, and the sentence as the evidence passage. Not every date
dates an action: a year used as an adjective ("a 2016 agreement"), a period
("from 1910 to 1945"), a decade or century, a date inside a quotation, a date
after the publication date (a plan) and a photo caption whose subject names
nobody ("A man stands near a banner ...") give none. "Signed in 2016, GSOMIA
..." and "the partnership, announced in September 2021" date the participle,
so the title is "GSOMIA signed"; "dates back to 2018, when the court ordered
..." dates the when-clause. One event is proposed once per document, however
many sentences (a caption and the story) tell it. Nothing here touches a
workspace: the review queue decides what becomes an event.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing_app.analysis.candidates import FurnitureIndex
from briefing_app.analysis.dates import DateMention, find_dates
from briefing_app.analysis.events.state_changes import StateChange, find_state_change
from briefing_app.analysis.matcher import Mention
from briefing_app.model.dates import PartialDate
from briefing_app.model.types import Event, Relation

__all__ = ["DraftEvent", "draft_events", "split_sentences"]

TITLE_MAX = 80
TITLE_SOFT = 60  # past this, a title is cut before its last preposition phrase within TITLE_MAX
SKIPPED_KINDS = ("century", "decade")  # "the 21st century", "the late 2030s": eras, not events


@dataclass(frozen=True)
class DraftEvent:
    """A proposed event.

    Attributes:
        date: First (or only) date, at the text's precision.
        end: Last date of a range, else None.
        title: Proposed title (the clause around the date expression).
        participants: Entity ids mentioned in the same sentence, in order of first mention.
        passage: ``(start, end)`` of the sentence: the evidence to anchor.
        mention: The date expression the draft comes from.
        confidence: The date resolution's confidence.
        change: The relation state the clause's verb proposes ("restored" -> restored), if any.
    """

    date: PartialDate
    end: PartialDate | None
    title: str
    participants: tuple[str, ...]
    passage: tuple[int, int]
    mention: DateMention
    confidence: float
    change: StateChange | None = None

    def to_event(self, event_id: str, evidence: Sequence[str] = (), **fields) -> Event:
        """The :class:`Event` this draft proposes."""
        return Event(
            id=event_id, date=self.date, end=self.end, title=self.title, participants=self.participants,
            evidence=tuple(evidence), **fields,
        )  # fmt: skip

    def to_dict(self) -> dict:
        return {
            "date": self.date.iso(),
            "end": self.end.iso() if self.end else None,
            "title": self.title,
            "participants": list(self.participants),
            "passage": list(self.passage),
            "date_text": self.mention.text,
            "kind": self.mention.kind,
            "vague": self.mention.vague,
            "confidence": round(self.confidence, 2),
            "relation_change": self.change.to_dict() if self.change else None,
        }


# A sentence ends at . ! ? (and closing quotes) followed by space and a capital,
# or at a blank line; not after titles, initials and month abbreviations.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "adm", "sen", "rep", "gov", "lt", "col", "maj", "capt", "cmdr", "sgt",
    "st", "jr", "sr", "no", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "co", "ltd", "approx", "fig",
}  # fmt: skip
_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(]?[A-Z0-9])|\n\s*\n|\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of a text, surrounding white space excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        if m.group(0)[0] == ".":
            word = re.search(r"([\w.]+)$", text[start : m.start()])
            w = word.group(1).lower() if word else ""
            if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()) or re.fullmatch(r"(?:\w\.)+\w", w):
                continue
        _add(text, spans, start, m.end())
        start = m.end()
    _add(text, spans, start, len(text))
    return spans


def _add(text: str, spans: list[tuple[int, int]], a: int, b: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append((a, b))


_CLAUSE_SPLIT = re.compile(r";\s+|,\s+(?:and|but|while|whereas)\s+|\s+[–—]\s+")
_LEAD = re.compile(
    r"^(?:(?:and|but|so|then|also|however|meanwhile|thus|indeed)\b[,\s]*)+|^(?:in|on|at|since|by|from|during|until|"
    r"as of)\s*$",
    re.IGNORECASE,
)
_DANGLING = re.compile(
    r"(?:^|\s)(?:in|on|at|since|by|from|during|until|till|through|between|of|for|as of|the|this|that)\s*$", re.IGNORECASE
)


def _without_date(sentence: str, lo: int, a: int, b: int, hi: int) -> str:
    """``sentence[lo:hi]`` without the date ``[a, b)``, its dangling preposition and leading connectives."""
    before = _DANGLING.sub("", sentence[lo:a]).rstrip(" ,")
    after = re.sub(r"^['’]s\b", "", sentence[b:hi]).lstrip(" ,")  # "yesterday's adversaries"
    # "a partner this week, officials said": keep the comma the date stood before.
    joiner = ", " if before and re.match(r"\s*,", sentence[b:hi]) else " "
    clause = (before + joiner + after).strip() if before else after
    clause = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s+", " ", clause))
    return _LEAD.sub("", clause).strip(" ,;:.")


# "U.S. President Joe Biden" -> "Joe Biden": titles make titles long and say nothing new.
_TITLES_BEFORE_NAMES = re.compile(
    r"\b(?:(?:U\.S\.|US|South Korean|North Korean|Japanese|Chinese|Russian|British|Australian|Indian|Korean)\s+)?"
    r"(?:(?:Prime|Foreign|Defen[cs]e|Vice|Deputy|Chief Cabinet)\s+)?(?:President|Minister|Secretary|Prime Minister|"
    r"Secretary of (?:State|Defense)|Chancellor|Premier|leader)\s+(?=[A-Z][a-z])"
)
# "SEOUL/NAGOYA, Japan (Reuters) - ", "TOKYO (Jiji Press) — ": the dateline is not part of the title.
_WIRE_PREFIX = re.compile(
    r"^\s*[A-Z][A-Z/ .'-]+(?:,\s*[A-Z][a-z]+\.?(?:\s+\d{1,2})?)?\s*(?:\([^)\n]{1,80}\))?\s*(?:--|[-–—:])\s*"
)
_CAPTION_PLACE = re.compile(r",\s(?:left|right|center|centre),(\s+and\b)?")
# ", which insists all issues were settled under the treaty,": an aside, not the event.
_RELATIVE = re.compile(r",\s+(?:which|who|whose)\b[^,]*,\s*")
_ASIDE = re.compile(r",\s+(?:who|whose)\b[^,;]*")
# "after the court in 2018 ordered ...", "before the administration decided to end it in 2019": the
# subordinate clause holding the date is the event.
_SUBORDINATE = re.compile(r"\b(?:since|when|after|before|until|because)\s+", re.IGNORECASE)
_VERB = re.compile(
    r"\b(?:[a-z]{3,}ed|was|were|is|are|had|has|took|made|began|came|went|met|became|fell|won|held|led|gave|"
    r"sent|broke|drew|struck|ran|rose|sank|shot)\b"
)  # fmt: skip
# "[Soundbite]", "[Anchor Lead]", "(LEAD)": transcript and wire labels, not words of the event.
_LABEL = re.compile(r"^\s*(?:\[[^\]\n]{1,30}\]|\((?:LEAD|URGENT|UPDATE|2nd LD|3rd LD)[^)\n]*\))\s*")
# "WASHINGTON (UrduPoint News / Sputnik - 26th April, 2023)", "SEOUL, March 6 (Yonhap)": a date in the
# dateline is when the story was filed, not when something happened.
_DATELINE_PREFIX = re.compile(r"^\s*[A-Z][A-Z/ .'-]+(?:,\s*[A-Z][a-z]+\.?(?:\s+\d{1,2})?)?\s*\([^)\n]{1,80}\)")
_PREPOSITION = re.compile(r"\s(?:on|in|at|near|after|amid|for|during|with|from|to|as|which|who|that)\s")


def _title(sentence: str, offset: int, mention: DateMention) -> str:
    """The clause around a date expression, without the expression, as a title."""
    a, b = mention.start - offset, mention.end - offset
    # "Yoon, left, and Kishida shake hands": a caption's places are not clause breaks (same length kept).
    sentence = _CAPTION_PLACE.sub(lambda m: " " * (len(m.group(0)) - len(m.group(1) or "")) + (m.group(1) or ""), sentence)
    # The clause holding the date.
    lo, hi = 0, len(sentence)
    for m in _CLAUSE_SPLIT.finditer(sentence):
        if m.end() <= a:
            lo = m.end()
        elif m.start() >= b:
            hi = m.start()
            break
    clause = _without_date(sentence, lo, a, b, hi)
    if len(clause.split()) < 4:  # too little left: the whole sentence, without the date, says more
        clause = _without_date(sentence, 0, a, b, len(sentence))
    if len(clause.split()) < 3:
        clause = re.sub(r"\s+", " ", sentence).strip(" .")
    clause = _TITLES_BEFORE_NAMES.sub("", _WIRE_PREFIX.sub("", _LABEL.sub("", clause)))
    clause = _RELATIVE.sub(" ", clause).strip(" \"“”‘’'")
    clause = re.sub(r"\s+", " ", clause)
    return _shortened(clause)



# A year used as an adjective: "a 2016 military intelligence-sharing agreement", "the 2021 deal".
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:a|an|the|its|their|his|her|this|that|our)|['’]s)\s+$", re.IGNORECASE)
# "Signed in 2016, GSOMIA was seen ...": a leading participle the date belongs to.
_LEADING_PARTICIPLE = re.compile(r"^\W*([A-Z][a-z]+(?:ed|en|wn))\s+(?:in|on|since|by)?\s*$")
# "..., the Aukus security partnership, announced in September 2021": a trailing one.
_TRAILING_PARTICIPLE = re.compile(r",\s+(?:[a-z]+ly\s+)?([a-z]+(?:ed|en|wn))\s+(?:in|on|since|by)?\s*$")
_SUBJECT_END = re.compile(
    r"\s(?:was|were|is|are|has|had|have|became|becomes|remains|remained|will|would|could|can|may|seeks?|"
    r"designed|intended|aimed)\b|,|;|$"
)  # fmt: skip
# The subject of a caption or a sentence that names nobody: "A man stands ...", "These companies, which ...".
_UNNAMED_SUBJECT = re.compile(
    r"^(?:(?:A|An)\s+(?!deal\b|pact\b|treaty\b|agreement\b|accord\b)|(?:These|Those|They|People|Some|Many|"
    r"Others|Visitors|Residents|Protesters|Members)\b)"
)
# Photo captions: "Yoon, left, and Kishida shake hands", "(Photo by ...)", "Photo: AP".
_CAPTION = re.compile(r",\s(?:left|right|center|centre)\b|\bshake hands\b|\bpose(?:s|d)? for\b|\(Photo\b|\bPhoto:")
_FUTURE_NOTE = "a date after the publication date is a plan, not an event"


def _in_quotation(sentence: str, pos: int) -> bool:
    """Whether ``sentence[pos]`` stands inside quotation marks (someone's words, not the report)."""
    before = sentence[:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _noun_phrase_before(sentence: str, comma: int) -> tuple[int, int]:
    """The noun phrase ending at ``comma``: back to its determiner, at most six words."""
    head = sentence[:comma]
    m = None
    for m in re.finditer(r"\b(?:the|a|an|its|their|his|her)\s+", head, re.IGNORECASE):
        pass
    start = m.end() if m is not None else max(0, head.rfind(",") + 1)
    words = head[start:].split()
    if len(words) > 6:
        start = comma - len(" ".join(words[-6:]))
    return start, comma


def _event_clause(sentence: str, a: int, b: int) -> tuple[int, int, str | None]:
    """The part of the sentence the date ``[a, b)`` dates, and a title when a participle makes one.

    Returns ``(lo, hi, title)``: the span whose named actors are the participants, and the
    title ("GSOMIA signed") or None when the title is taken from the clause as usual.
    """
    m = _LEADING_PARTICIPLE.match(sentence[:a])
    after = sentence[b:]
    if m and after.lstrip().startswith(","):
        lo = b + after.index(",") + 1
        end = _SUBJECT_END.search(sentence, lo)
        hi = end.start() if end else len(sentence)
        subject = sentence[lo:hi].strip()
        if 0 < len(subject.split()) <= 6:
            return lo, hi, f"{subject} {m.group(1).lower()}"
    m = _TRAILING_PARTICIPLE.search(sentence[:a])
    if m:
        lo, hi = _noun_phrase_before(sentence, m.start())
        subject = sentence[lo:hi].strip()
        acronym = re.search(r"\(([A-Z][A-Z-]{1,9})\)$", subject)
        if acronym:  # "the so-called General Security of ... Agreement (GSOMIA)"
            lo, hi = lo + acronym.start(1), lo + acronym.end(1)
            subject = acronym.group(1)
        if re.search(r"\b[A-Z]", subject):  # a name is in it: "the Aukus security partnership"
            return lo, hi, f"{subject[:1].upper()}{subject[1:]} {m.group(1)}"
    when = re.match(r"\s*,?\s*when\s+", after)
    if when:
        return b + when.end(), len(sentence), None
    sub = None
    for m in _SUBORDINATE.finditer(sentence, 0, a):
        between = sentence[m.end() : a]
        if re.search(r"[A-Za-z]{2,}", between) and not re.search(r"[;:]", between):
            sub = m
    if sub is not None:
        end = _CLAUSE_SPLIT.search(sentence, b)
        hi = end.start() if end else len(sentence)
        tail = re.split(r"[,;]", sentence[b:hi], maxsplit=1)[0]
        hi = b + len(tail)  # "Since Yoon took office in May of 2022, Seoul's relations ...": up to the comma
        if _VERB.search(sentence[sub.end() : a] + " " + tail):  # a clause, not "before their meeting"
            return sub.end(), hi, None
    return 0, len(sentence), None


def _is_title_line(text: str, pos: int) -> bool:
    """Whether ``pos`` is on the first line of the text and that line is a title (no sentence end)."""
    first = text.lstrip()
    offset = len(text) - len(first)
    line_end = first.find("\n")
    if line_end < 0 or pos >= offset + line_end:
        return False
    line = first[:line_end].strip()
    return bool(line) and len(line) <= 160 and not line.endswith((".", "!", "?", ":", "”", '"'))


def _same_event(a: DraftEvent, b: DraftEvent) -> bool:
    """Two drafts of one document with the same date and most of the same participants."""
    if (a.date, a.end) != (b.date, b.end):
        return False
    pa, pb = set(a.participants), set(b.participants)
    shared = len(pa & pb)
    return shared > 0 and shared * 2 >= min(len(pa), len(pb))


def draft_events(
    text: str,
    reference: PartialDate | _dt.date | str | None,
    mentions: Sequence[Mention] = (),
    include_vague: bool = False,
    min_confidence: float = 0.3,
    relations: Sequence[Relation] = (),
) -> list[DraftEvent]:
    """Draft one event per date expression of ``text``.

    Args:
        text: The document text.
        reference: Publication date of the document (relative dates count from it).
        mentions: Known-entity mentions in ``text`` (``AliasMatcher.find``) for participants.
        include_vague: Also draft from vague expressions ("in recent months").
        min_confidence: Skip dates resolved with less confidence (figurative "yesterday's" scores below 0.3).
        relations: The workspace's relations, to propose the state a clause's verb gives one.

    Returns:
        Drafts in text order: one per dated clause that has participants (known
        actors when ``mentions`` are given, else a capitalised name), none from
        headlines, bylines and headings, none for centuries, no repeats.
    """
    dates = find_dates(text, reference)
    ref = reference if isinstance(reference, PartialDate) or reference is None else _as_partial(reference)
    sentences = split_sentences(text)
    furniture = FurnitureIndex(text)
    drafts: list[DraftEvent] = []
    captions: list[bool] = []
    si = 0
    for d in dates:
        if (d.vague and not include_vague) or d.confidence < min_confidence or d.kind in SKIPPED_KINDS:
            continue
        if d.start in furniture or _is_title_line(text, d.start):
            continue
        if d.end_date is not None and d.end_date.year > d.date.year and not d.vague:
            continue  # "from 1910 to 1945", "2037-2039": a period or a plan, not an event
        if ref is not None and d.date.start > ref.end:
            continue  # _FUTURE_NOTE
        while si < len(sentences) and sentences[si][1] <= d.start:
            si += 1
        if si >= len(sentences):
            break
        s0, s1 = sentences[si]
        s0 = min(s0, d.start)
        s1 = max(s1, d.end)
        sentence = text[s0:s1]
        a, b = d.start - s0, d.end - s0
        prefix = _DATELINE_PREFIX.match(sentence)
        if prefix and a < prefix.end():
            continue  # the dateline's date
        if _in_quotation(sentence, a):
            continue  # someone's words: the report does not date an action with them
        if re.fullmatch(r"\d{4}", d.text) and _DETERMINER_BEFORE.search(sentence[:a]) and re.match(r"\s+[A-Za-z]", sentence[b:]):
            continue  # "a 2016 agreement": the year describes a thing
        rest = sentence[:a] + sentence[b:]
        if len(re.findall(r"[a-z]{2,}", rest)) < 3:
            continue  # a dateline or a date on its own line: no action
        aside = next((m for m in _ASIDE.finditer(sentence) if m.start() < a < m.end()), None)
        if aside is not None:
            who_lo = max(0, aside.start() - len(" ".join(sentence[: aside.start()].split()[-3:])))
            if not any(s0 + who_lo <= x.start < s0 + aside.start() for x in mentions):
                continue  # "Li Qiang, who is ... since taking office in March 2023": about someone not named
        lo, hi, made_title = _event_clause(sentence, a, b)
        in_clause = [m for m in mentions if s0 + lo <= m.start and m.end <= s0 + hi]
        if not made_title and lo > 0 and not in_clause:
            lo, hi = 0, len(sentence)  # "since he took office in 2021": the clause names nobody
            in_clause = [m for m in mentions if s0 <= m.start and m.end <= s1]
        in_sentence = [m for m in mentions if s0 <= m.start and m.end <= s1]
        chosen = in_clause or ([] if made_title else in_sentence)
        participants = list(dict.fromkeys(m.entity_id for m in chosen))
        if mentions and not participants:
            continue
        if not mentions and not re.search(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+", sentence.strip()):
            continue  # nobody named
        if made_title:
            title = _title_from(made_title)
        elif lo <= a < hi:
            title = _title(sentence[lo:hi], s0 + lo, d)
        else:
            title = _title_from(sentence[lo:hi])
        if not made_title and lo == 0:
            subject = _WIRE_PREFIX.sub("", _LABEL.sub("", sentence)).lstrip(" \"“‘'")
            head = s0 + len(sentence) - len(subject)  # where the subject starts
            three = len(" ".join(subject.split()[:3]))  # "A man stands", "A Japanese destroyer collided"
            if _UNNAMED_SUBJECT.match(subject) and not any(head <= m.start < head + three for m in in_sentence):
                continue  # "A man stands near a banner ...", "These companies, which ...": nobody named acts
        change = find_state_change(sentence, participants, relations, a, d.date, d.end_date) if relations else None
        draft = DraftEvent(
            date=d.date, end=d.end_date, title=title, participants=tuple(participants), passage=(s0, s1), mention=d,
            confidence=d.confidence, change=change,
        )  # fmt: skip
        caption = bool(_CAPTION.search(sentence))
        same = next((k for k, other in enumerate(drafts) if _same_event(other, draft)), None)
        if same is None:
            drafts.append(draft)
            captions.append(caption)
        elif captions[same] and not caption:
            drafts[same], captions[same] = draft, caption  # the story tells it better than the caption
    return drafts


def _as_partial(value: object) -> PartialDate | None:
    try:
        return PartialDate.parse(value)
    except Exception:  # noqa: BLE001 - an unreadable reference only disables the future check
        return None


def _shortened(clause: str) -> str:
    """A clause cut to title length: before a late preposition, else at a word, capitalised."""
    if len(clause) > TITLE_SOFT:
        cuts = [m.start() for m in _PREPOSITION.finditer(clause, 0, TITLE_MAX) if m.start() > 30]
        if cuts:
            clause = clause[: cuts[-1]].rstrip(" ,;:")
    if len(clause) > TITLE_MAX:
        cut = clause.rfind(" ", 0, TITLE_MAX - 1)
        clause = clause[: cut if cut > 20 else TITLE_MAX - 1].rstrip(" ,;:") + "…"
    return clause[:1].upper() + clause[1:]


def _title_from(clause: str) -> str:
    """A title from a clause that is all event ("when the court ordered ...")."""
    clause = _TITLES_BEFORE_NAMES.sub("", re.sub(r"\s+", " ", clause)).strip(" ,;:.")
    return _shortened(clause)
