"""Page breaking for the briefing: which slice of which block goes on which page, and its footnotes.

Pure Python, no Qt. The renderer measures every block of the flow (a
heading, a paragraph, a table, a figure with its caption) and describes it
as a :class:`Unit`: its height, where a page may end inside it (between
lines of a paragraph, between rows of a table), the height of a table's
header row (repeated on every page the table continues on) and where its
note calls sit. :func:`paginate` then fills pages top to bottom:

- a block that may not be split (a figure and its caption, a key judgment,
  an excerpt) moves whole to the next page when it does not fit;
- a heading (``keep_with_next``) moves with the first piece of what follows;
- a table breaks only between rows and repeats its header row;
- each note is printed in full at the foot of the first page that cites it
  (or the next page, when a page's notes outgrow it); pages that cite a
  note printed earlier list it in one short line.

All lengths are in one unit (the renderer's device units); the result is
a pure function of the input, so the same briefing always breaks the same.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

EPS = 1e-6


@dataclass(frozen=True)
class Unit:
    """One measured block of the flow.

    Attributes:
        height: Full height, leading margin included.
        top: Where the content starts (the leading margin is dropped at the top of a page).
        breaks: Heights (0 < b < height, ascending) where a page may end inside the unit.
        header: Bottom of a table's header row (0 when there is none); its slice
            [top, header) is repeated above every continuation.
        keep_with_next: Never end a page right after this unit (headings).
        notes: (y, note number) of the note calls inside the unit.
        rule_at_cut: Draw a closing rule where the unit is cut (tables).
        continues: A later piece of the table before it: its header row [top, header)
            is shown only when it starts a page.
    """

    height: float
    top: float = 0.0
    breaks: tuple[float, ...] = ()
    header: float = 0.0
    keep_with_next: bool = False
    notes: tuple[tuple[float, int], ...] = ()
    rule_at_cut: bool = False
    continues: bool = False


@dataclass(frozen=True)
class Slice:
    """The part [y0, y1) of unit ``unit`` drawn at height ``at`` of the page's text area."""

    unit: int
    y0: float
    y1: float
    at: float
    cut: bool = False  # the unit goes on after this slice (or this is a repeated header)


@dataclass
class Page:
    """What one body page holds."""

    slices: list[Slice] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)  # notes printed in full at the foot
    also: list[int] = field(default_factory=list)  # notes cited here, printed on an earlier page
    used: float = 0.0  # body height filled


@dataclass(frozen=True)
class FootnoteMetrics:
    """Heights of the foot-of-page note area.

    Attributes:
        note_heights: Note number → height of its printed note.
        separator: Space taken by the rule above the notes (and the gap to the body).
        also_line: Height of one line of the "also cited" list.
        also_per_line: How many note numbers that line holds.
    """

    note_heights: Mapping[int, float]
    separator: float = 0.0
    also_line: float = 0.0
    also_per_line: int = 12

    def area(self, notes: Sequence[int], also: Sequence[int]) -> float:
        if not notes and not also:
            return 0.0
        h = self.separator + sum(self.note_heights.get(n, 0.0) for n in notes)
        if also:
            h += self.also_line * math.ceil(len(also) / max(1, self.also_per_line))
        return h


def _ends(unit: Unit, pos: float) -> Iterator[float]:
    """Where a piece starting at ``pos`` may end, nearest first (bisected: a long table has
    thousands of breaks and is visited once per page)."""
    for k in range(bisect_right(unit.breaks, pos + EPS), len(unit.breaks)):
        yield unit.breaks[k]
    yield unit.height


def _first_end(unit: Unit, pos: float) -> float:
    return next(_ends(unit, pos))


def _lead(units: Sequence[Unit], i: int, depth: int = 0) -> float:
    """Height unit ``i`` needs to start below something else on a page: its first piece,
    and for a heading the lead of what follows too."""
    u = units[i]
    if u.keep_with_next and i + 1 < len(units) and depth < 4:
        return u.height + _lead(units, i + 1, depth + 1)
    return _first_end(u, 0.0)


