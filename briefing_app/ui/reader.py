"""The reader: one document's text with entity mentions and annotations painted in.

Speed is the point of its design. A 5 MB source with 100k mentions must show
its first screen at once and scroll smoothly, and both usual ways of
colouring a QPlainTextEdit touch the whole document up front (a
QSyntaxHighlighter formats every block when the text is set, extra
selections are filtered per block on every paint). :class:`ReaderView`
formats lazily instead: just before painting, each block in the viewport that
lacks them gets its formats (``QTextLayout.setFormats``), its mentions and
annotations found by bisection. A block keeps them until the mentions,
annotations or colours change, so scrolling back costs nothing and blocks
never seen cost nothing at all. (Handing the ranges to ``QTextLayout.draw``
on every paint instead was measured 30% slower per frame: Qt redraws the
text once per range.)

Entity colours are the reading aid; annotations stay out of their way. Each
annotation is a bar in the left margin in its colour (one lane per
overlapping annotation, stable along the passage; a grey bar in the last
lane when more overlap than fit), key judgments and questions add a thin
underline, and only the selected or hovered annotation fills its passage.

Offsets in the API are Python ``str`` indices; Qt counts UTF-16 code units,
so the two differ after each character outside the BMP (emoji, rare CJK).
:class:`_Offsets` converts between them.
"""

from __future__ import annotations

import itertools
import operator
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QHelpEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextCharFormat,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextLayout,
    QTextLine,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from briefing_app.model.types import CONFIDENCE_LABELS
from briefing_app.ui.annotate_dialog import tag_color
from briefing_app.ui.palette import annotation_color, entity_type_color

if TYPE_CHECKING:  # pragma: no cover - typing only
    from briefing_app.analysis.anchoring import Anchor
    from briefing_app.analysis.matcher import Mention
    from briefing_app.model.types import Annotation
    from briefing_app.state import AppState

# start, end, annotation id, colour '#rrggbb'[, tag]
AnnotationSpan = tuple[int, int, str, str] | tuple[int, int, str, str, str]

_FLASH_MS = 1500
_MARGIN = 18  # left document margin: room for the annotation bars
_BAR_WIDTH = 4  # annotation side bars, in the left document margin
_BAR_STEP = _BAR_WIDTH + 1
_BAR_GAP = 2  # pixels left blank above an annotation's first line and below its last
_LANES = 3  # bars side by side; the last lane turns grey when more overlap
_MORE_COLOR = "#9e9e9e"
_ACTIVE_ALPHA = 70  # the selected/hovered annotation's fill: light, mentions keep their colour
# Tags whose passages carry an underline besides the bar (the rest: the bar only).
UNDERLINED_TAGS = {
    "key-judgment": QTextCharFormat.UnderlineStyle.SingleUnderline,
    "question": QTextCharFormat.UnderlineStyle.DashUnderline,
}


class _Offsets:
    """Converts between Python str offsets and Qt (UTF-16) document positions."""

    def __init__(self, text: str) -> None:
        raw = text.encode("utf-16-le", "surrogatepass")
        if len(raw) == 2 * len(text):
            self._astral: list[int] = []  # the common case: both count the same
        else:
            self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._astral_qt = [p + i for i, p in enumerate(self._astral)]

    def to_qt(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset) if self._astral else offset

    def to_py(self, position: int) -> int:
        # Inside a surrogate pair rounds down to the character's start.
        return position - bisect_left(self._astral_qt, position) if self._astral else position


