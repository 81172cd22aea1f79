"""Pure edits of relations, their time-bounded states, and events.

Each function takes a snapshot and returns a new one, so AppState can make
it one undoable step. Every value is checked here, with a message a person
can act on (:class:`RelationEditError`, a ``ValueError``): the editors show
it and stay open, and nothing invalid reaches the workspace file.

States are kept in order of their start. Splitting a state at a date ends
the first part at that date and starts the second there; where the two meet
on that day the later-starting one wins (see ``Relation.state_at``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Iterable, Sequence

from briefing_app.model.dates import DateError, PartialDate
from briefing_app.model.edits import put_item, remove_item, slug
from briefing_app.model.types import Event, Relation, RelationState, Workspace

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")
RELATION_FIELDS = ("kind", "members", "label", "lane", "directed", "entity", "description")
STATE_FIELDS = ("state", "start", "end", "evidence", "note")
EVENT_FIELDS = ("date", "end", "title", "kind", "participants", "lane", "evidence", "description", "note")


class RelationEditError(ValueError):
    """A relation or event edit that cannot be made, with what to do instead."""


# -- values ---------------------------------------------------------------------------
def as_date(value: object, what: str = "date", required: bool = True) -> PartialDate | None:
    """A partial date from text (``2019``, ``2019-07``, ``2019-07-04``), a date or None.

    Raises:
        RelationEditError: when the value is not a date, or missing but required.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RelationEditError(f"the {what} is missing (use YYYY, YYYY-MM or YYYY-MM-DD)")
        return None
    try:
        return PartialDate.parse(value)
    except DateError as exc:
        raise RelationEditError(f"the {what}: {exc}") from None


def _check_span(start: PartialDate | None, end: PartialDate | None, what: str) -> None:
    if start is not None and end is not None and end.end < start.start:
        raise RelationEditError(f"{what} ends ({end.label()}) before it starts ({start.label()})")


def _check_entities(ws: Workspace, ids: Iterable[str], what: str) -> tuple[str, ...]:
    out: list[str] = []
    for x in ids:
        if x not in ws.entity_by_id:
            raise RelationEditError(f"{what}: no entity {x!r} in this workspace (add it first)")
        if x not in out:
            out.append(x)
    return tuple(out)


