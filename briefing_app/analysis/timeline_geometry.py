"""Timeline geometry: lanes, spans, markers, level of detail and date ticks.

Pure Python + numpy (no Qt) so that the timeline's drawing code only copies
arrays into graphics items and every decision is testable without a screen.

The x coordinate is the proleptic Gregorian *ordinal* of a day
(``datetime.date.toordinal()``: 0001-01-01 is 1). A day ``d`` covers
``[ordinal(d), ordinal(d) + 1)``; a day-precision event sits at the middle of
its day. Ordinals never go negative and need no epoch, so 1910 and 1066 work
exactly like 2023 (unlike POSIX timestamps, which most date axes assume).

The y coordinate grows downwards (the view inverts its y axis): lane 0 is at
the top. Each lane has one event row followed by one row per relation drawn
in it.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import gc
import re
import math
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np

from briefing_app.model.dates import PartialDate
from briefing_app.model.types import Entity, Event, Relation, Workspace

__all__ = [
    "AxisTicks",
    "Bucket",
    "Detail",
    "Focus",
    "Header",
    "Hit",
    "Lane",
    "Row",
    "TimelineGeometry",
    "VerticalLayout",
    "build_geometry",
    "content_px",
    "date_ticks",
    "day_to_x",
    "describe_cluster",
    "describe_event",
    "describe_header",
    "describe_span",
    "first_passage",
    "focus_for",
    "hit_test",
    "lane_label",
    "level_of_detail",
    "header_rects",
    "neighbour_event",
    "recent_range",
    "short_name",
    "vertical_layout",
    "x_to_day",
]

# -- coordinates ------------------------------------------------------------
X_MIN = float(_dt.date.min.toordinal())  # 0001-01-01
X_MAX = float(_dt.date.max.toordinal() + 1)  # end of 9999-12-31

# Layout of a lane, in y units (the view maps them to pixels: one unit is
# between MIN_UNIT_PX and MAX_UNIT_PX, and lanes scroll when they do not fit,
# so that a marker row and a span bar with its label stay readable).
EVENT_ROW_HEIGHT = 1.0
RELATION_ROW_HEIGHT = 0.8
LANE_GAP = 0.3
SPAN_HALF_HEIGHT = 0.3
MIN_UNIT_PX = 24.0
MAX_UNIT_PX = 34.0
Y_PAD = 0.15  # margin above the first and below the last lane
BAR_TOP = 0.62  # event ranges/brackets: a thin bar in the lower part of the event row
BAR_BOTTOM = 0.78

# Event shapes.
POINT, BRACKET, RANGE = 0, 1, 2
# Bar kinds in a Detail.
BAR_SPAN, BAR_SPAN_AGGREGATE, BAR_EVENT, BAR_CAP = 0, 1, 2, 3
# Point styles in a Detail.
PT_SOURCED, PT_UNSOURCED = 0, 1

OTHER_LANE = "Other events"


def day_to_x(day: _dt.date) -> float:
    """The x of the start of ``day``."""
    return float(day.toordinal())


def x_to_day(x: float) -> _dt.date:
    """The day containing ``x`` (clamped to 0001-01-01 .. 9999-12-31)."""
    if not math.isfinite(x):
        raise ValueError(f"not a finite timeline position: {x!r}")
    o = int(math.floor(x))
    return _dt.date.fromordinal(min(max(o, 1), _dt.date.max.toordinal()))


_CUM_DAYS = np.array([0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334], dtype=np.int64)
_MONTH_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def _is_leap(y: np.ndarray) -> np.ndarray:
    return (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))


def _ordinals(y: np.ndarray, m: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Vectorised ``date(y, m, d).toordinal()`` (inputs already valid)."""
    y1 = y - 1
    before_year = y1 * 365 + y1 // 4 - y1 // 100 + y1 // 400
    before_month = _CUM_DAYS[m - 1] + ((m > 2) & _is_leap(y))
    return before_year + before_month + d


def _partial_bounds(dates: Sequence[PartialDate]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """First-day ordinals, last-day ordinals and precisions of partial dates."""
    if not dates:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.int8)
    # one pass in Python (the only per-item cost: a packed int), then vectorised calendar maths
    code = np.array([p.year * 10000 + (p.month or 0) * 100 + (p.day or 0) for p in dates], dtype=np.int64)
    y, md = np.divmod(code, 10000)
    m, d = np.divmod(md, 100)
    has_m = m > 0
    has_d = d > 0
    m_first = np.where(has_m, m, 1)
    first = _ordinals(y, m_first, np.where(has_d, d, 1))
    m_last = np.where(has_m, m, 12)
    dim = _MONTH_DAYS[m_last - 1] + ((m_last == 2) & _is_leap(y))
    last = _ordinals(y, m_last, np.where(has_d, d, dim))
    precision = np.where(has_d, 3, np.where(has_m, 2, 1)).astype(np.int8)
    return first, last, precision


# -- names and lanes --------------------------------------------------------
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
    today = today or _dt.date.today()
    # Snapshots are immutable and share unchanged sections, so the geometry of
    # a snapshot seen before (undo/redo, the export next to the panel) is reused.
    parts = (ws.relations, ws.events, ws.annotations, ws.entities)
    for key, geom in _CACHE:
        if key[0] == today and all(a is b for a, b in zip(key[1:], parts)):
            return geom
    # Building 100k small tuples would trigger full garbage collections that
    # rescan the whole snapshot (millions of objects): pause the collector.
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        geom = _build_geometry(ws, today)
    finally:
        if gc_was_on:
            gc.enable()
    _CACHE.insert(0, ((today, *parts), geom))  # the key holds the parts: their ids stay unique
    del _CACHE[_CACHE_SIZE:]
    return geom


