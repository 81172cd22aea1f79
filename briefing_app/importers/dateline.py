"""The publication date a news text states about itself: its dateline or byline.

Saved articles, wire copy and statements carry their date in the first lines:
a byline line ("13:30 JST, August 22, 2023", "The Citizen|June 20, 2024",
"Updated 4/17/23 at 1:54 pm ET", "입력 2023.03.06 (15:07)", "[November 22,
2019]") or a wire dateline ("SEOUL, March 6 (Yonhap) --"). A date inside a
sentence of the body is an event, not a dateline, and is not taken here.

A wire dateline often has no year; the year is then taken from the same day
written in full elsewhere in the text ("on March 6, 2023"), or the dateline is
not used (a year cannot be guessed safely).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing_app.model.dates import DateError, PartialDate

__all__ = ["Dateline", "find_dateline"]

HEAD_CHARS = 1500  # datelines and bylines sit at the top
HEAD_LINES = 14
MAX_BYLINE_CHARS = 110

_MONTHS = {
    m: i for i, names in enumerate((
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
        ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
        ("november", "nov"), ("december", "dec"),
    ), start=1) for m in names
}  # fmt: skip
_MONTH = r"(?P<mon>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)\.?"
_DATE_FORMS = [
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)[-./](?P<month>\d{1,2})[-./](?P<day>\d{1,2})(?!\d)"),  # ISO, "2023.03.06"
    re.compile(r"\b(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)?\d\d)\b"),
]
# Words that mark a line as a byline or date line, not a sentence of the body.
_BYLINE_CUE = re.compile(
    r"^\s*(?:\[|published|updated|posted|last updated|first published|issued|released|date[d:]?|by\b|입력|수정|"
    r"\d{1,2}:\d\d)|\||(?:published|updated|posted|입력|수정)\s*(?:on\s*)?:?\s*(?=\d|[A-Z][a-z]{2})",
    re.I,
)
# "SEOUL, March 6 (Yonhap) --", "WASHINGTON, Aug 18 (Reuters) -", "TOKYO, March 16, 2023 —".
_WIRE = re.compile(
    rf"^\s*[A-Z][A-Z.'’ /-]{{1,40}}(?:,\s*[A-Z][A-Za-z.' ]{{1,30}})?,\s+{_MONTH}\s+(?P<day>\d{{1,2}})"
    r"(?:,\s*(?P<year>(?:19|20)\d\d))?\s*(?:\((?P<agency>[^)\n]{1,30})\))?\s*(?:--|[-–—:])",
    re.I,
)


@dataclass(frozen=True)
class Dateline:
    """A publication date read from the text: the date and the words it was read from."""

    date: PartialDate
    text: str

    @property
    def note(self) -> str:
        return f"from dateline: '{self.text.strip()}'"


def _date(year: str, month: int | None, day: str) -> PartialDate | None:
    y = int(year)
    if y < 100:
        y += 2000
    try:
        return PartialDate(y, month, int(day))
    except (DateError, TypeError, ValueError):
        return None


def _first_date(line: str) -> tuple[PartialDate, str] | None:
    best: tuple[int, PartialDate, str] | None = None
    for form in _DATE_FORMS:
        for m in form.finditer(line):
            g = m.groupdict()
            month = _MONTHS.get(g["mon"].lower().rstrip(".")) if g.get("mon") else int(g["month"])
            d = _date(g["year"], month, g["day"])
            if d is None and not g.get("mon") and "/" in m.group(0):
                d = _date(g["year"], int(g["day"]), str(month))  # day first: "18/08/2023"
            if d is not None and (best is None or m.start() < best[0]):
                best = (m.start(), d, m.group(0))
    return (best[1], best[2]) if best else None


def _is_byline(line: str) -> bool:
    """A short line that is about the article (a date, a byline, a time), not a sentence of it."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_BYLINE_CHARS * 1.5:
        return False
    if _BYLINE_CUE.search(stripped):
        return True
    if len(stripped) > MAX_BYLINE_CHARS or stripped.endswith((".", "?", "!", '"', "”")):
        return False
    found = _first_date(stripped)
    if found is None:
        return False
    rest = stripped.replace(found[1], " ")
    # Nothing much besides the date: a weekday, a time, a place or an outlet name.
    return len(re.findall(r"[^\W\d_]+", rest)) <= 6


def find_dateline(text: str) -> Dateline | None:
    """The publication date stated by the dateline or a byline line at the top of ``text``, or None."""
    head = text[:HEAD_CHARS]
    lines = [ln for ln in head.split("\n") if ln.strip()][:HEAD_LINES]
    for line in lines:
        wire = _WIRE.match(line)
        if wire:
            month = _MONTHS.get(wire.group("mon").lower().rstrip("."))
            if wire.group("year"):
                d = _date(wire.group("year"), month, wire.group("day"))
                if d is not None:
                    return Dateline(d, wire.group(0).rstrip(" -–—:"))
            else:
                year = _year_elsewhere(text, month, int(wire.group("day")))
                if year is not None:
                    d = _date(str(year), month, wire.group("day"))
                    if d is not None:
                        return Dateline(d, wire.group(0).rstrip(" -–—:"))
            continue
        if _is_byline(line):
            found = _first_date(line)
            if found is not None:
                return Dateline(found[0], line.strip())
    return None


def _year_elsewhere(text: str, month: int | None, day: int) -> int | None:
    """The year of the same day written in full in the text ("March 6, 2023"), if it is the only one."""
    years = set()
    for form in _DATE_FORMS[:2]:
        for m in form.finditer(text):
            g = m.groupdict()
            if _MONTHS.get(g["mon"].lower().rstrip(".")) == month and int(g["day"]) == day:
                years.add(int(g["year"]))
    return years.pop() if len(years) == 1 else None
