"""The Help menu: quick start, user guide (F1), keyboard shortcuts and licences.

Public API: :func:`add_help_actions` (fills a Help menu of the main window).
The texts are Markdown files in ``texts/`` (package data, so a wheel carries
them), shown in a :class:`HelpDialog`; a translated text ``<name>.<lang>.md``
is used when one exists for the system language.
"""

from briefing_app.ui.help.menu import add_help_actions

__all__ = ["add_help_actions"]
