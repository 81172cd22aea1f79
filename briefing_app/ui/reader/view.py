"""The reader's text view: one document with entity mentions and annotations painted in.

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

Entity colours are the reading aid; annotations stay out of their way (see
:mod:`briefing_app.ui.reader.annotation_marks`): a bar in the left margin, and
only the selected or hovered annotation fills its passage.

Offsets in the API are Python ``str`` indices, converted to Qt positions by
:class:`~briefing_app.ui.reader.offsets.TextOffsets`.
"""

from __future__ import annotations

import itertools
import operator
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLayout,
    QTextLine,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from briefing_app.ui.reader.annotation_marks import UNDERLINED_TAGS, AnnotationMarks, AnnotationSpan
from briefing_app.ui.reader.formats import ReaderFormats
from briefing_app.ui.reader.offsets import TextOffsets

if TYPE_CHECKING:  # pragma: no cover - typing only
    from briefing_app.analysis.matcher import Mention

_FLASH_MS = 1500
_MARGIN = 18  # left document margin: room for the annotation bars


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
        self._offsets = TextOffsets("")
        self._starts: list[int] = []  # mention starts (Python offsets), sorted
        self._ends: list[int] = []
        self._entities: list[str] = []
        self._types: Mapping[str, str] = {}
        self._marks = AnnotationMarks()
        self._selected_annotation = ""
        self._hovered_annotation = ""
        self._formats = ReaderFormats()
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
        self._offsets = TextOffsets(text)
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
        self._marks.set_spans(spans, len(self._text))
        if self._hovered_annotation not in self._marks.by_id:
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
        return self._marks.lane_of(annotation_id)

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
        span = self._marks.by_id.get(annotation_id)
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
        flash.format = self._formats.flash()
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
        return [a[2] for a in reversed(self._marks.overlapping(offset, offset + 1))]

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
        return self._formats.mention(self._types.get(entity_id, ""), entity_id == self._emphasis)

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
        annotations = self._marks.overlapping(py_start, py_end)
        if annotations:
            active = (self._selected_annotation, self._hovered_annotation)
            for a_start, a_end, ann_id, color, tag in annotations:
                if ann_id in active:
                    add(a_start, a_end, self._formats.active(color, tag))
            for a_start, a_end, ann_id, color, tag in annotations:
                if tag in UNDERLINED_TAGS and ann_id not in active:
                    add(a_start, a_end, self._formats.underline(color, tag))
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
            span = self._marks.by_id.get(ann_id)
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
        for bar, color, _ in self._marks.bar_rects(block, rect, start, end, self._offsets):
            painter.fillRect(bar, color)

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
        for bar, _, ids in self._marks.bar_rects(block, rect, start, start + block.length() - 1, self._offsets):
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

