"""Composition is pure: which items go where, in which order, with which note numbers."""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from pathlib import Path

import pytest

from briefing_app.export.compose import (
    SECTION_IDS,
    ExportOptions,
    FigureSlot,
    NoteBook,
    OptionsError,
    compose_briefing,
    confidence_phrase,
    natural_key,
    reliability_phrase,
    resolve_as_of,
)
from briefing_app.export.html_layout import FigureInfo, briefing_html
from briefing_app.model.dates import PartialDate as D

from .conftest import make_workspace


def section(doc, sid):
    return next(s for s in doc.sections if s.id == sid)


def test_same_input_gives_equal_output(workspace):
    a = compose_briefing(workspace, ExportOptions())
    b = compose_briefing(make_workspace(workspace.root), ExportOptions())
    assert a == b
    assert briefing_html(a, {}) == briefing_html(b, {})


def test_sections_follow_canonical_order_whatever_the_option_order(workspace):
    doc = compose_briefing(workspace, ExportOptions(sections=("sources", "bluf", "relations")))
    assert [s.id for s in doc.sections] == ["bluf", "relations", "sources"]
    full = compose_briefing(workspace)
    assert [s.id for s in full.sections] == list(SECTION_IDS)


def test_key_judgments_are_the_tagged_annotations_in_natural_id_order(workspace):
    kjs = section(compose_briefing(workspace), "key-judgments").body
    # ann-3 before ann-10 (natural order), evidence and questions left out
    assert [k.statement for k in kjs] == [
        "Yoon and Kishida have put the 2019 dispute behind them.",
        "Agreed to share missile warning data in real time",
    ]
    assert kjs[0].confidence == "likely (55–80%)"
    assert kjs[1].confidence == "very likely (80–95%)"
    assert kjs[0].quote.startswith("President 윤석열")


def test_notes_are_numbered_in_reading_order_and_reused(workspace):
    doc = compose_briefing(workspace)
    # KJ1 → ann-3 (1), KJ2 → ann-10 (2); relation table: tri-warning cites ann-10 (reused: 2) and ann-2 (3);
    # gsomia cites ann-2 again (3); chronology ev-notice → ann-1 (4). Excerpts are their own citation
    # (source, date and grade printed with them): they add no note.
    assert [n.annotation_id for n in doc.notes] == ["ann-3", "ann-10", "ann-2", "ann-1"]
    rows = {r.relation_id: r for r in section(doc, "relations").body}
    assert rows["tri-warning"].notes == (2, 3)
    assert rows["jpn-kor-gsomia"].notes == (3,)
    assert [x.notes for x in section(doc, "evidence").body] == [(), ()]
    assert [x.source_number for x in section(doc, "evidence").body] == [1, 1]
    assert doc.notes[0].short == "Japan and South Korea plot rapprochement, Apr 2023; graded B2"


def test_leaving_out_a_section_renumbers_notes(workspace):
    doc = compose_briefing(workspace, ExportOptions(sections=("relations", "sources")))
    assert [n.annotation_id for n in doc.notes] == ["ann-10", "ann-2"]
    assert [n.number for n in doc.notes] == [1, 2]


def test_relation_states_are_taken_at_the_as_of_date(workspace):
    at = lambda day: {r.relation_id: r.state for r in section(  # noqa: E731
        compose_briefing(workspace, ExportOptions(as_of=day)), "relations").body}
    assert at(_dt.date(2023, 4, 30))["jpn-kor-gsomia"] == "restored"
    assert at(_dt.date(2020, 1, 1))["jpn-kor-gsomia"] == "termination notified"
    assert at(_dt.date(2018, 1, 1))["jpn-kor-gsomia"] == "active"
    assert at(_dt.date(2018, 1, 1))["tri-warning"] == ""  # not yet proposed


def test_chronology_stops_at_the_as_of_date(workspace):
    titles = [c.title for c in section(compose_briefing(workspace), "chronology").body]
    assert titles == ["Seoul notifies end of GSOMIA", "Yoon–Kishida summit in Tokyo"]


def test_sources_in_first_citation_order_with_grades(workspace):
    doc = compose_briefing(workspace)
    assert [s.document_id for s in doc.sources] == ["doc-a", "doc-b"]  # doc-a cited first (KJ1)
    assert doc.sources[0].reliability.startswith("B2 — usually reliable source")
    assert {n.annotation_id: n.source_number for n in doc.notes}["ann-10"] == 2


def test_uncited_documents_follow_in_id_order(workspace):
    extra = replace(workspace.documents[0], id="doc-0", title="Unused")
    ws = workspace.with_(documents=workspace.documents + (extra,))
    doc = compose_briefing(ws)
    assert [s.document_id for s in doc.sources] == ["doc-a", "doc-b", "doc-0"]
    assert doc.sources[-1].cited is False


def test_missing_annotation_and_document_are_noted_not_fatal(workspace):
    ws = workspace.with_(
        annotations=tuple(replace(a, document="doc-gone") if a.id == "ann-3" else a for a in workspace.annotations),
        events=workspace.events + (replace(workspace.events[0], id="ev-x", evidence=("ann-nope",)),),
    )
    doc = compose_briefing(ws, annotation_problems={"ann-1": "orphaned"}, document_problems={"doc-b": "missing"})
    problems = " | ".join(doc.problems)
    assert "'doc-gone' is not in the workspace" in problems
    assert "'ann-nope' is not in the workspace" in problems
    assert "orphaned" in problems and "missing" in problems


