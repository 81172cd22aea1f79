"""Draft events from the dated sentences of a document.

Every date expression (see :mod:`briefing_app.analysis.dates`)
gives one draft: its date or range with the precision the text gave, a title
taken from the clause around it, the entities mentioned in the same sentence
as proposed participants, and the sentence as the evidence passage. Nothing
here touches a workspace: the review queue decides what becomes an event.
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

TITLE_MAX = 90
TITLE_SOFT = 72  # past this, a title is cut before its last preposition phrase within TITLE_MAX
SKIPPED_KINDS = ("century",)  # "the 21st century" is an era, not an event


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
_WIRE_PREFIX = re.compile(r"^\s*[A-Z][A-Z/ .'-]+(?:,\s*[A-Z][a-z]+)?\s*(?:\([^)\n]{1,30}\))?\s*(?:--|[-–—:])\s*")
_PREPOSITION = re.compile(r"\s(?:on|in|at|near|after|amid|for|during|with|from|to|as|which|who|that)\s")


def _title(sentence: str, offset: int, mention: DateMention) -> str:
    """The clause around a date expression, without the expression, as a title."""
    a, b = mention.start - offset, mention.end - offset
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
    clause = _TITLES_BEFORE_NAMES.sub("", _WIRE_PREFIX.sub("", clause))
    if len(clause) > TITLE_SOFT:
        cuts = [m.start() for m in _PREPOSITION.finditer(clause, 0, TITLE_MAX) if m.start() > 30]
        if cuts:
            clause = clause[: cuts[-1]].rstrip(" ,;:")
    if len(clause) > TITLE_MAX:
        cut = clause.rfind(" ", 0, TITLE_MAX - 1)
        clause = clause[: cut if cut > 20 else TITLE_MAX - 1].rstrip(" ,;:") + "…"
    return clause[:1].upper() + clause[1:]


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
    sentences = split_sentences(text)
    furniture = FurnitureIndex(text)
    drafts: list[DraftEvent] = []
    seen: set[tuple] = set()
    si = 0
    for d in dates:
        if (d.vague and not include_vague) or d.confidence < min_confidence or d.kind in SKIPPED_KINDS:
            continue
        if d.start in furniture:
            continue
        while si < len(sentences) and sentences[si][1] <= d.start:
            si += 1
        if si >= len(sentences):
            break
        s0, s1 = sentences[si]
        s0 = min(s0, d.start)
        s1 = max(s1, d.end)
        participants: list[str] = []
        for m in mentions:
            if s0 <= m.start and m.end <= s1 and m.entity_id not in participants:
                participants.append(m.entity_id)
        sentence = text[s0:s1]
        rest = sentence[: d.start - s0] + sentence[d.end - s0 :]
        if len(re.findall(r"[a-z]{2,}", rest)) < 3:
            continue  # a dateline or a date on its own line: no action
        if mentions and not participants:
            continue
        if not mentions and not re.search(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+", sentence.strip()):
            continue  # nobody named
        key = (d.date, d.end_date, frozenset(participants), s0 if not participants else None)
        if key in seen:
            continue
        seen.add(key)
        change = find_state_change(sentence, participants, relations, d.start - s0) if relations else None
        drafts.append(
            DraftEvent(
                date=d.date, end=d.end_date, title=_title(sentence, s0, d), participants=tuple(participants),
                passage=(s0, s1), mention=d, confidence=d.confidence, change=change,
            )
        )  # fmt: skip
    return drafts
