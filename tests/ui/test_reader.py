"""Tests of the reader: painted mention colours, clicks, annotations, find, passages, the panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from briefing_app.analysis.matcher import AliasMatcher, Mention
from briefing_app.ui.palette import ENTITY_TYPE_COLORS, entity_type_color
from briefing_app.ui.reader.panel import ReaderPanel
from briefing_app.ui.reader.view import ReaderView

TEXT = "Japan and South Korea agreed in Seoul.\n\nKishida met the press in Tokyo today.\n"
TYPES = {"jpn": "country", "kor": "country", "kishida": "person"}
MATCHER = AliasMatcher(
    [("Japan", "jpn", "auto"), ("Tokyo", "jpn", "auto"), ("South Korea", "kor", "auto"), ("Seoul", "kor", "auto"), ("Kishida", "kishida", "auto")]
)


@pytest.fixture
def view(qtbot) -> ReaderView:
    v = ReaderView()
    qtbot.addWidget(v)
    v.resize(700, 400)
    v.show()
    qtbot.waitExposed(v)
    return v


def show(view: ReaderView, text: str = TEXT) -> list[Mention]:
    mentions = MATCHER.find(text)
    view.set_content(text, mentions, TYPES)
    view.clearFocus()  # no blinking cursor in the pictures
    QApplication.processEvents()
    return mentions


def grab(view: ReaderView) -> QImage:
    image = QImage(view.viewport().size(), QImage.Format.Format_RGB32)
    view.viewport().render(image)
    return image


def span_rect(view: ReaderView, start: int, end: int) -> QRect:
    """Viewport rectangle covering text[start:end] (on one line)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    left = view.cursorRect(cursor)
    cursor.setPosition(end)
    right = view.cursorRect(cursor)
    return QRect(left.left() + 1, left.top() + 1, right.left() - left.left() - 2, left.height() - 2)


def colours_in(image: QImage, rect: QRect) -> set[str]:
    return {
        QColor(image.pixel(x, y)).name()
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    }


def test_mentions_are_painted_in_their_entity_type_colour(view: ReaderView) -> None:
    mentions = show(view)
    image = grab(view)
    kishida = next(m for m in mentions if m.entity_id == "kishida")
    japan = mentions[0]
    assert ENTITY_TYPE_COLORS["person"] in colours_in(image, span_rect(view, kishida.start, kishida.end))
    assert ENTITY_TYPE_COLORS["country"] in colours_in(image, span_rect(view, japan.start, japan.end))
    plain = TEXT.index("agreed")
    assert not colours_in(image, span_rect(view, plain, plain + 6)) & set(ENTITY_TYPE_COLORS.values())


def test_colours_survive_resize_scroll_and_new_annotations(view: ReaderView) -> None:
    text = TEXT * 200
    mentions = show(view, text)
    kishida = next(m for m in mentions if m.entity_id == "kishida")
    grab(view)
    view.resize(500, 300)  # re-wraps every line
    QApplication.processEvents()
    assert ENTITY_TYPE_COLORS["person"] in colours_in(grab(view), span_rect(view, kishida.start, kishida.end))
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    last = mentions[-1]
    assert ENTITY_TYPE_COLORS["country"] in colours_in(grab(view), span_rect(view, last.start, last.end))
    view.verticalScrollBar().setValue(0)
    view.set_annotations([(kishida.start, kishida.end + 4, "ann", "#ff0000")])
    assert "#ff0000" in colours_in(grab(view), QRect(2, span_rect(view, kishida.start, kishida.end).top(), 4, 10))


def test_click_on_a_mention_emits_its_entity(view: ReaderView, qtbot) -> None:
    mentions = show(view)
    seoul = next(m for m in mentions if TEXT[m.start : m.end] == "Seoul")
    with qtbot.waitSignal(view.entity_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=span_rect(view, seoul.start, seoul.end).center())
    assert blocker.args == ["kor"]


def test_click_on_plain_text_emits_nothing(view: ReaderView, qtbot) -> None:
    show(view)
    plain = TEXT.index("agreed")
    with qtbot.assertNotEmitted(view.entity_clicked):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=span_rect(view, plain, plain + 6).center())


def bar_colours(view: ReaderView, image: QImage, lane: int, rect: QRect) -> set[str]:
    """Colours of one margin lane beside a line of text."""
    return colours_in(image, QRect(2 + lane * 5, rect.top(), 4, rect.height()))


