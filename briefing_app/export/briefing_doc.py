"""The composed briefing: what it contains, in which order, with its notes numbered.

Plain frozen dataclasses made by :mod:`briefing_app.export.compose` and drawn
by :mod:`briefing_app.export.pdf`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field

@dataclass(frozen=True)
class TitlePage:
    banner: str
    title: str
    subtitle: str
    author: str
    as_of: str  # human form: "30 Apr 2023"
    summary: str  # one line: how many sources, judgments, relations


@dataclass(frozen=True)
class Paragraphs:
    """Plain paragraphs (the BLUF)."""

    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class KeyJudgment:
    number: int
    statement: str
    confidence: str  # estimative phrase with its range, "" when not given
    quote: str  # the source passage it rests on
    notes: tuple[int, ...]


@dataclass(frozen=True)
class FigureSlot:
    kind: str  # "map" | "timeline": the figure provider to ask
    number: int
    caption: str
    day: _dt.date
    x_range: tuple[_dt.date, _dt.date] | None = None  # the period a timeline shows (None: all of it)


@dataclass(frozen=True)
class RelationRow:
    relation_id: str
    label: str
    members: str
    kind: str
    state: str  # "" when no state covers the day
    period: str  # "since Mar 2023", "Aug 2019 – Nov 2019"
    notes: tuple[int, ...]


@dataclass(frozen=True)
class ChronologyEntry:
    event_id: str
    date: str
    title: str
    participants: str
    notes: tuple[int, ...]


@dataclass(frozen=True)
class Excerpt:
    """A quoted passage with where it comes from (evidence, assumptions, questions)."""

    annotation_id: str
    tag: str
    quote: str
    note: str
    document: str
    publisher: str
    date: str
    reliability: str  # "B2 — usually reliable, probably true" or ""
    source_number: int | None
    notes: tuple[int, ...]


@dataclass(frozen=True)
class GlossaryEntry:
    entity_id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    affiliation: str
    description: str


@dataclass(frozen=True)
class Note:
    """One numbered note: the passage an item rests on and its source."""

    number: int
    annotation_id: str
    quote: str
    citation: str  # "Title, Publisher, 4 Jul 2019, graded B2"
    source_number: int | None  # link target in the source list
    problem: str = ""  # why the note is incomplete, shown in the PDF
    short: str = ""  # "Short title…, 24 Apr 2023; graded F2": the footnote form (full entry in the source list)


@dataclass(frozen=True)
class SourceEntry:
    number: int
    document_id: str
    title: str
    publisher: str
    published: str
    url: str
    reliability: str
    cited: bool
    problem: str = ""


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    body: object  # Paragraphs, FigureSlot, or a tuple of items of one kind
    empty_text: str = ""  # what to print when the body has no items


@dataclass(frozen=True)
class BriefingDoc:
    """Everything the renderer needs, in order."""

    title_page: TitlePage
    sections: tuple[Section, ...]
    notes: tuple[Note, ...]
    sources: tuple[SourceEntry, ...]
    banner: str
    paper: str
    as_of: _dt.date
    metadata: Mapping[str, str]  # title, author, subject, keywords
    problems: tuple[str, ...] = field(default=())
