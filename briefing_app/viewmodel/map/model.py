"""What the map and the graph show for a workspace: nodes, edges, hubs, positions.

Pure Python (no Qt), so that placement rules can be tested directly and the
panel, the exported image and the benchmark share them. The topology (nodes,
edges, hubs) is in :mod:`topology`, the placement on the map in
:mod:`placement`; this module adds the graph, the states at a date, the
filters and the insets, and is the one import its users need.

The placement rules (coordinates, country, affiliation, embodied relation) are
stated once, in :mod:`placement`.

A relation with two members is one curved edge; one with three or more
(the Quad, a trilateral) is a hub with a spoke to each member, the hub being
the relation's own entity when it has one.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

from briefing_app.model.types import Relation, Workspace
from briefing_app.viewmodel.map import geo
from briefing_app.viewmodel.map.placement import (  # noqa: F401 - re-exported for the model's users
    GATHER_RADIUS_PX,
    HUB_GAP_PX,
    HUB_OFFSET_PX,
    REFERENCE_VIEW_PX,
    MapPlacement,
    hub_position,
    place_on_map,
    relation_weights,
    theatre_view,
)
from briefing_app.viewmodel.map.topology import (  # noqa: F401 - re-exported for the model's users
    HUB_PREFIX,
    EdgeSpec,
    NodeSpec,
    Topology,
    build_topology,
    hub_id,
)

GRAPH_EDGE_PX = 110.0  # one edge length of the graph layout, in scene units


# -- graph positions ---------------------------------------------------------------
def graph_nodes(topo: Topology) -> list[str]:
    """Nodes shown in graph mode: those with a relation or an affiliation link."""
    used = {n for e in topo.edges for n in (e.a, e.b)} | {n for link in topo.links for n in link}
    return [n for n in topo.nodes if n in used]


def place_in_graph(topo: Topology, previous: Mapping[str, tuple[float, float]] | None = None,
                   pinned: Mapping[str, tuple[float, float]] | None = None,
                   hidden: Iterable[str] = ()) -> dict[str, tuple[float, float]]:
    """Force layout of the graph, in scene units, warm-started from ``previous``.

    Args:
        topo: The workspace's nodes and edges.
        previous: Last positions (scene units): nodes keep their place.
        pinned: Nodes dragged by the user: they stay exactly there.
        hidden: Nodes filtered out: left out of the layout.
    """
    skip = set(hidden)
    nodes = [n for n in graph_nodes(topo) if n not in skip]
    keep = set(nodes)
    pairs = [(e.a, e.b) for e in topo.edges if e.a in keep and e.b in keep]
    pairs += [(a, b) for a, b in topo.links if a in keep and b in keep]
    scale = GRAPH_EDGE_PX
    prev = {n: (x / scale, y / scale) for n, (x, y) in (previous or {}).items() if n in keep}
    pins = {n: (x / scale, y / scale) for n, (x, y) in (pinned or {}).items() if n in keep}
    prev.update(pins)
    from briefing_app.analysis.layout import layout_graph  # the graph mode's own: not loaded for the map

    out = layout_graph(nodes, pairs, previous=prev or None, pinned=list(pins), seed=0)
    return {n: (x * scale, y * scale) for n, (x, y) in out.items()}


# -- time and filters -----------------------------------------------------------------
class _StateDays:
    """Each relation's states with their first and last days worked out once per snapshot.

    ``Relation.state_at`` builds the dates of each state at every call (a partial date's
    first and last day); a cursor step asks it of every relation, and 20k relations took
    0.1 s of each step. One snapshot is kept (the map shows one at a time).
    """

    _last: tuple[Workspace, _StateDays] | None = None

    def __init__(self, ws: Workspace) -> None:
        # per relation: (first day, last day or None when open, precision, state name) per state;
        # the precision as ``Precision``'s values (day 3, month 2, year 1) without making the enum
        self.rows = [(r.id, [(s.start.start, None if s.end is None else s.end.end,
                              3 if s.start.day is not None else 2 if s.start.month is not None else 1, s.state)
                             for s in r.states]) for r in ws.relations]

    @classmethod
    def of(cls, ws: Workspace) -> _StateDays:
        last = cls._last
        if last is None or last[0] is not ws:
            last = cls._last = (ws, cls(ws))
        return last[1]


def states_at(ws: Workspace, day: _dt.date) -> dict[str, str | None]:
    """Relation id -> the name of its state on ``day`` (None: not in force).

    As ``Relation.state_at``: of the states covering the day, the latest-starting (a finer
    date after a coarser one with the same first day; the later listed on a tie) wins.
    """
    out: dict[str, str | None] = {}
    for rid, spans in _StateDays.of(ws).rows:
        best = None
        best_key = None
        for first, last, precision, name in spans:
            if first <= day and (last is None or day <= last):
                key = (first, precision)
                if best_key is None or key >= best_key:
                    best, best_key = name, key
        out[rid] = best
    return out


def evidence_count(rel: Relation, day: _dt.date | None = None) -> tuple[int, int]:
    """(annotations supporting the state on ``day``, annotations over all states)."""
    total = {a for s in rel.states for a in s.evidence}
    now = rel.state_at(day) if day is not None else None
    return (len(set(now.evidence)) if now is not None else 0), len(total)


def visible_keys(topo: Topology, states: Mapping[str, str | None], kinds: set[str] | None,
                 types: set[str] | None, include_inactive: bool = False) -> tuple[set[str], set[str]]:
    """Which nodes and edges are shown.

    Args:
        topo: Nodes and edges.
        states: Relation id -> state name at the cursor (None: not in force).
        kinds: Relation kinds to show (None: all).
        types: Entity types to show (None: all); hubs follow their relation.
        include_inactive: Also show relations not in force (graph mode
            draws them faded, so the layout's structure stays readable).

    Returns:
        (node ids, edge keys). An edge needs both ends shown and its
        relation in force (unless ``include_inactive``); a hub needs its
        relation in force (same) and its kind.
    """
    nodes = set()
    kind_of = {e.relation: e.kind for e in topo.edges}
    for nid, spec in topo.nodes.items():
        if spec.type == "hub":
            rel_ok = spec.relation is not None and (include_inactive or states.get(spec.relation) is not None)
            kind = kind_of.get(spec.relation or "")
            if rel_ok and (kinds is None or kind in kinds):
                nodes.add(nid)
        elif types is None or spec.type in types:
            nodes.add(nid)
    edges = set()
    for e in topo.edges:
        if (states.get(e.relation) is None and not include_inactive) or (kinds is not None and e.kind not in kinds):
            continue
        if e.a in nodes and e.b in nodes:
            edges.add(e.key)
    return nodes, edges


CROWD_PX = 2.4 * GATHER_RADIUS_PX  # closer than this to another country, a gathered ring does not read


def crowded_gathered(placement: MapPlacement, others: Mapping[str, tuple[float, float]], px_per_unit: float,
                     keep: Iterable[str] = ()) -> set[str]:
    """Gathered actors to fold into their anchor at a zoom, because the anchor is crowded.

    A ring of ministers and forces around Seoul reads when zoomed in on
    Korea; at the scale of the Pacific it lands on Tokyo's. An anchor closer
    than :data:`CROWD_PX` pixels to another of ``others`` folds its
    gathered actors, except those in ``keep`` (actors with a relation of
    their own: their edges need an end).

    Args:
        placement: The map placement.
        others: Node id -> plane position of the markers that crowd (countries).
        px_per_unit: Pixels per map unit of the view.
        keep: Actors never folded.
    """
    keep = set(keep)
    groups: dict[str, list[str]] = defaultdict(list)
    for node, a in placement.anchor.items():
        if node not in keep:
            groups[a].append(node)
    out: set[str] = set()
    limit = CROWD_PX / max(px_per_unit, 1e-12)
    for a, members in groups.items():
        ax, ay = placement.pos[a]
        if any(o != a and math.hypot(ox - ax, oy - ay) < limit for o, (ox, oy) in others.items()):
            out.update(members)
    return out


def date_range(ws: Workspace, pad_days: int = 180) -> tuple[_dt.date, _dt.date]:
    """The span the date slider covers: every relation state and event, plus the as-of date."""
    days: list[_dt.date] = []
    for _rid, spans in _StateDays.of(ws).rows:
        for first, last, _precision, _name in spans:
            days.append(first)
            if last is not None:
                days.append(last)
    for ev in ws.events:
        if ev.date is not None:
            days.append(ev.date.start)
            days.append((ev.end or ev.date).end)
    if ws.briefing.as_of is not None:
        days.append(ws.briefing.as_of.end)
    if not days:
        today = _dt.date.today()
        return today - _dt.timedelta(days=365 * 5), today
    lo, hi = min(days), max(days)
    # Long histories (a 1910 event) would make the slider useless for 2019: cap the start
    # at 40 years before the end; the slider's own range can still be typed past it.
    lo = max(lo, _dt.date(max(1, hi.year - 40), 1, 1))
    return lo - _dt.timedelta(days=pad_days), hi + _dt.timedelta(days=pad_days)


# -- insets (printed figures) ---------------------------------------------------------------
def core_view(ws: Workspace, placement: MapPlacement, aspect: float, keep: float = 0.5,
              max_share: float = 0.45) -> tuple[tuple[str, ...], tuple[float, float, float, float]] | None:
    """The dense core of the theatre, worth an enlarged inset, and the box framing it.

    Peels the theatre further (no actor is protected now, half the weight
    stays): for the bundled example, the United States goes and East Asia
    stays. None when the core is not much smaller than the theatre (then an
    inset adds nothing) or has fewer than two places.

    Args:
        ws: The workspace.
        placement: Its map placement.
        aspect: The inset's width/height.
        keep: Share of the theatre's weight the core keeps.
        max_share: The core's width must be below this share of the theatre's.
    """
    ids = [i for i in placement.theatre if i in placement.pos]
    weights = relation_weights(ws, ids)
    pts = [placement.pos[i] for i in ids]
    kept = geo.theatre_members(pts, [weights.get(i, 0.0) for i in ids], keep=keep, major=1.01, aspect=aspect,
                               min_gain=1.5, min_span=geo.min_view_span(12.0))
    if len(kept) < 2:
        return None
    members = tuple(ids[k] for k in kept)
    box = geo.view_box([placement.pos[i] for i in members], margin=0.3, min_span_deg=12.0, aspect=aspect)
    if box[2] > max_share * placement.view[2]:
        return None
    return members, box


def choose_corner(frame: tuple[float, float, float, float], size: tuple[float, float],
                  markers: Iterable[tuple[float, float, float]], avoid: Iterable[tuple[float, float, float, float]] = (),
                  pad: float = 6.0) -> tuple[float, float, float, float]:
    """The corner of ``frame`` where a box of ``size`` covers the least.

    Args:
        frame: (x, y, w, h) of the picture.
        size: (w, h) of the box to put in a corner (an inset, the legend).
        markers: (x, y, weight) of what should stay visible.
        avoid: (x0, y0, x1, y1) rectangles the box must not overlap (another
            box, the region an inset enlarges); a corner that does costs more
            than any number of markers.
        pad: Distance from the frame's edges.

    Returns:
        The box as (x0, y0, x1, y1); ties go to bottom-left, bottom-right,
        top-right, top-left, in that order.
    """
    fx, fy, fw, fh = frame
    w, h = size
    corners = [
        (fx + pad, fy + fh - pad - h),
        (fx + fw - pad - w, fy + fh - pad - h),
        (fx + fw - pad - w, fy + pad),
        (fx + pad, fy + pad),
    ]
    marks = list(markers)
    avoid = list(avoid)
    best, best_cost = None, math.inf
    for x0, y0 in corners:
        box = (x0, y0, x0 + w, y0 + h)
        cost = sum(m[2] for m in marks if box[0] <= m[0] <= box[2] and box[1] <= m[1] <= box[3])
        cost += sum(1e6 for a in avoid if box[0] < a[2] and a[0] < box[2] and box[1] < a[3] and a[1] < box[3])
        if cost < best_cost:
            best, best_cost = box, cost
    return best  # type: ignore[return-value]
