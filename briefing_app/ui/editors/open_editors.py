"""The relation and event editors as the menus and the reader's pop-up call them, loaded on first use.

The window installs the menus at start-up; the editor dialogs (and the
evidence list they embed) need not be imported until one is opened.
"""

from __future__ import annotations


def open_relation_editor(*args, **kwargs):  # noqa: ANN002, ANN003, ANN201 - the editor's own call
    from briefing_app.ui.editors.relation_editor import open_relation_editor as open_  # loaded on first use

    return open_(*args, **kwargs)


def confirm_delete_relation(*args, **kwargs):  # noqa: ANN002, ANN003, ANN201
    from briefing_app.ui.editors.relation_editor import confirm_delete_relation as confirm

    return confirm(*args, **kwargs)


def open_event_editor(*args, **kwargs):  # noqa: ANN002, ANN003, ANN201
    from briefing_app.ui.editors.event_editor import open_event_editor as open_

    return open_(*args, **kwargs)


def confirm_delete_event(*args, **kwargs):  # noqa: ANN002, ANN003, ANN201
    from briefing_app.ui.editors.event_editor import confirm_delete_event as confirm

    return confirm(*args, **kwargs)
