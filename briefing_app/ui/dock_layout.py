"""The default arrangement of the main window's docks, in proportion to the window.

Left: documents over a tab stack of entities, annotations, the review
queue, search and the changes list (compare mode). Right: the map, alone, so it stays visible while the reader is used
to annotate. Bottom: the timeline, tall enough for a dozen lanes.

Qt gives every pixel of a resize to the central widget (the reader); while
the user has not moved a separator, :class:`DefaultLayoutKeeper` shares the
new size out again in the same proportions, so 1920 px widen the map too.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

LEFT_TABS = ("entities", "annotations", "review", "search", "changes")
LEFT_MIN_WIDTH = 200  # the side column may be narrower than its widest panel's rows of filters


@dataclass(frozen=True)
class DockSizes:
    """Pixel sizes of the default layout for one window size."""

    left: int  # width of the documents/entities column
    right: int  # width of the map column
    bottom: int  # height of the timeline
    documents: int  # height of the documents list within the left column


def default_sizes(width: int, height: int) -> DockSizes:
    """Dock sizes for a window of ``width`` × ``height`` pixels.

    The reader keeps about 40 % of the width (≥ 520 px where possible),
    the map gets what is left after the side column, and the timeline about a
    third of the height.
    """
    left = int(min(max(0.17 * width, 220), 340))
    right = int(max(0.37 * width, 360))
    if width - left - right < 440:  # small window: the reader must stay readable
        right = max(300, width - left - 440)
    share = 0.33 if height < 850 else 0.37  # a short window keeps more for the map and the reader
    bottom = int(min(max(share * height, 220), 440))
    documents = int(min(max(0.25 * (height - bottom), 170), 230))  # title, filter, header, count and 3+ rows
    return DockSizes(left, right, bottom, documents)


def arrange_default_docks(window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
    """Put the docks where the default layout wants them and size them for the window."""
    d = docks
    left_tabs = [d[n] for n in LEFT_TABS if n in d]
    if "documents" in d:
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, d["documents"])
    if "map" in d:
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, d["map"])
    if "timeline" in d:
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, d["timeline"])
    if left_tabs:
        if "documents" in d:
            window.splitDockWidget(d["documents"], left_tabs[0], Qt.Orientation.Vertical)
        else:
            window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, left_tabs[0])
        for other in left_tabs[1:]:
            window.tabifyDockWidget(left_tabs[0], other)
        for dock in left_tabs:
            panel = dock.widget()
            if panel is not None and panel.minimumSizeHint().width() > LEFT_MIN_WIDTH:
                panel.setMinimumWidth(LEFT_MIN_WIDTH)  # its filter row is squeezed, not the reader
        left_tabs[0].raise_()
    # the timeline runs under the reader and the map; the left column keeps the full height
    window.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.BottomDockWidgetArea)
    apply_default_sizes(window, docks)


def apply_default_sizes(window: QMainWindow, docks: dict[str, QDockWidget]) -> DockSizes:
    """Size the docks for the window's current size; returns the sizes asked for."""
    sizes = default_sizes(window.width(), window.height())
    d = docks
    horizontal = [(d[n], v) for n, v in (("documents", sizes.left), ("map", sizes.right)) if n in d]
    if horizontal:
        window.resizeDocks([k for k, _ in horizontal], [v for _, v in horizontal], Qt.Orientation.Horizontal)
    vertical = []
    if "timeline" in d:
        vertical.append((d["timeline"], sizes.bottom))
    if "documents" in d and any(n in d for n in LEFT_TABS):
        vertical.append((d["documents"], sizes.documents))
    if vertical:
        window.resizeDocks([k for k, _ in vertical], [v for _, v in vertical], Qt.Orientation.Vertical)
    return sizes


class DefaultLayoutKeeper(QObject):
    """Re-shares a resized window among the docks while the layout is still the default one.

    It stops for good once the user has moved a separator (the docks are no
    longer at the sizes it last set) or a saved layout was restored.
    """

    def __init__(self, window: QMainWindow, docks: dict[str, QDockWidget]):
        super().__init__(window)
        self._window = window
        self._docks = docks
        self.active = True
        self._expected: dict[str, int] | None = None
        window.installEventFilter(self)

    def stop(self) -> None:
        self.active = False

    def restart(self) -> None:
        """The layout was reset to the default: follow resizes again."""
        self.active = True
        self._expected = None

    def _measured(self) -> dict[str, int]:
        d = self._docks
        out = {}
        for name, dim in (("documents", "w"), ("map", "w"), ("timeline", "h")):
            dock = d.get(name)
            if dock is not None and dock.isVisible() and not dock.isFloating():
                out[name] = dock.width() if dim == "w" else dock.height()
        return out

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self._window and self.active and event.type() == QEvent.Type.Resize:
            if self._expected is not None and self._user_moved():
                self.active = False
                return False
            apply_default_sizes(self._window, self._docks)
            self._expected = None
            QTimer.singleShot(0, self._remember)  # what Qt made of it, once the docks are laid out
        return False

    def _remember(self) -> None:
        self._expected = self._measured()

    def _user_moved(self) -> bool:
        """True when a dock's size differs from what the last layout gave it (a separator was dragged)."""
        now = self._measured()
        return any(abs(now.get(k, v) - v) > 3 for k, v in (self._expected or {}).items())