def is_tinted(colour: str) -> bool:
    """A light tint (an annotation fill): neither white nor an entity colour."""
    return colour != "#ffffff" and colour not in ENTITY_TYPE_COLORS.values()


def test_annotation_is_a_margin_bar_not_a_fill(view: ReaderView, qtbot) -> None:
    show(view)
    start, end = TEXT.index("agreed"), TEXT.index("agreed") + len("agreed in")
    view.set_annotations([(start, end, "ann-1", "#ff0000", "evidence")])
    image = grab(view)
    rect = span_rect(view, start, end)
    # The passage keeps a white background (entity colours stay the reading aid) ...
    assert colours_in(image, rect) - {"#ffffff"} <= {"#000000"} | {c for c in colours_in(image, rect) if _grey(c)}
    # ... and a solid bar in the annotation's colour marks it in the margin.
    assert "#ff0000" in bar_colours(view, image, 0, rect)
    with qtbot.waitSignal(view.annotation_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["ann-1"]
    # The bar itself is clickable too.
    with qtbot.waitSignal(view.annotation_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(4, rect.center().y()))
    assert blocker.args == ["ann-1"]


def _grey(colour: str) -> bool:
    c = QColor(colour)
    return c.red() == c.green() == c.blue()  # text antialiasing on white


def test_selected_annotation_fills_plain_text_but_not_mentions(view: ReaderView) -> None:
    mentions = show(view)
    seoul = next(m for m in mentions if TEXT[m.start : m.end] == "Seoul")
    start = TEXT.index("agreed")
    view.set_annotations([(start, seoul.end, "ann-1", "#ff0000", "evidence")])
    plain, mention = span_rect(view, start, start + 6), span_rect(view, seoul.start, seoul.end)
    before = grab(view)
    assert not any(is_tinted(c) for c in colours_in(before, plain) if not _grey(c))
    view.set_selected_annotation("ann-1")
    after = grab(view)
    tints = {c for c in colours_in(after, plain) if is_tinted(c) and not _grey(c)}
    assert tints and all(QColor(c).red() > QColor(c).green() for c in tints)  # a light red
    # The mention inside keeps its entity colour, selected or not.
    assert ENTITY_TYPE_COLORS["country"] in colours_in(before, mention)
    assert ENTITY_TYPE_COLORS["country"] in colours_in(after, mention)
    view.set_selected_annotation("")
    assert colours_in(grab(view), plain) == colours_in(before, plain)


def test_hover_fills_the_annotation_under_the_mouse(view: ReaderView, qtbot) -> None:
    show(view)
    start = TEXT.index("agreed")
    view.set_annotations([(start, start + 9, "ann-1", "#0000ff", "evidence")])
    rect = span_rect(view, start, start + 6)
    qtbot.mouseMove(view.viewport(), rect.center())
    assert view.active_annotations() == ("", "ann-1")
    assert any(is_tinted(c) and not _grey(c) for c in colours_in(grab(view), rect))
    qtbot.mouseMove(view.viewport(), span_rect(view, 0, 5).center())  # onto "Japan", outside
    assert view.active_annotations() == ("", "")


def test_key_judgments_and_questions_are_underlined(view: ReaderView) -> None:
    show(view)
    start = TEXT.index("agreed")
    rect = span_rect(view, start, start + 6)
    below = QRect(rect.left(), rect.top(), rect.width(), rect.height() + 1)
    view.set_annotations([(start, start + 6, "ann-1", "#ff0000", "evidence")])
    plain = colours_in(grab(view), below)
    view.set_annotations([(start, start + 6, "ann-1", "#ff0000", "key-judgment")])
    underlined = colours_in(grab(view), below)
    # A dark red line (the colour darkened), no fill.
    assert any(QColor(c).red() > 120 and QColor(c).green() < 60 for c in underlined - plain)
    assert not any(is_tinted(c) and not _grey(c) and QColor(c).red() > 200 and QColor(c).green() > 150 for c in underlined)


def test_overlapping_annotations_keep_their_own_lanes(view: ReaderView) -> None:
    show(view)
    a = TEXT.index("agreed")  # "agreed in " is plain text
    spans = [
        (a, a + 10, "outer", "#ff0000", "evidence"),
        (a + 3, a + 8, "inner", "#0000ff", "key-judgment"),
        (a + 4, a + 7, "third", "#00ff00", "evidence"),
        (a + 5, a + 6, "fourth", "#ff00ff", "evidence"),
        (a + 20, a + 30, "later", "#00ffff", "evidence"),
    ]
    view.set_annotations(spans)
    assert view.annotations_at(a + 5) == ["fourth", "third", "inner", "outer"]
    assert view.annotations_at(a + 1) == ["outer"]
    assert view.annotations_at(a + 15) == []
    assert [view.lane_of(i) for i in ("outer", "inner", "third", "fourth", "later")] == [0, 1, 2, 3, 0]
    image = grab(view)
    line = span_rect(view, a, a + 2)
    assert "#ff0000" in bar_colours(view, image, 0, line)
    assert "#0000ff" in bar_colours(view, image, 1, line)
    # Two annotations share the last lane on this line: grey means "more, see the tooltip".
    assert "#9e9e9e" in bar_colours(view, image, 2, line)
    assert sorted(view.annotations_at_point(QPoint(13, line.center().y()))) == ["fourth", "third"]
    assert view.annotations_at_point(QPoint(8, line.center().y())) == ["inner"]
    # Only the selected one fills; the others do not mix into it.
    view.set_selected_annotation("inner")
    image = grab(view)
    inner_fill = {c for c in colours_in(image, span_rect(view, a + 3, a + 4)) if is_tinted(c) and not _grey(c)}
    outside = {c for c in colours_in(image, span_rect(view, a, a + 2)) if is_tinted(c) and not _grey(c)}
    assert inner_fill and not outside
    assert all(QColor(c).blue() > QColor(c).red() for c in inner_fill)  # blue, not a red/blue mix


def test_annotations_in_one_lane_split_a_shared_line(view: ReaderView) -> None:
    show(view)
    a = TEXT.index("agreed")
    view.set_annotations([(0, 3, "first", "#ff0000", "evidence"), (a, a + 6, "second", "#0000ff", "evidence")])
    assert view.lane_of("first") == view.lane_of("second") == 0
    line = span_rect(view, 0, 3)
    colours = bar_colours(view, grab(view), 0, line)
    assert {"#ff0000", "#0000ff"} <= colours
    assert view.annotations_at_point(QPoint(4, line.top() + 1)) == ["first"]
    assert view.annotations_at_point(QPoint(4, line.bottom() - 1)) == ["second"]


# Showing a tooltip window makes the offscreen platform warn that it cannot raise it.
@pytest.mark.qt_log_ignore("does not support raise")
def test_tooltip_over_an_annotation_and_its_bar(view: ReaderView) -> None:
    mentions = show(view)
    kishida = next(m for m in mentions if m.entity_id == "kishida")
    view.set_tooltip_provider(lambda entity_id: f"entity {entity_id}")
    view.set_annotation_tooltip_provider(lambda ann_id: f"annotation {ann_id}")
    view.set_annotations([(kishida.start, kishida.end + 8, "ann-7", "#ff0000", "question")])
    on_mention = span_rect(view, kishida.start, kishida.end).center()
    assert view.tooltip_at(on_mention) == "entity kishida\n\nannotation ann-7"
    plain = span_rect(view, kishida.end + 2, kishida.end + 5).center()
    assert view.tooltip_at(plain) == "annotation ann-7"
    assert view.tooltip_at(QPoint(4, plain.y())) == "annotation ann-7"
    assert view.tooltip_at(span_rect(view, 0, 5).center()) == "entity jpn"
    event = QHelpEvent(QEvent.Type.ToolTip, plain, view.viewport().mapToGlobal(plain))
    QApplication.sendEvent(view.viewport(), event)
    assert QToolTip.text() == "annotation ann-7"
    QToolTip.hideText()


def test_find_selects_matches_and_wraps(view: ReaderView) -> None:
    show(view)
    assert view.find("korea")
    assert view.selected_range() == (TEXT.index("Korea"), TEXT.index("Korea") + 5)
    assert view.find("Tokyo")
    assert view.find("Japan")  # wraps to the start
    assert view.selected_range() == (0, 5)
    assert view.find("Tokyo", backward=True)  # wraps to the end
    assert not view.find("Pyongyang")
    assert view.selected_range() == (TEXT.index("Tokyo"), TEXT.index("Tokyo") + 5)


def test_highlight_passage_selects_and_scrolls(view: ReaderView) -> None:
    text = "".join(f"Paragraph {i} about nothing.\n\n" for i in range(400)) + "Kishida spoke last.\n"
    show(view, text)
    start = text.index("Kishida")
    view.highlight_passage(start, start + 7)
    QApplication.processEvents()
    assert view.selected_range() == (start, start + 7)
    assert view.verticalScrollBar().value() > 0
    assert view.viewport().rect().intersects(span_rect(view, start, start + 7))
    view.highlight_passage(10**9, -5)  # out of range: clamped, no crash
    assert view.selected_range() == (0, len(text))


def test_offsets_are_python_offsets_after_astral_characters(view: ReaderView, qtbot) -> None:
    text = "😀😀 Kishida in Tokyo 🇯🇵 with Japan.\n"
    mentions = show(view, text)
    assert [text[m.start : m.end] for m in mentions] == ["Kishida", "Tokyo", "Japan"]
    assert view.find("Japan")
    assert view.selected_range() == (text.index("Japan"), text.index("Japan") + 5)
    japan = mentions[-1]
    cursor = QTextCursor(view.document())
    qt_start = japan.start + 6  # two emoji and a flag: six UTF-16 units more
    cursor.setPosition(qt_start)
    left = view.cursorRect(cursor)
    with qtbot.waitSignal(view.entity_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=left.center() + QPoint(8, 0))
    assert blocker.args == ["jpn"]


def test_selection_made_reports_python_offsets(view: ReaderView, qtbot) -> None:
    show(view)
    rect = span_rect(view, 0, len("Japan and South"))
    with qtbot.waitSignal(view.selection_made, timeout=1000) as blocker:
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left(), rect.center().y()))
        qtbot.mouseMove(view.viewport(), QPoint(rect.right(), rect.center().y()))
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.right(), rect.center().y()))
    start, end = blocker.args
    assert start == 0 and 10 <= end <= len("Japan and South") + 1


