"""Pure edits that accept a proposal from the review queue, with its evidence.

Each function returns a new snapshot in which the accepted item exists and an
``evidence`` annotation is anchored on the passage it came from (the sentence
of a draft event, the sentence of an entity's first mention). The review
queue passes them to ``state.edit`` so each acceptance is one undoable step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from briefing_app.analysis.anchoring import make_selector
from briefing_app.analysis.events import split_sentences
from briefing_app.model.annotations import add_annotation
from briefing_app.model.dates import PartialDate
from briefing_app.model.edits import add_alias, add_entity, new_id, put_item
from briefing_app.model.types import Event, Workspace

__all__ = ["accept_alias", "accept_entity", "accept_event", "sentence_around"]


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``text[start:end]`` (the span itself when none does)."""
    for a, b in split_sentences(text):
        if a <= start and end <= b:
            return a, b
    return start, end


def _evidence(ws: Workspace, doc_id: str, text: str, passage: tuple[int, int], entities: Sequence[str]) -> tuple[Workspace, str]:
    aid = new_id(ws, "annotations", "ann")
    selector = make_selector(text, passage[0], passage[1])
    return add_annotation(ws, doc_id, selector, tag="evidence", entities=tuple(entities), annotation_id=aid), aid


def accept_entity(
    ws: Workspace,
    doc_id: str,
    text: str,
    name: str,
    type_: str,
    aliases: Sequence[str],
    passage: tuple[int, int],
) -> Workspace:
    """Add a new entity and an evidence annotation on ``passage`` naming it.

    Raises:
        ValueError: empty name or type, unknown document, bad passage.
    """
    name = name.strip()
    if not name or not type_.strip():
        raise ValueError("an entity needs a name and a type")
    forms = tuple(dict.fromkeys(a.strip() for a in aliases if a.strip() and a.strip() != name))
    ws, eid = add_entity(ws, name, type_.strip(), forms)
    ws, _aid = _evidence(ws, doc_id, text, passage, (eid,))
    return ws


def accept_alias(
    ws: Workspace, doc_id: str, text: str, entity_id: str, forms: Sequence[str], passage: tuple[int, int]
) -> Workspace:
    """Add surface forms to an existing entity and an evidence annotation on ``passage``.

    Raises:
        KeyError: unknown entity.
    """
    if entity_id not in ws.entity_by_id:
        raise KeyError(f"no entity {entity_id!r}")
    for form in forms:
        if form.strip():
            ws = add_alias(ws, entity_id, form.strip())
    ws, _aid = _evidence(ws, doc_id, text, passage, (entity_id,))
    return ws


def accept_event(
    ws: Workspace,
    doc_id: str,
    text: str,
    date: PartialDate | str,
    end: PartialDate | str | None,
    title: str,
    participants: Sequence[str],
    passage: tuple[int, int],
    kind: str = "",
) -> Workspace:
    """Add an event with an evidence annotation on ``passage``.

    Raises:
        ValueError: bad dates (``DateError``), end before start, empty title, unknown participant.
    """
    start = PartialDate.parse(date)
    last = PartialDate.parse(end) if end not in (None, "") else None
    if last is not None and last.end < start.start:
        raise ValueError(f"the end {last.iso()} is before the start {start.iso()}")
    if not title.strip():
        raise ValueError("an event needs a title")
    unknown = [p for p in participants if p not in ws.entity_by_id]
    if unknown:
        raise ValueError(f"unknown participant(s): {', '.join(unknown)}")
    ws, aid = _evidence(ws, doc_id, text, passage, participants)
    event = Event(
        id=new_id(ws, "events", "ev"), date=start, end=last, title=title.strip(), kind=kind,
        participants=tuple(participants), evidence=(aid,),
    )  # fmt: skip
    ws = put_item(ws, "events", event)
    doc = ws.document_by_id.get(doc_id)
    if doc is not None and doc.title:
        ws = put_item(ws, "events", replace(event, note=f"Drafted from “{doc.title}”."))
    return ws


def accept_state_change(
    ws: Workspace,
    doc_id: str,
    text: str,
    relation_id: str,
    state: str,
    date: PartialDate | str,
    passage: tuple[int, int],
) -> Workspace:
    """Record that ``relation_id`` entered ``state`` on ``date``, with the passage as evidence.

    The state in force at that date (if any) ends there; the new one runs to
    where it ran (open when it was open). Raises ValueError (RelationEditError)
    for an unknown relation or state, or a date before the relation's first state
    when that cannot be split.
    """
    from briefing_app.model.relation_edits import add_state, split_state

    day = PartialDate.parse(date)
    rel = ws.relation_by_id.get(relation_id)
    if rel is None:
        raise ValueError(f"no relation '{relation_id}' in this workspace")
    ws, aid = _evidence(ws, doc_id, text, passage, rel.members)
    for i, st in enumerate(rel.states):
        inside = st.start.start <= day.start and (st.end is None or day.start <= st.end.end)
        if inside and st.start.start < day.start:
            return split_state(ws, relation_id, i, day, state, evidence=(aid,))
    return add_state(ws, relation_id, state, day, evidence=(aid,))
