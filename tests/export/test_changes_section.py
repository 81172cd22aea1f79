"""The "What changed since DATE" section: after the BLUF, every row footnoted, quiet periods said so."""

from __future__ import annotations

import datetime as _dt

from briefing_app.export.changes_section import ChangesBody
from briefing_app.export.compose import ExportOptions, compose_briefing
from briefing_app.export.html_layout import briefing_html
from briefing_app.model.dates import PartialDate as D
from briefing_app.model.io import default_workspace_path, load_workspace


def _example():
    return load_workspace(default_workspace_path())


def test_section_follows_the_bluf_and_every_row_has_a_note():
    ws = _example()
    doc = compose_briefing(ws, ExportOptions(as_of=_dt.date(2023, 6, 30), changes_since=D.parse("2019-06")))
    ids = [s.id for s in doc.sections]
    assert ids[:3] == ["bluf", "changes", "key-judgments"]
    section = doc.sections[1]
    assert section.title == "What changed since Jun 2019"
    body = section.body
    assert isinstance(body, ChangesBody)
    gsomia = [(r.date, r.change) for r in body.rows if r.item == "GSOMIA military intelligence sharing"
              and r.kind == "Relation state change"]
    assert gsomia == [("Aug 2019", "active → termination notified"), ("Nov 2019", "termination notified → suspended"),
                      ("Mar 2023", "suspended → restored")]
    assert all(r.notes for r in body.rows) and body.unsourced == 0
    # The first notes of the briefing are now the changes' passages.
    first = body.rows[0]
    assert first.notes[0] == 1 and doc.notes[0].annotation_id == "ann-d2-gsomia-end-2019"
    assert any(r.item == "Japan–South Korea political relations" for r in body.possibly)
    html = briefing_html(doc, {})
    assert "What changed since Jun 2019" in html and "suspended → restored" in html


def test_quiet_month_says_nothing_changed_and_lists_undated():
    doc = compose_briefing(_example(), ExportOptions(as_of=_dt.date(2021, 6, 30), changes_since=D.parse("2021-06")))
    body = next(s.body for s in doc.sections if s.id == "changes")
    assert body.rows == () and body.possibly == ()
    assert any("Japan Self-Defense Forces" in u for u in body.undated)
    assert "Nothing is known to have changed in this period." in briefing_html(doc, {})


def test_no_section_without_the_option_and_alone_when_only_it_is_asked():
    ws = _example()
    assert "changes" not in [s.id for s in compose_briefing(ws).sections]
    only = compose_briefing(ws, ExportOptions(sections=("sources",), changes_since=D.parse("2023")))
    assert [s.id for s in only.sections] == ["changes", "sources"]


def test_cli_export_changes_since(tmp_path, capsys):
    from briefing_app.cli import main

    out = tmp_path / "b.pdf"
    assert main(["export", str(default_workspace_path()), "-o", str(out), "--as-of", "2023-06",
                 "--changes-since", "2019-06"]) == 0
    assert out.stat().st_size > 0
    assert main(["export", str(default_workspace_path()), "-o", str(out), "--changes-since", "June"]) == 2
    assert "--changes-since" in capsys.readouterr().err
