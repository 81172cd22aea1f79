"""Timeline hover texts (events, spans, headers, clusters) and the evidence behind items.

Pure Python + numpy (no Qt).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from briefing_app.viewmodel.timeline.geometry import TimelineGeometry
from briefing_app.viewmodel.timeline.layout import Header
from briefing_app.model.dates import PartialDate
from briefing_app.model.types import Workspace

__all__ = ["describe_cluster", "describe_event", "describe_header", "describe_span", "first_passage"]


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
    if e.participants:
        lines.append("Actors: " + ", ".join(ws.entity_by_id[p].name if p in ws.entity_by_id else p
                                            for p in e.participants))
    src = _sources(ws, e.evidence)
    lines += ["Sources: " + "; ".join(src)] if src else ["Unsourced"]
    lines.append("Click: its card, and the passage in the reader")
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