# Showing a tooltip window makes the offscreen platform warn that it cannot raise it.
@pytest.mark.qt_log_ignore("does not support raise")
def test_tooltip_comes_from_the_provider(view: ReaderView) -> None:
    mentions = show(view)
    view.set_tooltip_provider(lambda entity_id: f"entity {entity_id}")
    kishida = next(m for m in mentions if m.entity_id == "kishida")
    pos = span_rect(view, kishida.start, kishida.end).center()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    assert QToolTip.text() == "entity kishida"
    QToolTip.hideText()


def test_char_at_is_none_outside_text(view: ReaderView) -> None:
    show(view)
    assert view.char_at(QPoint(2, 2)) is None  # the margin
    assert view.char_at(QPoint(690, 390)) is None  # below the text


def test_emphasis_outlines_the_selected_entity(view: ReaderView) -> None:
    mentions = show(view)
    rect = span_rect(view, mentions[0].start, mentions[0].end)
    before = colours_in(grab(view), rect)
    view.set_emphasis("jpn")
    assert colours_in(grab(view), rect) != before


def test_palette_has_a_colour_per_type_and_a_fallback() -> None:
    names = {entity_type_color(t).name() for t in ENTITY_TYPE_COLORS}
    assert len(names) == len(ENTITY_TYPE_COLORS)
    assert entity_type_color("weather").name() == entity_type_color(None).name()
    assert entity_type_color("weather").name() not in names


