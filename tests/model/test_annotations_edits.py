"""Pure annotation edits: add, update, delete (with evidence), links, anchors."""

from __future__ import annotations

import pytest

from briefing_app.analysis.anchoring import anchor_workspace, make_selector
from briefing_app.model import annotations as A
from briefing_app.model.types import Event


def test_add_annotation_gets_fresh_id_and_timestamps(tiny_workspace):
    ws = tiny_workspace
    sel = make_selector("Japan and South Korea agreed", 0, 5)
    new = A.add_annotation(ws, "doc-1", sel, tag="question", confidence="likely", when="2026-01-01T00:00:00Z")
    added = [a for a in new.annotations if a.id not in ws.annotation_by_id]
    assert len(added) == 1
    a = added[0]
    assert (a.tag, a.confidence, a.created, a.modified) == ("question", "likely", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")
    assert a.id.startswith("ann-") and ws.annotations == tiny_workspace.annotations  # old snapshot untouched


@pytest.mark.parametrize(
    "kwargs,message",
    [({"document": "nope"}, "no document"), ({"confidence": "maybe"}, "unknown confidence"), ({"tag": " "}, "needs a tag")],
)
def test_add_annotation_rejects_bad_input(tiny_workspace, kwargs, message):
    args = {"document": "doc-1", "selector": make_selector("abc", 0, 2)} | kwargs
    with pytest.raises(A.AnnotationError, match=message):
        A.add_annotation(tiny_workspace, **args)


def test_update_annotation_changes_fields_and_modified(tiny_workspace):
    new = A.update_annotation(tiny_workspace, "ann-1", note="checked", entities=["jpn"], when="2026-02-02T00:00:00Z")
    a = new.annotation_by_id["ann-1"]
    assert (a.note, a.entities, a.modified) == ("checked", ("jpn",), "2026-02-02T00:00:00Z")
    assert A.update_annotation(new, "ann-1", note="checked") is new  # nothing changed
    with pytest.raises(A.AnnotationError, match="cannot change"):
        A.update_annotation(tiny_workspace, "ann-1", document="doc-2")
    with pytest.raises(A.AnnotationError, match="no annotation"):
        A.update_annotation(tiny_workspace, "ann-9", note="x")


def test_delete_annotation_removes_evidence_references(tiny_workspace):
    new = A.delete_annotation(tiny_workspace, "ann-1")
    assert "ann-1" not in new.annotation_by_id
    assert all("ann-1" not in s.evidence for r in new.relations for s in r.states)
    assert all("ann-1" not in e.evidence for e in new.events)
    assert "ann-2" in new.event_by_id["ev-launch"].evidence


def test_links_to_relation_state_and_event_are_idempotent(tiny_workspace):
    ws = A.link_to_relation_state(tiny_workspace, "ann-2", "jpn-kor-gsomia", 2)
    assert ws.relation_by_id["jpn-kor-gsomia"].states[2].evidence == ("ann-1", "ann-2")
    assert A.link_to_relation_state(ws, "ann-2", "jpn-kor-gsomia", 2) is ws
    ws = A.link_to_event(ws, "ann-2", "ev-restore")
    assert ws.event_by_id["ev-restore"].evidence == ("ann-1", "ann-2")
    with pytest.raises(A.AnnotationError, match="no state number 4"):
        A.link_to_relation_state(ws, "ann-2", "jpn-kor-gsomia", 3)
    ws = A.unlink_evidence(ws, "ann-2", "event", "ev-restore")
    assert ws.event_by_id["ev-restore"].evidence == ("ann-1",)


def test_annotate_with_new_event_is_one_snapshot(tiny_workspace):
    sel = make_selector("Japan and South Korea agreed in Seoul to restore GSOMIA.", 0, 56)
    ev = Event(id="ev-new", date=None, title="GSOMIA agreed", participants=("jpn", "kor"))
    ws = A.annotate_with_evidence(tiny_workspace, "doc-1", sel, "ann-9", {"tag": "evidence"}, new_event=ev)
    assert ws.event_by_id["ev-new"].evidence == ("ann-9",)
    assert ws.annotation_by_id["ann-9"].selector == sel
    assert "GSOMIA agreed" in A.cited_by(ws, "ann-9")[0]


def test_anchor_workspace_reanchors_per_document(tiny_workspace):
    texts = {
        "doc-1": "Breaking. Japan and South Korea agreed in Seoul to restore GSOMIA.\n",
        "doc-2": "Nothing about it any more.\n",
    }
    anchors = anchor_workspace(tiny_workspace, texts)
    assert anchors["ann-1"].status == "moved" and anchors["ann-1"].start == 32
    assert anchors["ann-2"].status == "orphaned"
    assert anchor_workspace(tiny_workspace, {}) == {}
