"""The window: the main window and one sub-package per panel.

``main_window`` assembles the docks; ``reader``, ``entities``, ``sources``,
``annotations``, ``review``, ``map`` and ``timeline`` are the panels; ``safety``
keeps work (autosave, outside changes); ``export_dialog``, ``background``
(long work off the GUI thread) and ``palette`` serve them all. Panels talk
to AppState only, never to each other.
"""