# -- the panel ------------------------------------------------------------------


# The offscreen platform warns when a shown top-level window's size hints change.
panel_marks = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def panel(qtbot, tiny_workspace_path):
    from briefing_app.state import AppState

    state = AppState()
    state.open(tiny_workspace_path)
    p = ReaderPanel(state)
    qtbot.addWidget(p)
    p.resize(800, 500)
    p.show()
    qtbot.waitExposed(p)
    return p


@panel_marks
def test_panel_shows_the_current_document(panel: ReaderPanel) -> None:
    state = panel.state
    assert panel.view.toPlainText() == state.document_text("doc-1")
    assert "Seoul and Tokyo restore intelligence sharing" in panel.header.text()
    assert "B2" in panel.header.text() and "Test Wire" in panel.header.text()
    state.show_document("doc-2")
    assert panel.view.toPlainText().startswith("North Korea fired")
    assert "~Oct 2022" in panel.header.text()  # an estimated date is marked


@panel_marks
def test_panel_click_selects_the_entity(panel: ReaderPanel, qtbot) -> None:
    text = panel.state.document_text("doc-1")
    panel.view.clearFocus()
    start = text.index("Seoul")
    rect = span_rect(panel.view, start, start + 5)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.state.selection == ("entity", "kor")


@panel_marks
def test_panel_follows_passage_requests_and_edits(panel: ReaderPanel) -> None:
    from briefing_app.model.types import Annotation, Selector

    state = panel.state
    state.show_passage("doc-2", 0, 11)
    assert panel.view.selected_range() == (0, 11)
    assert panel.view.annotations_at(3) == ["ann-2"]
    ws = state.workspace
    extra = Annotation("ann-9", "doc-2", Selector("Seoul", 39, 44), tag="question")
    state.apply("Add annotation", ws.with_(annotations=ws.annotations + (extra,)))
    assert panel.view.annotations_at(40) == ["ann-9"]
    state.undo_stack.undo()
    assert panel.view.annotations_at(40) == []


