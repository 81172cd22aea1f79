"""What changed between two dates: the periodic reader's first question.

Pure Python. :func:`changes_between` lists, for a period, the relation state
changes (with the state before and after), the relations that began or ended,
the events, the actors that first appear and the sources published. Dates are
compared with their precision: a date is *in* the period only when every day
it may denote is; a date that overlaps an edge (``2019`` against a period that
starts in June 2019) is listed as *possibly* in the period, never guessed.
Undated and unsourced items are counted and listed as such, never dropped.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from briefing_app.model.dates import PartialDate
from briefing_app.model.types import Relation, RelationState, Workspace

# Kinds of change, in the order a reader wants them.
STATE_CHANGE = "state-change"
BEGAN = "began"
ENDED = "ended"
EVENT = "event"
ENTITY = "entity"
SOURCE = "source"
CHANGE_KINDS = (STATE_CHANGE, BEGAN, ENDED, EVENT, ENTITY, SOURCE)
KIND_TITLES = {
    STATE_CHANGE: "Relation state changes",
    BEGAN: "Relations that began",
    ENDED: "Relations that ended",
    EVENT: "Events",
    ENTITY: "Actors that first appear",
    SOURCE: "Sources published",
}

# How a relation fared over the period, for the map's compare mode.
STATUS_NEW = "new"
STATUS_ENDED = "ended"
STATUS_CHANGED = "changed"
STATUS_UNCHANGED = "unchanged"


class PeriodError(ValueError):
    """A period that cannot be used (until before since)."""


@dataclass(frozen=True)
class Period:
    """A closed period given as partial dates: ``since`` from its first day, ``until`` to its last."""

    since: PartialDate
    until: PartialDate

    def __post_init__(self) -> None:
        if self.until.end < self.since.start:
            raise PeriodError(f"--until {self.until.iso()} is before --since {self.since.iso()}")

    @property
    def start(self) -> _dt.date:
        return self.since.start

    @property
    def end(self) -> _dt.date:
        return self.until.end

    def label(self) -> str:
        """Human form: ``Jun 2019 – Jun 2023``, or one date when both are the same."""
        if self.since == self.until:
            return self.since.label()
        return f"{self.since.label()} – {self.until.label()}"

    def placement(self, date: PartialDate) -> str:
        """``"in"``, ``"out"`` or ``"possibly"`` (the date is too coarse to tell)."""
        if date.start >= self.start and date.end <= self.end:
            return "in"
        if date.end < self.start or date.start > self.end:
            return "out"
        return "possibly"


@dataclass(frozen=True)
class Change:
    """One thing that changed in the period.

    Attributes:
        kind: One of :data:`CHANGE_KINDS`.
        item_id: The relation, event, entity or document id.
        label: What a reader calls it.
        date: When (None for nothing: undated items are kept apart).
        from_state: The relation state before ("" when none).
        to_state: The relation state after ("" when none).
        evidence: Annotation ids the change rests on.
        certain: False when the date's precision overlaps an edge of the period.
        detail: One line more (an event's title, a source's publisher).
    """

    kind: str
    item_id: str
    label: str
    date: PartialDate | None
    from_state: str = ""
    to_state: str = ""
    evidence: tuple[str, ...] = ()
    certain: bool = True
    detail: str = ""

    def as_json(self, ws: Workspace | None = None) -> dict:
        """A JSON-ready dict; with ``ws``, each evidence id comes with its document, offsets and quote."""
        evidence: list = list(self.evidence)
        if ws is not None:
            evidence = [_passage(ws, aid) for aid in self.evidence]
        return {
            "kind": self.kind,
            "id": self.item_id,
            "label": self.label,
            "date": self.date.iso() if self.date else None,
            "from": self.from_state or None,
            "to": self.to_state or None,
            "evidence": evidence,
            "certain": self.certain,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class ChangeReport:
    """Everything that changed in a period, grouped for reading.

    Attributes:
        period: The period asked about.
        changes: Items dated in the period, by kind then date.
        possibly: Items whose date is too coarse to tell whether they fall in it.
        undated: Items without a date: (kind, id, label) — events without a
            date, sources without a publication date, actors with no dated
            relation or event.
        unsourced: Changes in (or possibly in) the period that cite no
            passage the workspace holds.
        statuses: Relation id → new / ended / changed / unchanged over the period.
    """

    period: Period
    changes: tuple[Change, ...]
    possibly: tuple[Change, ...]
    undated: tuple[tuple[str, str, str], ...]
    unsourced: tuple[Change, ...]
    statuses: dict[str, str] = field(default_factory=dict)

    def of_kind(self, kind: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind == kind)

    @property
    def quiet(self) -> bool:
        """Nothing is known to have changed in the period."""
        return not self.changes

    def as_json(self, ws: Workspace | None = None) -> dict:
        """A JSON-ready dict; with ``ws``, evidence passages are spelled out."""
        return {
            "since": self.period.since.iso(),
            "until": self.period.until.iso(),
            "period": [self.period.start.isoformat(), self.period.end.isoformat()],
            **{kind: [c.as_json(ws) for c in self.of_kind(kind)] for kind in CHANGE_KINDS},
            "possibly": [c.as_json(ws) for c in self.possibly],
            "undated": [{"kind": k, "id": i, "label": label} for k, i, label in self.undated],
            "unsourced": [c.as_json(ws) for c in self.unsourced],
            "relation_status": dict(sorted(self.statuses.items())),
        }


def _passage(ws: Workspace, annotation_id: str) -> dict:
    ann = ws.annotation_by_id.get(annotation_id)
    if ann is None:
        return {"annotation": annotation_id, "missing": True}
    return {"annotation": annotation_id, "document": ann.document, "start": ann.selector.start,
            "end": ann.selector.end, "quote": ann.selector.exact}


def _sorted_states(rel: Relation) -> list[RelationState]:
    return sorted(rel.states, key=lambda s: s.start.sort_key())


def _contiguous(prev: RelationState, nxt: RelationState) -> bool:
    """Whether ``nxt`` takes over from ``prev`` (no day between them uncovered)."""
    if prev.end is None:
        return True
    return nxt.start.start <= prev.end.end + _dt.timedelta(days=1)


def relation_transitions(rel: Relation) -> list[Change]:
    """Every dated transition of a relation: began, state changes, ended."""
    label = rel.label or rel.id
    out: list[Change] = []
    states = _sorted_states(rel)
    for i, st in enumerate(states):
        prev = states[i - 1] if i else None
        if prev is not None and _contiguous(prev, st):
            if prev.state != st.state:
                out.append(Change(STATE_CHANGE, rel.id, label, st.start, prev.state, st.state, st.evidence))
        else:
            if prev is not None and prev.end is not None:
                out.append(Change(ENDED, rel.id, label, prev.end, prev.state, "", prev.evidence))
            out.append(Change(BEGAN, rel.id, label, st.start, "", st.state, st.evidence))
    if states and states[-1].end is not None:
        last = states[-1]
        out.append(Change(ENDED, rel.id, label, last.end, last.state, "", last.evidence))
    return out


def _first_appearances(ws: Workspace) -> dict[str, tuple[PartialDate, list[str], str]]:
    """Entity id → (earliest dated appearance, its evidence, in what)."""
    first: dict[str, tuple[PartialDate, list[str], str]] = {}

    def see(eid: str, date: PartialDate, evidence: tuple[str, ...], what: str) -> None:
        if eid not in first or date < first[eid][0]:
            first[eid] = (date, list(evidence), what)

    for rel in ws.relations:
        states = _sorted_states(rel)
        if not states:
            continue
        ids = list(rel.members) + ([rel.entity] if rel.entity else [])
        for eid in ids:
            see(eid, states[0].start, states[0].evidence, rel.label or rel.id)
    for ev in ws.events:
        if ev.date is None:
            continue
        ids = list(ev.participants)
        for eid in ids:
            see(eid, ev.date, ev.evidence, ev.title)
    return first


def _relation_status(rel: Relation, period: Period) -> str:
    """New, ended, changed or unchanged: the state the day before the period against its last day."""
    before = rel.state_at(period.start - _dt.timedelta(days=1))
    after = rel.state_at(period.end)
    if before is None and after is not None:
        return STATUS_NEW
    if before is not None and after is None:
        return STATUS_ENDED
    # Only transitions known to fall in the period count; coarser ones are listed as "possibly".
    moved = any(period.placement(c.date) == "in" for c in relation_transitions(rel) if c.date is not None)
    if moved or (before is not None and after is not None and before.state != after.state):
        return STATUS_CHANGED
    return STATUS_UNCHANGED


def changes_between(ws: Workspace, since: PartialDate, until: PartialDate) -> ChangeReport:
    """What changed in the workspace between ``since`` (first day) and ``until`` (last day).

    Raises:
        PeriodError: when ``until`` ends before ``since`` starts.
    """
    period = Period(since, until)
    dated: list[Change] = []
    undated: list[tuple[str, str, str]] = []

    for rel in ws.relations:
        dated.extend(relation_transitions(rel))
    for ev in ws.events:
        if ev.date is None:
            undated.append((EVENT, ev.id, ev.title))
            continue
        dated.append(Change(EVENT, ev.id, ev.title, ev.date, evidence=ev.evidence,
                            detail=f"until {ev.end.label()}" if ev.end else ""))
        if ev.end is not None and period.placement(ev.date) == "out":
            # A long event that ends in the period is a change too.
            dated.append(Change(EVENT, ev.id, ev.title, ev.end, evidence=ev.evidence,
                                detail=f"ended (began {ev.date.label()})"))
    first = _first_appearances(ws)
    for ent in ws.entities:
        if ent.id not in first:
            undated.append((ENTITY, ent.id, ent.name))
            continue
        date, evidence, what = first[ent.id]
        dated.append(Change(ENTITY, ent.id, ent.name, date, evidence=tuple(evidence), detail=f"first in: {what}"))
    for doc in ws.documents:
        if doc.published is None:
            undated.append((SOURCE, doc.id, doc.title or doc.id))
            continue
        detail = doc.publisher + (" (date estimated)" if doc.published_estimated else "")
        dated.append(Change(SOURCE, doc.id, doc.title or doc.id, doc.published, detail=detail.strip()))

    inside: list[Change] = []
    possibly: list[Change] = []
    for c in dated:
        where = period.placement(c.date)  # type: ignore[arg-type]
        if where == "in":
            inside.append(c)
        elif where == "possibly":
            possibly.append(Change(**{**c.__dict__, "certain": False}))

    order = {k: i for i, k in enumerate(CHANGE_KINDS)}

    def key(c: Change) -> tuple:
        return (order[c.kind], c.date.sort_key(), c.item_id)  # type: ignore[union-attr]

    inside.sort(key=key)
    possibly.sort(key=key)
    known = ws.annotation_by_id
    unsourced = tuple(c for c in inside + possibly
                      if c.kind != SOURCE and not any(a in known for a in c.evidence))
    statuses = {rel.id: _relation_status(rel, period) for rel in ws.relations}
    return ChangeReport(period, tuple(inside), tuple(possibly), tuple(undated), unsourced, statuses)
