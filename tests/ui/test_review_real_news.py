"""Review queue on a wire story: the dateline date, another spelling of a known actor, a relation state."""

from __future__ import annotations

from pathlib import Path

from briefing_app.importers.workspace_import import sha256_text
from briefing_app.model.dates import PartialDate
from briefing_app.model.types import Alias, Document, Entity, Relation, RelationState, Workspace
from briefing_app.state import AppState
from briefing_app.ui.review.queue import ReviewQueuePanel

TEXT = (
    "Seoul restores pact\n13:30 JST, March 22, 2023\n\n"
    "Prime Minister Kishida Fumio welcomed the step. Seoul fully restored GSOMIA with Tokyo on Tuesday.\n"
)


def test_review_shows_dateline_alias_proposal_and_relation_state(qtbot, tmp_path: Path):
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "a.txt").write_text(TEXT, encoding="utf-8")
    ws = Workspace(
        root=tmp_path,
        entities=(
            Entity("kor", "South Korea", "country", aliases=(Alias("Seoul"),)),
            Entity("jpn", "Japan", "country", aliases=(Alias("Tokyo"),)),
            Entity("gsomia", "GSOMIA", "agreement"),
            Entity("kishida", "Fumio Kishida", "person", aliases=(Alias("Kishida"),)),
        ),
        relations=(
            Relation("jpn-kor-gsomia", "intelligence-sharing", ("jpn", "kor"), entity="gsomia",
                     states=(RelationState("suspended", PartialDate(2019, 8)),)),
        ),  # fmt: skip
        documents=(
            Document("doc-a", "Wire", "documents/a.txt", published=PartialDate(2023, 3, 22), sha256=sha256_text(TEXT),
                     published_note="from dateline: '13:30 JST, March 22, 2023'"),
        ),  # fmt: skip
    )
    st = AppState(ws, tmp_path / "w.briefing.yaml")
    st.show_document("doc-a")
    panel = ReviewQueuePanel(st)
    qtbot.addWidget(panel)
    assert "from dateline" in panel.header.text()
    row = next(i for i, c in enumerate(panel.candidates) if c.name == "Kishida Fumio")
    assert panel.entity_list.topLevelItem(row).text(3).startswith("alias of Fumio Kishida?")
    (draft,) = panel.drafts
    assert draft.date == PartialDate(2023, 3, 21)
    assert draft.change is not None and (draft.change.relation, draft.change.state) == ("jpn-kor-gsomia", "restored")
    item = panel.event_list.topLevelItem(0)
    assert item.text(1).endswith("→ Japan – South Korea: intelligence-sharing becomes “restored”")  # by name, never id
    assert "South Korea" in item.text(2)