@panel_marks
def test_panel_find_bar(panel: ReaderPanel, qtbot) -> None:
    panel.show_find_bar()
    assert panel.find_bar.isVisible()
    qtbot.keyClicks(panel.find_bar.field, "GSOMIA")
    text = panel.state.document_text("doc-1")
    assert panel.view.selected_range() == (text.index("GSOMIA"), text.index("GSOMIA") + 6)
    qtbot.keyClick(panel.find_bar.field, Qt.Key.Key_Escape)
    assert not panel.find_bar.isVisible()
    panel.show_find_bar()
    panel.find_bar.field.setText("nowhere to be found")
    assert not panel.find_bar.find_next()
    assert panel.find_bar.status.text() == "Not found"


@panel_marks
def test_panel_annotation_tooltip_and_selection(panel: ReaderPanel) -> None:
    from briefing_app.model.types import Annotation, Selector

    state = panel.state
    state.show_document("doc-2")
    ws = state.workspace
    ann = ws.annotation_by_id["ann-2"]
    noted = Annotation(ann.id, ann.document, ann.selector, tag=ann.tag, confidence=ann.confidence, note="Check the count.")
    state.apply("Note", ws.with_(annotations=tuple(noted if a.id == "ann-2" else a for a in ws.annotations)))
    text = panel.view.tooltip_at(span_rect(panel.view, 14, 20).center())  # "fired "
    assert text.splitlines() == ["Key judgment · likely (55–80%)", "Check the count.", "Anchor: exact"]
    assert panel.view.active_annotations()[0] == ""
    state.select("annotation", "ann-2")
    assert panel.view.active_annotations()[0] == "ann-2"
    state.select("entity", "kor")
    assert panel.view.active_annotations()[0] == ""
    # An annotation whose quote is nowhere in the text is not drawn at its stale offsets.
    lost = Annotation("ann-8", "doc-2", Selector("a passage that is not there", 0, 10), tag="question")
    state.apply("Add", state.workspace.with_(annotations=state.workspace.annotations + (lost,)))
    assert "ann-8" not in panel.view.annotations_at(3)


@panel_marks
def test_panel_colours_bars_by_tag_like_the_annotations_panel(panel: ReaderPanel) -> None:
    from briefing_app.ui.palette import tag_color

    state = panel.state
    state.show_document("doc-2")
    panel.view.clearFocus()
    QApplication.processEvents()
    line = span_rect(panel.view, 0, 5)
    assert tag_color("key-judgment") in bar_colours(panel.view, grab(panel.view), 0, line)


def test_annotation_tooltip_text_names_tag_confidence_note_and_status() -> None:
    from briefing_app.analysis.anchoring import Anchor
    from briefing_app.model.types import Annotation, Selector
    from briefing_app.ui.reader.annotation_marks import annotation_tooltip_text

    a = Annotation("a1", "d1", Selector("x", 0, 1), tag="question", confidence="unlikely", note="Who  decided?\nWhen?")
    assert annotation_tooltip_text(a, Anchor("fuzzy", 0, 1, 0.87)).splitlines() == [
        "Question · unlikely (20–45%)",
        "Who decided? When?",
        "Anchor: fuzzy 87%",
    ]
    assert annotation_tooltip_text(Annotation("a2", "d1", Selector("x", 0, 1), tag="evidence"), None) == "Evidence"