_CACHE_SIZE = 4
_CACHE: list[tuple[tuple, TimelineGeometry]] = []


def _build_geometry(ws: Workspace, today: _dt.date) -> TimelineGeometry:
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
    for r in ws.relations:
        key = lane_key(r.lane, r.members)
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
    x0, _, _ = _partial_bounds(sp_start)
    _, last, _ = _partial_bounds(sp_end)
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
    for c in combo_index:  # first-seen order: labels must not depend on hashing
        key_of[c] = lane_key(*c)
    ev_key_set = set(key_of.values())
    e_first, e_last, e_prec = _partial_bounds([e.date for e in dated])  # type: ignore[misc]
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
    for key in keys:
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
    _, end_last, _ = _partial_bounds([dated[i].end for i in with_end])  # type: ignore[misc]
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


def _dedupe(items: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]  # type: ignore[func-returns-value]


# -- vertical layout, lane headers and the recent period ---------------------------
@dataclass(frozen=True)
class VerticalLayout:
    """How the lanes meet a view of a given pixel height.

    Attributes:
        unit_px: Pixels per y unit (an event row is one unit).
        top: y at the view's top edge.
        visible: y units the view shows.
        min_top: Smallest allowed ``top`` (a small margin above the first lane).
        max_top: Largest allowed ``top``: the last lane's bottom (plus the
            margin) meets the view's bottom edge, so one cannot scroll into
            emptiness. Equal to ``min_top`` when everything fits.
    """

    unit_px: float
    top: float
    visible: float
    min_top: float
    max_top: float

    @property
    def bottom(self) -> float:
        return self.top + self.visible

    @property
    def scrollable(self) -> bool:
        return self.max_top > self.min_top + 1e-9

    def to_px(self, y: float) -> float:
        """Pixels from the view's top edge to ``y``."""
        return (y - self.top) * self.unit_px

    def scrolled(self, dy: float) -> "VerticalLayout":
        """The same layout with ``top`` moved by ``dy`` units (clamped)."""
        t = min(max(self.top + dy, self.min_top), self.max_top)
        return VerticalLayout(self.unit_px, t, self.visible, self.min_top, self.max_top)


def vertical_layout(
    content_height: float,
    view_px: float,
    top: float | None = None,
    *,
    min_unit_px: float = MIN_UNIT_PX,
    max_unit_px: float = MAX_UNIT_PX,
    pad: float = Y_PAD,
) -> VerticalLayout:
    """Fit lanes ``content_height`` units tall into ``view_px`` pixels.

    Lanes stretch to fill the view up to ``max_unit_px`` per unit and never
    shrink below ``min_unit_px``; when they do not fit they scroll, and
    ``top`` (default: the first lane) is clamped to the scroll range.

    Raises:
        ValueError: on a non-finite or negative height or a non-positive view.
    """
    if not math.isfinite(content_height) or content_height < 0:
        raise ValueError(f"bad content height {content_height!r}")
    if not math.isfinite(view_px) or view_px <= 0:
        raise ValueError(f"bad view height {view_px!r}")
    if not 0 < min_unit_px <= max_unit_px:
        raise ValueError(f"bad unit sizes {min_unit_px!r}..{max_unit_px!r}")
    total = max(content_height, EVENT_ROW_HEIGHT) + 2 * pad
    unit = min(max(view_px / total, min_unit_px), max_unit_px)
    visible = view_px / unit
    min_top = -pad
    max_top = max(min_top, content_height + pad - visible)
    t = min_top if top is None or not math.isfinite(top) else min(max(top, min_top), max_top)
    return VerticalLayout(unit, t, visible, min_top, max_top)


def content_px(content_height: float, unit_px: float, pad: float = Y_PAD) -> float:
    """Pixels needed to show every lane at ``unit_px`` (with the margins)."""
    return (max(content_height, EVENT_ROW_HEIGHT) + 2 * pad) * unit_px


@dataclass(frozen=True)
class Header:
    """A lane header or relation label placed in the header column.

    ``band_top``/``band_bottom`` is the row it labels, ``text_top``/
    ``text_bottom`` where its text goes, all in pixels from the view's top
    edge. ``kind`` is 'lane' (``index`` a lane) or 'row' (a row index).
    """

    kind: str
    index: int
    text: str
    band_top: float
    band_bottom: float
    text_top: float
    text_bottom: float


def header_rects(geom: TimelineGeometry, layout: VerticalLayout, *, lane_text_px: float, row_text_px: float) -> list[Header]:
    """The headers to draw in a view, so that none overlaps another.

    Each label owns the band of its own row (a lane header its lane's event
    row, a relation label its relation row); rows never overlap, so neither
    do labels. A label is left out when its band is shorter than its text,
    and a label cut by the view's edge is moved inside the visible part of
    its band, or left out when that part is too short (no half letters).

    Args:
        geom: The geometry.
        layout: The vertical layout of the view.
        lane_text_px: Height of a lane header's text in pixels.
        row_text_px: Height of a relation label's text in pixels.
    """
    out: list[Header] = []
    if not geom.lanes:
        return out
    view_px = layout.visible * layout.unit_px
    bottoms = np.array([ln.bottom for ln in geom.lanes])
    first = int(np.searchsorted(bottoms, layout.top, side="left"))
    for i in range(first, len(geom.lanes)):
        lane = geom.lanes[i]
        if lane.top > layout.bottom:
            break
        entries = [("lane", i, lane.label, lane.top, lane.top + EVENT_ROW_HEIGHT, lane_text_px)]
        for r in lane.rows:
            row = geom.rows[r]
            h = RELATION_ROW_HEIGHT / 2
            entries.append(("row", r, row.label, row.y - h, row.y + h, row_text_px))
        for kind, idx, text, y0, y1, need in entries:
            a, b = layout.to_px(y0), layout.to_px(y1)
            lo, hi = max(a, 0.0), min(b, view_px)
            if b - a < need or hi - lo < need:
                continue
            t = (a + b - need) / 2
            t = min(max(t, lo), hi - need)
            out.append(Header(kind, idx, text, a, b, t, t + need))
    return out


