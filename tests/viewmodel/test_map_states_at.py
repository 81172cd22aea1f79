"""The map's states at a date, from days worked out once per snapshot, are Relation.state_at's."""

from __future__ import annotations

import datetime as dt
import random

from briefing_app.model.dates import PartialDate
from briefing_app.model.types import Relation, RelationState, Workspace
from briefing_app.viewmodel.map import model as mm


def _date(rng: random.Random) -> PartialDate:
    year = rng.choice([2018, 2019, 2020])
    month = rng.choice([None, 1, 2, 8, 12])
    day = rng.choice([None, 1, 15, 28]) if month else None
    return PartialDate(year, month, day)


def _relations(seed: int, n: int = 300) -> tuple[Relation, ...]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        states = []
        for k in range(rng.randrange(0, 5)):  # overlaps, equal starts of other precisions, open ends
            start = _date(rng)
            end = None if rng.random() < 0.3 else _date(rng)
            if end is not None and end.ends_before(start):
                start, end = end, start
            states.append(RelationState(rng.choice(["active", "strained", "suspended"]) + str(k), start, end))
        out.append(Relation(f"r{i}", "alliance", ("a", "b"), tuple(states)))
    return tuple(out)


def test_states_at_every_day_agree_with_relation_state_at():
    ws = Workspace(relations=_relations(3))
    day = dt.date(2017, 12, 1)
    while day < dt.date(2021, 2, 1):
        assert mm.states_at(ws, day) == {r.id: (s.state if (s := r.state_at(day)) else None) for r in ws.relations}
        day += dt.timedelta(days=9)


def test_a_new_snapshot_is_not_answered_from_the_previous_one():
    one = Workspace(relations=(Relation("r", "alliance", ("a", "b"), (RelationState("active", PartialDate(2019)),)),))
    two = one.with_(relations=(Relation("r", "alliance", ("a", "b"), (RelationState("strained", PartialDate(2019)),)),))
    assert mm.states_at(one, dt.date(2019, 6, 1)) == {"r": "active"}
    assert mm.states_at(two, dt.date(2019, 6, 1)) == {"r": "strained"}
    later = two.with_(relations=(Relation("r", "alliance", ("a", "b"),
                                          (RelationState("strained", PartialDate(2019), PartialDate(2021, 3)),)),))
    assert mm.date_range(two, pad_days=0) == (dt.date(2019, 1, 1), dt.date(2019, 1, 1))
    assert mm.date_range(later, pad_days=0) == (dt.date(2019, 1, 1), dt.date(2021, 3, 31))