def paginate(units: Sequence[Unit], page_h: float, feet: FootnoteMetrics | None = None) -> list[Page]:
    """Break the flow into pages.

    Args:
        units: The measured flow, in reading order.
        page_h: Height of a page's text area.
        feet: Footnote heights; None prints no footnotes.

    Returns:
        The pages (at least one).
    """
    feet = feet or FootnoteMetrics({})
    pages: list[Page] = [Page()]
    printed: dict[int, int] = {}  # note → index of the page it is printed on
    carry: list[int] = []  # notes that did not fit at the foot of their page

    def new_page() -> Page:
        nonlocal carry
        page = Page(notes=list(carry))
        for n in carry:
            printed[n] = len(pages)
        carry = []
        pages.append(page)
        return page

    by_y: dict[int, tuple[list[float], list[int]]] = {}  # unit → its note calls sorted by height

    def notes_in(u: Unit, a: float, b: float, last: bool) -> list[int]:
        """Notes called in [a, b) of ``u`` (to its end when ``last``), in order, each once.

        Bisected over the unit's calls sorted once: a table citing thousands of notes
        is asked about every candidate end of every page it spans.
        """
        if not u.notes:
            return []
        key = id(u)
        if key not in by_y:
            calls = sorted(u.notes, key=lambda c: c[0])
            by_y[key] = ([y for y, _ in calls], [n for _, n in calls])
        ys, ns = by_y[key]
        lo = bisect_left(ys, a - EPS)
        hi = len(ys) if last else bisect_left(ys, b - EPS)
        return list(dict.fromkeys(ns[lo:hi]))

    def split_notes(page: Page, cited: list[int]) -> tuple[list[int], list[int]]:
        """(notes this piece adds to the page's foot, notes it adds to the 'also' line)."""
        new = [n for n in cited if n not in printed and n not in page.notes and n not in carry]
        also = [n for n in cited if n in printed and printed[n] != len(pages) - 1 and n not in page.also]
        return new, also

    page = pages[0]
    for i, u in enumerate(units):
        pos = u.top if not page.slices else (u.header if u.continues and u.header else 0.0)
        first_piece = True
        while pos < u.height - EPS:
            continuing = pos > u.top + EPS
            header = u.header - u.top if continuing and u.header > 0 and not page.slices else 0.0
            room = page_h - page.used - header
            best: float | None = None
            best_notes: tuple[list[int], list[int]] = ([], [])
            for end in _ends(u, pos):
                cited = notes_in(u, pos, end, end >= u.height - EPS)
                new, also = split_notes(page, cited)
                need = (end - pos) + feet.area(page.notes + new, page.also + also) - feet.area(page.notes, page.also)
                foot_now = feet.area(page.notes, page.also)
                if need + foot_now <= room + EPS:
                    best, best_notes = end, (new, also)
                else:
                    break
            if best is not None and first_piece and page.slices:
                # Keep a heading with the first piece of what follows.
                if u.keep_with_next and i + 1 < len(units):
                    foot_now = feet.area(page.notes + best_notes[0], page.also + best_notes[1])
                    if (u.height - pos) + _lead(units, i + 1) + foot_now > room + EPS:
                        best = None
            if best is None:
                if page.slices:
                    page = new_page()
                    pos = u.top if first_piece else pos
                    continue
                # An empty page and still no fit: place the first piece anyway, cut at the
                # page's foot if it alone is taller than a page; notes that do not fit wait.
                end = _first_end(u, pos)
                if end - pos > room + EPS:
                    end = pos + max(room, 1.0)
                cited = notes_in(u, pos, end, end >= u.height - EPS)
                new, also = split_notes(page, cited)
                best, best_notes = end, (new, also)
                body = (end - pos) + header
                fits: list[int] = []
                for n in new:
                    if body + feet.area(page.notes + fits + [n], page.also + also) <= page_h + EPS:
                        fits.append(n)
                    else:
                        carry.append(n)
                best_notes = (fits, also)
            if header:
                page.slices.append(Slice(i, u.top, u.header, page.used, cut=True))
                page.used += header
            end = best
            page.slices.append(Slice(i, pos, end, page.used, cut=end < u.height - EPS))
            page.used += end - pos
            for n in best_notes[0]:
                page.notes.append(n)
                printed[n] = len(pages) - 1
            page.also.extend(best_notes[1])
            pos = end
            first_piece = False
            if pos < u.height - EPS:
                page = new_page()
    while carry:
        page = new_page()
    for p in pages:
        p.notes.sort()
        p.also.sort()
    return pages


def printed_on(pages: Sequence[Page]) -> dict[int, int]:
    """Note number → index of the page its full text is printed on."""
    return {n: i for i, p in enumerate(pages) for n in p.notes}
