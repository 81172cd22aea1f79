"""Tests of the reader: painted mention colours, clicks, annotations, find, passages, the panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from briefing_app.analysis.matcher import AliasMatcher, Mention
from briefing_app.ui.palette import ENTITY_TYPE_COLORS, entity_type_color
from briefing_app.ui.reader import ReaderPanel, ReaderView

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


def test_annotations_are_drawn_and_clickable(view: ReaderView, qtbot) -> None:
    show(view)
    start, end = TEXT.index("agreed"), TEXT.index("agreed") + len("agreed in")
    view.set_annotations([(start, end, "ann-1", "#ff0000")])
    image = grab(view)
    rect = span_rect(view, start, end)
    # Translucent red over white, and a solid red bar in the left margin.
    assert any(c.startswith("#ff") and c != "#ffffff" for c in colours_in(image, rect))
    bar = QRect(2, rect.top(), 4, rect.height())
    assert "#ff0000" in colours_in(image, bar)
    with qtbot.waitSignal(view.annotation_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["ann-1"]


def test_overlapping_annotations_are_all_found(view: ReaderView) -> None:
    show(view)
    view.set_annotations([(0, 20, "outer", "#ff0000"), (5, 10, "inner", "#0000ff"), (30, 40, "later", "#00ff00")])
    assert view.annotations_at(6) == ["inner", "outer"]
    assert view.annotations_at(15) == ["outer"]
    assert view.annotations_at(25) == []
    image = grab(view)
    inner = colours_in(image, span_rect(view, 6, 9))
    outer_only = colours_in(image, span_rect(view, 14, 16))
    assert inner != outer_only  # the overlap is visibly different, not hidden


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
