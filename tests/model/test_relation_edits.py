"""Pure edits of relations, states and events: results and refusals."""

import pytest

from briefing_app.model import relation_edits as re_
from briefing_app.model.dates import PartialDate, Precision
from briefing_app.model.types import RelationState


def test_create_relation_with_states_in_order(tiny_workspace):
    ws = re_.create_relation(
        tiny_workspace, ["usa", "kor"], "alliance", label="US–ROK alliance", lane="US–ROK",
        states=[re_.make_state("restored", "2023-03"), re_.make_state("active", "1953-10", "2019", ["ann-1"])],
    )
    rel = ws.relation_by_id["usa-kor-alliance"]
    assert rel.members == ("usa", "kor")
    assert [s.state for s in rel.states] == ["active", "restored"]
    assert rel.states[0].end == PartialDate(2019) and rel.states[0].evidence == ("ann-1",)
    assert rel.state_at(PartialDate(2023, 4).start).state == "restored"
    # the original snapshot is untouched
    assert "usa-kor-alliance" not in tiny_workspace.relation_by_id


@pytest.mark.parametrize(
    "members, kind, message",
    [
        (["jpn"], "alliance", "at least two different members"),
        (["jpn", "jpn"], "alliance", "at least two different members"),
        (["jpn", "nowhere"], "alliance", "no entity 'nowhere'"),
        (["jpn", "kor"], "friendship", "unknown relation kind 'friendship'"),
    ],
)
def test_create_relation_refuses_bad_input(tiny_workspace, members, kind, message):
    with pytest.raises(re_.RelationEditError, match=message):
        re_.create_relation(tiny_workspace, members, kind)


def test_relation_ids_do_not_collide(tiny_workspace):
    ws = re_.create_relation(tiny_workspace, ["jpn", "kor"], "alliance")
    ws = re_.create_relation(ws, ["jpn", "kor"], "alliance")
    assert {"jpn-kor-alliance", "jpn-kor-alliance-2"} <= set(ws.relation_by_id)
    with pytest.raises(re_.RelationEditError, match="already used"):
        re_.create_relation(ws, ["jpn", "kor"], "alliance", relation_id="jpn-kor-alliance")


def test_add_state_checks_dates_states_and_evidence(tiny_workspace):
    rid = "prk-threat"
    ws = re_.add_state(tiny_workspace, rid, "strained", "2018-06", evidence=["ann-2"])
    assert [s.state for s in ws.relation_by_id[rid].states] == ["active", "strained"]
    with pytest.raises(re_.RelationEditError, match="ends .* before it starts"):
        re_.add_state(tiny_workspace, rid, "active", "2020", "2019-05")
    with pytest.raises(re_.RelationEditError, match="unknown state 'friendly'"):
        re_.add_state(tiny_workspace, rid, "friendly", "2020")
    with pytest.raises(re_.RelationEditError, match="no annotation 'ann-9'"):
        re_.add_state(tiny_workspace, rid, "active", "2020", evidence=["ann-9"])
    with pytest.raises(re_.RelationEditError, match="start date: not a date"):
        re_.add_state(tiny_workspace, rid, "active", "spring")
    with pytest.raises(re_.RelationEditError, match="start date is missing"):
        re_.add_state(tiny_workspace, rid, "active", "")


def test_end_edit_split_and_remove_state(tiny_workspace):
    rid = "prk-threat"
    ws = re_.end_state(tiny_workspace, rid, 0, "2021-12")
    assert ws.relation_by_id[rid].states[0].end == PartialDate(2021, 12)
    ws = re_.split_state(ws, rid, 0, "2019-02", "strained", evidence=["ann-2"])
    first, second = ws.relation_by_id[rid].states
    assert (first.state, first.start, first.end) == ("active", PartialDate(2017), PartialDate(2019, 2))
    assert (second.state, second.start, second.end) == ("strained", PartialDate(2019, 2), PartialDate(2021, 12))
    assert second.evidence == ("ann-2",)
    with pytest.raises(re_.RelationEditError, match="not inside"):
        re_.split_state(ws, rid, 1, "2016", "active")
    ws = re_.edit_state(ws, rid, 1, state="suspended", start="2019-03-01")
    assert ws.relation_by_id[rid].states[1].start.precision == Precision.DAY
    ws = re_.remove_state(ws, rid, 0)
    assert [s.state for s in ws.relation_by_id[rid].states] == ["suspended"]
    with pytest.raises(re_.RelationEditError, match="no state number 5"):
        re_.remove_state(ws, rid, 4)