def recent_range(
    geom: TimelineGeometry, *, min_share: float = 0.5, gap_ratio: float = 0.5, min_days: float = 730.0
) -> tuple[float, float]:
    """The x range of the recent, busy part of the history.

    Dated items (event starts and state changes) are scanned for the latest
    quiet gap (at least a year, and at least ``gap_ratio`` times as long as
    what follows it up to the end) that still leaves ``min_share`` of the
    items after it: 1910, 1945, 1965 … then 2016–2023 gives 2016. Without
    such a gap the busiest ``min_share`` of the latest items is shown. The
    range starts on 1 January, ends where the history ends (today, for open
    states) and is at least ``min_days`` wide.

    Raises:
        ValueError: when ``min_share`` is not in (0, 1].
    """
    if not 0 < min_share <= 1:
        raise ValueError(f"min_share must be in (0, 1], not {min_share!r}")
    lo, hi = geom.extent()
    p = np.sort(np.concatenate((geom.ev_x0, geom.span_x0)))
    if len(p) < 2:
        return lo, hi
    gaps = np.diff(p)
    after = len(p) - np.arange(1, len(p))  # items from p[i + 1] on
    ok = (gaps >= 365.0) & (gaps >= gap_ratio * (hi - p[1:])) & (after >= min_share * len(p))
    if ok.any():
        q = float(p[1:][np.nonzero(ok)[0][-1]])
    else:
        q = float(np.quantile(p, 1.0 - min_share, method="lower"))
    start = day_to_x(_dt.date(x_to_day(q).year, 1, 1))
    start = min(start, hi - min_days)
    return max(start, lo), hi


# -- focus (emphasis of a selection) ------------------------------------------
@dataclass(frozen=True, eq=False)
class Focus:
    """What a selection emphasises; everything else is dimmed.

    ``None`` masks mean "nothing dimmed". ``event`` is the one selected event
    (ringed), if any.
    """

    events: np.ndarray | None = None
    spans: np.ndarray | None = None
    lanes: np.ndarray | None = None
    event: int | None = None

    @property
    def active(self) -> bool:
        return self.events is not None


def focus_for(ws: Workspace, geom: TimelineGeometry, kind: str, item_id: str) -> Focus:
    """Which lanes, spans and events a selection concerns.

    An entity emphasises the lanes it takes part in, the spans of its
    relations (and of relations it embodies, e.g. an agreement) and its
    events; a relation its row and its lane's events; an annotation or
    document the items citing it. A selected event is only marked, and a
    selection touching nothing on the timeline dims nothing.
    """
    n_l = len(geom.lanes)
    if kind == "entity":
        rel_hit = {r.id for r in ws.relations if item_id in r.members or r.entity == item_id}
        ev_hit = {e.id for e in ws.events if item_id in e.participants}
        lanes = np.array([item_id in ln.members for ln in geom.lanes], dtype=bool)
        spans = np.fromiter((r in rel_hit for r in geom.span_relation), dtype=bool, count=geom.n_spans)
        lanes |= _lanes_of_spans(geom, spans, n_l)
        events = np.fromiter((e in ev_hit for e in geom.ev_ids), dtype=bool, count=geom.n_events)
        events |= lanes[geom.ev_lane] if geom.n_events else events
        return _focus(events, spans, lanes)
    if kind == "relation":
        spans = np.fromiter((r == item_id for r in geom.span_relation), dtype=bool, count=geom.n_spans)
        lanes = _lanes_of_spans(geom, spans, n_l)
        return _focus(lanes[geom.ev_lane] if geom.n_events else np.zeros(0, bool), spans, lanes)
    if kind == "event":
        # one event is marked (ringed), nothing dimmed: its context stays readable
        return Focus(event=geom.event_index(item_id))
    if kind in ("annotation", "document"):
        cites = {item_id} if kind == "annotation" else {a.id for a in ws.annotations if a.document == item_id}
        ev_hit = {e.id for e in ws.events if cites.intersection(e.evidence)}
        st_hit = {(r.id, i) for r in ws.relations for i, s in enumerate(r.states) if cites.intersection(s.evidence)}
        events = np.fromiter((e in ev_hit for e in geom.ev_ids), dtype=bool, count=geom.n_events)
        spans = np.fromiter(
            ((r, int(i)) in st_hit for r, i in zip(geom.span_relation, geom.span_index)), dtype=bool, count=geom.n_spans
        )
        lanes = _lanes_of_spans(geom, spans, n_l)
        if geom.n_events:
            lanes[np.unique(geom.ev_lane[events])] = True
        return _focus(events, spans, lanes)
    return Focus()


def _lanes_of_spans(geom: TimelineGeometry, spans: np.ndarray, n_lanes: int) -> np.ndarray:
    lanes = np.zeros(n_lanes, dtype=bool)
    if spans.any():
        row_lane = np.array([r.lane for r in geom.rows], dtype=np.int32)
        lanes[np.unique(row_lane[geom.span_row[spans]])] = True
    return lanes


def _focus(events: np.ndarray, spans: np.ndarray, lanes: np.ndarray) -> Focus:
    if not (events.any() or spans.any() or lanes.any()):
        return Focus()
    return Focus(events, spans, lanes)


