"""Timeline geometry: lanes, relation spans and event markers as flat arrays.

:func:`build_geometry` lays a workspace out once per snapshot; the layout of
a view (:mod:`timeline_layout`), level of detail (:mod:`timeline_detail`),
selection (:mod:`timeline_selection`), hover texts
(:mod:`timeline_descriptions`) and the date axis (:mod:`timeline_axis`) work
from it. Coordinates are explained in :mod:`timeline_coords`, lane labels
come from :mod:`timeline_lane_names`.

Pure Python + numpy (no Qt) so that the timeline's drawing code only copies
arrays into graphics items and every decision is testable without a screen.
"""

from __future__ import annotations

import datetime as _dt
import gc
import re
from dataclasses import dataclass, field
from typing import Generator, Iterable, Sequence

import numpy as np

from briefing_app.viewmodel.timeline.coords import (
    EVENT_ROW_HEIGHT,
    LANE_GAP,
    RELATION_ROW_HEIGHT,
    day_to_x,
    partial_bounds,
)
from briefing_app.viewmodel.timeline.lane_names import OTHER_LANE, lane_label
from briefing_app.model.dates import PartialDate
from briefing_app.model.types import Event, Relation, Workspace

__all__ = [
    "Bucket",
    "Lane",
    "Row",
    "TimelineGeometry",
    "build_geometry",
    "cached_geometry",
    "geometry_steps",
]

# Event shapes.
POINT, BRACKET, RANGE = 0, 1, 2


@dataclass(frozen=True)
class Row:
    """One relation's row inside a lane."""

    relation: str
    lane: int
    y: float  # centre
    label: str


@dataclass(frozen=True)
class Lane:
    """A horizontal band: one event row, then one row per relation drawn in it.

    Attributes:
        key: Stable identity (the data's ``lane`` text, or the sorted member ids).
        label: Header text.
        members: Entity ids of every relation and event in the lane.
        top: y of the lane's top edge; ``bottom`` is ``top + height``.
        height: Total height in y units.
        event_y: Centre of the event row.
        rows: Indices into :attr:`TimelineGeometry.rows`.
    """

    key: str
    label: str
    members: tuple[str, ...]
    top: float
    height: float
    event_y: float
    rows: tuple[int, ...] = ()

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True)
class Bucket:
    """Items that are not (fully) on the timeline, so that none is lost silently.

    Undated events and relations without states are not drawn; unsourced events
    and states are drawn but flagged (hollow), and listed here.
    """

    undated_events: tuple[str, ...] = ()
    stateless_relations: tuple[str, ...] = ()
    unsourced_events: tuple[str, ...] = ()
    unsourced_states: tuple[tuple[str, int], ...] = ()  # (relation id, index in its states)

    @property
    def not_drawn(self) -> int:
        return len(self.undated_events) + len(self.stateless_relations)

    @property
    def unsourced(self) -> int:
        return len(self.unsourced_events) + len(self.unsourced_states)

    def summary(self) -> str:
        """One line for the panel: what is off the timeline or unsourced."""
        parts = []
        if self.undated_events:
            parts.append(f"{len(self.undated_events)} undated event{'s' * (len(self.undated_events) != 1)}")
        if self.stateless_relations:
            n = len(self.stateless_relations)
            parts.append(f"{n} relation{'s' * (n != 1)} without states")
        if self.unsourced_events:
            n = len(self.unsourced_events)
            parts.append(f"{n} unsourced event{'s' * (n != 1)}")
        if self.unsourced_states:
            n = len(self.unsourced_states)
            parts.append(f"{n} unsourced state{'s' * (n != 1)}")
        return ", ".join(parts) if parts else "every item dated and sourced"


