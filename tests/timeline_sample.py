"""A small Japan–Korea–US workspace for the timeline tests and screenshots.

Mixes a century-long era (colonial rule 1910–1945) with day-level events of
2023, partial dates, an open state, an undated and an unsourced event.
"""

from __future__ import annotations

from briefing_app.model.dates import PartialDate as P
from briefing_app.model.types import (
    Alias,
    Annotation,
    Document,
    Entity,
    Event,
    Relation,
    RelationState,
    Selector,
    Workspace,
)


def sample_workspace() -> Workspace:
    entities = (
        Entity("usa", "United States", "country", (Alias("US"), Alias("U.S."), Alias("Washington"))),
        Entity("jpn", "Japan", "country", (Alias("Tokyo"),)),
        Entity("kor", "South Korea", "country", (Alias("ROK"), Alias("Seoul"), Alias("Republic of Korea"))),
        Entity("prk", "North Korea", "country", (Alias("DPRK"), Alias("Pyongyang"))),
        Entity("gsomia", "GSOMIA", "agreement"),
    )
    documents = (
        Document("doc-a", "Japan and South Korea plot rapprochement", "documents/a.txt", publisher="Meta-defense", reliability="C3"),
        Document("doc-b", "Camp David summit", "documents/b.txt", publisher="Wire", reliability="B2"),
    )
    annotations = tuple(
        Annotation(f"ann-{i}", doc, Selector(f"quote {i}", start, start + 20))
        for i, (doc, start) in enumerate(
            [("doc-a", 100), ("doc-a", 240), ("doc-a", 400), ("doc-b", 10), ("doc-b", 90), ("doc-a", 700)]
        )
    )
    relations = (
        Relation(
            "jpn-kor-gsomia",
            "intelligence-sharing",
            ("jpn", "kor"),
            (
                RelationState("active", P(2016, 11), P(2019, 8), ("ann-1",)),
                RelationState("termination-notified", P(2019, 8, 22), P(2019, 11, 22), ("ann-2",)),
                RelationState("suspended", P(2019, 11, 23), P(2023, 3, 20), ()),
                RelationState("restored", P(2023, 3, 21), None, ("ann-3",)),
            ),
            label="GSOMIA",
            entity="gsomia",
        ),
        Relation(
            "jpn-kor-diplomatic",
            "diplomatic",
            ("jpn", "kor"),
            (
                RelationState("active", P(1965, 6, 22), P(2018, 10), ("ann-0",)),
                RelationState("strained", P(2018, 10, 30), P(2023, 3), ("ann-1",)),
                RelationState("restored", P(2023, 3, 16), None, ("ann-3",)),
            ),
            label="Diplomatic ties",
        ),
        Relation(
            "usa-jpn-alliance",
            "alliance",
            ("usa", "jpn"),
            (RelationState("active", P(1951, 9, 8), None, ("ann-4",)),),
            label="Security treaty",
        ),
        Relation(
            "usa-kor-alliance",
            "alliance",
            ("usa", "kor"),
            (RelationState("active", P(1953, 10, 1), None, ("ann-4",)),),
            label="Mutual defense treaty",
        ),
        Relation(
            "trilateral",
            "security-cooperation",
            ("usa", "jpn", "kor"),
            (
                RelationState("proposed", P(2022, 11), P(2023, 8, 17), ("ann-5",)),
                RelationState("active", P(2023, 8, 18), None, ("ann-4",)),
            ),
            label="Trilateral cooperation",
        ),
        Relation("prk-threat", "threat", ("prk", "jpn"), (), label="Missile threat"),
    )
    events = (
        Event("ev-colonial", P(1910), "Japanese colonial rule of Korea", end=P(1945), participants=("jpn", "kor"), evidence=("ann-0",)),
        Event("ev-1965", P(1965), "Treaty on Basic Relations", participants=("jpn", "kor"), evidence=("ann-0",)),
        Event("ev-court", P(2018, 10, 30), "Supreme Court forced-labour ruling", participants=("jpn", "kor"), evidence=("ann-1",)),
        Event("ev-export", P(2019, 7), "Japan restricts exports to South Korea", participants=("jpn", "kor"), evidence=("ann-1",)),
        Event("ev-yoon-visit", P(2023, 3, 16), "Yoon visits Tokyo", participants=("jpn", "kor"), evidence=("ann-3",)),
        Event("ev-yoon-kishida", P(2023, 3, 16), "Yoon–Kishida summit", participants=("jpn", "kor"), evidence=("ann-3",)),
        Event("ev-kishida-seoul", P(2023, 5, 7), "Kishida visits Seoul", participants=("jpn", "kor"), evidence=()),
        Event("ev-camp-david", P(2023, 8, 18), "Camp David summit", participants=("usa", "jpn", "kor"), evidence=("ann-4",)),
        Event("ev-missile", P(2022, 10, 4), "DPRK missile over Japan", participants=("prk",), evidence=("ann-5",)),
        Event("ev-korean-war", P(1950, 6, 25), "Korean War begins", end=P(1953, 7, 27), participants=("usa", "kor"), evidence=("ann-4",)),
        Event("ev-undated", None, "Talks at some point", participants=("jpn", "kor")),
    )
    return Workspace(
        entities=entities,
        relations=relations,
        events=events,
        documents=documents,
        annotations=annotations,
    )
