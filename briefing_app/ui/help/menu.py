"""Help menu entries of the main window.

The dialog, the texts and the shortcut table load when a Help entry is first chosen, not at
the window's start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from briefing_app.resources import license_paths

if TYPE_CHECKING:
    from briefing_app.ui.help.dialog import HelpDialog


class HelpActions(QObject):
    """The Help actions of one window and the help windows they open (one of each, reused)."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.dialogs: dict[str, HelpDialog] = {}
        self.quick_start_action = self._action(self.tr("&Quick start"), self.show_quick_start)
        self.guide_action = self._action(self.tr("User &guide"), self.show_guide)
        self.guide_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents)
                                       or [QKeySequence("F1")])
        self.shortcuts_action = self._action(self.tr("&Keyboard shortcuts"), self.show_shortcuts)
        self.licences_action = self._action(self.tr("&Licences"), self.show_licences)

    def _action(self, text: str, slot) -> QAction:  # noqa: ANN001
        action = QAction(text, self.window)
        action.triggered.connect(slot)
        return action

    def _dialog(self, key: str, title: str) -> HelpDialog:
        if key not in self.dialogs:
            from briefing_app.ui.help.dialog import HelpDialog

            self.dialogs[key] = HelpDialog(title, self.window)
        return self.dialogs[key]

    def show_quick_start(self) -> HelpDialog:
        dialog = self._dialog("quick_start", self.tr("Quick start — Briefing desk"))
        from briefing_app.ui.help.texts import help_text

        dialog.show_markdown(help_text("quick_start"))
        return dialog

    def show_guide(self) -> HelpDialog:
        dialog = self._dialog("guide", self.tr("User guide — Briefing desk"))
        from briefing_app.ui.help.texts import help_text

        dialog.show_markdown(help_text("guide"))
        return dialog

    def show_shortcuts(self) -> HelpDialog:
        from briefing_app.ui.help.shortcuts import shortcut_rows, shortcuts_html

        dialog = self._dialog("shortcuts", self.tr("Keyboard shortcuts — Briefing desk"))
        dialog.show_html(shortcuts_html(shortcut_rows(self.window)))  # read now: always the current keys
        return dialog

    def show_licences(self) -> HelpDialog:
        dialog = self._dialog("licences", self.tr("Licences — Briefing desk"))
        parts = [f"==== {path.name} ====\n\n{path.read_text(encoding='utf-8', errors='replace')}"
                 for path in license_paths()]
        dialog.show_plain("\n\n".join(parts) or self.tr("The licence files are missing from this installation."))
        return dialog


def add_help_actions(window: QMainWindow, menu: QMenu) -> HelpActions:
    """Add Quick start, User guide (F1), Keyboard shortcuts and Licences to ``menu``."""
    actions = HelpActions(window)
    menu.addAction(actions.quick_start_action)
    menu.addAction(actions.guide_action)
    menu.addAction(actions.shortcuts_action)
    menu.addSeparator()
    menu.addAction(actions.licences_action)
    return actions
