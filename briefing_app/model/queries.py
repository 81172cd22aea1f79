"""Questions asked of a snapshot: what held at a date, who is mentioned where."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from briefing_app.model.types import Entity, Event, Relation, RelationState, Workspace


def relation_states_at(ws: Workspace, day: _dt.date) -> dict[str, RelationState | None]:
    """The state of every relation on ``day`` (None: not yet in force, or no state covers it)."""
    return {r.id: r.state_at(day) for r in ws.relations}


def relations_of(ws: Workspace, entity_id: str) -> list[Relation]:
    return [r for r in ws.relations if entity_id in r.members or r.entity == entity_id]


def events_of(ws: Workspace, entity_id: str) -> list[Event]:
    return [e for e in ws.events if entity_id in e.participants]


def events_between(ws: Workspace, start: _dt.date, end: _dt.date) -> list[Event]:
    """Dated events whose period overlaps ``[start, end]``, in date order."""
    out = []
    for e in ws.events:
        if e.date is None:
            continue
        last = (e.end or e.date).end
        if e.date.start <= end and last >= start:
            out.append(e)
    return sorted(out, key=lambda e: e.date.sort_key())  # type: ignore[union-attr]


def evidence_users(ws: Workspace, annotation_id: str) -> list[tuple[str, str]]:
    """Which relation states and events cite an annotation: (kind, id) pairs."""
    users: list[tuple[str, str]] = []
    for r in ws.relations:
        if any(annotation_id in s.evidence for s in r.states):
            users.append(("relation", r.id))
    for e in ws.events:
        if annotation_id in e.evidence:
            users.append(("event", e.id))
    return users


def default_day(ws: Workspace, today: _dt.date | None = None) -> _dt.date:
    """The day views open at: the briefing's as-of date, else today."""
    if ws.briefing.as_of is not None:
        return ws.briefing.as_of.end
    return today or _dt.date.today()


def display_name(ws: Workspace, entity_id: str) -> str:
    e = ws.entity_by_id.get(entity_id)
    return e.name if e else entity_id


def entities_of_type(ws: Workspace, types: Iterable[str]) -> list[Entity]:
    wanted = set(types)
    return [e for e in ws.entities if e.type in wanted]
