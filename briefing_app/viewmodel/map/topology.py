"""What the map and the graph draw for a workspace: a node per actor, an edge per bilateral relation,
a hub with spokes per relation of three or more members (the relation's own entity when it has one).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from briefing_app.model.types import Relation, Workspace
from briefing_app.viewmodel.map import geo

HUB_PREFIX = "hub:"


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
