"""What the map and the graph show for a workspace: nodes, edges, hubs, positions.

Pure Python (no Qt), so that placement rules can be tested directly and the
panel, the exported image and the benchmark share them.

Placement on the map, first rule that applies:

1. an entity with ``lat``/``lon`` is a point there (a capital, a base, a strait);
2. an entity with a ``country`` that has a shape sits at the shape's label point;
3. an entity with an ``affiliation`` (a leader, a ministry, a force) is gathered
   on a small ring next to the first placed entity up its affiliation chain;
4. the entity that embodies a relation (``relation.entity``) sits on it: at the
   hub of a multilateral relation, at the middle of a bilateral one;
5. anything else (a period, a concept) is not on the map; it is counted.

A relation with two members is one curved edge; one with three or more
(the Quad, a trilateral) is a hub with a spoke to each member, the hub being
the relation's own entity when it has one.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from briefing_app.viewmodel.map import geo
from briefing_app.model.types import Relation, Workspace

HUB_PREFIX = "hub:"
GATHER_RADIUS_PX = 22.0  # ring radius of gathered actors, in pixels of the initial view
GRAPH_EDGE_PX = 110.0  # one edge length of the graph layout, in scene units
REFERENCE_VIEW_PX = 640.0  # the width the initial map view is designed for (a dock, a printed figure)


@dataclass(frozen=True)
class NodeSpec:
    """One node: an entity, or a hub standing for a multilateral relation.

    Attributes:
        id: Entity id, or ``hub:<relation id>`` for a hub without an entity.
        name: Display name.
        type: Entity type, or ``"hub"``.
        entity: The entity id (None for a synthetic hub).
        relation: For a hub: the relation it stands for.
        country: ISO alpha-3 code of the entity's shape, if any.
    """

    id: str
    name: str
    type: str
    entity: str | None = None
    relation: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class EdgeSpec:
    """One drawn line: a bilateral relation, or one spoke of a hub.

    Attributes:
        key: Unique id of the line (``relation id`` or ``relation id>member``).
        relation: The relation id (what a click selects).
        kind: Relation kind (style).
        a: Node id at the start (the source when directed).
        b: Node id at the end.
        directed: Draw an arrow towards ``b``.
        spoke: A hub's spoke (drawn straighter and thinner).
        bend: Curvature (see :func:`briefing_app.viewmodel.map.geo.edge_control_point`).
    """

    key: str
    relation: str
    kind: str
    a: str
    b: str
    directed: bool = False
    spoke: bool = False
    bend: float = 0.18


@dataclass(frozen=True)
class Topology:
    """Nodes, relation edges and affiliation links of a workspace (time-independent)."""

    nodes: Mapping[str, NodeSpec]
    edges: tuple[EdgeSpec, ...]
    links: tuple[tuple[str, str], ...]  # (entity, affiliation): graph-mode layout and faint lines
    hub_of: Mapping[str, str] = field(default_factory=dict)  # relation id -> hub node id

    def edges_of(self, node_id: str) -> list[EdgeSpec]:
        return [e for e in self.edges if node_id in (e.a, e.b)]


def hub_id(rel: Relation) -> str:
    """The node a multilateral relation's spokes meet at."""
    return rel.entity if rel.entity else HUB_PREFIX + rel.id


