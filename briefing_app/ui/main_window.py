"""The main window: reader in the middle, panels in docks, File/Edit/View menus."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from briefing_app.model import edits
from briefing_app.model.io import LoadResult, needs_slow_parse
from briefing_app.model.problems import Problem
from briefing_app.state import AppState
from briefing_app.ui.background import run_in_process, run_in_thread
from briefing_app.ui.safety.autosave import AutosaveController, offer_recovery
from briefing_app.ui.safety.file_watch import ExternalChangeWatcher, check_before_save, note_saved, sha256_of
from briefing_app.ui.dock_layout import LEFT_MIN_WIDTH, LEFT_TABS, DefaultLayoutKeeper, arrange_default_docks
from briefing_app.ui.editors.authoring import install_authoring
from briefing_app.ui.help import add_help_actions
from briefing_app.ui import editors  # its dialogs load on first use
from briefing_app.ui.conflicts_dialog import open_conflicts_dialog, show_conflicts_if_any
from briefing_app.ui.sources.drop_import import ImportDropFilter
from briefing_app.ui.fill_in import fill_in
from briefing_app.ui.panel_docks import DockSpec, PanelDocks
from briefing_app.ui.reader.panel import ReaderPanel
from briefing_app.ui.window_actions import add_window_actions

MAX_RECENT = 10
BIG_WORKSPACE_ITEMS = 5000  # above this a save takes over a second: write it on a worker thread
_PROBLEM_LINE = re.compile(r"^(.*):(\d+):(\d+): (.*)$")
LAYOUT_VERSION = 4  # bump when docks change, so an old saved layout is not applied


_LEFT, _RIGHT, _BOTTOM = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea,
                          Qt.DockWidgetArea.BottomDockWidgetArea)
# Panels are named by module so that start-up imports only those in view; the deferred ones wait
# behind the entities tab and are built when brought to the front (see panel_docks).
DOCKS = (
    DockSpec("documents", "Documents", "briefing_app.ui.sources.document_list:DocumentListPanel", _LEFT),
    DockSpec("entities", "Entities", "briefing_app.ui.entities.panel:EntityPanel", _LEFT),
    DockSpec("map", "Map and relations", "briefing_app.ui.map.panel:MapPanel", _RIGHT),
    DockSpec("annotations", "Annotations", "briefing_app.ui.annotations.panel:AnnotationsPanel", _RIGHT,
             deferred=True),
    DockSpec("review", "Review queue", "briefing_app.ui.review.queue:ReviewQueuePanel", _RIGHT, deferred=True),
    DockSpec("search", "Search sources", "briefing_app.ui.search.panel:SearchPanel", _RIGHT, deferred=True),
    DockSpec("changes", "What changed", "briefing_app.ui.changes.panel:ChangesPanel", _LEFT, deferred=True),
    DockSpec("timeline", "Alliance timeline", "briefing_app.ui.timeline.panel:TimelinePanel", _BOTTOM),
)


def _problem_from_line(line: str) -> Problem | None:
    """A ``file:line:col: message`` line (as ``briefing-app validate`` prints) back into a Problem."""
    m = _PROBLEM_LINE.match(line)
    if not m:
        return None
    message = m.group(4)
    severity = "warning" if message.startswith("warning: ") else "error"
    return Problem(m.group(1), int(m.group(2)), int(m.group(3)), message.removeprefix("warning: "), severity)


class ProblemsDialog(QDialog):
    """Every problem of a workspace that could not be opened, copyable as text."""

    def __init__(self, title: str, result: LoadResult, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(820, 420)
        layout = QVBoxLayout(self)
        blocking = result.blocking or result.problems
        layout.addWidget(QLabel(
            f"<b>{result.path.name}</b> was not opened: {len(blocking)} problem(s). The current workspace is "
            "unchanged and nothing was written. Fix the lines below (or run <tt>briefing-app validate</tt>) "
            "and open it again.", self))
        self.text = QPlainTextEdit("\n".join(str(p) for p in result.problems), self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _open_annotate_dialog(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - same call as the dialog's
    # The annotate dialog pulls in the anchoring machinery: imported when first used (start-up).
    from briefing_app.ui.annotations.annotate_dialog import open_annotate_dialog

    return open_annotate_dialog(*args, **kwargs)


class MainWindow(QMainWindow):
    """One workspace: the reader in the centre, every other panel in a dock."""

    def __init__(self, state: AppState | None = None, restore_layout: bool = True):
        super().__init__()
        self.state = state or AppState(parent=self)
        self.setObjectName("MainWindow")
        self.setDockNestingEnabled(True)
        self.resize(1500, 950)

        self.reader = ReaderPanel(self.state, self)
        self.setCentralWidget(self.reader)
        self.panels = PanelDocks(self, self.state, self._on_panel_built)
        self.docks: dict[str, QDockWidget] = self.panels.docks
        for spec in DOCKS:
            self.addDockWidget(spec.area, self.panels.add(spec))
        self._arrange_default_docks()
        self._build_actions()
        self._build_menus()

        # Never lose work: periodic recovery file, and no silent overwrite of outside changes.
        self.autosave = AutosaveController(self.state, self)
        self.file_watch = ExternalChangeWatcher(self.state, self)

        self.state.message_posted.connect(self._on_message_posted)
        self.state.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.state.workspace_replaced.connect(self._on_workspace_replaced)
        self._accept_dropped_files()
        self._update_title()
        # False for headless commands (screenshot): they neither read nor save the user's layout.
        self.remember_layout = restore_layout
        if restore_layout:
            self.restore_layout()

    # -- layout ------------------------------------------------------------------------
    def _arrange_default_docks(self) -> None:
        arrange_default_docks(self, self.docks)
        if not hasattr(self, "layout_keeper"):
            self.layout_keeper = DefaultLayoutKeeper(self, self.docks)
        self.layout_keeper.restart()

    def _on_panel_built(self, name: str, panel: QWidget) -> None:
        """Wire a panel just made (at start, or later for one that waited behind a tab)."""
        gate = getattr(panel, "when_shown", None)
        if gate is not None:  # a panel behind another tab is rebuilt when brought to front
            gate.follow_dock(self.docks[name])
        if name == "timeline":
            panel.layout_in_slices = True  # a big workspace's lanes, between paints
        if name in LEFT_TABS and panel.minimumSizeHint().width() > LEFT_MIN_WIDTH:
            panel.setMinimumWidth(LEFT_MIN_WIDTH)  # its filter row is squeezed, not the reader
        if getattr(self, "remember_layout", False) and hasattr(panel, "remember_view_state"):
            panel.remember_view_state = True

    def show_changes(self, since: str, until: str = "") -> bool:
        """Enter compare mode between two text dates and bring the changes list forward."""
        self.docks["changes"].raise_()
        return self.panels["changes"].compare(since, until)

    def restore_layout(self) -> None:
        """Window geometry and dock layout as the user left them."""
        s = QSettings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        layout = s.value("window/state")
        if isinstance(layout, QByteArray) and self.restoreState(layout, LAYOUT_VERSION):
            self.layout_keeper.stop()
        for panel in self.panels.built().values():  # cursor, zoom and filters per workspace, as last left
            if hasattr(panel, "remember_view_state"):
                panel.remember_view_state = True

    def save_layout(self) -> None:
        s = QSettings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState(LAYOUT_VERSION))

    def panels_building(self) -> list[str]:
        """Panels still filling in after an open (a big workspace is built in event-loop slices)."""
        names = [name for name, panel in self.panels.built().items() if getattr(panel, "building", False)]
        return names + [key for key in fill_in(self.state).keys() if key not in names]  # the reader's too

    def set_map_view(self, view: str) -> None:
        """Switch the map panel to 'map' or 'graph' (used by the screenshot command)."""
        panel = self.panels.get("map")
        if panel is not None and hasattr(panel, "set_mode"):
            panel.set_mode(view)
        if "map" in self.docks:
            self.docks["map"].raise_()

    def _accept_dropped_files(self) -> None:
        """Files dropped on the window are imported as documents."""
        self.setAcceptDrops(True)
        self._drop_filter = ImportDropFilter(self.state, self)
        self.installEventFilter(self._drop_filter)

    # -- actions --------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.new_action = self._action("&New briefing…", self._new_workspace, K.New)
        self.open_action = self._action("&Open…", self._open_dialog, K.Open)
        self.save_action = self._action("&Save", self.save, K.Save)
        self.save_as_action = self._action("Save &As…", self.save_as, K.SaveAs)
        self.quit_action = self._action("&Quit", self.close, K.Quit)
        self.undo_action = self.state.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(K.Undo))
        self.redo_action = self.state.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence(K.Redo))
        self.find_action = self._action("&Find…", self._find, K.Find)
        self.search_sources_action = self._action("Search all &sources…", self._search_sources, "Ctrl+Shift+F")
        self.add_entity_action = self._action("Add &entity from selection…", self._add_entity_from_selection,
                                              "Ctrl+E")
        self.add_alias_action = self._action("Add selection as &alias of selected entity",
                                             self._add_alias_from_selection, "Ctrl+Shift+E")
        self.annotate_action = self._action("&Annotate selection…", self._annotate_selection, "Ctrl+Shift+A")
        self.briefing_properties_action = self._action("&Briefing properties…",
                                                       lambda: editors.open_briefing_dialog(self.state, self))
        self.new_entity_action = self._action("&New entity…", lambda: editors.open_entity_dialog(self.state, None, self))
        self.reset_layout_action = self._action("Reset &layout", self._reset_layout)
        self.about_action = self._action("&About", self._about)
        reader_view = getattr(self.reader, "view", None)
        if reader_view is not None:
            for a in (self.annotate_action, self.add_entity_action, self.add_alias_action):
                reader_view.addAction(a)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        self._add_import_export_actions(file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.search_sources_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.annotate_action)
        edit_menu.addAction(self.add_entity_action)
        edit_menu.addAction(self.add_alias_action)
        self.authoring = install_authoring(self, edit_menu, _open_annotate_dialog)
        edit_menu.addSeparator()
        edit_menu.addAction(self.briefing_properties_action)
        edit_menu.addAction(self.new_entity_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self._action("Resolve &merge conflicts…", lambda: open_conflicts_dialog(self.state, self)))
        view_menu = bar.addMenu("&View")
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        view_menu.addAction(self.reset_layout_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        self.help_actions = add_help_actions(self, help_menu)  # quick start, guide (F1), shortcuts, licences
        help_menu.addAction(self.about_action)
        self.close_action = add_window_actions(self, file_menu, self.quit_action)  # Close (Ctrl+W), Quit keys

    def _add_import_export_actions(self, menu) -> None:  # noqa: ANN001
        """Import and export entries."""
        self.import_dialog_action = self._action("&Import documents…",
                                                 self._open_import_dialog, "Ctrl+I")
        self.export_dialog_action = self._action("&Export briefing…",
                                                 self._open_export_dialog, "Ctrl+Shift+P")
        menu.addAction(self.import_dialog_action)
        menu.addAction(self.export_dialog_action)

    def _open_import_dialog(self) -> None:
        from briefing_app.ui.sources.import_dialog import open_import_dialog  # the importers, loaded when first used

        open_import_dialog(self.state, self)

    def _open_export_dialog(self) -> None:
        from briefing_app.ui.export_dialog import open_export_dialog  # the PDF machinery, imported when first used

        open_export_dialog(self.state, self)

    # -- files --------------------------------------------------------------------------
    def open_path(self, path: str | Path) -> bool:
        """Open a workspace; on problems show them and keep the current one."""
        if not self._confirm_discard():
            return False
        if needs_slow_parse(path) and not self._parse_in_child(Path(path)):
            return False
        result = self.state.open(path)
        if result.workspace is None or result.blocking:
            ProblemsDialog("Workspace not opened", result, self).exec()
            return False
        self._remember_recent(Path(path))
        offer_recovery(self.state, self)
        show_conflicts_if_any(self.state, self)  # a file left by `briefing-app merge` with conflicts
        return True

    def _parse_in_child(self, path: Path) -> bool:
        """Parse a big new file in a child process (libyaml holds the interpreter for
        seconds), which leaves the parsed snapshot in the cache for a fast open here.

        Returns False when the user cancelled or the file cannot be opened (problems shown).
        """
        outcome = run_in_process(self, f"Reading {path.name} for the first time…", ["validate", str(path)])
        if outcome is None:
            self.statusBar().showMessage(f"Opening {path.name} cancelled", 5000)
            return False
        if needs_slow_parse(path):  # nothing cached: the file has problems that block opening
            problems = [p for line in outcome[1].splitlines() if (p := _problem_from_line(line))]
            result = LoadResult(path, None, problems or [Problem(str(path), 1, 1, "could not be read")])
            ProblemsDialog("Workspace not opened", result, self).exec()
            return False
        return True

    def _new_workspace(self) -> None:
        """File ▸ New: unsaved changes first, then a title and folder; the new briefing opens."""
        if not self._confirm_discard():
            return
        path = editors.ask_new_workspace(self)
        if path is not None and self.state.open(path).workspace is not None:
            self._remember_recent(path)

    def _open_dialog(self) -> None:
        start = str(self.state.path.parent) if self.state.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open workspace", start,
                                              "Briefing workspaces (*.briefing.yaml *.yaml *.yml);;All files (*)")
        if path:
            self.open_path(path)

    def save(self) -> bool:
        if self.state.path is None:
            return self.save_as()
        return self._save_to(self.state.path)

    def save_as(self) -> bool:
        start = str(self.state.path) if self.state.path else "untitled.briefing.yaml"
        path, _ = QFileDialog.getSaveFileName(self, "Save workspace as", start, "Briefing workspaces (*.briefing.yaml)")
        if not path:
            return False
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        expected = sha256_of(path)  # the version confirmed below; the save refuses if it changes meanwhile
        if not check_before_save(self.state, path):
            return False
        ws = self.state.workspace
        big = len(ws.entities) + len(ws.relations) + len(ws.events) + len(ws.annotations) > BIG_WORKSPACE_ITEMS
        run = (lambda write: run_in_thread(self, f"Saving {path.name}…", write)) if big else None
        try:
            self.state.save(path, run=run, expected_sha256=expected)
        except OSError as exc:
            QMessageBox.critical(self, "Not saved", f"Could not write {path}:\n{exc.strerror or exc}\n\n"
                                 "Your edits are still here; choose another place with Save As.")
            return False
        note_saved(self.state)
        self._remember_recent(path)
        self._update_title()
        return True

    def _remember_recent(self, path: Path) -> None:
        s = QSettings()
        recent = [p for p in (s.value("recent", []) or []) if p != str(path.resolve())]
        s.setValue("recent", [str(path.resolve()), *recent][:MAX_RECENT])

    def recent_files(self) -> list[str]:
        value = QSettings().value("recent", []) or []
        return [value] if isinstance(value, str) else list(value)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for p in self.recent_files():
            action = self.recent_menu.addAction(p)
            action.triggered.connect(lambda _=False, p=p: self.open_path(p))
        if not self.recent_menu.actions():
            self.recent_menu.addAction("(none)").setEnabled(False)

    def _confirm_discard(self) -> bool:
        """Ask what to do with unsaved changes; False means the user cancelled."""
        if not self.state.is_modified:
            return True
        answer = QMessageBox.question(
            self, "Unsaved changes",
            f"Save the changes to {self.state.path.name if self.state.path else 'this workspace'}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._confirm_discard():
            event.ignore()
            return
        if self.remember_layout:
            self.save_layout()
        self.autosave.shutdown(discard=True)
        self.file_watch.release()
        if self.panels.is_built("search"):
            self.panels["search"].shutdown()
        event.accept()

    def _search_sources(self) -> None:
        self.docks["search"].show()
        self.docks["search"].raise_()
        self.panels["search"].query.setFocus()
        self.panels["search"].query.selectAll()

    # -- reader selection → edits -----------------------------------------------------
    def _reader_selection(self) -> tuple[str, int, int, str] | None:
        doc_id = self.state.current_document
        view = getattr(self.reader, "view", None)
        if doc_id is None or view is None:
            return None
        selected = view.selected_range()  # Python offsets (Qt's are UTF-16 units)
        if selected is None:
            self.statusBar().showMessage("Select some text in the reader first", 4000)
            return None
        start, end = selected
        text = self.state.document_text(doc_id)[start:end]
        return doc_id, start, end, text

    def _add_entity_from_selection(self) -> None:
        sel = self._reader_selection()
        if sel is None:
            return
        editors.open_entity_dialog(self.state, None, self, name=" ".join(sel[3].split()))

    def _add_alias_from_selection(self) -> None:
        sel = self._reader_selection()
        kind, entity_id = self.state.selection
        if sel is None:
            return
        if kind != "entity":
            self.statusBar().showMessage("Select the entity first (click it in the list), then the text", 5000)
            return
        alias = " ".join(sel[3].split())
        self.state.edit(f"Add alias '{alias}'", edits.add_alias, entity_id, alias)

    def _annotate_selection(self) -> None:
        sel = self._reader_selection()
        if sel is None:
            return
        from briefing_app.ui.annotations.annotate_dialog import open_annotate_dialog  # imported when first used

        open_annotate_dialog(self.state, sel[0], sel[1], sel[2], self)

    def _find(self) -> None:
        if hasattr(self.reader, "show_find_bar"):
            self.reader.show_find_bar()

    def _reset_layout(self) -> None:
        for dock in self.docks.values():
            dock.setFloating(False)
            dock.show()
        self._arrange_default_docks()

    def _about(self) -> None:
        from briefing_app import __version__

        QMessageBox.about(self, self.tr("About Briefing desk"),
                          f"<b>Briefing desk</b> {__version__}<br>" + self.tr(
                              "Read sources, track who stands with whom and since when, and hand over a briefing "
                              "whose every claim points to its source.<br><br>MIT licence. Map data: Natural Earth "
                              "(public domain). Help ▸ Licences lists what ships under which terms."))

    # -- state signals --------------------------------------------------------------------
    def _on_message_posted(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _on_clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _on_workspace_replaced(self) -> None:
        self._update_title()

    def _update_title(self) -> None:
        name = self.state.path.name if self.state.path else "untitled"
        self.setWindowTitle(f"{name}[*] — Briefing desk")
        self.setWindowModified(self.state.is_modified)
