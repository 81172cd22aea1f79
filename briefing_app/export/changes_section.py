"""The "What changed since DATE" section of the briefing (pure, no Qt).

Built from :func:`briefing_app.model.changes.changes_between` over the period
from the given date to the briefing's day. Every row is cited through the
briefing's note book, so each one gets a footnote pointing to its passage;
rows that cite nothing are marked unsourced, items dated too coarsely are
listed as possibly in the period, and undated items are counted and named.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from briefing_app.model.changes import (
    ENTITY,
    EVENT,
    KIND_TITLES,
    SOURCE,
    STATE_CHANGE,
    Change,
    changes_between,
)
from briefing_app.model.dates import PartialDate
from briefing_app.model.types import Workspace

CHANGES_SECTION_ID = "changes"


@dataclass(frozen=True)
class ChangeRow:
    date: str  # "Mar 2023"
    kind: str  # "Relation state change", "Event" ...
    item: str  # the relation's label, the event's title ...
    change: str  # "suspended → restored", "began (active)", ...
    notes: tuple[int, ...]
    certain: bool = True  # False: the date is too coarse to place it in the period


@dataclass(frozen=True)
class ChangesBody:
    """What the section prints: the period, the rows, and what could not be placed."""

    period: str  # "Jun 2019 – 30 Apr 2023"
    rows: tuple[ChangeRow, ...]
    possibly: tuple[ChangeRow, ...]
    undated: tuple[str, ...]  # "event ev-x (Talks)", ...
    unsourced: int


def changes_title(since: PartialDate) -> str:
    return f"What changed since {since.label()}"


def _change_text(c: Change) -> str:
    if c.kind == STATE_CHANGE:
        return f"{c.from_state.replace('-', ' ')} → {c.to_state.replace('-', ' ')}"
    if c.kind in ("began", "ended"):
        return f"{c.kind} ({(c.to_state or c.from_state).replace('-', ' ')})"
    if c.kind == EVENT:
        return c.detail or "took place"
    if c.kind == ENTITY:
        return c.detail.replace("first in:", "first appears in:")
    if c.kind == SOURCE:
        return "published" + (f" · {c.detail}" if c.detail else "")
    return c.detail


def _kind_text(kind: str) -> str:
    return {STATE_CHANGE: "Relation state change", "began": "Relation began", "ended": "Relation ended",
            EVENT: "Event", ENTITY: "New actor", SOURCE: "New source"}.get(kind, KIND_TITLES.get(kind, kind))


def changes_body(ws: Workspace, since: PartialDate, day: _dt.date,
                 cite: Callable[[Iterable[str]], tuple[int, ...]],
                 source_passages: Callable[[str], tuple[str, ...]]) -> ChangesBody:
    """The section's body, citing each row's evidence in reading order.

    Args:
        ws: The workspace.
        since: First date of the period (from its first day).
        day: The briefing's day: the period ends there.
        cite: Numbers the notes for annotation ids (the briefing's note book).
        source_passages: Annotation ids that cite a document, for "new source" rows.
    """
    report = changes_between(ws, since, PartialDate.from_date(max(day, since.start)))

    def row(c: Change) -> ChangeRow:
        evidence = source_passages(c.item_id) if c.kind == SOURCE else c.evidence
        known = [a for a in evidence if a in ws.annotation_by_id]
        return ChangeRow(c.date.label() if c.date else "undated", _kind_text(c.kind), c.label,
                         _change_text(c), cite(known), c.certain)

    rows = tuple(row(c) for c in report.changes)
    possibly = tuple(row(c) for c in report.possibly)
    undated = tuple(f"{'actor' if k == ENTITY else k} {label} ({i})" for k, i, label in report.undated)
    unsourced = sum(1 for r in rows + possibly if not r.notes)
    period = f"{since.label()} – {PartialDate.from_date(day).label()}"
    return ChangesBody(period, rows, possibly, undated, unsourced)
