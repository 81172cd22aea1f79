"""How relations and actors look on the map: colour by kind, line by state, marker by type.

The style tables are plain data (tests read them); :func:`edge_pen` turns
them into cached QPens so that restyling thousands of edges allocates
nothing. :func:`paint_legend` draws the legend for the view and for
exported images alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

# Colour-blind-aware hues (Okabe–Ito and Tol based), one per relation kind.
KIND_COLOURS = {
    "alliance": "#1f4e9e",
    "security-cooperation": "#3a8fd6",
    "intelligence-sharing": "#8e44ad",
    "trade": "#2e9d57",
    "trade-restriction": "#e08a00",
    "diplomatic": "#5b7083",
    "dispute": "#d1495b",
    "threat": "#8b1e1e",
    "membership": "#b8860b",
}
KIND_WIDTHS = {"alliance": 3.6, "security-cooperation": 2.8, "intelligence-sharing": 2.8, "threat": 2.6}
DEFAULT_KIND_COLOUR = "#6d6d6d"


@dataclass(frozen=True)
class StateStyle:
    """How a relation state draws: dash pattern (in pen widths), opacity, width factor."""

    label: str
    dashes: tuple[float, ...] = ()  # () = solid
    opacity: float = 1.0
    width: float = 1.0
    description: str = ""


STATE_STYLES = {
    "active": StateStyle("active", (), 1.0, 1.0, "in force"),
    "restored": StateStyle("restored", (), 1.0, 1.35, "back in force after a break"),
    "proposed": StateStyle("proposed", (0.6, 2.2), 0.8, 0.9, "announced or planned"),
    "strained": StateStyle("strained", (5.0, 2.0, 1.0, 2.0), 0.9, 1.0, "in force but under strain"),
    "termination-notified": StateStyle("termination notified", (2.2, 1.6), 0.9, 1.0, "notice of ending given"),
    "suspended": StateStyle("suspended", (4.0, 4.0), 0.5, 0.9, "not applied for now"),
    "terminated": StateStyle("terminated", (1.0, 3.0), 0.35, 0.7, "ended"),
}
# Graph mode lays out every relation over all time; those not in force at the cursor draw faint.
NOT_IN_FORCE = "not-in-force"
STATE_STYLES[NOT_IN_FORCE] = StateStyle("not in force (faint)", (1.0, 2.0), 0.22, 0.6,
                                        "not in force at the date (graph mode)")
DEFAULT_STATE = StateStyle("other", (), 0.85, 0.9, "a state this workspace adds")

# Node markers by entity type: (shape, fill colour, radius in px).
TYPE_MARKERS = {
    "country": ("circle", "#1b2a41", 5.5),
    "place": ("circle", "#4f6d7a", 3.5),
    "person": ("circle", "#c8553d", 4.0),
    "organization": ("square", "#28536b", 4.0),
    "agreement": ("diamond", "#8e44ad", 4.5),
    "military": ("triangle", "#3d5a3d", 4.5),
    "event-series": ("square", "#777777", 3.5),
    "hub": ("diamond", "#b8860b", 6.0),
}
DEFAULT_MARKER = ("circle", "#555555", 4.0)
COUNTRY_FILL = "#e9e6df"
COUNTRY_TINT = "#f3d9a4"
COUNTRY_EDGE = "#b9b3a7"
OCEAN = "#dbe7ef"
MAP_MARGIN = "#f7f7f5"  # beyond the Earth's outline, in the window (figures stay white)
SELECTION = "#ff2d95"


def kind_colour(kind: str) -> QColor:
    return QColor(KIND_COLOURS.get(kind, DEFAULT_KIND_COLOUR))


def state_style(state: str | None) -> StateStyle:
    """The style of a state; a workspace's own state word draws like ``DEFAULT_STATE``, under its name."""
    if state in STATE_STYLES:
        return STATE_STYLES[state]
    if state:
        return StateStyle(state.replace("-", " "), DEFAULT_STATE.dashes, DEFAULT_STATE.opacity,
                          DEFAULT_STATE.width, DEFAULT_STATE.description)
    return DEFAULT_STATE


