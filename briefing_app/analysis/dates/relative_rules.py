"""Date rules for expressions counted from the reference day.

"yesterday", "last week", "on Friday", "last November", "two years ago",
"recent months": none of them resolves without a publication date, so each
rule returns nothing when the context has no reference. :data:`RULES` keeps
them in definition order, which breaks ties between equally long matches.
"""

from __future__ import annotations

import datetime as _dt
import re

from briefing_app.analysis.dates.context import (
    _atom,
    _Atom,
    _Context,
    _day,
    _month,
    _month_add,
    _Rule,
    _rule_registry,
)
from briefing_app.analysis.dates.vocabulary import (
    _MONTH,
    _MONTHS,
    _NUM,
    _NUMBERS,
    _VAGUE_NUMBERS,
    _WEEKDAY,
    _WEEKDAYS,
    _g,
)
from briefing_app.model.dates import PartialDate

RULES: list[tuple[re.Pattern, _Rule]] = []
_rule = _rule_registry(RULES)


@_rule(r"(?i:\b(?P<w>yesterday|today|tomorrow|tonight|last night|this morning|this afternoon|this evening)\b)")
def _deictic_day(m: re.Match, ctx: _Context) -> _Atom | None:
    if ctx.ref is None:
        return None
    w = m["w"].lower()
    offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(w, 0)
    # "today" often means "nowadays" in analysis prose: lower confidence.
    conf = 0.6 if w == "today" else 0.85
    if ctx.text[m.end() : m.end() + 2] in ("'s", "’s"):
        conf = 0.4  # "yesterday's adversaries" is often figurative
    return _atom(m, _day(ctx.ref + _dt.timedelta(days=offset)), None, "relative", conf)


@_rule(
    r"(?i:\b(?:the\s+)?(?P<rel>last|this|next|past|previous|coming|current)\s+(?P<unit>week|weekend|month|year|quarter|decade)\b)"
)
def _relative_unit(m: re.Match, ctx: _Context) -> _Atom | None:
    if ctx.ref is None:
        return None
    ref = ctx.ref
    rel, unit = m["rel"].lower(), m["unit"].lower()
    delta = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1, "coming": 1, "past": -1}[rel]
    has_the = m.group(0).lower().startswith("the ")
    if rel == "past" or (rel == "last" and has_the):
        # "the past year", "the last month": a span ending now, not the previous calendar unit.
        if unit == "year":
            y, mo = _month_add(ref.year, ref.month, -12)
            return _atom(m, _month(y, mo), _month(ref.year, ref.month), "relative", 0.7)
        if unit == "month":
            return _atom(m, _day(ref - _dt.timedelta(days=30)), _day(ref), "relative", 0.7)
        if unit in ("week", "weekend"):
            return _atom(m, _day(ref - _dt.timedelta(days=7)), _day(ref), "relative", 0.7)
    if unit == "decade":
        if rel == "past" or rel == "last":
            # "the past decade": ten years up to now, bounds approximate.
            return _atom(m, PartialDate(ref.year - 10), PartialDate(ref.year), "vague", 0.5, vague=True)
        first = ref.year // 10 * 10 + 10 * delta
        return _atom(m, PartialDate(first), PartialDate(first + 9), "relative", 0.6)
    if unit == "year":
        return _atom(m, PartialDate(ref.year + delta), None, "relative", 0.85)
    if unit == "month":
        y, mo = _month_add(ref.year, ref.month, delta)
        return _atom(m, _month(y, mo), None, "relative", 0.85)
    if unit == "quarter":
        q = (ref.month - 1) // 3
        y, mo = _month_add(ref.year, q * 3 + 1, 3 * delta)
        y2, mo2 = _month_add(y, mo, 2)
        return _atom(m, _month(y, mo), _month(y2, mo2), "relative", 0.8)
    monday = ref - _dt.timedelta(days=ref.weekday()) + _dt.timedelta(weeks=delta)
    if unit == "weekend":
        saturday = monday + _dt.timedelta(days=5)
        if rel == "last" and ref.weekday() >= 5:
            saturday -= _dt.timedelta(weeks=1) if delta == -1 else _dt.timedelta(0)
        return _atom(m, _day(saturday), _day(saturday + _dt.timedelta(days=1)), "relative", 0.8)
    return _atom(m, _day(monday), _day(monday + _dt.timedelta(days=6)), "relative", 0.8)


# "last Friday", "next Tuesday", "this Monday"
@_rule(r"(?i:\b(?P<rel>last|this|next|past|coming)\s+)" + _g(_WEEKDAY, "wd") + r"\b")
def _relative_weekday(m: re.Match, ctx: _Context) -> _Atom | None:
    if ctx.ref is None:
        return None
    target, today = _WEEKDAYS[m["wd"]], ctx.ref.weekday()
    rel = m["rel"].lower()
    if rel in ("last", "past"):
        back = (today - target) % 7 or 7
        day = ctx.ref - _dt.timedelta(days=back)
    elif rel in ("next", "coming"):
        ahead = (target - today) % 7 or 7
        day = ctx.ref + _dt.timedelta(days=ahead)
    else:
        day = ctx.ref - _dt.timedelta(days=today) + _dt.timedelta(days=target)
    return _atom(m, _day(day), None, "relative", 0.8)


