"""A small workspace built in code, with Korean and Japanese names and real documents on disk."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from briefing_app.model.dates import PartialDate as D
from briefing_app.model.types import (
    Alias,
    Annotation,
    Briefing,
    Document,
    Entity,
    Event,
    Relation,
    RelationState,
    Selector,
    Workspace,
)

DOC_A = (
    "Japan and South Korea plot rapprochement.\n\n"
    "In 2019 Seoul notified Tokyo that it would end GSOMIA, the military intelligence pact.\n\n"
    "President 윤석열 met Prime Minister 岸田文雄 in Tokyo in March 2023 and both sides restored the pact.\n"
)
DOC_B = (
    "Trilateral cooperation deepens.\n\n"
    "Washington, Tokyo and Seoul agreed to share missile warning data in real time.\n\n"
    "Analysts doubt the thaw will survive a change of government in Seoul.\n"
)


def _sel(text: str, exact: str) -> Selector:
    start = text.index(exact)
    return Selector(exact=exact, start=start, end=start + len(exact))


def make_workspace(root: Path) -> Workspace:
    """The test briefing; writes its two documents under ``root/documents``."""
    (root / "documents").mkdir(parents=True, exist_ok=True)
    (root / "documents" / "a.txt").write_text(DOC_A, encoding="utf-8")
    (root / "documents" / "b.txt").write_text(DOC_B, encoding="utf-8")
    entities = (
        Entity("jpn", "Japan", "country", (Alias("Tokyo"), Alias("日本", "exact")), country="JPN"),
        Entity("kor", "South Korea", "country", (Alias("ROK"), Alias("Seoul"), Alias("한국", "exact")), country="KOR"),
        Entity("usa", "United States", "country", (Alias("Washington"),), country="USA"),
        Entity("yoon", "Yoon Suk Yeol (윤석열)", "person", affiliation="kor", description="President of South Korea."),
        Entity("kishida", "Kishida Fumio (岸田文雄)", "person", affiliation="jpn", description="Prime Minister of Japan."),
        Entity("gsomia", "GSOMIA", "agreement", description="General Security of Military Information Agreement."),
    )
    docs = (
        Document("doc-b", "Trilateral cooperation deepens", "documents/b.txt", publisher="Defense Review",
                 published=D(2023, 5, 2), reliability="C3"),
        Document("doc-a", "Japan and South Korea plot rapprochement", "documents/a.txt", publisher="Meta-Defense",
                 published=D(2023, 4), published_estimated=True, reliability="B2"),
    )
    anns = (
        Annotation("ann-1", "doc-a", _sel(DOC_A, "Seoul notified Tokyo that it would end GSOMIA"), tag="evidence"),
        Annotation("ann-2", "doc-a", _sel(DOC_A, "both sides restored the pact"), tag="evidence"),
        Annotation("ann-3", "doc-a", _sel(DOC_A, "President 윤석열 met Prime Minister 岸田文雄 in Tokyo"),
                   tag="key-judgment", note="Yoon and Kishida have put the 2019 dispute behind them.",
                   confidence="likely"),
        Annotation("ann-10", "doc-b", _sel(DOC_B, "agreed to share missile warning data in real time"),
                   tag="key-judgment", confidence="very-likely"),
        Annotation("ann-4", "doc-b", _sel(DOC_B, "Analysts doubt the thaw will survive"), tag="question",
                   note="Will the thaw outlast the next election?"),
    )
    relations = (
        Relation("jpn-kor-gsomia", "intelligence-sharing", ("jpn", "kor"), label="GSOMIA intelligence sharing",
                 entity="gsomia", states=(
                     RelationState("active", D(2016, 11), D(2019, 8), ()),
                     RelationState("termination-notified", D(2019, 8), None, ("ann-1",)),
                     RelationState("restored", D(2023, 3), None, ("ann-2",)),
                 )),
        Relation("usa-jpn", "alliance", ("usa", "jpn"), states=(RelationState("active", D(1960), None, ()),)),
        Relation("tri-warning", "security-cooperation", ("usa", "jpn", "kor"), label="Missile warning data sharing",
                 states=(RelationState("proposed", D(2023, 4), None, ("ann-10", "ann-2")),)),
    )
    events = (
        Event("ev-summit", D(2023, 3, 16), "Yoon–Kishida summit in Tokyo", participants=("yoon", "kishida"),
              evidence=("ann-3",)),
        Event("ev-notice", D(2019, 8, 22), "Seoul notifies end of GSOMIA", participants=("kor", "jpn"),
              evidence=("ann-1",)),
        Event("ev-future", D(2024, 1), "Planned trilateral exercise", participants=("usa", "jpn", "kor")),
    )
    briefing = Briefing(
        title="Japan–South Korea rapprochement",
        subtitle="US–Japan–ROK trilateral security cooperation",
        author="Desk officer, East Asia",
        classification="UNCLASSIFIED // FOR TRAINING",
        as_of=D(2023, 4, 30),
        bluf="Seoul and Tokyo have restored intelligence sharing.\n\nWashington is building on the thaw.",
    )
    return Workspace(briefing, entities, relations, events, docs, anns, root=root)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "ws")


AS_OF = _dt.date(2023, 4, 30)


@pytest.fixture(autouse=True)
def no_view_figures():
    """Keep the real map/timeline views out of these tests (slow, and tested by their owners)."""
    from briefing_app.export.figures import register_figure_provider

    register_figure_provider("map", lambda ws, day, size: None)
    register_figure_provider("timeline", lambda ws, day, size: None)
    yield
    register_figure_provider("map", None)
    register_figure_provider("timeline", None)
