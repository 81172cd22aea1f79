"""Annotations in the reader: their spans, margin lanes and bars, and tooltip text.

Each annotation is a bar in the left margin in its colour (one lane per
overlapping annotation, stable along the passage; a grey bar in the last
lane when more overlap than fit); key judgments and questions add a thin
underline (see :data:`UNDERLINED_TAGS`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QTextBlock, QTextCharFormat

from briefing_app.model.types import CONFIDENCE_LABELS
from briefing_app.ui.palette import anchor_status_text, annotation_color

if TYPE_CHECKING:  # pragma: no cover - typing only
    from briefing_app.analysis.anchoring import Anchor
    from briefing_app.model.types import Annotation
    from briefing_app.ui.reader.offsets import TextOffsets

# start, end, annotation id, colour '#rrggbb'[, tag]
AnnotationSpan = tuple[int, int, str, str] | tuple[int, int, str, str, str]

_BAR_WIDTH = 4  # annotation side bars, in the left document margin
_BAR_STEP = _BAR_WIDTH + 1
_BAR_GAP = 2  # pixels left blank above an annotation's first line and below its last
_LANES = 3  # bars side by side; the last lane turns grey when more overlap
_MORE_COLOR = "#9e9e9e"
# Tags whose passages carry an underline besides the bar (the rest: the bar only).
UNDERLINED_TAGS = {
    "key-judgment": QTextCharFormat.UnderlineStyle.SingleUnderline,
    "question": QTextCharFormat.UnderlineStyle.DashUnderline,
}


class AnnotationMarks:
    """The annotated passages of one text: interval lookup, margin lanes and bars.

    Offsets are Python str indices into the reader's text.
    """

    def __init__(self) -> None:
        self.spans: list[tuple[int, int, str, str, str]] = []  # sorted; tag '' when not given
        self.by_id: dict[str, tuple[int, int, str, str, str]] = {}
        self._starts: list[int] = []
        self._reach: list[int] = []  # running max of annotation ends, for interval lookup
        self._lanes: dict[str, int] = {}  # annotation id -> margin lane (may exceed _LANES - 1)

    def set_spans(self, spans: Sequence[AnnotationSpan], size: int) -> None:
        """Take ``(start, end, annotation id, '#rrggbb'[, tag])`` spans, clipped to ``size``; empty ones dropped."""
        clean = []
        for span in spans:
            s, e, ann_id, color = span[:4]
            tag = span[4] if len(span) > 4 else ""
            s, e = max(0, s), min(size, e)
            if e > s:
                clean.append((s, e, ann_id, color, tag))
        clean.sort()
        self.spans = clean
        self._starts = [a[0] for a in clean]
        self.by_id = {a[2]: a for a in clean}
        reach, top = [], -1
        for a in clean:
            top = max(top, a[1])
            reach.append(top)
        self._reach = reach
        self._lanes = _assign_lanes(clean)

    def lane_of(self, annotation_id: str) -> int | None:
        """The margin lane of an annotation's bar (0 = outermost), None if unknown."""
        return self._lanes.get(annotation_id)

    def overlapping(self, start: int, end: int) -> list[AnnotationSpan]:
        """The spans overlapping ``[start, end)``, in start order."""
        hi = bisect_left(self._starts, end)
        found = []
        i = hi - 1
        while i >= 0 and self._reach[i] > start:  # nothing earlier reaches ``start``
            if self.spans[i][1] > start:
                found.append(self.spans[i])
            i -= 1
        found.reverse()
        return found

    def bar_rects(
        self, block: QTextBlock, rect: QRectF, start: int, end: int, offsets: TextOffsets
    ) -> list[tuple[QRectF, QColor, list[str]]]:
        """The margin bars beside a block: rectangle, colour and the annotations each stands for.

        ``rect`` is the block's rectangle and ``[start, end)`` its Qt
        positions. One lane per annotation (see :func:`_assign_lanes`).
        Annotations sharing a lane follow each other; when two of them touch
        one line, the line's bar is split between them, top to bottom. The
        last lane also takes every annotation of a higher lane: if any is
        there, they overlap and the bar is grey ("more here", the tooltip
        lists them).
        """
        overlapping = self.overlapping(offsets.to_py(start), offsets.to_py(end) + 1)
        if not overlapping:
            return []
        layout = block.layout()
        spans = [(offsets.to_qt(a[0]) - start, offsets.to_qt(a[1]) - start, a) for a in overlapping]
        bars = []
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            first, past = line.textStart(), line.textStart() + max(line.textLength(), 1)
            slots: list[list[tuple[int, str, str, bool, bool]]] = [[] for _ in range(_LANES)]
            for qs, qe, a in spans:
                if qs < past and qe > first:
                    lane = self._lanes.get(a[2], 0)
                    slots[min(lane, _LANES - 1)].append((lane, a[2], a[3], qs >= first, qe <= past))
            top = rect.top() + line.y()
            for slot, found in enumerate(slots):
                if not found:
                    continue
                x = 2 + slot * _BAR_STEP
                if any(f[0] >= _LANES for f in found):
                    bars.append((QRectF(x, top, _BAR_WIDTH, line.height()), QColor(_MORE_COLOR), [f[1] for f in found]))
                    continue
                part = line.height() / len(found)
                for k, (_, ann_id, color, begins, ends) in enumerate(found):
                    # A gap where an annotation begins or ends, so that two in a row read as two.
                    y0 = top + k * part + (_BAR_GAP if begins else 0)
                    y1 = top + (k + 1) * part - (_BAR_GAP if ends else 0)
                    bars.append((QRectF(x, y0, _BAR_WIDTH, max(y1 - y0, 1.0)), annotation_color(color), [ann_id]))
        return bars


def _assign_lanes(spans: Sequence[tuple[int, int, str, str, str]]) -> dict[str, int]:
    """A margin lane per annotation, the lowest one free where it starts (spans sorted by start).

    Lanes stay put along an annotation, so its bar is one straight line even
    when others begin or end beside it.
    """
    lanes: dict[str, int] = {}
    ends: list[int] = []  # per lane, where its last annotation ends
    for start, end, ann_id, _, _ in spans:
        for lane, lane_end in enumerate(ends):
            if lane_end <= start:
                ends[lane] = end
                break
        else:
            lane = len(ends)
            ends.append(end)
        lanes[ann_id] = lane
    return lanes


def annotation_tooltip_text(annotation: Annotation, anchor: Anchor | None) -> str:
    """Tag, confidence, note and anchor status of an annotation, as tooltip lines."""
    head = annotation.tag.replace("-", " ").capitalize() or "Annotation"
    if annotation.confidence:
        head += " · " + CONFIDENCE_LABELS.get(annotation.confidence, annotation.confidence)
    lines = [head]
    note = " ".join(annotation.note.split())
    if note:
        lines.append(note if len(note) <= 240 else note[:239] + "…")
    if anchor is not None:

        lines.append(f"Anchor: {anchor_status_text(anchor)}")
    return "\n".join(lines)