# "on Friday", "Wednesday": the nearest one, back in time unless the clause speaks of the future.
@_rule(r"(?:(?i:\bon)\s+)?\b" + _g(_WEEKDAY, "wd") + r"\b(?!,?\s+(?:[A-Z][a-z]+\.?\s+\d|\d))")
def _weekday(m: re.Match, ctx: _Context) -> _Atom | None:
    if ctx.ref is None:
        return None
    target, today = _WEEKDAYS[m["wd"]], ctx.ref.weekday()
    if ctx.future(m.start(), m.end()):
        day = ctx.ref + _dt.timedelta(days=(target - today) % 7)
        conf = 0.65
    else:
        day = ctx.ref - _dt.timedelta(days=(today - target) % 7)
        conf = 0.7
    return _atom(m, _day(day), None, "relative", conf)


# "last November", "this March", "next May"
@_rule(r"(?i:\b(?P<rel>last|this|next|past|coming)\s+)" + _g(_MONTH, "mon") + r"\b(?!\s*\d)")
def _relative_month(m: re.Match, ctx: _Context) -> _Atom | None:
    if ctx.ref is None:
        return None
    month, rel = _MONTHS[m["mon"]], m["rel"].lower()
    ref = ctx.ref
    if rel in ("last", "past"):
        year = ref.year if month < ref.month else ref.year - 1
    elif rel in ("next", "coming"):
        year = ref.year if month > ref.month else ref.year + 1
    else:
        year = ref.year
    return _atom(m, _month(year, month), None, "relative", 0.85, month=month, year_explicit=False)


_UNIT_RE = r"(?P<unit>days?|weeks?|months?|years?|decades?)"


# "two years ago", "a month ago", "several weeks ago"
@_rule(r"(?i:\b(?:" + _g(_NUM, "n") + r"|(?P<vn>several|a few|some))\s+" + _UNIT_RE + r"\s+(?:ago|earlier|before now)\b)")
def _ago(m: re.Match, ctx: _Context) -> _Atom | None:
    if ctx.ref is None:
        return None
    if m.group(0).lower().split()[-1] == "earlier":
        return None  # "two years earlier" counts from a date in the text, not from publication
    vague = m["vn"] is not None
    n = _VAGUE_NUMBERS[m["vn"].lower()] if vague else (int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"].lower()])
    unit = m["unit"].lower().rstrip("s")
    ref = ctx.ref
    conf = 0.35 if vague else 0.8
    if unit == "day":
        return _atom(m, _day(ref - _dt.timedelta(days=n)), None, "relative", conf, vague=vague)
    if unit == "week":
        monday = ref - _dt.timedelta(days=ref.weekday()) - _dt.timedelta(weeks=n)
        return _atom(m, _day(monday), _day(monday + _dt.timedelta(days=6)), "relative", conf, vague=vague)
    if unit == "month":
        y, mo = _month_add(ref.year, ref.month, -n)
        return _atom(m, _month(y, mo), None, "relative", conf, vague=vague)
    years = n * (10 if unit == "decade" else 1)
    conf = conf if unit == "year" else min(conf, 0.6)
    return _atom(m, PartialDate(ref.year - years), None, "relative", conf, vague=vague)


# "recent months", "in recent years", "the past few weeks": a span ending now whose start is a guess.
@_rule(
    r"(?i:\b(?:(?:in|over|during)\s+)?(?:the\s+)?(?:recent|(?P<rel>past|last|previous)\s+(?:" + _g(_NUM, "n")
    + r"|(?P<vn>several|few|couple of)))\s+" + _UNIT_RE + r"\b)"
)  # fmt: skip
def _recent(m: re.Match, ctx: _Context) -> _Atom | None:
    if ctx.ref is None:
        return None
    unit = m["unit"].lower().rstrip("s")
    plural = m["unit"].lower().endswith("s")
    vague = m["n"] is None
    if vague:
        n = {"day": 7, "week": 6, "month": 6, "year": 5, "decade": 3}[unit]
    else:
        n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"].lower()]
        if n == 1 and plural:
            return None
    ref = ctx.ref
    conf = 0.35 if vague else 0.75
    if unit in ("day", "week"):
        days = n * (7 if unit == "week" else 1)
        return _atom(m, _day(ref - _dt.timedelta(days=days)), _day(ref), "vague" if vague else "relative", conf, vague=vague)
    if unit == "month":
        y, mo = _month_add(ref.year, ref.month, -n)
        return _atom(m, _month(y, mo), _month(ref.year, ref.month), "vague" if vague else "relative", conf, vague=vague)
    years = n * (10 if unit == "decade" else 1)
    return _atom(m, PartialDate(ref.year - years), PartialDate(ref.year), "vague" if vague else "relative", conf, vague=vague)