class ReaderView(QPlainTextEdit):
    """Read-only text with mentions coloured by entity type and annotations marked.

    Pure data in, signals out; it knows nothing of the workspace. Offsets are
    Python str indices into the text given to :meth:`set_content`.
    """

    entity_clicked = Signal(str)
    annotation_clicked = Signal(str)
    selection_made = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.15)
        self.setFont(font)
        self.document().setDocumentMargin(_MARGIN)
        self.setMouseTracking(True)
        self._text = ""
        self._offsets = _Offsets("")
        self._starts: list[int] = []  # mention starts (Python offsets), sorted
        self._ends: list[int] = []
        self._entities: list[str] = []
        self._types: Mapping[str, str] = {}
        self._annotations: list[tuple[int, int, str, str, str]] = []  # sorted; tag '' when not given
        self._ann_starts: list[int] = []
        self._ann_reach: list[int] = []  # running max of annotation ends, for interval lookup
        self._ann_by_id: dict[str, tuple[int, int, str, str, str]] = {}
        self._lanes: dict[str, int] = {}  # annotation id -> margin lane (may exceed _LANES - 1)
        self._selected_annotation = ""
        self._hovered_annotation = ""
        self._formats: dict[str, QTextCharFormat] = {}
        self._emphasis = ""
        self._generation = 0  # bumped when what the formats depend on changes
        self._formatted: dict[int, int] = {}  # block number -> generation of its formats
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._end_flash)
        self._press: QPoint | None = None
        self._tooltip_provider: Callable[[str], str] = lambda entity_id: f"{entity_id} ({self._types.get(entity_id, '')})"
        self._annotation_tooltip_provider: Callable[[str], str] = self._default_annotation_tooltip

    # -- data in ---------------------------------------------------------------
    def set_content(self, text: str, mentions: Sequence[Mention], entity_types: Mapping[str, str]) -> None:
        """Show ``text`` with ``mentions`` (sorted, non-overlapping) coloured by entity type."""
        self._text = text
        self._offsets = _Offsets(text)
        # Column lists for bisection, built with C-level map (this runs on 100k mentions).
        starts = list(map(operator.itemgetter(0), mentions))
        if not all(map(operator.le, starts, itertools.islice(starts, 1, None))):
            mentions = sorted(mentions)
            starts = list(map(operator.itemgetter(0), mentions))
        self._starts = starts
        self._ends = list(map(operator.itemgetter(1), mentions))
        self._entities = list(map(operator.itemgetter(2), mentions))
        self._types = dict(entity_types)
        self._formats.clear()
        self._formatted.clear()  # new blocks, no formats
        self._flash_timer.stop()
        self.setExtraSelections([])
        self.setPlainText(text)
        self._restyle()

    def set_entity_types(self, entity_types: Mapping[str, str]) -> None:
        """Change the entity types (hence colours) without reloading the text."""
        self._types = dict(entity_types)
        self._formats.clear()
        self._restyle()

    def set_annotations(self, spans: Sequence[AnnotationSpan]) -> None:
        """Mark annotated passages: ``(start, end, annotation id, '#rrggbb'[, tag])`` each.

        Spans are clipped to the text; empty ones are dropped. The tag picks
        the style (see :data:`UNDERLINED_TAGS`); the colour is the bar's.
        """
        size = len(self._text)
        clean = []
        for span in spans:
            s, e, ann_id, color = span[:4]
            tag = span[4] if len(span) > 4 else ""
            s, e = max(0, s), min(size, e)
            if e > s:
                clean.append((s, e, ann_id, color, tag))
        clean.sort()
        self._annotations = clean
        self._ann_starts = [a[0] for a in clean]
        self._ann_by_id = {a[2]: a for a in clean}
        reach, top = [], -1
        for a in clean:
            top = max(top, a[1])
            reach.append(top)
        self._ann_reach = reach
        self._lanes = _assign_lanes(clean)
        if self._hovered_annotation not in self._ann_by_id:
            self._hovered_annotation = ""
        self._restyle()

    def set_selected_annotation(self, annotation_id: str) -> None:
        """Fill the passage of one annotation (the selected one); '' for none."""
        if annotation_id != self._selected_annotation:
            old, self._selected_annotation = self._selected_annotation, annotation_id
            self._restyle_annotations(old, annotation_id)

    def set_hovered_annotation(self, annotation_id: str) -> None:
        """Fill the passage of the annotation under the mouse; '' for none."""
        if annotation_id != self._hovered_annotation:
            old, self._hovered_annotation = self._hovered_annotation, annotation_id
            self._restyle_annotations(old, annotation_id)

    def active_annotations(self) -> tuple[str, str]:
        """The (selected, hovered) annotation ids, '' for none."""
        return self._selected_annotation, self._hovered_annotation

    def lane_of(self, annotation_id: str) -> int | None:
        """The margin lane of an annotation's bar (0 = outermost), None if unknown."""
        return self._lanes.get(annotation_id)

    def set_emphasis(self, entity_id: str) -> None:
        """Outline the mentions of one entity (the selected one); '' for none."""
        if entity_id != self._emphasis:
            self._emphasis = entity_id
            self._formats.clear()
            self._restyle()

    def set_tooltip_provider(self, provider: Callable[[str], str]) -> None:
        """What the tooltip over a mention says, from its entity id."""
        self._tooltip_provider = provider

    def set_annotation_tooltip_provider(self, provider: Callable[[str], str]) -> None:
        """What the tooltip over an annotated passage (or its bar) says, from the annotation id."""
        self._annotation_tooltip_provider = provider

    def _default_annotation_tooltip(self, annotation_id: str) -> str:
        span = self._ann_by_id.get(annotation_id)
        tag = span[4] if span else ""
        return f"{tag.replace('-', ' ').capitalize() or 'Annotation'} ({annotation_id})"

    # -- navigation ------------------------------------------------------------
    def highlight_passage(self, start: int, end: int) -> None:
        """Scroll to ``text[start:end]``, select it and flash it for a moment."""
        size = len(self._text)
        start, end = max(0, min(start, size)), max(0, min(end, size))
        if end < start:
            start, end = end, start
        qs, qe = self._offsets.to_qt(start), self._offsets.to_qt(end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(qe)
        self.setTextCursor(cursor)
        self.centerCursor()
        cursor.setPosition(qs, QTextCursor.MoveMode.KeepAnchor)  # the start stays in view
        self.setTextCursor(cursor)
        # One extra selection is cheap (it is 100k of them that is slow).
        flash = QTextEdit.ExtraSelection()
        flash.cursor = QTextCursor(cursor)
        flash.format = self._special_format("\0flash")
        self.setExtraSelections([flash])
        self._flash_timer.start(_FLASH_MS)

    def find(self, text: str, backward: bool = False) -> bool:  # type: ignore[override]
        """Select the next (or previous) occurrence of ``text``, wrapping around; False if none."""
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if super().find(text, flags):
            return True
        before = self.textCursor()
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
        self.setTextCursor(cursor)
        if super().find(text, flags):
            return True
        self.setTextCursor(before)
        return False

    def selected_range(self) -> tuple[int, int] | None:
        """The selection as Python offsets, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self._offsets.to_py(cursor.selectionStart()), self._offsets.to_py(cursor.selectionEnd())

    # -- lookups -----------------------------------------------------------------
    def mention_at(self, offset: int) -> int | None:
        """Index of the mention covering character ``offset``, or None."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self._ends[i]:
            return i
        return None

    def entity_at(self, offset: int) -> str | None:
        i = self.mention_at(offset)
        return None if i is None else self._entities[i]

    def annotations_at(self, offset: int) -> list[str]:
        """Ids of the annotations covering character ``offset``, innermost (latest start) first."""
        return [a[2] for a in reversed(self._annotations_overlapping(offset, offset + 1))]

    def _annotations_overlapping(self, start: int, end: int) -> list[AnnotationSpan]:
        hi = bisect_left(self._ann_starts, end)
        found = []
        i = hi - 1
        while i >= 0 and self._ann_reach[i] > start:  # nothing earlier reaches ``start``
            if self._annotations[i][1] > start:
                found.append(self._annotations[i])
            i -= 1
        found.reverse()
        return found

    def char_at(self, point: QPoint) -> int | None:
        """Python offset of the character under a viewport point, or None (margin, past line end)."""
        block = self.cursorForPosition(point).block()
        if not block.isValid():
            return None
        layout = block.layout()
        top_left = self.blockBoundingGeometry(block).translated(self.contentOffset()).topLeft()
        local = QPointF(point) - top_left
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            rect = line.naturalTextRect()
            if rect.top() <= local.y() < rect.bottom():
                if not rect.left() <= local.x() < rect.right():
                    return None
                pos = line.xToCursor(local.x(), QTextLine.CursorPosition.CursorOnCharacter)
                if pos >= line.textStart() + line.textLength():
                    return None
                return self._offsets.to_py(block.position() + pos)
        return None

    # -- painting -----------------------------------------------------------------
    def _mention_format(self, entity_id: str) -> QTextCharFormat:
        entity_type = self._types.get(entity_id, "")
        emphasised = entity_id == self._emphasis
        key = ("\0emph" if emphasised else "\0type") + entity_type  # one format per type, not per entity
        fmt = self._formats.get(key)
        if fmt is None:
            colour = entity_type_color(entity_type)
            fmt = QTextCharFormat()
            fmt.setBackground(colour)
            if emphasised:  # no weight change: it would re-wrap lines and move the text
                fmt.setFontUnderline(True)
                fmt.setUnderlineColor(colour.darker(220))
            self._formats[key] = fmt
        return fmt

    def _underline_format(self, color: str, tag: str) -> QTextCharFormat:
        """A thin underline in the annotation's colour: key judgments and questions stand out."""
        key = f"\0under{tag}{color}"
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(UNDERLINED_TAGS[tag])
            fmt.setUnderlineColor(annotation_color(color).darker(130))
            self._formats[key] = fmt
        return fmt

    def _active_format(self, color: str, tag: str) -> QTextCharFormat:
        """The selected or hovered annotation: a light fill of its colour (and its underline)."""
        key = f"\0active{tag}{color}"
        fmt = self._formats.get(key)
        if fmt is None:
            base = annotation_color(color)
            fill = QColor(base)
            fill.setAlpha(_ACTIVE_ALPHA)
            fmt = QTextCharFormat()
            fmt.setBackground(fill)
            fmt.setUnderlineStyle(UNDERLINED_TAGS.get(tag, QTextCharFormat.UnderlineStyle.SingleUnderline))
            fmt.setUnderlineColor(base.darker(130))
            self._formats[key] = fmt
        return fmt

    def _special_format(self, name: str) -> QTextCharFormat:
        fmt = self._formats.get(name)
        if fmt is None:  # "\0flash": a requested passage, for a moment
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#ffeb3b"))
            fmt.setForeground(QColor("#000000"))
            self._formats[name] = fmt
        return fmt

    def block_ranges(self, block_start: int, block_end: int) -> list[QTextLayout.FormatRange]:
        """Format ranges (relative to the block) for the block at ``[block_start, block_end)`` (Qt positions)."""
        offsets = self._offsets
        py_start, py_end = offsets.to_py(block_start), offsets.to_py(block_end)
        ranges: list[QTextLayout.FormatRange] = []

        def add(start: int, end: int, fmt: QTextCharFormat) -> None:
            s = max(offsets.to_qt(start), block_start)
            e = min(offsets.to_qt(end), block_end)
            if e > s:
                r = QTextLayout.FormatRange()
                r.start, r.length, r.format = s - block_start, e - s, fmt
                ranges.append(r)

        # Qt merges overlapping ranges, a later one overriding the properties
        # it sets. The active annotations' fill goes first, then underlines
        # (the innermost last, so it wins), then mentions, which set only
        # their background: a mention keeps its type colour everywhere and
        # an annotation's underline runs through it.
        annotations = self._annotations_overlapping(py_start, py_end)
        if annotations:
            active = (self._selected_annotation, self._hovered_annotation)
            for a_start, a_end, ann_id, color, tag in annotations:
                if ann_id in active:
                    add(a_start, a_end, self._active_format(color, tag))
            for a_start, a_end, ann_id, color, tag in annotations:
                if tag in UNDERLINED_TAGS and ann_id not in active:
                    add(a_start, a_end, self._underline_format(color, tag))
        i = max(bisect_right(self._starts, py_start) - 1, 0)
        starts, ends, entities = self._starts, self._ends, self._entities
        n = len(starts)
        while i < n and starts[i] < py_end:
            if ends[i] > py_start:
                add(starts[i], ends[i], self._mention_format(entities[i]))
            i += 1
        return ranges

    def _visible_blocks(self) -> Iterator[tuple[QTextBlock, QRectF]]:
        """The blocks in the viewport with their rectangles (viewport coordinates)."""
        offset = QPointF(self.contentOffset())
        height = self.viewport().height()
        block = self.firstVisibleBlock()
        while block.isValid() and offset.y() <= height:
            rect = self.blockBoundingRect(block).translated(offset)
            if block.isVisible():
                yield block, rect
            offset.setY(offset.y() + rect.height())
            block = block.next()

    def _format_visible_blocks(self) -> None:
        """Give the blocks in view their formats, unless they have them already.

        A block keeps its formats (``QTextLayout.setFormats``) until the
        inputs change; then every block is stale and is formatted again when
        it next comes into view. Qt lays a block out again after its formats
        change, which costs ~0.1 ms a paragraph: only blocks in view pay it.
        """
        document = self.document()
        generation = self._generation
        stale = [
            block
            for block, _ in self._visible_blocks()
            if self._formatted.get(block.blockNumber()) != generation
        ]
        for block in stale:
            start = block.position()
            block.layout().setFormats(self.block_ranges(start, start + block.length() - 1))
            document.markContentsDirty(start, block.length())
            self._formatted[block.blockNumber()] = generation

    def _restyle(self) -> None:
        """The formatting inputs changed: make every block stale, repaint."""
        self._generation += 1
        self.viewport().update()

    def _restyle_annotations(self, *annotation_ids: str) -> None:
        """Only these annotations' look changed: make just their blocks stale (hover stays cheap)."""
        document = self.document()
        for ann_id in annotation_ids:
            span = self._ann_by_id.get(ann_id)
            if span is None:
                continue
            block = document.findBlock(self._offsets.to_qt(span[0]))
            last = document.findBlock(max(self._offsets.to_qt(span[1]) - 1, 0)).blockNumber()
            while block.isValid() and block.blockNumber() <= last:
                self._formatted.pop(block.blockNumber(), None)
                block = block.next()
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        self._format_visible_blocks()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        for block, rect in self._visible_blocks():
            start = block.position()
            self._paint_bars(painter, block, rect, start, start + block.length() - 1)
        painter.end()

    def _paint_bars(self, painter: QPainter, block, rect: QRectF, start: int, end: int) -> None:
        """Bars in the left margin beside the lines each annotation covers, in its lane."""
        for bar, color, _ in self._bar_rects(block, rect, start, end):
            painter.fillRect(bar, color)

    def _bar_rects(self, block, rect: QRectF, start: int, end: int) -> list[tuple[QRectF, QColor, list[str]]]:
        """The margin bars beside a block: rectangle, colour and the annotations each stands for.

        One lane per annotation (see :func:`_assign_lanes`). Annotations
        sharing a lane follow each other; when two of them touch one line,
        the line's bar is split between them, top to bottom. The last lane
        also takes every annotation of a higher lane: if any is there, they
        overlap and the bar is grey ("more here", the tooltip lists them).
        """
        overlapping = self._annotations_overlapping(self._offsets.to_py(start), self._offsets.to_py(end) + 1)
        if not overlapping:
            return []
        layout = block.layout()
        spans = [(self._offsets.to_qt(a[0]) - start, self._offsets.to_qt(a[1]) - start, a) for a in overlapping]
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

    def annotations_at_point(self, point: QPoint) -> list[str]:
        """Annotation ids under a viewport point: on the text (innermost first) or on a margin bar."""
        offset = self.char_at(point)
        if offset is not None:
            return self.annotations_at(offset)
        if not 0 <= point.x() < _MARGIN:
            return []
        block = self.cursorForPosition(QPoint(_MARGIN + 1, point.y())).block()
        if not block.isValid():
            return []
        rect = self.blockBoundingGeometry(block).translated(self.contentOffset())
        start = block.position()
        for bar, _, ids in self._bar_rects(block, rect, start, start + block.length() - 1):
            # A pixel of slack either side: the bars are narrow.
            if bar.left() - 1 <= point.x() <= bar.right() + 1 and bar.top() <= point.y() < bar.bottom():
                return list(reversed(ids))
        return []

    def _end_flash(self) -> None:
        self.setExtraSelections([])

    # -- interaction ----------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if event.button() != Qt.MouseButton.LeftButton:
            return
        selected = self.selected_range()
        if selected is not None and selected[1] > selected[0]:
            self.selection_made.emit(*selected)
            return
        point = event.position().toPoint()
        if press is None or (point - press).manhattanLength() > 4:
            return
        offset = self.char_at(point)
        entity = None if offset is None else self.entity_at(offset)
        if entity is not None:
            self.entity_clicked.emit(entity)
            return
        annotations = self.annotations_at_point(point)  # the text or a margin bar
        if annotations:
            self.annotation_clicked.emit(annotations[0])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton:
            point = event.position().toPoint()
            offset = self.char_at(point)
            annotations = self.annotations_at_point(point)
            self.set_hovered_annotation(annotations[0] if annotations else "")
            over = (offset is not None and self.entity_at(offset) is not None) or (offset is None and bool(annotations))
            shape = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.IBeamCursor
            if self.viewport().cursor().shape() != shape:
                self.viewport().setCursor(shape)

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self.set_hovered_annotation("")

    def tooltip_at(self, point: QPoint) -> str:
        """The tooltip text for a viewport point: the entity under it, then its annotations; '' for none."""
        offset = self.char_at(point)
        parts = []
        entity = None if offset is None else self.entity_at(offset)
        if entity is not None:
            parts.append(self._tooltip_provider(entity))
        annotations = self.annotations_at_point(point)
        parts += [self._annotation_tooltip_provider(a) for a in annotations[:3]]
        if len(annotations) > 3:
            parts.append(f"… and {len(annotations) - 3} more annotations here")
        return "\n\n".join(p for p in parts if p)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:  # onto the scroll bar or out of the window
            self.set_hovered_annotation("")
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            text = self.tooltip_at(event.pos())
            if not text:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            return True
        return super().viewportEvent(event)


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


class _FindBar(QWidget):
    """Find field with next/previous; Enter finds the next, Shift+Enter the previous, Esc closes."""

    def __init__(self, view: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in document")
        self.field.setClearButtonEnabled(True)
        self.previous_button = QToolButton(self)
        self.previous_button.setText("▲")
        self.previous_button.setToolTip("Previous match (Shift+Enter)")
        self.next_button = QToolButton(self)
        self.next_button.setText("▼")
        self.next_button.setToolTip("Next match (Enter)")
        self.status = QLabel(self)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        for w in (self.field, self.previous_button, self.next_button, self.status, close):
            row.addWidget(w)
        self.field.returnPressed.connect(self._on_return)
        self.field.textEdited.connect(lambda _text: self.find_next(from_selection_start=True))
        self.next_button.clicked.connect(lambda: self.find_next())
        self.previous_button.clicked.connect(lambda: self.find_next(backward=True))
        close.clicked.connect(self.close_bar)

    def _on_return(self) -> None:
        from PySide6.QtWidgets import QApplication

        backward = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier)
        self.find_next(backward=backward)

    def find_next(self, backward: bool = False, from_selection_start: bool = False) -> bool:
        """Find the field's text; typing searches again from the current match's start."""
        text = self.field.text()
        if from_selection_start:
            cursor = self._view.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self._view.setTextCursor(cursor)
        found = self._view.find(text, backward=backward) if text else False
        self.status.setText("" if found or not text else "Not found")
        return found

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.status.clear()
        self._view.setFocus()


class ReaderPanel(QWidget):
    """The current document of the workspace, with a header and a find bar.

    Clicking a mention selects its entity (and an annotation, the annotation);
    a passage requested anywhere is scrolled to and flashed.
    """

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setContentsMargins(8, 6, 8, 4)
        self.view = ReaderView(self)
        self.find_bar = _FindBar(self.view, self)
        self.find_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.find_bar)
        # Ctrl+F here unless the window already binds it (then its action calls show_find_bar).
        self.find_action = QAction("Find in document", self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self.show_find_bar)
        self.addAction(self.find_action)
        self._shown: tuple[str | None, str, int] = (None, "", 0)  # doc id, text identity, mentions identity

        self.view.entity_clicked.connect(self._on_entity_clicked)
        self.view.annotation_clicked.connect(self._on_annotation_clicked)
        self.view.set_tooltip_provider(self._entity_tooltip)
        self.view.set_annotation_tooltip_provider(self._annotation_tooltip)
        state.document_shown.connect(self._on_document_shown)
        state.workspace_changed.connect(self._on_workspace_changed)
        state.passage_requested.connect(self._on_passage_requested)
        state.selection_changed.connect(self._on_selection_changed)
        self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # Two enabled actions with one shortcut cancel each other ("ambiguous
        # shortcut"): step back when the window binds Find already.
        key = self.find_action.shortcut()
        window = self.window()
        taken = window is not self and any(
            a is not self.find_action and a.shortcut() == key for a in window.findChildren(QAction)
        )
        self.find_action.setEnabled(not taken)

    # -- commands --------------------------------------------------------------
    def show_find_bar(self) -> None:
        self.find_bar.open_bar()

    def refresh(self) -> None:
        """Show the current document; keep the scroll position when only annotations or entities changed."""
        state = self.state
        ws = state.workspace
        doc_id = state.current_document
        doc = ws.document_by_id.get(doc_id) if doc_id else None
        self.header.setText(self._header_html(doc))
        if doc is None:
            self.view.set_content("", [], {})
            self.view.set_annotations([])
            self._shown = (None, "", 0)
            return
        text = state.document_text(doc.id)
        mentions = state.mentions(doc.id)
        types = {e.id: e.type for e in ws.entities}
        same_doc = self._shown[0] == doc.id
        if same_doc and self._shown[1] is text and self._shown[2] == id(mentions):
            self.view.set_entity_types(types)
        else:
            scroll = self.view.verticalScrollBar().value() if same_doc and self._shown[1] == text else None
            self.view.set_content(text, mentions, types)
            if scroll is not None:
                self.view.verticalScrollBar().setValue(scroll)
        self._shown = (doc.id, text, id(mentions))
        self.view.set_annotations(self._annotation_spans(doc.id))
        kind, item = state.selection
        self.view.set_emphasis(item if kind == "entity" else "")
        self.view.set_selected_annotation(item if kind == "annotation" else "")

    def _annotation_spans(self, doc_id: str) -> list[tuple[int, int, str, str, str]]:
        """The document's annotations where they anchor in its current text.

        Colours as in the annotations panel (the annotation's own, else its
        tag's). Ambiguous and orphaned ones are not drawn: they have no one
        place, and the annotations panel lists them for re-attaching.
        """
        anchors = self._anchors()
        spans = []
        for a in self.state.workspace.annotations:
            if a.document != doc_id:
                continue
            anchor = anchors.get(a.id)
            if anchor is None:
                start, end = a.selector.start, a.selector.end
            elif anchor.placed:
                start, end = anchor.start, anchor.end
            else:
                continue
            spans.append((start, end, a.id, a.color or tag_color(a.tag), a.tag))
        return spans

    def _anchors(self) -> dict:
        anchors = getattr(self.state, "anchors", None)
        try:
            return anchors() if callable(anchors) else {}
        except Exception as exc:  # noqa: BLE001 - a bad selector must not blank the reader
            self.state.message_posted.emit(f"Annotations shown at their saved offsets: {exc}")
            return {}

    def _header_html(self, doc) -> str:
        from html import escape

        if doc is None:
            return "<i>No document</i>" if not self.state.workspace.documents else "<i>Choose a document</i>"
        parts = []
        if doc.publisher:
            parts.append(escape(doc.publisher))
        if doc.published is not None:
            label = doc.published.label()
            parts.append(("~" if doc.published_estimated else "") + escape(label))
        if doc.reliability:
            parts.append(f"reliability {escape(doc.reliability)}")
        meta = " · ".join(parts)
        return f"<b>{escape(doc.title)}</b>" + (f"<br><span style='color:#555'>{meta}</span>" if meta else "")

    def _annotation_tooltip(self, annotation_id: str) -> str:
        annotation = self.state.workspace.annotation_by_id.get(annotation_id)
        if annotation is None:
            return ""
        return annotation_tooltip_text(annotation, self._anchors().get(annotation_id))

    def _entity_tooltip(self, entity_id: str) -> str:
        entity = self.state.workspace.entity_by_id.get(entity_id)
        if entity is None:
            return entity_id
        text = f"{entity.name} — {entity.type}"
        if entity.description.strip():
            text += "\n" + entity.description.strip().splitlines()[0][:200]
        return text

    # -- slots -----------------------------------------------------------------
    def _on_document_shown(self, _doc_id: str) -> None:
        self.refresh()

    def _on_workspace_changed(self) -> None:
        self.refresh()

    def _on_passage_requested(self, doc_id: str, start: int, end: int) -> None:
        if doc_id != self._shown[0]:
            self.refresh()
        if doc_id == self._shown[0]:
            self.view.highlight_passage(start, end)

    def _on_selection_changed(self, kind: str, item_id: str) -> None:
        self.view.set_emphasis(item_id if kind == "entity" else "")
        self.view.set_selected_annotation(item_id if kind == "annotation" else "")

    def _on_entity_clicked(self, entity_id: str) -> None:
        self.state.select("entity", entity_id)

    def _on_annotation_clicked(self, annotation_id: str) -> None:
        self.state.select("annotation", annotation_id)


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
        from briefing_app.ui.annotations_panel import status_text  # the panel's wording

        lines.append(f"Anchor: {status_text(anchor)}")
    return "\n".join(lines)
