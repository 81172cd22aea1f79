"""Timeline selection: what a selection emphasises, and stepping from event to event.

Pure Python + numpy (no Qt).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

import numpy as np

from briefing_app.viewmodel.timeline.coords import day_to_x
from briefing_app.viewmodel.timeline.geometry import TimelineGeometry
from briefing_app.model.types import Workspace

__all__ = ["Focus", "focus_for", "neighbour_event"]


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
