"""Draft events: one per dated sentence, with participants and the passage."""

from __future__ import annotations

from briefing_app.analysis.events import draft_events, split_sentences
from briefing_app.analysis.matcher import AliasMatcher
from briefing_app.model.dates import PartialDate
from briefing_app.model.types import Alias, Entity, Workspace

TEXT = (
    "South Koreans remember colonial rule from 1910 to 1945. "
    "In March, Seoul and Tokyo began taking steps to address the dispute over forced labour. "
    "Mr. Yoon met U.S. officials. Relations have improved in recent months."
)


def matcher() -> AliasMatcher:
    ws = Workspace(
        entities=(
            Entity("kor", "South Korea", "country", aliases=(Alias("Seoul"), Alias("South Koreans"))),
            Entity("jpn", "Japan", "country", aliases=(Alias("Tokyo"),)),
        )
    )
    return AliasMatcher.from_workspace(ws)


def test_sentences_do_not_break_after_titles_and_initials():
    spans = split_sentences(TEXT)
    sentences = [TEXT[a:b] for a, b in spans]
    assert sentences[2] == "Mr. Yoon met U.S. officials."
    assert len(sentences) == 4


def test_drafts_have_dates_titles_participants_and_passages():
    drafts = draft_events(TEXT, "2023-04-26", matcher().find(TEXT))
    assert len(drafts) == 2  # the vague one is left out by default
    colonial, march = drafts
    assert (colonial.date, colonial.end) == (PartialDate(1910), PartialDate(1945))
    assert colonial.participants == ("kor",)
    assert march.date == PartialDate(2023, 3) and march.end is None
    assert march.participants == ("kor", "jpn")
    assert march.title.startswith("Seoul and Tokyo began taking steps")
    a, b = march.passage
    assert TEXT[a:b].startswith("In March, Seoul") and TEXT[a:b].endswith("forced labour.")


def test_vague_included_on_request_and_event_conversion():
    drafts = draft_events(TEXT, "2023-04-26", include_vague=True)
    assert drafts[-1].mention.vague
    ev = drafts[0].to_event("ev-0001", evidence=("ann-0001",))
    assert ev.id == "ev-0001" and ev.evidence == ("ann-0001",) and ev.date == PartialDate(1910)
    assert drafts[0].to_dict()["end"] == "1945"


def test_long_titles_are_cut_on_a_word():
    text = "In 2019, " + "the ministry announced a very long list of measures " * 5 + "."
    (d,) = draft_events(text, "2023-01-01")
    assert len(d.title) <= 90 and d.title.endswith("…")