@dataclass(frozen=True, eq=False)
class TimelineGeometry:
    """Everything the timeline draws, as flat arrays (built once per snapshot).

    Span arrays (one entry per relation state) start with ``span_``; event
    arrays (one per dated event) with ``ev_``. x values are day ordinals,
    ends exclusive.
    """

    lanes: tuple[Lane, ...]
    rows: tuple[Row, ...]
    state_names: tuple[str, ...]
    today: _dt.date
    span_x0: np.ndarray
    span_x1: np.ndarray
    span_y: np.ndarray
    span_row: np.ndarray
    span_state: np.ndarray  # index into state_names
    span_open: np.ndarray  # bool: no end, runs to today
    span_sourced: np.ndarray
    span_relation: tuple[str, ...]
    span_index: np.ndarray  # index of the state in its relation's states
    ev_events: tuple[Event, ...]  # the dated events, in workspace order
    ev_x0: np.ndarray
    ev_x1: np.ndarray
    ev_y: np.ndarray
    ev_lane: np.ndarray
    ev_shape: np.ndarray  # POINT / BRACKET / RANGE
    ev_sourced: np.ndarray
    ev_corder: np.ndarray  # event indices sorted by centre (x0 + x1) / 2
    bucket: Bucket
    height: float
    _ev_index: dict[str, int] | None = field(default=None, repr=False)
    _ev_ids: tuple[str, ...] | None = field(default=None, repr=False)
    _ev_order: np.ndarray | None = field(default=None, repr=False)

    @property
    def ev_order(self) -> np.ndarray:
        """Event indices sorted by first day, then workspace order (built on first use)."""
        if self._ev_order is None:
            object.__setattr__(self, "_ev_order", np.argsort(self.ev_x0, kind="stable"))
        return self._ev_order  # type: ignore[return-value]

    @property
    def ev_ids(self) -> tuple[str, ...]:
        """Ids of the dated events (built on first use)."""
        if self._ev_ids is None:
            object.__setattr__(self, "_ev_ids", tuple([e.id for e in self.ev_events]))
        return self._ev_ids  # type: ignore[return-value]

    @property
    def n_events(self) -> int:
        return len(self.ev_events)

    @property
    def n_spans(self) -> int:
        return len(self.span_relation)

    def event_index(self, event_id: str) -> int | None:
        """Index of a dated event, or None."""
        if self._ev_index is None:  # built on first use: 100k ids cost ~20 ms
            object.__setattr__(self, "_ev_index", {eid: i for i, eid in enumerate(self.ev_ids)})
        return self._ev_index.get(event_id)  # type: ignore[union-attr]

    def extent(self) -> tuple[float, float]:
        """x range holding every span and event (a year around today when empty)."""
        lo = [a.min() for a in (self.span_x0, self.ev_x0) if len(a)]
        hi = [a.max() for a in (self.span_x1, self.ev_x1) if len(a)]
        if not lo:
            t = day_to_x(self.today)
            return t - 183.0, t + 183.0
        return float(min(lo)), float(max(hi))


def _member_key(members: Iterable[str]) -> str:
    return "+".join(sorted(set(members)))


def build_geometry(ws: Workspace, today: _dt.date | None = None) -> TimelineGeometry:
    """Lay out a workspace's relations and events on lanes.

    Args:
        ws: The snapshot.
        today: Where open states end (default: the real today).

    Returns:
        The geometry; undated events and stateless relations are in its bucket.
    """
    # Building 100k small tuples would trigger full garbage collections that
    # rescan the whole snapshot (millions of objects): pause the collector.
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        steps = geometry_steps(ws, today)
        while True:
            next(steps)
    except StopIteration as done:
        return done.value
    finally:
        if gc_was_on:
            gc.enable()


def cached_geometry(ws: Workspace, today: _dt.date | None = None) -> TimelineGeometry | None:
    """The geometry of a snapshot seen before (undo/redo, the export next to the panel), or None."""
    today = today or _dt.date.today()
    parts = (ws.relations, ws.events, ws.annotations, ws.entities)
    for key, geom in _CACHE:
        if key[0] == today and all(a is b for a, b in zip(key[1:], parts)):
            return geom
    return None


def geometry_steps(ws: Workspace, today: _dt.date | None = None) -> Generator[None, None, TimelineGeometry]:
    """:func:`build_geometry` in small steps: a generator that yields every few hundred items
    and returns the geometry (``StopIteration.value``), so a window can lay out a big
    workspace between paints. The result is the same as :func:`build_geometry`'s.
    """
    today = today or _dt.date.today()
    # Snapshots are immutable and share unchanged sections, so the geometry of
    # a snapshot seen before is reused.
    geom = cached_geometry(ws, today)
    if geom is not None:
        return geom
    geom = yield from _build_geometry(ws, today)
    parts = (ws.relations, ws.events, ws.annotations, ws.entities)
    _CACHE.insert(0, ((today, *parts), geom))  # the key holds the parts: their ids stay unique
    del _CACHE[_CACHE_SIZE:]
    return geom


