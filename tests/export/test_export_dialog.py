"""The export dialog: choices remembered per workspace, export with progress."""

from __future__ import annotations

import datetime as _dt

import pytest
from PySide6.QtCore import QSettings

from briefing_app.state import AppState
from briefing_app.ui import export_dialog as ui
from briefing_app.ui.export_dialog import ExportDialog, run_export


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_defaults_come_from_the_workspace(qtbot, workspace, settings, tmp_path):
    state = AppState(workspace, tmp_path / "ws" / "a.briefing.yaml")
    dlg = ExportDialog(state, settings=settings)
    qtbot.addWidget(dlg)
    opts = dlg.options()
    assert opts.as_of == _dt.date(2023, 4, 30)
    assert opts.banner == "UNCLASSIFIED // FOR TRAINING"
    assert opts.paper == "A4"
    assert dlg.out_path().name == "a.pdf"


def test_choices_are_remembered_per_workspace(qtbot, workspace, settings, tmp_path):
    state_a = AppState(workspace, tmp_path / "a.briefing.yaml")
    dlg = ExportDialog(state_a, settings=settings)
    qtbot.addWidget(dlg)
    dlg._paper.setCurrentText("Letter")
    dlg._banner.setText("SECRET//NOFORN")
    dlg._section_boxes["glossary"].setChecked(False)
    dlg.save_choices()

    again = ExportDialog(state_a, settings=settings)
    qtbot.addWidget(again)
    assert again.options().paper == "Letter"
    assert again.options().banner == "SECRET//NOFORN"
    assert "glossary" not in again.options().sections

    other = ExportDialog(AppState(workspace, tmp_path / "b.briefing.yaml"), settings=settings)
    qtbot.addWidget(other)
    assert other.options().paper == "A4" and "glossary" in other.options().sections


def test_run_export_writes_and_reports(qtbot, workspace, tmp_path, monkeypatch):
    state = AppState(workspace, None)
    messages = []
    state.message_posted.connect(messages.append)
    warned = []
    monkeypatch.setattr(ui.QMessageBox, "warning", lambda *a: warned.append(a))
    report = run_export(state, tmp_path / "out.pdf", ui.ExportOptions(sections=("bluf", "sources")))
    assert report is not None and report.path == tmp_path / "out.pdf" and report.path.exists()
    assert messages and messages[-1].startswith("Exported")


def test_run_export_failure_is_a_message_not_a_crash(qtbot, workspace, tmp_path, monkeypatch):
    state = AppState(workspace, None)
    errors = []
    monkeypatch.setattr(ui.QMessageBox, "critical", lambda *a: errors.append(a[2]))
    assert run_export(state, tmp_path / "missing" / "out.pdf", ui.ExportOptions()) is None
    assert "does not exist" in errors[0]


def test_cancel_in_the_progress_dialog_writes_nothing(qtbot, workspace, tmp_path, monkeypatch):
    state = AppState(workspace, None)
    messages = []
    state.message_posted.connect(messages.append)
    values = []

    class Cancelling(ui.QProgressDialog):
        def setValue(self, value):
            super().setValue(value)
            values.append(value)
            if value >= 30:  # the user presses Cancel once the pages are being painted
                self.cancel()

    monkeypatch.setattr(ui, "QProgressDialog", Cancelling)
    report = run_export(state, tmp_path / "out.pdf", ui.ExportOptions())
    assert report is not None and report.cancelled
    assert not (tmp_path / "out.pdf").exists()
    assert values == sorted(values) and values[0] == 0
    assert messages[-1] == "Export cancelled; no file was written"


def test_sections_sit_in_two_columns_and_the_path_has_room(qtbot, workspace, settings, tmp_path):
    dlg = ExportDialog(AppState(workspace, tmp_path / "a.briefing.yaml"), settings=settings)
    qtbot.addWidget(dlg)
    dlg.show()
    xs = {box.x() for box in dlg._section_boxes.values()}
    assert len(xs) == 2
    assert dlg._path.width() > dlg.fontMetrics().horizontalAdvance(dlg._path.text()) * 0.6


def test_as_of_defaults_to_latest_item_or_moved_cursor_and_warns_about_newer(qtbot, workspace, settings, tmp_path):
    import dataclasses

    from briefing_app.export.compose import latest_dated, newer_than

    ws = workspace.with_(briefing=dataclasses.replace(workspace.briefing, as_of=None))
    latest = latest_dated(ws)
    state = AppState(ws, tmp_path / "c.briefing.yaml")
    dlg = ExportDialog(state, settings=settings)
    qtbot.addWidget(dlg)
    assert dlg.options().as_of == latest
    assert dlg.newer_warning.isHidden()
    cursor = latest - _dt.timedelta(days=400)
    state.set_time_cursor(cursor)
    moved = ExportDialog(state, settings=settings)
    qtbot.addWidget(moved)
    assert moved.options().as_of == cursor
    newer = newer_than(ws, cursor)
    assert newer and not moved.newer_warning.isHidden()
    assert f"{len(newer)} item(s) are newer" in moved.newer_warning.text() and newer[0] in moved.newer_warning.text()


def test_changes_since_control(qtbot, workspace, settings, tmp_path, monkeypatch):
    from briefing_app.model.dates import PartialDate

    state = AppState(workspace, tmp_path / "ws" / "a.briefing.yaml")
    dlg = ExportDialog(state, settings=settings)
    qtbot.addWidget(dlg)
    assert dlg.options().changes_since is None
    dlg.set_changes_since(PartialDate.parse("2019-06"))
    assert dlg.options().changes_since == PartialDate(2019, 6)
    warned = []
    monkeypatch.setattr(ui.QMessageBox, "warning", lambda *a: warned.append(a[2]))
    dlg._changes_since.setText("last June")
    dlg._accept()
    assert warned and "Changes since" in warned[0] and dlg.result() == 0
