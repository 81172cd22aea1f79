"""Where ``QSettings()`` keeps the user's settings: one INI file under the app id.

Every ``QSettings()`` in the app (window layout, recent files, export choices)
reads and writes ``<config dir>/org.briefingdesk.BriefingDesk/BriefingDesk.ini``
(``~/.config/...`` on Linux, from :func:`briefing_app.resources.config_dir`),
the same folder naming as the cache and the recovery files. Settings written
by earlier builds (Qt's native default, ``~/.config/BriefingDesk/Briefing desk.conf``) are copied
over once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings

from briefing_app import APP_ID
from briefing_app.resources import config_dir

__all__ = ["APPLICATION_NAME", "configure_settings", "settings_file"]

APPLICATION_NAME = "BriefingDesk"  # the settings file's name and the X11 window class
_OLD_LOCATION = ("BriefingDesk", "Briefing desk.conf")  # earlier builds: Qt's native default


def settings_file() -> Path:
    """The INI file that ``QSettings()`` uses once :func:`configure_settings` ran."""
    return config_dir() / f"{APPLICATION_NAME}.ini"


def configure_settings() -> None:
    """Point the default ``QSettings()`` at :func:`settings_file`; call before any is made."""
    QCoreApplication.setOrganizationName(APP_ID)
    QCoreApplication.setApplicationName(APPLICATION_NAME)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    # QSettings adds <organization>/<application>.ini under this path.
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(config_dir().parent))
    _import_old_settings()


def _import_old_settings() -> None:
    old = config_dir().parent.joinpath(*_OLD_LOCATION)
    if settings_file().exists() or not old.is_file():
        return
    source = QSettings(str(old), QSettings.Format.NativeFormat)
    target = QSettings()
    for key in source.allKeys():
        target.setValue(key, source.value(key))
    target.sync()