# -- level of detail --------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Detail:
    """What to draw for one view range at one scale.

    Computed for ``cover`` (the view plus one view width either side) so that
    panning within it needs no recomputation.

    Point arrays (``pt_``): single events and clusters, with ``pt_count``
    members listed in ``members[pt_offsets[i]:pt_offsets[i + 1]]`` (event
    indices, chronological). Bar arrays (``bar_``): spans, aggregated spans,
    event ranges and brackets and their end caps; ``bar_ref`` is a span or
    event index (-1 for aggregates); ``bar_style`` is a state index for spans
    (for an aggregate, the state holding longest in it) and ``-1`` for event bars.
    ``open_`` arrays mark the right end of states still open.
    """

    level: int
    days_per_px: float
    cover: tuple[float, float]
    pt_x: np.ndarray
    pt_y: np.ndarray
    pt_count: np.ndarray
    pt_style: np.ndarray  # PT_SOURCED / PT_UNSOURCED (a cluster is sourced when any member is)
    pt_dim: np.ndarray
    pt_lo: np.ndarray  # extent of the members, for "zoom into this cluster"
    pt_hi: np.ndarray
    pt_offsets: np.ndarray
    members: np.ndarray
    bar_x0: np.ndarray
    bar_x1: np.ndarray
    bar_y0: np.ndarray
    bar_y1: np.ndarray
    bar_kind: np.ndarray
    bar_style: np.ndarray
    bar_dim: np.ndarray
    bar_ref: np.ndarray
    bar_count: np.ndarray
    bar_sourced: np.ndarray
    open_x: np.ndarray
    open_y: np.ndarray
    open_style: np.ndarray
    open_dim: np.ndarray

    def covers(self, x0: float, x1: float, width_px: float, *, cluster_px: float = 16.0) -> bool:
        """Whether this detail can be reused for a new view (same level, inside the cover)."""
        return (
            self.level == detail_level(x0, x1, width_px, cluster_px=cluster_px)
            and x0 >= self.cover[0]
            and x1 <= self.cover[1]
        )

    def cluster_members(self, i: int) -> np.ndarray:
        return self.members[self.pt_offsets[i] : self.pt_offsets[i + 1]]


def detail_level(x0: float, x1: float, width_px: float, *, cluster_px: float = 16.0) -> int:
    """The cluster grid exponent: bins of ``2**level`` days at least ``cluster_px`` wide.

    Quantised to powers of two so that small zooms keep the same clusters.
    """
    if not (math.isfinite(x0) and math.isfinite(x1)) or x1 <= x0:
        raise ValueError(f"bad view range {x0!r}..{x1!r}")
    if width_px <= 0:
        raise ValueError(f"bad pixel width {width_px!r}")
    days = cluster_px * (x1 - x0) / width_px
    return max(-4, math.ceil(math.log2(days)))


