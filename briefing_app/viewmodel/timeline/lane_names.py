"""Display names of timeline lanes: short actor names joined into lane labels.

Pure Python (no Qt).
"""

from __future__ import annotations

from typing import Sequence

from briefing_app.model.types import Entity, Workspace

__all__ = ["OTHER_LANE", "lane_label", "short_name"]

OTHER_LANE = "Other events"


def short_name(entity: Entity | None, entity_id: str, *, compact: bool = False) -> str:
    """A short display name for lane labels.

    A multi-word name longer than 12 characters ("United States") is replaced
    by its shortest acronym alias ("US"); with ``compact`` (lanes of three or
    more actors) every multi-word name is ("South Korea" → "ROK").

    Args:
        entity: The entity, or None when the id is unknown.
        entity_id: Used as the name when the entity is unknown.
        compact: Prefer acronyms for every multi-word name.
    """
    if entity is None:
        return entity_id
    name = entity.name.strip() or entity_id
    if " " not in name or (len(name) <= 12 and not compact):
        return name
    acronyms = [
        a.text.replace(".", "")
        for a in entity.aliases
        if a.text.replace(".", "").isalpha() and a.text.replace(".", "").isupper() and 2 <= len(a.text.replace(".", "")) <= 5
    ]
    if not acronyms:
        return name
    return min(acronyms, key=lambda s: (len(s), s))


def lane_label(ws: Workspace, members: Sequence[str]) -> str:
    """A lane label from actor ids: "US–Japan", "Japan–South Korea", "US–Japan–ROK"."""
    if not members:
        return OTHER_LANE
    compact = len(members) > 2
    return "–".join(short_name(ws.entity_by_id.get(m), m, compact=compact) for m in members)