@lru_cache(maxsize=512)
def edge_pen(kind: str, state: str, selected: bool = False, spoke: bool = False, scale: float = 1.0,
             thin: bool = False) -> QPen:
    """The (cached, shared) pen of an edge; cosmetic, so its width is in screen pixels.

    ``scale`` widens it for images drawn at a device pixel ratio above 1
    (Qt does not scale cosmetic pens by it). ``thin`` gives a 1-px line in
    the same colour and dashes, for views with hundreds of edges.
    """
    st = state_style(state)
    colour = kind_colour(kind)
    colour.setAlphaF(st.opacity)
    width = KIND_WIDTHS.get(kind, 2.2) * st.width * (0.75 if spoke else 1.0)
    if thin:
        width = 1.0
    if selected:
        width += 2.5
        colour.setAlphaF(1.0)
    pen = QPen(colour, width * scale)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap if st.dashes else Qt.PenCapStyle.RoundCap)
    if st.dashes:
        pen.setDashPattern(list(st.dashes))
    return pen


# Compare mode: a relation's fate over the compare period overrides its kind colour and state dashes.
COMPARE_STYLES = {
    "new": ("#1a9850", (), 1.3),
    "ended": ("#d73027", (2.0, 2.0), 1.1),
    "changed": ("#f08c00", (), 1.3),
    "unchanged": ("#8f99a3", (), 0.7),
}


@lru_cache(maxsize=64)
def compare_pen(status: str, kind: str, selected: bool = False, spoke: bool = False, scale: float = 1.0) -> QPen:
    """The pen of an edge in compare mode: coloured by new / ended / changed / unchanged."""
    colour_name, dashes, factor = COMPARE_STYLES.get(status, COMPARE_STYLES["unchanged"])
    width = KIND_WIDTHS.get(kind, 2.2) * factor * (0.75 if spoke else 1.0) + (2.5 if selected else 0.0)
    pen = QPen(QColor(colour_name), width * scale)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap if dashes else Qt.PenCapStyle.RoundCap)
    if dashes:
        pen.setDashPattern(list(dashes))
    return pen


@lru_cache(maxsize=64)
def halo_pen(width: float = 9.0) -> QPen:
    """Behind a selected edge: a soft glow that shows it whatever its style."""
    c = QColor(SELECTION)
    c.setAlphaF(0.35)
    pen = QPen(c, width)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def marker_path(shape: str, r: float) -> QPainterPath:
    """A node marker centred on (0, 0)."""
    path = QPainterPath()
    if shape == "square":
        path.addRect(QRectF(-r, -r, 2 * r, 2 * r))
    elif shape == "diamond":
        path.moveTo(0, -r * 1.25)
        path.lineTo(r * 1.25, 0)
        path.lineTo(0, r * 1.25)
        path.lineTo(-r * 1.25, 0)
        path.closeSubpath()
    elif shape == "triangle":
        path.moveTo(0, -r * 1.2)
        path.lineTo(r * 1.1, r * 0.8)
        path.lineTo(-r * 1.1, r * 0.8)
        path.closeSubpath()
    else:
        path.addEllipse(QPointF(0, 0), r, r)
    return path


def label_font(size: float = 8.5, bold: bool = False) -> QFont:
    """The label font: the platform sans, which falls back to a CJK face for Hangul and kanji."""
    font = QFont()
    font.setFamilies(["Noto Sans", "DejaVu Sans", "Noto Sans CJK JP", "Noto Sans CJK KR", "Sans Serif"])
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


# -- legend --------------------------------------------------------------------------
def legend_size(kinds: list[str], states: list[str], font: QFont | None = None) -> tuple[float, float]:
    """Width and height (px) the legend needs."""
    font = font or label_font(7.0)
    fm = QFontMetricsF(font)
    line = fm.height() + 1
    names = [k.replace("-", " ") for k in kinds] + [state_style(s).label for s in states]
    text_w = max((fm.horizontalAdvance(n) for n in names), default=40.0)
    cols = 2 if kinds and states else 1
    rows = max(len(kinds), len(states)) + 1
    return cols * (text_w + 38) + 8, rows * line + 8


