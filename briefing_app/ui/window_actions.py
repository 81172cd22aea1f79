"""Standard window actions the platform may leave without keys: Close (Ctrl+W) and Quit (Ctrl+Q)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

K = QKeySequence.StandardKey


def standard_keys(key: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's keys for ``key``, or ``fallback`` where it has none (Quit on some desktops)."""
    return QKeySequence.keyBindings(key) or [QKeySequence(fallback)]


def add_window_actions(window: QMainWindow, file_menu: QMenu, quit_action: QAction) -> QAction:
    """Insert File ▸ Close before Quit and make sure Quit has a key; returns the Close action.

    Close closes the window, which asks about unsaved changes first.
    """
    close = QAction(QCoreApplication.translate("MainWindow", "&Close"), window)
    close.setShortcuts(standard_keys(K.Close, "Ctrl+W"))
    close.triggered.connect(window.close)
    file_menu.insertAction(quit_action, close)
    if not quit_action.shortcuts():
        quit_action.setShortcuts(standard_keys(K.Quit, "Ctrl+Q"))
    return close
