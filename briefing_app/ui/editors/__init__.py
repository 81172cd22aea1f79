"""Editors that change the workspace through AppState, one undoable edit per save.

Shared by the window and the panels' menus; panels reach them only through
what the main window installs, so panels still never import each other.
"""
