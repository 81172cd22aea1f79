import calendar
import datetime as dt

import pytest

from briefing_app.model.dates import DateError, PartialDate, Precision, parse_day


def test_parse_precisions():
    assert PartialDate.parse(1965).precision is Precision.YEAR
    assert PartialDate.parse("2019-07").precision is Precision.MONTH
    assert PartialDate.parse(dt.date(2019, 7, 4)) == PartialDate(2019, 7, 4)
    assert PartialDate.parse("2019-07-04").iso() == "2019-07-04"


def test_ranges_of_partial_dates():
    assert PartialDate(1965).start == dt.date(1965, 1, 1)
    assert PartialDate(1965).end == dt.date(1965, 12, 31)
    assert PartialDate(2024, 2).end == dt.date(2024, 2, 29)
    assert PartialDate(2019, 7, 4).end == dt.date(2019, 7, 4)


def test_ordering_puts_coarse_before_fine_on_same_start():
    dates = [PartialDate(2019, 7, 4), PartialDate(2019), PartialDate(1910), PartialDate(2019, 7)]
    assert [d.iso() for d in sorted(dates)] == ["1910", "2019", "2019-07", "2019-07-04"]


def test_labels():
    assert PartialDate(1965).label() == "1965"
    assert PartialDate(2019, 7).label() == "Jul 2019"
    assert PartialDate(2023, 4, 26).label() == "26 Apr 2023"


@pytest.mark.parametrize("bad", ["2019-13", "2019-02-30", "July 2019", "", True, 3.5, "20190704", 0])
def test_bad_dates_refused(bad):
    with pytest.raises(DateError):
        PartialDate.parse(bad)


def test_parse_day_takes_last_day_of_partial():
    assert parse_day("2019") == dt.date(2019, 12, 31)
    assert parse_day("2023-06-15") == dt.date(2023, 6, 15)


def test_ends_before_is_the_last_day_before_the_first_day():
    import itertools

    dates = []
    for y in (1999, 2000, 2001):
        dates.append(PartialDate(y))
        for m in (1, 2, 3, 12):
            dates.append(PartialDate(y, m))
            dates += [PartialDate(y, m, d) for d in (1, 2, 27, 28, 29, 30, 31) if d <= calendar.monthrange(y, m)[1]]
    for a, b in itertools.product(dates, dates):
        assert a.ends_before(b) == (a.end < b.start), (a, b)