def build_topology(ws: Workspace) -> Topology:
    """Nodes and edges for every entity and relation of ``ws``.

    Relations naming unknown entities skip those members (validation reports
    them); a relation left with fewer than two known members draws nothing.
    """
    ents = ws.entity_by_id
    nodes: dict[str, NodeSpec] = {
        e.id: NodeSpec(e.id, e.name, e.type, entity=e.id, country=e.country) for e in ws.entities
    }
    edges: list[EdgeSpec] = []
    hub_of: dict[str, str] = {}
    pairs: dict[tuple[str, str], list[tuple[Relation, list[str]]]] = defaultdict(list)
    for rel in ws.relations:
        members = [m for m in dict.fromkeys(rel.members) if m in ents]
        if len(members) == 2:
            pairs[tuple(sorted(members))].append((rel, members))  # type: ignore[index]
        elif len(members) >= 3:
            hub = hub_id(rel)
            if hub not in nodes:
                nodes[hub] = NodeSpec(hub, rel.label or rel.id, "hub", relation=rel.id)
            elif rel.entity and nodes[hub].relation is None:
                spec = nodes[hub]
                nodes[hub] = NodeSpec(spec.id, spec.name, spec.type, spec.entity, rel.id, spec.country)
            hub_of[rel.id] = hub
            for m in members:
                if m != hub:
                    edges.append(EdgeSpec(f"{rel.id}>{m}", rel.id, rel.kind, hub, m, spoke=True, bend=0.06))
    # Pairs in sorted order; a string key sorts 20,000 pairs 3x faster than the tuple (same order:
    # ids are ASCII, "\0" sorts first). Most pairs have one relation: its bend is computed once.
    single_bend = geo.parallel_bends(1)[0]
    for key in sorted(pairs, key="\0".join):
        rels = pairs[key]
        if len(rels) == 1:
            rel, (a, b) = rels[0]
            edges.append(EdgeSpec(rel.id, rel.id, rel.kind, a, b, directed=rel.directed, bend=single_bend))
            continue
        rels = sorted(rels, key=lambda rm: rm[0].id)
        for (rel, (a, b)), bend in zip(rels, geo.parallel_bends(len(rels))):
            edges.append(EdgeSpec(rel.id, rel.id, rel.kind, a, b, directed=rel.directed, bend=bend))
    links = tuple((e.id, e.affiliation) for e in ws.entities if e.affiliation and e.affiliation in ents)
    return Topology(nodes, tuple(edges), links, hub_of)


# -- map positions -------------------------------------------------------------------
@dataclass(frozen=True)
class MapPlacement:
    """Where each node sits on the map and what frames it.

    Attributes:
        pos: Node id -> plane position (map units, see :mod:`geo`).
        how: Node id -> "place" | "country" | "gathered" | "hub" | "on-edge".
        anchor: Gathered node id -> the node it is gathered around.
        offset_px: Gathered node id -> its offset from the anchor in screen
            pixels (the panel keeps it constant while zooming; ``pos`` holds
            it converted at the initial view's scale).
        unplaced: Entity ids that have no place on the map.
        view: The initial view box (x, y, w, h): the theatre, the places
            that most relations involve (see :func:`theatre_view`).
        tinted: ISO codes of the countries that are entities.
        view_all: The box framing every placed actor ("Fit all").
        theatre: Node ids the initial view is framed on.
    """

    pos: Mapping[str, tuple[float, float]]
    how: Mapping[str, str]
    anchor: Mapping[str, str]
    unplaced: tuple[str, ...]
    view: tuple[float, float, float, float]
    tinted: frozenset[str]
    offset_px: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    units_per_px: float = 1.0
    view_all: tuple[float, float, float, float] | None = None
    theatre: tuple[str, ...] = ()