_STEP = 500  # items between two yields of geometry_steps

_CACHE_SIZE = 4
_CACHE: list[tuple[tuple, TimelineGeometry]] = []


def _build_geometry(ws: Workspace, today: _dt.date) -> Generator[None, None, TimelineGeometry]:
    # 1. lanes: explicit `lane` text wins, else the set of actors, labelled
    # once (first seen) so that [usa, jpn] and [jpn, usa] share "US–Japan";
    # a lane is keyed by its label so that `lane: Japan–South Korea` and the
    # derived lane of [jpn, kor] are one lane.
    lane_members: dict[str, list[str]] = {}
    derived: dict[frozenset[str], str] = {}

    def lane_key(explicit: str, members: Sequence[str]) -> str:
        key = explicit.strip()
        if not key:
            actors = frozenset(members)
            key = derived.get(actors) or derived.setdefault(actors, lane_label(ws, _dedupe(members)))
        acc = lane_members.setdefault(key, [])
        for m in members:
            if m not in acc:
                acc.append(m)
        return key

    stateless: list[str] = []
    # relations with states, with their lane keys (in workspace order)
    drawn: list[tuple[Relation, str]] = []
    relation_lanes: list[tuple[frozenset[str], str]] = []  # (members, lane key), workspace order
    for n, r in enumerate(ws.relations):
        if n % _STEP == _STEP - 1:
            yield
        key = lane_key(r.lane, r.members)
        relation_lanes.append((frozenset(r.members), key))
        if r.states:
            drawn.append((r, key))
        else:
            stateless.append(r.id)

    # spans, in relation order (their rows are known only after the lane order)
    states_seen: dict[str, int] = {}
    sp_start: list[PartialDate] = []
    sp_end: list[PartialDate] = []
    sp_has_end: list[bool] = []
    sp_drawn: list[int] = []  # index into `drawn`
    sp_state: list[int] = []
    sp_sourced: list[bool] = []
    sp_rel: list[str] = []
    sp_idx: list[int] = []
    unsourced_states: list[tuple[str, int]] = []
    ann_keys = ws.annotation_by_id.keys()
    for k, (r, _) in enumerate(drawn):
        if k % _STEP == _STEP - 1:
            yield
        for i, s in enumerate(r.states):
            sp_start.append(s.start)
            sp_end.append(s.end if s.end is not None else s.start)
            sp_has_end.append(s.end is not None)
            sp_drawn.append(k)
            sp_state.append(states_seen.setdefault(s.state, len(states_seen)))
            sourced = not ann_keys.isdisjoint(s.evidence)
            sp_sourced.append(sourced)
            if not sourced:
                unsourced_states.append((r.id, i))
            sp_rel.append(r.id)
            sp_idx.append(i)
    x0, _, _ = partial_bounds(sp_start)
    _, last, _ = partial_bounds(sp_end)
    sp_drawn_a = np.array(sp_drawn, dtype=np.int64)
    # first day of each drawn relation (its spans are contiguous)
    rel_first = np.full(len(drawn), np.iinfo(np.int64).max, dtype=np.int64)
    if len(x0):
        np.minimum.at(rel_first, sp_drawn_a, x0)

    dated = [e for e in ws.events if e.date is not None]
    undated_ids = [e.id for e in ws.events if e.date is None] if len(dated) < len(ws.events) else []
    # many events share (lane, participants): resolve each combination once
    key_of: dict[tuple[str, tuple[str, ...]], str] = {}
    combo_index: dict[tuple[str, tuple[str, ...]], int] = {}
    ev_combo = np.array(
        [combo_index.setdefault((e.lane, e.participants), len(combo_index)) for e in dated], dtype=np.int64
    )
    homes = RelationLaneIndex(relation_lanes)
    for n, c in enumerate(combo_index):  # first-seen order: labels must not depend on hashing
        if n % _STEP == _STEP - 1:
            yield
        explicit, participants = c
        home = None if explicit.strip() else relation_lane_for(participants, homes, derived)
        key_of[c] = lane_key(home or explicit, participants)
    ev_key_set = set(key_of.values())
    e_first, e_last, e_prec = partial_bounds([e.date for e in dated])  # type: ignore[misc]
    combo_first = np.full(len(combo_index), np.iinfo(np.int64).max, dtype=np.int64)
    if len(e_first):
        np.minimum.at(combo_first, ev_combo, e_first)

    # 2. lane order: by the first date drawn in the lane (history reads top
    # down), then by label; "Other events" last. Stable under item order.
    lane_first: dict[str, int] = {}
    for (r, key), f in zip(drawn, rel_first.tolist()):
        lane_first[key] = min(lane_first.get(key, f), f)
    for c, f in zip(combo_index, combo_first.tolist()):
        key = key_of[c]
        lane_first[key] = min(lane_first.get(key, f), f)
    lane_relations: dict[str, list[int]] = {}
    for k, (r, key) in enumerate(drawn):
        lane_relations.setdefault(key, []).append(k)

    def lane_sort(key: str) -> tuple:
        return (key == OTHER_LANE, lane_first.get(key, 0), _natural(key), key)

    keys = sorted((k for k in lane_members if k in lane_relations or k in ev_key_set), key=lane_sort)
    # 3. vertical layout: per lane an event row, then its relations by first date
    lanes: list[Lane] = []
    rows: list[Row] = []
    row_of_drawn = np.zeros(len(drawn), dtype=np.int32)
    lane_index: dict[str, int] = {}
    y = 0.0
    for n, key in enumerate(keys):
        if n % _STEP == _STEP - 1:
            yield
        rel_ks = sorted(lane_relations.get(key, []), key=lambda k: (int(rel_first[k]), k))
        top = y
        event_y = y + EVENT_ROW_HEIGHT / 2
        y += EVENT_ROW_HEIGHT
        row_idx = []
        for k in rel_ks:
            rel = drawn[k][0]
            row_of_drawn[k] = len(rows)
            row_idx.append(len(rows))
            rows.append(Row(rel.id, len(lanes), y + RELATION_ROW_HEIGHT / 2, rel.label or rel.kind or rel.id))
            y += RELATION_ROW_HEIGHT
        lane_index[key] = len(lanes)
        lanes.append(
            Lane(key, key, tuple(lane_members.get(key, ())), top, y - top, event_y, tuple(row_idx))
        )
        y += LANE_GAP
    height = max(y - LANE_GAP, 0.0)

    # 4. span arrays
    has_end = np.array(sp_has_end, dtype=bool)
    today_end = today.toordinal() + 1
    span_x1 = np.where(has_end, last + 1, np.maximum(today_end, last + 1))
    span_x1 = np.maximum(span_x1, x0 + 1)  # a `to` before `from` (a validation error) still shows
    span_row = row_of_drawn[sp_drawn_a] if len(sp_drawn_a) else np.zeros(0, dtype=np.int32)
    row_y = np.array([r.y for r in rows], dtype=np.float64)

    # 5. events
    with_end = [i for i, e in enumerate(dated) if e.end is not None]
    has_e_end = np.zeros(len(dated), dtype=bool)
    has_e_end[with_end] = True
    _, end_last, _ = partial_bounds([dated[i].end for i in with_end])  # type: ignore[misc]
    ev_x0 = e_first.astype(np.float64)
    last_day = e_last.copy()
    last_day[with_end] = np.maximum(end_last, e_last[with_end])
    ev_x1 = last_day.astype(np.float64) + 1.0
    ev_shape = np.where(has_e_end, RANGE, np.where(e_prec < 3, BRACKET, POINT)).astype(np.int8)
    lane_of_combo = np.array([lane_index[key_of[c]] for c in combo_index], dtype=np.int32)
    ev_lane = lane_of_combo[ev_combo] if dated else np.zeros(0, dtype=np.int32)
    lane_event_y = np.array([ln.event_y for ln in lanes], dtype=np.float64)
    ann_ids = ws.annotation_by_id.keys()
    ev_sourced = np.array([not ann_ids.isdisjoint(e.evidence) for e in dated], dtype=bool)

    return TimelineGeometry(
        lanes=tuple(lanes),
        rows=tuple(rows),
        state_names=tuple(states_seen),
        today=today,
        span_x0=x0.astype(np.float64),
        span_x1=span_x1.astype(np.float64),
        span_y=row_y[span_row] if len(span_row) else np.zeros(0),
        span_row=span_row,
        span_state=np.array(sp_state, dtype=np.int16),
        span_open=~has_end,
        span_sourced=np.array(sp_sourced, dtype=bool),
        span_relation=tuple(sp_rel),
        span_index=np.array(sp_idx, dtype=np.int32),
        ev_events=tuple(dated),
        ev_x0=ev_x0,
        ev_x1=ev_x1,
        ev_y=lane_event_y[ev_lane] if len(ev_lane) else np.zeros(0),
        ev_lane=ev_lane,
        ev_shape=ev_shape,
        ev_sourced=ev_sourced,
        ev_corder=np.argsort(ev_x0 + ev_x1, kind="stable"),
        bucket=Bucket(
            undated_events=tuple(undated_ids),
            stateless_relations=tuple(stateless),
            unsourced_events=tuple(dated[i].id for i in np.nonzero(~ev_sourced)[0].tolist()),
            unsourced_states=tuple(unsourced_states),
        ),
        height=height,
    )


