"""Review queue and import dialog: proposals shown, accepted as undoable edits with evidence, rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_app.importers.workspace_import import sha256_text
from briefing_app.model.dates import PartialDate
from briefing_app.model.types import Alias, Document, Entity, Workspace
from briefing_app.state import AppState
from briefing_app.ui.sources import import_dialog
from briefing_app.ui.sources.import_dialog import ImportDialog, open_import_dialog
from briefing_app.ui.review.queue import ReviewQueuePanel

TEXT = (
    "South Korean President Yoon Suk Yeol met Foreign Minister Park Jin in Seoul last week.\n\n"
    "In March, Seoul restored the General Security of Military Information Agreement (GSOMIA) with Japan.\n"
)


@pytest.fixture
def state(tmp_path: Path) -> AppState:
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "a.txt").write_text(TEXT, encoding="utf-8")
    ws = Workspace(
        root=tmp_path,
        entities=(
            Entity("kor", "South Korea", "country", aliases=(Alias("Seoul"), Alias("South Korean"))),
            Entity("jpn", "Japan", "country"),
        ),
        documents=(
            Document("doc-a", "Article A", "documents/a.txt", published=PartialDate(2023, 4, 26), sha256=sha256_text(TEXT)),
        ),
    )
    st = AppState(ws, tmp_path / "w.briefing.yaml")
    st.show_document("doc-a")
    return st


def test_lists_candidates_and_drafts_without_changing_anything(qtbot, state):
    panel = ReviewQueuePanel(state)
    qtbot.addWidget(panel)
    names = [c.name for c in panel.candidates]
    assert {"Yoon Suk Yeol", "Park Jin", "General Security of Military Information Agreement"} <= set(names)
    assert "Seoul" not in names and "Japan" not in names  # known
    assert [d.date.iso() for d in panel.drafts] == ["2023-04-17", "2023-03"]
    assert panel.tabs.tabText(1) == "Events (2)"
    assert state.workspace.entities[-1].id == "jpn" and not state.workspace.events  # nothing committed
    assert state.undo_stack.count() == 0


def test_accept_entity_is_one_undoable_edit_with_evidence(qtbot, state):
    panel = ReviewQueuePanel(state)
    qtbot.addWidget(panel)
    row = next(i for i, c in enumerate(panel.candidates) if c.name == "Park Jin")
    panel.entity_list.setCurrentItem(panel.entity_list.topLevelItem(row))
    panel.entity_name.setText("Park Jin")  # the analyst may edit before accepting
    panel.accept_current_entity()
    ws = state.workspace
    ent = ws.entity_by_id["park-jin"]
    assert ent.type == "person"
    (ann,) = ws.annotations
    assert ann.entities == ("park-jin",) and ann.tag == "evidence"
    assert TEXT[ann.selector.start : ann.selector.end].startswith("South Korean President Yoon Suk Yeol met")
    assert state.undo_stack.count() == 1
    assert "Park Jin" not in [c.name for c in panel.candidates]  # now known
    state.undo_stack.undo()
    assert "park-jin" not in state.workspace.entity_by_id and not state.workspace.annotations


def test_accept_as_alias_of_existing_entity(qtbot, state):
    state.edit("add", lambda ws: ws.with_(entities=ws.entities + (Entity("gsomia", "GSOMIA pact", "agreement"),)))
    panel = ReviewQueuePanel(state)
    qtbot.addWidget(panel)
    row = next(i for i, c in enumerate(panel.candidates) if c.name.startswith("General Security"))
    panel.entity_list.setCurrentItem(panel.entity_list.topLevelItem(row))
    panel.alias_target.setCurrentIndex(panel.alias_target.findData("gsomia"))
    panel.accept_current_as_alias()
    aliases = [a.text for a in state.workspace.entity_by_id["gsomia"].aliases]
    assert aliases == ["General Security of Military Information Agreement", "GSOMIA"]
    assert state.workspace.annotations[0].entities == ("gsomia",)


def test_accept_event_with_edited_title_and_bad_date_message(qtbot, state):
    panel = ReviewQueuePanel(state)
    qtbot.addWidget(panel)
    panel.event_list.setCurrentItem(panel.event_list.topLevelItem(1))
    assert panel.event_date.text() == "2023-03"
    assert panel.event_participants.selected() == ("kor", "jpn")
    assert panel.event_participants.selected_names() == ["South Korea", "Japan"]  # shown by name
    panel.event_date.setText("March-ish")
    panel.accept_current_event()
    assert "not a date" in panel.status.text() and not state.workspace.events
    panel.event_date.setText("2023-03")
    panel.event_title.setText("Seoul restores GSOMIA")
    panel.accept_current_event()
    (ev,) = state.workspace.events
    assert (ev.title, ev.date, ev.participants) == ("Seoul restores GSOMIA", PartialDate(2023, 3), ("kor", "jpn"))
    (ann,) = state.workspace.annotations
    assert ev.evidence == (ann.id,)
    assert TEXT[ann.selector.start : ann.selector.end].startswith("In March, Seoul restored")
    assert [d.date.iso() for d in panel.drafts] == ["2023-04-17"]  # the accepted draft is gone


def test_reject_hides_for_the_session(qtbot, state):
    panel = ReviewQueuePanel(state)
    qtbot.addWidget(panel)
    first = panel.candidates[0].name
    panel.reject_current_entity()
    assert first not in [c.name for c in panel.candidates]
    panel.reject_current_event()
    assert len(panel.drafts) == 1
    assert state.undo_stack.count() == 0


def test_import_dialog_imports_applies_once_and_reports(qtbot, state, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "b.md").write_text("---\ntitle: Note B\ndate: 2023-05-01\n---\nThe envoy met officials in Tokyo.", encoding="utf-8")
    (src / "dup.txt").write_text(TEXT, encoding="utf-8")
    (src / "bad.pdf").write_bytes(b"%PDF-nope")
    dlg = ImportDialog(state, [src / "b.md", src / "dup.txt", src / "bad.pdf"])
    qtbot.addWidget(dlg)
    dlg.grade.setCurrentIndex(dlg.grade.findData("B2"))
    result = dlg.run_import()
    assert [i.document.title for i in result.imported] == ["Note B"]
    doc = state.workspace.document_by_id[result.imported[0].document.id]
    assert doc.reliability == "B2" and doc.published == PartialDate(2023, 5, 1)
    assert state.undo_stack.count() == 1 and state.current_document == doc.id
    assert "already in the workspace as doc-a" in dlg.report.text()
    assert "not a readable PDF" in dlg.report.text()
    assert dlg.progress.value() == 3


def test_import_dialog_cancel_stops_between_files(qtbot, state, tmp_path):
    files = []
    for i in range(3):
        f = tmp_path / f"f{i}.txt"
        f.write_text(f"Text number {i} about the envoy.", encoding="utf-8")
        files.append(f)
    dlg = ImportDialog(state, files)
    qtbot.addWidget(dlg)
    calls = []

    def progress(done, total, name):
        calls.append(done)
        if done == 1:
            dlg._on_cancel_clicked()  # the user presses Cancel while the first file is done
        return ImportDialog._progress(dlg, done, total, name)

    dlg._progress = progress
    result = dlg.run_import()
    assert result.cancelled and len(result.imported) == 1


def test_open_import_dialog_needs_a_saved_workspace(qtbot, monkeypatch, tmp_path):
    st = AppState(Workspace())
    messages = []
    st.message_posted.connect(messages.append)
    assert open_import_dialog(st, None, [tmp_path / "x.txt"]) is None
    assert "Save the workspace first" in messages[0]


def test_open_import_dialog_with_paths_runs_the_dialog(qtbot, monkeypatch, state, tmp_path):
    f = tmp_path / "c.txt"
    f.write_text("A new text about Seoul.", encoding="utf-8")
    monkeypatch.setattr(import_dialog.ImportDialog, "exec", lambda self: self.run_import())
    result = open_import_dialog(state, None, [f])
    assert len(result.imported) == 1


def test_lazy_panel_waits_until_shown(qtbot, state):
    panel = ReviewQueuePanel(state)
    qtbot.addWidget(panel)
    panel.set_lazy(True)
    calls = []
    real = panel.refresh
    panel.refresh = lambda: calls.append(1) or real()
    state.replace_workspace(state.workspace, state.path)
    assert calls == []  # hidden: nothing computed
    panel.show()
    qtbot.waitExposed(panel)
    assert calls == [1]


def test_huge_document_gets_a_message_not_a_wait(qtbot, state, monkeypatch):
    import briefing_app.ui.review.queue as rq

    monkeypatch.setattr(rq, "MAX_REVIEW_CHARS", 10)
    panel = ReviewQueuePanel(state)
    qtbot.addWidget(panel)
    assert panel.candidates == [] and panel.drafts == []
    assert "characters" in panel.header.text()


def test_participants_are_chosen_by_name(qtbot, state):
    panel = ReviewQueuePanel(state)
    qtbot.addWidget(panel)
    panel.event_list.setCurrentItem(panel.event_list.topLevelItem(1))
    panel.event_participants.set_selected(())
    assert panel.event_participants.add_name("japan")
    assert not panel.event_participants.add_name("Atlantis")
    assert "No entity called" in panel.event_participants.message.text()
    panel.accept_current_event()
    assert state.workspace.events[0].participants == ("jpn",)


def test_proposed_state_change_is_accepted_with_evidence(qtbot, tmp_path):
    from briefing_app.model.types import Relation, RelationState

    text = "Seoul said on March 21, 2023 that it had restored GSOMIA, the military intelligence pact.\n"
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "a.txt").write_text(text, encoding="utf-8")
    ws = Workspace(
        root=tmp_path,
        entities=(Entity("kor", "South Korea", "country", aliases=(Alias("Seoul"),)), Entity("jpn", "Japan", "country"),
                  Entity("gsomia", "GSOMIA", "agreement")),
        relations=(Relation("jk-gsomia", "intelligence-sharing", members=("jpn", "kor"), entity="gsomia",
                            states=(RelationState("suspended", PartialDate(2019, 11)),)),),
        documents=(Document("doc-a", "Article A", "documents/a.txt", published=PartialDate(2023, 3, 22),
                            sha256=sha256_text(text)),),
    )
    st = AppState(ws, tmp_path / "w.briefing.yaml")
    st.show_document("doc-a")
    panel = ReviewQueuePanel(st)
    qtbot.addWidget(panel)
    row = next(i for i, d in enumerate(panel.drafts) if d.change is not None)
    panel.event_list.setCurrentItem(panel.event_list.topLevelItem(row))
    assert panel.accept_change_button.isEnabled() and "restored" in panel.accept_change_button.text()
    panel.accept_current_change()
    states = st.workspace.relation_by_id["jk-gsomia"].states
    assert [(s.state, s.start.iso(), s.end.iso() if s.end else None) for s in states] == [
        ("suspended", "2019-11", "2023-03-21"), ("restored", "2023-03-21", None)]
    (ann,) = st.workspace.annotations
    assert states[1].evidence == (ann.id,) and "restored GSOMIA" in text[ann.selector.start:ann.selector.end]
    st.undo_stack.undo()
    assert len(st.workspace.relation_by_id["jk-gsomia"].states) == 1 and not st.workspace.annotations
