"""Translations for the system's language, where a compiled catalogue exists.

Two catalogues are looked up for :meth:`QLocale.system` (each of its UI
languages in turn, e.g. ``de_AT`` then ``de``): Qt's own (``qtbase_<lang>.qm``
from the Qt installation: standard buttons, file dialogs) and the app's
(``briefing_desk_<lang>.qm`` under ``resources/translations``). A missing
catalogue is normal (English needs none): the strings stay as written.

The app's strings are marked with ``self.tr()`` / ``QCoreApplication.translate()``;
``pyside6-lupdate`` extracts them into ``.ts`` files and ``pyside6-lrelease``
compiles those into the ``.qm`` files read here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from briefing_app.resources import resource_path

__all__ = ["CATALOGUE", "install_translators", "translations_dir"]

CATALOGUE = "briefing_desk"


def translations_dir() -> Path:
    """Where the app's ``.qm`` files are shipped."""
    return resource_path("translations")


def install_translators(app: QCoreApplication, locale: QLocale | None = None,
                        folder: Path | None = None) -> list[QTranslator]:
    """Install Qt's and the app's translators for ``locale`` (default: the system's).

    Returns:
        The translators installed (parented to ``app``); empty when no catalogue matches.
    """
    locale = locale or QLocale.system()
    installed = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, where in (("qtbase", qt_folder), (CATALOGUE, str(folder or translations_dir()))):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", where) and app.installTranslator(translator):
            installed.append(translator)
        else:
            translator.deleteLater()
    return installed
