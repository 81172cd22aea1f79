"""Colours, pens and brushes of the alliance timeline (one place to tune the look)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen

# Relation states: green family for cooperation, amber/red for trouble.
STATE_COLOURS = {
    "proposed": "#90caf9",
    "active": "#43a047",
    "restored": "#00897b",
    "strained": "#fbc02d",
    "suspended": "#fb8c00",
    "termination-notified": "#e53935",
    "terminated": "#6d4c41",
}
# States a workspace adds to its vocabulary get a stable colour from this list.
EXTRA_STATE_COLOURS = ("#8e24aa", "#3949ab", "#c0ca33", "#5e35b1", "#d81b60", "#546e7a")
MIXED_COLOUR = "#9e9e9e"  # an aggregate of several states, too narrow to tell apart
EVENT_COLOUR = "#263f5a"
EVENT_BAR_COLOUR = "#4f6d8a"
DIM_COLOUR = "#d5d9de"
BAND_COLOURS = ("#fbfcfd", "#ebeff4")
CURSOR_COLOUR = "#d81b60"
TODAY_COLOUR = "#607d8b"
PERIOD_COLOUR = (33, 150, 243, 40)  # compare mode: the period compared, a light blue wash
PERIOD_EDGE_COLOUR = "#1e88e5"
SELECTION_COLOUR = "#ff6f00"
GRID_MAJOR = QColor(120, 130, 140, 90)
GRID_MINOR = QColor(120, 130, 140, 38)
TEXT_COLOUR = QColor("#1f2933")
TEXT_DIM = QColor("#9aa5b1")
TEXT_ROW = QColor("#52606d")
BAND_QCOLOURS = tuple(QColor(c) for c in BAND_COLOURS)


def state_colour(state: str) -> QColor:
    """The fill colour of a relation state (a stable colour for unknown states)."""
    hexa = STATE_COLOURS.get(state)
    if hexa is None:
        hexa = EXTRA_STATE_COLOURS[zlib.crc32(state.encode()) % len(EXTRA_STATE_COLOURS)]
    return QColor(hexa)


@lru_cache(maxsize=256)
def brush(hexa: str, alpha: int = 255) -> QBrush:
    c = QColor(hexa)
    c.setAlpha(alpha)
    return QBrush(c)


@lru_cache(maxsize=256)
def pen(hexa: str, width: float = 1.0, alpha: int = 255, dashed: bool = False) -> QPen:
    """A cosmetic pen (width in pixels whatever the zoom)."""
    c = QColor(hexa)
    c.setAlpha(alpha)
    p = QPen(c)
    p.setWidthF(width)
    p.setCosmetic(True)
    if dashed:
        p.setStyle(Qt.PenStyle.DashLine)
    return p


NO_PEN = QPen(Qt.PenStyle.NoPen)


def label_font(size: float = 8.5, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


def ink_on(hexa: str) -> QColor:
    """Dark or white text, whichever reads better on a fill of colour ``hexa``."""
    c = QColor(hexa)
    luma = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()
    return QColor("#1f2933") if luma > 150 else QColor("#ffffff")


@dataclass(frozen=True)
class TimelineTheme:
    """The timeline's chrome for a window palette: background, lane bands, text, grid, event markers.

    State colours stay the same in both (they are the data's legend); what
    sits on the background changes, so it keeps its contrast.
    """

    background: str
    bands: tuple[str, str]
    text: QColor
    text_dim: QColor
    text_row: QColor
    grid_major: QColor
    grid_minor: QColor
    event: str
    event_bar: str
    dim: str
    hollow: str  # fill of unsourced (hollow) markers


LIGHT = TimelineTheme("#ffffff", BAND_COLOURS, TEXT_COLOUR, TEXT_DIM, TEXT_ROW, GRID_MAJOR, GRID_MINOR,
                      EVENT_COLOUR, EVENT_BAR_COLOUR, DIM_COLOUR, "#ffffff")
DARK = TimelineTheme("#1e1f22", ("#222427", "#2b2e33"), QColor("#e6e9ec"), QColor("#7f8a96"), QColor("#c3ccd5"),
                     QColor(200, 210, 220, 80), QColor(200, 210, 220, 34), "#6f9fd8", "#7f9bb8", "#3a3f46", "#1e1f22")


def theme_for(window_colour: QColor) -> TimelineTheme:
    """DARK on a dark window (lightness below half), LIGHT otherwise."""
    return DARK if window_colour.lightness() < 128 else LIGHT
