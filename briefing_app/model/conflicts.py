"""Merge conflicts recorded in a workspace: reported at their field, resolved by choosing a side.

``briefing-app merge`` keeps our value in place and records each conflict in
a top-level ``conflicts:`` list (section, id, field, base, ours, theirs). The
workspace still loads; validation reports every conflict as an error at the
conflicting field's ``file:line:col`` without blocking the window, and
:func:`resolve_conflict` (used by the window through ``AppState.edit``)
writes the chosen value and drops the record.
"""

from __future__ import annotations

import copy
from typing import Any

from briefing_app.model.parse import SourceMap, build_workspace
from briefing_app.model.problems import Problem
from briefing_app.model.serialize import workspace_dict
from briefing_app.model.types import Workspace
from briefing_app.model.yaml_values import Positions

CONFLICTS_KEY = "conflicts"
SIDES = ("ours", "theirs")
SECTIONS = ("entities", "relations", "events", "documents", "annotations")


def recorded_conflicts(ws: Workspace) -> list[dict[str, Any]]:
    """The conflict records of a workspace (malformed entries are skipped here and reported by validation)."""
    raw = ws.extra.get(CONFLICTS_KEY) or []
    return [c for c in raw if isinstance(c, dict)] if isinstance(raw, list) else []


def short(value: Any, limit: int = 60) -> str:
    """A value as one short line, for messages and buttons."""
    if value is None:
        return "(deleted)"
    if isinstance(value, dict):  # a whole item or relation state: name it rather than dump it
        name = next((value[k] for k in ("name", "label", "title", "state", "exact") if value.get(k)), "")
        ident = value.get("id") or value.get("from") or ""
        value = f"{ident} ({name}), kept as it is on that side" if name else f"{ident}, kept as it is on that side"
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def conflict_problems(ws: Workspace, smap: SourceMap) -> list[Problem]:
    """One error per recorded conflict, at the conflicting field when it can be found (not blocking)."""
    raw = ws.extra.get(CONFLICTS_KEY)
    if raw is None:
        return []
    top = smap.top.get(CONFLICTS_KEY, (1, 1))
    if not isinstance(raw, list):
        return [Problem(smap.file, *top, "'conflicts' must be a list of merge conflicts", "error", False)]
    index = {section: {item.id: i for i, item in enumerate(getattr(ws, section))} for section in SECTIONS}
    out = []
    for c in raw:
        if not isinstance(c, dict):
            out.append(Problem(smap.file, *top, "'conflicts' holds an entry that is not a mapping", "error", False))
            continue
        section, item_id, fld = str(c.get("section", "")), str(c.get("id", "")), str(c.get("field", ""))
        pos = top
        i = index.get(section, {}).get(item_id)
        if i is not None and (section, i) in smap.items:
            first = fld.split(".", 1)[0] if fld not in ("", "*") else None
            pos = smap.items[(section, i)].at(first)
        elif section in smap.top:
            pos = smap.top[section]
        what = f"{section} '{item_id}'" if item_id else section
        where = "the whole item (deleted on one side, edited on the other)" if fld == "*" else f"field '{fld}'"
        out.append(Problem(smap.file, pos[0], pos[1],
                           f"merge conflict in {what}, {where}: ours {short(c.get('ours'))!r}, theirs "
                           f"{short(c.get('theirs'))!r}; ours is in place: choose in the window (Edit ▸ Resolve "
                           "merge conflicts) or edit the value and delete this entry from 'conflicts:'",
                           "error", False))
    return out


def _set_path(container: Any, parts: list[str], value: Any) -> None:
    """Set (or, for None, delete) the value at a dotted path; ``states.<from>`` picks a state by its date."""
    head, rest = parts[0], parts[1:]
    if isinstance(container, list):  # relation states, matched by their "from" date
        for i, item in enumerate(container):
            if isinstance(item, dict) and str(_iso(item.get("from"))) == head:
                if not rest:
                    if value is None:
                        del container[i]
                    else:
                        container[i] = value
                    return
                _set_path(item, rest, value)
                return
        if not rest and value is not None:
            container.append(value)
        return
    if not rest:
        if value is None:
            container.pop(head, None)
        else:
            container[head] = value
        return
    child = container.setdefault(head, [] if head == "states" else {})
    _set_path(child, rest, value)


def _iso(value: Any) -> Any:
    return value.iso() if hasattr(value, "iso") else value


def resolve_conflict(ws: Workspace, index: int, side: str) -> Workspace:
    """A new snapshot with conflict ``index`` resolved to ``side`` ("ours" or "theirs").

    Raises:
        ValueError: for an unknown side or index.
    """
    if side not in SIDES:
        raise ValueError(f"side must be one of {SIDES}, not {side!r}")
    data = copy.deepcopy(workspace_dict(ws))  # the dict shares the snapshot's extra values: never edit those
    records = data.get(CONFLICTS_KEY)
    if not isinstance(records, list) or not 0 <= index < len(records) or not isinstance(records[index], dict):
        raise ValueError(f"no conflict number {index}")
    c = records.pop(index)
    value = c.get(side)
    section, item_id, fld = str(c.get("section", "")), str(c.get("id", "")), str(c.get("field", ""))
    if section in SECTIONS:
        items = data.setdefault(section, [])
        pos = next((i for i, x in enumerate(items) if x.get("id") == item_id), None)
        if fld == "*":
            if pos is not None:
                items.pop(pos)
            if value is not None:
                items.append(value)
                items.sort(key=lambda x: str(x.get("id", "")))
        elif pos is not None:
            _set_path(items[pos], fld.split("."), value)
    elif fld:
        _set_path(data.setdefault(section, {}), fld.split("."), value)
    elif value is None:
        data.pop(section, None)
    else:
        data[section] = value
    if not records:
        data.pop(CONFLICTS_KEY)
    new, _smap, _problems = build_workspace(data, Positions(), "")
    return new.with_(root=ws.root)
