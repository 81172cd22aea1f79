"""The help texts shipped with the package, in the system language where translated."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale

TEXTS_DIR = Path(__file__).resolve().parent / "texts"


def help_text(name: str, locale: QLocale | None = None) -> str:
    """The Markdown of ``texts/<name>.md``, or of ``<name>.<lang>.md`` for the locale's language.

    Raises:
        FileNotFoundError: no such text (a packaging mistake the wheel test catches).
    """
    locale = locale or QLocale.system()
    for language in locale.uiLanguages():
        for tag in (language.replace("-", "_"), language.split("-")[0]):
            candidate = TEXTS_DIR / f"{name}.{tag}.md"
            if candidate.is_file():
                return candidate.read_text(encoding="utf-8")
    return (TEXTS_DIR / f"{name}.md").read_text(encoding="utf-8")