def level_of_detail(
    geom: TimelineGeometry,
    x0: float,
    x1: float,
    width_px: float,
    *,
    focus: Focus | None = None,
    cluster_px: float = 16.0,
    bar_px: float = 8.0,
    min_span_px: float = 6.0,
    cap_px: float = 1.5,
    cap_min_px: float = 14.0,
) -> Detail:
    """Markers, clusters and bars for the view ``[x0, x1]`` drawn ``width_px`` wide.

    Events narrower than ``bar_px`` at this scale are points; points in the
    same lane and the same grid bin (``2**level`` days, at least
    ``cluster_px`` wide) become one cluster with a count, which opens up as
    the user zooms in. Wider events are bars (with end caps from
    ``cap_min_px``, so a year reads as a bracket over the year). Spans
    narrower than ``min_span_px`` are merged per row and bin into one
    aggregate bar coloured by the state that holds longest in it, and
    neighbouring aggregates of the same state join into one bar. Dimmed
    (unfocused) items never merge with focused ones.

    Raises:
        ValueError: on an empty or non-finite range or a non-positive width.
    """
    level = detail_level(x0, x1, width_px, cluster_px=cluster_px)
    dpp = (x1 - x0) / width_px
    w = x1 - x0
    c0, c1 = x0 - w, x1 + w
    bin_days = 2.0**level
    focus = focus or Focus()

    # events
    ex0, ex1 = geom.ev_x0, geom.ev_x1
    vis = (ex1 >= c0) & (ex0 <= c1)
    idx = geom.ev_corder[vis[geom.ev_corder]]  # visible, in order of their centres
    ev_dim = ~focus.events if focus.events is not None else np.zeros(geom.n_events, dtype=bool)
    # a day-precision event is always a marker; brackets and ranges become bars when wide enough
    wide = ((ex1[idx] - ex0[idx]) >= bar_px * dpp) & (geom.ev_shape[idx] != POINT)
    pts = idx[~wide]
    bars = idx[wide]
    # cluster the point-like events: key = (lane, dim, bin)
    cx = (ex0[pts] + ex1[pts]) * 0.5
    bins = np.floor(cx / bin_days).astype(np.int64)
    group = geom.ev_lane[pts].astype(np.int64) * 2 + ev_dim[pts]
    key = group * (1 << 40) + bins
    # pts are in centre order, so bins already ascend within a (lane, dim)
    # group: a stable sort on the small group number (radix) sorts the keys
    order = np.argsort(group.astype(np.int32 if len(geom.lanes) > 16000 else np.int16), kind="stable")
    key_s = key[order]
    if len(key_s):
        starts = np.concatenate(([0], np.nonzero(np.diff(key_s))[0] + 1))
    else:
        starts = np.zeros(0, dtype=np.int64)
    counts = np.diff(np.concatenate((starts, [len(key_s)]))).astype(np.int64)
    members = pts[order]
    cx_s = cx[order]
    if len(starts):
        pt_x = np.add.reduceat(cx_s, starts) / counts
        pt_lo = np.minimum.reduceat(ex0[members], starts)
        pt_hi = np.maximum.reduceat(ex1[members], starts)
        sourced_any = np.maximum.reduceat(geom.ev_sourced[members].astype(np.int8), starts) > 0
        first = members[starts]
        pt_y = geom.ev_y[first]
        pt_dim = ev_dim[first]
    else:
        pt_x = pt_lo = pt_hi = pt_y = np.zeros(0)
        sourced_any = pt_dim = np.zeros(0, dtype=bool)
    pt_style = np.where(sourced_any, PT_SOURCED, PT_UNSOURCED).astype(np.int8)
    offsets = np.concatenate((starts, [len(members)])).astype(np.int64)

    # event bars (+ caps for brackets so a year reads as [1965])
    n_state = len(geom.state_names)
    b_x0 = [ex0[bars]]
    b_x1 = [ex1[bars]]
    ey = geom.ev_y[bars]
    b_y0 = [ey - 0.5 + BAR_TOP]
    b_y1 = [ey - 0.5 + BAR_BOTTOM]
    b_kind = [np.full(len(bars), BAR_EVENT, np.int8)]
    b_style = [np.full(len(bars), -1, np.int16)]
    b_dim = [ev_dim[bars]]
    b_ref = [bars.astype(np.int64)]
    b_count = [np.ones(len(bars), np.int64)]
    b_src = [geom.ev_sourced[bars]]
    cap_w = cap_px * dpp
    capped = bars[(ex1[bars] - ex0[bars]) >= cap_min_px * dpp]
    cy = geom.ev_y[capped]
    for edge in (0, 1):
        cap_x = ex0[capped] if edge == 0 else ex1[capped] - cap_w
        b_x0.append(cap_x)
        b_x1.append(cap_x + cap_w)
        b_y0.append(cy - 0.5 + BAR_TOP - 0.14)
        b_y1.append(cy - 0.5 + BAR_BOTTOM + 0.06)
        b_kind.append(np.full(len(capped), BAR_CAP, np.int8))
        b_style.append(np.full(len(capped), -1, np.int16))
        b_dim.append(ev_dim[capped])
        b_ref.append(capped.astype(np.int64))
        b_count.append(np.ones(len(capped), np.int64))
        b_src.append(geom.ev_sourced[capped])

    # spans
    sx0, sx1 = geom.span_x0, geom.span_x1
    sidx = np.nonzero((sx1 >= c0) & (sx0 <= c1))[0]
    sp_dim = ~focus.spans if focus.spans is not None else np.zeros(geom.n_spans, dtype=bool)
    narrow_m = (sx1[sidx] - sx0[sidx]) < min_span_px * dpp
    wide_s = sidx[~narrow_m]
    narrow = sidx[narrow_m]
    agg_bin = 2.0 ** max(-4, math.ceil(math.log2(max(min_span_px * 2 * dpp, 1e-9))))
    skey = (geom.span_row[narrow].astype(np.int64) * 2 + sp_dim[narrow]) * (1 << 40) + np.floor(
        (sx0[narrow] + sx1[narrow]) * 0.5 / agg_bin
    ).astype(np.int64)
    so = np.argsort(skey, kind="stable")
    skey_s = skey[so]
    narrow = narrow[so]
    if len(skey_s):
        sst = np.concatenate(([0], np.nonzero(np.diff(skey_s))[0] + 1))
        group = np.cumsum(np.isin(np.arange(len(skey_s)), sst)) - 1
        n_groups = len(sst)
        st = geom.span_state[narrow].astype(np.int64)
        # the state holding longest in each bin colours it
        dur = np.bincount(group * max(n_state, 1) + st, weights=sx1[narrow] - sx0[narrow], minlength=n_groups * max(n_state, 1))
        g_style = dur.reshape(n_groups, max(n_state, 1)).argmax(axis=1)
        g_x0 = np.minimum.reduceat(sx0[narrow], sst)
        g_x1 = np.maximum.reduceat(sx1[narrow], sst)
        g_src = np.minimum.reduceat(geom.span_sourced[narrow].astype(np.int8), sst)
        g_count = np.diff(np.concatenate((sst, [len(skey_s)])))
        g_row = skey_s[sst] >> 40
        # join neighbouring bins of the same row, dimming and state into one bar
        new_run = np.ones(n_groups, dtype=bool)
        new_run[1:] = (g_row[1:] != g_row[:-1]) | (g_style[1:] != g_style[:-1]) | (g_x0[1:] > g_x1[:-1] + min_span_px * dpp)
        rst = np.nonzero(new_run)[0]
        scount = np.add.reduceat(g_count, rst)
        ag_x0 = np.minimum.reduceat(g_x0, rst)
        ag_x1 = np.maximum(np.maximum.reduceat(g_x1, rst), ag_x0 + min_span_px * dpp)
        ag_style = g_style[rst].astype(np.int16)
        ag_first = narrow[sst[rst]]
        ag_src = np.minimum.reduceat(g_src, rst) > 0
        ag_ref = np.where(scount == 1, ag_first, -1)
    else:
        scount = np.zeros(0, np.int64)
        ag_x0 = ag_x1 = np.zeros(0)
        ag_style = np.zeros(0, np.int16)
        ag_first = ag_ref = np.zeros(0, np.int64)
        ag_src = np.zeros(0, bool)
    b_x0 += [sx0[wide_s], ag_x0]
    b_x1 += [sx1[wide_s], ag_x1]
    b_y0 += [geom.span_y[wide_s] - SPAN_HALF_HEIGHT, geom.span_y[ag_first] - SPAN_HALF_HEIGHT]
    b_y1 += [geom.span_y[wide_s] + SPAN_HALF_HEIGHT, geom.span_y[ag_first] + SPAN_HALF_HEIGHT]
    b_kind += [np.full(len(wide_s), BAR_SPAN, np.int8), np.where(scount == 1, BAR_SPAN, BAR_SPAN_AGGREGATE).astype(np.int8)]
    b_style += [geom.span_state[wide_s].astype(np.int16), ag_style]
    b_dim += [sp_dim[wide_s], sp_dim[ag_first]]
    b_ref += [wide_s.astype(np.int64), ag_ref.astype(np.int64)]
    b_count += [np.ones(len(wide_s), np.int64), scount.astype(np.int64)]
    b_src += [geom.span_sourced[wide_s], ag_src]

    op = sidx[geom.span_open[sidx]]
    return Detail(
        level=level,
        days_per_px=dpp,
        cover=(c0, c1),
        pt_x=pt_x,
        pt_y=pt_y,
        pt_count=counts,
        pt_style=pt_style,
        pt_dim=pt_dim.astype(bool),
        pt_lo=pt_lo,
        pt_hi=pt_hi,
        pt_offsets=offsets,
        members=members.astype(np.int64),
        bar_x0=np.concatenate(b_x0),
        bar_x1=np.concatenate(b_x1),
        bar_y0=np.concatenate(b_y0),
        bar_y1=np.concatenate(b_y1),
        bar_kind=np.concatenate(b_kind),
        bar_style=np.concatenate(b_style),
        bar_dim=np.concatenate(b_dim).astype(bool),
        bar_ref=np.concatenate(b_ref),
        bar_count=np.concatenate(b_count),
        bar_sourced=np.concatenate(b_src).astype(bool),
        open_x=sx1[op],
        open_y=geom.span_y[op],
        open_style=geom.span_state[op].astype(np.int16),
        open_dim=sp_dim[op],
    )


