"""Three-way merge of workspaces by item id and by field (pure, no Qt).

Two analysts who each add an entity at the same place in the sorted list get
a textual conflict from git, and a YAML file with conflict markers does not
load. Merging the parsed workspaces instead: items are matched by id,
mappings key by key; additions, deletions and edits of different items or
fields merge cleanly; list fields that are sets (aliases, members, evidence,
participants, links, actors) merge as sets; relation states merge by their
``from`` date. Where both sides changed the same field differently, ours is
kept in place and the conflict is recorded under a top-level ``conflicts:``
list that validation reports at the field (``file:line:col``) and the window
offers to resolve. A renamed id cannot be told from a delete plus an add,
so it is refused with a message rather than merged wrongly.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from typing import Any

from briefing_app.model.conflicts import CONFLICTS_KEY, SECTIONS
from briefing_app.model.dates import DateError, PartialDate
from briefing_app.model.parse import build_workspace
from briefing_app.model.problems import Problem
from briefing_app.model.serialize import workspace_dict
from briefing_app.model.types import Workspace
from briefing_app.model.yaml_values import Positions

# List fields whose order carries no meaning: merged as sets.
SET_FIELDS = frozenset({"aliases", "members", "evidence", "participants", "links", "entities",
                        "entity_types", "relation_kinds", "relation_states", "annotation_tags"})
WHOLE_ITEM = "*"  # a conflict about the item itself (deleted on one side, edited on the other)


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


MISSING: Any = _Missing()


class MergeRefused(Exception):
    """The three versions cannot be merged by id (a renamed id); the message says what to do."""


@dataclass(frozen=True)
class Conflict:
    """Both sides changed one field differently (or one deleted what the other edited).

    ``None`` in ``base``/``ours``/``theirs`` means the value (or the item) is absent there.
    """

    section: str  # "entities" ... or "briefing" / "vocabulary" / a top-level key
    item_id: str  # "" for the briefing and other mappings without ids
    field: str  # dotted path inside the item ("states.2019-08.state"), or "*" for the whole item
    base: Any
    ours: Any
    theirs: Any

    def as_dict(self) -> dict[str, Any]:
        return {"section": self.section, "id": self.item_id, "field": self.field,
                "base": _plain(self.base), "ours": _plain(self.ours), "theirs": _plain(self.theirs)}


@dataclass
class MergeResult:
    workspace: Workspace
    conflicts: list[Conflict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # the merged workspace's own problems
    notes: list[str] = field(default_factory=list)  # what was done that the user should know (renumbered ids)


def _plain(value: Any) -> Any:
    """Conflict values as plain YAML data (absent → None)."""
    if value is MISSING:
        return None
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _same(a: Any, b: Any) -> bool:
    """Equal as data (plain ==: dicts, lists, strings, numbers and partial dates compare by value)."""
    return a is b or (a is not MISSING and b is not MISSING and a == b)


def _key(value: Any) -> str:
    return json.dumps(_plain(value), sort_keys=True, ensure_ascii=False, default=str)


class _Merger:
    def __init__(self) -> None:
        self.conflicts: list[Conflict] = []

    # -- values ---------------------------------------------------------------------
    def value(self, where: tuple[str, str, str], name: str, b: Any, o: Any, t: Any) -> Any:
        """Three-way merge of one value; ``where`` is (section, id, field path so far)."""
        if _same(o, t):
            return o
        if _same(o, b):
            return t
        if _same(t, b):
            return o
        if all(isinstance(v, dict) or v is MISSING for v in (b, o, t)) and o is not MISSING and t is not MISSING:
            return self.mapping(where, b if b is not MISSING else {}, o, t)
        if all(isinstance(v, list) or v is MISSING for v in (b, o, t)) and o is not MISSING and t is not MISSING:
            base = b if b is not MISSING else []
            if name == "states":
                return self.states(where, base, o, t)
            if name in SET_FIELDS:
                return _merge_set(base, o, t)
        section, item_id, path = where
        self.conflicts.append(Conflict(section, item_id, path, b, o, t))
        return o

    def mapping(self, where: tuple[str, str, str], b: dict, o: dict, t: dict) -> dict:
        section, item_id, path = where
        out: dict[str, Any] = {}
        for k in _ordered_keys(o, t):
            sub = (section, item_id, f"{path}.{k}" if path else str(k))
            v = self.value(sub, str(k), b.get(k, MISSING), o.get(k, MISSING), t.get(k, MISSING))
            if v is not MISSING:
                out[k] = v
        return out

    def states(self, where: tuple[str, str, str], b: list, o: list, t: list) -> list:
        """Relation states keyed by their ``from`` date, kept in date order."""
        section, item_id, path = where

        def keyed(items: list) -> dict[str, dict]:
            return {_key(s.get("from")): s for s in items if isinstance(s, dict)}

        merged = self.keyed_items((section, item_id, path), keyed(b), keyed(o), keyed(t),
                                  label=lambda k: json.loads(k) if k != "null" else "?")
        return sorted(merged, key=_state_order)

    def keyed_items(self, where: tuple[str, str, str], b: dict[str, Any], o: dict[str, Any], t: dict[str, Any],
                    label=lambda k: k) -> list:
        """Items matched by key: added, deleted, edited on either side."""
        section, item_id, path = where
        out = []
        for k in _ordered_keys(o, t, b):
            bv, ov, tv = b.get(k, MISSING), o.get(k, MISSING), t.get(k, MISSING)
            name = str(label(k))
            sub_id = name if not path else item_id
            sub_path = f"{path}.{name}" if path else ""
            if ov is MISSING and tv is MISSING:
                continue  # deleted on both sides (or never there)
            if bv is not MISSING and (ov is MISSING or tv is MISSING):
                kept = tv if ov is MISSING else ov
                if _same(kept, bv):
                    continue  # deleted on one side, untouched on the other
                # Deleted on one side, edited on the other: keep the edit, record the choice.
                self.conflicts.append(Conflict(section, sub_id, sub_path or WHOLE_ITEM, bv, ov, tv))
                out.append(kept)
                continue
            if ov is MISSING or tv is MISSING:
                out.append(tv if ov is MISSING else ov)  # added on one side
                continue
            out.append(self.mapping((section, sub_id, sub_path), bv if bv is not MISSING else {}, ov, tv))
        return out


def _ordered_keys(*maps: dict) -> list:
    seen: dict[Any, None] = {}
    for m in maps:
        for k in m:
            seen.setdefault(k, None)
    return list(seen)


def _merge_set(b: list, o: list, t: list) -> list:
    """Ours in its order, minus what theirs removed, plus what theirs added."""
    base = {_key(x) for x in b}
    theirs = {_key(x) for x in t}
    ours = {_key(x) for x in o}
    removed_by_theirs = base - theirs
    out = [x for x in o if _key(x) not in removed_by_theirs]
    out += [x for x in t if _key(x) not in ours and _key(x) not in base]
    return out


def _state_order(state: Any) -> tuple:
    try:
        return PartialDate.parse(state.get("from")).sort_key()
    except (DateError, AttributeError):
        return (PartialDate(9999).start, 0)


def _renames(section: str, base: dict[str, dict], side: dict[str, dict], who: str) -> list[str]:
    """Ids that ``side`` renamed: an item gone from base and a new one, equal but for the id."""
    gone = {_key({k: v for k, v in item.items() if k != "id"}): i for i, item in base.items() if i not in side}
    found = []
    for i, item in side.items():
        if i in base:
            continue
        old = gone.get(_key({k: v for k, v in item.items() if k != "id"}))
        if old is not None:
            found.append(f"{who} renames {section} id '{old}' to '{i}'")
    return found


# Sections whose ids the program numbers (ann-0007, ev-0003): two branches that each add one
# get the same id for different items, so theirs is renumbered rather than merged field by field.
NUMBERED_SECTIONS = ("annotations", "events")
_NUMBERED = re.compile(r"^(.*)-(\d+)$")


def _fresh_id(old: str, taken: set[str]) -> str:
    m = _NUMBERED.match(old)
    prefix, width = (m.group(1), len(m.group(2))) if m else (old, 1)
    n = 2 if not m else int(m.group(2)) + 1
    numbers = [int(x.group(2)) for x in map(_NUMBERED.match, taken) if x and x.group(1) == prefix]
    n = max([n, *(k + 1 for k in numbers)])
    while f"{prefix}-{n:0{width}d}" in taken:
        n += 1
    return f"{prefix}-{n:0{width}d}"


def _collisions(b: dict, o: dict, t: dict) -> bool:
    for section in NUMBERED_SECTIONS:
        base = {x["id"] for x in b.get(section, [])}
        ours = {x["id"]: x for x in o.get(section, []) if x["id"] not in base}
        if any(x["id"] in ours and not _same(ours[x["id"]], x) for x in t.get(section, [])):
            return True
    return False


def _renumber_collisions(b: dict, o: dict, t: dict) -> list[str]:
    """Give theirs' new annotations/events a fresh id when ours added a different item under the same id.

    References inside theirs (evidence lists) follow. Returns one line per renumbered id.
    """
    notes = []
    for section in NUMBERED_SECTIONS:
        base = {x["id"] for x in b.get(section, [])}
        ours = {x["id"]: x for x in o.get(section, [])}
        taken = base | set(ours) | {x["id"] for x in t.get(section, [])}
        renamed: dict[str, str] = {}
        for item in t.get(section, []):
            i = item["id"]
            if i in base or i not in ours or _same(ours[i], item):
                continue
            new = _fresh_id(i, taken)
            taken.add(new)
            renamed[i] = new
            item["id"] = new
        if not renamed:
            continue
        notes += [f"theirs' new {section[:-1]} '{old}' is now '{new}' (ours added a different one under that id)"
                  for old, new in renamed.items()]
        if section == "annotations":
            for rel in t.get("relations", []):
                for st in rel.get("states", []):
                    if "evidence" in st:
                        st["evidence"] = [renamed.get(a, a) for a in st["evidence"]]
            for ev in t.get("events", []):
                if "evidence" in ev:
                    ev["evidence"] = [renamed.get(a, a) for a in ev["evidence"]]
    return notes


def _references(merged: dict) -> dict[str, set[str]]:
    """Ids each section's items are referred to by, in the merged data."""
    refs: dict[str, set[str]] = {"entities": set(), "annotations": set(), "documents": set()}
    for rel in merged.get("relations", []):
        refs["entities"].update(rel.get("members") or [])
        if rel.get("entity"):
            refs["entities"].add(rel["entity"])
        for st in rel.get("states") or []:
            refs["annotations"].update(st.get("evidence") or [])
    for ev in merged.get("events", []):
        refs["entities"].update(ev.get("participants") or [])
        refs["annotations"].update(ev.get("evidence") or [])
    for ent in merged.get("entities", []):
        if ent.get("affiliation"):
            refs["entities"].add(ent["affiliation"])
    for ann in merged.get("annotations", []):
        refs["entities"].update(ann.get("entities") or [])
        if ann.get("document"):
            refs["documents"].add(ann["document"])
    return refs


