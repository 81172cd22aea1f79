"""Help ▸ Quick start, User guide (F1), Keyboard shortcuts, Licences; Close and Quit keys; translations."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QKeySequence

from briefing_app.ui.help.shortcuts import shortcut_rows
from briefing_app.ui.help.texts import help_text
from briefing_app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tiny_workspace_path):
    w = MainWindow(restore_layout=False)
    qtbot.addWidget(w)
    w.state.open(tiny_workspace_path)
    return w


def _menu(window, title):
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title:
            return action.menu()
    raise AssertionError(f"no {title} menu")


def _keys(window) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in shortcut_rows(window):
        for key in row.keys:
            found.setdefault(key, set()).add(row.action)
    return found


def test_help_menu_entries_in_order(window):
    texts = [a.text().replace("&", "") for a in _menu(window, "Help").actions() if not a.isSeparator()]
    assert texts == ["Quick start", "User guide", "Keyboard shortcuts", "Licences", "About"]


def test_standard_shortcuts(window):
    keys = _keys(window)
    expected = {"Ctrl+O": "Open", "Ctrl+S": "Save", "Ctrl+Shift+S": "Save As", "Ctrl+W": "Close",
                "Ctrl+Q": "Quit", "Ctrl+Z": "Undo", "Ctrl+Shift+Z": "Redo", "Ctrl+F": "Find", "F1": "User guide"}
    for key, action in expected.items():
        assert any(a.startswith(action) for a in keys.get(key, ())), (key, keys.get(key))


def test_every_key_the_help_texts_name_is_a_real_shortcut(window):
    keys = _keys(window)
    for name in ("quick_start", "guide"):
        named = set(re.findall(r"\*\*((?:Ctrl|Shift|Alt|F\d|Enter|Esc)[^*]*)\*\*", help_text(name)))
        assert named, name
        for key in named:
            assert key in keys, f"{name}.md names {key}, which no action or panel has"


def test_f1_opens_the_guide_and_quick_start_opens(window, qtbot):
    assert QKeySequence("F1") in window.help_actions.guide_action.shortcuts()
    window.help_actions.guide_action.trigger()
    guide = window.help_actions.dialogs["guide"]
    assert guide.isVisible() and "Exporting the briefing" in guide.browser.toPlainText()
    window.help_actions.quick_start_action.trigger()
    assert "Quick start" in window.help_actions.dialogs["quick_start"].browser.toPlainText()


def test_shortcut_list_shows_the_current_keys(window):
    window.help_actions.shortcuts_action.trigger()
    text = window.help_actions.dialogs["shortcuts"].browser.toPlainText()
    for needle in ("Close", "Ctrl+W", "Save As", "Ctrl+Shift+S", "User guide", "F1", "Annotate selection"):
        assert needle in text


def test_licences_show_ours_and_the_fonts(window):
    window.help_actions.licences_action.trigger()
    text = window.help_actions.dialogs["licences"].browser.toPlainText()
    assert "MIT License" in text and "SIL OPEN FONT LICENSE" in text


def test_close_closes_the_window(window):
    window.show()
    window.close_action.trigger()
    assert not window.isVisible()


def test_a_compiled_catalogue_translates_the_menu(qapp, qtbot, tmp_path):
    from briefing_app.render.translations import CATALOGUE, install_translators

    ts = tmp_path / f"{CATALOGUE}_de.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="de">'
        "<context><name>MainWindow</name>"
        "<message><source>&amp;Help</source><translation>&amp;Hilfe</translation></message>"
        "<message><source>&amp;Close</source><translation>&amp;Schließen</translation></message>"
        "</context><context><name>HelpActions</name>"
        "<message><source>User &amp;guide</source><translation>&amp;Handbuch</translation></message>"
        "</context></TS>", encoding="utf-8")
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), str(ts), "-qm", str(tmp_path / f"{CATALOGUE}_de.qm")], check=True,
                   capture_output=True)
    installed = install_translators(qapp, QLocale("de_DE"), tmp_path)
    try:
        assert installed, "the catalogue was not loaded"
        w = MainWindow(restore_layout=False)
        qtbot.addWidget(w)
        help_menu = _menu(w, "Hilfe")
        assert "Handbuch" in [a.text().replace("&", "") for a in help_menu.actions()]
        assert "Schließen" in [a.text().replace("&", "") for a in _menu(w, "File").actions()]
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    assert not install_translators(qapp, QLocale("xx"), tmp_path)


def test_shortcut_list_leaves_out_media_keys_and_puts_ctrl_w_first(window):
    rows = {(row.menu, row.action): row.keys for row in shortcut_rows(window)}
    assert rows[("File", "Close")][0] == "Ctrl+W"
    assert rows[("Help", "User guide")] == ("F1",)  # not the "Help" media key