# -- hit testing --------------------------------------------------------------
@dataclass(frozen=True)
class Hit:
    """What lies under the mouse.

    ``kind`` is 'event' (``index`` an event index), 'cluster' (``index`` a
    point index in the Detail), 'span' (a span index) or 'spans' (an
    aggregate bar; ``index`` the bar index).
    """

    kind: str
    index: int


def hit_test(
    geom: TimelineGeometry,
    detail: Detail,
    x: float,
    y: float,
    days_per_px: float,
    units_per_px: float,
    *,
    radius_px: float = 7.0,
) -> Hit | None:
    """The marker, bar or span under the point ``(x, y)`` in data coordinates.

    Markers win over bars; among bars the narrowest (drawn on top) wins.
    """
    if len(detail.pt_x):
        dx = (detail.pt_x - x) / days_per_px
        dy = (detail.pt_y - y) / units_per_px
        d2 = dx * dx + dy * dy
        i = int(np.argmin(d2))
        if d2[i] <= radius_px * radius_px:
            if detail.pt_count[i] == 1:
                return Hit("event", int(detail.members[detail.pt_offsets[i]]))
            return Hit("cluster", i)
    if len(detail.bar_x0):
        tol_x = 2.0 * days_per_px
        tol_y = 2.0 * units_per_px
        inside = (
            (detail.bar_x0 - tol_x <= x)
            & (x <= detail.bar_x1 + tol_x)
            & (detail.bar_y0 - tol_y <= y)
            & (y <= detail.bar_y1 + tol_y)
        )
        cand = np.nonzero(inside)[0]
        if len(cand):
            widths = detail.bar_x1[cand] - detail.bar_x0[cand]
            b = int(cand[np.argmin(widths)])
            kind = int(detail.bar_kind[b])
            ref = int(detail.bar_ref[b])
            if kind in (BAR_EVENT, BAR_CAP):
                return Hit("event", ref)
            if ref >= 0:
                return Hit("span", ref)
            return Hit("spans", b)
    return None


def neighbour_event(geom: TimelineGeometry, day: _dt.date, step: int, current: int | None = None) -> int | None:
    """The event starting after (``step`` > 0) or before (< 0) ``day``'s start.

    Events are ordered by their first day, then by position in the workspace.
    When ``current`` (an event index) starts on ``day``, the step is taken
    from it, so events sharing a day are visited in turn. None at either end.
    """
    if not geom.n_events or step == 0:
        return None
    xs = geom.ev_x0[geom.ev_order]
    x = day_to_x(day)
    if current is not None and 0 <= current < geom.n_events and geom.ev_x0[current] == x:
        pos = int(np.nonzero(geom.ev_order == current)[0][0]) + (1 if step > 0 else -1)
        return int(geom.ev_order[pos]) if 0 <= pos < geom.n_events else None
    if step > 0:
        j = int(np.searchsorted(xs, x, side="right"))
        return int(geom.ev_order[j]) if j < len(xs) else None
    j = int(np.searchsorted(xs, x, side="left")) - 1
    return int(geom.ev_order[j]) if j >= 0 else None


# -- evidence and descriptions ------------------------------------------------
def first_passage(ws: Workspace, evidence: Sequence[str]) -> tuple[str, int, int] | None:
    """``(document id, start, end)`` of the first evidence annotation that exists."""
    for a_id in evidence:
        a = ws.annotation_by_id.get(a_id)
        if a is not None:
            return a.document, a.selector.start, a.selector.end
    return None


def _sources(ws: Workspace, evidence: Sequence[str]) -> list[str]:
    out = []
    for a_id in evidence:
        a = ws.annotation_by_id.get(a_id)
        if a is None:
            out.append(f"{a_id} (missing annotation)")
            continue
        d = ws.document_by_id.get(a.document)
        title = d.title if d else a.document
        grade = f" [{d.reliability}]" if d is not None and d.reliability else ""
        pub = f", {d.publisher}" if d is not None and d.publisher else ""
        line = f"{title}{pub}{grade}"
        if line not in out:
            out.append(line)
    return out