def test_update_relation_members_and_refusals(tiny_workspace):
    ws = re_.update_relation(tiny_workspace, "prk-threat", members=["prk", "jpn", "kor"], label="DPRK missiles")
    rel = ws.relation_by_id["prk-threat"]
    assert rel.members == ("prk", "jpn", "kor") and rel.label == "DPRK missiles"
    with pytest.raises(re_.RelationEditError, match="at least two"):
        re_.update_relation(tiny_workspace, "prk-threat", members=["prk"])
    with pytest.raises(re_.RelationEditError, match="cannot change states"):
        re_.update_relation(tiny_workspace, "prk-threat", states=())
    assert "prk-threat" not in re_.remove_relation(ws, "prk-threat").relation_by_id


def test_set_states_replaces_and_checks(tiny_workspace):
    ws = re_.set_states(tiny_workspace, "prk-threat", [RelationState("active", PartialDate(2016))])
    assert ws.relation_by_id["prk-threat"].states[0].start == PartialDate(2016)
    with pytest.raises(re_.RelationEditError):
        re_.set_states(tiny_workspace, "prk-threat", [RelationState("active", PartialDate(2016), PartialDate(2015))])


def test_create_and_update_event_keeps_precision(tiny_workspace):
    ws = re_.create_event(tiny_workspace, "  Summit  in Tokyo ", "2023-03", end="2023-03-17", kind="summit",
                          participants=["jpn", "kor", "jpn"], lane="Japan–South Korea", evidence=["ann-1"])
    ev = ws.event_by_id["ev-summit-in-tokyo"]
    assert ev.title == "Summit in Tokyo" and ev.date.precision == Precision.MONTH
    assert ev.end == PartialDate(2023, 3, 17) and ev.participants == ("jpn", "kor")
    ws = re_.update_event(ws, ev.id, date="2023-03-16", participants=["kishida", "yoon"])
    ev2 = ws.event_by_id[ev.id]
    assert ev2.date.precision == Precision.DAY and ev2.participants == ("kishida", "yoon")
    for kwargs, message in [
        (dict(title=""), "needs a title"),
        (dict(date=""), "date is missing"),
        (dict(end="2020"), "ends .* before it starts"),
        (dict(participants=["atlantis"]), "no entity 'atlantis'"),
        (dict(colour="red"), "cannot change colour"),
    ]:
        with pytest.raises(re_.RelationEditError, match=message):
            re_.update_event(ws, ev.id, **kwargs)
    assert ev.id not in re_.remove_event(ws, ev.id).event_by_id


def test_edited_workspace_saves_and_validates(tiny_workspace, tiny_workspace_path):
    from briefing_app.model.io import read_workspace, save_workspace

    ws = re_.create_relation(tiny_workspace, ["usa", "jpn"], "alliance", states=[re_.make_state("active", "1960-01-19")])
    ws = re_.create_event(ws, "Treaty signed", "1960-01-19", participants=["usa", "jpn"], evidence=["ann-1"])
    save_workspace(ws, tiny_workspace_path)
    result = read_workspace(tiny_workspace_path)
    assert result.problems == []
    assert result.workspace.relation_by_id["usa-jpn-alliance"].states[0].start == PartialDate(1960, 1, 19)
    assert result.workspace.event_by_id["ev-treaty-signed"].participants == ("usa", "jpn")
