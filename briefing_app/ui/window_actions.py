"""Standard window actions the platform may leave without keys: Close (Ctrl+W) and Quit (Ctrl+Q)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

K = QKeySequence.StandardKey


def standard_keys(key: QKeySequence.StandardKey, preferred: str) -> list[QKeySequence]:
    """The platform's keys for ``key`` with ``preferred`` first (the one menus show), added
    where the platform has none (Quit on some desktops)."""
    first = QKeySequence(preferred)
    return [first, *(k for k in QKeySequence.keyBindings(key) if k != first)]


def add_window_actions(window: QMainWindow, file_menu: QMenu, quit_action: QAction) -> QAction:
    """Insert File ▸ Close before Quit, make sure Quit has a key and Redo all of its keys;
    returns the Close action.

    Close closes the window, which asks about unsaved changes first.
    """
    close = QAction(QCoreApplication.translate("MainWindow", "&Close"), window)
    close.setShortcuts(standard_keys(K.Close, "Ctrl+W"))
    close.triggered.connect(window.close)
    file_menu.insertAction(quit_action, close)
    if not quit_action.shortcuts():
        quit_action.setShortcuts(standard_keys(K.Quit, "Ctrl+Q"))
    redo = getattr(window, "redo_action", None)
    if redo is not None:  # every platform key for Redo (Ctrl+Y and Ctrl+Shift+Z), not only the first
        redo.setShortcuts(standard_keys(K.Redo, redo.shortcut().toString() or "Ctrl+Shift+Z"))
    return close
