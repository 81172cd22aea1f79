"""Candidates on the shapes real news has: compounds, possessives, headings, other spellings of known actors."""

from __future__ import annotations

import pytest

from briefing_app.analysis.candidates import find_candidates
from briefing_app.analysis.matcher import AliasMatcher

KNOWN = AliasMatcher(
    [
        ("Fumio Kishida", "kishida", "auto"), ("Kishida", "kishida", "auto"), ("Japan", "jpn", "auto"),
        ("U.S.", "usa", "auto"), ("United States", "usa", "auto"), ("South Korea", "kor", "auto"),
        ("Joseph R. Biden", "biden", "auto"), ("Joe Biden", "biden", "auto"), ("Biden", "biden", "auto"),
        ("Lloyd Austin", "austin", "auto"), ("AUKUS", "aukus", "auto"), ("Australia", "aus", "auto"),
        ("Australian", "aus", "auto"), ("NATO", "nato", "auto"), ("Seoul", "kor", "auto"),
        ("People's Liberation Army", "pla", "auto"), ("Chinese", "chn", "auto"), ("Nobuo Kishi", "kishi", "auto"),
    ]
)  # fmt: skip


def new_names(text: str) -> list[str]:
    return sorted(c.name for c in find_candidates(text, KNOWN) if c.existing is None)


def linked(text: str) -> dict[str, str]:
    return {c.name: c.existing for c in find_candidates(text, KNOWN) if c.existing}


@pytest.mark.parametrize(
    "text",
    [
        "The leaders agreed to strengthen the Japan-U.S. and South Korea-U.S. strategic alliances.",
        "“This is the first summit I’ve hosted as president,” Biden said.",
        "DEFENSE & SECURITY\nThe talks went on.",
        "HIGH-LEVEL TRILATERAL CONSULTATIONS\nThe leaders met.",
        "Home > National > Diplomacy\nThe leaders met.",
        "11:29 A.M. EDT\nPRESIDENT BIDEN: Well, welcome, everyone.",
        "Kishida said at the press conference, “Coordination between the allies will be reinforced.”",
        "A Seoul-backed public foundation will pay.",
        "South Korea Reverses Course, Will Still Share Intel with Japan\nThe office said so.",
    ],
)
def test_fragments_headings_and_contractions_are_not_proposed(text):
    assert new_names(text) == []


def test_other_spellings_of_known_actors_are_linked_not_new():
    text = (
        "We, Prime Minister Kishida Fumio and President Joseph R. Biden, Jr., affirm a shared vision. "
        "U.S. Secretary of Defense Lloyd Austin III met Japan's Kishi. Aukus was praised."
    )
    assert new_names(text) == []
    links = linked(text)
    assert links.get("Kishida Fumio") == "kishida"
    assert links.get("Lloyd Austin III") == "austin"
    assert links.get("Kishi") == "kishi"
    assert links.get("Aukus", "aukus") == "aukus"  # the matcher may know it already


def test_possessives_and_known_actors_inside_runs_are_cut_out():
    text = (
        "Japan's Ministry of Economy, Trade and Industry said on Friday that talks would restart. "
        "Later, the Eastern Theater Command of the Chinese People's Liberation Army started drills, "
        "and Patrick Cronin of the Hudson Institute wrote about it from Vilnius for the NATO Summit."
    )
    assert new_names(text) == [
        "Eastern Theater Command", "Hudson Institute", "Ministry of Economy, Trade and Industry", "Patrick Cronin",
        "Vilnius",
    ]  # fmt: skip


def test_names_built_on_a_known_actor_stay_whole():
    text = "The Japan Coast Guard and the Royal Australian Navy sailed to South Australia and Western Australia."
    assert new_names(text) == ["Japan Coast Guard", "Royal Australian Navy", "South Australia", "Western Australia"]


def test_bylines_give_authors_and_a_sentence_start_before_a_speech_verb_is_a_name():
    text = "By Gawon Bae and Junko Ogura, CNN\n\nThe deal was signed.\nAlbanese said it was historic."
    names = new_names(text)
    assert "Gawon Bae" in names and "Junko Ogura" in names and "Albanese" in names