def _date_text(start: PartialDate, end: PartialDate | None) -> str:
    return start.label() if end is None else f"{start.label()} – {end.label()}"


def describe_event(ws: Workspace, event_id: str) -> str:
    """Hover text for an event: date, title, sources (plain text, one item a line)."""
    e = ws.event_by_id.get(event_id)
    if e is None:
        return event_id
    lines = [_date_text(e.date, e.end) if e.date is not None else "undated", e.title or e.id]
    src = _sources(ws, e.evidence)
    lines += ["Sources: " + "; ".join(src)] if src else ["Unsourced"]
    return "\n".join(lines)


def describe_span(ws: Workspace, geom: TimelineGeometry, span: int) -> str:
    """Hover text for a relation state: relation, state, dates (open to today), sources."""
    rel = ws.relation_by_id.get(geom.span_relation[span])
    if rel is None:
        return geom.span_relation[span]
    s = rel.states[int(geom.span_index[span])]
    when = f"{s.start.label()} – {s.end.label()}" if s.end is not None else f"since {s.start.label()} (open)"
    lines = [f"{rel.label or rel.kind or rel.id}: {s.state}", when]
    src = _sources(ws, s.evidence)
    lines += ["Sources: " + "; ".join(src)] if src else ["Unsourced"]
    return "\n".join(lines)


def describe_header(ws: Workspace, geom: TimelineGeometry, header: Header) -> str:
    """Hover text for a lane header (name, actors, contents) or a relation label (name, kind, period)."""
    if header.kind == "lane":
        lane = geom.lanes[header.index]
        names = [ws.entity_by_id[m].name if m in ws.entity_by_id else m for m in lane.members]
        n_ev = int(np.count_nonzero(geom.ev_lane == header.index)) if geom.n_events else 0
        lines = [lane.label, f"{len(lane.rows)} relation{'s' * (len(lane.rows) != 1)}, {n_ev} event{'s' * (n_ev != 1)}"]
        if names:
            shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
            lines.append(f"Actors: {shown}")
        return "\n".join(lines)
    row = geom.rows[header.index]
    rel = ws.relation_by_id.get(row.relation)
    lines = [row.label, f"Lane: {geom.lanes[row.lane].label}"]
    if rel is not None:
        lines.insert(1, f"{rel.kind or 'relation'}: " + " – ".join(
            ws.entity_by_id[m].name if m in ws.entity_by_id else m for m in rel.members))
        if rel.states:
            lines.append(f"{len(rel.states)} state{'s' * (len(rel.states) != 1)} since {min(rel.states, key=lambda st: st.start.start).start.label()} (click to select)")
    return "\n".join(lines)


def describe_cluster(ws: Workspace, geom: TimelineGeometry, members: Sequence[int], *, limit: int = 6) -> str:
    """Hover text for a cluster: its count, date range and first titles."""
    members = list(members)
    first = ws.event_by_id.get(geom.ev_ids[members[0]])
    last = ws.event_by_id.get(geom.ev_ids[members[-1]])
    span = ""
    if first is not None and last is not None and first.date is not None and last.date is not None:
        span = first.date.label() if first.date == last.date else f"{first.date.label()} – {last.date.label()}"
    lines = [f"{len(members)} events  {span}".rstrip()]
    for i in members[:limit]:
        e = ws.event_by_id.get(geom.ev_ids[i])
        if e is not None:
            lines.append(f"• {e.date.label() if e.date else ''}  {e.title or e.id}")
    if len(members) > limit:
        lines.append(f"… and {len(members) - limit} more (click to zoom in)")
    return "\n".join(lines)


# -- date axis ticks ------------------------------------------------------------
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS_LONG = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# (unit, count) from fine to coarse; days use fixed days of the month.
_STEPS: tuple[tuple[str, int], ...] = (
    ("day", 1),
    ("day", 2),
    ("day", 5),
    ("day", 10),
    ("month", 1),
    ("month", 3),
    ("month", 6),
    ("year", 1),
    ("year", 2),
    ("year", 5),
    ("year", 10),
    ("year", 20),
    ("year", 50),
    ("year", 100),
    ("year", 200),
    ("year", 500),
    ("year", 1000),
)
_STEP_DAYS = {"day": 1.0, "month": 30.44, "year": 365.2425}
_DAY_SETS = {1: tuple(range(1, 32)), 2: tuple(range(1, 30, 2)), 5: (1, 6, 11, 16, 21, 26), 10: (1, 11, 21)}


@dataclass(frozen=True)
class AxisTicks:
    """Ticks of a two-row date axis.

    ``minor`` labels sit on the first row (days "4", months "Jul", years
    "1965"), ``major`` labels on the second row name the enclosing period
    ("July 2019", "2019", "1960s", "20th century"); the first major label is
    the period containing the view's left edge, pinned there, so the reader
    always knows the year. Positions are x values (day ordinals). Labels are
    ``(x, text)``: minor ones centred on x, major ones left-aligned at x.
    """

    step: str  # e.g. "1 day", "3 months", "10 years"
    minor: tuple[float, ...]
    minor_labels: tuple[tuple[float, str], ...]
    major: tuple[float, ...]
    major_labels: tuple[tuple[float, str], ...]


def _label_px(unit: str, count: int, char_px: float) -> float:
    chars = {"day": 2, "month": 3, "year": 4}[unit]
    return chars * char_px + 14.0


def _ordinal_clamped(y: int, m: int = 1, d: int = 1) -> float:
    if y < 1:
        return X_MIN
    if y > 9999:
        return X_MAX
    return float(_dt.date(y, m, d).toordinal())


def _ordinal(y: int, m: int = 1, d: int = 1) -> float:
    return float(_dt.date(y, m, d).toordinal())


