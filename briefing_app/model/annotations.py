"""Pure edits of annotations and of their use as evidence.

Each function takes a snapshot and returns a new one (AppState wraps it in an
undoable command). Deleting an annotation also removes it from the evidence
lists that cite it, so the workspace stays valid. Anchoring them in changed
texts lives in :mod:`briefing_app.analysis.anchoring` (``anchor_workspace``).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from typing import Any, Mapping

from briefing_app.model.edits import new_id, put_item, remove_item
from briefing_app.model.types import CONFIDENCE_LEVELS, Annotation, Event, Selector, Workspace

_FIELDS = ("tag", "note", "color", "confidence", "entities")


class AnnotationError(ValueError):
    """An annotation edit that cannot be made (unknown id, bad value)."""


def now_iso() -> str:
    """The current UTC time as written in the workspace (seconds, ``Z``)."""
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _check(ws: Workspace, document: str | None = None, tag: str | None = None, confidence: str | None = None) -> None:
    if document is not None and document not in ws.document_by_id:
        raise AnnotationError(f"no document {document!r} in this workspace")
    if tag is not None and not tag.strip():
        raise AnnotationError("an annotation needs a tag")
    if confidence and confidence not in CONFIDENCE_LEVELS:
        raise AnnotationError(f"unknown confidence {confidence!r}; one of {', '.join(CONFIDENCE_LEVELS)}")


def add_annotation(
    ws: Workspace,
    document: str,
    selector: Selector,
    tag: str = "evidence",
    note: str = "",
    color: str = "",
    confidence: str = "",
    entities: tuple[str, ...] = (),
    annotation_id: str | None = None,
    when: str | None = None,
) -> Workspace:
    """Add an annotation on a passage.

    Args:
        ws: The snapshot.
        document: Id of the annotated document.
        selector: Where the passage is (see ``anchoring.make_selector``).
        tag: Key judgment, evidence, ... (built-in or the workspace's own).
        note: Free text.
        color: Display colour (``#rrggbb``) or '' for the tag's default.
        confidence: An ICD 203 word (``CONFIDENCE_LEVELS``) or ''.
        entities: Ids of the actors the passage is about.
        annotation_id: The id to use; a fresh ``ann-NNNN`` when None.
        when: Creation time (ISO); now when None.

    Raises:
        AnnotationError: Unknown document, empty tag, unknown confidence or
            an id already in use.
    """
    _check(ws, document, tag, confidence)
    aid = annotation_id or new_id(ws, "annotations", "ann")
    if aid in ws.annotation_by_id:
        raise AnnotationError(f"annotation id {aid!r} is already used")
    stamp = when or now_iso()
    ann = Annotation(
        id=aid,
        document=document,
        selector=selector,
        tag=tag,
        note=note,
        color=color,
        confidence=confidence,
        entities=tuple(entities),
        created=stamp,
        modified=stamp,
    )
    return put_item(ws, "annotations", ann)


def update_annotation(ws: Workspace, annotation_id: str, when: str | None = None, **changes: Any) -> Workspace:
    """Change an annotation's tag, note, colour, confidence or entities.

    Raises:
        AnnotationError: Unknown id or field, or a bad value.
    """
    ann = _get(ws, annotation_id)
    unknown = set(changes) - set(_FIELDS)
    if unknown:
        raise AnnotationError(f"cannot change {', '.join(sorted(unknown))} of an annotation")
    _check(ws, tag=changes.get("tag"), confidence=changes.get("confidence"))
    if "entities" in changes:
        changes["entities"] = tuple(changes["entities"])
    new = replace(ann, **changes)
    if new == ann:
        return ws
    return put_item(ws, "annotations", replace(new, modified=when or now_iso()))


def reattach_annotation(ws: Workspace, annotation_id: str, selector: Selector, when: str | None = None) -> Workspace:
    """Give an (orphaned) annotation a new passage in its document."""
    ann = _get(ws, annotation_id)
    return put_item(ws, "annotations", replace(ann, selector=selector, modified=when or now_iso()))


def delete_annotation(ws: Workspace, annotation_id: str) -> Workspace:
    """Remove an annotation and every evidence reference to it."""
    _get(ws, annotation_id)
    ws = remove_item(ws, "annotations", annotation_id)
    relations = tuple(
        replace(
            r,
            states=tuple(
                replace(s, evidence=tuple(e for e in s.evidence if e != annotation_id)) if annotation_id in s.evidence else s
                for s in r.states
            ),
        )
        if any(annotation_id in s.evidence for s in r.states)
        else r
        for r in ws.relations
    )
    events = tuple(
        replace(e, evidence=tuple(x for x in e.evidence if x != annotation_id)) if annotation_id in e.evidence else e
        for e in ws.events
    )
    return ws.with_(relations=relations, events=events)


def link_to_relation_state(ws: Workspace, annotation_id: str, relation_id: str, state_index: int) -> Workspace:
    """Cite an annotation as evidence for one state of a relation (no-op if it already is)."""
    _get(ws, annotation_id)
    rel = ws.relation_by_id.get(relation_id)
    if rel is None:
        raise AnnotationError(f"no relation {relation_id!r}")
    if not 0 <= state_index < len(rel.states):
        raise AnnotationError(f"relation {relation_id!r} has no state number {state_index + 1}")
    state = rel.states[state_index]
    if annotation_id in state.evidence:
        return ws
    states = list(rel.states)
    states[state_index] = replace(state, evidence=state.evidence + (annotation_id,))
    return put_item(ws, "relations", replace(rel, states=tuple(states)))


def link_to_event(ws: Workspace, annotation_id: str, event_id: str) -> Workspace:
    """Cite an annotation as evidence for an event (no-op if it already is)."""
    _get(ws, annotation_id)
    ev = ws.event_by_id.get(event_id)
    if ev is None:
        raise AnnotationError(f"no event {event_id!r}")
    if annotation_id in ev.evidence:
        return ws
    return put_item(ws, "events", replace(ev, evidence=ev.evidence + (annotation_id,)))


def unlink_evidence(ws: Workspace, annotation_id: str, target_kind: str, target_id: str, state_index: int = -1) -> Workspace:
    """Stop citing an annotation for a relation state or an event."""
    if target_kind == "event":
        ev = ws.event_by_id.get(target_id)
        if ev is None or annotation_id not in ev.evidence:
            return ws
        return put_item(ws, "events", replace(ev, evidence=tuple(x for x in ev.evidence if x != annotation_id)))
    if target_kind == "relation":
        rel = ws.relation_by_id.get(target_id)
        if rel is None or not 0 <= state_index < len(rel.states):
            return ws
        states = list(rel.states)
        s = states[state_index]
        states[state_index] = replace(s, evidence=tuple(x for x in s.evidence if x != annotation_id))
        return put_item(ws, "relations", replace(rel, states=tuple(states)))
    raise AnnotationError(f"unknown evidence target kind {target_kind!r}")


def annotate_with_evidence(
    ws: Workspace,
    document: str,
    selector: Selector,
    annotation_id: str,
    fields: Mapping[str, Any],
    relation_state: tuple[str, int] | None = None,
    event_id: str | None = None,
    new_event: Event | None = None,
) -> Workspace:
    """Add an annotation and, in the same step, link it as evidence.

    One function so that the whole dialog result is one undo step.

    Args:
        fields: Keyword arguments of :func:`add_annotation` (tag, note, ...).
        relation_state: (relation id, state index) to cite it for.
        event_id: An existing event to cite it for.
        new_event: A new event (its evidence gets the annotation) to add.
    """
    ws = add_annotation(ws, document, selector, annotation_id=annotation_id, **fields)
    if relation_state is not None:
        ws = link_to_relation_state(ws, annotation_id, *relation_state)
    if event_id:
        ws = link_to_event(ws, annotation_id, event_id)
    if new_event is not None:
        if new_event.id in ws.event_by_id:
            raise AnnotationError(f"event id {new_event.id!r} is already used")
        if not new_event.title.strip():
            raise AnnotationError("a new event needs a title")
        ws = put_item(ws, "events", replace(new_event, evidence=new_event.evidence + (annotation_id,)))
    return ws


def cited_by(ws: Workspace, annotation_id: str) -> list[str]:
    """Human-readable names of what an annotation is evidence for."""
    out = []
    for r in ws.relations:
        for i, s in enumerate(r.states):
            if annotation_id in s.evidence:
                out.append(f"{r.label or r.id}: {s.state} from {s.start}")
    out.extend(f"event: {e.title}" for e in ws.events if annotation_id in e.evidence)
    return out


def _get(ws: Workspace, annotation_id: str) -> Annotation:
    ann = ws.annotation_by_id.get(annotation_id)
    if ann is None:
        raise AnnotationError(f"no annotation {annotation_id!r}")
    return ann