def _natural(text: str) -> tuple:
    """Sort key reading digit runs as numbers: "Lane 2" before "Lane 10"."""
    return tuple(int(part) if i % 2 else part for i, part in enumerate(re.split(r"(\d+)", text.casefold())))


class RelationLaneIndex:
    """Relations' member sets indexed by member, for :func:`relation_lane_for`.

    Only the first relation of each member set is kept (a later one with the
    same members scores the same and never wins the tie), and a lookup visits
    only the relations sharing an actor with the event: a scan of every
    relation per combination of participants was quadratic (20k relations ×
    10k combinations took ~17 s).
    """

    def __init__(self, relation_lanes: Iterable[tuple[frozenset[str], str]]):
        self.entries: list[tuple[frozenset[str], str]] = []
        self.by_member: dict[str, list[int]] = {}
        seen: set[frozenset[str]] = set()
        for members, key in relation_lanes:
            if members in seen:
                continue
            seen.add(members)
            index = len(self.entries)
            self.entries.append((members, key))
            for m in members:
                self.by_member.setdefault(m, []).append(index)

    def best(self, actors: frozenset[str]) -> str | None:
        """The key of the best-covering relation (first in workspace order among equals), or None."""
        shared_of: dict[int, int] = {}
        for a in actors:
            for i in self.by_member.get(a, ()):
                shared_of[i] = shared_of.get(i, 0) + 1
        best_i, best_score = -1, (0, 0)
        for i, shared in shared_of.items():
            if shared < 2:
                continue
            score = (1 if shared == len(self.entries[i][0]) else 0, shared)
            if score > best_score or (score == best_score and i < best_i):
                best_i, best_score = i, score
        return self.entries[best_i][1] if best_i >= 0 else None


def relation_lane_for(participants: Sequence[str],
                      relation_lanes: Sequence[tuple[frozenset[str], str]] | RelationLaneIndex,
                      derived: dict[frozenset[str], str]) -> str | None:
    """The lane of the relation an event without a ``lane`` belongs with, by its participants.

    An event extracted from a text names every actor of its sentence; a lane
    of its own per combination ("US–Japan–ROK–DPRK") scatters the history.
    It goes to the lane of the relation whose members it covers best: the
    exact set if a relation has it, else the largest relation all of whose
    members take part, else the relation sharing most (at least two) of
    them. None when no relation fits (the event keeps a lane of its actors).
    ``relation_lanes`` are (members, lane key) in workspace order, or their
    :class:`RelationLaneIndex` when many events are placed.
    """
    actors = frozenset(participants)
    if len(actors) < 2:
        return None
    if actors in derived:
        return derived[actors]
    index = relation_lanes if isinstance(relation_lanes, RelationLaneIndex) else RelationLaneIndex(relation_lanes)
    return index.best(actors)


def _dedupe(items: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]  # type: ignore[func-returns-value]
