"""Pure edits: each takes a snapshot and returns a new one.

AppState wraps them in undo commands; tests call them directly.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from briefing_app.model.types import Alias, Entity, Workspace

SECTIONS = ("entities", "relations", "events", "documents", "annotations")


def _check_section(section: str) -> None:
    if section not in SECTIONS:
        raise ValueError(f"unknown section {section!r}; one of {SECTIONS}")


def put_item(ws: Workspace, section: str, item: Any) -> Workspace:
    """Add ``item`` to a section, or replace the item with the same id (keeping its place)."""
    _check_section(section)
    items = list(getattr(ws, section))
    for i, old in enumerate(items):
        if old.id == item.id:
            items[i] = item
            break
    else:
        items.append(item)
    return ws.with_(**{section: tuple(items)})


def remove_item(ws: Workspace, section: str, item_id: str) -> Workspace:
    """Remove the item with ``item_id`` from a section (no-op when absent)."""
    _check_section(section)
    return ws.with_(**{section: tuple(x for x in getattr(ws, section) if x.id != item_id)})


def new_id(ws: Workspace, section: str, prefix: str) -> str:
    """A fresh id ``<prefix>-<n>`` not used in ``section``."""
    _check_section(section)
    prefix = slug(prefix) or section[:3]
    used = {x.id for x in getattr(ws, section)}
    n = 1
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)$")
    for x in used:
        m = pattern.match(x)
        if m:
            n = max(n, int(m.group(1)) + 1)
    while f"{prefix}-{n:04d}" in used:
        n += 1
    return f"{prefix}-{n:04d}"


def slug(text: str) -> str:
    """A readable id fragment from a name ("South Korea" → "south-korea")."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:40]


def add_alias(ws: Workspace, entity_id: str, text: str, case: str = "auto") -> Workspace:
    """Add an alias to an entity (no-op when it already has that form)."""
    e = ws.entity_by_id[entity_id]
    if text == e.name or any(a.text == text for a in e.aliases):
        return ws
    return put_item(ws, "entities", replace(e, aliases=e.aliases + (Alias(text, case),)))


def remove_alias(ws: Workspace, entity_id: str, text: str) -> Workspace:
    e = ws.entity_by_id[entity_id]
    return put_item(ws, "entities", replace(e, aliases=tuple(a for a in e.aliases if a.text != text)))


def add_entity(ws: Workspace, name: str, type_: str, aliases: tuple[str, ...] = (), **fields: Any) -> tuple[Workspace, str]:
    """Add a new entity with an id made from its name; returns the new snapshot and the id."""
    base = slug(name) or "entity"
    eid, n = base, 2
    while eid in ws.entity_by_id:
        eid, n = f"{base}-{n}", n + 1
    entity = Entity(id=eid, name=name, type=type_, aliases=tuple(Alias(a) for a in aliases), **fields)
    return put_item(ws, "entities", entity), eid


def update_item(ws: Workspace, section: str, item_id: str, **changes: Any) -> Workspace:
    """Replace some fields of one item."""
    _check_section(section)
    old = next((x for x in getattr(ws, section) if x.id == item_id), None)
    if old is None:
        raise KeyError(f"no {section[:-1]} with id {item_id!r}")
    return put_item(ws, section, replace(old, **changes))


def remove_entity(ws: Workspace, entity_id: str) -> Workspace:
    """Remove an entity and every reference to it, so the workspace stays valid.

    Relations left with fewer than two members are removed too.
    """
    ws = remove_item(ws, "entities", entity_id)
    entities = tuple(replace(e, affiliation=None) if e.affiliation == entity_id else e for e in ws.entities)
    relations = []
    for r in ws.relations:
        if entity_id in r.members:
            members = tuple(m for m in r.members if m != entity_id)
            if len(members) < 2:
                continue
            r = replace(r, members=members)
        if r.entity == entity_id:
            r = replace(r, entity=None)
        relations.append(r)
    events = tuple(
        replace(e, participants=tuple(p for p in e.participants if p != entity_id)) if entity_id in e.participants else e
        for e in ws.events
    )
    annotations = tuple(
        replace(a, entities=tuple(x for x in a.entities if x != entity_id)) if entity_id in a.entities else a
        for a in ws.annotations
    )
    return ws.with_(entities=entities, relations=tuple(relations), events=events, annotations=annotations)


def set_briefing(ws: Workspace, **changes: Any) -> Workspace:
    return ws.with_(briefing=replace(ws.briefing, **changes))
