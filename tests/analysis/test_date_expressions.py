"""Date expressions: detection, resolution against a publication date, precision kept."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing_app.analysis.dates import find_dates
from briefing_app.model.dates import PartialDate, Precision

REF = "2023-04-26"  # a Wednesday


def one(text: str, ref=REF):
    found = find_dates(text, ref)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expr", "first", "last"),
    [
        ("It began in March 2021.", "March 2021", "2021-03", None),
        ("Talks resume on August 18, 2023.", "August 18, 2023", "2023-08-18", None),
        ("Talks resume on 18 August 2023.", "18 August 2023", "2023-08-18", None),
        ("Relations soured in 2019.", "2019", "2019", None),
        ("It peaked in the 1990s.", "the 1990s", "1990", "1999"),
        ("Prices rose last month.", "last month", "2023-03", None),
        ("Seoul acted this week.", "this week", "2023-04-24", "2023-04-30"),
        ("An official said on Friday.", "on Friday", "2023-04-21", None),
        ("The minister will speak on Friday.", "on Friday", "2023-04-28", None),
        ("Last November, they met.", "Last November", "2022-11", None),
        ("Yesterday, they met.", "Yesterday", "2023-04-25", None),
        ("Exports fell last year.", "last year", "2022", None),
        ("Exports will rise next month.", "next month", "2023-05", None),
        ("It happened two years ago.", "two years ago", "2021", None),
        ("The paper came out in the summer of 2022.", "the summer of 2022", "2022-06", "2022-08"),
        ("They met last summer.", "last summer", "2022-06", "2022-08"),
        ("A deal is expected in early 2023.", "early 2023", "2023-01", "2023-04"),
        ("Talks stalled in mid-2021.", "mid-2021", "2021-05", "2021-08"),
        ("Talks stalled in late 2019.", "late 2019", "2019-09", "2019-12"),
        ("Peace returned from the end of the 40s.", "the end of the 40s", "1947", "1949"),
        ("Colonial rule from 1910 to 1945.", "from 1910 to 1945", "1910", "1945"),
        ("No drills between 2019 and 2023.", "between 2019 and 2023", "2019", "2023"),
        ("The occupation (1910–1945) ended.", "1910–1945", "1910", "1945"),
        ("Drills ran from March to May 2022.", "March to May 2022", "2022-03", "2022-05"),
        ("The forum met March 3-5, 2023.", "March 3-5, 2023", "2023-03-03", "2023-03-05"),
        ("In March, the two began talks.", "March", "2023-03", None),
        ("The dispute goes back to the 19th century.", "the 19th century", "1800", "1899"),
        ("Output fell in Q3 2022.", "Q3 2022", "2022-07", "2022-09"),
        ("Earlier this year, the bank moved.", "Earlier this year", "2023-01", "2023-04"),
    ],
)
def test_resolves_with_precision(text, expr, first, last):
    m = one(text)
    assert m.text == expr
    assert text[m.start : m.end] == expr
    assert m.date == PartialDate.parse(first)
    assert m.end_date == (PartialDate.parse(last) if last else None)


def test_a_season_is_a_range_of_months_not_a_day():
    m = one("published in the summer of 2022")
    assert m.precision is Precision.MONTH
    assert (m.first_day, m.last_day) == (dt.date(2022, 6, 1), dt.date(2022, 8, 31))
    assert m.kind == "season"


def test_vague_expressions_are_flagged_and_low_confidence():
    m = one("In recent months, incursions rose.")
    assert m.vague
    assert m.confidence < 0.5
    assert m.date == PartialDate(2022, 10) and m.end_date == PartialDate(2023, 4)


@pytest.mark.parametrize(
    "text",
    [
        "Officials may march in the parade.",
        "The North fired nearly 2022 ballistic missiles.",
        "About 2000 troops and 1,945 soldiers were deployed.",
        "They are in their 40s.",
        "The ship carries 96 missiles and cost 1800 million won.",
    ],
)
def test_traps_give_nothing(text):
    assert find_dates(text, REF) == []


def test_attributive_year_is_a_date():
    assert one("The 2015 agreement did not settle claims.").date == PartialDate(2015)


def test_without_reference_relative_expressions_are_skipped():
    found = find_dates("Last month, in March 2021, things changed.")
    assert [m.text for m in found] == ["March 2021"]


def test_partial_reference_coarsens_relative_days():
    m = one("They met yesterday.", "2022-08")
    assert m.date == PartialDate(2022, 8)
    assert m.confidence < 0.85


def test_month_without_year_takes_the_nearest_and_the_tense():
    # Published in July: "for October" is this coming October, "in June" the one just gone.
    assert one("They called an election for October.", "2021-07-01").date == PartialDate(2021, 10)
    assert one("Rates rose in June.", "2021-07-01").date == PartialDate(2021, 6)
    assert one("Sanctions were imposed in December.", "2022-03-02").date == PartialDate(2021, 12)


def test_last_month_name_is_strictly_before_the_reference_month():
    assert one("They met last April.").date == PartialDate(2022, 4)
    assert one("They met last January.").date == PartialDate(2023, 1)


def test_several_mentions_in_order_and_not_overlapping():
    text = "From 2013 to 2017 there was no summit; last week, on Monday, they met in Seoul in March 2023."
    found = find_dates(text, REF)
    assert [m.text for m in found] == ["From 2013 to 2017", "last week", "on Monday", "March 2023"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_to_dict_is_plain_data():
    d = one("in the summer of 2022").to_dict()
    assert d["date"] == "2022-06" and d["end_date"] == "2022-08" and d["precision"] == "month"


def test_bad_reference_is_a_clear_error():
    with pytest.raises(ValueError, match="not a date"):
        find_dates("last month", "yesterday-ish")
    with pytest.raises(TypeError):
        find_dates(None, REF)  # type: ignore[arg-type]
