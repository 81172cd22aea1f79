"""What changed between two dates: precision, grouping, statuses, nothing dropped."""

import json

import pytest

from briefing_app.cli import main
from briefing_app.model.changes import PeriodError, changes_between
from briefing_app.model.dates import PartialDate as P
from briefing_app.model.io import default_workspace_path, load_workspace
from briefing_app.model.types import Event, Relation, RelationState, Workspace


@pytest.fixture(scope="module")
def example():
    return load_workspace(default_workspace_path())


def _ws(*states, events=()):
    rel = Relation("r", "alliance", ("a", "b"), tuple(states), label="A–B")
    return Workspace(relations=(rel,), events=tuple(events))


def test_gsomia_between_2019_06_and_2023_06(example):
    report = changes_between(example, P.parse("2019-06"), P.parse("2023-06"))
    gsomia = [(c.date.iso(), c.from_state, c.to_state) for c in report.of_kind("state-change")
              if c.item_id == "jpn-kor-gsomia"]
    assert gsomia == [("2019-08", "active", "termination-notified"),
                      ("2019-11", "termination-notified", "suspended"),
                      ("2023-03", "suspended", "restored")]
    restored = next(c for c in report.changes if c.item_id == "jpn-kor-gsomia" and c.to_state == "restored")
    assert restored.evidence == ("ann-d2-gsomia-restored",)
    assert report.statuses["jpn-kor-gsomia"] == "changed"
    assert report.statuses["usa-jpn-alliance"] == "unchanged"
    assert report.statuses["aukus-membership"] == "new"
    assert "ev-gsomia-restored" in {c.item_id for c in report.of_kind("event")}
    assert {c.item_id for c in report.of_kind("source")} == {"doc-rapprochement", "doc-trilateral"}
    # Dated only to 2019: cannot tell whether before or after June 2019, so listed as "possibly".
    assert "jpn-kor-relations" in {c.item_id for c in report.possibly}
    assert all(not c.certain for c in report.possibly)


def test_quiet_month_reports_nothing(example):
    report = changes_between(example, P.parse("2021-06"), P.parse("2021-06"))
    assert report.quiet and not report.possibly
    # Undated actors are still listed, not dropped.
    assert ("entity", "jsdf", "Japan Self-Defense Forces") in report.undated


def test_month_precision_counts_only_when_the_month_is_in_the_period():
    ws = _ws(RelationState("active", P.parse("2019-01")), RelationState("suspended", P.parse("2019-08")))
    assert changes_between(ws, P.parse("2019-08-01"), P.parse("2019-08-31")).of_kind("state-change")
    mid = changes_between(ws, P.parse("2019-08-15"), P.parse("2019-12"))
    assert not mid.changes and [c.to_state for c in mid.possibly] == ["suspended"]
    assert not changes_between(ws, P.parse("2019-09"), P.parse("2019-12")).possibly


def test_began_ended_and_gap():
    ws = _ws(RelationState("active", P.parse("2010"), P.parse("2012")),
             RelationState("active", P.parse("2015"), P.parse("2016-06")))
    report = changes_between(ws, P.parse("2000"), P.parse("2030"))
    assert [(c.kind, c.date.iso()) for c in report.changes] == [
        ("began", "2010"), ("began", "2015"), ("ended", "2012"), ("ended", "2016-06")]
    assert changes_between(ws, P.parse("2016"), P.parse("2017")).statuses["r"] == "ended"
    assert changes_between(ws, P.parse("2014"), P.parse("2015")).statuses["r"] == "new"
    assert changes_between(ws, P.parse("2013-06"), P.parse("2014")).statuses["r"] == "unchanged"


def test_undated_and_unsourced_are_listed():
    ws = _ws(RelationState("active", P.parse("2020-05")),
             events=(Event("ev-x", None, "Undated talks"), Event("ev-y", P.parse("2020-06"), "Talks", evidence=("gone",))))
    report = changes_between(ws, P.parse("2020"), P.parse("2020"))
    assert ("event", "ev-x", "Undated talks") in report.undated
    assert {c.item_id for c in report.unsourced} == {"r", "ev-y"}


def test_until_before_since_is_refused():
    with pytest.raises(PeriodError):
        changes_between(Workspace(), P.parse("2021"), P.parse("2020"))


def test_cli_text_and_json(capsys):
    path = str(default_workspace_path())
    assert main(["changes", path, "--since", "2019-06", "--until", "2023-06"]) == 0
    text = capsys.readouterr().out
    assert "jpn-kor-gsomia  GSOMIA military intelligence sharing: suspended → restored" in text
    assert "evidence ann-d2-gsomia-restored: doc-trilateral" in text
    assert "Possibly in the period" in text
    assert main(["changes", path, "--since", "2021-06", "--until", "2021-06", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["state-change"] == [] and data["event"] == [] and data["undated"]
    assert main(["changes", path, "--since", "2019-06", "--until", "2023-06", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    row = next(r for r in data["state-change"] if r["to"] == "restored" and r["id"] == "jpn-kor-gsomia")
    assert row["evidence"][0]["document"] == "doc-trilateral" and row["evidence"][0]["quote"]


def test_cli_bad_dates_give_one_line(capsys):
    path = str(default_workspace_path())
    assert main(["changes", path, "--since", "2021-13"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--since" in err
    assert main(["changes", path, "--since", "2022", "--until", "2021"]) == 2
