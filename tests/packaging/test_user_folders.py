"""Settings, cache and recovery share one app id, and headless commands leave settings alone."""

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from briefing_app import APP_ID, resources
from briefing_app.cli import main


def test_every_user_folder_is_named_by_the_app_id(qapp, monkeypatch, tmp_path):
    from briefing_app.export import fonts
    from briefing_app.model import parse_cache
    from briefing_app.render.settings import settings_file
    from briefing_app.ui.safety.autosave import recovery_dir

    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    assert resources.config_dir() == tmp_path / "xdg_config_home" / APP_ID
    assert parse_cache.cache_dir() == tmp_path / "xdg_cache_home" / APP_ID / "parsed"
    assert fonts.cache_dir() == tmp_path / "xdg_cache_home" / APP_ID / "fonts"
    assert recovery_dir() == tmp_path / "xdg_state_home" / APP_ID / "recovery"
    assert settings_file().parent == resources.config_dir()


def test_default_qsettings_is_the_settings_file(qapp):
    from briefing_app.render.settings import settings_file

    assert Path(QSettings().fileName()) == settings_file()
    assert settings_file().parent.name == APP_ID


@pytest.fixture
def fresh_settings(qapp, monkeypatch, tmp_path):
    """Point QSettings at an empty config folder for one test, then back."""
    from briefing_app.render.settings import configure_settings

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    yield tmp_path / "config"
    monkeypatch.undo()
    configure_settings()


def test_settings_of_earlier_builds_are_imported_once(fresh_settings):
    from briefing_app.render.settings import configure_settings, settings_file

    old = fresh_settings / "BriefingDesk" / "Briefing desk.conf"
    legacy = QSettings(str(old), QSettings.Format.NativeFormat)
    legacy.setValue("recent", ["/tmp/a.briefing.yaml"])
    legacy.sync()
    configure_settings()
    assert settings_file().is_file()
    assert QSettings().value("recent") == ["/tmp/a.briefing.yaml"]
    QSettings().setValue("recent", ["/tmp/b.briefing.yaml"])
    configure_settings()  # a second start does not import again over newer settings
    assert QSettings().value("recent") == ["/tmp/b.briefing.yaml"]


def _saved_geometry():
    value = QSettings().value("window/geometry")
    return bytes(value.data()) if isinstance(value, QByteArray) else value


def test_screenshot_does_not_touch_the_saved_layout(fresh_settings, tiny_workspace_path, tmp_path, capsys):
    QSettings().setValue("window/geometry", QByteArray(b"the user's layout"))
    QSettings().sync()
    before = Path(QSettings().fileName()).read_bytes()
    out = tmp_path / "shot.png"
    assert main(["screenshot", str(tiny_workspace_path), "-o", str(out), "--size", "800x600"]) == 0
    assert out.stat().st_size > 0
    assert _saved_geometry() == b"the user's layout"
    assert Path(QSettings().fileName()).read_bytes() == before


def test_a_window_that_remembers_saves_its_layout_on_close(fresh_settings, qtbot):
    from briefing_app.ui.main_window import MainWindow

    QSettings().setValue("window/geometry", QByteArray(b"the user's layout"))
    window = MainWindow()
    qtbot.addWidget(window)
    window.close()
    assert _saved_geometry() != b"the user's layout"