def paint_legend(p: QPainter, top_left: QPointF, kinds: list[str], states: list[str],
                 font: QFont | None = None) -> QRectF:
    """Draw the legend (relation kinds in their colours; states as line styles).

    Returns:
        The rectangle drawn, in the painter's coordinates.
    """
    font = font or label_font(7.0)
    fm = QFontMetricsF(font)
    w, h = legend_size(kinds, states, font)
    rect = QRectF(top_left, top_left + QPointF(w, h))
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor(0, 0, 0, 60), 1))
    p.setBrush(QBrush(QColor(255, 255, 255, 225)))
    p.drawRoundedRect(rect, 4, 4)
    p.setFont(font)
    line = fm.height() + 1
    col_w = (w - 8) / (2 if kinds and states else 1)
    columns = []
    if kinds:
        columns.append(("Relation", [(k, "active", k.replace("-", " ")) for k in kinds]))
    if states:
        columns.append(("State at the date", [("diplomatic", s, state_style(s).label) for s in states]))
    for c, (title, rows) in enumerate(columns):
        x0 = rect.left() + 6 + c * col_w
        y = rect.top() + 5
        bold = QFont(font)
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(QColor("#222222"))
        p.drawText(QPointF(x0, y + fm.ascent()), title)
        p.setFont(font)
        for kind, state, text in rows:
            y += line
            mid = y + fm.height() / 2
            pen = QPen(edge_pen(kind, state))
            pen.setCosmetic(False)
            p.setPen(pen)
            p.drawLine(QPointF(x0, mid), QPointF(x0 + 26, mid))
            p.setPen(QColor("#222222"))
            p.drawText(QPointF(x0 + 31, y + fm.ascent()), text)
    p.restore()
    return rect


# -- legend as a band (a strip along the bottom: covers little of the map) ------------------------
_SAMPLE_W = 20.0


def _band_rows(kinds: list[str], states: list[str]) -> list[tuple[str, list[tuple[str, str, str]]]]:
    rows = []
    if kinds:
        rows.append(("Relation:", [(k, "active", k.replace("-", " ")) for k in kinds]))
    if states:
        rows.append(("At the date:", [("diplomatic", s, state_style(s).label) for s in states]))
    return rows


def _band_layout(kinds: list[str], states: list[str], width: float, fm: QFontMetricsF, bold: QFontMetricsF
                 ) -> list[tuple[float, float, str, str, str, bool]]:
    """(x, line, kind, state, text, is_title) for each entry, flowing into lines of ``width``."""
    out = []
    line = 0
    for title, entries in _band_rows(kinds, states):
        x = 6.0
        out.append((x, line, "", "", title, True))
        x += bold.horizontalAdvance(title) + 6
        for kind, state, text in entries:
            need = _SAMPLE_W + 4 + fm.horizontalAdvance(text) + 10
            if x + need > width - 4 and x > 6 + bold.horizontalAdvance(title) + 6:
                line += 1
                x = 6.0 + bold.horizontalAdvance(title) + 6
            out.append((x, line, kind, state, text, False))
            x += need
        line += 1
    return out


def legend_band_height(kinds: list[str], states: list[str], width: float, font: QFont | None = None) -> float:
    """Height (px) of the legend band for a given width (0 when there is nothing to show)."""
    if not kinds and not states:
        return 0.0
    font = font or label_font(7.0)
    bold = QFont(font)
    bold.setBold(True)
    fm = QFontMetricsF(font)
    entries = _band_layout(kinds, states, width, fm, QFontMetricsF(bold))
    lines = max(e[1] for e in entries) + 1
    return lines * (fm.height() + 1) + 6


def paint_legend_band(p: QPainter, rect: QRectF, kinds: list[str], states: list[str],
                      font: QFont | None = None) -> None:
    """Draw the legend as a strip: relation kinds in their colours, then states as line styles."""
    font = font or label_font(7.0)
    bold = QFont(font)
    bold.setBold(True)
    fm = QFontMetricsF(font)
    entries = _band_layout(kinds, states, rect.width(), fm, QFontMetricsF(bold))
    line_h = fm.height() + 1
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor(255, 255, 255, 230)))
    p.drawRect(rect)
    p.setPen(QPen(QColor(0, 0, 0, 50), 1))
    p.drawLine(rect.topLeft(), rect.topRight())
    for x, line, kind, state, text, is_title in entries:
        y = rect.top() + 3 + line * line_h
        if is_title:
            p.setFont(bold)
            p.setPen(QColor("#222222"))
            p.drawText(QPointF(rect.left() + x, y + fm.ascent()), text)
            continue
        mid = y + fm.height() / 2
        pen = QPen(edge_pen(kind, state))
        pen.setCosmetic(False)
        p.setPen(pen)
        p.drawLine(QPointF(rect.left() + x, mid), QPointF(rect.left() + x + _SAMPLE_W, mid))
        p.setFont(font)
        p.setPen(QColor("#222222"))
        p.drawText(QPointF(rect.left() + x + _SAMPLE_W + 4, y + fm.ascent()), text)
    p.restore()
