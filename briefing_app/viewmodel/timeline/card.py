"""The event card: what a selected timeline event says and where it comes from.

Pure Python (no Qt): returns a small HTML fragment a label can show.
"""

from __future__ import annotations

import html

from briefing_app.model.types import Workspace
from briefing_app.viewmodel.timeline.geometry import TimelineGeometry

__all__ = ["event_card_html"]

QUOTE_CHARS = 180


def event_card_html(ws: Workspace, geom: TimelineGeometry | None, event_id: str) -> str:
    """Title, date, kind, actors, lane and every evidence quote with its source ('' for an unknown id)."""
    e = ws.event_by_id.get(event_id)
    if e is None:
        return ""
    esc = html.escape
    when = "undated" if e.date is None else (e.date.label() if e.end is None else f"{e.date.label()} – {e.end.label()}")
    head = f"<b>{esc(e.title or e.id)}</b> &nbsp;·&nbsp; {esc(when)}"
    if e.kind:
        head += f" &nbsp;·&nbsp; {esc(e.kind.replace('-', ' '))}"
    parts = [head]
    actors = [ws.entity_by_id[p].name if p in ws.entity_by_id else p for p in e.participants]
    facts = []
    if actors:
        facts.append("Actors: " + esc(", ".join(actors)))
    if geom is not None:
        k = geom.event_index(event_id)
        if k is not None:
            facts.append("Lane: " + esc(geom.lanes[int(geom.ev_lane[k])].label))
    if facts:
        parts.append(" &nbsp;·&nbsp; ".join(facts))
    if e.description:
        parts.append(esc(e.description))
    quotes = []
    for a_id in e.evidence:
        a = ws.annotation_by_id.get(a_id)
        if a is None:
            quotes.append(f"<i>{esc(a_id)}: missing annotation</i>")
            continue
        text = " ".join(a.selector.exact.split())
        if len(text) > QUOTE_CHARS:
            text = text[: QUOTE_CHARS - 1].rstrip() + "…"
        d = ws.document_by_id.get(a.document)
        source = d.title if d is not None else a.document
        grade = f" [{d.reliability}]" if d is not None and d.reliability else ""
        quotes.append(f"“{esc(text)}” — <i>{esc(source)}{esc(grade)}</i>")
    parts.append("<br>".join(quotes) if quotes else "<i>Unsourced: no passage supports this event yet.</i>")
    return "<br>".join(parts)
