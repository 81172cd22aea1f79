"""The default dock layout: map and reader both in view, width shared out at every size."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from briefing_app.ui.dock_layout import default_sizes
from briefing_app.ui.main_window import MainWindow
from briefing_app.ui.palette import ENTITY_TYPE_COLORS, FALLBACK_COLOR, TAG_COLORS, contrast_ratio, text_on


@pytest.fixture
def window(qtbot):
    w = MainWindow(restore_layout=False)
    qtbot.addWidget(w)
    yield w
    w.state.undo_stack.setClean()
    w.close()


@pytest.mark.parametrize("size", [(1280, 720), (1600, 1000), (1920, 1080)])
def test_default_sizes_leave_the_reader_readable(size):
    s = default_sizes(*size)
    reader = size[0] - s.left - s.right
    assert reader >= 440
    assert s.right >= 300
    assert 200 <= s.bottom <= size[1] // 2


def test_wider_window_widens_the_map_too():
    assert default_sizes(1920, 1080).right > default_sizes(1280, 720).right + 200


def test_map_stays_visible_while_annotating(qtbot, window):
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.docks["annotations"].raise_()
    qtbot.wait(10)
    assert window.docks["map"] not in window.tabifiedDockWidgets(window.docks["annotations"])
    assert window.docks["map"].visibleRegion().boundingRect().width() >= 300
    assert window.docks["annotations"].visibleRegion().boundingRect().width() > 0


def test_resize_shares_extra_width_with_the_map(qtbot, window):
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(20)
    narrow = window.docks["map"].width()
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.docks["map"].width() > narrow + 150, timeout=2000)
    assert window.reader.width() >= 600


@pytest.mark.parametrize("colour", [*ENTITY_TYPE_COLORS.values(), FALLBACK_COLOR, *TAG_COLORS.values(),
                                    "#1b1b1b", "#3949ab", "#ffffff"])
def test_text_on_a_highlight_is_readable(colour):
    bg = QColor(colour)
    assert contrast_ratio(text_on(bg), bg) >= 4.5


def test_text_on_dark_fill_is_light():
    assert text_on(QColor("#202020")).lightness() > 200
    assert text_on(QColor("#b3d4f0")).lightness() < 60


def test_a_moved_separator_is_respected(qtbot, window):
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(20)
    # the user drags the map's separator to make it narrow
    window.resizeDocks([window.docks["map"]], [330], Qt.Orientation.Horizontal)
    qtbot.wait(20)
    dragged = window.docks["map"].width()
    window.resize(1700, 1000)
    qtbot.wait(50)
    assert not window.layout_keeper.active
    assert abs(window.docks["map"].width() - dragged) <= 20  # not reset to 37 % of the width


def test_reset_layout_follows_the_window_again(qtbot, window):
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    window.layout_keeper.stop()
    window.reset_layout_action.trigger()
    assert window.layout_keeper.active
