"""Where the app's bundled files are, from a source tree or a frozen bundle.

From a checkout (or an editable install) ``resources/`` and ``data/`` sit
beside the ``briefing_app`` package. In a PyInstaller bundle they are
unpacked under ``sys._MEIPASS`` (the spec copies them there under the same
names), so every lookup of a bundled file goes through these two functions.
No Qt import: the model layer uses :func:`data_path` for the bundled example.
"""

from __future__ import annotations

import sys
from pathlib import Path


def base_dir() -> Path:
    """The folder holding ``resources/`` and ``data/``.

    ``sys._MEIPASS`` when running from a PyInstaller bundle, otherwise the
    folder above the package (the repository root).
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[1]


def resource_path(*parts: str) -> Path:
    """A path under ``resources/`` (icons, map data, styles); it may not exist."""
    return base_dir().joinpath("resources", *parts)


def data_path(*parts: str) -> Path:
    """A path under ``data/`` (the bundled example workspace); it may not exist."""
    return base_dir().joinpath("data", *parts)