def test_as_of_falls_back_to_briefing_then_latest_date(workspace):
    assert resolve_as_of(workspace, None) == _dt.date(2023, 4, 30)
    ws = workspace.with_(briefing=replace(workspace.briefing, as_of=None))
    assert resolve_as_of(ws, None) == _dt.date(2024, 1, 31)  # ev-future (2024-01), its last day
    assert resolve_as_of(ws, None, cursor=_dt.date(2020, 5, 1)) == _dt.date(2020, 5, 1)  # a moved time cursor
    ws = ws.with_(briefing=replace(ws.briefing, as_of=D(2019)))
    assert resolve_as_of(ws, None) == _dt.date(2019, 12, 31)
    assert resolve_as_of(ws, None, cursor=_dt.date(2020, 5, 1)) == _dt.date(2019, 12, 31)  # the briefing's wins
    from briefing_app.model.types import Workspace

    empty = Workspace()
    assert resolve_as_of(empty, None) == _dt.date.today()  # a new briefing: as of today, not a made-up date


def test_banner_option_overrides_classification(workspace):
    doc = compose_briefing(workspace, ExportOptions(banner="SECRET//REL TO USA, JPN, KOR"))
    assert doc.banner == doc.title_page.banner == "SECRET//REL TO USA, JPN, KOR"
    assert compose_briefing(workspace).banner == "UNCLASSIFIED // FOR TRAINING"


@pytest.mark.parametrize("opts, word", [
    (ExportOptions(paper="A3"), "paper"),
    (ExportOptions(sections=("bluf", "annex")), "annex"),
])
def test_bad_options_are_refused_with_a_message(workspace, opts, word):
    with pytest.raises(OptionsError, match=word):
        compose_briefing(workspace, opts)


def test_small_helpers():
    assert sorted(["ann-10", "ann-2", "ann-1"], key=natural_key) == ["ann-1", "ann-2", "ann-10"]
    assert confidence_phrase("") == ""
    assert confidence_phrase("almost-certain") == "almost certain (95–99%)"
    assert reliability_phrase("f6") == "F6 — reliability cannot be judged source, information truth cannot be judged"
    assert "not an Admiralty grade" in reliability_phrase("Z9")
    book = NoteBook()
    assert book.cite(["a", "b", "a"]) == (1, 2)
    assert book.cite(["b", "c"]) == (2, 3)


def test_html_links_notes_to_sources_and_escapes_text(workspace):
    ws = workspace.with_(briefing=replace(workspace.briefing, bluf="A <b>bold</b> & claim"))
    html = briefing_html(compose_briefing(ws), {"map": FigureInfo("figure-map", 600, 300)})
    assert 'href="#note-1"' in html and 'name="note-1"' in html
    assert 'href="#src-1"' in html and 'name="src-1"' in html
    assert "A &lt;b&gt;bold&lt;/b&gt; &amp; claim" in html
    assert 'src="figure-map"' in html
    assert "The timeline is not available" in html


def test_a_document_cited_only_by_an_excerpt_counts_as_cited(workspace):
    doc = compose_briefing(workspace, ExportOptions(sections=("gaps", "sources")))
    assert doc.notes == ()
    assert [(s.document_id, s.cited) for s in doc.sources] == [("doc-b", True), ("doc-a", False)]


def _history(workspace, years):
    """The test workspace with one event in each of ``years`` (1 March)."""
    from briefing_app.model.types import Event

    events = tuple(Event(f"ev-{y}", D(y, 3, 1), f"Event {y}") for y in years)
    return workspace.with_(events=events, relations=())


def test_timeline_detail_starts_after_the_last_quiet_gap(workspace):
    from briefing_app.export.compose import timeline_detail_range, timeline_slots

    ws = _history(workspace, [1910, 1945, 1965, 1998, 2016, 2017, 2019, 2019, 2020, 2021, 2022, 2023])
    day = _dt.date(2023, 4, 30)
    begin, end = timeline_detail_range(ws, day)
    assert begin == _dt.date(2016, 1, 1) and day < end < _dt.date(2023, 12, 31)
    overview, detail = timeline_slots(ws, day, 2)
    assert overview.x_range is None and detail.x_range == (begin, end)
    assert (overview.number, detail.number) == (2, 3)
    assert "1910–2023" in overview.caption and "enlarged in the next figure" in overview.caption
    assert "detail of 2016–30 Apr 2023" in detail.caption and "8 of the 12" in detail.caption


def test_timeline_detail_ignores_what_follows_the_as_of_date(workspace):
    from briefing_app.export.compose import timeline_detail_range

    ws = _history(workspace, [1950, 1960, 1970, 1980, 2005, 2006, 2007, 2008, 2030, 2031])
    assert timeline_detail_range(ws, _dt.date(2009, 1, 1))[0] == _dt.date(2005, 1, 1)


def test_no_detail_figure_for_a_short_or_sparse_history(workspace):
    from briefing_app.export.compose import timeline_detail_range, timeline_slots

    day = _dt.date(2023, 4, 30)
    short = _history(workspace, [2016, 2018, 2019, 2020, 2021, 2022])
    assert timeline_detail_range(short, day) is None
    assert len(timeline_slots(short, day, 1)) == 1
    assert timeline_detail_range(_history(workspace, [1950, 2020]), day) is None  # too few points
    doc = compose_briefing(short)
    assert isinstance(section(doc, "timeline").body, FigureSlot)


def test_empty_workspace_composes(tmp_path: Path):
    from briefing_app.model.types import Workspace

    doc = compose_briefing(Workspace(root=tmp_path))
    assert doc.notes == () and doc.sources == ()
    assert section(doc, "key-judgments").empty_text