def place_on_map(ws: Workspace, topo: Topology, shapes: Mapping[str, geo.CountryShape] | None = None,
                 aspect: float = 1.6) -> MapPlacement:
    """Apply the placement rules of this module to every node."""
    shapes = geo.load_countries() if shapes is None else shapes
    ents = ws.entity_by_id
    pos: dict[str, tuple[float, float]] = {}
    how: dict[str, str] = {}
    boxes = []
    tinted = set()
    for e in ws.entities:
        if e.country and e.country in shapes:
            tinted.add(e.country)
        if e.lat is not None and e.lon is not None and _valid(e.lat, e.lon):
            pos[e.id] = geo.project_point(e.lon, e.lat)
            how[e.id] = "place"
        elif e.country and e.country in shapes:
            pos[e.id] = shapes[e.country].label
            how[e.id] = "country"
    for e in ws.entities:
        if e.country in shapes and e.type == "country":
            boxes.append(shapes[e.country].bbox)  # type: ignore[index]
    view_all = geo.view_box(list(pos.values()), boxes, aspect=aspect)
    theatre, view = theatre_view(ws, pos, aspect)
    units_per_px = view[2] / REFERENCE_VIEW_PX

    # Rule 4 before 3 for hubs: a hub's place comes from its members.
    _place_hubs(ws, topo, pos, how, units_per_px, theatre)
    # Rule 3: gather affiliated actors next to their anchor.
    anchor: dict[str, str] = {}
    for e in ws.entities:
        if e.id in pos:
            continue
        seen = {e.id}
        up = e.affiliation
        while up and up in ents and up not in seen:
            if up in pos:
                anchor[e.id] = up
                break
            seen.add(up)
            up = ents[up].affiliation
    groups: dict[str, list[str]] = defaultdict(list)
    for node, a in anchor.items():
        groups[a].append(node)
    offset_px: dict[str, tuple[float, float]] = {}
    for a, members in sorted(groups.items()):
        members.sort(key=lambda i: (ents[i].type, ents[i].name.casefold(), i))
        ring = geo.ring_points((0.0, 0.0), len(members), GATHER_RADIUS_PX, start_angle=-60.0)
        for node, (dx, dy) in zip(members, ring):
            offset_px[node] = (dx, dy)
            pos[node] = (pos[a][0] + dx * units_per_px, pos[a][1] + dy * units_per_px)
            how[node] = "gathered"
    # Rule 4 for bilateral relations: the agreement sits on its edge.
    _place_on_edges(ws, topo, pos, how)
    # The theatre's own hubs and agreements (and so the tops of its curves) are part of its frame.
    in_theatre = set(theatre)
    extra = [pos[n] for rel in ws.relations for n in (topo.hub_of.get(rel.id), rel.entity)
             if n in pos and how.get(n) in ("hub", "on-edge")
             and all(m in in_theatre for m in rel.members if m in pos and how.get(m) in ("place", "country"))]
    if extra:
        view = geo.view_box([pos[i] for i in theatre if i in pos] + extra, aspect=aspect)
    unplaced = tuple(e.id for e in ws.entities if e.id not in pos)
    return MapPlacement(pos, how, anchor, unplaced, view, frozenset(tinted), offset_px, units_per_px,
                        view_all, theatre)


def relation_weights(ws: Workspace, placed: Iterable[str]) -> dict[str, float]:
    """How many relations involve each placed entity, over all time.

    A relation counts once for each member; a member that is not placed
    itself (a ministry, a leader) counts for the first placed entity up its
    affiliation chain, where the map gathers it. Counting over all time
    (not at the cursor) keeps the first view still while the date moves.
    """
    placed = set(placed)
    ents = ws.entity_by_id
    out: dict[str, float] = defaultdict(float)
    for rel in ws.relations:
        for m in dict.fromkeys(rel.members):
            seen = set()
            while m and m in ents and m not in placed and m not in seen:
                seen.add(m)
                m = ents[m].affiliation
            if m in placed:
                out[m] += 1.0
    return dict(out)


def theatre_view(ws: Workspace, pos: Mapping[str, tuple[float, float]], aspect: float = 1.6,
                 keep: float = 0.8) -> tuple[tuple[str, ...], tuple[float, float, float, float]]:
    """The theatre (ids) and the box framing it.

    Places are weighted by :func:`relation_weights`; a few peripheral
    actors (a partner in Europe, one in the south Pacific) are left out by
    :func:`geo.theatre_members` so that they do not zoom the view out to
    the whole world. With no relation at all, every place is framed.
    """
    ids = sorted(pos)
    weights = relation_weights(ws, ids)
    kept = geo.theatre_members([pos[i] for i in ids], [weights.get(i, 0.0) for i in ids], keep=keep,
                               aspect=aspect)
    if not kept:
        return tuple(ids), geo.view_box([pos[i] for i in ids], aspect=aspect)
    members = tuple(ids[k] for k in kept)
    return members, geo.view_box([pos[i] for i in members], aspect=aspect)


def _valid(lat: float, lon: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lon) and -90.0 <= lat <= 90.0