def _century(y: int) -> str:
    c = (y - 1) // 100 + 1
    suffix = "th" if 10 <= c % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(c % 10, "th")
    return f"{c}{suffix} century"


def date_ticks(x0: float, x1: float, width_px: float, *, char_px: float = 7.0) -> AxisTicks:
    """Ticks and labels for a date axis showing ``[x0, x1]`` over ``width_px`` pixels.

    Chooses the finest calendar step (days, months, years, decades, centuries)
    whose labels fit, so the same function serves a state-visit week and the
    colonial era; works for any year 1..9999.

    Args:
        x0: Left edge (day ordinal).
        x1: Right edge (day ordinal), greater than ``x0``.
        width_px: Axis length in pixels.
        char_px: Average label character width in pixels.

    Raises:
        ValueError: on an empty or non-finite range or a non-positive width.
    """
    if not (math.isfinite(x0) and math.isfinite(x1)) or x1 <= x0:
        raise ValueError(f"bad axis range {x0!r}..{x1!r}")
    if width_px <= 0:
        raise ValueError(f"bad axis width {width_px!r}")
    x0c, x1c = max(x0, X_MIN), min(x1, X_MAX)
    if x1c <= x0c:
        return AxisTicks("", (), (), (), ())
    px_per_day = width_px / (x1 - x0)
    unit, count = _STEPS[-1]
    for u, c in _STEPS:
        if _STEP_DAYS[u] * c * px_per_day >= _label_px(u, c, char_px):
            unit, count = u, c
            break
    d0, d1 = x_to_day(x0c), x_to_day(min(x1c, X_MAX - 1))
    minor: list[float] = []
    minor_labels: list[tuple[float, str]] = []
    major: list[float] = []
    if unit == "day":
        ym = (d0.year, d0.month)
        while ym <= (d1.year, d1.month):
            y, m = ym
            dim = calendar.monthrange(y, m)[1]
            start = _ordinal(y, m)
            if x0c <= start <= x1c:
                major.append(start)
            for d in _DAY_SETS[count]:
                if d > dim:
                    break
                x = start + d - 1
                if x0c - 1 <= x <= x1c:
                    if d != 1:
                        minor.append(x)
                    # a single-day step labels the middle of the day cell
                    minor_labels.append((x + 0.5 if count == 1 else x, str(d)))
            ym = (y + (m == 12), m % 12 + 1)
        # the longest month label that fits a month: "September 2023", "Sep 2023", "Sep"
        month_px = 28 * px_per_day
        forms = (lambda y, m: f"{_MONTHS_LONG[m - 1]} {y}", lambda y, m: f"{_MONTHS[m - 1]} {y}", lambda y, m: _MONTHS[m - 1])
        form = next((f for f, n in zip(forms, (14, 8, 3)) if n * char_px + 16 <= month_px), forms[-1])
        period = lambda y, m: (_ordinal(y, m), form(y, m))  # noqa: E731
        first_major = period(d0.year, d0.month)
        majors = [period(x_to_day(x).year, x_to_day(x).month) for x in major]
    elif unit == "month":
        for y in range(d0.year, d1.year + 1):
            for m in range(1, 13, count):
                x = _ordinal(y, m)
                if x > x1c:
                    break
                ny, nm0 = divmod(y * 12 + m - 1 + count, 12)
                nxt = _ordinal_clamped(ny, nm0 + 1)
                if nxt < x0c:
                    continue
                if m == 1:
                    if x >= x0c:
                        major.append(x)
                else:
                    minor.append(x)
                lx = (x + nxt) / 2 if count == 1 else x
                minor_labels.append((lx, _MONTHS[m - 1]))
        first_major = (_ordinal(d0.year), str(d0.year))
        majors = [(x, str(x_to_day(x).year)) for x in major]
    else:
        big = 10 if count < 5 else 100 if count < 50 else 1000
        y_first = (d0.year // count) * count
        for y in range(max(y_first, 0), d1.year + 1, count):
            if y < 1:
                continue
            x = _ordinal(y)
            if y % big == 0 and x >= x0c:
                major.append(x)
            else:
                minor.append(x)
            lx = x + _STEP_DAYS["year"] / 2 if count == 1 else x
            if count == 1 or x >= x0c - 1:
                minor_labels.append((lx, str(y)))

        def era(y: int) -> tuple[float, str]:
            start = max((y // big) * big, 1)
            if big == 10:
                return _ordinal(start), f"{(y // 10) * 10}s"
            if big == 100:
                return _ordinal(start), _century(max(start, 1) + (1 if start % 100 == 0 else 0))
            n = y // 1000 + 1
            suffix = {1: "st", 2: "nd", 3: "rd"}.get(n, "th")
            return _ordinal(start), f"{n}{suffix} millennium"

        first_major = era(d0.year)
        majors = [era(x_to_day(x).year) for x in major]
    # pinned label for the period at the left edge, unless a boundary is right there
    labels = [(max(first_major[0], x0c), first_major[1])]
    pin_px = (len(first_major[1]) * char_px + 16) / px_per_day
    for x, text in majors:
        if x > labels[0][0] + pin_px or x == first_major[0]:
            labels.append((x, text))
    labels = _dedupe_labels(labels)
    ticks_minor = tuple(sorted(set(minor) - set(major)))
    return AxisTicks(
        step=f"{count} {unit}{'s' if count > 1 else ''}",
        minor=ticks_minor,
        minor_labels=tuple(minor_labels),
        major=tuple(major),
        major_labels=tuple(labels),
    )


def _dedupe_labels(labels: list[tuple[float, str]]) -> list[tuple[float, str]]:
    out: list[tuple[float, str]] = []
    for x, t in labels:
        if out and out[-1][1] == t:
            continue
        out.append((x, t))
    return out
