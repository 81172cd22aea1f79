"""Rebuild a panel when the user can see it, not while it waits behind another tab.

A big workspace costs each panel its own rebuild (the annotations list anchors
every annotation, the review queue reads the whole document); a panel whose
dock is behind another tab need not pay it at open. :class:`WhenShown` runs
the panel's rebuild at once when the panel is in view, else marks it stale and
runs it the moment the panel comes into view.

Qt 6 keeps a dock that is behind another tab "visible" (it is moved out of
sight), so ``isVisible()`` cannot tell; the dock's ``visibilityChanged`` signal
can, and :meth:`WhenShown.follow_dock` listens to it. Panels used on their own
(tests, dialogs) stay eager unless told otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QDockWidget, QWidget

__all__ = ["WhenShown"]


class WhenShown(QObject):
    """Runs the panel's ``rebuild`` method now if the panel is in view (or laziness is off), else once
    it comes into view.

    The method is looked up by name on each call, so a wrapped or replaced method is the one run.
    """

    def __init__(self, panel: QWidget, rebuild: str = "refresh"):
        super().__init__(panel)
        self._panel = panel
        self._rebuild_name = rebuild
        self.lazy = False
        self.stale = False
        self._dock_shows = True  # what the dock last said (True when there is no dock)
        panel.installEventFilter(self)

    def follow_dock(self, dock: QDockWidget) -> None:
        """Be lazy, and take the dock's word for whether the panel is in view (tabs included)."""
        self.lazy = True
        self._dock_shows = dock.isVisible() and not dock.visibleRegion().isEmpty()
        dock.visibilityChanged.connect(self._on_dock_visibility)

    def in_view(self) -> bool:
        return self._panel.isVisible() and self._dock_shows

    def request(self) -> None:
        """The panel's data changed: rebuild now, or when it comes into view."""
        if self.lazy and not self.in_view():
            self.stale = True
            return
        self.stale = False
        self._rebuild()

    def _rebuild(self) -> None:
        getattr(self._panel, self._rebuild_name)()

    def flush(self) -> None:
        """Rebuild now if a rebuild is owed (someone needs the content while it is hidden)."""
        if self.stale:
            self.stale = False
            self._rebuild()

    def _on_dock_visibility(self, visible: bool) -> None:
        self._dock_shows = visible
        if visible and self._panel.isVisible():
            self.flush()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self._panel and event.type() == QEvent.Type.Show and self._dock_shows:
            self.flush()
        return False