def _restore_used(b: dict, o: dict, t: dict, merged: dict, conflicts: list[Conflict]) -> None:
    """An item one side deleted while the other started using it is kept, as a conflict.

    Without this the merged file would refer to an id that no longer exists and would not open.
    """
    refs = _references(merged)
    for section, used in refs.items():
        present = {x["id"] for x in merged.get(section, [])}
        base = {x["id"]: x for x in b.get(section, [])}
        ours = {x["id"]: x for x in o.get(section, [])}
        theirs = {x["id"]: x for x in t.get(section, [])}
        back = [i for i in sorted(used - present) if i in base or i in ours or i in theirs]
        for i in back:
            item = ours.get(i) or theirs.get(i) or base[i]
            merged.setdefault(section, []).append(item)
            conflicts.append(Conflict(section, i, WHOLE_ITEM, base.get(i, MISSING), ours.get(i, MISSING),
                                      theirs.get(i, MISSING)))
        if back:
            merged[section].sort(key=lambda x: x["id"])


def merge_workspaces(base: Workspace, ours: Workspace, theirs: Workspace, file: str = "<merged>") -> MergeResult:
    """Merge ``theirs`` into ``ours`` against their common ancestor ``base``.

    Raises:
        MergeRefused: when a side renamed an id (a merge by id would keep both).
    """
    b, o, t = workspace_dict(base), workspace_dict(ours), workspace_dict(theirs)
    refusals = []
    for section in SECTIONS:
        bi = {x["id"]: x for x in b.get(section, [])}
        refusals += _renames(section, bi, {x["id"]: x for x in o.get(section, [])}, "ours")
        refusals += _renames(section, bi, {x["id"]: x for x in t.get(section, [])}, "theirs")
    if refusals:
        raise MergeRefused("; ".join(refusals) + ": ids are how items are matched, so a renamed id cannot be "
                           "merged; rename it on the other branch too (or in neither), then merge again")
    if _collisions(b, o, t):
        t = copy.deepcopy(t)  # renumbering edits theirs; the dict shares the snapshot's extra values
    notes = _renumber_collisions(b, o, t)
    m = _Merger()
    previous = [c for c in (o.pop(CONFLICTS_KEY, None) or []) + (t.pop(CONFLICTS_KEY, None) or [])]
    b.pop(CONFLICTS_KEY, None)
    merged: dict[str, Any] = {}
    for k in _ordered_keys(o, t, b):
        bv, ov, tv = b.get(k, MISSING), o.get(k, MISSING), t.get(k, MISSING)
        if k in SECTIONS:
            items = m.keyed_items((k, "", ""), {x["id"]: x for x in bv or []}, {x["id"]: x for x in ov or []},
                                  {x["id"]: x for x in tv or []})
            merged[k] = sorted(items, key=lambda x: x["id"])
        elif isinstance(ov, dict) or isinstance(tv, dict):
            merged[k] = m.mapping((k, "", ""), bv if isinstance(bv, dict) else {},
                                  ov if isinstance(ov, dict) else {}, tv if isinstance(tv, dict) else {})
        else:
            v = m.value((k, "", ""), k, bv, ov, tv)
            if v is not MISSING:
                merged[k] = v
    _restore_used(b, o, t, merged, m.conflicts)
    records = [c.as_dict() for c in m.conflicts]
    unresolved = [c for c in previous if isinstance(c, dict) and _key(c) not in {_key(r) for r in records}]
    if records or unresolved:
        merged[CONFLICTS_KEY] = unresolved + records
    ws, _smap, problems = build_workspace(merged, Positions(), file)
    return MergeResult(ws, m.conflicts, [p for p in problems if p.severity == "error"], notes)
