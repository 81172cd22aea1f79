"""The window's panels, each in a dock; a panel that starts behind another tab is built when first needed.

Start-up pays only for what the user sees: the annotations list, the review
queue, the search panel and the changes list sit behind the entities tab in
the default layout, so neither their modules (the anchoring machinery, the
candidate finder, SQLite search) nor their widgets are made until the tab is
brought to the front, or code asks for the panel (``panels["search"]``).
Until then the dock holds an empty placeholder; the panel, once built, reads
the current workspace like any panel made after an open.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from briefing_app.state import AppState


@dataclass(frozen=True)
class DockSpec:
    """A panel shown in a dock and where it goes by default."""

    name: str
    title: str
    panel: str  # "module:Class", imported when the panel is built
    area: Qt.DockWidgetArea
    deferred: bool = False  # behind another tab in the default layout: built when first shown or asked for

    def panel_class(self) -> type[QWidget]:
        module, _, cls = self.panel.partition(":")
        return getattr(importlib.import_module(module), cls)


class PanelDocks(Mapping[str, QWidget]):
    """Panels by dock name; looking one up builds it if it was deferred."""

    def __init__(self, window: QMainWindow, state: AppState, on_built: Callable[[str, QWidget], None]):
        self._window = window
        self._state = state
        self._on_built = on_built
        self._specs: dict[str, DockSpec] = {}
        self._built: dict[str, QWidget] = {}
        self.docks: dict[str, QDockWidget] = {}

    def add(self, spec: DockSpec) -> QDockWidget:
        dock = QDockWidget(spec.title, self._window)
        dock.setObjectName(f"dock-{spec.name}")
        self._specs[spec.name] = spec
        self.docks[spec.name] = dock
        if spec.deferred:
            dock.setWidget(QWidget(dock))  # keeps the dock's place and tab until the panel exists
            # Qt reports a tab brought to the front with visibilityChanged(True); it may also say True
            # for a moment while it lays tabs out at show time, so the build waits for the next loop
            # turn and checks that the dock still shows.
            dock.visibilityChanged.connect(lambda shown, n=spec.name: shown and QTimer.singleShot(
                0, lambda: self._build_if_shown(n)))
        else:
            self._build(spec.name)
        return dock

    def built(self) -> dict[str, QWidget]:
        """The panels made so far (iterating the mapping itself would build every one)."""
        return dict(self._built)

    def is_built(self, name: str) -> bool:
        return name in self._built

    def __getitem__(self, name: str) -> QWidget:
        if name not in self._built:
            if name not in self._specs:
                raise KeyError(name)
            self._build(name)
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)

    def _build_if_shown(self, name: str) -> None:
        dock = self.docks[name]
        if name not in self._built and dock.isVisible() and not dock.visibleRegion().isEmpty():
            self._build(name)

    def _build(self, name: str) -> None:
        dock = self.docks[name]
        panel = self._specs[name].panel_class()(self._state, self._window)
        placeholder = dock.widget()
        dock.setWidget(panel)
        if placeholder is not None:
            placeholder.deleteLater()
        self._built[name] = panel
        self._on_built(name, panel)
