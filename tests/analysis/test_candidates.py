"""Candidate entities: names the workspace does not know, grouped and typed."""

from __future__ import annotations

import pytest

from briefing_app.analysis.candidates import find_candidates
from briefing_app.analysis.matcher import AliasMatcher
from briefing_app.model.types import Alias, Entity, Workspace


def by_name(text: str, known=None) -> dict:
    return {c.name: c for c in find_candidates(text, known)}


def test_titled_person_without_title_and_with_type():
    found = by_name("South Korean President Yoon Suk Yeol met Foreign Minister Park Jin on Monday.")
    assert set(found) == {"Yoon Suk Yeol", "Park Jin"}
    assert found["Yoon Suk Yeol"].type == "person"
    assert found["Yoon Suk Yeol"].title == "South Korean President"
    assert found["Park Jin"].title == "Foreign Minister"


def test_title_with_of_part():
    found = by_name("Secretary of State Antony J. Blinken spoke. The Minister of Defense Nobuo Kishi agreed.")
    assert found["Antony J. Blinken"].title == "Secretary of State"
    assert "Nobuo Kishi" in found


def test_acronym_joins_its_expansion():
    text = (
        "The General Security of Military Information Agreement (GSOMIA) was restored. "
        "Seoul said GSOMIA would stay."
    )
    c = by_name(text)["General Security of Military Information Agreement"]
    assert c.type == "agreement"
    assert c.aliases == ("GSOMIA",)
    assert c.count == 3
    assert [text[m.start : m.end] for m in c.mentions][1:] == ["GSOMIA", "GSOMIA"]


def test_surname_joins_the_full_name_and_counts():
    text = "President Yoon Suk Yeol arrived. Mr. Yoon then spoke, and Yoon left."
    c = by_name(text)["Yoon Suk Yeol"]
    assert c.count == 3
    assert "Yoon" in c.aliases


def test_sentence_initial_function_words_and_demonyms_are_not_names():
    found = by_name("However, Japanese officials met. The Chinese Foreign Ministry objected. In Tokyo it rained.")
    assert "However" not in found and "Japanese" not in found and "In Tokyo" not in found
    assert "Foreign Ministry" in found and found["Foreign Ministry"].type == "organization"
    assert found["Tokyo"].type == "place"


@pytest.mark.parametrize(
    ("text", "name", "type_"),
    [
        ("Analysts at the Korea Institute for Defense Analyses agree.", "Korea Institute for Defense Analyses", "organization"),
        ("Ships sailed into the Sea of Japan.", "Sea of Japan", "place"),
        ("Troops of United States Forces Korea left.", "United States Forces Korea", "military"),
        ("Officials visited New Zealand.", "New Zealand", "country"),
        ("The Treaty on Basic Relations was signed.", "Treaty on Basic Relations", "agreement"),
        ("The Korean War ended in 1953.", "Korean War", "event-series"),
    ],
)
def test_types(text, name, type_):
    assert by_name(text)[name].type == type_


def test_known_surface_forms_are_excluded():
    text = "Japan and South Korea met in Vilnius."
    assert set(by_name(text, {"Japan", "south korea"})) == {"Vilnius"}


def test_alias_matcher_excludes_and_points_at_the_known_entity():
    ws = Workspace(entities=(Entity("gsomia", "GSOMIA pact", "agreement", aliases=(Alias("GSOMIA"),)),
                             Entity("jpn", "Japan", "country")))  # fmt: skip
    text = "Japan renewed the General Security of Military Information Agreement (GSOMIA)."
    found = find_candidates(text, AliasMatcher.from_workspace(ws))
    assert [c.name for c in found] == ["General Security of Military Information Agreement"]
    assert found[0].existing == "gsomia"
    assert found[0].aliases == ()


def test_most_mentioned_first_and_plain_dict():
    found = find_candidates("Vilnius hosted it. Leaders flew to Vilnius and to Riga. Vilnius was calm.")
    assert found[0].name == "Vilnius" and found[0].count == 3
    assert found[0].to_dict()["count"] == 3


def test_bad_input_is_a_clear_error():
    with pytest.raises(TypeError, match="str"):
        find_candidates(b"bytes")  # type: ignore[arg-type]