def _check_evidence(ws: Workspace, ids: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for x in ids:
        if x not in ws.annotation_by_id:
            raise RelationEditError(f"evidence: no annotation {x!r} (annotate the passage first)")
        if x not in out:
            out.append(x)
    return tuple(out)


def _check_id(item_id: str) -> None:
    if not _ID.match(item_id or ""):
        raise RelationEditError(f"{item_id!r} is not an id (letters, digits, '.', '_', ':' or '-')")


# -- relations ------------------------------------------------------------------------
def new_relation_id(ws: Workspace, members: Sequence[str], kind: str) -> str:
    """A readable fresh id from the members and kind ("jpn-kor-alliance", then "-2", ...)."""
    base = slug("-".join([*members[:3], kind])) or "relation"
    rid, n = base, 2
    while rid in ws.relation_by_id:
        rid, n = f"{base}-{n}", n + 1
    return rid


def _check_relation(ws: Workspace, rel: Relation) -> Relation:
    members = _check_entities(ws, rel.members, "members")
    if len(members) < 2:
        raise RelationEditError("a relation needs at least two different members")
    kinds = ws.vocabulary.all_relation_kinds()
    if rel.kind not in kinds:
        raise RelationEditError(f"unknown relation kind {rel.kind!r}; one of {', '.join(kinds)} "
                                "(or add it to the workspace vocabulary)")
    if rel.entity is not None and rel.entity not in ws.entity_by_id:
        raise RelationEditError(f"embodied by: no entity {rel.entity!r}")
    return replace(rel, members=members, label=rel.label.strip(), lane=rel.lane.strip())


def create_relation(
    ws: Workspace,
    members: Sequence[str],
    kind: str,
    label: str = "",
    lane: str = "",
    directed: bool = False,
    states: Sequence[RelationState] = (),
    relation_id: str | None = None,
    entity: str | None = None,
    description: str = "",
) -> Workspace:
    """Add a relation between two or more entities.

    Args:
        ws: The snapshot.
        members: Entity ids (for a directed relation, who acts first).
        kind: A relation kind of the workspace's vocabulary.
        label: What the relation is called in views and the briefing.
        lane: The timeline lane; derived from the members when empty.
        directed: Whether ``members[0]`` acts on ``members[1]``.
        states: Its first states (each checked as by :func:`add_state`).
        relation_id: The id to use; a fresh readable one when None.
        entity: The agreement or body that embodies it, if any.
        description: Free text.

    Raises:
        RelationEditError: fewer than two members, unknown entity or kind,
            an id in use, or a bad state.
    """
    rid = relation_id or new_relation_id(ws, members, kind)
    _check_id(rid)
    if rid in ws.relation_by_id:
        raise RelationEditError(f"relation id {rid!r} is already used")
    rel = _check_relation(ws, Relation(id=rid, kind=kind, members=tuple(members), directed=directed, label=label,
                                       lane=lane, entity=entity or None, description=description))
    rel = replace(rel, states=_sorted(_check_state(ws, s) for s in states))
    return put_item(ws, "relations", rel)


def update_relation(ws: Workspace, relation_id: str, **changes: Any) -> Workspace:
    """Change a relation's kind, members, label, lane, direction, entity or description."""
    rel = _relation(ws, relation_id)
    unknown = set(changes) - set(RELATION_FIELDS)
    if unknown:
        raise RelationEditError(f"cannot change {', '.join(sorted(unknown))} of a relation")
    if "members" in changes:
        changes["members"] = tuple(changes["members"])
    if "entity" in changes:
        changes["entity"] = changes["entity"] or None
    new = _check_relation(ws, replace(rel, **changes))
    return ws if new == rel else put_item(ws, "relations", new)


def remove_relation(ws: Workspace, relation_id: str) -> Workspace:
    """Remove a relation (nothing else refers to relations; its evidence annotations stay)."""
    _relation(ws, relation_id)
    return remove_item(ws, "relations", relation_id)


# -- states ---------------------------------------------------------------------------
def make_state(
    state: str, start: object, end: object = None, evidence: Iterable[str] = (), note: str = ""
) -> RelationState:
    """A :class:`RelationState` from editor values (dates as text or PartialDate)."""
    s = as_date(start, "start date")
    e = as_date(end, "end date", required=False)
    _check_span(s, e, f"the '{state}' state")
    return RelationState(state=state, start=s, end=e, evidence=tuple(evidence), note=note)  # type: ignore[arg-type]


def _check_state(ws: Workspace, st: RelationState) -> RelationState:
    states = ws.vocabulary.all_relation_states()
    if st.state not in states:
        raise RelationEditError(f"unknown state {st.state!r}; one of {', '.join(states)}")
    _check_span(st.start, st.end, f"the '{st.state}' state")
    return replace(st, evidence=_check_evidence(ws, st.evidence), note=st.note.strip())


def _sorted(states: Iterable[RelationState]) -> tuple[RelationState, ...]:
    return tuple(sorted(states, key=lambda s: s.start.sort_key()))  # stable: equal starts keep their order


def _with_states(ws: Workspace, rel: Relation, states: Iterable[RelationState]) -> Workspace:
    return put_item(ws, "relations", replace(rel, states=_sorted(states)))


def add_state(
    ws: Workspace, relation_id: str, state: str, start: object, end: object = None,
    evidence: Iterable[str] = (), note: str = "",
) -> Workspace:
    """Add a time-bounded state to a relation (kept in order of start)."""
    rel = _relation(ws, relation_id)
    st = _check_state(ws, make_state(state, start, end, evidence, note))
    return _with_states(ws, rel, (*rel.states, st))


def edit_state(ws: Workspace, relation_id: str, index: int, **changes: Any) -> Workspace:
    """Change a state's word, dates, evidence or note. Dates may be given as text."""
    rel = _relation(ws, relation_id)
    old = _state(rel, index)
    unknown = set(changes) - set(STATE_FIELDS)
    if unknown:
        raise RelationEditError(f"cannot change {', '.join(sorted(unknown))} of a state")
    if "start" in changes:
        changes["start"] = as_date(changes["start"], "start date")
    if "end" in changes:
        changes["end"] = as_date(changes["end"], "end date", required=False)
    if "evidence" in changes:
        changes["evidence"] = tuple(changes["evidence"])
    new = _check_state(ws, replace(old, **changes))
    if new == old:
        return ws
    states = list(rel.states)
    states[index] = new
    return _with_states(ws, rel, states)


def end_state(ws: Workspace, relation_id: str, index: int, end: object) -> Workspace:
    """Close an open (or move the end of a) state at ``end``."""
    return edit_state(ws, relation_id, index, end=as_date(end, "end date"))


def split_state(
    ws: Workspace, relation_id: str, index: int, at: object, new_state: str,
    evidence: Iterable[str] = (), note: str = "",
) -> Workspace:
    """Split a state at ``at``: the first part ends there, ``new_state`` runs from there to the old end.

    Raises:
        RelationEditError: when ``at`` is not inside the state.
    """
    rel = _relation(ws, relation_id)
    old = _state(rel, index)
    day = as_date(at, "split date")
    assert day is not None
    if day.start < old.start.start or (old.end is not None and day.start > old.end.end):
        span = f"{old.start.label()} – {old.end.label() if old.end else 'now'}"
        raise RelationEditError(f"{day.label()} is not inside the '{old.state}' state ({span})")
    first = replace(old, end=day)
    second = _check_state(ws, make_state(new_state, day, old.end, evidence, note))
    states = list(rel.states)
    states[index] = first
    states.insert(index + 1, second)
    return _with_states(ws, rel, states)


def remove_state(ws: Workspace, relation_id: str, index: int) -> Workspace:
    rel = _relation(ws, relation_id)
    _state(rel, index)
    return put_item(ws, "relations", replace(rel, states=rel.states[:index] + rel.states[index + 1:]))


def set_states(ws: Workspace, relation_id: str, states: Sequence[RelationState]) -> Workspace:
    """Replace every state of a relation at once (the editor's table), each checked."""
    rel = _relation(ws, relation_id)
    return _with_states(ws, rel, [_check_state(ws, s) for s in states])


# -- events ---------------------------------------------------------------------------
def new_event_id(ws: Workspace, title: str) -> str:
    """A readable fresh id from the title ("ev-gsomia-restored", then "-2", ...)."""
    base = "ev-" + (slug(title)[:32].strip("-") or "event")
    eid, n = base, 2
    while eid in ws.event_by_id:
        eid, n = f"{base}-{n}", n + 1
    return eid


def _check_event(ws: Workspace, ev: Event) -> Event:
    title = " ".join(ev.title.split())
    if not title:
        raise RelationEditError("an event needs a title")
    if ev.date is None:
        raise RelationEditError("an event needs a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    _check_span(ev.date, ev.end, f"the event '{title}'")
    return replace(
        ev,
        title=title,
        kind=ev.kind.strip(),
        lane=ev.lane.strip(),
        participants=_check_entities(ws, ev.participants, "participants"),
        evidence=_check_evidence(ws, ev.evidence),
    )


def create_event(
    ws: Workspace,
    title: str,
    date: object,
    end: object = None,
    kind: str = "",
    participants: Iterable[str] = (),
    lane: str = "",
    evidence: Iterable[str] = (),
    description: str = "",
    note: str = "",
    event_id: str | None = None,
) -> Workspace:
    """Add an event. ``date``/``end`` are partial dates (text or PartialDate): their precision is kept.

    Raises:
        RelationEditError: no title, bad or missing date, end before date,
            unknown participant or evidence, or an id in use.
    """
    eid = event_id or new_event_id(ws, title)
    _check_id(eid)
    if eid in ws.event_by_id:
        raise RelationEditError(f"event id {eid!r} is already used")
    ev = Event(id=eid, date=as_date(date), title=title, end=as_date(end, "end date", required=False), kind=kind,
               participants=tuple(participants), lane=lane, evidence=tuple(evidence), description=description,
               note=note)
    return put_item(ws, "events", _check_event(ws, ev))


def update_event(ws: Workspace, event_id: str, **changes: Any) -> Workspace:
    """Change any field of an event; dates may be given as text."""
    ev = ws.event_by_id.get(event_id)
    if ev is None:
        raise RelationEditError(f"no event {event_id!r}")
    unknown = set(changes) - set(EVENT_FIELDS)
    if unknown:
        raise RelationEditError(f"cannot change {', '.join(sorted(unknown))} of an event")
    if "date" in changes:
        changes["date"] = as_date(changes["date"])
    if "end" in changes:
        changes["end"] = as_date(changes["end"], "end date", required=False)
    for key in ("participants", "evidence"):
        if key in changes:
            changes[key] = tuple(changes[key])
    new = _check_event(ws, replace(ev, **changes))
    return ws if new == ev else put_item(ws, "events", new)


def remove_event(ws: Workspace, event_id: str) -> Workspace:
    if event_id not in ws.event_by_id:
        raise RelationEditError(f"no event {event_id!r}")
    return remove_item(ws, "events", event_id)


# -- lookups ---------------------------------------------------------------------------
def _relation(ws: Workspace, relation_id: str) -> Relation:
    rel = ws.relation_by_id.get(relation_id)
    if rel is None:
        raise RelationEditError(f"no relation {relation_id!r}")
    return rel


def _state(rel: Relation, index: int) -> RelationState:
    if not 0 <= index < len(rel.states):
        raise RelationEditError(f"relation {rel.label or rel.id!r} has no state number {index + 1}")
    return rel.states[index]