def test_an_appositive_acronym_names_its_expansion():
    text = "They want to keep the General Security of Military Intelligence Agreement, or GSOMIA, in force."
    (c,) = find_candidates(text)
    assert c.name == "General Security of Military Intelligence Agreement" and c.aliases == ("GSOMIA",)
    linked = find_candidates(text, AliasMatcher([("GSOMIA", "gsomia", "auto")]))
    assert [(x.name, x.existing) for x in linked] == [("General Security of Military Intelligence Agreement", "gsomia")]


@pytest.mark.parametrize(
    "text",
    [
        "view larger image People watch the news on a television at Seoul Station.",
        "The Spirit of Camp David: Joint Statement of Japan, South Korea, and the United States",
        "We are able to hold the NATO Summit in Vilnius this year.",
        "It was a Trilateral Leaders Summit in all but name.",
        "The leaders met during the Administration of President Biden.",
    ],
)
def test_generic_common_nouns_and_titled_generic_phrases_are_not_names(text):
    names = new_names(text)
    assert not set(names) & {"People", "Joint Statement", "NATO Summit", "Trilateral Leaders Summit", "Administration"}


def test_a_compass_letter_abbreviation_of_a_known_country_is_linked():
    matcher = AliasMatcher([("North Korea", "prk", "auto"), ("Russia", "rus", "auto"), ("Ukraine", "ukr", "auto")])
    cands = find_candidates("Putin, Kim sign treaty\nN Korea 'fully supports' Russia's war in Ukraine.", matcher)
    assert [(c.name, c.existing) for c in cands if c.name == "N Korea"] == [("N Korea", "prk")]


def test_nationalities_adjectives_and_connectors_found_on_the_first_held_out_set():
    matcher = AliasMatcher([("Asian", "asia", "auto"), ("Department of Defense", "us-dod", "auto"),
                            ("US Department of Defense", "us-dod", "auto"), ("Kim", "x", "exact")])  # fmt: skip
    text = (
        "Lee's visit follows the capture of Venezuelan leader Nicolas Maduro. The missile flew over its "
        "Northern territory. The US Defense Department confirmed it. Ties with the Association of Southeast "
        "Asian Nations grew, White House Press Secretary Karine Jean-Pierre said."
    )
    cands = find_candidates(text, matcher)
    new = sorted(c.name for c in cands if c.existing is None)
    assert new == ["Association of Southeast Asian Nations", "Karine Jean-Pierre", "Nicolas Maduro", "White House"]
    assert {c.name: c.existing for c in cands if c.existing} == {"US Defense Department": "us-dod"}


def test_titles_honorifics_and_names_after_a_country_found_on_the_second_held_out_set():
    matcher = AliasMatcher([("Philippines", "phl", "auto"), ("Japan", "jpn", "auto"), ("ROK", "kor", "auto"),
                            ("U.S.", "usa", "auto"), ("US-ROK Mutual Defense Treaty", "treaty", "auto")])  # fmt: skip
    text = (
        "Japan-Philippines Relations\n\nArmed Forces of the Philippines chief Gen. Romeo Brawner Jr. met "
        "Japan's Chief of Staff. Minister Kamikawa, in the presence of His Excellency Ferdinand R. Marcos, signed "
        "the Agreement Concerning the Facilitation of Reciprocal Access with Hon. Gilberto C. Teodoro, Jr., under "
        "the U.S.-ROK Mutual Defense Treaty."
    )
    cands = find_candidates(text, matcher)
    new = {c.name for c in cands if c.existing is None}
    assert {"Armed Forces of the Philippines", "Romeo Brawner Jr", "Ferdinand R. Marcos", "Gilberto C. Teodoro"} <= new
    assert not new & {"Relations", "Chief of Staff", "Hon", "Concerning", "Armed Forces", "ROK Mutual Defense Treaty"}
    assert {c.name: c.existing for c in cands if c.existing}.get("U.S.-ROK Mutual Defense Treaty") == "treaty"
