"""Draft events: one per dated sentence, with participants and the passage."""

from __future__ import annotations

from briefing_app.analysis.events import draft_events, split_sentences
from briefing_app.analysis.matcher import AliasMatcher
from briefing_app.model.dates import PartialDate
from briefing_app.model.types import Alias, Entity, Workspace

TEXT = (
    "South Koreans remember colonial rule from 1910 to 1945. "
    "In March, Seoul and Tokyo began taking steps to address the dispute over forced labour. "
    "Mr. Yoon met U.S. officials. Relations with Seoul have improved in recent months."
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
    # The vague one is left out by default; colonial rule "from 1910 to 1945" is a period, not an event.
    (march,) = drafts
    assert march.date == PartialDate(2023, 3) and march.end is None
    assert march.participants == ("kor", "jpn")
    assert march.title.startswith("Seoul and Tokyo began taking steps")
    a, b = march.passage
    assert TEXT[a:b].startswith("In March, Seoul") and TEXT[a:b].endswith("forced labour.")


def test_vague_included_on_request_and_event_conversion():
    drafts = draft_events(TEXT, "2023-04-26", include_vague=True)
    assert drafts[-1].mention.vague
    ev = drafts[0].to_event("ev-0001", evidence=("ann-0001",))
    assert ev.id == "ev-0001" and ev.evidence == ("ann-0001",) and ev.date == PartialDate(2023, 3)
    (drill,) = draft_events("Seoul held drills from May 23 to 25, 2023.", None, matcher().find("Seoul held drills"))
    assert drill.to_dict()["end"] == "2023-05-25"  # a range of days is one event


def test_long_titles_are_cut_on_a_word():
    text = "In 2019, " + "Japan's ministry announced a very long list of measures " * 5 + "."
    (d,) = draft_events(text, "2023-01-01")
    assert len(d.title) <= 80 and d.title.endswith("…")


def test_no_drafts_from_datelines_headlines_centuries_or_unnamed_clauses_and_no_repeats():
    text = (
        "Seoul and Tokyo Restore Intelligence Pact After Four Years\n"
        "13:30 JST, August 22, 2023\n"
        "The 21st century has brought new threats to Seoul.\n"
        "Prices rose in 2019.\n"
        "Seoul and Tokyo agreed on Friday to restore the pact. Seoul and Tokyo agreed on Friday to meet again."
    )
    drafts = draft_events(text, "2023-08-22", matcher().find(text))
    assert [(d.date, d.participants) for d in drafts] == [(PartialDate(2023, 8, 18), ("kor", "jpn"))]


def test_titles_are_short_without_job_titles_or_wire_datelines():
    text = (
        "SEOUL (Reuters) - South Korean President Yoon Suk Yeol and Japanese Prime Minister Fumio Kishida held "
        "a summit in Tokyo on March 16, 2023 at the prime minister's residence amid protests outside."
    )
    (d,) = draft_events(text, "2023-03-17", matcher().find(text))
    assert d.title == "Yoon Suk Yeol and Fumio Kishida held a summit in Tokyo"


def test_a_verb_proposes_the_state_of_the_relation_about_the_named_agreement():
    from briefing_app.model.types import Relation, RelationState

    ws_rel = (
        Relation("kor-jpn-gsomia", "intelligence-sharing", ("kor", "jpn"), entity="gsomia",
                 states=(RelationState("active", PartialDate(2016, 11), PartialDate(2019, 8)),
                         RelationState("termination-notified", PartialDate(2019, 8), PartialDate(2019, 11)))),
        Relation("kor-jpn-relations", "diplomatic", ("kor", "jpn")),
    )  # fmt: skip
    m = AliasMatcher.from_workspace(
        Workspace(entities=(Entity("kor", "South Korea", "country", aliases=(Alias("Seoul"),)),
                            Entity("jpn", "Japan", "country", aliases=(Alias("Tokyo"),)),
                            Entity("gsomia", "GSOMIA", "agreement")))  # fmt: skip
    )
    for text, state in (
        ("Seoul fully restored GSOMIA with Tokyo on March 21, 2023.", "restored"),
        ("Seoul said on August 23, 2019 it would suspend GSOMIA with Tokyo.", "suspended"),
        ("Seoul said on November 22, 2019 it would not end GSOMIA with Tokyo.", "active"),
    ):
        (d,) = draft_events(text, "2023-03-22", m.find(text), relations=ws_rel)
        assert d.change is not None and (d.change.relation, d.change.state) == ("kor-jpn-gsomia", state)
        assert d.to_dict()["relation_change"]["state"] == state
    # Only the two countries named: several relations fit, none is proposed.
    (d,) = draft_events("Seoul and Tokyo suspended talks on May 2, 2019.", "2023-01-01",
                        m.find("Seoul and Tokyo suspended talks on May 2, 2019."), relations=ws_rel)  # fmt: skip
    assert d.change is None
    # A state the relation already records then is background, not news; a threat is not an end.
    for text in ("Seoul signed GSOMIA with Tokyo in 2016.", "Seoul decided to terminate GSOMIA with Tokyo in 2019."):
        (d,) = draft_events(text, None, m.find(text), relations=ws_rel)
        assert d.change is None, text


def test_years_as_adjectives_periods_plans_quotes_and_unnamed_subjects_give_no_draft():
    m = matcher()
    for text in (
        "Seoul says it has decided to continue a 2016 military intelligence-sharing agreement with Tokyo.",
        "Seoul and Tokyo settled claims under the 1965 treaty, officials said.",
        "In the late 2030s, Tokyo will receive delivery of its first submarine.",
        "Seoul remembers Japan's 1910-1945 occupation.",
        '[Soundbite] Park Jin : "Tokyo and Seoul upheld the ruling of the court in 2018."',
        "A man stands near a banner demanding that Seoul keep the pact with Tokyo, Nov. 22, 2019.",
        "These companies, which benefited from Seoul and Tokyo's ties in 1965, will pay.",
    ):
        assert draft_events(text, None, m.find(text)) == [], text
    # A date after the publication date is a plan.
    text = "Seoul and Tokyo will meet on May 2, 2023."
    assert draft_events(text, "2023-04-26", m.find(text)) == []


def test_a_participle_or_a_clause_is_what_the_date_dates():
    m = AliasMatcher.from_workspace(
        Workspace(entities=(Entity("kor", "South Korea", "country", aliases=(Alias("Seoul"),)),
                            Entity("jpn", "Japan", "country", aliases=(Alias("Tokyo"),)),
                            Entity("gsomia", "GSOMIA", "agreement"),
                            Entity("sun", "Soviet Union", "country")))  # fmt: skip
    )
    text = (
        "Signed in 2016, GSOMIA was seen as a rare symbol of cooperation between Seoul and Tokyo. "
        "Ties could mark the strongest connection in decades since the Soviet Union collapsed in 1991. "
        "The dispute dates back to 2018, when the Supreme Court of Seoul ordered two Tokyo firms to pay."
    )
    drafts = draft_events(text, None, m.find(text))
    assert [(d.date, d.title, d.participants) for d in drafts] == [
        (PartialDate(2016), "GSOMIA signed", ("gsomia",)),
        (PartialDate(1991), "The Soviet Union collapsed", ("sun",)),
        (PartialDate(2018), "The Supreme Court of Seoul ordered two Tokyo firms to pay", ("kor", "jpn")),
    ]


def test_one_event_told_twice_is_one_draft_and_the_story_beats_the_caption():
    text = (
        "Seoul, left, and Tokyo shake hands at the meeting in Tokyo on March 16, 2023.\n"
        "Seoul and Tokyo agreed on March 16, 2023 to restore their ties."
    )
    (d,) = draft_events(text, None, matcher().find(text))
    assert d.title == "Seoul and Tokyo agreed to restore their ties"


def test_a_date_in_the_dateline_is_not_an_event_date():
    text = "WASHINGTON (UrduPoint News / Sputnik - 26th April, 2023) Seoul and Tokyo will announce a plan, an official said."
    assert draft_events(text, None, matcher().find(text)) == []


def test_a_subordinate_clause_ends_at_its_comma_and_an_aside_about_someone_gives_no_draft():
    m = matcher()
    text = "Since Seoul joined the talks in May of 2022, relations with Tokyo have been tested."
    (d,) = draft_events(text, None, m.find(text))
    assert (d.title, d.participants) == ("Seoul joined the talks", ("kor",))
    text = "Seoul met Li Qiang, who is making his first visit to Tokyo since taking office in March 2023."
    assert draft_events(text, None, m.find(text)) == []
