"""Where the app's files are: bundled files it ships, and the user's folders it writes.

Bundled files (``resources/``, ``data/``, ``licenses/``, the desktop files of
``packaging/``) are found in one of
three places, in this order:

- a PyInstaller bundle: under ``sys._MEIPASS`` (the spec copies them there);
- an installed wheel: ``briefing_app/_bundled/`` (``setup.py`` copies the
  checkout's top-level folders there when it builds the wheel);
- a checkout or an editable install: the folder above the package.

The user's folders all carry the one application id (:data:`briefing_app.APP_ID`),
through platformdirs: on Linux ``~/.config/<id>`` (settings), ``~/.cache/<id>``
(parsed workspaces, derived fonts) and ``~/.local/state/<id>`` (crash recovery),
each following its ``XDG_*_HOME`` variable. No Qt import: the model layer uses
these functions too.
"""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

from briefing_app import APP_ID

BUNDLED_DIR = "_bundled"  # inside the package, in an installed wheel


def base_dir() -> Path:
    """The folder holding ``resources/``, ``data/`` and ``licenses/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen:
        return Path(frozen)
    package = Path(__file__).resolve().parent
    installed = package / BUNDLED_DIR
    if installed.is_dir():
        return installed
    return package.parent


def resource_path(*parts: str) -> Path:
    """A path under ``resources/`` (icons, map data, translations); it may not exist."""
    return base_dir().joinpath("resources", *parts)


def data_path(*parts: str) -> Path:
    """A path under ``data/`` (the bundled example workspace); it may not exist."""
    return base_dir().joinpath("data", *parts)


def packaging_path(*parts: str) -> Path:
    """A path under ``packaging/`` (the desktop entry, metainfo and MIME type); it may not exist."""
    return base_dir().joinpath("packaging", *parts)


def license_paths() -> list[Path]:
    """The licence texts shipped with the app: ``LICENSE`` first, then ``licenses/*``."""
    base = base_dir()
    found = [base / "LICENSE"] if (base / "LICENSE").is_file() else []
    folder = base / "licenses"
    if folder.is_dir():
        found += sorted(p for p in folder.rglob("*") if p.is_file())
    return found


# -- the user's folders (created by whoever writes there first, not here) ------------------
def config_dir() -> Path:
    """Settings (window layout, recent files, export choices): ``~/.config/<app id>``."""
    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False))


def cache_dir(*parts: str) -> Path:
    """Files that can be rebuilt at any time: ``~/.cache/<app id>/...``."""
    return Path(platformdirs.user_cache_dir(APP_ID, appauthor=False)).joinpath(*parts)


def state_dir(*parts: str) -> Path:
    """State worth keeping across restarts but not a setting (crash recovery):
    ``~/.local/state/<app id>/...``."""
    return Path(platformdirs.user_state_dir(APP_ID, appauthor=False)).joinpath(*parts)