HUB_OFFSET_PX = (34.0, 80.0)  # a hub's distance from its nearest member, in pixels of the initial view
HUB_GAP_PX = 26.0  # hubs keep this far from each other and from other markers


def hub_position(members: list[tuple[float, float]], units_per_px: float,
                 preferred: list[bool] | None = None) -> tuple[float, float]:
    """Where a multilateral relation's hub reads well.

    The members' centroid often lands in an empty ocean far from all of
    them (the Quad's between Japan, India, Australia and the United
    States), so the hub goes next to the member nearest that centroid,
    moved towards it by a third of the way, within ``HUB_OFFSET_PX``
    pixels: close to a member, pointing to where the others are.

    Args:
        members: Plane positions of the placed members (two or more).
        units_per_px: Map units per pixel of the initial view.
        preferred: Per member, whether it is in the theatre; the nearest
            member is chosen among those when any is.
    """
    cx = sum(p[0] for p in members) / len(members)
    cy = sum(p[1] for p in members) / len(members)
    pool = [i for i in range(len(members)) if preferred is None or preferred[i]] or list(range(len(members)))
    near = min(pool, key=lambda i: (math.hypot(members[i][0] - cx, members[i][1] - cy), i))
    mx, my = members[near]
    d = math.hypot(cx - mx, cy - my)
    lo, hi = HUB_OFFSET_PX[0] * units_per_px, HUB_OFFSET_PX[1] * units_per_px
    if d < 1e-9:
        return mx, my - lo  # centroid on the member: stand just north of it
    step = min(max(d / 3.0, lo), hi, d) if d > lo else d
    return mx + (cx - mx) / d * step, my + (cy - my) / d * step


def _place_hubs(ws: Workspace, topo: Topology, pos: dict, how: dict, units_per_px: float,
                theatre: Iterable[str] = ()) -> None:
    """Hubs next to their members (see :func:`hub_position`), nudged apart from markers and each other."""
    in_theatre = set(theatre)
    taken: list[tuple[float, float]] = list(pos.values())
    min_gap = HUB_GAP_PX * units_per_px
    for rel in sorted(ws.relations, key=lambda r: r.id):
        hub = topo.hub_of.get(rel.id)
        if hub is None or hub in pos:
            continue
        ids = [m for m in dict.fromkeys(rel.members) if m in pos and m != hub]
        if len(ids) < 2:
            continue
        x, y = hub_position([pos[m] for m in ids], units_per_px, [m in in_theatre for m in ids])
        x0, y0 = x, y
        step = 0
        while any(math.hypot(x - hx, y - hy) < min_gap for hx, hy in taken) and step < 36:
            step += 1
            ang = math.radians(-90.0 + 137.5 * step)  # golden-angle spiral: deterministic, spreads out
            r = min_gap * 0.55 * math.sqrt(step)
            x, y = x0 + r * math.cos(ang), y0 + r * math.sin(ang)
        taken.append((x, y))
        pos[hub] = (x, y)
        how[hub] = "hub"


def _place_on_edges(ws: Workspace, topo: Topology, pos: dict, how: dict) -> None:
    by_rel = {e.relation: e for e in topo.edges if not e.spoke}
    for rel in sorted(ws.relations, key=lambda r: r.id):
        ent = rel.entity
        edge = by_rel.get(rel.id)
        if not ent or ent in pos or edge is None or ent not in ws.entity_by_id:
            continue
        if edge.a in pos and edge.b in pos:
            p, q = pos[edge.a], pos[edge.b]
            c = geo.edge_control_point(p, q, edge.bend)
            mid = geo.quad_bezier(p, c, q, 3)[1]
            pos[ent] = (float(mid[0]), float(mid[1]))
            how[ent] = "on-edge"


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
def states_at(ws: Workspace, day: _dt.date) -> dict[str, str | None]:
    """Relation id -> the name of its state on ``day`` (None: not in force)."""
    out = {}
    for r in ws.relations:
        s = r.state_at(day)
        out[r.id] = s.state if s is not None else None
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
    for r in ws.relations:
        for s in r.states:
            days.append(s.start.start)
            if s.end is not None:
                days.append(s.end.end)
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
