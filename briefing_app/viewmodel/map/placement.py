"""Where each node sits on the map: the placement rules, the gathered actors and the hubs.

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

Hubs sit among their members; the initial view frames the theatre, the
places that most relations involve.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from briefing_app.model.types import Workspace
from briefing_app.viewmodel.map import geo
from briefing_app.viewmodel.map.topology import Topology

GATHER_RADIUS_PX = 22.0  # ring radius of gathered actors, in pixels of the initial view
REFERENCE_VIEW_PX = 640.0  # the width the initial map view is designed for (a dock, a printed figure)


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


class _PointGrid:
    """Points in square cells of the gap's size: "is any point closer than the gap?" looks at the
    3×3 cells around, not at every point (a workspace of 20k relations drawn as hubs asked it
    5 million times: half a second of the window's fill-in)."""

    def __init__(self, gap: float, points: Iterable[tuple[float, float]] = ()) -> None:
        self.gap = gap
        self._cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
        for x, y in points:
            self.add(x, y)

    def _cell(self, x: float, y: float) -> tuple[int, int]:
        return math.floor(x / self.gap), math.floor(y / self.gap)

    def add(self, x: float, y: float) -> None:
        if self.gap > 0 and math.isfinite(x) and math.isfinite(y):  # a point off the plane is never close
            self._cells.setdefault(self._cell(x, y), []).append((x, y))

    def any_closer(self, x: float, y: float) -> bool:
        """Whether a point lies closer than the gap to (x, y) (never, for a gap of 0 or a point off the plane)."""
        if not (self.gap > 0 and math.isfinite(x) and math.isfinite(y)):
            return False
        cx, cy = self._cell(x, y)
        gap, cells = self.gap, self._cells
        for i in (cx - 1, cx, cx + 1):
            for j in (cy - 1, cy, cy + 1):
                for hx, hy in cells.get((i, j), ()):
                    if math.hypot(x - hx, y - hy) < gap:
                        return True
        return False


def _place_hubs(ws: Workspace, topo: Topology, pos: dict, how: dict, units_per_px: float,
                theatre: Iterable[str] = ()) -> None:
    """Hubs next to their members (see :func:`hub_position`), nudged apart from markers and each other."""
    in_theatre = set(theatre)
    min_gap = HUB_GAP_PX * units_per_px
    taken = _PointGrid(min_gap, pos.values())
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
        while taken.any_closer(x, y) and step < 36:
            step += 1
            ang = math.radians(-90.0 + 137.5 * step)  # golden-angle spiral: deterministic, spreads out
            r = min_gap * 0.55 * math.sqrt(step)
            x, y = x0 + r * math.cos(ang), y0 + r * math.sin(ang)
        taken.add(x, y)
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
