"""Turn parsed YAML (dicts and lists) into model types, collecting every problem.

Nothing stops at the first fault: each field that is wrong adds a
:class:`Problem` with its position and the item is kept with a safe value,
so that one run reports everything the analyst has to fix.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from briefing_app.model.dates import DateError, PartialDate
from briefing_app.model.problems import Problem
from briefing_app.model.types import (
    Alias,
    Annotation,
    Briefing,
    Document,
    Entity,
    Event,
    Relation,
    RelationState,
    Selector,
    Vocabulary,
    Workspace,
)
from briefing_app.model.yaml_values import Positions, scalar_source

SECTIONS = ("entities", "relations", "events", "documents", "annotations")


@dataclass
class ItemPlace:
    """Where an item and its keys are in the file, for the validator."""

    pos: tuple[int, int]
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)
    children: dict[tuple[str, int], ItemPlace] = field(default_factory=dict)  # e.g. ("states", 2)

    def at(self, key: str | None = None) -> tuple[int, int]:
        return self.keys.get(key, self.pos) if key else self.pos


@dataclass
class SourceMap:
    """Positions of the items by (section, index in the file's order).

    libyaml's read places every item; the fast read places only the documents (their
    files are checked on every open) and the rest are at (1, 1), as the validator
    takes an item without an entry to be.
    """

    file: str
    items: dict[tuple[str, int], ItemPlace] = field(default_factory=dict)
    top: dict[str, tuple[int, int]] = field(default_factory=dict)


_MISSING = object()


class _Reader:
    def __init__(self, file: str, positions: Positions):
        self.file = file
        self.positions = positions
        self.problems: list[Problem] = []
        # Dates repeat a lot (10^5 fields, a few thousand values) and PartialDate is immutable:
        # each text or date value is parsed once, and equal dates share one object.
        self._dates: dict[str | _dt.date, PartialDate] = {}

    def problem(self, pos: tuple[int, int], message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.file, pos[0], pos[1], message, severity))

    def place(self, d: dict) -> ItemPlace:
        entry = self.positions.maps.get(id(d))
        if not entry:
            return ItemPlace((1, 1))
        return ItemPlace(entry[0], {str(k): v for k, v in entry[1].items()})

    def has_place(self, d: dict) -> bool:
        return id(d) in self.positions.maps

    # -- typed field access ------------------------------------------------
    def text(self, d: dict, key: str, where: str, required: bool = False, default: str = "") -> str:
        value = d.get(key, _MISSING)
        if type(value) is str and (not required or value.strip()):  # the common cases, decided at once
            return value
        if value is _MISSING and not required:
            return default
        if key not in d or d[key] is None or (required and isinstance(d[key], str) and not d[key].strip()):
            if required:
                pos = self.positions.of(d, key) if key in d else self.positions.of(d)
                self.problem(pos, f"{where}: missing '{key}'" if key not in d or d[key] is None
                             else f"{where}: '{key}' is empty")
            return default
        value = d[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return _number_text(value)  # a number typed where text is expected: keep it as text
        if not isinstance(value, str):
            self.problem(self.positions.of(d, key), f"{where}: '{key}' must be text, not {_kind(value)}")
            return default
        return value

    def date(self, d: dict, key: str, where: str, required: bool = False) -> PartialDate | None:
        value = d.get(key)
        if value is None or value == "":
            if required:
                self.problem(self.positions.of(d), f"{where}: missing '{key}' (a date: YYYY, YYYY-MM or YYYY-MM-DD)")
            return None
        # Only exact str and date values are memoised: an int may carry its source text (0x7E7,
        # refused) and True == 1, so those take the full parse every time.
        memo = type(value) is str or type(value) is _dt.date
        if memo and (known := self._dates.get(value)) is not None:
            return known
        try:
            parsed = PartialDate.parse(value)
        except DateError as exc:
            self.problem(self.positions.of(d, key), f"{where}: '{key}': {exc}")
            return None
        if memo:
            self._dates[value] = parsed
        return parsed

    def ids(self, d: dict, key: str, where: str) -> tuple[str, ...]:
        value = d.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if type(value) is list:  # the common case, ids that are all text: checked in C by a join
            try:
                "".join(value)
            except TypeError:
                pass
            else:
                return tuple(value)
        if not isinstance(value, list):
            self.problem(self.positions.of(d, key), f"{where}: '{key}' must be a list of ids")
            return ()
        out = []
        for i, v in enumerate(value):
            if isinstance(v, (str, int)) and not isinstance(v, bool):
                out.append(v if isinstance(v, str) else _number_text(v))
            else:
                self.problem(self.positions.of(value, i), f"{where}: '{key}' item {i + 1} must be an id, not {_kind(v)}")
        return tuple(out)

    def number(self, d: dict, key: str, where: str) -> float | None:
        value = d.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(self.positions.of(d, key), f"{where}: '{key}' must be a number")
            return None
        return value if scalar_source(value) is not None else float(value)  # 0x1F stays as written

    def flag(self, d: dict, key: str, where: str) -> bool:
        value = d.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problem(self.positions.of(d, key), f"{where}: '{key}' must be true or false")
            return False
        return value

    def integer(self, d: dict, key: str, where: str, default: int = 0) -> int:
        value = d.get(key)
        if value is None:
            self.problem(self.positions.of(d), f"{where}: missing '{key}' (a character offset)")
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(self.positions.of(d, key), f"{where}: '{key}' must be a whole number")
            return default
        return value


def _number_text(value: int | float) -> str:
    """A number as the text the user wrote: `1:20` stays '1:20' (not YAML 1.1's 80), `0x1F` not '31'."""
    return scalar_source(value) or str(value)


def _or_empty(value: Any, empty: Any) -> Any:
    """``empty`` for a missing, null or empty ([] or {}) value; anything else as it is, for the type check to judge.

    (``value or []`` turned ``0``, ``''`` and ``false`` into an empty section without a word.)
    """
    return empty if value is None or (isinstance(value, (list, dict)) and not value) else value


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false"}.get(type(value), type(value).__name__)


def _extra(d: dict, known: frozenset[str]) -> dict[Any, Any]:
    if d.keys() <= known:  # nearly always: no unknown keys (a set test, without a loop in Python)
        return {}
    # Keys keep their type: 1 and '1' are different keys and both survive a save.
    return {k: v for k, v in d.items() if not (isinstance(k, str) and k in known)}


# -- per section -------------------------------------------------------------
BRIEFING_KEYS = ("title", "subtitle", "author", "classification", "as_of", "bluf")
ENTITY_KEYS = ("id", "name", "type", "aliases", "country", "lat", "lon", "affiliation", "description", "links")
RELATION_KEYS = ("id", "kind", "members", "directed", "label", "lane", "entity", "description", "states")
STATE_KEYS = ("state", "from", "to", "evidence", "note")
EVENT_KEYS = (
    "id", "date", "end", "title", "kind", "participants", "lane", "evidence", "description", "note",
)
DOCUMENT_KEYS = (
    "id", "title", "publisher", "url", "published", "published_estimated", "published_note",
    "path", "sha256", "reliability", "language",
)
ANNOTATION_KEYS = (
    "id", "document", "tag", "selector", "note", "color", "confidence", "entities", "created", "modified",
)
SELECTOR_KEYS = ("exact", "prefix", "suffix", "start", "end")
VOCABULARY_KEYS = ("entity_types", "relation_kinds", "relation_states", "annotation_tags")
ALIAS_KEYS = ("text", "case", "note")
TOP_KEYS = ("schema", "briefing", "vocabulary", *SECTIONS)

# The same as sets, for _extra's test (the tuples keep the order fields are written in).
_KNOWN_BRIEFING = frozenset(BRIEFING_KEYS)
_KNOWN_ENTITY = frozenset(ENTITY_KEYS)
_KNOWN_RELATION = frozenset(RELATION_KEYS)
_KNOWN_STATE = frozenset(STATE_KEYS)
_KNOWN_EVENT = frozenset(EVENT_KEYS)
_KNOWN_DOCUMENT = frozenset(DOCUMENT_KEYS)
_KNOWN_ANNOTATION = frozenset(ANNOTATION_KEYS)
_KNOWN_SELECTOR = frozenset(SELECTOR_KEYS)
_KNOWN_VOCABULARY = frozenset(VOCABULARY_KEYS)
_KNOWN_ALIAS = frozenset(ALIAS_KEYS)
_KNOWN_TOP = frozenset(TOP_KEYS)


def _briefing(r: _Reader, d: dict) -> Briefing:
    w = "briefing"
    return Briefing(
        title=r.text(d, "title", w, default="Untitled briefing"),
        subtitle=r.text(d, "subtitle", w),
        author=r.text(d, "author", w),
        classification=r.text(d, "classification", w, default="UNCLASSIFIED"),
        as_of=r.date(d, "as_of", w),
        bluf=r.text(d, "bluf", w),
        extra=_extra(d, _KNOWN_BRIEFING),
    )


def _vocabulary(r: _Reader, d: dict) -> Vocabulary:
    return Vocabulary(**{k: r.ids(d, k, "vocabulary") for k in VOCABULARY_KEYS}, extra=_extra(d, _KNOWN_VOCABULARY))


def _aliases(r: _Reader, d: dict, where: str) -> tuple[Alias, ...]:
    raw = d.get("aliases")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        r.problem(r.positions.of(d, "aliases"), f"{where}: 'aliases' must be a list")
        return ()
    out = []
    for i, a in enumerate(raw):
        if isinstance(a, str):
            out.append(Alias(a))
        elif isinstance(a, dict):
            text = r.text(a, "text", f"{where} alias {i + 1}", required=True)
            if text:
                out.append(Alias(text, r.text(a, "case", where, default="auto"), r.text(a, "note", where),
                                 extra=_extra(a, _KNOWN_ALIAS)))
        else:
            r.problem(r.positions.of(raw, i), f"{where}: alias {i + 1} must be text or {{text: ..., case: ...}}")
    return tuple(out)


def _entity(r: _Reader, d: dict, i: int) -> Entity:
    eid = r.text(d, "id", f"entity {i + 1}", required=True)
    w = f"entity '{eid}'" if eid else f"entity {i + 1}"
    links = d.get("links")
    if links is None:
        links = ()
    elif isinstance(links, str):
        links = (links,)
    elif not isinstance(links, list):
        r.problem(r.positions.of(d, "links"), f"{w}: 'links' must be a list of addresses, not {_kind(links)}")
        links = ()
    else:
        for j, x in enumerate(links):
            if not isinstance(x, str):
                r.problem(r.positions.of(links, j), f"{w}: link {j + 1} must be text (an address), not {_kind(x)}")
        links = [x for x in links if isinstance(x, str)]
    return Entity(
        id=eid,
        name=r.text(d, "name", w, required=True),
        type=r.text(d, "type", w, required=True),
        aliases=_aliases(r, d, w),
        country=r.text(d, "country", w) or None,
        lat=r.number(d, "lat", w),
        lon=r.number(d, "lon", w),
        affiliation=r.text(d, "affiliation", w) or None,
        description=r.text(d, "description", w),
        links=tuple(links),
        extra=_extra(d, _KNOWN_ENTITY),
    )


def _state(r: _Reader, d: dict, w: str) -> RelationState:
    start = r.date(d, "from", w, required=True)
    return RelationState(
        state=r.text(d, "state", w, required=True),
        start=start or PartialDate(1),
        end=r.date(d, "to", w),
        evidence=r.ids(d, "evidence", w),
        note=r.text(d, "note", w),
        extra=_extra(d, _KNOWN_STATE),
    )


def _relation(r: _Reader, d: dict, i: int, place: ItemPlace | None) -> Relation:
    rid = r.text(d, "id", f"relation {i + 1}", required=True)
    w = f"relation '{rid}'" if rid else f"relation {i + 1}"
    states = []
    raw_states = _or_empty(d.get("states"), [])
    if not isinstance(raw_states, list):
        r.problem(r.positions.of(d, "states"), f"{w}: 'states' must be a list")
        raw_states = []
    for j, s in enumerate(raw_states):
        if not isinstance(s, dict):
            r.problem(r.positions.of(raw_states, j), f"{w}: state {j + 1} must be a mapping (state, from, to, evidence)")
            continue
        if place is not None and r.has_place(s):  # else the relation's place stands in for it
            place.children[("states", len(states))] = r.place(s)
        states.append(_state(r, s, f"{w} state {j + 1}"))
    members = r.ids(d, "members", w)
    if "members" not in d:
        r.problem(r.positions.of(d), f"{w}: missing 'members' (two or more entity ids)")
    return Relation(
        id=rid,
        kind=r.text(d, "kind", w, required=True),
        members=members,
        states=tuple(states),
        directed=r.flag(d, "directed", w),
        label=r.text(d, "label", w),
        lane=r.text(d, "lane", w),
        entity=r.text(d, "entity", w) or None,
        description=r.text(d, "description", w),
        extra=_extra(d, _KNOWN_RELATION),
    )


def _event(r: _Reader, d: dict, i: int) -> Event:
    eid = r.text(d, "id", f"event {i + 1}", required=True)
    w = f"event '{eid}'" if eid else f"event {i + 1}"
    return Event(
        id=eid,
        date=r.date(d, "date", w),
        end=r.date(d, "end", w),
        title=r.text(d, "title", w, required=True),
        kind=r.text(d, "kind", w),
        participants=r.ids(d, "participants", w),
        lane=r.text(d, "lane", w),
        evidence=r.ids(d, "evidence", w),
        description=r.text(d, "description", w),
        note=r.text(d, "note", w),
        extra=_extra(d, _KNOWN_EVENT),
    )


def _document(r: _Reader, d: dict, i: int) -> Document:
    did = r.text(d, "id", f"document {i + 1}", required=True)
    w = f"document '{did}'" if did else f"document {i + 1}"
    return Document(
        id=did,
        title=r.text(d, "title", w, required=True),
        path=r.text(d, "path", w, required=True),
        publisher=r.text(d, "publisher", w),
        url=r.text(d, "url", w),
        published=r.date(d, "published", w),
        published_estimated=r.flag(d, "published_estimated", w),
        published_note=r.text(d, "published_note", w),
        sha256=r.text(d, "sha256", w),
        reliability=r.text(d, "reliability", w),
        language=r.text(d, "language", w, default="en"),
        extra=_extra(d, _KNOWN_DOCUMENT),
    )


def _annotation(r: _Reader, d: dict, i: int) -> Annotation:
    aid = r.text(d, "id", f"annotation {i + 1}", required=True)
    w = f"annotation '{aid}'" if aid else f"annotation {i + 1}"
    sel = d.get("selector")
    if not isinstance(sel, dict):
        r.problem(r.positions.of(d, "selector"), f"{w}: missing 'selector' (exact, prefix, suffix, start, end)")
        sel = {}
    ws = f"{w} selector"
    selector = Selector(
        exact=r.text(sel, "exact", ws, required=bool(sel)),
        start=r.integer(sel, "start", ws) if sel else 0,
        end=r.integer(sel, "end", ws) if sel else 0,
        prefix=r.text(sel, "prefix", ws),
        suffix=r.text(sel, "suffix", ws),
        extra=_extra(sel, _KNOWN_SELECTOR),
    )
    return Annotation(
        id=aid,
        document=r.text(d, "document", w, required=True),
        selector=selector,
        tag=r.text(d, "tag", w, default="evidence"),
        note=r.text(d, "note", w),
        color=r.text(d, "color", w),
        confidence=r.text(d, "confidence", w),
        entities=r.ids(d, "entities", w),
        created=r.text(d, "created", w),
        modified=r.text(d, "modified", w),
        extra=_extra(d, _KNOWN_ANNOTATION),
    )


def build_workspace(data: Any, positions: Positions, file: str) -> tuple[Workspace, SourceMap, list[Problem]]:
    """Build a :class:`Workspace` from parsed YAML; never raises on content faults."""
    r = _Reader(file, positions)
    smap = SourceMap(file)
    if data is None:
        r.problem((1, 1), "the file is empty: a workspace needs at least 'briefing:' and 'entities:'")
        return Workspace(), smap, r.problems
    if not isinstance(data, dict):
        r.problem((1, 1), f"a workspace is a mapping (briefing:, entities:, ...), not {_kind(data)}")
        return Workspace(), smap, r.problems
    smap.top = {str(k): positions.of(data, k) for k in data}
    schema = data.get("schema", 1)
    if schema != 1:
        r.problem(positions.of(data, "schema"), f"schema {schema!r} is not supported (this version reads schema 1)")
    briefing = _or_empty(data.get("briefing"), {})
    if not isinstance(briefing, dict):
        r.problem(positions.of(data, "briefing"), "'briefing' must be a mapping")
        briefing = {}
    vocab = _or_empty(data.get("vocabulary"), {})
    if not isinstance(vocab, dict):
        r.problem(positions.of(data, "vocabulary"), "'vocabulary' must be a mapping")
        vocab = {}

    builders: dict[str, Callable[..., Any]] = {
        "entities": _entity,
        "relations": _relation,
        "events": _event,
        "documents": _document,
        "annotations": _annotation,
    }
    sections: dict[str, tuple[Any, ...]] = {}
    for name, build in builders.items():
        raw = _or_empty(data.get(name), [])
        if not isinstance(raw, list):
            r.problem(positions.of(data, name), f"'{name}' must be a list of items ('- id: ...')")
            raw = []
        items = []
        for i, item in enumerate(raw):
            if not isinstance(item, dict):
                r.problem(positions.of(raw, i), f"{name} item {i + 1} must be a mapping, not {_kind(item)}")
                continue
            place = None
            if r.has_place(item):
                place = smap.items[(name, len(items))] = r.place(item)
            items.append(build(r, item, i, place) if name == "relations" else build(r, item, i))
        sections[name] = tuple(items)

    ws = Workspace(
        briefing=_briefing(r, briefing),
        vocabulary=_vocabulary(r, vocab),
        schema=1,
        extra=_extra(data, _KNOWN_TOP),
        **sections,
    )
    return ws, smap, r.problems
