"""The map/graph scene: builds items for a workspace and restyles them for a date.

Shared by the interactive panel and by headless image export, so that what
is exported is what is seen. The scene knows nothing of AppState: the panel
feeds it a workspace, a day, filters and the selection.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene

from briefing_app.viewmodel.map import geo
from briefing_app.model.types import Workspace
from briefing_app.viewmodel.map import model as mm
from briefing_app.viewmodel.map.model import EdgeSpec, NodeSpec
from briefing_app.render.map import style
from briefing_app.render.map.items import ROLE, EdgeItem, LinkItem, NodeItem, polygon_path, polyline_path
from briefing_app.viewmodel.map.labels import place_labels

MODES = ("map", "graph")
INSET_ASPECT = 1.25  # width/height of the enlarged core (inset)
DENSE_EDGES = 250  # above this many edges shown, they are drawn as hairlines (see EdgeItem.apply)
SHOWN_AT_ONCE = 1500  # edges in force built with the workspace; more (a dense date) follow first in the slices
EDGE_SLICE = 1500  # edges not shown yet built per event-loop slice (~60 ms) when the build is budgeted
_TYPE_PRIORITY = {"country": 0, "hub": 1, "organization": 2, "agreement": 3, "military": 4, "person": 5,
                  "place": 6, "event-series": 7}


class MapScene(QGraphicsScene):
    """Countries, actors and relations of one workspace, in map or graph mode."""

    def __init__(self, parent=None):
        super().__init__(parent)
        # Restyling thousands of edges per time step kept the BSP index busy (setPen moves the bounding
        # rect): 120-160 ms of a step with a view attached, 6 ms without an index. Hover looks are linear.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.ws = Workspace()
        self.dense_edges = DENSE_EDGES
        self.mode = "map"
        self.day = _dt.date.today()
        self.kinds: set[str] | None = None
        self.types: set[str] | None = None
        self.selection: tuple[str, str] = ("", "")
        self.topo = mm.build_topology(self.ws)
        self.placement: mm.MapPlacement | None = None
        self._graph_pos: dict[str, tuple[float, float]] = {}
        self._graph_due = False  # the graph layout is computed when first needed (graph mode)
        self.pinned: dict[str, tuple[float, float]] = {}
        self.states: dict[str, str | None] = {}
        self._states_for: tuple[Workspace, _dt.date | None] = (self.ws, None)  # what ``states`` are of
        self._visible_memo: tuple[tuple, tuple[set[str], set[str]]] | None = None  # see _visible
        self.compare: dict[str, str] | None = None  # relation id -> new/ended/changed/unchanged (compare mode)
        self.crowded: frozenset[str] = frozenset()  # gathered actors folded into their anchor at this zoom
        self._embodied: dict[str, set[str]] = {}
        self.core: tuple[tuple[str, ...], QRectF] | None = None  # the theatre's dense core (inset)
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[str, EdgeItem] = {}
        self.links: list[LinkItem] = []
        # Budgeted build (the window's panel turns it on): with more edges than this, set_workspace
        # builds the edges shown now and the rest in later event-loop slices (None: all at once).
        self.build_budget: int | None = None
        self._pending_edges: dict[str, EdgeSpec] = {}  # key -> spec of an edge not built yet
        self._pending_nodes: dict[str, NodeSpec] = {}  # actors without a place on the map, not built yet
        self._prebuilt: tuple[mm.Topology, set[str], dict[str, NodeItem]] | None = None  # see prebuild_nodes
        self._pen_scale = 1.0
        self._style: tuple | None = None  # what the last restyle applied (for edges built after it)
        self._forced_restyle = False  # the last restyle also set the links' visibility
        self._node_style: tuple = (set(), {}, None, None, frozenset(), False, None)  # the last restyle's, for nodes
        self._edge_timer = QTimer(self)
        self._edge_timer.setSingleShot(True)
        self._edge_timer.setInterval(0)
        self._edge_timer.timeout.connect(self._build_edge_slice)
        # The window's map panel runs the slices in its queue instead (one step of any panel per
        # turn); set to False there. A scene on its own (export, tests) runs them on its timer.
        self.own_timer = True
        self._opening = False
        self._halo = QGraphicsPathItem()
        self._halo.setPen(style.halo_pen())
        self._halo.setZValue(25)
        self._halo.setVisible(False)
        self.addItem(self._halo)
        self._build_background()

    # -- building ------------------------------------------------------------------
    def _build_background(self) -> None:
        """Ocean, graticule and countries as paths painted by :meth:`drawBackground`, not as items.

        They never change with the date, so a view can cache them as one
        pixmap (``QGraphicsView.CacheBackground``) and a time step repaints
        only the relations over it.
        """
        self._ocean = polyline_path(geo.sphere_outline(), closed=True)
        self._grid = QPainterPath()
        for line in geo.graticule(30.0):
            self._grid.addPath(polyline_path(line))
        self._countries: dict[str, QPainterPath] = {iso: polygon_path(shape.polygons)
                                                    for iso, shape in geo.load_countries().items()}
        self._country_bounds = {iso: path.boundingRect() for iso, path in self._countries.items()}
        self._tinted: frozenset[str] = frozenset()
        grid_pen = QPen(QColor(255, 255, 255, 150), 0.7)
        grid_pen.setCosmetic(True)
        edge_pen = QPen(QColor(style.COUNTRY_EDGE), 0.6)
        edge_pen.setCosmetic(True)
        self._grid_pen, self._country_pen = grid_pen, edge_pen

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt override
        """The map's base (ocean, graticule, countries, tinted where the workspace has actors)."""
        if self.mode != "map":
            return
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(style.OCEAN))
        painter.drawPath(self._ocean)
        painter.setPen(self._grid_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._grid)
        painter.setPen(self._country_pen)
        for tinted in (False, True):  # tinted countries on top: their shared borders keep the tint's edge
            painter.setBrush(QColor(style.COUNTRY_TINT if tinted else style.COUNTRY_FILL))
            for iso, path in self._countries.items():
                if (iso in self._tinted) == tinted and self._country_bounds[iso].intersects(rect):
                    painter.drawPath(path)
        painter.restore()

    def invalidate_background(self) -> None:
        """Tell views to redraw (and re-cache) the background: tints or mode changed."""
        self.invalidate(QRectF(-1e7, -1e7, 2e7, 2e7), QGraphicsScene.SceneLayer.BackgroundLayer)

    def country_at(self, scene_pos: QPointF) -> str | None:
        """The ISO code of the country under a scene point (map mode), if any."""
        for iso, path in self._countries.items():
            if self._country_bounds[iso].contains(scene_pos) and path.contains(scene_pos):
                return iso
        return None

    def set_workspace(self, ws: Workspace, keep_graph: bool = True,
                      prepared: tuple[mm.Topology, mm.MapPlacement] | None = None) -> None:
        """Rebuild nodes and edges for ``ws`` (graph positions are kept where ids survive).

        ``prepared``: ``ws``'s topology and map placement when already computed (a big map is
        prepared in steps between paints)."""
        self.ws = ws
        self.topo = prepared[0] if prepared else mm.build_topology(ws)
        self.states = mm.states_at(ws, self.day)
        self._states_for = (ws, self.day)
        self.placement = prepared[1] if prepared else mm.place_on_map(ws, self.topo)
        core = mm.core_view(ws, self.placement, aspect=INSET_ASPECT)
        self.core: tuple[tuple[str, ...], QRectF] | None = (core[0], QRectF(*core[1])) if core else None
        self._embodied: dict[str, set[str]] = {}  # entity -> relations it stands for (an agreement)
        for rel in ws.relations:
            if rel.entity:
                self._embodied.setdefault(rel.entity, set()).add(rel.id)
        tinted = frozenset(self.placement.tinted)
        if tinted != self._tinted:
            self._tinted = tinted
            self.invalidate_background()
        for item in list(self.nodes.values()) + list(self.edges.values()) + self.links:
            self.removeItem(item)
        self._edge_timer.stop()
        budgeted = self.build_budget is not None and len(self.topo.nodes) + len(self.topo.edges) > self.build_budget
        self._pending_nodes = self._nodes_left_for_later(self.topo, self.placement)
        prebuilt, self._prebuilt = self._prebuilt, None
        if prebuilt is not None and prebuilt[0] is self.topo and prebuilt[1] == set(self._pending_nodes):
            self.nodes = prebuilt[2]
        else:
            self.nodes = {nid: NodeItem(spec) for nid, spec in self.topo.nodes.items()
                          if nid not in self._pending_nodes}
        specs = self.topo.edges
        if budgeted:
            # The edges shown at this date first; the others (not in force, filtered out) in later slices.
            _, shown = self._visible(include_inactive=self.mode == "graph" or self.compare is not None)
            shown_specs = [e for e in specs if e.key in shown]
            # the first edges in force now; the rest of them lead the slices, the hidden ones follow
            now, later_shown = shown_specs[:SHOWN_AT_ONCE], shown_specs[SHOWN_AT_ONCE:]
            self._pending_edges = {e.key: e for e in later_shown}
            self._pending_edges.update((e.key, e) for e in specs if e.key not in shown)
            specs = tuple(now)
        else:
            self._pending_edges = {}
        self.edges = {e.key: EdgeItem(e) for e in specs}
        self.links = [LinkItem(a, b) for a, b in self.topo.links]
        for item in list(self.nodes.values()) + list(self.edges.values()) + self.links:
            self.addItem(item)
        if (self._pending_edges or self._pending_nodes) and self.own_timer:
            self._edge_timer.start()
        self.pinned = {k: v for k, v in self.pinned.items() if k in self.topo.nodes} if keep_graph else {}
        if not keep_graph:
            self._graph_pos = {}
        self._graph_due = True  # laid out (from the positions kept) when the graph is first shown
        self._apply_positions()
        # A dense date's edges beyond SHOWN_AT_ONCE come in the first slices, not in this restyle nor in
        # the panel's (selection, compare) that follow; a cursor move builds what it shows at once.
        self._opening = bool(self._pending_edges)
        self._restyle(force_visibility=True)  # as set_day(self.day, force=True): the states are computed above
        self._update_halo()  # around the selected relation's edges as now shown

    @property
    def graph_pos(self) -> dict[str, tuple[float, float]]:
        """Graph-mode positions (scene units), laid out on first use after the workspace changed.

        The map mode does not need them: a big workspace does not pay for the layout
        (about half a second at 5,000 actors) until the graph is shown.
        """
        if self._graph_due:
            self._graph_due = False
            self._graph_pos = mm.place_in_graph(self.topo, self._graph_pos, self.pinned)
        return self._graph_pos

    @graph_pos.setter
    def graph_pos(self, pos: dict[str, tuple[float, float]]) -> None:
        self._graph_pos = pos

    def _positions(self) -> dict[str, tuple[float, float]]:
        if self.mode == "graph":
            return self.graph_pos
        return dict(self.placement.pos) if self.placement else {}

    def _apply_positions(self) -> None:
        pos = self._positions()
        gathered = self.placement.offset_px if (self.mode == "map" and self.placement) else {}
        anchors = self.placement.anchor if self.placement else {}
        for nid, item in self.nodes.items():
            if nid in gathered:
                # at the anchor, drawn a fixed number of pixels away from it
                item.setPos(QPointF(*pos[anchors[nid]]))
                item.set_pixel_offset(*gathered[nid])
            elif nid in pos:
                item.setPos(QPointF(*pos[nid]))
                item.set_pixel_offset(0.0, 0.0)
        self._units_per_px = self.placement.units_per_px if self.placement else 1.0
        wrap = self.mode == "map"
        for e in self.edges.values():
            if e.spec.a in pos and e.spec.b in pos:
                e.set_ends(pos[e.spec.a], pos[e.spec.b], wrap)
        for link in self.links:
            if link.a in pos and link.b in pos:
                link.set_ends(pos[link.a], pos[link.b])
        self._update_halo()

    # -- state -----------------------------------------------------------------------
    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown view {mode!r}: use one of {', '.join(MODES)}")
        if mode == self.mode:
            return
        if mode == "graph":
            self._build_nodes(list(self._pending_nodes.values()))  # the graph places every actor
        self.mode = mode
        self.invalidate_background()
        self._apply_positions()
        self._restyle(force_visibility=True)

    def set_day(self, day: _dt.date, force: bool = False) -> None:
        """Restyle for the relation states on ``day`` (only items whose state changed)."""
        if self._states_for[0] is not self.ws or self._states_for[1] != day:  # else: the states it has
            self.states = mm.states_at(self.ws, day)
            self._states_for = (self.ws, day)
        self.day = day
        self._opening = False
        self._restyle(force_visibility=force)

    def set_compare(self, statuses: dict[str, str] | None) -> None:
        """Compare mode: style relations by what became of them over a period (None: off)."""
        self.compare = None if statuses is None else dict(statuses)
        self._restyle(force_visibility=True)

    def set_filters(self, kinds: set[str] | None, types: set[str] | None) -> None:
        self.kinds = None if kinds is None else set(kinds)
        self.types = None if types is None else set(types)
        self._restyle(force_visibility=True)

    def set_selection(self, kind: str, item_id: str) -> None:
        if (kind, item_id) == self.selection and self._forced_restyle:
            return  # nothing to restyle: an open sets the selection it was built with, twice
        self.selection = (kind, item_id)
        self._restyle(force_visibility=True)
        self._update_halo()

    def pin(self, node_id: str, pos: QPointF) -> None:
        """Graph mode: keep a dragged node where it was dropped and let the rest settle."""
        if node_id not in self.nodes:
            return
        self.pinned[node_id] = (pos.x(), pos.y())
        self.relayout()

    def unpin_all(self) -> None:
        self.pinned.clear()
        self.relayout()

    def relayout(self) -> None:
        hidden = [n for n, item in self.nodes.items() if not item.isVisible()] + list(self._pending_nodes)
        self.graph_pos = mm.place_in_graph(self.topo, self.graph_pos, self.pinned, hidden)
        if self.mode == "graph":
            self._apply_positions()
            self._restyle(force_visibility=True)

    def _restyle(self, force_visibility: bool = False) -> None:
        self._forced_restyle = force_visibility  # the links' visibility is current only after a forced one
        fade = self.mode == "graph"  # the graph lays out every relation: show those not in force faded
        compare = self.compare
        nodes_on, edges_on = self._visible(include_inactive=fade or compare is not None)
        if self._pending_edges and not self._opening:  # an edge shown now is built now (a cursor move)
            self._build_edges([spec for key, spec in self._pending_edges.items() if key in edges_on])
        pos = self._positions()
        kind, sel = self.selection
        sel_rel = sel if kind == "relation" else None
        sel_ent = sel if kind == "entity" else None
        crowded = self.crowded if self.mode == "map" else frozenset()
        thin = len(edges_on) > self.dense_edges
        self._style = (edges_on, pos, sel_rel, sel_ent, fade, thin, compare)
        self._style_edges(self.edges.values())
        self._node_style = (nodes_on, pos, sel_rel, sel_ent, crowded, fade, compare)
        self._style_nodes(self.nodes.items())
        if force_visibility:
            for link in self.links:
                # On the map, belonging is shown by gathering (tethers); lines would cross oceans.
                link.setVisible(self.mode == "graph" and self.nodes[link.a].isVisible()
                                and self.nodes[link.b].isVisible() and link.a in pos and link.b in pos)

    def _nodes_left_for_later(self, topo: mm.Topology, placement: mm.MapPlacement) -> dict[str, NodeSpec]:
        """The actors a budgeted map build leaves to later slices: those without a place on the map are
        never drawn on it (the graph needs them)."""
        budgeted = self.build_budget is not None and len(topo.nodes) + len(topo.edges) > self.build_budget
        if not (budgeted and self.mode == "map"):
            return {}
        linked = {n for link in topo.links for n in link}
        return {nid: spec for nid, spec in topo.nodes.items() if nid not in placement.pos and nid not in linked}

    def prebuild_nodes(self, topo: mm.Topology, placement: mm.MapPlacement) -> None:
        """Make the actor items of the next ``set_workspace(prepared=(topo, placement))`` now, off the scene:
        a big map's fill-in does it in a step of its own (2,869 items: 0.1 s). Used only if that build
        leaves the same actors for later (the mode may change in between)."""
        pending = self._nodes_left_for_later(topo, placement)
        self._prebuilt = (topo, set(pending),
                          {nid: NodeItem(spec) for nid, spec in topo.nodes.items() if nid not in pending})

    def _visible(self, include_inactive: bool) -> tuple[set[str], set[str]]:
        """``visible_keys`` for the current topology, states and filters, computed once for them: an
        open restyles four times (build, cursor, compare, selection) with the same, each pass over
        every relation (0.1 s for 20k). The topology and states are new objects when they change."""
        kinds = None if self.kinds is None else frozenset(self.kinds)
        types = None if self.types is None else frozenset(self.types)
        memo = self._visible_memo
        if memo is not None:
            (topo, states, m_kinds, m_types, m_inactive), shown = memo
            if topo is self.topo and states is self.states and (m_kinds, m_types, m_inactive) == (
                    kinds, types, include_inactive):
                return shown
        shown = mm.visible_keys(self.topo, self.states, self.kinds, self.types, include_inactive=include_inactive)
        self._visible_memo = ((self.topo, self.states, kinds, types, include_inactive), shown)
        return shown

    def _style_nodes(self, items) -> None:  # noqa: ANN001 - (id, NodeItem) pairs
        """Show, select and fade nodes as the last restyle decided."""
        nodes_on, pos, sel_rel, sel_ent, crowded, fade, compare = self._node_style
        for nid, item in items:
            chosen = nid == sel_ent or (item.spec.relation is not None and item.spec.relation == sel_rel)
            visible = nid in nodes_on and nid in pos and (nid not in crowded or chosen)
            if compare is not None and item.spec.type == "hub" and not fade:
                rel = item.spec.relation or ""  # a group absent all period stays hidden, as its spokes
                visible = visible and (self.states.get(rel) is not None or compare.get(rel, "unchanged") != "unchanged")
            if visible != item.isVisible():
                item.setVisible(visible)
            item.set_selected_look(chosen)
            if item.spec.type == "hub":
                item.set_faded(self.states.get(item.spec.relation or "") is None)

    def _style_edges(self, items) -> None:  # noqa: ANN001 - EdgeItems
        """Style edges as the last restyle decided (state at the day, shown, selected, hairline)."""
        if self._style is None:
            return
        edges_on, pos, sel_rel, sel_ent, fade, thin, compare = self._style
        for item in items:
            spec = item.spec
            selected = spec.relation == sel_rel or (sel_ent is not None and sel_ent in (spec.a, spec.b))
            visible = spec.key in edges_on and spec.a in pos and spec.b in pos
            state = self.states.get(spec.relation)
            if compare is not None:
                # Ended relations stay drawn (in red); relations absent all period stay hidden.
                status = compare.get(spec.relation, "unchanged")
                visible = visible and (state is not None or status != "unchanged" or fade)
                item.apply(state, visible, selected, thin, status)
                continue
            item.apply(style.NOT_IN_FORCE if state is None and fade else state, visible, selected, thin)

    # -- budgeted build ----------------------------------------------------------------
    @property
    def edges_pending(self) -> int:
        """Edges not built yet (not shown at the current date and filters); 0 once complete."""
        return len(self._pending_edges)

    @property
    def items_pending(self) -> int:
        """Edges and actors (those without a place on the map) not built yet; 0 once complete."""
        return len(self._pending_edges) + len(self._pending_nodes)

    def _build_nodes(self, specs: list[NodeSpec]) -> None:
        """Items for pending actors, styled as the last restyle decided; the nodes keep the topology's order."""
        if not specs:
            return
        built = {}
        for spec in specs:
            del self._pending_nodes[spec.id]
            item = built[spec.id] = NodeItem(spec)
            self.addItem(item)
        self._style_nodes(built.items())
        self.nodes = {nid: self.nodes.get(nid) or built[nid] for nid in self.topo.nodes
                      if nid in self.nodes or nid in built}

    def finish_edges(self) -> None:
        """Build every edge (and actor) still pending, now."""
        self._edge_timer.stop()
        self._build_nodes(list(self._pending_nodes.values()))
        pending = list(self._pending_edges.values())
        self._build_edges(pending)
        self._style_edges(self.edges[spec.key] for spec in pending)

    def _build_edge_slice(self) -> None:
        self.build_slice()
        if self.items_pending and self.own_timer:
            self._edge_timer.start()

    def build_slice(self) -> None:
        """Build one slice of the pending actors, else of the pending edges."""
        if not self._pending_edges:
            self._opening = False
        if self._pending_nodes:
            self._build_nodes(list(self._pending_nodes.values())[:EDGE_SLICE])
            return
        keys = list(self._pending_edges)[:EDGE_SLICE]
        specs = [self._pending_edges[k] for k in keys]
        self._build_edges(specs)
        self._style_edges(self.edges[spec.key] for spec in specs)

    def _build_edges(self, specs: list[EdgeSpec]) -> None:
        """Items for pending edges, placed where the eager build (and any zoom since) would have put them."""
        if not specs:
            return
        pos = self._positions()
        wrap = self.mode == "map"
        off = self.placement.offset_px if (wrap and self.placement) else {}
        rescaled = bool(off) and self.placement is not None and self._units_per_px != self.placement.units_per_px
        for spec in specs:
            del self._pending_edges[spec.key]
            item = EdgeItem(spec)
            item.pen_scale = self._pen_scale
            if spec.a in pos and spec.b in pos:
                item.set_ends(pos[spec.a], pos[spec.b], wrap)
                if rescaled and (spec.a in off or spec.b in off) and spec.a in self.placement.pos \
                        and spec.b in self.placement.pos:
                    item.set_ends(self._where(spec.a, self._units_per_px), self._where(spec.b, self._units_per_px),
                                  True)
            self.edges[spec.key] = item
            self.addItem(item)

    def _where(self, node: str, units_per_px: float) -> tuple[float, float]:
        """A node's map position at a zoom: gathered actors stay a fixed number of pixels from their anchor."""
        off, anchors, base = self.placement.offset_px, self.placement.anchor, self.placement.pos
        if node in off:
            a = base[anchors[node]]
            return a[0] + off[node][0] * units_per_px, a[1] + off[node][1] * units_per_px
        return base[node]

    def _update_halo(self) -> None:
        kind, sel = self.selection
        items = [e for e in self.edges.values() if kind == "relation" and e.spec.relation == sel and e.isVisible()]
        if not items:
            self._halo.setVisible(False)
            return
        path = items[0].path()
        for e in items[1:]:
            path.addPath(e.path())
        self._halo.setPath(path)
        self._halo.setVisible(True)

    def set_pen_scale(self, scale: float) -> None:
        """Widen edge pens by ``scale`` (drawing into an image at a device pixel ratio)."""
        self._pen_scale = scale
        for item in self.edges.values():
            if item.pen_scale != scale:
                item.pen_scale = scale
                item.state = "\0"  # force a restyle
        self._halo.setPen(style.halo_pen(9.0 * scale))
        self._restyle()

    def set_pixel_scale(self, units_per_px: float) -> None:
        """The view's zoom changed: keep gathered actors a fixed number of pixels from their anchor.

        Only edges and links that touch a gathered actor are recomputed.
        """
        if self.mode != "map" or not self.placement or not self.placement.offset_px:
            return
        if abs(units_per_px - getattr(self, "_units_per_px", 0.0)) <= 1e-9 * max(units_per_px, 1e-12):
            return
        self._units_per_px = units_per_px
        off, base = self.placement.offset_px, self.placement.pos

        def where(n: str) -> tuple[float, float]:
            return self._where(n, units_per_px)

        for e in self.edges.values():
            if (e.spec.a in off or e.spec.b in off) and e.spec.a in base and e.spec.b in base:
                e.set_ends(where(e.spec.a), where(e.spec.b), True)
        for link in self.links:
            if link.a in base and link.b in base:
                link.set_ends(where(link.a), where(link.b))
        self._update_halo()

    # -- queries ---------------------------------------------------------------------------
    def default_rect(self) -> QRectF:
        """What the view frames initially: the theatre on the map (see ``map_model.theatre_view``), the whole graph."""
        if self.mode == "map" and self.placement is not None:
            return QRectF(*self.placement.view)
        return self._graph_rect()

    def inset_title(self) -> str:
        """"Enlarged: Japan, South Korea" for the core's inset ('' without a core)."""
        if self.core is None:
            return ""
        names = [self.nodes[i].spec.name for i in self.core[0] if i in self.nodes]
        return "Enlarged: " + ", ".join(names[:3]) + ("…" if len(names) > 3 else "")

    def all_rect(self) -> QRectF:
        """Every placed actor on the map ("Fit all"); the whole graph in graph mode."""
        if self.mode == "map" and self.placement is not None:
            return QRectF(*(self.placement.view_all or self.placement.view))
        return self._graph_rect()

    def _graph_rect(self) -> QRectF:
        pts = [self.graph_pos[n] for n, item in self.nodes.items() if item.isVisible() and n in self.graph_pos]
        if not pts:
            return QRectF(-300, -200, 600, 400)
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        w, h = max(xs) - min(xs), max(ys) - min(ys)
        pad = max(w, h) * 0.08 + 80
        return QRectF(min(xs) - pad, min(ys) - pad, w + 2 * pad, h + 2 * pad)

    def item_at(self, scene_pos: QPointF, tolerance: float, device: QTransform | None = None
                ) -> tuple[str, str] | None:
        """The node or edge under a point (nodes first), as (kind, id).

        Args:
            scene_pos: The point, in scene units.
            tolerance: How far from an edge still counts, in scene units.
            device: The view's scene-to-pixel transform: markers have a
                constant pixel size, so where they lie depends on it.
        """
        device = device if device is not None else QTransform.fromScale(1.0 / tolerance, 1.0 / tolerance)
        area = QRectF(scene_pos.x() - tolerance, scene_pos.y() - tolerance, 2 * tolerance, 2 * tolerance)
        best = None
        best_d = tolerance
        order = Qt.SortOrder.DescendingOrder
        for item in self.items(area, Qt.ItemSelectionMode.IntersectsItemShape, order, device):
            owner = item
            while owner.parentItem() is not None:
                owner = owner.parentItem()
            if isinstance(owner, NodeItem) and owner.isVisible():
                return owner.data(ROLE)
        for item in self.items(area, Qt.ItemSelectionMode.IntersectsItemBoundingRect, order, device):
            if isinstance(item, EdgeItem) and item.isVisible():
                d = item.distance_to(scene_pos.x(), scene_pos.y())
                if d <= best_d:
                    best, best_d = item.data(ROLE), d
        return best

    def node_for(self, item) -> NodeItem | None:
        while item is not None and not isinstance(item, NodeItem):
            item = item.parentItem()
        return item

    def present_kinds_states(self) -> tuple[list[str], list[str]]:
        """Kinds and states of the edges shown now (legend content: only what is on screen)."""
        shown = [e for e in self.edges.values() if e.isVisible()]
        kinds = sorted({e.spec.kind for e in shown}, key=_kind_order)
        states = sorted({e.state for e in shown if e.state}, key=_state_order)
        return kinds, states

    # -- labels ------------------------------------------------------------------------------
    def layout_labels(self, transform: QTransform, viewport: QRectF, avoid: list[QRectF] | tuple = ()) -> int:
        """Place labels for a view transform (scene -> pixels); returns how many are shown.

        Also folds gathered actors into their anchor when the anchor is too
        close to another country or place on screen for their ring to read
        (they come back when zoomed in). ``avoid`` lists pixel rectangles no
        label may cover (the legend).
        """
        self.set_pixel_scale(1.0 / max(transform.m11(), 1e-12))
        self._update_crowding(transform)
        items = [item for item in self.nodes.values() if item.isVisible()]
        anchors, sizes, radii, prio = [], [], [], []
        live: dict[str, int] = {}
        for e in self.edges.values():
            if e.isVisible() and e.state != style.NOT_IN_FORCE:
                live[e.spec.a] = live.get(e.spec.a, 0) + 1
                live[e.spec.b] = live.get(e.spec.b, 0) + 1
        in_force = {rel_id for rel_id, state in self.states.items() if state is not None}
        for item in items:
            p = transform.map(item.pos())
            anchors.append((p.x() + item.offset[0], p.y() + item.offset[1]))
            sizes.append(item.label_size())
            radii.append(item.radius)
            spec = item.spec
            embodies = spec.relation in in_force or bool(self._embodied.get(spec.id, set()) & in_force)
            rank = label_rank(spec.type, live.get(spec.id, 0) > 0 or embodies)
            prio.append((rank, _TYPE_PRIORITY.get(spec.type, 8), -live.get(spec.id, 0), spec.name))
        order = sorted(range(len(items)), key=lambda i: prio[i])
        bounds = (viewport.left(), viewport.top(), viewport.right(), viewport.bottom())
        ranks = [p[0] for p in prio]
        obstacles = [(r.left(), r.top(), r.right(), r.bottom()) for r in avoid]
        offsets = place_labels(anchors, sizes, radii, order, bounds, ranks, obstacles)
        for item, off in zip(items, offsets):
            item.set_label_offset(off)
        return sum(o is not None for o in offsets)

    def _update_crowding(self, transform: QTransform) -> None:
        """Fold gathered actors without a relation of their own when their anchor is crowded on screen."""
        if self.mode != "map" or not self.placement or not self.placement.anchor:
            crowded: frozenset[str] = frozenset()
        else:
            scale = transform.m11()
            places = {n: p for n, p in self.placement.pos.items()
                      if self.placement.how.get(n) in ("place", "country") and self.nodes[n].spec.type == "country"}
            # ends of the relations in force (built or not: the state is the item's state on the map)
            with_edges = {n for e in self.topo.edges if self.states.get(e.relation) is not None for n in (e.a, e.b)}
            crowded = frozenset(mm.crowded_gathered(self.placement, places, scale, with_edges))
        if crowded != self.crowded:
            self.crowded = crowded
            self._restyle(force_visibility=True)


def label_rank(node_type: str, live: bool) -> int:
    """Label priority class: countries, then actors of relations in force (hubs too), then places, then the rest."""
    if node_type == "country":
        return 0
    if live:
        return 1
    if node_type == "place":
        return 2
    return 3


def _kind_order(kind: str) -> tuple[int, str]:
    keys = list(style.KIND_COLOURS)
    return (keys.index(kind) if kind in keys else len(keys), kind)


def _state_order(state: str) -> tuple[int, str]:
    keys = list(style.STATE_STYLES)
    return (keys.index(state) if state in keys else len(keys), state)
